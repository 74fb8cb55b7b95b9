// This file holds the classification rules: section contexts from
// headings, and the words that map a figure's label to a fact name.

package prose

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/shopspring/decimal"
)

// Section contexts, taken from headings.
const (
	ctxNone        = ""
	ctxTotals      = "totals"
	ctxIncome      = "income"
	ctxExpenditure = "expenditure"
	ctxFiscal      = "fiscal"
	ctxGeneral     = "general"
	ctxBasic       = "basic"
	ctxFund        = "government_fund"
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
	has := func(w ...string) bool {
		for _, x := range w {
			if strings.Contains(t, x) {
				return true
			}
		}
		return false
	}
	switch {
	case has("名词解释"):
		return ctxGlossary
	case has("三公"):
		return ctxThree
	case has("机关运行经费"):
		return ctxOperating
	case has("政府采购"):
		return ctxProcurement
	case has("绩效"):
		return ctxPerf
	case has("国有资产", "资产占有", "车辆情况", "房屋情况", "资产情况"):
		return ctxAssets
	case has("基本支出"):
		return ctxBasic
	case has("政府性基金"):
		return ctxFund
	case has("一般公共预算"):
		return ctxGeneral
	case has("财政拨款"):
		return ctxFiscal
	case has("收支", "收入支出"):
		return ctxTotals
	case has("收入"):
		return ctxIncome
	case has("支出"):
		return ctxExpenditure
	case has("其他说明", "政府购买服务", "附件", "项目经费情况", "项目概况", "部门职能", "机构设置", "目录"):
		return ctxOther
	}
	return ctxNone
}

// classify maps a mention's label to fact names in the current section
// (none when the figure is not one this package names). before is the
// sentence up to the mention.
func (e *extractor) classify(l string, m mention, before string) []string {
	one := func(f string) []string {
		if f == "" {
			return nil
		}
		return []string{f}
	}
	switch m.unit {
	case "人":
		return one(staffFact(l))
	case "辆":
		return one(e.vehicleFact(l))
	case "平方米":
		switch {
		case strings.Contains(l, "办公"):
			return one("office_area_m2")
		case e.ctx == ctxAssets || strings.Contains(l, "房屋"):
			return one("floor_area_m2")
		}
		return nil
	case "台(套)", "台/套", "台套", "台":
		return one(equipmentFact(l))
	case "%":
		return nil // shares and changes are handled by the caller
	}
	// a budget figure beside a final-account one: only the final account
	// is the document's fact
	if strings.Contains(l, "年初预算") || strings.Contains(l, "调整预算") || strings.Contains(l, "调整后预算") {
		return nil
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
			return nil
		}
		f := threePublicFact(l)
		if f == "" && measureOnly.MatchString(l) {
			// "“三公”经费…年初预算为0.95万元，支出决算为0.00万元"
			f = threePublicFact(before[afterLast(before, ";"):])
		}
		return one(f)
	case ctxProcurement:
		if count {
			return nil
		}
		return one(procurementFact(l, before))
	case ctxOperating:
		if !count && strings.Contains(l, "运行经费") {
			return one("operating_costs")
		}
		return nil
	case ctxPerf:
		return one(e.perfFact(l, count, before))
	case ctxAssets:
		if count {
			return nil
		}
		return one(assetFact(l))
	}
	if count {
		return nil
	}
	both := strings.Contains(before+l, "收入、支出") || strings.Contains(before+l, "收、支") || strings.Contains(l, "收支") || strings.Contains(l, "收入支出")
	switch {
	case priorExec.MatchString(l):
		if it := itemBefore(e.prior); it != "" {
			return one(withSuffix(itemPrefix(ctx)+it, "_prior_execution"))
		}
		return nil
	case planned.MatchString(l):
		if it := itemBefore(e.prior); it != "" {
			return one(itemPrefix(ctx) + it)
		}
	}
	if measureOnly.MatchString(l) {
		if it := itemBefore(e.prior); it != "" {
			return one(itemPrefix(ctx) + it)
		}
		if ctx != ctxGeneral && ctx != ctxFiscal && ctx != ctxExpenditure {
			return nil
		}
	}
	classMode := strings.Contains(before, "用于") || strings.Contains(before, "支出包括") || strings.Contains(before, "包括:")
	isClass := strings.HasSuffix(l, "支出") && !strings.Contains(l, "基本支出") && !strings.Contains(l, "项目支出") && !strings.Contains(l, "当年支出")
	switch {
	case itemMark.MatchString(l):
		return one(itemPrefix(ctx) + itemName(l))
	case classMark.MatchString(l) && ctx == ctxBasic:
		return one("econ_class_amount:" + className(l))
	case classMark.MatchString(l):
		return one(classPrefix(ctx) + className(l))
	case isClass && (classMode || numbering.MatchString(strings.TrimSpace(m.label)) && !strings.Contains(l, "预算") && !strings.Contains(l, "总")) &&
		(ctx == ctxFiscal || ctx == ctxGeneral || ctx == ctxExpenditure || ctx == ctxTotals):
		return one(classPrefix(ctx) + className(l))
	}
	switch ctx {
	case ctxFiscal:
		switch {
		case strings.Contains(l, "总预算") || strings.Contains(l, "总计") || strings.Contains(l, "收支预算") || both:
			return one("fiscal_total")
		case strings.Contains(l, "当年拨款"):
			return one("fiscal_current_year")
		case strings.Contains(l, "上年结转"):
			return one("fiscal_carryover")
		case strings.Contains(l, "一般公共预算"):
			return one("fiscal_general_public_budget")
		case strings.Contains(l, "政府性基金"):
			return one("fiscal_government_fund")
		case strings.Contains(l, "国有资本"):
			return one("fiscal_state_capital")
		case strings.Contains(l, "支出"):
			return one("fiscal_expenditure")
		}
		return nil
	case ctxGeneral:
		switch {
		case strings.Contains(l, "基本支出"):
			return one("general_budget_basic")
		case strings.Contains(l, "项目支出"):
			return one("general_budget_project")
		case strings.Contains(l, "人员经费"):
			return one("personnel_expenditure")
		case strings.Contains(l, "公用经费"):
			return one("public_expenditure")
		case strings.Contains(l, "支出"):
			return one("general_budget_total")
		}
		return nil
	case ctxBasic:
		switch {
		case strings.Contains(l, "人员经费"):
			return one("personnel_expenditure")
		case strings.Contains(l, "公用经费"):
			return one("public_expenditure")
		case strings.Contains(l, "一般公共预算") && strings.Contains(l, "基本支出"):
			return one("general_budget_basic")
		case strings.Contains(l, "基本支出"):
			return one("basic_expenditure")
		}
		return nil
	case ctxFund:
		if strings.Contains(l, "支出") {
			return one("government_fund_expenditure")
		}
		if strings.Contains(l, "收入") {
			return one("government_fund_income")
		}
		return nil
	}
	// totals, income, expenditure and unknown sections
	switch {
	case both && (strings.Contains(l, "总计") || strings.Contains(l, "总预算")):
		e.side = "income"
		return []string{"total_income", "total_expenditure"}
	case incomeSource(l) != "" && !strings.Contains(l, "支出"):
		return one("income_source_" + incomeSource(l))
	case strings.Contains(l, "收入总计") || strings.Contains(l, "收入预算总计"):
		e.side = "income"
		return one("total_income")
	case strings.Contains(l, "支出总计") || strings.Contains(l, "支出预算总计"):
		e.side = "expenditure"
		return one("total_expenditure")
	case strings.Contains(l, "本年收入"):
		e.side = "income"
		return one("income_current_year")
	case strings.Contains(l, "本年预算安排") || strings.Contains(l, "本年支出"):
		e.side = "expenditure"
		return one("expenditure_current_year")
	case strings.Contains(l, "上年结转"):
		if e.side == "expenditure" {
			return one("expenditure_carryover")
		}
		return one("income_source_carryover")
	case strings.Contains(l, "基本支出"):
		return one("basic_expenditure")
	case strings.Contains(l, "项目支出"):
		return one("project_expenditure")
	case strings.Contains(l, "预留机动经费"):
		return one("reserve_expenditure")
	case strings.Contains(l, "人员经费"):
		return one("personnel_expenditure")
	case strings.Contains(l, "公用经费"):
		return one("public_expenditure")
	}
	if !strings.Contains(l, "支出") {
		if src := incomeSource(l); src != "" {
			return one("income_source_" + src)
		}
	}
	switch {
	case strings.HasSuffix(l, "收入") || strings.HasSuffix(l, "收入预算") || strings.HasSuffix(l, "预算收入") || strings.HasSuffix(l, "收入预算合计") || strings.HasSuffix(l, "收入合计"):
		if ctx == ctxIncome || ctx == ctxTotals || ctx == ctxNone {
			e.side = "income"
			return one("total_income")
		}
	case strings.HasSuffix(l, "支出预算") || strings.HasSuffix(l, "预算支出") || strings.HasSuffix(l, "支出") || strings.HasSuffix(l, "支出预算合计") || strings.HasSuffix(l, "支出合计"):
		if ctx == ctxExpenditure || ctx == ctxTotals {
			e.side = "expenditure"
			return one("total_expenditure")
		}
	}
	return nil
}

// itemName is a 款/项 label without quotes and the trailing 支出.
func itemName(l string) string {
	l = strings.Trim(l, "“”\" ")
	l = strings.TrimSuffix(l, "支出")
	return strings.Trim(l, "“”\" ")
}

// measureOnly matches labels that name a measure but no subject
// ("支出决算为", "决算数为"): the subject is the item named before.
var (
	measureOnly = regexp.MustCompile(`^(支出)?(决算|预算|执行)(数)?(为|是)?$`)
	// "2025年当年预算执行数为…": last year's execution of the item
	priorExec = regexp.MustCompile(`(上年|当年)?(预算)?执行数?(为|是)?$`)
	// "2026年预算安排…": this year's amount of the item
	planned = regexp.MustCompile(`^(本年)?预算(安排|数)(为|是)?$`)
	// 类/款/项 markers, with or without their code: "(类)", "(204类)"
	codeMark  = regexp.MustCompile(`\(\d*[类款项]\)`)
	classMark = regexp.MustCompile(`\(\d*类\)`)
	itemMark  = regexp.MustCompile(`\(\d*[款项]\)`)
	itemEnd   = regexp.MustCompile(`\(\d*项\)`)
)

// maxLookBack bounds how far back (bytes) an item name is searched.
const maxLookBack = 1500

// itemBefore returns the last 款/项 item named in text ("…行政运行（项）。主要用于…").
func itemBefore(text string) string {
	// the item is named in the same paragraph, shortly before
	if len(text) > maxLookBack {
		cut := len(text) - maxLookBack
		for cut < len(text) && !utf8.RuneStart(text[cut]) {
			cut++
		}
		text = text[cut:]
	}
	locs := itemEnd.FindAllStringIndex(text, -1)
	if locs == nil {
		return ""
	}
	t := text[:locs[len(locs)-1][1]]
	t = t[afterLast(t, "。;,:"):]
	return itemName(numbering.ReplaceAllString(strings.TrimSpace(t), ""))
}

func classPrefix(ctx string) string {
	if ctx == ctxFiscal {
		return "fiscal_class_amount:"
	}
	return "class_amount:"
}

func itemPrefix(ctx string) string {
	if ctx == ctxFiscal {
		return "fiscal_item_amount:"
	}
	return "item_amount:"
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
	case strings.Contains(l, "财政拨款"):
		return "fiscal_appropriation"
	case strings.Contains(l, "其他资金"):
		return "other_funds"
	}
	return ""
}

// className keeps the class name as published, without list words and the
// "(类)" marker.
func className(l string) string {
	for _, p := range []string{"主要用于以下方面", "主要用于", "支出包括", "包括", "以下方面"} {
		if i := strings.LastIndex(l, p); i >= 0 {
			l = l[i+len(p):]
		}
	}
	l = strings.Trim(l, ": ")
	if classMark.MatchString(l) {
		l = classMark.ReplaceAllString(l, "")
		if !strings.HasSuffix(l, "支出") {
			l += "支出"
		}
	}
	return l
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

func procurementFact(l, before string) string {
	// contracts awarded to SMEs (final accounts): "由中小企业供应商中标或成交的，采购金额…"
	if strings.Contains(before, "中标") || strings.Contains(before, "成交") || strings.Contains(before, "授予") {
		clause := before[afterLast(before, ";。"):]
		switch {
		case strings.Contains(clause, "小微企业"):
			return "procurement_awarded_small_micro"
		case strings.Contains(clause, "其他政府采购项目"):
			return "procurement_awarded_sme_other"
		case strings.Contains(clause, "中小企业"):
			return "procurement_awarded_sme"
		}
	}
	switch {
	case strings.Contains(l, "小型和微型") || strings.Contains(l, "小微"):
		return "procurement_small_micro_reserved"
	case strings.Contains(l, "中小企业"):
		return "procurement_sme_reserved"
	case strings.Contains(l, "货物"):
		return "procurement_goods"
	case strings.Contains(l, "工程"):
		return "procurement_works"
	case strings.Contains(l, "服务"):
		return "procurement_services"
	case strings.Contains(l, "采购"), strings.Contains(l, "总额"), strings.Contains(l, "合计"), strings.Contains(l, "总计"), strings.Contains(l, "总金额"):
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
		if !strings.Contains(l, "项目") && !strings.Contains(l, "目标") {
			return ""
		}
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

func assetFact(l string) string {
	switch {
	case strings.Contains(l, "流动资产"):
		return "assets_current"
	case strings.Contains(l, "固定资产"):
		return "assets_fixed"
	case strings.Contains(l, "无形资产"):
		return "assets_intangible"
	case strings.Contains(l, "在建工程"):
		return "assets_construction"
	case strings.Contains(l, "长期投资"):
		return "assets_long_term_investment"
	case strings.Contains(l, "资产总额") || strings.Contains(l, "资产总计") || strings.Contains(l, "资产合计"):
		return "assets_total"
	}
	return ""
}

func equipmentFact(l string) string {
	kind := ""
	if strings.Contains(l, "专用设备") {
		kind = "_special"
	}
	if t := thresh.FindStringSubmatch(l); t != nil {
		return "equipment" + kind + "_over_" + t[1] + "w"
	}
	if strings.Contains(l, "通用设备") {
		return "equipment_general_count"
	}
	return "equipment" + kind + "_count"
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

// vehicleFact names a vehicle count; categories listed after a purchase
// plan ("安排购置车辆0辆，其中：…") are purchases.
func (e *extractor) vehicleFact(l string) string {
	switch {
	case strings.Contains(l, "购置"):
		e.vehicleGroup = "_purchase"
		return "vehicles_purchase_total"
	case strings.Contains(l, "编制"):
		e.vehicleGroup = ""
		return "vehicles_authorized"
	case strings.Contains(l, "实有") || strings.Contains(l, "共有") || strings.Contains(l, "车辆总数") || l == "车辆" || l == "公务用车":
		e.vehicleGroup = ""
		return "vehicles_total"
	case strings.HasSuffix(l, "用车") || strings.HasSuffix(l, "车辆"):
		return "vehicles" + e.vehicleGroup + ":" + l
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
	d, err := decimal.NewFromString(t[:i])
	if err != nil {
		return decimal.Zero, "", false
	}
	return d, strings.TrimSpace(t[i:]), true
}
