package interpret

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/model"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// facts is a compact projection of a Disclosure for unit tests: one string
// per fact, amounts in yuan.
type facts struct {
	Totals, Func, Econ, ThreePublic, Projects, Cells, Unaccounted, Findings, Quarantine, Tables []string
}

func project(d *model.Disclosure) facts {
	var f facts
	for _, t := range d.Totals {
		f.Totals = append(f.Totals, fmt.Sprintf("%s/%s/%s=%s", t.SourceTable, t.Key, t.Measure, t.Amount.StringFixed(0)))
	}
	for _, x := range d.FuncAmounts {
		f.Func = append(f.Func, fmt.Sprintf("%s/%s/%s/%s=%s", x.SourceTable, x.Code, x.Level, x.Measure, x.Amount.StringFixed(0)))
	}
	for _, x := range d.EconAmounts {
		f.Econ = append(f.Econ, fmt.Sprintf("%s/%s:%s<%s/%s=%s", x.Scheme, x.Name, x.Code, x.ParentCode, x.Measure, x.Amount.StringFixed(0)))
	}
	for _, x := range d.ThreePublic {
		f.ThreePublic = append(f.ThreePublic, fmt.Sprintf("%s/%s=%s", x.Item, x.Measure, x.Amount.StringFixed(0)))
	}
	for _, x := range d.Projects {
		f.Projects = append(f.Projects, fmt.Sprintf("%s/%s/%s=%s", x.SourceTable, x.BudgetUnit, x.Name, x.Amount.StringFixed(0)))
	}
	for _, x := range d.Cells {
		f.Cells = append(f.Cells, fmt.Sprintf("%d:%d:%d=%s", x.TableIndex, x.Row, x.Col, x.Text))
	}
	for _, x := range d.Unaccounted {
		f.Unaccounted = append(f.Unaccounted, x.SourceRef+": "+x.Reason)
	}
	for _, x := range d.Findings {
		f.Findings = append(f.Findings, x.Rule+"@"+x.SourceRef)
	}
	f.Quarantine = d.Quarantine
	for _, x := range d.Tables {
		f.Tables = append(f.Tables, fmt.Sprintf("%s/%s/empty=%v", x.Kind, x.Unit, x.Empty))
	}
	return f
}

func interpretString(t testing.TB, src string) *model.Disclosure {
	t.Helper()
	d, err := text.Read(context.Background(), "t.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out := Interpret(context.Background(), d)
	if out.Consumed+len(out.Unaccounted) != out.Lines {
		t.Errorf("consumed %d + unaccounted %d != lines %d", out.Consumed, len(out.Unaccounted), out.Lines)
	}
	return out
}

func src(title string, rows ...string) string {
	return "## 2024年" + title + "\n部门名称：某某局\n单位：万元\n" + strings.Join(rows, "\n") + "\n"
}

// expenditure is a minimal expenditure table so that documents built for a
// single table are not quarantined.
var expenditure = src("预算支出总表",
	"科目编码\t科目名称\t合计\t基本支出\t项目支出",
	"合计\t\t3.00\t1.00\t2.00",
	"201\t一般公共服务支出\t3.00\t1.00\t2.00")

var expenditureFacts = []string{"expenditure/201/class/total=30000", "expenditure/201/class/basic=10000", "expenditure/201/class/project=20000"}
var expenditureTotals = []string{"expenditure/table_total/total=30000", "expenditure/table_total/basic=10000", "expenditure/basic/total=10000", "expenditure/table_total/project=20000", "expenditure/project/total=20000"}

func TestInterpret_tables(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want facts
	}{
		{
			name: "expenditure with bad amount and codeless row",
			src: src("预算支出总表",
				"项目\t\t2024年预算数\t\t",
				"科目编码\t科目名称\t合计\t基本支出\t项目支出",
				"合计\t\t3.00\t1.00\t2.00",
				"201\t一般公共服务支出\t3.00\t1.00\t2.00",
				"20101\t人大事务\t3,00x\t\t",
				"说明文字\t\t\t\t"),
			want: facts{
				Totals:      expenditureTotals,
				Func:        expenditureFacts,
				Unaccounted: []string{"line 8: bad amount 3,00x", "line 9: row without a functional code"},
				Findings:    []string{"parse.bad_amount@line 8", "parse.unaccounted_lines@line 0"},
				Tables:      []string{"expenditure/万元/empty=false"},
			},
		},
		{
			name: "summary two sides, class names to codes, unmapped class",
			src: src("预算收支总表",
				"收入\t\t支出\t\t\t",
				"项目\t2024年\t项目\t2024年合计\t当年预算安排\t上年结转安排",
				"一、一般公共预算\t3.00\t一、一般公共服务支出\t1.00\t1.00\t",
				"二、单位资金\t\t二、医疗卫生与计划生育支出\t2.00\t1.50\t0.50",
				"\t\t三十一、闻所未闻支出\t\t\t",
				"本年收入合计\t3.00\t本年支出合计\t3.00\t2.50\t0.50",
				"上年结转\t\t年终结转\t\t\t",
				"收入总计\t3.00\t支出总计\t3.00\t2.50\t0.50") + expenditure,
			want: facts{
				Totals: append([]string{"summary/general_public_budget/total=30000", "summary/unit_funds/total=0",
					"summary/income_total/total=30000", "summary/expenditure_total/total=30000", "summary/expenditure_total/current_year=25000", "summary/expenditure_total/carryover=5000",
					"summary/carryover_in/total=0", "summary/carryover_out/total=0",
					"summary/grand_income_total/total=30000", "summary/grand_expenditure_total/total=30000", "summary/grand_expenditure_total/current_year=25000", "summary/grand_expenditure_total/carryover=5000"}, expenditureTotals...),
				Func: append([]string{"summary/201/class/total=10000", "summary/201/class/current_year=10000",
					"summary/210/class/total=20000", "summary/210/class/current_year=15000", "summary/210/class/carryover=5000"}, expenditureFacts...),
				Unaccounted: []string{"line 8: summary row not understood"},
				Findings:    []string{"parse.unmapped_func_class@line 8", "parse.unaccounted_lines@line 0"},
				Tables:      []string{"summary/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "summary rows with their leading empty cells lost",
			src: src("预算收支总表",
				"收入\t\t支出\t\t",
				"项目\t2024年\t项目\t2024年合计\t当年预算安排",
				"一、一般公共预算\t3.00\t一、一般公共服务支出\t1.00\t1.00",
				"六、科学技术支出\t2.00\t2.00",
				"本年收入合计\t3.00\t本年支出合计\t3.00\t3.00") + expenditure,
			want: facts{
				Totals: append([]string{"summary/general_public_budget/total=30000", "summary/income_total/total=30000", "summary/expenditure_total/total=30000", "summary/expenditure_total/current_year=30000"}, expenditureTotals...),
				Func: append([]string{"summary/201/class/total=10000", "summary/201/class/current_year=10000",
					"summary/206/class/total=20000", "summary/206/class/current_year=20000"}, expenditureFacts...),
				Tables: []string{"summary/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "summary class name wrapped onto two rows",
			src: src("收支预算总表",
				"收入\t\t支出\t",
				"项目\t金额\t项目\t金额",
				"一、一般公共预算\t3.00\t九、医疗卫生与计划生育支\t3.00",
				"\t\t出\t",
				"收入合计\t3.00\t支出合计\t3.00") + expenditure,
			want: facts{
				Totals: append([]string{"summary/general_public_budget/total=30000", "summary/income_total/total=30000", "summary/expenditure_total/total=30000"}, expenditureTotals...),
				Func:   append([]string{"summary/210/class/total=30000"}, expenditureFacts...),
				Tables: []string{"summary/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "fiscal summary carry-over by fund",
			src: src("财政拨款收支总表",
				"收入\t\t支出\t\t",
				"项目\t金额\t项目\t金额\t",
				"\t\t\t小计\t一般公共预算",
				"一、一般公共预算\t1.00\t一、一般公共服务支出\t2.00\t2.00",
				"本年收入合计\t1.00\t本年支出合计\t2.00\t2.00",
				"上年财政拨款结转\t1.00\t年终结转\t\t",
				"一、一般公共预算\t1.00\t\t\t",
				"收入总计\t2.00\t支出总计\t2.00\t2.00") + expenditure,
			want: facts{
				Totals: append([]string{"fiscal_summary/general_public_budget/total=10000", "fiscal_summary/income_total/total=10000",
					"fiscal_summary/expenditure_total/total=20000", "fiscal_summary/expenditure_total/general_public_budget=20000",
					"fiscal_summary/carryover_in/total=10000", "fiscal_summary/carryover_out/total=0",
					"fiscal_summary/carryover_in/general_public_budget=10000",
					"fiscal_summary/grand_income_total/total=20000", "fiscal_summary/grand_expenditure_total/total=20000", "fiscal_summary/grand_expenditure_total/general_public_budget=20000"}, expenditureTotals...),
				Func:   append([]string{"fiscal_summary/201/class/total=20000", "fiscal_summary/201/class/general_public_budget=20000"}, expenditureFacts...),
				Tables: []string{"fiscal_summary/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "final-account summary: 总计, 年初/年末结转和结余, 无 row",
			src: src("收入支出决算总表",
				"收入\t\t支出\t",
				"项目\t决算数\t项目\t决算数",
				"一、一般公共预算财政拨款收入\t3.00\t一、一般公共服务支出\t2.00",
				"本年收入合计\t3.00\t本年支出合计\t2.00",
				"使用非财政拨款结余\t\t结余分配\t",
				"年初结转和结余\t\t年末结转和结余\t1.00",
				"总计\t3.00\t总计\t3.00") + src("政府性基金预算财政拨款收入支出决算表",
				"科目编码\t科目名称\t合计",
				"无\t\t") + expenditure,
			want: facts{
				Totals: append([]string{"summary/general_public_budget/final_account=30000", "summary/income_total/final_account=30000", "summary/expenditure_total/final_account=20000",
					"summary/use_of_balance/final_account=0", "summary/balance_distribution/final_account=0",
					"summary/carryover_in/final_account=0", "summary/carryover_out/final_account=10000",
					"summary/grand_income_total/final_account=30000", "summary/grand_expenditure_total/final_account=30000"}, expenditureTotals...),
				Func:   append([]string{"summary/201/class/final_account=20000"}, expenditureFacts...),
				Tables: []string{"summary/万元/empty=false", "gov_fund_expenditure/万元/empty=true", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "income by source and carry-over column",
			src: src("预算收入总表",
				"项目\t\t本年收入\t\t上年结转",
				"科目编码\t科目名称\t合计\t单位资金\t",
				"合计\t\t2.00\t1.00\t1.00",
				"208\t社会保障和就业支出\t2.00\t1.00\t1.00") + expenditure,
			want: facts{
				Totals: append([]string{"income/table_total/total=20000", "income/table_total/unit_funds=10000", "income/table_total/carryover=10000"}, expenditureTotals...),
				Func:   append([]string{"income/208/class/total=20000", "income/208/class/unit_funds=10000", "income/208/class/carryover=10000"}, expenditureFacts...),
				Tables: []string{"income/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "state capital both sides",
			src: src("国有资本经营预算收支预算表",
				"收入科目编码\t科目名称\t国有资本经营收入预算\t科目编码\t科目名称\t合计\t基本支出\t项目支出",
				"合计\t\t1.00\t合计\t\t1.00\t\t1.00",
				"10306\t国有资本经营收入\t1.00\t22301\t解决历史遗留问题\t1.00\t\t1.00") + expenditure,
			want: facts{
				Totals: append([]string{"state_capital/table_total/state_capital=10000", "state_capital/table_total/total=10000", "state_capital/table_total/project=10000"}, expenditureTotals...),
				Func:   append([]string{"state_capital/10306/section/state_capital=10000", "state_capital/22301/section/total=10000", "state_capital/22301/section/project=10000"}, expenditureFacts...),
				Tables: []string{"state_capital/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "basic econ both schemes, unmapped name",
			src: src("一般公共预算安排基本支出分经济科目表",
				"部门预算支出经济科目名称\t政府预算支出经济科目名称\t2024年预算数\t\t",
				"\t\t合计\t人员经费\t公用经费",
				"合计\t\t3.00\t1.00\t2.00",
				"工资福利支出\t\t1.00\t1.00\t",
				"基本工资\t机关工资福利支出\t1.00\t1.00\t",
				"商品和服务支出\t\t2.00\t\t2.00",
				"因公出国(境)费\t因公出国（境）费用\t1.50\t\t1.50",
				"神秘费\t神秘支出\t0.50\t\t0.50") + expenditure,
			want: facts{
				Totals: append([]string{"basic_econ/table_total/total=30000", "basic_econ/table_total/personnel=10000", "basic_econ/personnel/total=10000",
					"basic_econ/table_total/public=20000", "basic_econ/public/total=20000"}, expenditureTotals...),
				Func: expenditureFacts,
				Econ: []string{
					"department/工资福利支出:301</total=10000", "department/工资福利支出:301</personnel=10000",
					"department/基本工资:30101<301/total=10000", "department/基本工资:30101<301/personnel=10000",
					"government/机关工资福利支出:501</total=10000", "government/机关工资福利支出:501</personnel=10000",
					"department/商品和服务支出:302</total=20000", "department/商品和服务支出:302</public=20000",
					"department/因公出国(境)费:30212<302/total=15000", "department/因公出国(境)费:30212<302/public=15000",
					"government/因公出国（境）费用:50207<502/total=15000", "government/因公出国（境）费用:50207<502/public=15000",
					"department/神秘费:<302/total=5000", "department/神秘费:<302/public=5000",
					"government/神秘支出:</total=5000", "government/神秘支出:</public=5000",
				},
				Findings: []string{"parse.unmapped_econ@line 11", "parse.unmapped_econ@line 11"},
				Tables:   []string{"basic_econ/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "basic expenditure by economic code (Jiangsu)",
			src: src("财政拨款基本支出预算表",
				"科目编码\t科目名称\t金额",
				"合计\t\t3.00",
				"301\t工资福利支出\t2.00",
				"30101\t基本工资\t2.00",
				"50201\t办公经费\t1.00",
				"其他\t\t") + expenditure,
			want: facts{
				Totals:      append([]string{"basic_econ/table_total/total=30000"}, expenditureTotals...),
				Func:        expenditureFacts,
				Econ:        []string{"department/工资福利支出:301</total=20000", "department/基本工资:30101<301/total=20000", "government/办公经费:50201<502/total=10000"},
				Unaccounted: []string{"line 9: row without an economic classification code"},
				Findings:    []string{"parse.unaccounted_lines@line 0"},
				Tables:      []string{"basic_econ/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "basic expenditure by economic code, two sides (Shanghai 决算)",
			src: src("一般公共预算财政拨款基本支出决算表",
				"人员经费\t\t\t公用经费\t\t",
				"科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数",
				"301\t工资福利支出\t2.00\t302\t商品和服务支出\t1.00",
				"30101\t基本工资\t2.00\t30201\t办公费\t1.00",
				"\t\t\t310\t资本性支出\t",
				"人员经费合计\t\t2.00\t公用经费合计\t\t1.00") + expenditure,
			want: facts{
				Totals: append([]string{"basic_econ/personnel/total=20000", "basic_econ/public/total=10000"}, expenditureTotals...),
				Func:   expenditureFacts,
				Econ: []string{"department/工资福利支出:301</final_account=20000", "department/商品和服务支出:302</final_account=10000",
					"department/基本工资:30101<301/final_account=20000", "department/办公费:30201<302/final_account=10000"},
				Tables: []string{"basic_econ/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "codes split over 类/款/项 columns",
			src: src("一般公共预算支出预算表",
				"科目编码\t\t\t科目名称\t合计",
				"类\t款\t项\t\t",
				"合计\t\t\t\t1.00",
				"201\t\t\t一般公共服务支出\t1.00",
				"201\t06\t\t财政事务\t1.00",
				"201\t06\t01\t行政运行\t1.00") + expenditure,
			want: facts{
				Totals: append([]string{"general_budget_expenditure/table_total/total=10000"}, expenditureTotals...),
				Func: append([]string{"general_budget_expenditure/201/class/total=10000", "general_budget_expenditure/20106/section/total=10000",
					"general_budget_expenditure/2010601/item/total=10000"}, expenditureFacts...),
				Tables: []string{"general_budget_expenditure/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "three public with meeting and training",
			src: src("一般公共预算“三公”经费、会议费、培训费支出预算表",
				"项目\t2024年预算数\t",
				"\t合计\t一般公共预算",
				"因公出国（境）费\t\t",
				"公务接待费\t1.00\t1.00",
				"公务用车购置及运行费\t2.00\t2.00",
				"其中：公务用车购置费\t0.50\t0.50",
				"公务用车运行维护费\t1.50\t1.50",
				"会议费\t0.10\t",
				"培训费\t0.20\t",
				"合计\t3.00\t3.00",
				"说不清\t1.00\t") + expenditure,
			want: facts{
				Totals: expenditureTotals,
				Func:   expenditureFacts,
				ThreePublic: []string{"outbound/total=0", "reception/total=10000", "reception/general_public_budget=10000",
					"vehicle_total/total=20000", "vehicle_total/general_public_budget=20000",
					"vehicle_purchase/total=5000", "vehicle_purchase/general_public_budget=5000",
					"vehicle_operation/total=15000", "vehicle_operation/general_public_budget=15000",
					"meeting/total=1000", "training/total=2000", "total/total=30000", "total/general_public_budget=30000"},
				Unaccounted: []string{"line 14: 三公 row not understood"},
				Findings:    []string{"parse.unaccounted_lines@line 0"},
				Tables:      []string{"three_public/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "three public with items as columns (Jiangsu)",
			src: src("“三公”经费、会议费、培训费支出预算表",
				"合计\t“三公”经费\t\t\t\t\t\t会议费\t培训费",
				"\t小计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t\t",
				"\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t",
				"2,542.60\t833.60\t222.50\t183.60\t0\t183.60\t427.50\t1,305.25\t403.75") + expenditure,
			want: facts{
				Totals: expenditureTotals,
				Func:   expenditureFacts,
				ThreePublic: []string{"total_with_meeting_training/total=25426000", "total/total=8336000", "outbound/total=2225000",
					"vehicle_total/total=1836000", "vehicle_purchase/total=0", "vehicle_operation/total=1836000", "reception/total=4275000",
					"meeting/total=13052500", "training/total=4037500"},
				Tables: []string{"three_public/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "three public and operating costs as columns (Shanghai)",
			src: src("部门“三公”经费和机关运行经费预算表",
				"“三公”经费预算数\t\t\t\t\t\t机关运行经费预算数",
				"合计\t因公出国(境)费\t公务接待费\t公务用车购置及运行费\t\t\t",
				"\t\t\t小计\t购置费\t运行费\t",
				"10.81\t0\t0.83\t9.98\t0\t9.98\t217.83") + expenditure,
			want: facts{
				Totals: append([]string{"three_public/operating_costs/total=2178300"}, expenditureTotals...),
				Func:   expenditureFacts,
				ThreePublic: []string{"total/total=108100", "outbound/total=0", "reception/total=8300",
					"vehicle_total/total=99800", "vehicle_purchase/total=0", "vehicle_operation/total=99800"},
				Tables: []string{"three_public/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "summary with a 支出用途 side and income by source (Jiangsu)",
			src: src("收支预算总表",
				"收入\t\t支出\t\t\t",
				"项目名称\t金额\t功能科目名称\t金额\t项目名称\t金额",
				"一、财政拨款\t3.00\t一、一般公共服务支出\t3.00\t一、基本支出\t1.00",
				"1.一般公共预算\t3.00\t\t\t二、项目支出\t1.50",
				"三、其他资金\t\t\t\t三、单位预留机动经费\t0.50",
				"当年收入\t3.00\t当年支出小计\t3.00\t\t",
				"上年结转资金\t\t结转下年资金\t\t\t",
				"收入合计\t3.00\t支出合计\t3.00\t\t") + src("收入预算总表",
				"项目名称\t\t金额",
				"收入总计\t\t3.00",
				"一般公共预算资金\t小计\t3.00",
				"\t公共财政拨款(补助)资金\t3.00",
				"其他资金\t小计\t") + expenditure,
			want: facts{
				Totals: append([]string{
					"summary/fiscal_appropriation/total=30000", "summary/basic/total=10000",
					"summary/general_public_budget/total=30000", "summary/project/total=15000",
					"summary/other_funds/total=0", "summary/reserve/total=5000",
					"summary/income_total/total=30000", "summary/expenditure_total/total=30000",
					"summary/carryover_in/total=0", "summary/carryover_out/total=0",
					"summary/grand_income_total/total=30000", "summary/grand_expenditure_total/total=30000",
					"income/grand_income_total/total=30000", "income/general_public_budget/total=30000", "income/fiscal_appropriation/total=30000"},
					expenditureTotals...),
				Func:   append([]string{"summary/201/class/total=30000"}, expenditureFacts...),
				Tables: []string{"summary/万元/empty=false", "income/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "expenditure table without codes (Jiangsu)",
			src: src("部门支出预算总表",
				"合计\t基本支出\t项目支出\t单位预留机动经费\t结转下年资金",
				"28,849.38\t17,123.19\t11,543.27\t182.92\t"),
			want: facts{
				Totals: []string{"expenditure/table_total/total=288493800", "expenditure/table_total/basic=171231900", "expenditure/basic/total=171231900",
					"expenditure/table_total/project=115432700", "expenditure/project/total=115432700",
					"expenditure/table_total/reserve=1829200", "expenditure/reserve/total=1829200"},
				Tables: []string{"expenditure/万元/empty=false"},
			},
		},
		{
			name: "blank template: no zero totals",
			src: src("收入支出决算总表",
				"收入\t\t支出\t",
				"项目\t决算数\t项目\t决算数",
				"一、一般公共预算财政拨款收入\t\t一、一般公共服务支出\t",
				"本年收入合计\t\t本年支出合计\t") + src("“三公”经费支出决算表",
				"项目\t合计",
				"因公出国（境）费\t",
				"合计\t") + expenditure,
			want: facts{
				Totals: expenditureTotals,
				Func:   expenditureFacts,
				Tables: []string{"summary/万元/empty=true", "three_public/万元/empty=true", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "operating costs",
			src: src("财政拨款安排机关运行经费预算表",
				"单位名称\t2024年预算数",
				"部门合计\t3.00",
				"某某局本级\t3.00") + expenditure,
			want: facts{
				Totals: append([]string{"operating_costs/operating_costs/total=30000", "operating_costs/operating_costs_unit/total=30000"}, expenditureTotals...),
				Func:   expenditureFacts,
				Tables: []string{"operating_costs/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "projects with department and unit header rows",
			src: src("项目支出预算表（本年预算）",
				"项目名称\t合计\t一般公共预算",
				"1\t2\t3",
				"某某局\t4.00\t4.00",
				"某某局机关\t2.00\t2.00",
				"甲项目\t1.00\t1.00",
				"乙项目\t1.00\t1.00",
				"某某中心\t2.00\t2.00",
				"丙项目\t2.00\t2.00") + expenditure,
			want: facts{
				Totals:   expenditureTotals,
				Func:     expenditureFacts,
				Projects: []string{"projects_current/某某局机关/甲项目=10000", "projects_current/某某局机关/乙项目=10000", "projects_current/某某中心/丙项目=20000"},
				Tables:   []string{"projects_current/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "unknown table kept as cells",
			src:  "## 2024年神秘统计表\n单位：万元\n甲\t乙\n1\t2\n" + expenditure,
			want: facts{
				Totals:   expenditureTotals,
				Func:     expenditureFacts,
				Cells:    []string{"0:0:0=甲", "0:0:1=乙", "0:1:0=1", "0:1:1=2"},
				Findings: []string{"parse.unknown_table@line 1"},
				Tables:   []string{"unknown/万元/empty=false", "expenditure/万元/empty=false"},
			},
		},
		{
			name: "no expenditure table and no unit: quarantined",
			src:  "## 2024年预算收入总表\n科目编码\t科目名称\t合计\n201\t一般公共服务支出\t1.00\n",
			want: facts{
				Unaccounted: []string{"line 3: table unit unknown: amounts not converted"},
				Findings:    []string{"parse.unaccounted_lines@line 0", "parse.no_expenditure_table@line 0", "parse.unknown_unit@line 0"},
				Quarantine:  []string{"no expenditure summary table (支出总表 or 收支总表) was recognised", "no table states its unit (单位：万元 / 元)"},
				Tables:      []string{"income//empty=false"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := project(interpretString(t, tt.src))
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}

// TestInterpret_spannedCells: PDF readers give grid positions; a data cell
// spanning its header's column is read under that header.
func TestInterpret_spannedCells(t *testing.T) {
	c := func(text string, col, span int) doc.Cell { return doc.Cell{Text: text, Col: col, Span: span} }
	ref := func(n int) doc.Ref { return doc.Ref{Page: 15, Line: n} }
	d := &doc.Document{Format: "pdf", Lines: 6, Blocks: []doc.Block{
		{Kind: doc.Heading, Text: "一般公共预算支出预算表", Ref: ref(1)},
		{Kind: doc.Paragraph, Text: "单位：万元", Ref: ref(2)},
		{Kind: doc.Table, Ref: ref(3), Rows: []doc.Row{
			{Ref: ref(3), Cells: []doc.Cell{c("", 0, 1), c("功能科目代码", 1, 1), c("", 2, 1), c("", 3, 1), c("功能科目名称", 4, 1), c("", 5, 1), c("", 6, 1), c("金额", 7, 1), c("", 8, 1)}},
			{Ref: ref(4), Cells: []doc.Cell{c("", 0, 1), c("", 1, 1), c("", 2, 1), c("", 3, 1), c("合计", 4, 1), c("", 5, 1), c("", 6, 1), c("28,849.38", 7, 1), c("", 8, 1)}},
			{Ref: ref(5), Cells: []doc.Cell{c("204", 0, 3), c("公共安全支出", 3, 3), c("", 6, 1), c("23,513.11", 7, 1), c("", 8, 1)}},
			{Ref: ref(6), Cells: []doc.Cell{c("20405", 0, 3), c("法院", 3, 3), c("23,513.11", 6, 3)}},
		}},
	}}
	got := project(Interpret(context.Background(), d))
	want := []string{"general_budget_expenditure/204/class/total=235131100", "general_budget_expenditure/20405/section/total=235131100"}
	if diff := cmp.Diff(want, got.Func); diff != "" {
		t.Errorf("func amounts (-want +got):\n%s", diff)
	}
	if len(got.Unaccounted) != 0 {
		t.Errorf("unaccounted: %v", got.Unaccounted)
	}
}

// TestInterpret_spanningSummaryLabel: a totals label spanning two
// expenditure sides takes the amount printed under the last one.
func TestInterpret_spanningSummaryLabel(t *testing.T) {
	c := func(text string, col, span int) doc.Cell { return doc.Cell{Text: text, Col: col, Span: span} }
	ref := func(n int) doc.Ref { return doc.Ref{Page: 12, Line: n} }
	d := &doc.Document{Format: "pdf", Lines: 6, Blocks: []doc.Block{
		{Kind: doc.Heading, Text: "收支预算总表", Ref: ref(1)},
		{Kind: doc.Paragraph, Text: "单位：万元", Ref: ref(2)},
		{Kind: doc.Table, Ref: ref(3), Rows: []doc.Row{
			{Ref: ref(3), Cells: []doc.Cell{c("收入", 0, 2), c("支出", 2, 4)}},
			{Ref: ref(4), Cells: []doc.Cell{c("项目名称", 0, 1), c("金额", 1, 1), c("功能科目名称", 2, 1), c("金额", 3, 1), c("项目名称", 4, 1), c("金额", 5, 1)}},
			{Ref: ref(5), Cells: []doc.Cell{c("一、财政拨款", 0, 1), c("3.00", 1, 1), c("一、一般公共服务支出", 2, 1), c("3.00", 3, 1), c("一、基本支出", 4, 1), c("3.00", 5, 1)}},
			{Ref: ref(6), Cells: []doc.Cell{c("当年收入小计", 0, 1), c("3.00", 1, 1), c("当年支出小计", 2, 3), c("3.00", 5, 1)}},
		}},
	}}
	got := project(Interpret(context.Background(), d))
	want := []string{"summary/fiscal_appropriation/total=30000", "summary/basic/total=30000", "summary/income_total/total=30000", "summary/expenditure_total/total=30000"}
	if diff := cmp.Diff(want, got.Totals); diff != "" {
		t.Errorf("totals (-want +got):\n%s", diff)
	}
	if len(got.Unaccounted) != 0 {
		t.Errorf("unaccounted %v", got.Unaccounted)
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b     string
		min, max float64
	}{
		{"聘用律师费", "聘用律师费", 1, 1},
		{"侯马开发区数字双创建运营费及评审费", "侯马经济开发区数字双创建设运营费及评审费", 0.75, 0.85},
		{"“一区三园”应急预案编制费用", "\"一区三园\"应急预案编制费用", 1, 1},
		{"环保宣传", "安全生产应急演练", 0, 0.01},
		{"", "x", 0, 0},
		{"甲", "乙", 0, 0},
	}
	for _, tt := range tests {
		if got := Similarity(tt.a, tt.b); got < tt.min || got > tt.max {
			t.Errorf("Similarity(%q, %q) = %v, want in [%v, %v]", tt.a, tt.b, got, tt.min, tt.max)
		}
	}
}

func TestMatchForms(t *testing.T) {
	d := &model.Disclosure{
		Projects: []model.Project{{Name: "环保宣传"}, {Name: "环保管家服务费"}, {Name: "科技研发平台认定奖励"}},
		Forms: []model.PerfForm{
			{Scope: model.FormDepartment},
			{Scope: model.FormProject, Project: "环保管家服务费"},
			{Scope: model.FormProject, Project: "环保宣传活动"},
			{Scope: model.FormProject, Project: "完全无关的名字"},
		},
	}
	matchForms(d)
	var got []string
	for _, p := range d.Projects {
		got = append(got, fmt.Sprintf("%s→%d", p.Name, p.Form))
	}
	for _, f := range d.Forms {
		got = append(got, fmt.Sprintf("form→%d", f.ProjectIndex))
	}
	want := []string{"环保宣传→2", "环保管家服务费→1", "科技研发平台认定奖励→-1", "form→-1", "form→1", "form→0", "form→-1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("matches (-want +got):\n%s", diff)
	}
}

func TestInterpret_blankTemplate(t *testing.T) {
	d := interpretString(t, src("预算支出总表", "科目编码\t科目名称\t合计", "合计\t\t", "201\t一般公共服务支出\t"))
	if d.Facts() != 0 || len(d.Findings) != 1 || d.Findings[0].Rule != RuleNoAmounts || len(d.Quarantine) != 0 {
		t.Errorf("blank template: facts %d findings %v quarantine %v", d.Facts(), d.Findings, d.Quarantine)
	}
}

func TestInterpret_coverAndProse(t *testing.T) {
	d := interpretString(t, "某某局\n2024年度部门预算公开\n本部门负责全市某某工作，下设三个处室。\n# 目录\n"+expenditure)
	if d.Identity.Department != "某某局" || d.Identity.FiscalYear != 2024 {
		t.Errorf("identity %+v", d.Identity)
	}
	if len(d.Paragraphs) != 1 || d.Paragraphs[0].SourceRef != "line 3" {
		t.Errorf("paragraphs %+v", d.Paragraphs)
	}
}

func TestInterpret_level(t *testing.T) {
	unit := interpretString(t, "# 上海市普陀区2026年区级单位预算\n"+strings.Replace(expenditure, "预算支出总表", "单位支出预算总表", 1))
	dept := interpretString(t, "# 上海市普陀区2026年区级部门预算\n"+expenditure)
	if unit.Identity.Level != model.LevelUnit || dept.Identity.Level != model.LevelDepartment {
		t.Errorf("levels: unit document %q, department document %q", unit.Identity.Level, dept.Identity.Level)
	}
}

func TestInterpret_cancelled(t *testing.T) {
	d, err := text.Read(context.Background(), "t.txt", []byte(expenditure))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := Interpret(ctx, d)
	if len(out.Quarantine) != 1 || len(out.FuncAmounts) != 0 || len(out.Findings) != 1 || out.Findings[0].Rule != RuleCancelled {
		t.Errorf("cancelled interpretation: quarantine %v findings %v facts %d", out.Quarantine, out.Findings, out.Facts())
	}
}

func TestCoverDepartment(t *testing.T) {
	tests := map[string]string{
		"侯马经济开发区管理委员会经济科技发展部2024年度部门预算公开": "侯马经济开发区管理委员会经济科技发展部",
		"2018年度江苏省高级人民法院预算公开2018年2月24日":   "江苏省高级人民法院",
		"2017年度江苏省高级人民法院部门预算公开":           "江苏省高级人民法院",
		"江苏省委办公厅2017年部门预算":                "江苏省委办公厅",
		"2024年度部门预算": "",
	}
	for in, want := range tests {
		if got := coverDepartment(in); got != want {
			t.Errorf("coverDepartment(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRegionOf(t *testing.T) {
	tests := map[string]string{
		"侯马经济开发区管理委员会经济科技发展部": "侯马经济开发区",
		"上海市普陀区司法局":           "上海市普陀区",
		"江苏省财政厅":              "江苏省",
		"中共上海市普陀区委组织部":        "",
		"司法局":                 "",
		"":                    "",
	}
	for in, want := range tests {
		if got := regionOf(in); got != want {
			t.Errorf("regionOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzInterpret(f *testing.F) {
	f.Add(src("预算收支总表", "收入\t\t支出\t", "项目\t2024年\t项目\t合计", "一、一般公共预算\t1\t一、一般公共服务支出\t1", "本年收入合计\t1\t本年支出合计\t1"))
	f.Add(expenditure)
	f.Add(src("一般公共预算安排基本支出分经济科目表", "部门预算支出经济科目名称\t政府预算支出经济科目名称\t合计", "工资福利支出\t\t1", "基本工资\t工资福利支出\t1"))
	f.Add(src("项目支出预算表（本年预算）", "项目名称\t合计", "某某局\t1", "甲\t1"))
	f.Add(src("“三公”经费支出预算表", "项目\t合计", "公务接待费\t1", "合计\t1"))
	f.Fuzz(func(t *testing.T, s string) {
		d, err := text.Read(context.Background(), "f.txt", []byte(s))
		if err != nil {
			return
		}
		out := Interpret(context.Background(), d)
		if out.Consumed+len(out.Unaccounted) != out.Lines {
			t.Fatalf("consumed %d + unaccounted %d != lines %d", out.Consumed, len(out.Unaccounted), out.Lines)
		}
		for _, p := range out.Projects {
			if p.Form >= len(out.Forms) {
				t.Fatalf("project form index %d out of range", p.Form)
			}
		}
		_ = Dump(out)
	})
}

// FuzzInterpretGrid interprets documents whose table cells carry grid
// columns and spans (as PDF and Excel readers produce), derived from seed.
func FuzzInterpretGrid(f *testing.F) {
	f.Add("## 支出预算总表\n单位：万元\n科目编码\t科目名称\t合计\n合计\t\t1.00\n201\t一般\t1.00", uint64(0x5a5a))
	f.Add("## “三公”经费预算表\n单位：万元\n合计\t三公\t\t会议费\n\t小计\t购置费\t\n1\t2\t3\t4", uint64(7))
	f.Fuzz(func(t *testing.T, s string, seed uint64) {
		d, err := text.Read(context.Background(), "f.txt", []byte(s))
		if err != nil {
			return
		}
		k := uint(0)
		for bi := range d.Blocks {
			for ri := range d.Blocks[bi].Rows {
				col := 0
				for ci := range d.Blocks[bi].Rows[ri].Cells {
					span := 1 + int((seed>>(k%62))&3)%3
					k++
					d.Blocks[bi].Rows[ri].Cells[ci].Col = col
					d.Blocks[bi].Rows[ri].Cells[ci].Span = span
					col += span
				}
			}
		}
		out := Interpret(context.Background(), d)
		if out.Consumed+len(out.Unaccounted) != out.Lines {
			t.Fatalf("consumed %d + unaccounted %d != lines %d", out.Consumed, len(out.Unaccounted), out.Lines)
		}
	})
}
