package prose

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// Info tells Extract what the document is, so that labels can be read
// without the department name and year that prefix most sentences.
type Info struct {
	FiscalYear int
	Department string
}

// maxText bounds NarrativeFact.Text (in characters).
const maxText = 200

// Section contexts, taken from headings.
const (
	ctxNone        = ""
	ctxTotals      = "totals"
	ctxIncome      = "income"
	ctxExpenditure = "expenditure"
	ctxFiscal      = "fiscal"
	ctxGeneral     = "general"
	ctxGenBasic    = "general_basic"
	ctxThree       = "three_public"
	ctxOperating   = "operating"
	ctxProcurement = "procurement"
	ctxPerf        = "perf"
	ctxAssets      = "assets"
	ctxGlossary    = "glossary"
	ctxOther       = "other"
)

// classifyHeading maps a heading to a section context ("" when the heading
// names none of them).
func classifyHeading(t string) string {
	t = values.NormalizeWidth(t)
	switch {
	case strings.Contains(t, "名词解释"):
		return ctxGlossary
	case strings.Contains(t, "三公"):
		return ctxThree
	case strings.Contains(t, "机关运行经费"):
		return ctxOperating
	case strings.Contains(t, "政府采购"):
		return ctxProcurement
	case strings.Contains(t, "绩效"):
		return ctxPerf
	case strings.Contains(t, "国有资产"), strings.Contains(t, "资产占有"), strings.Contains(t, "车辆情况"), strings.Contains(t, "房屋情况"):
		return ctxAssets
	case strings.Contains(t, "一般公共预算") && strings.Contains(t, "基本支出"):
		return ctxGenBasic
	case strings.Contains(t, "一般公共预算"):
		return ctxGeneral
	case strings.Contains(t, "财政拨款收支"):
		return ctxFiscal
	case strings.Contains(t, "收支") && (strings.Contains(t, "变动") || strings.Contains(t, "总体") || strings.Contains(t, "增减")):
		return ctxTotals
	case strings.Contains(t, "收入"):
		return ctxIncome
	case strings.Contains(t, "支出"):
		return ctxExpenditure
	case strings.Contains(t, "其他说明"), strings.Contains(t, "政府购买服务"), strings.Contains(t, "附件"):
		return ctxOther
	}
	return ctxNone
}

var sectionTitle = regexp.MustCompile(`^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[、.．])`)

// mention is one "number + unit" in a sentence (rune offsets).
var mentionRE = regexp.MustCompile(`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|亿元|千元|元|%|个|辆|平方米|台\(套\)|台套|台|人|项|家)`)

type mention struct {
	start, end int // byte offsets into the normalized sentence
	num        decimal.Decimal
	unit       string
	label      string
}

// extractor holds the state of one Extract call.
type extractor struct {
	info  Info
	out   []model.NarrativeFact
	seen  map[string]bool
	ctx   string
	level int
	// paragraph state
	perfGroup string
	perfSub   string
	side      string // income / expenditure: the total last named
}

// Extract returns the narrative facts of the blocks (see the package
// comment for the fact names). Tables are not read, except the
// department-wide performance form, whose staff numbers become facts.
func Extract(blocks []doc.Block, info Info) []model.NarrativeFact {
	e := &extractor{info: info, seen: map[string]bool{}}
	for _, b := range blocks {
		switch b.Kind {
		case doc.Heading:
			e.heading(b.Text, b.Level)
		case doc.Paragraph:
			t := strings.TrimSpace(b.Text)
			if isSectionTitle(t) {
				e.heading(t, 0)
				continue
			}
			if e.ctx == ctxGlossary {
				continue
			}
			e.paragraph(b.Text, b.Ref)
		}
	}
	e.staffFromForms(blocks)
	e.fallbackTotalChange()
	return e.out
}

// fallbackTotalChange copies the expenditure total's change to total_change
// when the document states no change of 收入总计.
func (e *extractor) fallbackTotalChange() {
	for _, f := range e.out {
		if f.Fact == "total_change" {
			return
		}
	}
	for _, f := range e.out {
		if rest, ok := strings.CutPrefix(f.Fact, "total_expenditure_change"); ok {
			e.out = append(e.out, model.NarrativeFact{Fact: "total_change" + rest, Value: f.Value, Unit: f.Unit, Text: f.Text, SourceRef: f.SourceRef})
		}
	}
}

func isSectionTitle(t string) bool {
	n := values.NormalizeWidth(t)
	return len([]rune(n)) <= 30 && sectionTitle.MatchString(n) && !mentionRE.MatchString(n)
}

func (e *extractor) heading(t string, level int) {
	c := classifyHeading(t)
	switch {
	case c != ctxNone:
		e.ctx, e.level = c, level
	case level == 0 || (e.level > 0 && level > e.level):
		// an unclassified sub-heading keeps its section
	default:
		e.ctx, e.level = ctxNone, level
	}
	e.perfGroup, e.perfSub, e.side = "", "", ""
}

func (e *extractor) add(fact string, v decimal.Decimal, unit, text string, ref doc.Ref) {
	e.addRef(fact, v, unit, text, ref.String())
}

func (e *extractor) addRef(fact string, v decimal.Decimal, unit, text, ref string) {
	k := fact + "|" + v.String() + "|" + unit
	if e.seen[k] {
		return
	}
	e.seen[k] = true
	e.out = append(e.out, model.NarrativeFact{Fact: fact, Value: v, Unit: unit, Text: trimText(text), SourceRef: ref})
}

func trimText(s string) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) > maxText {
		s = string(r[:maxText])
	}
	return s
}

// sentences splits a paragraph at 。 (and line breaks).
func sentences(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '。' || r == '\n' }) {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

func (e *extractor) paragraph(text string, ref doc.Ref) {
	if e.ctx != ctxPerf {
		e.perfGroup, e.perfSub = "", ""
	}
	for _, s := range sentences(text) {
		e.sentence(s, ref)
	}
}

// clauseAround returns the clause (between ; / 。 delimiters) of the
// original sentence that holds byte offset at of the normalized sentence.
func clauseAround(orig, norm string, at int) string {
	// NormalizeWidth maps rune to rune, so rune indices agree.
	nr := []rune(norm)
	or := []rune(orig)
	ri := len([]rune(norm[:at]))
	lo, hi := ri, ri
	for lo > 0 && nr[lo-1] != ';' {
		lo--
	}
	for hi < len(nr) && nr[hi] != ';' {
		hi++
	}
	if hi > len(or) {
		hi = len(or)
	}
	return strings.TrimSpace(string(or[lo:hi]))
}

const labelDelims = ",;:、"

// findMentions lists the number+unit mentions of a normalized sentence with
// their labels (the words since the previous delimiter or mention).
// Thresholds ("50万元(原值)以上的设备") are not mentions; they stay in the
// label of the next one.
func findMentions(n string) []mention {
	var out []mention
	prevEnd := 0
	for _, m := range mentionRE.FindAllStringSubmatchIndex(n, -1) {
		start, end := m[0], m[1]
		if start > 0 {
			if r := []rune(n[:start]); len(r) > 0 {
				last := r[len(r)-1]
				if unicode.IsDigit(last) || last == '.' || (last >= 'A' && last <= 'Z') || (last >= 'a' && last <= 'z') {
					continue
				}
			}
		}
		unit := n[m[4]:m[5]]
		rest := n[end:]
		if isMoney(unit) && (strings.HasPrefix(rest, "(原值)") || strings.HasPrefix(rest, "以上") || strings.HasPrefix(rest, "(含)以上")) {
			continue
		}
		num, err := decimal.NewFromString(strings.ReplaceAll(n[m[2]:m[3]], ",", ""))
		if err != nil {
			continue
		}
		lab := n[prevEnd:start]
		if i := strings.LastIndexAny(lab, labelDelims); i >= 0 {
			_, w := lastRune(lab[:i+1])
			lab = lab[i+w:]
		}
		out = append(out, mention{start: start, end: end, num: num, unit: unit, label: strings.TrimSpace(lab)})
		prevEnd = end
	}
	return out
}

func lastRune(s string) (rune, int) {
	r := []rune(s)
	if len(r) == 0 {
		return 0, 0
	}
	return r[len(r)-1], len(string(r[len(r)-1]))
}

func isMoney(u string) bool {
	switch u {
	case "万元", "亿元", "千元", "元":
		return true
	}
	return false
}

// value converts a mention to the fact's value and unit.
func value(m mention) (decimal.Decimal, string) {
	switch m.unit {
	case "万元":
		return m.num.Mul(decimal.NewFromInt(10000)), "元"
	case "亿元":
		return m.num.Mul(decimal.NewFromInt(100000000)), "元"
	case "千元":
		return m.num.Mul(decimal.NewFromInt(1000)), "元"
	case "元":
		return m.num, "元"
	case "台(套)", "台套", "台":
		return m.num, "台套"
	}
	return m.num, m.unit
}

var (
	changeRE  = regexp.MustCompile(`((减少|增加|增长|下降|上升|降低|缩减|压减)了?|(比|较|同比|与上年).*(增|减|多|少)了?)$`)
	negWordRE = regexp.MustCompile(`(减少|下降|降低|缩减|压减|减|少)了?$`)
	sameRE    = regexp.MustCompile(`^[^;]{0,12}?(相同|持平|一致|无变化|没有变化|不变)`)
	reasonRE  = regexp.MustCompile(`(主要原因是|主要原因为|主要原因:|原因是|原因为|主要是由于|主要是因为|主要用于)`)
	thresh    = regexp.MustCompile(`(\d+)万元`)
)

// components of a total never carry the total's change.
func isComponent(fact string) bool {
	switch fact {
	case "income_current_year", "expenditure_current_year", "income_source_carryover", "expenditure_carryover", "fiscal_current_year", "fiscal_carryover":
		return true
	}
	return false
}

func changeBase(subject string) string {
	switch subject {
	case "total_income":
		return "total_change"
	case "total_expenditure":
		return "total_expenditure_change"
	case "general_budget_total":
		return "general_budget_change"
	case "three_public_total":
		return "three_public_change"
	case "fiscal_total":
		return "fiscal_change"
	}
	return subject + "_change"
}

func shareName(subject string) string {
	switch subject {
	case "basic_expenditure":
		return "basic_share_pct"
	case "project_expenditure":
		return "project_share_pct"
	}
	if i := strings.IndexByte(subject, ':'); i >= 0 {
		return strings.TrimSuffix(subject[:i], "_amount") + "_share_pct" + subject[i:]
	}
	return strings.TrimSuffix(subject, "_amount") + "_share_pct"
}

func (e *extractor) sentence(orig string, ref doc.Ref) {
	n := values.NormalizeWidth(orig)
	ms := findMentions(n)
	e.noFigureFacts(orig, n, ref)
	subject, changeSubject, lastChange := "", "", ""
	clauseStart := 0
	for i, m := range ms {
		// a new clause (after ;) forgets the subject of the previous one
		if strings.ContainsRune(n[clauseStart:m.start], ';') {
			clauseStart = strings.LastIndexByte(n[:m.start], ';') + 1
			changeSubject = ""
		}
		text := clauseAround(orig, n, m.start)
		v, unit := value(m)
		lab := e.cleanLabel(m.label)
		nextStart := len(n)
		if i+1 < len(ms) {
			nextStart = ms[i+1].start
		}
		trailing := n[m.end:nextStart]
		switch {
		case changeRE.MatchString(lab) && changeSubject != "":
			if negWordRE.MatchString(lab) {
				v = v.Neg()
			}
			base := changeBase(changeSubject)
			if unit == "%" {
				e.add(base+"_pct", v, "%", text, ref)
			} else {
				e.add(base, v, unit, text, ref)
			}
			lastChange = base
		case strings.HasPrefix(lab, "占") && unit == "%" && subject != "":
			e.add(shareName(subject), v, "%", text, ref)
		default:
			f := e.classify(lab, m, n[:m.start])
			if f == "" {
				continue
			}
			if strings.HasPrefix(f, "equipment_over_") || strings.HasPrefix(f, "vehicles") {
				v, unit = value(m)
			}
			e.add(f, v, unit, text, ref)
			subject = f
			if !isComponent(f) {
				changeSubject = f
			}
			if sameRE.MatchString(strings.TrimLeft(trailing, ",")) {
				e.add(changeBase(f), decimal.Zero, unit, text, ref)
			}
		}
		if lastChange != "" {
			if loc := reasonRE.FindStringIndex(trailing); loc != nil && !strings.Contains(n[m.end:m.end+loc[0]], ";") {
				r := trailing[loc[1]:]
				if j := strings.IndexAny(r, ";"); j >= 0 {
					r = r[:j]
				}
				r = strings.Trim(r, ", :")
				if r != "" && !strings.HasPrefix(n[m.end+loc[0]:], "主要用于") {
					e.add(lastChange+"_reason", decimal.Zero, "", restoreWidth(orig, n, r), ref)
				}
			}
		}
	}
}

// restoreWidth returns the original (full-width) text of a substring of the
// normalized sentence.
func restoreWidth(orig, norm, sub string) string {
	i := strings.Index(norm, sub)
	if i < 0 {
		return sub
	}
	or := []rune(orig)
	a := len([]rune(norm[:i]))
	b := a + len([]rune(sub))
	if b > len(or) {
		return sub
	}
	return string(or[a:b])
}

// cleanLabel strips the department name, a leading year and "其中" from a
// label.
func (e *extractor) cleanLabel(l string) string {
	if e.info.Department != "" {
		if i := strings.LastIndex(l, values.NormalizeWidth(e.info.Department)); i >= 0 {
			l = l[i+len(values.NormalizeWidth(e.info.Department)):]
		}
	}
	l = strings.TrimSpace(l)
	l = yearPrefix.ReplaceAllString(l, "")
	l = strings.TrimPrefix(l, "其中")
	return strings.Trim(l, ": ")
}

var yearPrefix = regexp.MustCompile(`^(截至)?\d{4}年(度)?(\d{1,2}月\d{1,2}日)?`)

// noFigureFacts records statements that carry a fact without a number:
// "无机关运行经费支出".
func (e *extractor) noFigureFacts(orig, n string, ref doc.Ref) {
	if strings.Contains(n, "机关运行经费") && (strings.Contains(n, "无机关运行经费") || strings.Contains(n, "未安排机关运行经费") || strings.Contains(n, "不涉及机关运行经费")) && !mentionRE.MatchString(n) {
		e.add("operating_costs", decimal.Zero, "元", orig, ref)
	}
}

// classify maps a mention's label to a fact name in the current section
// ("" when the figure is not one this package names).
func (e *extractor) classify(l string, m mention, before string) string {
	switch m.unit {
	case "人":
		return staffFact(l)
	case "辆":
		return vehicleFact(l)
	case "平方米":
		if strings.Contains(l, "办公") {
			return "office_area_m2"
		}
		return "floor_area_m2"
	case "台(套)", "台套", "台":
		if t := thresh.FindStringSubmatch(l); t != nil {
			return "equipment_over_" + t[1] + "w"
		}
		return "equipment_count"
	case "%":
		return "" // shares and changes are handled by the caller
	}
	ctx := e.ctx
	// sentence words override a missing or generic section
	switch {
	case strings.Contains(before+l, "三公"):
		ctx = ctxThree
	case strings.Contains(before+l, "政府采购"):
		ctx = ctxProcurement
	case strings.Contains(l, "机关运行经费"):
		ctx = ctxOperating
	}
	count := m.unit == "个" || m.unit == "项" || m.unit == "家"
	switch ctx {
	case ctxThree:
		if count {
			return ""
		}
		return threePublicFact(l)
	case ctxProcurement:
		if count {
			return ""
		}
		return procurementFact(l)
	case ctxOperating:
		if strings.Contains(l, "机关运行经费") || strings.Contains(l, "运行经费") {
			return "operating_costs"
		}
		return ""
	case ctxPerf:
		return e.perfFact(l, count, before)
	}
	if count {
		return ""
	}
	classMode := strings.Contains(before, "用于") || strings.Contains(before, "支出包括") || strings.Contains(before, "包括:")
	isClass := classMode && strings.HasSuffix(l, "支出") && !strings.Contains(l, "基本支出") && !strings.Contains(l, "项目支出") && !strings.Contains(l, "当年支出")
	switch ctx {
	case ctxFiscal:
		switch {
		case isClass:
			return "fiscal_class_amount:" + className(l)
		case strings.Contains(l, "总预算") || strings.Contains(l, "收支总计") || strings.Contains(l, "收支预算"):
			return "fiscal_total"
		case strings.Contains(l, "当年拨款"):
			return "fiscal_current_year"
		case strings.Contains(l, "上年结转"):
			return "fiscal_carryover"
		case strings.Contains(l, "一般公共预算"):
			return "fiscal_general_public_budget"
		case strings.Contains(l, "政府性基金"):
			return "fiscal_government_fund"
		case strings.Contains(l, "国有资本"):
			return "fiscal_state_capital"
		}
		return ""
	case ctxGeneral, ctxGenBasic:
		switch {
		case isClass:
			return "class_amount:" + className(l)
		case strings.Contains(l, "基本支出"):
			return "general_budget_basic"
		case strings.Contains(l, "项目支出"):
			return "general_budget_project"
		case strings.Contains(l, "人员经费"):
			return "personnel_expenditure"
		case strings.Contains(l, "公用经费"):
			return "public_expenditure"
		case strings.Contains(l, "当年支出") || strings.Contains(l, "支出"):
			return "general_budget_total"
		}
		return ""
	}
	// totals, income, expenditure and unknown sections
	switch {
	case strings.Contains(l, "收入总计") || strings.Contains(l, "收入预算总计"):
		e.side = "income"
		return "total_income"
	case strings.Contains(l, "支出总计") || strings.Contains(l, "支出预算总计"):
		e.side = "expenditure"
		return "total_expenditure"
	case strings.Contains(l, "本年收入"):
		return "income_current_year"
	case strings.Contains(l, "本年预算安排") || strings.Contains(l, "本年支出"):
		return "expenditure_current_year"
	case strings.Contains(l, "上年结转"):
		if e.side == "expenditure" {
			return "expenditure_carryover"
		}
		return "income_source_carryover"
	case strings.Contains(l, "基本支出"):
		return "basic_expenditure"
	case strings.Contains(l, "项目支出"):
		return "project_expenditure"
	case strings.Contains(l, "人员经费"):
		return "personnel_expenditure"
	case strings.Contains(l, "公用经费"):
		return "public_expenditure"
	}
	if src := incomeSource(l); src != "" {
		return "income_source_" + src
	}
	switch {
	case strings.HasSuffix(l, "收入") || strings.HasSuffix(l, "收入预算") || strings.HasSuffix(l, "预算收入"):
		if ctx == ctxIncome || ctx == ctxTotals || ctx == ctxNone {
			e.side = "income"
			return "total_income"
		}
	case strings.HasSuffix(l, "支出预算") || strings.HasSuffix(l, "预算支出") || strings.HasSuffix(l, "支出"):
		if ctx == ctxExpenditure || ctx == ctxTotals {
			e.side = "expenditure"
			return "total_expenditure"
		}
	}
	return ""
}

func incomeSource(l string) string {
	switch {
	case strings.Contains(l, "一般公共预算"):
		return "general_public_budget"
	case strings.Contains(l, "政府性基金"):
		return "government_fund"
	case strings.Contains(l, "国有资本"):
		return "state_capital"
	case strings.Contains(l, "财政专户"):
		return "special_account"
	case strings.Contains(l, "单位资金"):
		return "unit_funds"
	case strings.Contains(l, "事业收入"):
		return "business_income"
	case strings.Contains(l, "经营收入"):
		return "operating_income"
	case strings.Contains(l, "其他收入"):
		return "other_income"
	}
	return ""
}

// className keeps the class name as published, without list words.
func className(l string) string {
	for _, p := range []string{"主要用于以下方面", "主要用于", "支出包括", "包括", "以下方面"} {
		if i := strings.LastIndex(l, p); i >= 0 {
			l = l[i+len(p):]
		}
	}
	return strings.Trim(l, ": ")
}

func threePublicFact(l string) string {
	switch {
	case strings.Contains(l, "购置及运行"):
		return "three_public_vehicle_total"
	case strings.Contains(l, "出国"):
		return "three_public_outbound"
	case strings.Contains(l, "接待"):
		return "three_public_reception"
	case strings.Contains(l, "运行维护") || strings.Contains(l, "运行费"):
		return "three_public_vehicle_operation"
	case strings.Contains(l, "购置"):
		return "three_public_vehicle_purchase"
	case strings.Contains(l, "会议费"):
		return "three_public_meeting"
	case strings.Contains(l, "培训费"):
		return "three_public_training"
	case strings.Contains(l, "三公"):
		return "three_public_total"
	}
	return ""
}

func procurementFact(l string) string {
	switch {
	case strings.Contains(l, "货物"):
		return "procurement_goods"
	case strings.Contains(l, "工程"):
		return "procurement_works"
	case strings.Contains(l, "服务"):
		return "procurement_services"
	case strings.Contains(l, "采购"), strings.Contains(l, "总额"), strings.Contains(l, "合计"), strings.Contains(l, "总计"):
		return "procurement_total"
	}
	return ""
}

func (e *extractor) perfFact(l string, count bool, before string) string {
	if strings.Contains(before+l, "整体") {
		switch {
		case count:
			return ""
		case strings.Contains(l, "基本支出"):
			return "perf_department_basic"
		case strings.Contains(l, "项目支出"):
			return "perf_department_project"
		default:
			return "perf_department_amount"
		}
	}
	if strings.Contains(l, "公开") {
		e.perfGroup = "disclosed"
	}
	if e.perfGroup == "" {
		e.perfGroup = "project"
	}
	if count {
		switch {
		case strings.Contains(l, "运转类"):
			e.perfSub = "_operating"
		case strings.Contains(l, "特定目标类"):
			e.perfSub = "_specific"
		default:
			e.perfSub = ""
		}
		return "perf_" + e.perfGroup + e.perfSub + "_count"
	}
	return "perf_" + e.perfGroup + e.perfSub + "_amount"
}

func staffFact(l string) string {
	switch {
	case strings.Contains(l, "离退休") || strings.Contains(l, "退休"):
		return "staff_retired"
	case strings.Contains(l, "编外") || strings.Contains(l, "其他人员"):
		return "staff_other"
	case strings.Contains(l, "在编"):
		return "staff_on_payroll"
	case strings.Contains(l, "编制"):
		return "staff_authorized"
	case strings.Contains(l, "在职") || strings.Contains(l, "实有"):
		return "staff_active"
	}
	return ""
}

func vehicleFact(l string) string {
	switch {
	case strings.Contains(l, "编制"):
		return "vehicles_authorized"
	case strings.Contains(l, "实有") || strings.Contains(l, "共有") || strings.Contains(l, "车辆总数"):
		return "vehicles_total"
	case strings.HasSuffix(l, "用车") || strings.HasSuffix(l, "车辆"):
		return "vehicles:" + l
	}
	return ""
}

// parseCount reads "23人", "6个" into number and unit word.
func parseCount(s string) (decimal.Decimal, string, bool) {
	t := strings.TrimSpace(values.NormalizeWidth(s))
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	if i == 0 {
		return decimal.Zero, "", false
	}
	if _, err := strconv.ParseFloat(t[:i], 64); err != nil {
		return decimal.Zero, "", false
	}
	d, err := decimal.NewFromString(t[:i])
	if err != nil {
		return decimal.Zero, "", false
	}
	return d, strings.TrimSpace(t[i:]), true
}
