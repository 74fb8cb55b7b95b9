package synth

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// docGen builds one document.
type docGen struct {
	rng  *rand.Rand
	d    *deptState
	year int
	opts Options

	unit      string // 万元 or 元
	numbering string // none, yusuan, chinese, gongkai (final accounts: juesuan for yusuan)
	split     bool
	commas    bool // thousands separators in table amounts (1,146.30)

	items     map[string]*itemAmt // by 7-digit code
	econ      []econLine
	personnel u
	public    u
	basic     u
	project   u
	total     u
	projects  []proj
	reception u
	vehicleOp u
	three     u
	buf       strings.Builder
}

type itemAmt struct {
	code           string
	basic, project u
}

type econLine struct {
	item   econItem
	amount u
}

type proj struct {
	name    string
	item    string
	amount  u
	period  u
	hasForm bool
}

// amount in the table unit.
func (g *docGen) amt(a u) string {
	s := a.wan()
	if g.unit == "元" {
		s = a.yuan().StringFixed(2)
	}
	if g.commas {
		s = thousands(s)
	}
	return s
}

// thousands inserts thousands separators into a decimal string.
func thousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// amtOrBlank prints zero as an empty cell, as the template does.
func (g *docGen) amtOrBlank(a u) string {
	if a == 0 {
		return ""
	}
	return g.amt(a)
}

func (g *docGen) rnd(lo, hi int64) u { return u(lo + g.rng.Int64N(hi-lo+1)) }

func (g *docGen) build() (DocTruth, []byte) {
	g.chooseVariants()
	g.computeAmounts()
	defect := ""
	if g.rng.Float64() < g.opts.DefectRate {
		defect = []string{DefectChangedTotal, DefectMissingForm, DefectProseMismatch}[g.rng.IntN(3)]
	}
	if defect == DefectMissingForm && len(g.projects) > 0 {
		g.projects[g.rng.IntN(len(g.projects))].hasForm = false
	}
	truth := g.truth()
	var det string
	g.render(defect, &det)
	if defect != "" {
		truth.Defects = append(truth.Defects, Defect{Kind: defect, Detail: det})
		if defect == DefectProseMismatch {
			truth.Narrative["basic_expenditure"] = (g.basic + 1000).yuanStr()
		}
	}
	// remember this year for next year's prose
	g.d.prevTotal, g.d.prevThree, g.d.prevReception = g.total, g.three, g.reception
	return truth, encode(&truth, g.buf.String())
}

// encode applies the document's line ends and encoding (GBK, else GB18030
// where GBK cannot encode a character, recorded in the truth).
func encode(truth *DocTruth, text string) []byte {
	if truth.LineEnd == "crlf" {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	data := []byte(text)
	if truth.Encoding == "gbk" {
		enc, err := simplifiedchinese.GBK.NewEncoder().Bytes(data)
		if err != nil {
			enc, _ = simplifiedchinese.GB18030.NewEncoder().Bytes(data)
			truth.Encoding = "gb18030"
		}
		data = enc
	}
	return data
}

func (g *docGen) chooseVariants() {
	g.unit, g.numbering = "万元", "yusuan"
	if !g.opts.Variants {
		return
	}
	if g.rng.IntN(4) == 0 {
		g.unit = "元"
	}
	g.numbering = []string{"none", "yusuan", "chinese", "gongkai"}[g.rng.IntN(4)]
	g.split = g.rng.IntN(3) == 0
}

func (g *docGen) computeAmounts() {
	d := g.d
	growth := 1 + float64(g.year-g.opts.YearFrom)*0.03
	scale := int64(float64(d.size) * growth)
	// wages in 0.01万元 per head per year: ~ 6–12万元
	wages := []u{g.rnd(scale*250, scale*320), g.rnd(scale*40, scale*60), g.rnd(scale*300, scale*450)}
	base := wages[0] + wages[1] + wages[2]
	pension := base * 16 / 100
	annuity := base * 8 / 100
	medical := base * 6 / 100
	other := base / 100
	fund := base * 12 / 100
	pers := []u{wages[0], wages[1], wages[2], pension, annuity, medical, other, fund}
	for i, it := range econWages {
		g.econ = append(g.econ, econLine{it, pers[i]})
		g.personnel += pers[i]
	}
	for _, it := range econGoods {
		var a u
		switch it.name {
		case "公务接待费":
			a = g.rnd(50, 600)
			if g.d.prevReception > 0 && g.rng.IntN(3) > 0 {
				a = g.d.prevReception * u(85+g.rng.IntN(15)) / 100 // 三公 cuts
			}
			g.reception = a
		case "公务用车运行维护费":
			if g.rng.IntN(2) == 0 {
				a = g.rnd(100, 900)
			}
			g.vehicleOp = a
		default:
			a = g.rnd(scale*5, scale*40)
		}
		if a == 0 {
			continue
		}
		g.econ = append(g.econ, econLine{it, a})
		g.public += a
	}
	g.basic = g.personnel + g.public
	g.three = g.reception + g.vehicleOp
	g.items = map[string]*itemAmt{}
	add := func(code string, b, p u) {
		it := g.items[code]
		if it == nil {
			it = &itemAmt{code: code}
			g.items[code] = it
		}
		it.basic += b
		it.project += p
	}
	medItem := "2101101"
	if g.rng.IntN(3) == 0 {
		medItem = "2101102"
	}
	add("2080505", pension, 0)
	add("2080506", annuity, 0)
	add(medItem, medical, 0)
	add("2210201", fund, 0)
	add(d.prof.run, g.basic-pension-annuity-medical-fund, 0)
	// projects: a varying subset of the department's pool each year
	n := 2 + g.rng.IntN(len(d.projects)-1)
	for i := 0; i < n; i++ {
		name := d.projects[(i+g.year)%len(d.projects)]
		item := d.prof.project[g.rng.IntN(len(d.prof.project))]
		a := g.rnd(20, 3000) * 10
		p := proj{name: name, item: item, amount: a, period: a, hasForm: true}
		if g.rng.IntN(4) == 0 {
			p.period = a * u(2+g.rng.IntN(2))
		}
		g.projects = append(g.projects, p)
		g.project += a
		add(item, 0, a)
	}
	g.total = g.basic + g.project
}

func (g *docGen) truth() DocTruth {
	t := DocTruth{
		Department: g.d.name, DepartmentCode: g.d.code, Region: g.d.region, FiscalYear: g.year,
		Kind: "budget", Level: "department", Unit: g.unit, Encoding: "utf-8", LineEnd: "lf",
		Numbering: g.numbering, SplitTables: g.split, Measure: "total", FuncTable: "income",
		Totals: map[string]string{
			"income_total": g.total.yuanStr(), "expenditure_total": g.total.yuanStr(),
			"grand_income_total": g.total.yuanStr(), "grand_expenditure_total": g.total.yuanStr(),
			"general_public_budget": g.total.yuanStr(),
			"basic":                 g.basic.yuanStr(), "project": g.project.yuanStr(),
		},
		ThreePublic: map[string]string{
			"total": g.three.yuanStr(), "reception": g.reception.yuanStr(),
			"vehicle_total": g.vehicleOp.yuanStr(), "vehicle_operation": g.vehicleOp.yuanStr(),
		},
		FuncClasses: map[string]string{},
		Econ:        map[string]string{"total": g.basic.yuanStr(), "personnel": g.personnel.yuanStr(), "public": g.public.yuanStr()},
		Narrative:   map[string]string{},
	}
	if g.opts.Variants {
		drawEncoding(g.rng, &t)
	}
	for _, c := range g.classes() {
		t.FuncClasses[c.code] = c.total().yuanStr()
	}
	for _, p := range g.projects {
		pt := ProjectTruth{Name: p.name, AmountYuan: p.amount.yuanStr(), HasForm: p.hasForm}
		if p.hasForm {
			pt.AnnualYuan, pt.PeriodYuan = p.amount.yuanStr(), p.period.yuanStr()
		}
		t.Projects = append(t.Projects, pt)
	}
	prev := g.prevTotal()
	t.Narrative["total_change"] = (g.total - prev).yuanStr()
	t.Narrative["total_change_pct"] = pct(g.total-prev, prev)
	t.Narrative["basic_expenditure"] = g.basic.yuanStr()
	t.Narrative["three_public_total"] = g.three.yuanStr()
	return t
}

// prevTotal is last year's total: the previous generated year, or a
// plausible figure stated only in the prose for the first year.
func (g *docGen) prevTotal() u {
	if g.d.prevTotal > 0 {
		return g.d.prevTotal
	}
	return g.total * u(90+(int(g.d.size)+g.year)%20) / 100
}

func pct(num, den u) string {
	if den == 0 {
		return "0.00"
	}
	return decimal.NewFromInt(int64(num)).Mul(decimal.NewFromInt(100)).Div(decimal.NewFromInt(int64(den))).Round(2).StringFixed(2)
}

type classAmt struct {
	code     string
	name     string
	sections []sectionAmt
}

type sectionAmt struct {
	code  string
	items []*itemAmt
}

func (s sectionAmt) total() (b, p u) {
	for _, it := range s.items {
		b += it.basic
		p += it.project
	}
	return
}

func (c classAmt) split() (b, p u) {
	for _, s := range c.sections {
		sb, sp := s.total()
		b += sb
		p += sp
	}
	return
}

func (c classAmt) total() u { b, p := c.split(); return b + p }

func (g *docGen) classes() []classAmt {
	codes := make([]string, 0, len(g.items))
	for c := range g.items {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var out []classAmt
	for _, code := range codes {
		cc, sc := code[:3], code[:5]
		if len(out) == 0 || out[len(out)-1].code != cc {
			out = append(out, classAmt{code: cc, name: className(cc)})
		}
		c := &out[len(out)-1]
		if len(c.sections) == 0 || c.sections[len(c.sections)-1].code != sc {
			c.sections = append(c.sections, sectionAmt{code: sc})
		}
		s := &c.sections[len(c.sections)-1]
		s.items = append(s.items, g.items[code])
	}
	return out
}

func className(code string) string {
	for _, c := range classOrder {
		if c.code == code {
			return c.name
		}
	}
	return ""
}

// --- rendering -------------------------------------------------------------

func (g *docGen) line(cells ...string) {
	g.buf.WriteString(strings.Join(cells, "\t"))
	g.buf.WriteByte('\n')
}

func (g *docGen) para(s string) {
	g.buf.WriteString(s)
	g.buf.WriteString("\n\n")
}

var cnNums = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"}

func (g *docGen) tableHead(n int, title string) {
	y := fmt.Sprint(g.year)
	switch g.numbering {
	case "yusuan":
		g.para(fmt.Sprintf("预算公开表%d", n))
	case "chinese":
		title = "表" + cnNums[n] + " " + title
	case "gongkai":
		g.para(fmt.Sprintf("公开%02d表", n))
	}
	g.para("## " + strings.ReplaceAll(title, "YEAR", y))
	g.para("部门名称：" + g.d.name)
	g.para("单位：" + g.unit)
}

func (g *docGen) render(defect string, detail *string) {
	d, y := g.d, g.year
	g.para("\n" + d.name)
	g.para(fmt.Sprintf("%d年度部门预算公开", y))
	g.para("## 第一部分 概况")
	g.para("### 一、本部门职责")
	g.para(d.name + "负责本行政区域内" + strings.TrimSuffix(d.prof.suffix, "局") + "相关工作。")
	g.para(fmt.Sprintf("## 第二部分 %d年部门预算报表", y))
	classes := g.classes()
	byCode := map[string]classAmt{}
	for _, c := range classes {
		byCode[c.code] = c
	}
	// table 1
	g.tableHead(1, "YEAR年预算收支总表")
	g.line("收入", "", "支出", "", "", "")
	g.line("项目", fmt.Sprintf("%d年", y), "项目", fmt.Sprintf("%d年合计", y), "当年预算安排", "上年结转安排")
	incomes := []string{"一、一般公共预算", "二、政府性基金预算", "三、国有资本经营预算", "四、财政专户管理资金", "五、单位资金"}
	for i, c := range classOrder {
		left := []string{"", ""}
		if i < len(incomes) {
			left[0] = incomes[i]
			if i == 0 {
				left[1] = g.amt(g.total)
			}
		}
		a := byCode[c.code].total()
		g.line(left[0], left[1], fmt.Sprintf("%s、%s", cnOrdinal(i+1), c.name), g.amtOrBlank(a), g.amtOrBlank(a), "")
	}
	g.line("本年收入合计", g.amt(g.total), "本年支出合计", g.amt(g.total), g.amt(g.total), "")
	g.line("上年结转", "", "年终结转", "", "", "")
	g.line("收入总计", g.amt(g.total), "支出总计", g.amt(g.total), g.amt(g.total), "")
	g.buf.WriteString("\n")
	// table 2
	g.tableHead(2, "YEAR年预算收入总表")
	g.line("项目", "", "本年收入", "", "", "", "", "", "上年结转")
	g.line("科目编码", "科目名称", "合计", "一般公共预算", "政府性基金", "国有资本经营预算", "财政专户管理资金", "单位资金", "")
	g.line("合计", "", g.amt(g.total), g.amt(g.total), "", "", "", "", "")
	g.codedRows(classes, func(code, name string, b, p u) {
		g.line(code, name, g.amt(b+p), g.amt(b+p), "", "", "", "", "")
	}, false)
	g.buf.WriteString("\n")
	// table 3 (defect target)
	g.tableHead(3, "YEAR年预算支出总表")
	hdr := func() {
		g.line("项目", "", fmt.Sprintf("%d年预算数", y), "", "")
		g.line("科目编码", "科目名称", "合计", "基本支出", "项目支出")
	}
	hdr()
	g.line("合计", "", g.amt(g.total), g.amt(g.basic), g.amt(g.project))
	changed := false
	g.codedRows(classes, func(code, name string, b, p u) {
		t := b + p
		if defect == DefectChangedTotal && !changed && len(code) == 3 {
			changed = true
			// +1.00万元 to 合计 and 项目支出 alike, so that only the
			// hierarchy (类 = Σ 款, 合计 = Σ 类) is broken, not 合计 = 基本 + 项目
			t += 100
			p += 100
			*detail = fmt.Sprintf("预算支出总表 class %s 合计 printed %s instead of %s", code, g.amt(t), g.amt(b+p-100))
		}
		g.line(code, name, g.amt(t), g.amtOrBlank(b), g.amtOrBlank(p))
	}, g.split)
	g.buf.WriteString("\n")
	// table 4
	g.tableHead(4, "YEAR年财政拨款收支总表")
	g.line("收入", "", "支出", "", "", "", "")
	g.line("项目", "金额", "项目", "金额", "", "", "")
	g.line("", "", "", "小计", "一般公共预算", "政府性基金预算", "国有资本经营预算")
	for i, c := range classOrder {
		left := []string{"", ""}
		if i < 3 {
			left[0] = incomes[i]
			if i == 0 {
				left[1] = g.amt(g.total)
			}
		}
		a := byCode[c.code].total()
		g.line(left[0], left[1], fmt.Sprintf("%s、%s", cnOrdinal(i+1), c.name), g.amtOrBlank(a), g.amtOrBlank(a), "", "")
	}
	g.line("本年收入合计", g.amt(g.total), "本年支出合计", g.amt(g.total), g.amt(g.total), "", "")
	g.line("上年财政拨款结转", "", "年终结转", "", "", "", "")
	g.line("收入总计", g.amt(g.total), "支出总计", g.amt(g.total), g.amt(g.total), "", "")
	g.buf.WriteString("\n")
	// table 5
	g.tableHead(5, "YEAR年一般公共预算支出预算表（不含上年结转）")
	hdr()
	g.line("合计", "", g.amt(g.total), g.amt(g.basic), g.amt(g.project))
	g.codedRows(classes, func(code, name string, b, p u) {
		g.line(code, name, g.amt(b+p), g.amtOrBlank(b), g.amtOrBlank(p))
	}, false)
	g.buf.WriteString("\n")
	// table 6
	g.tableHead(6, "YEAR年一般公共预算安排基本支出分经济科目表（不含上年结转）")
	g.line("部门预算支出经济科目名称", "政府预算支出经济科目名称", fmt.Sprintf("%d年预算数", y), "", "")
	g.line("", "", "合计", "人员经费", "公用经费")
	g.line("合计", "", g.amt(g.basic), g.amt(g.personnel), g.amt(g.public))
	g.line("工资福利支出", "", g.amt(g.personnel), g.amt(g.personnel), "")
	for _, e := range g.econ {
		if e.item.personnel {
			g.line(e.item.name, e.item.gov, g.amt(e.amount), g.amt(e.amount), "")
		}
	}
	g.line("商品和服务支出", "", g.amt(g.public), "", g.amt(g.public))
	for _, e := range g.econ {
		if !e.item.personnel {
			g.line(e.item.name, e.item.gov, g.amt(e.amount), "", g.amt(e.amount))
		}
	}
	g.buf.WriteString("\n")
	// tables 7-9 empty
	g.tableHead(7, "YEAR年政府性基金预算收入表（不含上年结转）")
	g.line("项目", "", "政府性基金收入预算")
	g.line("收入科目编码", "科目名称", "")
	g.line("合计", "", "")
	g.para("\n注：本表无数据")
	g.tableHead(8, "YEAR年政府性基金预算支出表（不含上年结转）")
	g.line("科目编码", "科目名称", "合计", "基本支出", "项目支出")
	g.line("合计", "", "", "", "")
	g.para("\n注：本表无数据")
	g.tableHead(9, "YEAR年国有资本经营预算收支预算表（不含上年结转）")
	g.line("国有资本经营预算收入", "", "国有资本经营预算支出", "", "", "", "")
	g.line("项目", "", "国有资本经营收入预算", "科目编码", "科目名称", "合计", "基本支出", "项目支出")
	g.line("收入科目编码", "科目名称", "", "", "", "", "", "")
	g.line("合计", "", "", "", "", "", "", "")
	g.para("\n注：本表无数据")
	// table 10
	g.tableHead(10, "YEAR年财政拨款安排“三公”经费支出预算表")
	g.line("项目", fmt.Sprintf("%d年预算数", y), "", "", "")
	g.line("", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算")
	g.line("因公出国（境）费", "", "", "", "")
	g.line("公务接待费", g.amtOrBlank(g.reception), g.amtOrBlank(g.reception), "", "")
	g.line("公务用车购置及运行费", g.amtOrBlank(g.vehicleOp), g.amtOrBlank(g.vehicleOp), "", "")
	g.line("①公务用车购置费", "", "", "", "")
	g.line("②公务用车运行维护费", g.amtOrBlank(g.vehicleOp), g.amtOrBlank(g.vehicleOp), "", "")
	g.line("合计", g.amtOrBlank(g.three), g.amtOrBlank(g.three), "", "")
	g.buf.WriteString("\n")
	// table 11 empty
	g.tableHead(11, "YEAR年财政拨款安排机关运行经费预算表")
	g.line("单位名称", fmt.Sprintf("%d预算数", y), "", "", "")
	g.line("", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算")
	g.line("部门合计", "", "", "", "")
	g.para("\n注：本表无数据")
	// table 12
	g.tableHead(12, "YEAR年项目支出预算表（本年预算）")
	g.line("项目名称", "合计", fmt.Sprintf("%d年财政拨款", y), "", "", "财政专户管理资金", "单位资金")
	g.line("", "", "一般公共预算", "政府性基金预算", "国有资本经营预算", "", "")
	g.line("1", "2", "3", "4", "5", "6", "7")
	g.line(d.name, g.amt(g.project), g.amt(g.project), "", "", "", "")
	g.line(d.name, g.amt(g.project), g.amt(g.project), "", "", "", "")
	for _, p := range g.projects {
		g.line(p.name, g.amt(p.amount), g.amt(p.amount), "", "", "", "")
	}
	g.buf.WriteString("\n")
	g.tableHead(13, "YEAR年项目支出预算表（上年结转）")
	g.line("项目名称", "合计", fmt.Sprintf("%d年财政拨款", y), "", "")
	g.line("", "", "一般公共预算", "政府性基金预算", "国有资本经营预算")
	g.line("1", "2", "3", "4", "5")
	g.para("\n注：本表无数据")
	g.renderProse(defect, detail)
	g.renderForms()
}

// codedRows walks class/section/item rows; with split it breaks the table
// after its first class with a blank line and a repeated header, as a page
// break does in extracted text.
func (g *docGen) codedRows(classes []classAmt, row func(code, name string, b, p u), split bool) {
	for ci, c := range classes {
		b, p := c.split()
		row(c.code, c.name, b, p)
		for _, s := range c.sections {
			sb, sp := s.total()
			row(s.code, sectionNames[s.code], sb, sp)
			for _, it := range s.items {
				row(it.code, itemNames[it.code], it.basic, it.project)
			}
		}
		if split && ci == 0 && len(classes) > 1 {
			g.buf.WriteString("\n")
			g.line("科目编码", "科目名称", "合计", "基本支出", "项目支出")
		}
	}
}

func cnOrdinal(n int) string {
	if n <= 10 {
		return cnNums[n]
	}
	if n < 20 {
		return "十" + cnNums[n-10]
	}
	if n%10 == 0 {
		return cnNums[n/10] + "十"
	}
	return cnNums[n/10] + "十" + cnNums[n%10]
}

func (g *docGen) renderProse(defect string, detail *string) {
	d, y := g.d, g.year
	prev := g.prevTotal()
	change := g.total - prev
	verb, sign := "增加", change
	if change < 0 {
		verb, sign = "减少", -change
	}
	pctAbs := pct(sign, prev)
	g.para(fmt.Sprintf("### 第三部分 %d年度部门预算情况说明", y))
	g.para("#### 一、部门预算收支数据变动情况及原因")
	g.para(fmt.Sprintf("%d年度%s预算收入总计%s万元，其中：本年收入%s万元，上年结转0万元，比上年%s%s万元，%s%s%%，主要原因是工作任务调整；本年部门预算支出总计%s万元，其中：本年预算安排%s万元，上年结转0万元，比上年%s%s万元，%s%s%%，主要原因是工作任务调整",
		y, d.name, g.total.wan(), g.total.wan(), verb, sign.wan(), upDown(change), pctAbs, g.total.wan(), g.total.wan(), verb, sign.wan(), upDown(change), pctAbs))
	g.para("#### 三、支出预算情况说明")
	basic := g.basic
	if defect == DefectProseMismatch {
		basic += 1000 // +10.00万元
		*detail = fmt.Sprintf("prose states 基本支出 %s万元, tables %s万元", basic.wan(), g.basic.wan())
	}
	// the share is computed from the figure printed, so that a wrong figure
	// breaks only prose = table, not the sentence's own arithmetic
	g.para(fmt.Sprintf("%d年度%s支出预算%s万元，其中：基本支出%s万元，占%s%%；项目支出%s万元，占%s%%。",
		y, d.name, g.total.wan(), basic.wan(), pct(basic, g.total), g.project.wan(), pct(g.project, g.total)))
	g.para("## 七、“三公”经费增减变动原因说明")
	prev3 := g.d.prevThree
	if prev3 == 0 {
		prev3 = g.three + g.rnd(0, 200)
	}
	d3 := g.three - prev3
	v3, s3 := "增加", d3
	if d3 < 0 {
		v3, s3 = "减少", -d3
	}
	g.para(fmt.Sprintf("%d年%s财政拨款安排的“三公”经费预算%s万元比%d年%s%s万元，主要原因是厉行节约。", y, d.name, g.three.wan(), y-1, v3, s3.wan()))
	g.para("## 十、绩效管理情况")
	g.para(fmt.Sprintf("%d年%s纳入绩效目标管理的二级项目%d个，共计金额%s万元。", y, d.name, len(g.projects), g.project.wan()))
}

func upDown(change u) string {
	if change < 0 {
		return "下降"
	}
	return "增长"
}

func (g *docGen) renderForms() {
	d, y := g.d, g.year
	g.para(fmt.Sprintf("## 县(区)级预算部门(单位)整体支出绩效目标申报表\n\n(%d)年度", y))
	g.line("部门基本信息", "部门名称", d.code+"-"+d.name, "", "")
	g.line("", "核定的人员编制数", fmt.Sprintf("%d人", d.staff), "实际在职人员总数", fmt.Sprintf("%d人", d.staff))
	g.line("年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值")
	g.line("", "产出指标", "数量指标", "完成重点工作任务", fmt.Sprintf("%d项", 3+len(g.projects)))
	g.line("", "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%")
	g.buf.WriteString("\n")
	for _, p := range g.projects {
		if !p.hasForm {
			continue
		}
		g.para(fmt.Sprintf("## %s预算部门（单位）项目支出绩效目标表", d.region))
		g.para(fmt.Sprintf("(%d年度)", y))
		g.line("项目名称", "", p.name, "", "", "", "")
		g.line("主管部门及代码", d.code+"-"+d.name, "实施单位", d.name, "", "", "")
		period := "1年"
		attr := "一次性项目（1年结束）"
		if p.period != p.amount {
			period = fmt.Sprintf("%d年", int(p.period/p.amount))
			attr = "延续性项目"
		}
		g.line("项目属性", attr, "", "项目期", period, "", "")
		g.line("项目资金（元）", "实施期资金总额：", yuanInt(p.period), "年度资金总额：", yuanInt(p.amount), "", "")
		g.line("", "其中：中央财政资金", "0", "其中：中央财政资金", "0", "", "")
		g.line("", "省级财政资金", "0", "省级财政资金", "0", "", "")
		g.line("", "市县（区）财政资金", yuanInt(p.period), "市县（区）财政资金", yuanInt(p.amount), "", "")
		g.line("", "单位自筹", "0", "单位自筹", "0", "", "")
		g.line("", "其他资金", "", "其他资金", "", "", "")
		g.line("项目概况", p.name+"。", "", "", "", "", "")
		g.line("立项依据", "根据年度工作安排。", "", "", "", "", "")
		g.line("项目设立必要性", "保障工作开展。", "", "", "", "", "")
		g.line("保证项目实施的制度、措施", "按照项目管理制度执行。", "", "", "", "", "")
		g.line("项目实施计划", fmt.Sprintf("%d年全年", y), "", "", "", "", "")
		g.line("实施期目标", "", "", "年度目标", "", "", "")
		g.line("总体目标", "完成"+p.name+"。", "", "", "完成"+p.name+"。", "", "")
		g.line("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值")
		cost := p.amount.wan()
		n := fmt.Sprintf("%d次", 1+len(p.name)%5)
		g.line("", "产出指标", "数量指标", "完成工作量", n, "数量指标", "完成工作量", n)
		g.line("", "", "质量指标", "完成质量", "100%", "质量指标", "完成质量", "100%")
		g.line("", "", "时效指标", "完成时间", fmt.Sprintf("%d年", y), "时效指标", "完成时间", fmt.Sprintf("%d年", y))
		g.line("", "", "成本指标", p.name+"成本", trimZeros(cost)+"万", "成本指标", p.name+"成本", trimZeros(cost)+"万")
		g.line("", "效益指标", "社会效益指标", "工作效能", "提升", "社会效益指标", "工作效能", "提升")
		g.line("", "", "可持续影响指标", "长效机制", "可持续", "可持续影响指标", "长效机制", "可持续")
		g.line("", "满意度指标", "服务对象满意度", "群众满意度", "≥95%", "服务对象满意度", "群众满意度", "≥95%")
		g.line("负责人：", "经办人：", "联系电话：", "填报日期：", fmt.Sprintf("%d0302", y))
		g.buf.WriteString("\n")
	}
}

func yuanInt(a u) string {
	s := fmt.Sprint(int64(a) * 100)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// drawEncoding picks a variant document's encoding (GBK one time in five)
// and line ends (CRLF one time in four), recording them in its truth.
func drawEncoding(rng *rand.Rand, t *DocTruth) {
	if rng.IntN(5) == 0 {
		t.Encoding = "gbk"
	}
	if rng.IntN(4) == 0 {
		t.LineEnd = "crlf"
	}
}
