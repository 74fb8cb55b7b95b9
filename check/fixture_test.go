package check

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/internal/testutil"

	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// This file builds, by hand, the Disclosure of the Shanxi corpus text
// (houma-jjkjfzb-2024-budget.txt) as ingest/interpret is specified to build
// it: the figures and line numbers below were copied from the text and
// checked against it. Amounts are written in 万元 (or 元 for forms) and
// converted to yuan.

var wan = decimal.NewFromInt(10000)

func w(s string) decimal.Decimal { return decimal.RequireFromString(s).Mul(wan) }

func yp(s string) *decimal.Decimal {
	d := decimal.RequireFromString(strings.ReplaceAll(s, ",", ""))
	return &d
}

func ref(line int) string { return fmt.Sprintf("line %d", line) }

// funcRows: line code name amounts… (blank = "-")
const expenditureRows = `156 201 一般公共服务支出 493.40 346.60 146.80
157 20104 发展与改革事务 393.40 346.60 46.80
158 2010406 社会事业发展规划 36.80 - 36.80
159 2010450 事业运行 346.60 346.60 -
160 2010499 其他发展与改革事务支出 10.00 - 10.00
161 20113 商贸事务 100.00 - 100.00
162 2011308 招商引资 100.00 - 100.00
163 206 科学技术支出 435.00 - 435.00
164 20699 其他科学技术支出 435.00 - 435.00
165 2069901 科技奖励 435.00 - 435.00
166 208 社会保障和就业支出 39.02 39.02 -
167 20805 行政事业单位养老支出 39.02 39.02 -
168 2080505 机关事业单位基本养老保险缴费支出 26.02 26.02 -
169 2080506 机关事业单位职业年金缴费支出 13.01 13.01 -
170 210 卫生健康支出 11.80 11.80 -
171 21007 计划生育事务 0.42 0.42 -
172 2100799 其他计划生育事务支出 0.42 0.42 -
173 21011 行政事业单位医疗 11.38 11.38 -
174 2101102 事业单位医疗 11.38 11.38 -
175 211 节能环保支出 15.00 - 15.00
176 21101 环境保护管理事务 15.00 - 15.00
177 2110199 其他环境保护管理事务支出 15.00 - 15.00
178 215 资源勘探工业信息等支出 100.00 - 100.00
179 21508 支持中小企业发展和管理支出 100.00 - 100.00
180 2150805 中小企业发展专项 100.00 - 100.00
181 221 住房保障支出 41.07 41.07 -
182 22102 住房改革支出 41.07 41.07 -
183 2210201 住房公积金 41.07 41.07 -
184 224 灾害防治及应急管理支出 11.00 - 11.00
185 22401 应急管理事务 11.00 - 11.00
186 2240104 灾害风险防治 11.00 - 11.00`

func funcRows(table string, lineShift int, rows string, measures ...string) []model.FuncAmount {
	var out []model.FuncAmount
	for _, l := range strings.Split(rows, "\n") {
		f := strings.Fields(l)
		var line int
		fmt.Sscan(f[0], &line)
		code, name := f[1], f[2]
		level := map[int]string{3: "class", 5: "section", 7: "item"}[len(code)]
		for i, m := range measures {
			if f[3+i] == "-" {
				continue
			}
			out = append(out, model.FuncAmount{SourceTable: table, Code: code, Name: name, Level: level, Measure: m, Amount: w(f[3+i]), SourceRef: ref(line + lineShift)})
		}
	}
	return out
}

// classRows keeps the class rows of expenditureRows (for tables 1 and 4).
func classRows(lines map[string]int) string {
	var b []string
	for _, l := range strings.Split(expenditureRows, "\n") {
		f := strings.Fields(l)
		if len(f[1]) == 3 {
			b = append(b, fmt.Sprintf("%d %s %s %s", lines[f[1]], f[1], f[2], f[3]))
		}
	}
	return strings.Join(b, "\n")
}

func total(table, key, label, measure, amount string, line int) model.Total {
	return model.Total{Key: key, Label: label, SourceTable: table, Measure: measure, Amount: w(amount), SourceRef: ref(line)}
}

func econ(code, name, parent, total, personnel, public string, line int) []model.EconAmount {
	var out []model.EconAmount
	for _, m := range [][2]string{{"total", total}, {"personnel", personnel}, {"public", public}} {
		if m[1] == "-" {
			continue
		}
		out = append(out, model.EconAmount{SourceTable: "basic_econ", Scheme: "department", Code: code, Name: name, ParentCode: parent, Measure: m[0], Amount: w(m[1]), SourceRef: ref(line)})
	}
	return out
}

type formSpec struct {
	name           string
	period, annual string
	cost           []string
	line, costLine int
}

// forms in the order of the text (13; 科技研发平台认定奖励 has none).
var shanxiForms = []formSpec{
	{"聘用律师费", "200,000", "100,000", []string{"≥20万"}, 539, 559},
	{"侯马经济开发区数字双创建设运营费及评审费", "2,897,900", "1,000,000", []string{"≥289.79万"}, 571, 591},
	{"国家级绿色园区运行管理", "80,000", "40,000", []string{"8万元一年"}, 603, 624},
	{"“一区三园”应急预案编制费用", "100,000", "50,000", []string{"10万"}, 638, 658},
	{"科技孵化认定奖励", "500,000", "500,000", []string{"50万"}, 672, 692},
	{"高新技术企业认定奖励", "3,400,000", "3,400,000", []string{"340万"}, 706, 726},
	{"环保宣传", "30,000", "30,000", []string{"≥3万"}, 738, 758},
	{"安全生产月系列宣传活动", "60,000", "60,000", []string{">6万"}, 772, 793},
	{"提质升级奖励", "1,000,000", "1,000,000", []string{"100万"}, 805, 825},
	{"生态环境治理", "20,000", "20,000", []string{"2万"}, 837, 857},
	{"环保管家服务费", "100,000", "100,000", []string{"≥10万"}, 871, 891},
	{"安全生产应急演练", "50,000", "50,000", []string{"5万"}, 903, 923},
	{"侯马经济开发区“十四五”产业发展规划（修编）", "278,000", "278,000", []string{"≥27.8万"}, 935, 955},
}

// projects of table 12 (line, name, 万元, form name or "").
var shanxiProjects = []struct {
	line   int
	name   string
	amount string
	form   string
	score  float64
}{
	{389, "安全生产月系列宣传活动", "6.00", "安全生产月系列宣传活动", 1},
	{390, "“一区三园”应急预案编制费用", "5.00", "“一区三园”应急预案编制费用", 1},
	{391, "安全生产应急演练", "5.00", "安全生产应急演练", 1},
	{392, "生态环境治理", "2.00", "生态环境治理", 1},
	{393, "环保宣传", "3.00", "环保宣传", 1},
	{394, "环保管家服务费", "10.00", "环保管家服务费", 1},
	{395, "高新技术企业认定奖励", "340.00", "高新技术企业认定奖励", 1},
	{396, "科技研发平台认定奖励", "45.00", "", 0},
	{397, "提质升级奖励", "100.00", "提质升级奖励", 1},
	{398, "侯马开发区数字双创建运营费及评审费", "100.00", "侯马经济开发区数字双创建设运营费及评审费", 0.92},
	{399, "国家级绿色园区运行管理", "4.00", "国家级绿色园区运行管理", 1},
	{400, "侯马经济开发区“十四五”产业发展规划（修编）", "27.80", "侯马经济开发区“十四五”产业发展规划（修编）", 1},
	{401, "科技孵化认定奖励", "50.00", "科技孵化认定奖励", 1},
	{402, "聘用律师费", "10.00", "聘用律师费", 1},
}

// shanxiParagraphs are the prose paragraphs of part three (line, text).
var shanxiParagraphs = []struct {
	line int
	text string
}{
	{421, "2024年度侯马经济开发区管理委员会经济科技发展部预算收入总计1,146.30万元，其中：本年收入1,146.30万元，上年结转0万元，比上年减少72.34万元，下降5.94%，主要原因是项目资金厉行节约，减少资金安排；本年部门预算支出总计1,146.30万元，其中：本年预算安排1,146.30万元，上年结转0万元，比上年减少72.34万元，下降5.94%，主要原因是项目资金厉行节约，减少资金安排"},
	{425, "2024年度侯马经济开发区管理委员会经济科技发展部预算收入1,146.30万元，主要包括一般公共预算拨款收入1,146.30万元，占100.00%；政府性基金预算拨款收入0万元，占0%；国有资本经营预算拨款收入0万元，占0%；财政专户管理资金收入0万元，占0%；单位资金0万元，占0%；上年结转0万元，占0%。"},
	{431, "2024年度侯马经济开发区管理委员会经济科技发展部支出预算1146.3万元，其中：基本支出438.5万元，占38.25%；项目支出707.8万元，占61.75%。"},
	{435, "2024年度侯马经济开发区管理委员会经济科技发展部财政拨款收支总预算1,146.30万元。其中：一般公共预算拨款1,146.30万元，政府性基金预算拨款0万元，国有资本经营预算拨款0万元。其中：当年拨款收入1,146.30万元，上年结转收入0万元。支出包括：一般公共服务支出493.40万元、科学技术支出435.00万元、社会保障和就业支出39.02万元、卫生健康支出11.80万元、节能环保支出15.00万元、资源勘探工业信息等支出100.00万元、住房保障支出41.07万元、灾害防治及应急管理支出11.00万元等。"},
	{442, "2024年度侯马经济开发区管理委员会经济科技发展部一般公共预算当年支出1,146.30万元,比上年减少72.34万元,下降5.94%。"},
	{446, "2024年度侯马经济开发区管理委员会经济科技发展部一般公共预算当年支出1,146.30万元,主要用于以下方面:一般公共预算服务支出493.40万元,占43.04%;科学技术支出435.00万元,占37.95%;社会保障和就业支出39.02万元,占3.40%;卫生健康支出11.80万元,占1.03%;节能环保支出15.00万元,占1.31%;资源勘探工业信息等支出100.00万元,占8.72%;住房保障支出41.07万元,占3.58%;灾害防治及应急管理支出11.00万元,占0.96%等。"},
	{454, "2024年度侯马经济开发区管理委员会经济科技发展部一般公共预算安排基本支出438.50万元,其中:"},
	{456, "人员经费388.89万元,主要包括:其他社会保障缴费、绩效工资、基本工资、住房公积金、机关事业单位基本养老保险缴费、奖励金、职工基本医疗保险缴费、津贴补贴、职业年金缴费等;"},
	{459, "公用经费49.61万元,主要包括:印刷费、会议费、办公费、邮电费、福利费、公务接待费、其他交通费用、培训费、差旅费、工会经费等。"},
	{463, "2024年侯马经济开发区管理委员会经济科技发展部财政拨款安排的“三公”经费预算2.98万元比2023年减少1.10万元,主要原因是厉行节约、减少公务接待频次。"},
	{465, "其中:因公出国(境)费0万元,与上年预算数相同;公务接待费2.98万元,与上年相比预算数减少1.10万元;公务用车运行维护费0万元,与上年预算数相同;公务用车购置费0万元,与上年预算数相同。"},
	{473, "本部门属于事业单位，无机关运行经费支出。"},
	{477, "2024年侯马经济开发区管理委员会经济科技发展部政府采购预算总额6.35万元。其中：政府采购货物预算0.60万元、政府采购工程预算0万元、政府采购服务预算5.75万元。"},
	{483, "2024年编报部门整体支出绩效目标，涉及部门预算资金1146.3万元，其中基本支出438.5万元，项目支出707.8万元"},
	{487, "2024年侯马经济开发区管理委员会经济科技发展部纳入绩效目标管理的二级项目14个，共计金额707.80万元。其中：其他运转类项目0个，涉及金额0万元；特定目标类项目14个，涉及金额707.80万元。公开项目绩效目标14个，涉及项目金额707.80万元，占部门（单位）项目支出总额的100%。其中：其他运转类项目0个，涉及项目金额0万元；特定目标类项目14个，涉及项目金额707.80万元。"},
}

// shanxi returns the hand-built Disclosure of the Shanxi corpus text.
func shanxi() *model.Disclosure {
	d := &model.Disclosure{
		Identity: model.Identity{
			Department: "侯马经济开发区管理委员会经济科技发展部", DepartmentCode: "604",
			Region: "侯马经济开发区", FiscalYear: 2024, Kind: model.KindBudget, Level: model.LevelDepartment,
			TableUnit: "万元", SourceFormat: "text",
		},
		Lines: 900, Consumed: 900,
	}
	for _, t := range []struct {
		kind, number, title string
		line                int
		empty               bool
	}{
		{"summary", "预算公开表1", "2024年预算收支总表", 60, false},
		{"income", "", "2024年预算收入总表", 103, false},
		{"expenditure", "", "2024年预算支出总表", 147, false},
		{"fiscal_summary", "", "2024年财政拨款收支总表", 188, false},
		{"general_budget_expenditure", "", "2024年一般公共预算支出预算表（不含上年结转）", 235, false},
		{"basic_econ", "", "2024年一般公共预算安排基本支出分经济科目表（不含上年结转）", 277, false},
		{"gov_fund_income", "", "2024年政府性基金预算收入表（不含上年结转）", 309, true},
		{"gov_fund_expenditure", "", "2024年政府性基金预算支出表（不含上年结转）", 321, true},
		{"state_capital", "部门公开表9", "2024年国有资本经营预算收支预算表（不含上年结转）", 336, true},
		{"three_public", "预算公开表10", "2024年财政拨款安排“三公”经费支出预算表", 351, false},
		{"operating_costs", "", "2024年财政拨款安排机关运行经费预算表", 366, true},
		{"projects_current", "", "2024年项目支出预算表（本年预算）", 378, false},
		{"projects_carryover", "", "2024年项目支出预算表（上年结转）", 404, true},
	} {
		d.Tables = append(d.Tables, model.TableMeta{Kind: t.kind, Number: t.number, Title: t.title, Unit: "万元", Empty: t.empty, SourceRef: ref(t.line)})
	}
	// Table 1 and table 4: class rows by name, mapped to codes.
	t1 := map[string]int{"201": 68, "206": 73, "208": 75, "210": 77, "211": 78, "215": 82, "221": 87, "224": 90}
	t4 := map[string]int{"201": 197, "206": 202, "208": 204, "210": 206, "211": 207, "215": 211, "221": 216, "224": 219}
	for _, m := range []string{"total", "current_year"} {
		d.FuncAmounts = append(d.FuncAmounts, funcRows("summary", 0, classRows(t1), m)...)
	}
	for _, m := range []string{"total", "general_public_budget"} {
		d.FuncAmounts = append(d.FuncAmounts, funcRows("fiscal_summary", 0, classRows(t4), m)...)
	}
	// Table 2 (lines 112-143, shifted: 133 is blank), 3, 5.
	income := funcRows("income", -44, expenditureRows, "total")
	for i := range income {
		var l int
		fmt.Sscanf(income[i].SourceRef, "line %d", &l)
		if l >= 133 {
			income[i].SourceRef = ref(l + 1)
		}
	}
	for _, f := range income {
		g := f
		g.Measure = "general_public_budget"
		income = append(income, g)
	}
	d.FuncAmounts = append(d.FuncAmounts, income...)
	d.FuncAmounts = append(d.FuncAmounts, funcRows("expenditure", 0, expenditureRows, "total", "basic", "project")...)
	gpb := funcRows("general_budget_expenditure", 88, expenditureRows, "total", "basic", "project")
	for i := range gpb {
		var l int
		fmt.Sscanf(gpb[i].SourceRef, "line %d", &l)
		if l >= 272 {
			gpb[i].SourceRef = ref(l + 1)
		}
	}
	d.FuncAmounts = append(d.FuncAmounts, gpb...)

	d.Totals = append(d.Totals,
		total("summary", "general_public_budget", "一、一般公共预算", "total", "1146.30", 68),
		total("summary", "income_total", "本年收入合计", "total", "1146.30", 99),
		total("summary", "expenditure_total", "本年支出合计", "total", "1146.30", 99),
		total("summary", "expenditure_total", "本年支出合计", "current_year", "1146.30", 99),
		total("summary", "grand_income_total", "收入总计", "total", "1146.30", 101),
		total("summary", "grand_expenditure_total", "支出总计", "total", "1146.30", 101),
		total("summary", "grand_expenditure_total", "支出总计", "current_year", "1146.30", 101),
		total("income", "table_total", "合计", "total", "1146.30", 111),
		total("income", "table_total", "合计", "general_public_budget", "1146.30", 111),
		total("expenditure", "table_total", "合计", "total", "1146.30", 155),
		total("expenditure", "table_total", "合计", "basic", "438.50", 155),
		total("expenditure", "table_total", "合计", "project", "707.80", 155),
		total("fiscal_summary", "general_public_budget", "一、一般公共预算", "total", "1146.30", 197),
		total("fiscal_summary", "income_total", "本年收入合计", "total", "1146.30", 228),
		total("fiscal_summary", "expenditure_total", "本年支出合计", "total", "1146.30", 228),
		total("fiscal_summary", "expenditure_total", "本年支出合计", "general_public_budget", "1146.30", 228),
		total("fiscal_summary", "grand_income_total", "收入总计", "total", "1146.30", 233),
		total("fiscal_summary", "grand_expenditure_total", "支出总计", "total", "1146.30", 233),
		total("fiscal_summary", "grand_expenditure_total", "支出总计", "general_public_budget", "1146.30", 233),
		total("general_budget_expenditure", "table_total", "合计", "total", "1146.30", 243),
		total("general_budget_expenditure", "table_total", "合计", "basic", "438.50", 243),
		total("general_budget_expenditure", "table_total", "合计", "project", "707.80", 243),
	)

	for _, e := range [][]model.EconAmount{
		econ("", "合计", "", "438.50", "388.89", "49.61", 285),
		econ("301", "工资福利支出", "", "388.47", "388.47", "-", 286),
		econ("30101", "基本工资", "301", "90.94", "90.94", "-", 287),
		econ("30102", "津贴补贴", "301", "12.11", "12.11", "-", 288),
		econ("30107", "绩效工资", "301", "192.29", "192.29", "-", 289),
		econ("30108", "机关事业单位基本养老保险缴费", "301", "26.02", "26.02", "-", 290),
		econ("30109", "职业年金缴费", "301", "13.01", "13.01", "-", 291),
		econ("30110", "职工基本医疗保险缴费", "301", "11.38", "11.38", "-", 292),
		econ("30112", "其他社会保障缴费", "301", "1.66", "1.66", "-", 293),
		econ("30113", "住房公积金", "301", "41.07", "41.07", "-", 294),
		econ("302", "商品和服务支出", "", "49.61", "-", "49.61", 295),
		econ("30201", "办公费", "302", "4.35", "-", "4.35", 296),
		econ("30202", "印刷费", "302", "5.75", "-", "5.75", 297),
		econ("30207", "邮电费", "302", "0.02", "-", "0.02", 298),
		econ("30211", "差旅费", "302", "3.00", "-", "3.00", 299),
		econ("30215", "会议费", "302", "1.00", "-", "1.00", 300),
		econ("30216", "培训费", "302", "1.00", "-", "1.00", 301),
		econ("30217", "公务接待费", "302", "2.98", "-", "2.98", 302),
		econ("30228", "工会经费", "302", "5.74", "-", "5.74", 303),
		econ("30229", "福利费", "302", "10.05", "-", "10.05", 304),
		econ("30239", "其他交通费用", "302", "15.72", "-", "15.72", 305),
		econ("303", "对个人和家庭的补助", "", "0.42", "0.42", "-", 306),
		econ("30309", "奖励金", "303", "0.42", "0.42", "-", 307),
	} {
		d.EconAmounts = append(d.EconAmounts, e...)
	}
	for _, m := range []string{"total", "general_public_budget"} {
		d.ThreePublic = append(d.ThreePublic,
			model.ThreePublic{SourceTable: "three_public", Item: "reception", Label: "公务接待费", Measure: m, Amount: w("2.98"), SourceRef: ref(360)},
			model.ThreePublic{SourceTable: "three_public", Item: "total", Label: "合计", Measure: m, Amount: w("2.98"), SourceRef: ref(364)},
		)
	}
	formIndex := map[string]int{}
	for i, f := range shanxiForms {
		formIndex[f.name] = i
		pf := model.PerfForm{
			Scope: model.FormProject, Title: "侯马经济开发区预算部门（单位）项目支出绩效目标表", Project: f.name,
			Department: "侯马经济开发区管理委员会经济科技发展部", DepartmentCode: "604",
			Implementer: "侯马经济开发区管理委员会经济科技发展部", Attribute: "一次性项目（1年结束）", Period: "1年",
			PeriodTotal: yp(f.period), AnnualTotal: yp(f.annual), SourceRef: ref(f.line), ProjectIndex: -1,
		}
		for _, c := range f.cost {
			for _, scope := range []string{model.ScopePeriod, model.ScopeAnnual} {
				pf.Indicators = append(pf.Indicators, model.Indicator{Scope: scope, Level1: "产出指标", Level2: "成本指标", Level3: "成本", ValueText: c, SourceRef: ref(f.costLine)})
			}
		}
		d.Forms = append(d.Forms, pf)
	}
	for i, p := range shanxiProjects {
		pr := model.Project{SourceTable: "projects_current", BudgetUnit: "侯马经济开发区管理委员会经济科技发展部", Name: p.name, Amount: w(p.amount),
			Funds: []model.Measured{{Measure: "general_public_budget", Amount: w(p.amount)}}, SourceRef: ref(p.line), Form: -1}
		if p.form != "" {
			pr.Form = formIndex[p.form]
			pr.MatchScore = p.score
			d.Forms[pr.Form].ProjectIndex = i
			d.Forms[pr.Form].MatchScore = p.score
		}
		d.Projects = append(d.Projects, pr)
	}
	for _, p := range shanxiParagraphs {
		d.Paragraphs = append(d.Paragraphs, model.Paragraph{Section: "第三部分 2024年度部门预算情况说明", Text: p.text, SourceRef: ref(p.line)})
	}
	return d
}

// shanxiReal reads and interprets the Shanxi corpus text.
func shanxiReal(t testing.TB) *model.Disclosure {
	t.Helper()
	data, err := os.ReadFile(testutil.CorpusText(t))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := text.Read(context.Background(), "houma-jjkjfzb-2024-budget.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	return interpret.Interpret(context.Background(), doc)
}
