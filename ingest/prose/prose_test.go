package prose

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/internal/texttest"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/synth"
	"github.com/shopspring/decimal"
)

const corpusDept = "侯马经济开发区管理委员会经济科技发展部"

func corpusBlocks(t testing.TB) []doc.Block { return texttest.CorpusBlocks(t) }

func blocksOf(t testing.TB, s string) []doc.Block { return texttest.Blocks(t, s) }

// Dump renders facts one per line: fact, value, unit, ref, text.
func Dump(fs []model.NarrativeFact) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s = %s %s @%s | %s\n", f.Fact, f.Value.String(), f.Unit, f.SourceRef, f.Text)
	}
	return b.String()
}

func TestExtract_Corpus(t *testing.T) {
	facts := Extract(corpusBlocks(t), Info{FiscalYear: 2024, Department: corpusDept})
	testutil.Golden(t, "testdata/corpus_facts.golden", []byte(Dump(facts)))

	got := map[string][]decimal.Decimal{}
	for _, f := range facts {
		got[f.Fact] = append(got[f.Fact], f.Value)
	}
	want := map[string]string{
		"total_income":                        "11463000",
		"total_change":                        "-723400",
		"total_change_pct":                    "-5.94",
		"basic_expenditure":                   "4385000",
		"basic_share_pct":                     "38.25",
		"project_expenditure":                 "7078000",
		"project_share_pct":                   "61.75",
		"three_public_total":                  "29800",
		"three_public_change":                 "-11000",
		"three_public_reception":              "29800",
		"three_public_reception_change":       "-11000",
		"three_public_outbound_change":        "0",
		"three_public_vehicle_purchase":       "0",
		"procurement_total":                   "63500",
		"procurement_goods":                   "6000",
		"procurement_works":                   "0",
		"procurement_services":                "57500",
		"operating_costs":                     "0",
		"perf_project_count":                  "14",
		"perf_project_amount":                 "7078000",
		"perf_disclosed_count":                "14",
		"perf_disclosed_share_pct":            "100",
		"perf_department_amount":              "11463000",
		"staff_authorized":                    "23",
		"staff_active":                        "23",
		"staff_on_payroll":                    "11",
		"staff_other":                         "12",
		"office_area_m2":                      "226",
		"vehicles_total":                      "0",
		"equipment_over_50w":                  "0",
		"equipment_over_100w":                 "0",
		"class_amount:科学技术支出":                 "4350000",
		"class_share_pct:科学技术支出":              "37.95",
		"income_source_general_public_budget": "11463000",
		"general_budget_change":               "-723400",
	}
	for fact, w := range want {
		vs := got[fact]
		if len(vs) != 1 || vs[0].String() != w {
			t.Errorf("%s = %v, want exactly one value %s", fact, vs, w)
		}
	}
	// the prior-year total is recoverable: total_income - total_change
	prior := got["total_income"][0].Sub(got["total_change"][0])
	if prior.String() != "12186400" {
		t.Errorf("prior-year total = %s, want 12186400", prior)
	}
	var reasons int
	for _, f := range facts {
		switch f.Fact {
		case "three_public_change_reason":
			reasons++
			if f.Text != "厉行节约、减少公务接待频次" || !f.Value.IsZero() {
				t.Errorf("three_public_change_reason = %q", f.Text)
			}
		case "total_change_reason":
			reasons++
			if f.Text != "项目资金厉行节约，减少资金安排" {
				t.Errorf("total_change_reason = %q", f.Text)
			}
		}
		if f.SourceRef == "" || f.Text == "" || len([]rune(f.Text)) > maxText {
			t.Errorf("%s: source_ref %q text %q", f.Fact, f.SourceRef, f.Text)
		}
	}
	if reasons != 2 {
		t.Errorf("%d change reasons, want 2", reasons)
	}
}

func TestExtract_Sentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{
			name: "increase in 元, expenditure-only change becomes total_change",
			in:   "## 一、收支预算总体情况\n某局2025年部门预算支出总计1,200,000元，比上年增加100,000元，增长9.09%，主要原因是新增项目。\n",
			want: "total_expenditure = 1200000 元 @line 2 | 某局2025年部门预算支出总计1,200,000元，比上年增加100,000元，增长9.09%，主要原因是新增项目\n" +
				"total_expenditure_change = 100000 元 @line 2 | 某局2025年部门预算支出总计1,200,000元，比上年增加100,000元，增长9.09%，主要原因是新增项目\n" +
				"total_expenditure_change_pct = 9.09 % @line 2 | 某局2025年部门预算支出总计1,200,000元，比上年增加100,000元，增长9.09%，主要原因是新增项目\n" +
				"total_expenditure_change_reason = 0  @line 2 | 新增项目\n" +
				"total_change = 100000 元 @line 2 | 某局2025年部门预算支出总计1,200,000元，比上年增加100,000元，增长9.09%，主要原因是新增项目\n" +
				"total_change_pct = 9.09 % @line 2 | 某局2025年部门预算支出总计1,200,000元，比上年增加100,000元，增长9.09%，主要原因是新增项目\n" +
				"total_change_reason = 0  @line 2 | 新增项目\n",
		},
		{
			// sh-putuo-caizhengju-2024 决算 (issue 4): the two 总计 sentences
			// prose.totals compares with the summary tables.
			name: "决算 收入支出总计 and 财政拨款收入支出总计 with 持平",
			in: "一、收入支出决算总体情况说明\n上海市普陀区财政局2024年度收入支出总计0万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。\n" +
				"四、财政拨款收入支出决算总体情况说明\n上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计持平。\n",
			want: "total_income = 0 元 @line 2 | 上海市普陀区财政局2024年度收入支出总计0万元\n" +
				"total_expenditure = 0 元 @line 2 | 上海市普陀区财政局2024年度收入支出总计0万元\n" +
				"total_change = -569500 元 @line 2 | 与2023年度相比，收入支出总计减少56.95万元，下降1.87%\n" +
				"total_change_pct = -1.87 % @line 2 | 与2023年度相比，收入支出总计减少56.95万元，下降1.87%\n" +
				"fiscal_total = 3000 元 @line 4 | 上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元\n" +
				"fiscal_change = 0 元 @line 4 | 上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元\n",
		},
		{
			name: "三公 with meeting and training, section from a paragraph title",
			in:   "七、“三公”经费预算情况说明\n2025年“三公”经费预算数为12.50万元，比上年减少2.5万元；会议费1.2万元，培训费0.8万元，公务用车购置及运行维护费10万元。\n",
			want: "three_public_total = 125000 元 @line 2 | 2025年“三公”经费预算数为12.50万元，比上年减少2.5万元\n" +
				"three_public_change = -25000 元 @line 2 | 2025年“三公”经费预算数为12.50万元，比上年减少2.5万元\n" +
				"three_public_meeting = 12000 元 @line 2 | 会议费1.2万元，培训费0.8万元，公务用车购置及运行维护费10万元\n" +
				"three_public_training = 8000 元 @line 2 | 会议费1.2万元，培训费0.8万元，公务用车购置及运行维护费10万元\n" +
				"three_public_vehicle_total = 100000 元 @line 2 | 会议费1.2万元，培训费0.8万元，公务用车购置及运行维护费10万元\n",
		},
		{
			name: "staff and vehicles in prose, full-width digits",
			in:   "### 基本情况\n本单位编制人数２３人，实有在职人数２０人，离退休人员５人。在职人员培训200人次。\n### 车辆情况\n共有车辆3辆，其中：执法执勤用车2辆。\n",
			want: "staff_authorized = 23 人 @line 2 | 本单位编制人数２３人，实有在职人数２０人，离退休人员５人\n" +
				"staff_active = 20 人 @line 2 | 本单位编制人数２３人，实有在职人数２０人，离退休人员５人\n" +
				"staff_retired = 5 人 @line 2 | 本单位编制人数２３人，实有在职人数２０人，离退休人员５人\n" +
				"vehicles_total = 3 辆 @line 4 | 共有车辆3辆，其中：执法执勤用车2辆\n" +
				"vehicles:执法执勤用车 = 2 辆 @line 4 | 共有车辆3辆，其中：执法执勤用车2辆\n",
		},
		{
			// sh-putuo-sifaju-2026 page 9: the item's heading amount differs
			// from its 预算安排 (a defect the reviewers found); both are kept
			name: "Shanghai item with code markers and last year's execution",
			in: "## 2026年部门预算编制说明\n" +
				"12、住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元。主要用于：缴纳住房公积金。2025年当年预算执行数为\n" +
				"198.34万元，2026年预算安排201.50万元，比2025年预算执行数增加5.27%。主要原因是：支出增加。\n",
			want: "item_amount:住房保障支出(221类)住房改革支出(02款)住房公积金(01项) = 2088000 元 @line 2 | 12、住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元\n" +
				"item_prior_execution:住房保障支出(221类)住房改革支出(02款)住房公积金(01项) = 1983400 元 @line 3 | 2025年当年预算执行数为198.34万元，2026年预算安排201.50万元，比2025年预算执行数增加5.27%\n" +
				"item_amount:住房保障支出(221类)住房改革支出(02款)住房公积金(01项) = 2015000 元 @line 3 | 2025年当年预算执行数为198.34万元，2026年预算安排201.50万元，比2025年预算执行数增加5.27%\n" +
				"item_change_pct:住房保障支出(221类)住房改革支出(02款)住房公积金(01项) = 5.27 % @line 3 | 2025年当年预算执行数为198.34万元，2026年预算安排201.50万元，比2025年预算执行数增加5.27%\n" +
				"item_change_reason:住房保障支出(221类)住房改革支出(02款)住房公积金(01项) = 0  @line 3 | 支出增加\n",
		},
		{
			// js-rendabangongting-2017 page 23-24: numbered class list, a
			// change in the next sentence, "与上年一致"
			name: "Jiangsu numbered classes and changes after a full stop",
			in: "一、收支预算总表情况说明\n" +
				"1． 一般公共服务支出10528.33万元，主要用于在职人员经费。与上年相比减少17.89万元，减少0.17%。主要原因是公用定额减少。\n" +
				"单位预留机动经费预算数为128.43万元。与上年一致。\n",
			want: "class_amount:一般公共服务支出 = 105283300 元 @line 2 | 1． 一般公共服务支出10528.33万元，主要用于在职人员经费\n" +
				"class_change:一般公共服务支出 = -178900 元 @line 2 | 与上年相比减少17.89万元，减少0.17%\n" +
				"class_change_pct:一般公共服务支出 = -0.17 % @line 2 | 与上年相比减少17.89万元，减少0.17%\n" +
				"class_change_reason:一般公共服务支出 = 0  @line 2 | 公用定额减少\n" +
				"reserve_expenditure = 1284300 元 @line 3 | 单位预留机动经费预算数为128.43万元\n" +
				"reserve_expenditure_change = 0 元 @line 3 | 单位预留机动经费预算数为128.43万元\n",
		},
		{
			// sh-putuo-caizhengju-2024 决算 page 21-22
			name: "final account: initial budget skipped, item named before",
			in: "（三）一般公共预算财政拨款支出决算具体情况\n" +
				"一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。\n" +
				"1、 一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：基本支出。年初预算为1560.05万元，支出决算为1511.89万\n" +
				"元。决算数小于预算数的主要原因：人员变化。\n",
			want: "general_budget_total = 29400500 元 @line 2 | 一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%\n" +
				"general_budget_total_completion_pct = 98.2 % @line 2 | 一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%\n" +
				"item_amount:一般公共服务支出(类)财政事务(款)行政运行(项) = 15118900 元 @line 3 | 年初预算为1560.05万元，支出决算为1511.89万元\n",
		},
		{
			name: "procurement reserved for SMEs, vehicle purchases, special equipment",
			in: "三、政府采购情况\n" +
				"2023年本部门政府采购预算830.00万元。本部门面向中小企业预留政府采购项目预算金额332.00万元，其中，预留给小型和微型企业的政府采购项目预算为232.40万元。\n" +
				"五、国有资产占有情况\n" +
				"2026年部门预算安排购置车辆1辆，其中：执法执勤用车1辆。专用设备818台/套（其中：单价100万元以上专用设备0台/套）。\n",
			want: "procurement_total = 8300000 元 @line 2 | 2023年本部门政府采购预算830.00万元\n" +
				"procurement_sme_reserved = 3320000 元 @line 2 | 本部门面向中小企业预留政府采购项目预算金额332.00万元，其中，预留给小型和微型企业的政府采购项目预算为232.40万元\n" +
				"procurement_small_micro_reserved = 2324000 元 @line 2 | 本部门面向中小企业预留政府采购项目预算金额332.00万元，其中，预留给小型和微型企业的政府采购项目预算为232.40万元\n" +
				"vehicles_purchase_total = 1 辆 @line 4 | 2026年部门预算安排购置车辆1辆，其中：执法执勤用车1辆\n" +
				"vehicles_purchase:执法执勤用车 = 1 辆 @line 4 | 2026年部门预算安排购置车辆1辆，其中：执法执勤用车1辆\n" +
				"equipment_special_count = 818 台套 @line 4 | 专用设备818台/套（其中：单价100万元以上专用设备0台/套）\n" +
				"equipment_special_over_100w = 0 台套 @line 4 | 专用设备818台/套（其中：单价100万元以上专用设备0台/套）\n",
		},
		{
			// js-zhengxiebangongting-2017 page 6-7: changes naming their own
			// subject, sources stated as 收入预算总计
			name: "changes with their own subject, income sources as totals",
			in: "一、收支预算总表情况说明\n" +
				"按功能分类，一般公共服务支出减少108.56万元、住房保障支出增加466.32万元；按支出用途分类，基本支出增加498.72万元。\n" +
				"1.财政拨款收入预算总计9,066.79万元。2.其他资金收入预算总计80万元，与上年相比无变化。\n",
			want: "class_change:一般公共服务支出 = -1085600 元 @line 2 | 按功能分类，一般公共服务支出减少108.56万元、住房保障支出增加466.32万元\n" +
				"class_change:住房保障支出 = 4663200 元 @line 2 | 按功能分类，一般公共服务支出减少108.56万元、住房保障支出增加466.32万元\n" +
				"basic_expenditure_change = 4987200 元 @line 2 | 按支出用途分类，基本支出增加498.72万元\n" +
				"income_source_fiscal_appropriation = 90667900 元 @line 3 | 1.财政拨款收入预算总计9,066.79万元\n" +
				"income_source_other_funds = 800000 元 @line 3 | 2.其他资金收入预算总计80万元，与上年相比无变化\n" +
				"income_source_other_funds_change = 0 元 @line 3 | 2.其他资金收入预算总计80万元，与上年相比无变化\n",
		},
		{
			name: "a sentence wrapped over a page number",
			in: "## 九、政府采购情况\n" +
				"2023年本部门政府采购预算830.00万元，其中：政府采购服务预算\n\n- 12 -\n\n270.00万元。\n",
			want: "procurement_total = 8300000 元 @line 2 | 2023年本部门政府采购预算830.00万元，其中：政府采购服务预算270.00万元\n" +
				"procurement_services = 2700000 元 @line 6 | 2023年本部门政府采购预算830.00万元，其中：政府采购服务预算270.00万元\n",
		},
		{
			// sh-putuo-caizhengju-2024 决算 page 24
			name: "contracts awarded to SMEs are not the procurement total",
			in: "九、政府采购支出情况\n" +
				"政府采购金额为251.25万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额246.47万元；在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额0万元。\n",
			want: "procurement_total = 2512500 元 @line 2 | 政府采购金额为251.25万元\n" +
				"procurement_awarded_sme = 2464700 元 @line 2 | 在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额246.47万元\n" +
				"procurement_awarded_small_micro = 0 元 @line 2 | 在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额0万元\n",
		},
		{
			name: "三公 final account: the initial budget is not the total",
			in: "七、财政拨款“三公”经费支出决算情况说明\n" +
				"“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：公务接待费支出决算为0.00万元。\n",
			want: "three_public_total = 0 元 @line 2 | “三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：公务接待费支出决算为0.00万元\n" +
				"three_public_total_completion_pct = 0 % @line 2 | “三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：公务接待费支出决算为0.00万元\n" +
				"three_public_reception = 0 元 @line 2 | “三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：公务接待费支出决算为0.00万元\n",
		},
		{
			name: "glossary and tables are not read",
			in:   "## 名词解释\n基本支出100万元。\n## 三、支出预算情况说明\n项目\t100万元\n",
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Dump(Extract(blocksOf(t, tt.in), Info{}))
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// FuzzExtract feeds arbitrary text through the text reader into Extract:
// no panic, every fact has a name and a source_ref, text within bounds.
func FuzzExtract(f *testing.F) {
	f.Add("## 七、“三公”经费增减变动原因说明\n“三公”经费预算2.98万元比2023年减少1.10万元,主要原因是厉行节约。\n")
	f.Add("预算收入总计1,146.30万元，其中：本年收入1,146.30万元，比上年减少72.34万元，下降5.94%；\n")
	f.Add("占有使用价值50万元（原值）以上的通用设备0台（套）\n共有公务用车编制0辆，实有0辆。")
	f.Add("比上年增加；占%；主要原因是")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := text.Read(context.Background(), "f.txt", []byte(s))
		if err != nil {
			return
		}
		for _, fct := range Extract(d.Blocks, Info{FiscalYear: 2024, Department: "某局"}) {
			if fct.Fact == "" || fct.SourceRef == "" || len([]rune(fct.Text)) > maxText {
				t.Fatalf("bad fact %+v", fct)
			}
			if len(fct.Value.Truncate(0).Abs().String()) > 20 {
				t.Fatalf("value %s does not fit DECIMAL(24,4)", fct.Value)
			}
		}
	})
}

// TestExtract_Synth extracts the narrative facts of a synthetic corpus
// (package synth, format variants on: GBK, CRLF, 元 tables, numbering
// styles) and compares them with the generator's ground truth.
func TestExtract_Synth(t *testing.T) {
	dir := t.TempDir()
	m, err := synth.Generate(context.Background(), synth.Options{Departments: 4, YearFrom: 2023, YearTo: 2024, Seed: 11, Variants: true}, dir)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, dt := range m.Documents {
		data, err := os.ReadFile(filepath.Join(dir, dt.File))
		if err != nil {
			t.Fatal(err)
		}
		d, err := text.Read(context.Background(), dt.File, data)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, f := range Extract(d.Blocks, Info{FiscalYear: dt.FiscalYear, Department: dt.Department}) {
			got[f.Fact] = append(got[f.Fact], f.Value.StringFixed(2))
		}
		for fact, want := range dt.Narrative {
			if vs := got[fact]; len(vs) != 1 || vs[0] != want {
				t.Errorf("%s: %s = %v, want %s", dt.File, fact, vs, want)
			}
			checked++
		}
		if vs := got["staff_authorized"]; len(vs) != 1 {
			t.Errorf("%s: staff_authorized = %v", dt.File, vs)
		}
	}
	if checked == 0 {
		t.Fatal("no fact checked")
	}
}
