package forms

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

func corpusBlocks(t testing.TB) []doc.Block { return texttest.CorpusBlocks(t) }

func blocksOf(t testing.TB, s string) []doc.Block { return texttest.Blocks(t, s) }

func dec(p *decimal.Decimal) string {
	if p == nil {
		return "nil"
	}
	return p.StringFixed(2)
}

// Dump renders forms in a stable, reviewable text form.
func Dump(forms []model.PerfForm) string {
	var b strings.Builder
	for i, f := range forms {
		fmt.Fprintf(&b, "form %d %s %q @%s\n", i+1, f.Scope, f.Title, f.SourceRef)
		fmt.Fprintf(&b, "  project=%q department=%q code=%q implementer=%q\n", f.Project, f.Department, f.DepartmentCode, f.Implementer)
		fmt.Fprintf(&b, "  attribute=%q period=%q period_total=%s annual_total=%s\n", f.Attribute, f.Period, dec(f.PeriodTotal), dec(f.AnnualTotal))
		for _, s := range f.Sources {
			fmt.Fprintf(&b, "  source %s %q %s\n", s.Scope, s.Label, dec(s.Amount))
		}
		for _, kv := range [][2]string{{"overview", f.Overview}, {"basis", f.Basis}, {"necessity", f.Necessity}, {"safeguards", f.Safeguards}, {"plan", f.Plan}, {"period_goal", f.PeriodGoal}, {"annual_goal", f.AnnualGoal}} {
			if kv[1] != "" {
				fmt.Fprintf(&b, "  %s=%q\n", kv[0], kv[1])
			}
		}
		for _, fl := range f.Fields {
			fmt.Fprintf(&b, "  field %q=%q @%s\n", fl.Label, fl.Value, fl.SourceRef)
		}
		for _, in := range f.Indicators {
			fmt.Fprintf(&b, "  ind %s | %s | %s | %s | %s | %q %s %q @%s\n", in.Scope, in.Level1, in.Level2, in.Level3, in.ValueText, in.Comparator, dec(in.ValueNum), in.ValueUnit, in.SourceRef)
		}
	}
	return b.String()
}

func TestParse_Corpus(t *testing.T) {
	blocks := corpusBlocks(t)
	forms, consumed := Parse(blocks)
	testutil.Golden(t, "testdata/corpus_forms.golden", []byte(Dump(forms)))

	var projects, departments int
	byName := map[string]model.PerfForm{}
	for _, f := range forms {
		switch f.Scope {
		case model.FormProject:
			projects++
			byName[f.Project] = f
		case model.FormDepartment:
			departments++
		}
	}
	if projects != 13 || departments != 1 {
		t.Fatalf("forms: %d project, %d department; want 13 and 1", projects, departments)
	}
	if _, ok := byName["科技研发平台认定奖励"]; ok {
		t.Errorf("科技研发平台认定奖励 has no form in the corpus, but one was parsed")
	}
	if _, ok := byName["侯马经济开发区数字双创建设运营费及评审费"]; !ok {
		t.Errorf("数字双创 form name not parsed verbatim")
	}
	green, ok := byName["国家级绿色园区运行管理"]
	if !ok {
		t.Fatal("国家级绿色园区运行管理 form missing")
	}
	if dec(green.AnnualTotal) != "40000.00" || dec(green.PeriodTotal) != "80000.00" {
		t.Errorf("green park funding = period %s annual %s, want 80000 and 40000", dec(green.PeriodTotal), dec(green.AnnualTotal))
	}
	// 8 indicator rows × 2 scopes + the split 数量指标 row; every form has both scopes
	for name, f := range byName {
		if f.DepartmentCode != "604" || f.Department != "侯马经济开发区管理委员会经济科技发展部" {
			t.Errorf("%s: department %q code %q", name, f.Department, f.DepartmentCode)
		}
		var per, ann int
		for _, in := range f.Indicators {
			switch in.Scope {
			case model.ScopePeriod:
				per++
			case model.ScopeAnnual:
				ann++
			default:
				t.Errorf("%s: indicator scope %q", name, in.Scope)
			}
			if in.Level1 == "" || in.Level2 == "" {
				t.Errorf("%s: indicator without level1/level2 at %s: %+v", name, in.SourceRef, in)
			}
		}
		if per == 0 || per != ann {
			t.Errorf("%s: %d period and %d annual indicators", name, per, ann)
		}
		if f.AnnualTotal == nil || f.PeriodTotal == nil {
			t.Errorf("%s: funding totals missing", name)
		}
	}
	// the shifted cost row of the green park form keeps level1 产出指标
	var cost *model.Indicator
	for i, in := range green.Indicators {
		if in.Level2 == "成本指标" && in.Scope == model.ScopeAnnual {
			cost = &green.Indicators[i]
		}
	}
	if cost == nil || cost.Level1 != "产出指标" || cost.ValueText != "8万元一年" || dec(cost.ValueNum) != "8.00" || cost.ValueUnit != "万元" {
		t.Errorf("green park annual cost indicator = %+v", cost)
	}
	// the department form
	var dept model.PerfForm
	for _, f := range forms {
		if f.Scope == model.FormDepartment {
			dept = f
		}
	}
	fields := map[string]string{}
	for _, fl := range dept.Fields {
		fields[fl.Label] = fl.Value
	}
	for label, want := range map[string]string{"核定的人员编制数": "23人", "实际在职人员总数": "23人", "其中:在编人员数": "11人", "其他人员数": "12人", "内设职能部门数": "6个", "年度": "2024"} {
		if fields[label] != want {
			t.Errorf("department field %s = %q, want %q", label, fields[label], want)
		}
	}
	if dept.DepartmentCode != "604" || dec(dept.AnnualTotal) != "11463000.00" {
		t.Errorf("department form code %q annual total %s", dept.DepartmentCode, dec(dept.AnnualTotal))
	}
	var empty int
	for _, in := range dept.Indicators {
		if in.Scope != model.ScopeDepartment {
			t.Errorf("department indicator scope %q", in.Scope)
		}
		if in.Level3 == "" && in.ValueText == "" {
			empty++
		}
	}
	if empty != 2 { // 生态效益指标 and 可持续影响指标 are empty
		t.Errorf("department form: %d empty sub-levels, want 2", empty)
	}
	// consumed: every line from the department title to the last form's footer
	lines := map[int]bool{}
	for i := range consumed {
		b := blocks[i]
		lines[b.Ref.Line] = true
		for _, r := range b.Rows {
			lines[r.Ref.Line] = true
		}
	}
	for _, l := range []int{493, 495, 497, 531, 535, 537, 539, 565, 959, 960} {
		if !lines[l] {
			t.Errorf("line %d not consumed", l)
		}
	}
	for _, l := range []int{487, 489, 962, 966} {
		if lines[l] {
			t.Errorf("line %d consumed but is not part of a form", l)
		}
	}
}

func TestParse_Layouts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{
			name: "title inside table, unit 万元, no leading empty cells",
			in: "项目支出绩效目标表\t\t\n" +
				"项目名称\t测试项目\t项目属性\t经常性项目\n" +
				"主管部门及代码\t[101]某某局\t实施单位\t某某局\n" +
				"项目资金(万元)\t实施期资金总额:\t12.5\t年度资金总额:\t2.5\n" +
				"其中:中央财政资金\t0\t其中:中央财政资金\t0\n" +
				"其他资金\t—\t其他资金\t-\n" +
				"绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值\n" +
				"产出指标\t数量指标\t培训人次\t不少于100人次\t数量指标\t培训人次\t≥50人次\n" +
				"满意度指标\t服务对象满意度指标\t服务对象满意度\t95%以上\t服务对象满意度指标\t服务对象满意度\t≥95%\n",
			want: "form 1 project \"项目支出绩效目标表\" @line 1\n" +
				"  project=\"测试项目\" department=\"某某局\" code=\"101\" implementer=\"某某局\"\n" +
				"  attribute=\"经常性项目\" period=\"\" period_total=125000.00 annual_total=25000.00\n" +
				"  source period \"中央财政资金\" 0.00\n" +
				"  source annual \"中央财政资金\" 0.00\n" +
				"  source period \"其他资金\" nil\n" +
				"  source annual \"其他资金\" nil\n" +
				"  ind period | 产出指标 | 数量指标 | 培训人次 | 不少于100人次 | \">=\" 100.00 \"人次\" @line 8\n" +
				"  ind annual | 产出指标 | 数量指标 | 培训人次 | ≥50人次 | \">=\" 50.00 \"人次\" @line 8\n" +
				"  ind period | 满意度指标 | 服务对象满意度指标 | 服务对象满意度 | 95%以上 | \">=\" 95.00 \"%\" @line 9\n" +
				"  ind annual | 满意度指标 | 服务对象满意度指标 | 服务对象满意度 | ≥95% | \">=\" 95.00 \"%\" @line 9\n",
		},
		{
			name: "table split by a page break with a repeated header",
			in: "## 项目支出绩效目标表\n\n(2023年度)\n\n" +
				"项目名称\t\t甲\n" +
				"绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n" +
				"\t产出指标\t数量指标\t件数\t3件\n" +
				"\n- 7 -\n\n" +
				"绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n" +
				"\t\t\t册数\t2册\n" +
				"\t效益指标\t社会效益指标\t\t\n" +
				"负责人：\t张三\t填报日期：\t20230101\n" +
				"\n附件二\n",
			want: "form 1 project \"项目支出绩效目标表\" @line 1\n" +
				"  project=\"甲\" department=\"\" code=\"\" implementer=\"\"\n" +
				"  attribute=\"\" period=\"\" period_total=nil annual_total=nil\n" +
				"  field \"年度\"=\"2023\" @line 3\n" +
				"  field \"负责人\"=\"张三\" @line 14\n" +
				"  field \"填报日期\"=\"20230101\" @line 14\n" +
				"  ind annual | 产出指标 | 数量指标 | 件数 | 3件 | \"\" 3.00 \"件\" @line 7\n" +
				"  ind annual | 产出指标 | 数量指标 | 册数 | 2册 | \"\" 2.00 \"册\" @line 12\n" +
				"  ind annual | 效益指标 | 社会效益指标 |  |  | \"\" nil \"\" @line 13\n",
		},
		{
			// rows as the PDF reader gives the Shanghai 财政项目支出绩效目标填报表
			// (sh-putuo-wanlijiedao-2023 page 34): merged level cells printed in
			// the middle of their span, goals under a header row, bracketed units
			name: "Shanghai layout with merged level cells",
			in: "# 财政项目支出绩效目标填报表\n" +
				"（2023年度）\t\n" +
				"项目名称\t各类工作经费\t项目性质\t经常性项目\t项目类别\t特定目标类\n" +
				"主管部门\t某街道办事处\t实施单位\t某街道办事处\n" +
				"项目资金（元）\t项目资金总额\t7595500.00\t年度资金申请总额\t7595500.00\n" +
				"\t其中：财政资金\t7595500.00\t其中：当年财政拨款\t7595500.00\n" +
				"\t\t\t上年结转资金\t0.00\n" +
				"项目绩效目标\t项目总目标\t年度总体目标\n" +
				"\t总目标\t年度目标\n" +
				"\t一级指标\t二级指标\t三级指标\t年度(/项目)指标值\n" +
				"\t\t\t规范小组\t>6.00(次)\n" +
				"\t\t数量指标\t民兵整组\t≥100.00(人数)\n" +
				"\t产出指标\t\t质量月活动\t=1.00(次)\n" +
				"绩效指标\t\t质量指标\t达标率\t满意率100%\n" +
				"\t满意度指标\t服务对象满意度指标\t党员群众满意度\t党员群众满意度不少于80%\n",
			want: "form 1 project \"财政项目支出绩效目标填报表\" @line 1\n" +
				"  project=\"各类工作经费\" department=\"某街道办事处\" code=\"\" implementer=\"某街道办事处\"\n" +
				"  attribute=\"经常性项目\" period=\"\" period_total=7595500.00 annual_total=7595500.00\n" +
				"  source period \"财政资金\" 7595500.00\n" +
				"  source annual \"当年财政拨款\" 7595500.00\n" +
				"  source annual \"上年结转资金\" 0.00\n" +
				"  period_goal=\"总目标\"\n" +
				"  annual_goal=\"年度目标\"\n" +
				"  field \"年度\"=\"2023\" @line 2\n" +
				"  field \"项目类别\"=\"特定目标类\" @line 3\n" +
				"  ind annual | 产出指标 | 数量指标 | 规范小组 | >6.00(次) | \">\" 6.00 \"次\" @line 11\n" +
				"  ind annual | 产出指标 | 数量指标 | 民兵整组 | ≥100.00(人数) | \">=\" 100.00 \"人数\" @line 12\n" +
				"  ind annual | 产出指标 | 数量指标 | 质量月活动 | =1.00(次) | \"=\" 1.00 \"次\" @line 13\n" +
				"  ind annual | 产出指标 | 质量指标 | 达标率 | 满意率100% | \"\" nil \"\" @line 14\n" +
				"  ind annual | 满意度指标 | 服务对象满意度指标 | 党员群众满意度 | 党员群众满意度不少于80% | \">=\" 80.00 \"%\" @line 15\n",
		},
		{
			name: "goal labels with their texts, value columns headed 年度 first",
			in: "项目支出绩效目标申报表\n" +
				"项目名称\t乙\n" +
				"实施期目标\t三年完成。\t年度目标\t本年完成。\n" +
				"绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t二级指标\t三级指标\t实施期指标值\n" +
				"\t产出指标\t数量指标\t场次\t2场\t数量指标\t场次\t6场\n",
			want: "form 1 project \"项目支出绩效目标申报表\" @line 1\n" +
				"  project=\"乙\" department=\"\" code=\"\" implementer=\"\"\n" +
				"  attribute=\"\" period=\"\" period_total=nil annual_total=nil\n" +
				"  period_goal=\"三年完成。\"\n" +
				"  annual_goal=\"本年完成。\"\n" +
				"  ind annual | 产出指标 | 数量指标 | 场次 | 2场 | \"\" 2.00 \"场\" @line 5\n" +
				"  ind period | 产出指标 | 数量指标 | 场次 | 6场 | \"\" 6.00 \"场\" @line 5\n",
		},
		{
			name: "national department template",
			in: "部门整体支出绩效目标申报表\n" +
				"（2025年度）\n" +
				"部门（单位）名称\t某某局\n" +
				"年度主要任务\t任务名称\t主要内容\n" +
				"\t普法宣传\t开展宣传活动\n" +
				"年度总体目标\t完成年度任务。\n" +
				"年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n" +
				"\t产出指标\t数量指标\t宣传场次\t≥10场\n",
			want: "form 1 department \"部门整体支出绩效目标申报表\" @line 1\n" +
				"  project=\"\" department=\"某某局\" code=\"\" implementer=\"\"\n" +
				"  attribute=\"\" period=\"\" period_total=nil annual_total=nil\n" +
				"  annual_goal=\"完成年度任务。\"\n" +
				"  field \"年度\"=\"2025\" @line 2\n" +
				"  field \"部门（单位）名称\"=\"某某局\" @line 3\n" +
				"  field \"年度主要任务/普法宣传\"=\"开展宣传活动\" @line 5\n" +
				"  field \"年度总体目标\"=\"完成年度任务。\" @line 6\n" +
				"  ind department | 产出指标 | 数量指标 | 宣传场次 | ≥10场 | \">=\" 10.00 \"场\" @line 8\n",
		},
		{
			name: "prose mentioning a form is not a form",
			in:   "（项目绩效目标表公开情况见附件）\n\n本部门编报项目支出绩效目标表14个。\n\n代码\t名称\n1\t2\n",
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forms, _ := Parse(blocksOf(t, tt.in))
			if got := Dump(forms); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestSplitCode(t *testing.T) {
	tests := []struct{ in, code, name string }{
		{"604-侯马经济开发区管理委员会经济科技发展部", "604", "侯马经济开发区管理委员会经济科技发展部"},
		{"604－侯马（开发区）", "604", "侯马（开发区）"},
		{"[101]某某局", "101", "某某局"},
		{"某某局（101）", "101", "某某局"},
		{"某某局(第二分局)", "", "某某局(第二分局)"},
		{"2024年某某局", "", "2024年某某局"},
		{"某某局", "", "某某局"},
	}
	for _, tt := range tests {
		code, name := splitCode(tt.in)
		if code != tt.code || name != tt.name {
			t.Errorf("splitCode(%q) = %q, %q; want %q, %q", tt.in, code, name, tt.code, tt.name)
		}
	}
}

func TestParseIndicatorValue(t *testing.T) {
	tests := []struct {
		in, cmp, num, unit string
	}{
		{"≥95%", ">=", "95", "%"},
		{">6万", ">", "6", "万"},
		{"≥2000份", ">=", "2000", "份"},
		{"17家", "", "17", "家"},
		{"1月/次", "", "1", "月/次"},
		{"2024年", "", "2024", "年"},
		{"100%", "", "100", "%"},
		{"≥289.79万", ">=", "289.79", "万"},
		{"8万元一年", "", "8", "万元"},
		{"＞＝１,000元", ">=", "1000", "元"},
		{"≤5天", "<=", "5", "天"},
		{"<3次", "<", "3", "次"},
		{"=1", "=", "1", ""},
		{"不低于90%", ">=", "90", "%"},
		{"90%以上", ">=", "90", "%"},
		{"-2.5%", "", "-2.5", "%"},
		{"≥13459.00(平方米)", ">=", "13459", "平方米"},
		{"=100.00(%)", "=", "100", "%"},
		{"补贴对象生活改善度不低于80%", ">=", "80", "%"},
		{"可控性100%", "", "", ""},
		{"提升", "", "", ""},
		{"达到省、市要求", "", "", ""},
		{"6针-2000日", "", "", ""},
		{"12月底前完成", "", "", ""},
		{"全年", "", "", ""},
		{"", "", "", ""},
		{"≥", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			cmp, num, unit := ParseIndicatorValue(tt.in)
			got := ""
			if num != nil {
				got = num.String()
			}
			if cmp != tt.cmp || got != tt.num || unit != tt.unit {
				t.Errorf("ParseIndicatorValue(%q) = %q, %q, %q; want %q, %q, %q", tt.in, cmp, got, unit, tt.cmp, tt.num, tt.unit)
			}
		})
	}
}

func FuzzParseIndicatorValue(f *testing.F) {
	for _, s := range []string{"≥95%", ">6万", "17家", "1月/次", "8万元一年", "提升", "1,000.5元", "-", "9999999999999999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cmp, num, unit := ParseIndicatorValue(s)
		if num == nil && (cmp != "" || unit != "") {
			t.Errorf("%q: comparator %q / unit %q without a number", s, cmp, unit)
		}
		if num != nil && len(num.Truncate(0).Abs().String()) > 18 {
			t.Errorf("%q: %s does not fit DECIMAL(24,6)", s, num)
		}
	})
}

// FuzzParse feeds arbitrary text through the text reader into Parse: no
// panic, consumed indices in range.
func FuzzParse(f *testing.F) {
	f.Add("项目支出绩效目标表\n(2024年度)\n项目名称\t\t甲\n绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n\t产出指标\t数量指标\t件\t1件\n")
	f.Add("整体支出绩效目标申报表\n部门基本信息\t部门名称\t1-乙\n年度预算情况\t按资金来源划分\t资金总额(万元)\n\t合计\t1\n年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n满意度指标\t服务对象满意度指标\t\t\t\n")
	f.Add("绩效目标表\n\t\n一级指标\t指标值\n\t\t\t\t\t\t\t\t\t\n成本指标\t经济成本指标\n")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := text.Read(context.Background(), "f.txt", []byte(s))
		if err != nil {
			return
		}
		forms, consumed := Parse(d.Blocks)
		for i := range consumed {
			if i < 0 || i >= len(d.Blocks) {
				t.Fatalf("consumed index %d out of range", i)
			}
		}
		for _, fm := range forms {
			for _, a := range []*decimal.Decimal{fm.PeriodTotal, fm.AnnualTotal} {
				if a != nil && len(a.Truncate(0).Abs().String()) > maxAmountDigits {
					t.Fatalf("amount %s does not fit DECIMAL(20,2)", a)
				}
			}
			for _, in := range fm.Indicators {
				if in.Scope == "" {
					t.Fatalf("indicator without scope: %+v", in)
				}
			}
		}
	})
}

// TestParse_Consumed checks which blocks a form consumes: its title, year
// line, table parts and the page breaks and page numbers between them, but
// not the prose after it.
func TestParse_Consumed(t *testing.T) {
	in := "## 项目支出绩效目标表\n\n(2023年度)\n\n" + // lines 1-4
		"项目名称\t甲\n" + // 5
		"绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n" + // 6
		"\t产出指标\t数量指标\t件数\t3件\n" + // 7
		"\n- 7 -\n\n" + // 8-10
		"\t\t\t册数\t2册\n" + // 11
		"\n十一、国有资产占有使用情况\n" // 12-13
	blocks := blocksOf(t, in)
	_, consumed := Parse(blocks)
	var got []int
	for i, b := range blocks {
		if consumed[i] && b.Kind != doc.PageBreak {
			got = append(got, b.Ref.Line)
		}
	}
	if fmt.Sprint(got) != "[1 3 5 9 11]" {
		t.Errorf("consumed non-blank blocks start at lines %v, want [1 3 5 9 11]", got)
	}
}

// TestParse_Synth parses a synthetic corpus (package synth, format variants
// on) and compares every form's funding with the generator's ground truth.
func TestParse_Synth(t *testing.T) {
	dir := t.TempDir()
	m, err := synth.Generate(context.Background(), synth.Options{Departments: 4, YearFrom: 2023, YearTo: 2024, Seed: 7, Variants: true}, dir)
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
		forms, _ := Parse(d.Blocks)
		byName := map[string]model.PerfForm{}
		departments := 0
		for _, f := range forms {
			if f.Scope == model.FormDepartment {
				departments++
				continue
			}
			byName[f.Project] = f
		}
		if departments != 1 {
			t.Errorf("%s: %d department forms, want 1", dt.File, departments)
		}
		want := 0
		for _, p := range dt.Projects {
			if !p.HasForm {
				continue
			}
			want++
			f, ok := byName[p.Name]
			if !ok {
				t.Errorf("%s: no form for %s", dt.File, p.Name)
				continue
			}
			if dec(f.AnnualTotal) != p.AnnualYuan || dec(f.PeriodTotal) != p.PeriodYuan {
				t.Errorf("%s: %s funding = %s / %s, want %s / %s", dt.File, p.Name, dec(f.AnnualTotal), dec(f.PeriodTotal), p.AnnualYuan, p.PeriodYuan)
			}
			if f.DepartmentCode != dt.DepartmentCode {
				t.Errorf("%s: %s department code %q, want %q", dt.File, p.Name, f.DepartmentCode, dt.DepartmentCode)
			}
			checked++
		}
		if len(byName) != want {
			t.Errorf("%s: %d project forms, want %d", dt.File, len(byName), want)
		}
	}
	if checked == 0 {
		t.Fatal("no form checked")
	}
}
