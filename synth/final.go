package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Final accounts (部门决算). The final account of year Y reports what the
// department spent in Y against its budget of Y, published in Y+1. It is
// modelled on the Shanghai 决算 template (sh-putuo-caizhengju-2024 of the
// real corpus): nine tables — 收入支出决算总表 with 年初/年末结转和结余 and
// 结余分配 rows, 收入决算表 and 支出决算表 by functional code, 财政拨款收入
// 支出决算总表, 一般公共预算财政拨款支出决算表, 一般公共预算财政拨款基本支出
// 决算表 by economic code (人员经费 beside 公用经费), the 三公 table with
// 预算数/决算数 column pairs, and the two empty fund tables — then the
// 决算 narrative: totals and their change on the previous year, income and
// expenditure structure, completion of the 年初预算, 三公 决算 against 预算
// with reasons, 机关运行经费, 政府采购 and assets. There are no project
// tables or performance forms, as in the template.
//
// The money model: basic spending is the budget's economic lines with
// realistic deviations (personnel 96–101 %, goods 80–102 %, 三公 cut harder),
// projects are spent at 85–100 %; expenditure is financed by general-budget
// appropriations. Appropriations received may exceed the spending (unspent
// money joins the 财政拨款结转和结余) or fall short of it (last year's
// balance is drawn down); 其他收入, where there is any, is not spent and
// joins the non-fiscal balance. 年初结转和结余 of Y is 年末结转和结余 of
// Y−1, so 本年收入合计 + 年初结转和结余 = 本年支出合计 + 年末结转和结余 = 总计.

// finalClasses are the 类 rows the 决算 summary tables print (2024 决算
// template: 26 rows).
var finalClasses = []string{
	"201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
	"215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234",
}

// econCodes are the economic classification codes the 决算 basic-expenditure
// table prints beside the names.
var econCodes = map[string]string{
	"工资福利支出": "301", "基本工资": "30101", "津贴补贴": "30102", "绩效工资": "30107",
	"机关事业单位基本养老保险缴费": "30108", "职业年金缴费": "30109", "职工基本医疗保险缴费": "30110",
	"其他社会保障缴费": "30112", "住房公积金": "30113",
	"商品和服务支出": "302", "办公费": "30201", "印刷费": "30202", "邮电费": "30207", "差旅费": "30211",
	"会议费": "30215", "培训费": "30216", "公务接待费": "30217", "工会经费": "30228", "福利费": "30229",
	"公务用车运行维护费": "30231", "其他交通费用": "30239",
	"对个人和家庭的补助": "303", "退休费": "30302",
	"资本性支出": "310", "办公设备购置": "31002",
}

var (
	econRetirement = econItem{"退休费", "对个人和家庭的补助", true}
	econEquipment  = econItem{"办公设备购置", "资本性支出", false}
)

// finalGen builds the final account of one department-year from that year's
// budget. The embedded docGen holds the actual figures (items, econ lines,
// totals) and renders; b is the budget.
type finalGen struct {
	*docGen
	b *docGen

	retire, equipment             u
	fiscalIn, otherIn             u // 本年收入: 财政拨款收入, 其他收入
	income                        u // 本年收入合计
	carryIn, carryOut             u // 年初/年末结转和结余, all funds
	fiscalCarryIn, fiscalCarryOut u
	grand, fiscalGrand            u            // 总计 of the summary and of the fiscal summary
	incFiscal, incOther           map[string]u // income by item code
	prevGrand, prevFiscal         u
	prevExpenditure, prevThree    u
	prevOperating                 u
	budgetThree                   u
	budgetReception, budgetVeh    u
	deptLine                      bool // 编制单位 line under each title
	// budgetCols prints the 一般公共预算财政拨款支出决算表 with 年初预算数 and
	// 调整预算数 columns before the 决算数 (合计/基本支出/项目支出) ones
	budgetCols bool
	// roundCode is the class the two summary tables print 0.01万元 lower
	// than the detailed tables (rounding, as in the real Shanghai 决算:
	// 326.71 against 326.72), "" for none
	roundCode string
}

// newFinalGen prepares the final account of b's department and year with a
// random stream of its own (seeded by the corpus seed, the department and
// the year).
func newFinalGen(b *docGen, seed uint64) *finalGen {
	rng := rand.New(rand.NewPCG(seed^0x6a09e667f3bcc909, uint64(b.d.index)<<16|uint64(b.year)))
	return &finalGen{docGen: &docGen{rng: rng, d: b.d, year: b.year, opts: b.opts}, b: b}
}

func (f *finalGen) build() (DocTruth, []byte) {
	f.chooseFinalVariants()
	f.computeActuals()
	defect := ""
	if f.rng.Float64() < f.opts.DefectRate {
		// no forms in a final account: a changed total or a prose mismatch
		defect = []string{DefectChangedTotal, DefectProseMismatch}[f.rng.IntN(2)]
	}
	truth := f.finalTruth()
	var det string
	f.renderFinal(defect, &det)
	if defect != "" {
		truth.Defects = append(truth.Defects, Defect{Kind: defect, Detail: det})
		if defect == DefectProseMismatch {
			truth.Narrative["basic_expenditure"] = (f.basic + 1000).yuanStr()
		}
	}
	d := f.d
	d.fiscalCarry, d.otherCarry = f.fiscalCarryOut, f.carryOut-f.fiscalCarryOut
	d.prevFinalGrand, d.prevFinalFiscal = f.grand, f.fiscalGrand
	d.prevFinalExpenditure, d.prevFinalThree, d.prevFinalOperatingExp = f.total, f.three, f.public
	return truth, encode(&truth, f.buf.String())
}

func (f *finalGen) chooseFinalVariants() {
	f.unit, f.numbering = "万元", "none"
	if !f.opts.Variants {
		return
	}
	if f.rng.IntN(4) == 0 {
		f.unit = "元"
	}
	f.numbering = []string{"none", "juesuan", "chinese", "gongkai"}[f.rng.IntN(4)]
	f.split = f.rng.IntN(3) == 0
	f.commas = f.rng.IntN(2) == 0
	f.deptLine = f.rng.IntN(2) == 0
	f.budgetCols = f.rng.IntN(3) == 0
	if f.unit == "万元" && f.rng.IntN(5) == 0 {
		f.roundCode = "?" // chosen among the classes once amounts are known
	}
}

// initial is the 年初预算数 of items (the budget's amounts) and adjusted
// their 调整预算数: the budget raised, where the spending exceeded it, by a
// mid-year adjustment that covered it.
func (f *finalGen) initial(its []*itemAmt) (initial, adjusted u) {
	for _, it := range its {
		var b u
		if bi := f.b.items[it.code]; bi != nil {
			b = bi.basic + bi.project
		}
		initial += b
		adjusted += max(b, it.basic+it.project)
	}
	return initial, adjusted
}

// pctOf scales a by p percent (rounded down to the 0.01万元 grid).
func pctOf(a u, p int) u { return a * u(p) / 100 }

func (f *finalGen) computeActuals() {
	b, d, rng := f.b, f.d, f.rng
	f.items = map[string]*itemAmt{}
	add := func(code string, bs, p u) {
		it := f.items[code]
		if it == nil {
			it = &itemAmt{code: code}
			f.items[code] = it
		}
		it.basic += bs
		it.project += p
	}
	var pension, annuity, medical, fund u
	for _, e := range b.econ {
		var a u
		switch {
		case e.item.personnel:
			a = pctOf(e.amount, 96+rng.IntN(6))
		case e.item.name == "公务接待费":
			a = pctOf(e.amount, 50+rng.IntN(51))
		case e.item.name == "公务用车运行维护费":
			a = pctOf(e.amount, 70+rng.IntN(31))
		default:
			a = pctOf(e.amount, 80+rng.IntN(23))
		}
		if a == 0 {
			continue
		}
		switch e.item.name {
		case "机关事业单位基本养老保险缴费":
			pension = a
		case "职业年金缴费":
			annuity = a
		case "职工基本医疗保险缴费":
			medical = a
		case "住房公积金":
			fund = a
		case "公务接待费":
			f.reception = a
		case "公务用车运行维护费":
			f.vehicleOp = a
		}
		f.econ = append(f.econ, econLine{e.item, a})
		if e.item.personnel {
			f.personnel += a
		} else {
			f.public += a
		}
	}
	if rng.IntN(2) == 0 {
		f.retire = pctOf(b.personnel, 3+rng.IntN(8))
		f.econ = append(f.econ, econLine{econRetirement, f.retire})
		f.personnel += f.retire
	}
	if rng.IntN(3) == 0 {
		f.equipment = f.rnd(100, 2000)
		f.econ = append(f.econ, econLine{econEquipment, f.equipment})
		f.public += f.equipment
	}
	f.basic = f.personnel + f.public
	f.three = f.reception + f.vehicleOp
	f.budgetReception, f.budgetVeh, f.budgetThree = b.reception, b.vehicleOp, b.three
	medItem := "2101101"
	if _, ok := b.items["2101102"]; ok {
		medItem = "2101102"
	}
	add("2080505", pension, 0)
	add("2080506", annuity, 0)
	add(medItem, medical, 0)
	add("2210201", fund, 0)
	if f.retire > 0 {
		add("2080501", f.retire, 0)
	}
	add(d.prof.run, f.basic-pension-annuity-medical-fund-f.retire, 0)
	for _, p := range b.projects {
		a := p.amount
		if rng.IntN(2) == 0 {
			a = pctOf(a, 85+rng.IntN(15))
		}
		f.project += a
		add(p.item, 0, a)
	}
	f.total = f.basic + f.project
	// carry-overs: last year's balances, or a plausible opening balance
	first := d.prevFinalGrand == 0
	c0f, c0o := d.fiscalCarry, d.otherCarry
	if first {
		if rng.IntN(2) == 0 {
			c0f = f.rnd(0, int64(f.total)/50)
		}
		if rng.IntN(2) == 0 {
			c0o = f.rnd(0, int64(f.total)/40)
		}
	}
	// the largest item absorbs the difference between appropriations
	// received and spent
	big := d.prof.run
	for code, it := range f.items {
		if it.basic+it.project > f.items[big].basic+f.items[big].project ||
			(it.basic+it.project == f.items[big].basic+f.items[big].project && code < big) {
			big = code
		}
	}
	var delta u
	switch rng.IntN(3) {
	case 1:
		delta = f.rnd(0, int64(f.total)/100)
	case 2:
		lim := min(c0f, (f.items[big].basic+f.items[big].project)/2)
		delta = -f.rnd(0, int64(lim))
	}
	if f.roundCode != "" {
		var codes []string
		for _, c := range f.classes() {
			if c.total() > 1 {
				codes = append(codes, c.code)
			}
		}
		f.roundCode = codes[rng.IntN(len(codes))]
	}
	f.fiscalIn = f.total + delta
	if rng.IntN(3) == 0 {
		f.otherIn = f.rnd(1, 1000)
	}
	f.income = f.fiscalIn + f.otherIn
	f.fiscalCarryIn, f.fiscalCarryOut = c0f, c0f+delta
	f.carryIn, f.carryOut = c0f+c0o, c0f+delta+c0o+f.otherIn
	f.grand = f.income + f.carryIn
	f.fiscalGrand = f.fiscalIn + f.fiscalCarryIn
	f.incFiscal, f.incOther = map[string]u{}, map[string]u{}
	for code, it := range f.items {
		f.incFiscal[code] = it.basic + it.project
	}
	f.incFiscal[big] += delta
	f.incOther[d.prof.run] += f.otherIn
	// last year's figures for the year-on-year prose
	f.prevGrand, f.prevFiscal = d.prevFinalGrand, d.prevFinalFiscal
	f.prevExpenditure, f.prevThree, f.prevOperating = d.prevFinalExpenditure, d.prevFinalThree, d.prevFinalOperatingExp
	if first {
		f.prevGrand = pctOf(f.grand, 90+rng.IntN(20))
		f.prevFiscal = pctOf(f.fiscalGrand, 90+rng.IntN(20))
		f.prevExpenditure = pctOf(f.total, 90+rng.IntN(20))
		f.prevThree = f.three + f.rnd(0, 200)
		f.prevOperating = pctOf(f.public, 90+rng.IntN(20))
	}
}

func (f *finalGen) finalTruth() DocTruth {
	fiscal := f.fiscalIn.yuanStr()
	t := DocTruth{
		Department: f.d.name, DepartmentCode: f.d.code, Region: f.d.region, FiscalYear: f.year,
		Kind: "final_account", Level: "department", Unit: f.unit, Encoding: "utf-8", LineEnd: "lf",
		Numbering: f.numbering, SplitTables: f.split, Measure: "final_account", TotalsTable: "summary", RoundingClass: f.roundCode,
		Totals: map[string]string{
			"income_total": f.income.yuanStr(), "expenditure_total": f.total.yuanStr(),
			"grand_income_total": f.grand.yuanStr(), "grand_expenditure_total": f.grand.yuanStr(),
			"carryover_in": f.carryIn.yuanStr(), "carryover_out": f.carryOut.yuanStr(),
			"general_public_budget": fiscal,
		},
		FiscalTotals: map[string]string{
			"income_total": fiscal, "expenditure_total": f.total.yuanStr(),
			"carryover_in": f.fiscalCarryIn.yuanStr(), "carryover_out": f.fiscalCarryOut.yuanStr(),
			"grand_income_total": f.fiscalGrand.yuanStr(), "grand_expenditure_total": f.fiscalGrand.yuanStr(),
			"general_public_budget": fiscal,
		},
		ThreePublic: map[string]string{
			"total": f.three.yuanStr(), "reception": f.reception.yuanStr(),
			"vehicle_total": f.vehicleOp.yuanStr(), "vehicle_operation": f.vehicleOp.yuanStr(),
		},
		ThreePublicBudget: map[string]string{
			"total": f.budgetThree.yuanStr(), "reception": f.budgetReception.yuanStr(),
			"vehicle_total": f.budgetVeh.yuanStr(), "vehicle_operation": f.budgetVeh.yuanStr(),
		},
		FuncTable:   "general_budget_expenditure",
		FuncClasses: map[string]string{},
		Econ:        map[string]string{"personnel": f.personnel.yuanStr(), "public": f.public.yuanStr()},
		Narrative:   map[string]string{},
	}
	if f.otherIn > 0 {
		t.Totals["other_income"] = f.otherIn.yuanStr()
	}
	if f.opts.Variants {
		drawEncoding(f.rng, &t)
	}
	for _, c := range f.classes() {
		t.FuncClasses[c.code] = c.total().yuanStr()
		for _, sec := range c.sections {
			for _, it := range sec.items {
				// the prose's 类/款/项 statements (brackets as the
				// extractor normalises them)
				key := strings.NewReplacer("（", "(", "）", ")").Replace(fmt.Sprintf("item_amount:%s（类）%s（款）%s（项）", c.name, sectionNames[sec.code], itemNames[it.code]))
				t.Narrative[key] = (it.basic + it.project).yuanStr()
			}
		}
		if f.budgetCols {
			var its []*itemAmt
			for _, s := range c.sections {
				its = append(its, s.items...)
			}
			ini, adj := f.initial(its)
			if t.FuncBudget == nil {
				t.FuncBudget = map[string]map[string]string{"initial_budget": {}, "adjusted_budget": {}}
			}
			t.FuncBudget["initial_budget"][c.code] = ini.yuanStr()
			t.FuncBudget["adjusted_budget"][c.code] = adj.yuanStr()
		}
	}
	n := t.Narrative
	n["total_income"], n["total_expenditure"] = f.grand.yuanStr(), f.grand.yuanStr()
	n["total_change"] = (f.grand - f.prevGrand).yuanStr()
	n["total_change_pct"] = pct(f.grand-f.prevGrand, f.prevGrand)
	n["income_current_year"] = f.income.yuanStr()
	n["income_source_fiscal_appropriation"] = f.fiscalIn.yuanStr()
	n["expenditure_current_year"] = f.total.yuanStr()
	n["basic_expenditure"] = f.basic.yuanStr()
	n["personnel_expenditure"], n["public_expenditure"] = f.personnel.yuanStr(), f.public.yuanStr()
	n["fiscal_total"] = f.fiscalGrand.yuanStr()
	n["fiscal_change"] = (f.fiscalGrand - f.prevFiscal).yuanStr()
	n["fiscal_change_pct"] = pct(f.fiscalGrand-f.prevFiscal, f.prevFiscal)
	n["general_budget_total"] = f.total.yuanStr()
	n["general_budget_change"] = (f.total - f.prevExpenditure).yuanStr()
	n["general_budget_total_completion_pct"] = pct(f.total, f.b.total)
	n["three_public_total"] = f.three.yuanStr()
	n["three_public_change"] = (f.three - f.prevThree).yuanStr()
	n["operating_costs"] = f.public.yuanStr()
	n["operating_costs_change"] = (f.public - f.prevOperating).yuanStr()
	return t
}

// --- rendering -------------------------------------------------------------

var finalNumbering = map[string]string{"juesuan": "决算公开表%d", "gongkai": "公开%02d表"}

func (f *finalGen) finalHead(n int, title string) {
	switch f.numbering {
	case "juesuan", "gongkai":
		f.para(fmt.Sprintf(finalNumbering[f.numbering], n))
	case "chinese":
		title = "表" + cnNums[n] + " " + title
	}
	f.para("## " + title)
	if f.deptLine {
		f.para("编制单位：" + f.d.name)
	}
	f.para("单位：" + f.unit)
}

// wan prints a prose amount in 万元 without trailing zeros (2995.39,
// 6.2, 0), as the narrative does.
func wanText(a u) string { return trimZeros(a.wan()) }

func (f *finalGen) renderFinal(defect string, detail *string) {
	d, y := f.d, f.year
	f.para("\n" + d.name)
	f.para(fmt.Sprintf("%d年度部门决算", y))
	f.para("## 第一部分 " + d.name + "概况")
	f.para("### 一、主要职能")
	f.para(d.name + "负责本行政区域内" + strings.TrimSuffix(d.prof.suffix, "局") + "相关工作。")
	f.para("### 二、部门决算单位构成")
	f.para(fmt.Sprintf("纳入%s%d年度部门决算编制范围的单位为本级。", d.name, y))
	f.para(fmt.Sprintf("## 第二部分 %s%d年度部门决算表", d.name, y))
	classes := f.classes()
	byCode := map[string]classAmt{}
	for _, c := range classes {
		byCode[c.code] = c
	}
	// 1 收入支出决算总表
	f.finalHead(1, "收入支出决算总表")
	f.line("收入", "", "支出", "")
	f.line("项目", "决算数", "项目", "决算数")
	incomes := []struct {
		label string
		a     u
	}{
		{"一、一般公共预算财政拨款收入", f.fiscalIn}, {"二、政府性基金预算财政拨款收入", 0}, {"三、国有资本经营预算财政拨款收入", 0},
		{"四、上级补助收入", 0}, {"五、事业收入", 0}, {"六、经营收入", 0}, {"七、附属单位上缴收入", 0}, {"八、其他收入", f.otherIn},
	}
	for i, code := range finalClasses {
		left := []string{"", ""}
		if i < len(incomes) {
			left = []string{incomes[i].label, f.amtOrBlank(incomes[i].a)}
		}
		f.line(left[0], left[1], fmt.Sprintf("%s、%s", cnOrdinal(i+1), className(code)), f.amtOrBlank(f.summaryClass(byCode, code)))
	}
	f.line("本年收入合计", f.amt(f.income), "本年支出合计", f.amt(f.total))
	f.line("使用非财政拨款结余（含专用结余）", "", "结余分配", "")
	f.line("年初结转和结余", f.amtOrBlank(f.carryIn), "年末结转和结余", f.amtOrBlank(f.carryOut))
	f.line("总计", f.amt(f.grand), "总计", f.amt(f.grand))
	f.buf.WriteString("\n")
	// 2 收入决算表
	f.finalHead(2, "收入决算表")
	f.line("项目", "", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
	f.line("支出功能分类科目编码", "科目名称", "", "", "", "", "", "", "")
	f.line("合计", "", f.amt(f.income), f.amt(f.fiscalIn), "", "", "", "", f.amtOrBlank(f.otherIn))
	f.walk(classes, func(code, name string, its []*itemAmt) {
		var fi, oi u
		for _, it := range its {
			fi += f.incFiscal[it.code]
			oi += f.incOther[it.code]
		}
		f.line(code, name, f.amt(fi+oi), f.amtOrBlank(fi), "", "", "", "", f.amtOrBlank(oi))
	}, nil)
	f.buf.WriteString("\n")
	// 3 支出决算表 (defect target)
	f.finalHead(3, "支出决算表")
	hdr := func() {
		f.line("项目", "", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
		f.line("支出功能分类科目编码", "科目名称", "", "", "", "", "", "")
	}
	hdr()
	f.line("合计", "", f.amt(f.total), f.amt(f.basic), f.amtOrBlank(f.project), "", "", "")
	changed := false
	var splitHdr func()
	if f.split {
		splitHdr = hdr
	}
	f.walk(classes, func(code, name string, its []*itemAmt) {
		var bs, p u
		for _, it := range its {
			bs += it.basic
			p += it.project
		}
		t := bs + p
		if defect == DefectChangedTotal && !changed && len(code) == 3 {
			changed = true
			t += 100
			p += 100
			*detail = fmt.Sprintf("支出决算表 class %s 本年支出合计 printed %s instead of %s", code, f.amt(t), f.amt(t-100))
		}
		f.line(code, name, f.amt(t), f.amtOrBlank(bs), f.amtOrBlank(p), "", "", "")
	}, splitHdr)
	f.buf.WriteString("\n")
	// 4 财政拨款收入支出决算总表
	f.finalHead(4, "财政拨款收入支出决算总表")
	f.line("收入", "", "支出", "", "", "", "")
	f.line("项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
	fiscalIncomes := []string{"一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"}
	for i, code := range finalClasses {
		left := []string{"", ""}
		if i < len(fiscalIncomes) {
			left[0] = fiscalIncomes[i]
			if i == 0 {
				left[1] = f.amt(f.fiscalIn)
			}
		}
		a := f.summaryClass(byCode, code)
		f.line(left[0], left[1], fmt.Sprintf("%s、%s", cnOrdinal(i+1), className(code)), f.amtOrBlank(a), f.amtOrBlank(a), "", "")
	}
	f.line("本年收入合计", f.amt(f.fiscalIn), "本年支出合计", f.amt(f.total), f.amt(f.total), "", "")
	f.line("年初财政拨款结转和结余", f.amtOrBlank(f.fiscalCarryIn), "年末财政拨款结转和结余", f.amtOrBlank(f.fiscalCarryOut), f.amtOrBlank(f.fiscalCarryOut), "", "")
	f.line("一、一般公共预算财政拨款", f.amtOrBlank(f.fiscalCarryIn), "", "", "", "", "")
	f.line("二、政府性基金预算财政拨款", "", "", "", "", "", "")
	f.line("三、国有资本经营预算财政拨款", "", "", "", "", "", "")
	f.line("总计", f.amt(f.fiscalGrand), "总计", f.amt(f.fiscalGrand), f.amt(f.fiscalGrand), "", "")
	f.buf.WriteString("\n")
	// 5 一般公共预算财政拨款支出决算表
	f.finalHead(5, "一般公共预算财政拨款支出决算表")
	if f.budgetCols {
		var all []*itemAmt
		for _, c := range classes {
			for _, s := range c.sections {
				all = append(all, s.items...)
			}
		}
		ini, adj := f.initial(all)
		f.line("项目", "", "年初预算数", "调整预算数", "决算数", "", "")
		f.line("支出功能分类科目编码", "科目名称", "", "", "合计", "基本支出", "项目支出")
		f.line("合计", "", f.amt(ini), f.amt(adj), f.amt(f.total), f.amt(f.basic), f.amtOrBlank(f.project))
		f.walk(classes, func(code, name string, its []*itemAmt) {
			var bs, p u
			for _, it := range its {
				bs += it.basic
				p += it.project
			}
			ini, adj := f.initial(its)
			f.line(code, name, f.amtOrBlank(ini), f.amtOrBlank(adj), f.amt(bs+p), f.amtOrBlank(bs), f.amtOrBlank(p))
		}, nil)
	} else {
		f.line("项目", "", "合计", "基本支出", "项目支出")
		f.line("支出功能分类科目编码", "科目名称", "", "", "")
		f.walk(classes, func(code, name string, its []*itemAmt) {
			var bs, p u
			for _, it := range its {
				bs += it.basic
				p += it.project
			}
			f.line(code, name, f.amt(bs+p), f.amtOrBlank(bs), f.amtOrBlank(p))
		}, nil)
		f.line("合计", "", f.amt(f.total), f.amt(f.basic), f.amtOrBlank(f.project))
	}
	f.buf.WriteString("\n")
	// 6 一般公共预算财政拨款基本支出决算表
	f.finalHead(6, "一般公共预算财政拨款基本支出决算表")
	f.line("人员经费", "", "", "公用经费", "", "")
	f.line("科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数")
	left := f.econSide(true)
	right := f.econSide(false)
	for i := 0; i < max(len(left), len(right)); i++ {
		l, r := []string{"", "", ""}, []string{"", "", ""}
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		f.line(append(l, r...)...)
	}
	f.line("人员经费合计", "", f.amt(f.personnel), "公用经费合计", "", f.amt(f.public))
	f.buf.WriteString("\n")
	// 7 财政拨款“三公”经费支出决算表
	f.finalHead(7, "财政拨款“三公”经费支出决算表")
	f.line("合计", "", "因公出国（境）费", "", "公务用车购置及运行费", "", "", "", "", "", "公务接待费", "")
	f.line("", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行费", "", "", "")
	f.line("预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数")
	f.line(f.amt(f.budgetThree), f.amt(f.three), "", "", f.amtOrBlank(f.budgetVeh), f.amtOrBlank(f.vehicleOp), "", "",
		f.amtOrBlank(f.budgetVeh), f.amtOrBlank(f.vehicleOp), f.amtOrBlank(f.budgetReception), f.amtOrBlank(f.reception))
	f.buf.WriteString("\n")
	// 8, 9 empty fund tables
	for i, title := range []string{"政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"} {
		f.finalHead(8+i, title)
		f.line("项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余")
		f.line("支出功能分类科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", "")
		f.line("合计", "", "", "", "", "", "", "")
		what := []string{"政府性基金预算", "国有资本经营预算"}[i]
		f.para(fmt.Sprintf("\n注：%s无%s财政拨款支出，故本表无数据。", d.name, what))
	}
	f.renderFinalProse(classes, defect, detail)
}

// summaryClass is a class amount as the summary tables print it.
func (f *finalGen) summaryClass(byCode map[string]classAmt, code string) u {
	a := byCode[code].total()
	if code == f.roundCode {
		a--
	}
	return a
}

// walk prints the class/section/item rows of the functional tables; its
// callback gets the items under each row. With header, the table breaks
// after its first class with a blank line and a repeated header, as a page
// break does in extracted text.
func (f *finalGen) walk(classes []classAmt, row func(code, name string, its []*itemAmt), header func()) {
	for ci, c := range classes {
		var all []*itemAmt
		for _, s := range c.sections {
			all = append(all, s.items...)
		}
		row(c.code, c.name, all)
		for _, s := range c.sections {
			row(s.code, sectionNames[s.code], s.items)
			for _, it := range s.items {
				row(it.code, itemNames[it.code], []*itemAmt{it})
			}
		}
		if header != nil && ci == 0 && len(classes) > 1 {
			f.buf.WriteString("\n")
			header()
		}
	}
}

// econSide lists the rows of one side of the basic-expenditure table:
// personnel (301 and 303 groups) or public (302 and 310 groups).
func (f *finalGen) econSide(personnel bool) [][]string {
	groups := []string{"工资福利支出", "对个人和家庭的补助"}
	if !personnel {
		groups = []string{"商品和服务支出", "资本性支出"}
	}
	var out [][]string
	for _, g := range groups {
		var sum u
		var rows [][]string
		for _, e := range f.econ {
			if e.item.personnel != personnel || econGroup(e.item) != g {
				continue
			}
			sum += e.amount
			rows = append(rows, []string{econCodes[e.item.name], e.item.name, f.amt(e.amount)})
		}
		if len(rows) == 0 {
			continue
		}
		out = append(out, []string{econCodes[g], g, f.amt(sum)})
		out = append(out, rows...)
	}
	return out
}

// econGroup is the 类 of an economic item.
func econGroup(e econItem) string {
	switch {
	case e == econRetirement:
		return "对个人和家庭的补助"
	case e == econEquipment:
		return "资本性支出"
	case e.personnel:
		return "工资福利支出"
	}
	return "商品和服务支出"
}

func changeWords(delta u) (verb, dir string, abs u) {
	if delta < 0 {
		return "减少", "下降", -delta
	}
	return "增加", "增长", delta
}

func (f *finalGen) renderFinalProse(classes []classAmt, defect string, detail *string) {
	d, y := f.d, f.year
	f.para(fmt.Sprintf("## 第三部分 %s%d年度部门决算情况说明", d.name, y))
	f.para("### 一、收入支出决算总体情况说明")
	v, dir, abs := changeWords(f.grand - f.prevGrand)
	f.para(fmt.Sprintf("%s%d年度收入支出总计%s万元。与%d年度相比，收入支出总计%s%s万元，%s%s%%。主要原因：人员变动及项目支出进度调整。",
		d.name, y, wanText(f.grand), y-1, v, wanText(abs), dir, pct(abs, f.prevGrand)))
	f.para("### 二、收入决算情况说明")
	s := fmt.Sprintf("本年收入合计%s万元，其中：财政拨款收入%s万元，占%s%%", wanText(f.income), wanText(f.fiscalIn), pct(f.fiscalIn, f.income))
	if f.otherIn > 0 {
		s += fmt.Sprintf("；其他收入%s万元，占%s%%", wanText(f.otherIn), pct(f.otherIn, f.income))
	}
	f.para(s + "。")
	f.para("### 三、支出决算情况说明")
	basic := f.basic
	if defect == DefectProseMismatch {
		basic += 1000 // +10.00万元
		*detail = fmt.Sprintf("prose states 基本支出 %s万元, tables %s万元", basic.wan(), f.basic.wan())
	}
	s = fmt.Sprintf("本年支出合计%s万元，其中：基本支出%s万元，占%s%%", wanText(f.total), wanText(basic), pct(basic, f.total))
	if f.project > 0 {
		s += fmt.Sprintf("；项目支出%s万元，占%s%%", wanText(f.project), pct(f.project, f.total))
	}
	f.para(s + "。")
	f.para("### 四、财政拨款收入支出决算总体情况说明")
	v, dir, abs = changeWords(f.fiscalGrand - f.prevFiscal)
	f.para(fmt.Sprintf("%s%d年度财政拨款收入支出总计%s万元。与%d年度相比，财政拨款收入支出总计%s%s万元，%s%s%%。主要原因：人员变动及项目支出进度调整。",
		d.name, y, wanText(f.fiscalGrand), y-1, v, wanText(abs), dir, pct(abs, f.prevFiscal)))
	f.para("### 五、一般公共预算财政拨款支出决算情况说明")
	f.para("（一）一般公共预算财政拨款支出决算总体情况")
	v, dir, abs = changeWords(f.total - f.prevExpenditure)
	f.para(fmt.Sprintf("一般公共预算财政拨款支出%s万元，占本年支出合计的100.00%%。与%d年度相比，一般公共预算财政拨款支出%s%s万元，%s%s%%。主要原因：人员变动及项目支出进度调整。",
		wanText(f.total), y-1, v, wanText(abs), dir, pct(abs, f.prevExpenditure)))
	f.para("（二）一般公共预算财政拨款支出决算结构情况")
	var parts []string
	for _, c := range classes {
		parts = append(parts, fmt.Sprintf("%s（类）%s万元，占%s%%", c.name, wanText(c.total()), pct(c.total(), f.total)))
	}
	f.para(fmt.Sprintf("一般公共预算财政拨款支出%s万元，主要用于以下方面：%s。", wanText(f.total), strings.Join(parts, "；")))
	f.para("（三）一般公共预算财政拨款支出决算具体情况")
	f.para(fmt.Sprintf("一般公共预算财政拨款支出年初预算为%s万元，支出决算为%s万元，完成年初预算的%s%%。%s其中：",
		wanText(f.b.total), wanText(f.total), pct(f.total, f.b.total), completionReason(f.total, f.b.total)))
	n := 0
	for _, c := range classes {
		for _, sec := range c.sections {
			for _, it := range sec.items {
				n++
				ini, _ := f.initial([]*itemAmt{it})
				act := it.basic + it.project
				use := "项目支出"
				if it.project == 0 {
					use = "人员经费及公用经费等基本支出"
				}
				f.para(fmt.Sprintf("%d、%s（类）%s（款）%s（项）。主要用于：%s。年初预算为%s万元，支出决算为%s万元。%s",
					n, c.name, sectionNames[sec.code], itemNames[it.code], use, wanText(ini), wanText(act), itemReason(act, ini)))
			}
		}
	}
	f.para("### 六、一般公共预算财政拨款基本支出决算情况说明")
	f.para(fmt.Sprintf("一般公共预算财政拨款基本支出%s万元。其中：人员经费%s万元，主要包括：基本工资、津贴补贴、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、住房公积金；公用经费%s万元，主要包括：办公费、印刷费、邮电费、差旅费、工会经费、福利费、其他交通费用。",
		wanText(f.basic), wanText(f.personnel), wanText(f.public)))
	f.para("### 七、财政拨款“三公”经费支出决算情况说明")
	f.para("（一）“三公”经费财政拨款支出决算总体情况说明。")
	f.para(fmt.Sprintf("“三公”经费财政拨款支出年初预算为%s万元，支出决算为%s万元，完成预算的%s%%，其中：因公出国（境）费决算为0.00万元，完成预算的0%%；公务用车购置及运行维护费支出决算为%s万元，完成预算的%s%%；公务接待费支出决算为%s万元，完成预算的%s%%。%d年度“三公”经费支出决算数小于预算数的主要原因：厉行节约，严控“三公”经费支出。",
		f.budgetThree.wan(), f.three.wan(), pct(f.three, f.budgetThree), f.vehicleOp.wan(), pct(f.vehicleOp, f.budgetVeh), f.reception.wan(), pct(f.reception, f.budgetReception), y))
	v, _, abs = changeWords(f.three - f.prevThree)
	f.para(fmt.Sprintf("%d年度“三公”经费财政拨款支出决算数比%d年度%s%s万元。主要原因是厉行节约。", y, y-1, v, abs.wan()))
	f.para(fmt.Sprintf("### 八、政府性基金预算财政拨款收入支出决算情况说明\n\n%s%d年度无政府性基金预算财政拨款收入和支出。", d.name, y))
	f.para(fmt.Sprintf("### 九、国有资本经营预算财政拨款收入支出决算情况说明\n\n%s%d年度无国有资本经营预算财政拨款收入和支出。", d.name, y))
	f.para("### 十、预算绩效管理情况")
	f.para(fmt.Sprintf("%s%d年度编报绩效目标的项目%d个，涉及预算金额%s万元；绩效自评的项目%d个，涉及预算金额%s万元。",
		d.name, y, len(f.b.projects), wanText(f.b.project), len(f.b.projects), wanText(f.b.project)))
	f.para("### 十一、其他重要事项的情况说明")
	f.para("（一）机关运行经费支出情况")
	v, dir, abs = changeWords(f.public - f.prevOperating)
	f.para(fmt.Sprintf("%d年度机关运行经费支出%s万元，比%d年度%s%s万元，%s%s%%。主要原因是办公成本调整。", y, wanText(f.public), y-1, v, wanText(abs), dir, pct(abs, f.prevOperating)))
	f.para("（二）国有资产占有使用情况说明")
	vehicles := 0
	if f.vehicleOp > 0 {
		vehicles = 1 + int(f.vehicleOp)/400
	}
	f.para(fmt.Sprintf("截至%d年12月31日，%s共有车辆%d辆，其中：机要通信用车0辆、应急保障用车0辆、其他用车%d辆。", y, d.name, vehicles, vehicles))
	f.para("## 第四部分 名词解释")
	f.para("一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。")
	f.para("二、年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。")
	f.para("三、年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。")
}

func itemReason(actual, budget u) string {
	switch {
	case actual == budget:
		return "决算数与预算数持平。"
	case actual > budget:
		return "决算数大于预算数的主要原因：年中追加预算。"
	}
	return "决算数小于预算数的主要原因：预算按充分保障测算，实际执行基本贴合预期。"
}

func completionReason(actual, budget u) string {
	switch {
	case actual < budget:
		return "决算数小于预算数的主要原因：厉行节约，部分项目按实际进度支付。"
	case actual > budget:
		return "决算数大于预算数的主要原因：年中追加预算。"
	}
	return "决算数与预算数持平。"
}
