package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// yuanOf parses a printed 元 amount ("12,604,173").
func yuanOf(s string) decimal.Decimal {
	return decimal.RequireFromString(strings.ReplaceAll(s, ",", ""))
}

// sifajuUnitExpenditure is the 2026年预算单位支出预算总表 of
// sh-putuo-sifaju-2026-danwei-yusuan.pdf (pp. 11-12), copied by hand from
// pdftotext -layout: code, name, 合计, 基本支出, 项目支出 (元).
const sifajuUnitExpenditure = `204 公共安全支出 79,189,400.34 14,348,853.34 64,840,547.00
20406 司法 79,189,400.34 14,348,853.34 64,840,547.00
2040601 行政运行 14,348,853.34 14,348,853.34 64,840,547.00
2040604 基层司法业务 21,703,947.00 0.00 21,703,947.00
2040605 普法宣传 1,242,900.00 0.00 1,242,900.00
2040607 公共法律服务 1,160,000.00 0.00 1,160,000.00
2040613 信息化建设 2,278,800.00 0.00 2,278,800.00
2040699 其他司法支出 38,454,900.00 0.00 38,454,900.00
208 社会保障和就业支出 2,925,857.00 2,925,857.00 0.00
20805 行政事业单位养老支出 2,925,857.00 2,925,857.00 0.00
2080501 行政单位离退休 561,240.00 561,240.00 0.00
2080505 机关事业单位基本养老保险缴费支出 1,572,307.00 1,572,307.00 0.00
2080506 机关事业单位职业年金缴费支出 786,150.00 786,150.00 0.00
2080599 其他行政事业单位养老支出 6,160.00 6,160.00 0.00
210 卫生健康支出 982,692.00 982,692.00 0.00
21011 行政事业单位医疗 982,692.00 982,692.00 0.00
2101101 行政单位医疗 982,692.00 982,692.00 0.00
221 住房保障支出 3,861,459.00 3,861,459.00 0.00
22102 住房改革支出 3,861,459.00 3,861,459.00 0.00
2210201 住房公积金 1,791,459.00 1,791,459.00 0.00
2210203 购房补贴 2,070,000.00 2,070,000.00 0`

// sifajuUnit is the 司法局 2026 unit budget as its tables print it (the
// tables the PDF reader does not yet align), with two prose items.
func sifajuUnit() *model.Disclosure {
	d := &model.Disclosure{Identity: model.Identity{Department: "上海市普陀区司法局", FiscalYear: 2026, Kind: model.KindBudget, Level: model.LevelUnit, TableUnit: "元"}, Lines: 300}
	for _, t := range []struct{ kind, title string }{
		{"summary", "2026年预算单位财务收支预算总表"},
		{"expenditure", "2026年预算单位支出预算总表"},
		{"general_budget_expenditure", "2026年预算单位一般公共预算支出功能分类预算表"},
		{"basic_econ", "2026年预算单位一般公共预算基本支出部门预算经济分类预算表"},
	} {
		d.Tables = append(d.Tables, model.TableMeta{Kind: t.kind, Title: t.title, Unit: "元"})
	}
	for _, table := range []string{"expenditure", "general_budget_expenditure"} {
		for i, l := range strings.Split(sifajuUnitExpenditure, "\n") {
			f := strings.Fields(l)
			for j, m := range []string{"total", "basic", "project"} {
				d.FuncAmounts = append(d.FuncAmounts, model.FuncAmount{SourceTable: table, Code: f[0], Name: f[1], Measure: m, Amount: yuanOf(f[2+j]), SourceRef: fmt.Sprintf("page 12 line %d", 10+i)})
			}
		}
		for m, a := range map[string]string{"total": "86,959,408.34", "basic": "22,118,861", "project": "64,840,547.00"} {
			d.Totals = append(d.Totals, model.Total{Key: "table_total", Label: "合计", SourceTable: table, Measure: m, Amount: yuanOf(a), SourceRef: "page 12 line 32"})
		}
	}
	for _, x := range []struct{ key, measure, amount string }{
		{"fiscal_appropriation", "total", "86,959,408.34"},
		{"general_public_budget", "total", "86,959,408.34"},
		{"grand_income_total", "total", "86,959,408.34"},
		{"grand_expenditure_total", "total", "86,959,408.34"},
		{"grand_expenditure_total", "personnel", "20,374,181"},
		{"grand_expenditure_total", "public", "1,744,680"},
		{"grand_expenditure_total", "project", "64,840,547"},
	} {
		d.Totals = append(d.Totals, model.Total{Key: x.key, Label: x.key, SourceTable: "summary", Measure: x.measure, Amount: yuanOf(x.amount), SourceRef: "page 8 line 14"})
	}
	for m, a := range map[string]string{"total": "22,118,861.34", "personnel": "20,272,981.00", "public": "1,845,880.34"} {
		d.EconAmounts = append(d.EconAmounts, model.EconAmount{SourceTable: "basic_econ", Scheme: "department", Name: "合计", Measure: m, Amount: yuanOf(a), SourceRef: "page 19 line 16"})
	}
	d.Paragraphs = []model.Paragraph{
		{Text: "7、社会保障和就业支出（208类）行政事业单位养老支出（05款）行政单位离退休（01项）56.12万元。主要用于：退休人员支出。2025年当年预算执行数为57.43万元，2026年预算安排57.8万元，比2025年预算执行数减少2.27%。主要原因是：退休实有人数减少。", SourceRef: "page 6 line 21"},
		{Text: "13、住房保障支出（221类）住房改革支出（02款）购房补贴（03项）207万元。主要用于：发放购房补贴。2025年当年预算执行数为241.76万元，2026年预算安排170.03万元，比2025年预算执行数增加21.74%。主要原因是：支出增加。", SourceRef: "page 7 line 13"},
	}
	return d
}

// TestDocument_sifajuTables: the reviewers' table defects of the 司法局 2026
// unit budget are reported, given the facts as printed.
func TestDocument_sifajuTables(t *testing.T) {
	fs := Document(sifajuUnit())
	want := []expect{
		{"单位支出预算总表 / 一般公共预算支出功能分类预算表: 行政运行 合计 ≠ 基本 + 项目", "func.basic_plus_project", "row 2040601 行政运行", 2},
		{"README: 支出预算总表 合计 row 22,118,861 + 64,840,547.00 ≠ 86,959,408.34", "func.basic_plus_project", "row 合计", 2},
		{"README: 财务收支预算总表 人员经费 differs from 经济分类表", "econ.summary_split", "人员经费", 1},
		{"README: 财务收支预算总表 公用经费 differs from 经济分类表", "econ.summary_split", "公用经费", 1},
		{"预算编制说明 3 (57.8 vs table 561,240)", "prose.func_items", "57.8万元", 1},
		{"预算编制说明 4 (170.03 vs table 2,070,000)", "prose.func_items", "170.03万元", 1},
	}
	for _, e := range want {
		n := 0
		for _, f := range fs {
			if f.Rule == e.rule && strings.Contains(f.Message, e.text) {
				n++
			}
		}
		if n < e.n {
			t.Errorf("%s: %d findings %s containing %q, want %d", e.item, n, e.rule, e.text, e.n)
		}
	}
	// The prose's first amounts (56.12, 207) equal the tables: not reported.
	for _, f := range fs {
		if f.Rule == "prose.func_items" && (strings.Contains(f.Message, "56.12万元") || strings.Contains(f.Message, "207万元")) {
			t.Errorf("false finding: %s", f.Message)
		}
	}
	if t.Failed() {
		for _, f := range fs {
			t.Logf("%s %s %s: %s", f.Severity, f.Rule, f.SourceRef, f.Message)
		}
	}
}
