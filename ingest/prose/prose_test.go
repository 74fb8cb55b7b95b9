package prose

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

const corpusDept = "侯马经济开发区管理委员会经济科技发展部"

func corpusBlocks(t testing.TB) []doc.Block {
	t.Helper()
	data, err := os.ReadFile(testutil.CorpusText(t))
	if err != nil {
		t.Skipf("corpus text not readable: %v", err)
	}
	d, err := text.Read(context.Background(), "houma-jjkjfzb-2024-budget.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	return d.Blocks
}

func blocksOf(t testing.TB, s string) []doc.Block {
	t.Helper()
	d, err := text.Read(context.Background(), "t.txt", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return d.Blocks
}

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
			in:   "### 基本情况\n本单位编制人数２３人，实有在职人数２０人，离退休人员５人。\n### 车辆情况\n共有车辆3辆，其中：执法执勤用车2辆。\n",
			want: "staff_authorized = 23 人 @line 2 | 本单位编制人数２３人，实有在职人数２０人，离退休人员５人\n" +
				"staff_active = 20 人 @line 2 | 本单位编制人数２３人，实有在职人数２０人，离退休人员５人\n" +
				"staff_retired = 5 人 @line 2 | 本单位编制人数２３人，实有在职人数２０人，离退休人员５人\n" +
				"vehicles_total = 3 辆 @line 4 | 共有车辆3辆，其中：执法执勤用车2辆\n" +
				"vehicles:执法执勤用车 = 2 辆 @line 4 | 共有车辆3辆，其中：执法执勤用车2辆\n",
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
		}
	})
}
