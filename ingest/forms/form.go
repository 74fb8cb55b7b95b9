package forms

import (
	"strings"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// Labels whose value is the rest of the row (long texts).
var textLabels = map[string]bool{
	"项目概况": true, "立项依据": true, "项目立项依据": true, "项目设立必要性": true, "项目设立的必要性": true,
	"保证项目实施的制度、措施": true, "保证项目实施的制度和措施": true, "项目实施计划": true,
	"部门职责": true, "部门战略目标": true, "年度绩效目标": true, "总体目标": true,
}

// Labels that take the next cell as their value.
var pairLabels = map[string]bool{
	"项目名称": true, "主管部门及代码": true, "主管部门": true, "主管部门名称": true, "实施单位": true,
	"项目属性": true, "项目性质": true, "项目期": true, "项目类别": true, "项目类型": true,
	"部门名称": true, "部门(单位)名称": true, "单位名称": true, "预算单位名称": true,
}

// Section labels that carry no value of their own.
var sectionLabels = map[string]bool{"部门基本信息": true, "基本信息": true}

// Goal-column headers of project forms: the period column, the annual
// column, and the label of a goal block whose texts sit in the next row.
var goalHeaders = map[string]bool{
	"实施期目标": true, "年度目标": true, "中长期目标": true,
	"项目总目标": true, "年度总体目标": true, "项目绩效目标": true, "总体绩效目标": true,
	"实施期总目标": true, "实施期绩效目标": true,
}

func isAnnualGoalHeader(k string) bool {
	return k == "年度目标" || k == "年度总体目标" || k == "年度绩效目标"
}

func isPeriodGoalHeader(k string) bool {
	return k == "实施期目标" || k == "中长期目标" || k == "项目总目标" || k == "实施期总目标" || k == "实施期绩效目标"
}

// isFundingTotal recognises the labels of the funding totals.
func isFundingTotal(k string) bool {
	for _, p := range []string{"实施期资金总额", "实施期资金", "中期资金总额", "项目资金总额", "年度资金总额", "年度资金申请总额", "年度资金"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// isTasks recognises the department form's task block label.
func isTasks(k string) bool {
	return strings.HasPrefix(k, "年度重点任务") || strings.HasPrefix(k, "年度主要任务")
}

// deptGoalLabels hold the department form's goal text in the next cell.
var deptGoalLabels = map[string]bool{"年度总体目标": true, "整体绩效目标": true, "总体绩效目标": true, "年度绩效目标": true}

func isKnownLabel(k string) bool {
	return textLabels[k] || pairLabels[k] || sectionLabels[k] || goalHeaders[k] ||
		strings.HasPrefix(k, "项目资金") || strings.HasPrefix(k, "年度预算情况") || isTasks(k)
}

// form sections
const (
	secNone = iota
	secFunding
	secGrid
	secBudget
	secTasks
	secGoals
)

type builder struct {
	f          model.PerfForm
	titleScope string
	sawDept    bool
	empty      bool

	section int
	factor  decimal.Decimal // funding unit → yuan
	// column of the 年度资金总额 label, to place single source cells
	annualFundCol int
	annualGoalCol int
	periodGoalCol int

	// indicator grid
	scopes []string
	l1     string
	l2     []string

	// department 年度预算情况
	budgetFactor decimal.Decimal
	dirCol       int
	taskLabel    string
}

func newBuilder(ttl, scope string, ref doc.Ref) *builder {
	return &builder{
		f:            model.PerfForm{Scope: scope, Title: ttl, SourceRef: ref.String(), ProjectIndex: -1},
		titleScope:   scope,
		empty:        true,
		factor:       decimal.NewFromInt(1),
		budgetFactor: decimal.NewFromInt(10000),
	}
}

func (b *builder) finish() (model.PerfForm, bool) {
	if b.empty {
		return model.PerfForm{}, false
	}
	backfill(b.f.Indicators)
	switch {
	case b.f.Project != "":
		b.f.Scope = model.FormProject
	case b.sawDept || b.titleScope == model.FormDepartment:
		b.f.Scope = model.FormDepartment
	}
	return b.f, true
}

func (b *builder) isDepartment() bool {
	return b.f.Project == "" && (b.sawDept || b.titleScope == model.FormDepartment)
}

func (b *builder) field(label, value string, ref doc.Ref) {
	b.f.Fields = append(b.f.Fields, model.Field{Label: label, Value: value, SourceRef: ref.String()})
}

// parseRows splits a run of form rows into forms (a new form starts at a
// second 项目名称 row or after a footer) and parses each.
func parseRows(rows []doc.Row, ttl, scope string, ref doc.Ref) []model.PerfForm {
	var out []model.PerfForm
	b := newBuilder(ttl, scope, ref)
	flush := func(next doc.Ref) {
		if f, ok := b.finish(); ok {
			out = append(out, f)
		}
		b = newBuilder(ttl, scope, next)
	}
	for _, r := range rows {
		toks := tokens(r)
		if len(toks) == 0 {
			continue
		}
		k0 := key(toks[0].text)
		if k0 == "项目名称" && (b.f.Project != "" || len(b.f.Indicators) > 0) {
			flush(r.Ref)
		}
		if b.empty && len(out) > 0 {
			b.f.SourceRef = r.Ref.String()
		}
		b.empty = false
		if isFooter(toks) {
			b.footer(toks, r.Ref)
			flush(r.Ref)
			continue
		}
		if isGridHeader(toks) {
			b.startGrid(toks)
			continue
		}
		if b.section == secGrid && !isKnownLabel(k0) {
			b.gridRow(toks, r.Ref)
			continue
		}
		b.row(toks, r.Ref)
	}
	flush(ref)
	return out
}

func (b *builder) footer(toks []tok, ref doc.Ref) {
	for i := 0; i < len(toks); i++ {
		l := norm(toks[i].text)
		if !isFooterLabel(l) {
			continue
		}
		if i+1 < len(toks) && !isFooterLabel(norm(toks[i+1].text)) {
			b.field(l, toks[i+1].text, ref)
			i++
		}
	}
}

func isFooterLabel(l string) bool {
	for _, w := range []string{"负责人", "经办人", "联系电话", "填报日期", "填报人", "审核人"} {
		if l == w {
			return true
		}
	}
	return false
}

// row parses a header row of a form: label/value pairs, funding lines,
// goals, department sections.
func (b *builder) row(toks []tok, ref doc.Ref) {
	k0 := key(toks[0].text)
	if isKnownLabel(k0) && (b.section == secBudget || b.section == secTasks) {
		b.section = secNone
	}
	switch {
	case strings.HasPrefix(k0, "年度预算情况"):
		b.section = secBudget
		b.dirCol = 1 << 30
		for _, t := range toks[1:] {
			k := key(t.text)
			if strings.Contains(k, "资金方向") || strings.Contains(k, "支出方向") {
				b.dirCol = t.col
			}
			if u := unitIn(k); u != "" {
				if f, ok := values.UnitFactor(u); ok {
					b.budgetFactor = f
				}
			}
		}
		return
	case isTasks(k0):
		b.section = secTasks
		b.taskLabel = toks[0].text
		if i := strings.IndexAny(b.taskLabel, "(（"); i > 0 {
			b.taskLabel = strings.TrimSpace(b.taskLabel[:i])
		}
		return
	case b.section == secBudget:
		b.budgetRow(toks, ref)
		return
	case b.section == secGoals && !isKnownLabel(k0):
		b.section = secNone
		b.goals(toks)
		return
	case len(toks) == 1 && yearLine.MatchString(norm(toks[0].text)):
		b.field("年度", yearLine.FindStringSubmatch(norm(toks[0].text))[1], ref)
		return
	case b.section == secTasks:
		fn, task := toks[0].text, joinTexts(toks[1:])
		if len(toks) == 1 {
			fn, task = "", toks[0].text
		}
		b.field(b.taskLabel+"/"+fn, task, ref)
		return
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		k := key(t.text)
		switch {
		case sectionLabels[k]:
			if k == "部门基本信息" {
				b.sawDept = true
			}
			continue
		case isFundingTotal(k):
			b.section = secFunding
			i = b.funding(toks, i, ref)
			continue
		case k == "项目资金" || strings.HasPrefix(k, "项目资金(") || (strings.HasPrefix(k, "资金") && unitIn(k) != ""):
			b.section = secFunding
			if u := unitIn(k); u != "" {
				if f, ok := values.UnitFactor(u); ok {
					b.factor = f
				}
			}
			continue
		case deptGoalLabels[k] && b.isDepartment() && i+1 < len(toks):
			b.section = secNone
			b.f.AnnualGoal = joinTexts(toks[i+1:])
			b.field(t.text, b.f.AnnualGoal, ref)
			return
		case goalHeaders[k] && i+1 < len(toks) && !isKnownLabel(key(toks[i+1].text)) && (isAnnualGoalHeader(k) || isPeriodGoalHeader(k)):
			// a goal label with its text beside it: "年度目标 | 完成…"
			if isAnnualGoalHeader(k) {
				b.f.AnnualGoal = toks[i+1].text
			} else {
				b.f.PeriodGoal = toks[i+1].text
			}
			b.section = secNone
			i++
			continue
		case goalHeaders[k]:
			switch {
			case isAnnualGoalHeader(k):
				b.annualGoalCol = t.col
			case isPeriodGoalHeader(k):
				b.periodGoalCol = t.col
			}
			b.section = secGoals
			continue
		case k == "总体目标":
			b.section = secNone
			b.goals(toks[i+1:])
			return
		case textLabels[k]:
			b.section = secNone
			b.text(k, toks[i+1:], ref)
			return
		case pairLabels[k]:
			b.section = secNone
			v := ""
			if i+1 < len(toks) && !isKnownLabel(key(toks[i+1].text)) {
				v = toks[i+1].text
				i++
			}
			b.pair(k, t.text, v, ref)
			continue
		case b.section == secFunding:
			i = b.funding(toks, i, ref)
			continue
		default:
			v := ""
			if i+1 < len(toks) && !isKnownLabel(key(toks[i+1].text)) {
				v = toks[i+1].text
				i++
			}
			b.field(t.text, v, ref)
		}
	}
}

// unitIn returns the unit word stated in brackets inside a label
// ("项目资金（元）", "资金总额(万元)"), or "".
func unitIn(k string) string {
	i := strings.IndexAny(k, "(（")
	if i < 0 {
		return ""
	}
	return values.ExtractUnit(k[i:])
}

func joinTexts(toks []tok) string {
	var parts []string
	for _, t := range toks {
		parts = append(parts, t.text)
	}
	return strings.Join(parts, " ")
}

func (b *builder) pair(k, label, v string, ref doc.Ref) {
	switch k {
	case "项目名称":
		b.f.Project = v
	case "主管部门及代码", "主管部门", "主管部门名称":
		b.f.DepartmentCode, b.f.Department = splitCode(v)
	case "实施单位":
		b.f.Implementer = v
	case "项目属性", "项目性质", "项目类别", "项目类型":
		if b.f.Attribute == "" {
			b.f.Attribute = v
		} else {
			b.field(label, v, ref)
		}
	case "项目期":
		b.f.Period = v
	case "部门名称", "部门(单位)名称", "单位名称", "预算单位名称":
		b.sawDept = true
		b.f.DepartmentCode, b.f.Department = splitCode(v)
		b.field(label, v, ref)
	}
}

func (b *builder) text(k string, rest []tok, ref doc.Ref) {
	v := joinTexts(rest)
	switch k {
	case "项目概况":
		b.f.Overview = v
	case "立项依据", "项目立项依据":
		b.f.Basis = v
	case "项目设立必要性", "项目设立的必要性":
		b.f.Necessity = v
	case "保证项目实施的制度、措施", "保证项目实施的制度和措施":
		b.f.Safeguards = v
	case "项目实施计划":
		b.f.Plan = v
	case "年度绩效目标":
		b.f.AnnualGoal = v
		b.field(k, v, ref)
	default:
		b.sawDept = b.sawDept || k == "部门职责" || k == "部门战略目标"
		b.field(k, v, ref)
	}
}

func (b *builder) goals(rest []tok) {
	switch {
	case len(rest) >= 2:
		b.f.PeriodGoal = rest[0].text
		b.f.AnnualGoal = joinTexts(rest[1:])
	case len(rest) == 1:
		c := rest[0].col
		annual := false
		switch {
		case b.annualGoalCol > 0 && b.periodGoalCol > 0:
			annual = abs(c-b.annualGoalCol) < abs(c-b.periodGoalCol)
		case b.annualGoalCol > 0:
			annual = c >= b.annualGoalCol
		}
		if annual {
			b.f.AnnualGoal = rest[0].text
		} else {
			b.f.PeriodGoal = rest[0].text
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// funding reads the label/amount pairs of a funding row starting at toks[i]
// and returns the index of the last token used.
func (b *builder) funding(toks []tok, i int, ref doc.Ref) int {
	// count the source labels of the row to place them by order
	var labels []int
	for j := i; j < len(toks); j++ {
		if !isAmount(toks[j].text) {
			labels = append(labels, j)
		}
	}
	for n, j := range labels {
		t := toks[j]
		k := key(t.text)
		factor := b.factor
		if u := unitIn(k); u != "" {
			if f, ok := values.UnitFactor(u); ok {
				factor = f
			}
		}
		var amt *decimal.Decimal
		if j+1 < len(toks) && isAmount(toks[j+1].text) {
			amt = parseAmount(toks[j+1].text, factor)
		}
		switch {
		case strings.HasPrefix(k, "实施期资金") || strings.HasPrefix(k, "中期资金总额") || strings.HasPrefix(k, "项目资金总额"):
			b.f.PeriodTotal = amt
		case strings.HasPrefix(k, "年度资金"):
			b.f.AnnualTotal = amt
			b.annualFundCol = t.col
		default:
			scope := model.ScopePeriod
			switch {
			case len(labels) >= 2 && n >= 1:
				scope = model.ScopeAnnual
			case len(labels) == 1 && b.annualFundCol > 0 && t.col >= b.annualFundCol:
				scope = model.ScopeAnnual
			}
			label := strings.TrimSpace(t.text)
			if strings.HasPrefix(values.NormalizeWidth(label), "其中") {
				label = strings.TrimLeft(strings.TrimSpace(string([]rune(label)[2:])), ":： ")
			}
			b.f.Sources = append(b.f.Sources, model.FormSource{Scope: scope, Label: label, Amount: amt})
		}
	}
	return len(toks)
}

// budgetRow reads a row of the department form's 年度预算情况 block.
func (b *builder) budgetRow(toks []tok, ref doc.Ref) {
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if isAmount(t.text) {
			continue
		}
		v := ""
		if i+1 < len(toks) && isAmount(toks[i+1].text) {
			v = toks[i+1].text
		}
		side := "按资金来源划分"
		if t.col >= b.dirCol {
			side = "按资金方向划分"
		}
		b.field("年度预算情况/"+side+"/"+t.text, v, ref)
		if side == "按资金来源划分" {
			amt := parseAmount(v, b.budgetFactor)
			if key(t.text) == "合计" {
				b.f.AnnualTotal = amt
				continue
			}
			label := t.text
			if strings.HasPrefix(values.NormalizeWidth(label), "其中") {
				label = strings.TrimLeft(string([]rune(label)[2:]), ":： ")
			}
			b.f.Sources = append(b.f.Sources, model.FormSource{Scope: model.ScopeAnnual, Label: label, Amount: amt})
		}
	}
}
