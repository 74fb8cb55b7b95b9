package recognize

// This file is the table-kind registry: data only, no control flow. Each
// entry says how a table kind is recognised (words of its title, after
// NormText) and how its columns map to measures (words of its header
// cells). Recognition never uses a table's number or position.
//
// Other template families add entries in their own files with an init
// function, e.g. registry_jiangsu.go:
//
//	func init() { Register(Kind{ID: "summary", Family: "jiangsu", Title: Rule{Any: []string{"收支预算总表"}}}) }
//
// A family entry may reuse an existing ID (the interpreter for that ID then
// handles it) or introduce a new one. Entries are tried in registration
// order; the best-scoring match wins (see Classify).

// Kind IDs of the Shanxi 2024 template (and the generic ones).
const (
	KindSummary                  = "summary"
	KindIncome                   = "income"
	KindExpenditure              = "expenditure"
	KindFiscalSummary            = "fiscal_summary"
	KindGeneralBudgetExpenditure = "general_budget_expenditure"
	KindBasicEcon                = "basic_econ"
	KindGovFundIncome            = "gov_fund_income"
	KindGovFundExpenditure       = "gov_fund_expenditure"
	KindStateCapital             = "state_capital"
	KindThreePublic              = "three_public"
	KindOperatingCosts           = "operating_costs"
	KindProjectsCurrent          = "projects_current"
	KindProjectsCarryover        = "projects_carryover"
	KindPurchaseCatalogue        = "purchase_catalogue"
	KindFiscalExpenditure        = "fiscal_expenditure"
	KindProcurement              = "procurement"
	KindPerfForm                 = "perf_form"
	KindTOC                      = "toc"
	KindUnknown                  = "unknown"
)

// DefaultMeasures maps header words to measure words for every kind, after
// the kind's own Measures. Order matters: the first rule whose word occurs
// in a header text wins, and header texts are tried from the deepest header
// row up.
var DefaultMeasures = []Measure{
	{Measure: "initial_budget", Words: []string{"年初预算数", "年初预算"}},
	{Measure: "adjusted_budget", Words: []string{"调整预算数", "调整预算", "调整后预算"}},
	{Measure: "final_account", Words: []string{"决算数"}},
	{Measure: "carryover_out", Words: []string{"年终结转", "年末结转"}},
	{Measure: "carryover", Words: []string{"上年结转", "年初结转"}},
	{Measure: "current_year", Words: []string{"当年预算安排", "本年预算安排", "当年拨款"}},
	{Measure: "reserve", Words: []string{"预留机动经费", "机动经费"}},
	{Measure: "basic", Words: []string{"基本支出"}},
	{Measure: "project", Words: []string{"项目支出"}},
	{Measure: "personnel", Words: []string{"人员经费"}},
	{Measure: "public", Words: []string{"公用经费"}},
	{Measure: "general_public_budget", Words: []string{"一般公共预算"}},
	{Measure: "government_fund", Words: []string{"政府性基金"}},
	{Measure: "state_capital", Words: []string{"国有资本经营"}},
	{Measure: "special_account", Words: []string{"财政专户"}},
	{Measure: "unit_funds", Words: []string{"单位资金"}},
	{Measure: "business_income", Words: []string{"事业收入"}},
	{Measure: "operating_income", Words: []string{"经营收入"}},
	{Measure: "other_income", Words: []string{"其他收入"}},
	{Measure: "total", Words: []string{"合计", "小计", "总计", "金额", "预算数"}},
}

// LabelHeaders are header texts (after NormText) naming a label column
// (codes and names, not amounts): equal to one of Exact, or ending with
// one of Suffixes.
var LabelHeaders = struct {
	Exact    []string
	Suffixes []string
}{
	Exact:    []string{"项目", "科目", "序号", "单位", "类", "款", "项"},
	Suffixes: []string{"名称", "编码", "代码", "目录"},
}

// HeaderWords are words of header cells: a leading row without amounts whose
// every non-empty cell holds one of these (or a measure word) is a header row.
// ItemHeaderWords are header words only outside the first column: 三公
// item names head columns in some templates but label rows in others.
var ItemHeaderWords = []string{"出国", "接待", "公务用车", "购置费", "运行费", "运行维护费", "会议费", "培训费", "机关运行经费"}

// NoDataTexts are row texts meaning the table has no data.
var NoDataTexts = []string{"无", "本表无数据", "无数据", "此表无数据", "无相关数据", "本单位无此项支出", "本部门无此项支出"}

var HeaderWords = []string{"项目", "科目", "编码", "代码", "名称", "收入", "支出", "金额", "预算", "决算", "合计", "小计", "总计", "结转", "年", "经费", "资金", "拨款", "目录", "单位", "数", "序号", "备注", "类", "款", "项", "分类"}

var shanxi = []Kind{
	{
		ID: KindSummary, Family: "generic",
		Description:    "收支总表: income sources beside expenditure classes; totals",
		Title:          Rule{Any: []string{"收支总表", "收入支出总表", "收入支出决算总表", "收支预算总表", "收支决算总表"}, None: []string{"财政拨款"}},
		DefaultMeasure: "total",
	},
	{
		ID: KindIncome, Family: "generic",
		Description: "收入总表: income by functional code and source",
		Title:       Rule{Any: []string{"收入总表", "收入决算表", "收入预算表", "收入预算总表"}, None: []string{"财政拨款", "政府性基金", "国有资本", "收支"}},
	},
	{
		ID: KindExpenditure, Family: "generic",
		Description: "支出总表: expenditure by functional code, basic/project",
		Title:       Rule{Any: []string{"支出总表", "支出决算表", "支出预算总表"}, None: []string{"财政拨款", "一般公共预算", "政府性基金", "国有资本", "三公", "项目支出", "收支", "收入"}},
	},
	{
		ID: KindFiscalSummary, Family: "generic",
		Description:    "财政拨款收支总表: fiscal appropriations, both sides",
		Title:          Rule{All: []string{"财政拨款"}, Any: []string{"收支总表", "收入支出", "收支预算总表", "收支决算总表"}, None: []string{"政府性基金", "国有资本经营", "一般公共预算"}},
		DefaultMeasure: "total",
	},
	{
		ID: KindGeneralBudgetExpenditure, Family: "generic",
		Description: "一般公共预算支出表: general-budget expenditure by functional code",
		Title:       Rule{All: []string{"一般公共预算"}, Any: []string{"支出预算表", "支出表", "支出决算表", "财政拨款支出", "支出功能分类"}, None: []string{"基本支出", "经济", "三公"}},
	},
	{
		ID: KindBasicEcon, Family: "generic",
		Description: "基本支出分经济科目表: basic expenditure by economic classification, both schemes (names, or codes 3xx/5xx)",
		Title:       Rule{All: []string{"基本支出"}, Any: []string{"经济科目", "经济分类", "基本支出预算表", "基本支出决算表"}},
	},
	{
		ID: KindFiscalExpenditure, Family: "generic",
		Description: "财政拨款支出预算表: fiscal-appropriation expenditure by functional code",
		Title:       Rule{All: []string{"财政拨款"}, Any: []string{"支出预算表", "支出决算表", "支出表"}, None: []string{"基本支出", "收支", "收入", "一般公共预算", "政府性基金", "国有资本", "三公", "经济"}},
	},
	{
		ID: KindProcurement, Family: "generic",
		Description: "政府采购预算表: procurement lines, kept as cells",
		Title:       Rule{Any: []string{"政府采购预算表", "政府采购支出预算表", "政府采购预算明细表", "政府采购表"}},
	},
	{
		ID: KindGovFundIncome, Family: "generic",
		Description: "政府性基金预算收入表",
		Title:       Rule{All: []string{"政府性基金", "收入"}, None: []string{"支出"}},
	},
	{
		ID: KindGovFundExpenditure, Family: "generic",
		Description: "政府性基金预算支出表",
		Title:       Rule{All: []string{"政府性基金", "支出"}},
	},
	{
		ID: KindStateCapital, Family: "generic",
		Description: "国有资本经营预算收支预算表",
		Title:       Rule{All: []string{"国有资本经营"}, Any: []string{"收支", "支出", "收入"}},
	},
	{
		ID: KindThreePublic, Family: "generic",
		Description: "“三公”经费支出表: items outbound/reception/vehicle × funds",
		Title:       Rule{Any: []string{"三公", "三公经费和机关运行经费"}},
	},
	{
		ID: KindOperatingCosts, Family: "generic",
		Description: "机关运行经费预算表",
		Title:       Rule{Any: []string{"机关运行经费"}},
	},
	{
		ID: KindProjectsCurrent, Family: "generic",
		Description: "项目支出预算表（本年预算）: one row per project",
		Title:       Rule{All: []string{"项目支出"}, Any: []string{"预算表", "本年", "明细表", "决算表"}, None: []string{"上年结转", "绩效"}},
	},
	{
		ID: KindProjectsCarryover, Family: "generic",
		Description: "项目支出预算表（上年结转）",
		Title:       Rule{All: []string{"项目支出", "上年结转"}, None: []string{"绩效", "不含上年结转"}},
	},
	{
		ID: KindPurchaseCatalogue, Family: "generic",
		Description: "政府购买服务指导性目录: catalogue codes (004E0101) and levels",
		Title:       Rule{Any: []string{"政府购买服务指导性目录", "政府购买服务目录"}},
	},
	{
		ID: KindPerfForm, Family: "generic",
		Description: "绩效目标表 / 整体支出绩效目标申报表: parsed by package ingest/forms",
		Title:       Rule{Any: []string{"绩效目标表", "绩效目标申报表", "绩效目标填报表"}},
		Structure:   true,
	},
}

func init() { Register(shanxi...) }
