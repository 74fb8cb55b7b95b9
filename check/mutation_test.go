package check

import (
	"sort"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/model"
)

// Mutation helpers: each changes one published figure of the Shanxi
// Disclosure (wherever the document prints that same figure).

func setFunc(t *testing.T, d *model.Disclosure, table, code, measure, amount string) {
	t.Helper()
	for i, f := range d.FuncAmounts {
		if f.SourceTable == table && f.Code == code && f.Measure == measure {
			d.FuncAmounts[i].Amount = w(amount)
			return
		}
	}
	t.Fatalf("no func amount %s %s %s", table, code, measure)
}

func setTotal(t *testing.T, d *model.Disclosure, table, key, measure, amount string) {
	t.Helper()
	for i, x := range d.Totals {
		if x.SourceTable == table && x.Key == key && x.Measure == measure {
			d.Totals[i].Amount = w(amount)
			return
		}
	}
	d.Totals = append(d.Totals, total(table, key, key, measure, amount, 1))
}

// setTableTotal changes the 合计 row of a coded table, whichever key it was
// published under.
func setTableTotal(t *testing.T, d *model.Disclosure, table, measure, amount string) {
	t.Helper()
	n := 0
	for i, x := range d.Totals {
		if x.SourceTable == table && (x.Key == "table_total" || x.Key == "expenditure_total") && x.Measure == measure {
			d.Totals[i].Amount = w(amount)
			n++
		}
	}
	if n == 0 {
		t.Fatalf("no 合计 row of %s (%s)", table, measure)
	}
}

func setEcon(t *testing.T, d *model.Disclosure, code, measure, amount string) {
	t.Helper()
	n := 0
	for i, e := range d.EconAmounts {
		if e.Code == code && e.Measure == measure && (e.Scheme == "department" || e.Scheme == "") {
			d.EconAmounts[i].Amount = w(amount)
			n++
		}
	}
	if code == "" {
		// The 合计 row may be published as Totals of the econ table.
		for i, x := range d.Totals {
			if x.SourceTable == "basic_econ" && ((x.Key == "table_total" && x.Measure == measure) || (x.Key == measure && x.Measure == "total")) {
				d.Totals[i].Amount = w(amount)
				n++
			}
		}
	}
	if n == 0 {
		t.Fatalf("no econ amount %s %s", code, measure)
	}
}

func setThree(d *model.Disclosure, item, measure, amount string) {
	for i, p := range d.ThreePublic {
		if p.Item == item && p.Measure == measure {
			d.ThreePublic[i].Amount = w(amount)
			return
		}
	}
	d.ThreePublic = append(d.ThreePublic, model.ThreePublic{SourceTable: "three_public", Item: item, Label: item, Measure: measure, Amount: w(amount), SourceRef: ref(361)})
}

func setPara(t *testing.T, d *model.Disclosure, line int, old, new string) {
	t.Helper()
	for i, p := range d.Paragraphs {
		if p.SourceRef == ref(line) {
			if !strings.Contains(p.Text, old) {
				t.Fatalf("line %d has no %q", line, old)
			}
			d.Paragraphs[i].Text = strings.Replace(p.Text, old, new, 1)
			return
		}
	}
	t.Fatalf("no paragraph at line %d", line)
}

func form(d *model.Disclosure, name string) *model.PerfForm {
	for i := range d.Forms {
		if d.Forms[i].Project == name {
			return &d.Forms[i]
		}
	}
	panic("no form " + name)
}

type mutation struct {
	rule   string
	name   string
	mutate func(t *testing.T, d *model.Disclosure)
	// also lists rules that necessarily fire with it (the changed figure
	// is restated elsewhere in a way no single change can keep consistent).
	also []string
}

var mutations = []mutation{
	{rule: "summary.balance", name: "支出总计 changed", mutate: func(t *testing.T, d *model.Disclosure) {
		setTotal(t, d, "summary", "grand_expenditure_total", "total", "1146.40")
	}},
	{rule: "summary.income_sources", name: "一般公共预算 income changed", mutate: func(t *testing.T, d *model.Disclosure) {
		setTotal(t, d, "summary", "general_public_budget", "total", "1146.00")
	}},
	{rule: "func.class_sum", name: "本年支出合计 of table 1 changed", mutate: func(t *testing.T, d *model.Disclosure) {
		setTotal(t, d, "summary", "expenditure_total", "total", "1147.30")
	}},
	{rule: "func.hierarchy", name: "item 2010406 changed in tables 2, 3, 5", mutate: func(t *testing.T, d *model.Disclosure) {
		setFunc(t, d, "income", "2010406", "total", "37.80")
		setFunc(t, d, "income", "2010406", "general_public_budget", "37.80")
		for _, tb := range []string{"expenditure", "general_budget_expenditure"} {
			setFunc(t, d, tb, "2010406", "total", "37.80")
			setFunc(t, d, tb, "2010406", "project", "37.80")
		}
	}},
	{rule: "func.basic_plus_project", name: "项目支出 column of table 5 raised along the 2010406 chain", mutate: func(t *testing.T, d *model.Disclosure) {
		tb := "general_budget_expenditure"
		setFunc(t, d, tb, "2010406", "project", "37.80")
		setFunc(t, d, tb, "20104", "project", "47.80")
		setFunc(t, d, tb, "201", "project", "147.80")
		setTableTotal(t, d, tb, "project", "708.80")
	}},
	{rule: "func.cross_table", name: "table 1 moves 1.00 from 201 to 206", mutate: func(t *testing.T, d *model.Disclosure) {
		setFunc(t, d, "summary", "201", "total", "492.40")
		setFunc(t, d, "summary", "206", "total", "436.00")
	}},
	{rule: "econ.total_vs_basic", name: "基本工资 raised by 1.00 throughout table 6", mutate: func(t *testing.T, d *model.Disclosure) {
		for _, m := range []string{"total", "personnel"} {
			setEcon(t, d, "30101", m, "91.94")
			setEcon(t, d, "301", m, "389.47")
		}
		setEcon(t, d, "", "total", "439.50")
		setEcon(t, d, "", "personnel", "389.89")
	}, also: []string{"prose.totals"}}, // the prose restates 人员经费 388.89
	{rule: "econ.personnel_plus_public", name: "公用经费 of the 303 group row", mutate: func(t *testing.T, d *model.Disclosure) {
		d.EconAmounts = append(d.EconAmounts, econ("303", "对个人和家庭的补助", "", "-", "-", "0.10", 306)...)
	}, also: []string{"econ.group_sum"}}, // a group's column is also a sum of its items
	{rule: "econ.group_sum", name: "办公费 raised on its row", mutate: func(t *testing.T, d *model.Disclosure) {
		setEcon(t, d, "30201", "total", "5.35")
		setEcon(t, d, "30201", "public", "5.35")
	}},
	{rule: "econ.summary_split", name: "table 1 prints a different 人员经费", mutate: func(t *testing.T, d *model.Disclosure) {
		setTotal(t, d, "summary", "personnel", "", "388.00")
	}},
	{rule: "three_public.sum", name: "合计 of the 一般公共预算 column", mutate: func(t *testing.T, d *model.Disclosure) {
		setThree(d, "total", "general_public_budget", "3.98")
	}},
	{rule: "three_public.vehicle", name: "vehicle line of the 政府性基金 column", mutate: func(t *testing.T, d *model.Disclosure) {
		setThree(d, "vehicle_total", "government_fund", "1.00")
		setThree(d, "vehicle_purchase", "government_fund", "0.50")
		setThree(d, "vehicle_operation", "government_fund", "0.40")
		setThree(d, "total", "government_fund", "1.00")
	}},
	{rule: "three_public.vs_econ", name: "公务接待费 of table 6 raised, 办公费 lowered", mutate: func(t *testing.T, d *model.Disclosure) {
		for _, m := range []string{"total", "public"} {
			setEcon(t, d, "30217", m, "3.98")
			setEcon(t, d, "30201", m, "3.35")
		}
	}},
	{rule: "projects.sum", name: "科技研发平台认定奖励 (no form) raised", mutate: func(t *testing.T, d *model.Disclosure) {
		d.Projects[7].Amount = w("46.00")
	}, also: []string{"prose.projects"}}, // the prose restates Σ projects
	{rule: "projects.form_missing", name: "the 环保宣传 form removed", mutate: func(t *testing.T, d *model.Disclosure) {
		i := d.Projects[4].Form
		d.Forms = append(d.Forms[:i:i], d.Forms[i+1:]...)
		for k := range d.Projects {
			switch {
			case d.Projects[k].Form == i:
				d.Projects[k].Form = -1
			case d.Projects[k].Form > i:
				d.Projects[k].Form--
			}
		}
	}},
	{rule: "projects.form_unmatched", name: "a form for a project not in table 12", mutate: func(t *testing.T, d *model.Disclosure) {
		f := *form(d, "环保宣传")
		f.Project, f.ProjectIndex, f.SourceRef = "园区道路养护", -1, ref(1000)
		d.Forms = append(d.Forms, f)
	}},
	{rule: "projects.form_amount", name: "年度资金总额 of 环保宣传 (and its cost indicator)", mutate: func(t *testing.T, d *model.Disclosure) {
		f := form(d, "环保宣传")
		f.AnnualTotal = yp("40,000")
		for i := range f.Indicators {
			f.Indicators[i].ValueText = "≥4万"
		}
	}},
	{rule: "projects.form_name_mismatch", name: "form name of 环保宣传", mutate: func(t *testing.T, d *model.Disclosure) {
		form(d, "环保宣传").Project = "环保宣传活动"
	}},
	{rule: "forms.cost_indicator", name: "cost indicator of 环保宣传", mutate: func(t *testing.T, d *model.Disclosure) {
		f := form(d, "环保宣传")
		for i := range f.Indicators {
			f.Indicators[i].ValueText = "≥5万"
		}
	}},
	{rule: "prose.totals", name: "基本支出 in the performance prose", mutate: func(t *testing.T, d *model.Disclosure) {
		setPara(t, d, 483, "其中基本支出438.5万元", "其中基本支出448.5万元")
	}},
	{rule: "prose.totals", name: "收入支出总计 of 0 (the inserted defect of sh-putuo-caizhengju-2024)", mutate: func(t *testing.T, d *model.Disclosure) {
		d.Paragraphs = append(d.Paragraphs, model.Paragraph{Text: "本部门2024年度收入支出总计0万元。", SourceRef: ref(2002)})
	}},
	{rule: "prose.totals", name: "财政拨款收入支出总计 of 0.3万元 (sh-putuo-caizhengju-2024)", mutate: func(t *testing.T, d *model.Disclosure) {
		d.Paragraphs = append(d.Paragraphs, model.Paragraph{Text: "本部门2024年度财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计持平。", SourceRef: ref(2003)})
	}},
	{rule: "prose.shares", name: "share of 科学技术支出", mutate: func(t *testing.T, d *model.Disclosure) {
		setPara(t, d, 446, "占37.95%", "占37.59%")
	}},
	{rule: "prose.three_public", name: "公务接待费 in the prose", mutate: func(t *testing.T, d *model.Disclosure) {
		setPara(t, d, 465, "公务接待费2.98万元", "公务接待费2.89万元")
	}},
	{rule: "prose.projects", name: "project count in the prose", mutate: func(t *testing.T, d *model.Disclosure) {
		setPara(t, d, 487, "二级项目14个", "二级项目15个")
	}},
	{rule: "prose.pct_recomputed", name: "下降 percentage in the prose", mutate: func(t *testing.T, d *model.Disclosure) {
		setPara(t, d, 442, "下降5.94%", "下降6.94%")
	}},
	{rule: "prose.func_items", name: "a Shanghai-style item statement with a wrong 预算安排", mutate: func(t *testing.T, d *model.Disclosure) {
		d.Paragraphs = append(d.Paragraphs, model.Paragraph{Text: "1、科学技术支出（206类）其他科学技术支出（99款）科技奖励（01项）435万元。主要用于：奖励。2023年当年预算执行数为400万元，2024年预算安排453万元，比2023年预算执行数增加13.25%。", SourceRef: ref(2000)})
	}},
	{rule: "prose.func_names", name: "a Shanghai-style item statement naming 210 differently", mutate: func(t *testing.T, d *model.Disclosure) {
		d.Paragraphs = append(d.Paragraphs, model.Paragraph{Text: "2、医疗卫生与计划生育支出（210类）计划生育事务（07款）其他计划生育事务支出（99项）0.42万元。", SourceRef: ref(2001)})
	}},
	{rule: "prose.year_reference", name: "the budget compares itself with its own year", mutate: func(t *testing.T, d *model.Disclosure) {
		setPara(t, d, 463, "比2023年减少1.10万元", "比2024年预算减少1.10万元")
	}},
	{rule: "prose.level_wording", name: "a unit-level publication saying 部门预算安排", mutate: func(t *testing.T, d *model.Disclosure) {
		d.Identity.Level = model.LevelUnit
		setPara(t, d, 477, "政府采购预算总额", "部门预算安排政府采购总额")
	}},
	{rule: "prose.punctuation", name: "a doubled full stop", mutate: func(t *testing.T, d *model.Disclosure) {
		setPara(t, d, 473, "无机关运行经费支出。", "无机关运行经费支出。。")
	}},
	{rule: "prose.template_text", name: "an unresolved 增加（减少）", mutate: func(t *testing.T, d *model.Disclosure) {
		setPara(t, d, 442, "比上年减少72.34万元", "比上年增加（减少）72.34万元")
	}},
	{rule: "prose.empty_reason", name: "a reason left empty", mutate: func(t *testing.T, d *model.Disclosure) {
		setPara(t, d, 463, "主要原因是厉行节约、减少公务接待频次。", "主要原因是。")
	}},
	{rule: "quarantine", name: "no fiscal year", mutate: func(t *testing.T, d *model.Disclosure) {
		d.Identity.FiscalYear = 0
	}},
}

// findingKey identifies a finding by rule and place: a mutation may change
// the figures quoted in an existing finding's message without making it new.
func findingKey(f model.Finding) string {
	return f.Rule + "|" + f.Severity + "|" + f.SourceRef
}

// newFindings returns the error and warning findings of got beyond those of
// base (counted by key).
func newFindings(base, got []model.Finding) []model.Finding {
	seen := map[string]int{}
	for _, f := range base {
		seen[findingKey(f)]++
	}
	var out []model.Finding
	for _, f := range got {
		k := findingKey(f)
		if seen[k] > 0 {
			seen[k]--
			continue
		}
		if f.Severity != model.SeverityInfo {
			out = append(out, f)
		}
	}
	return out
}

// TestDocument_mutations: for every rule, one figure of the Shanxi
// Disclosure changed triggers that rule and no other rule (except the
// listed consequences).
func TestDocument_mutations(t *testing.T) {
	for _, fx := range fixtures {
		base := Document(fx.build(t))
		for _, m := range mutations {
			t.Run(fx.name+"/"+m.rule+"/"+m.name, func(t *testing.T) {
				d := fx.build(t)
				m.mutate(t, d)
				fresh := newFindings(base, Document(d))
				rules := map[string]bool{}
				for _, f := range fresh {
					rules[f.Rule] = true
				}
				if !rules[m.rule] {
					t.Errorf("rule %s did not fire", m.rule)
				}
				allowed := map[string]bool{m.rule: true}
				for _, a := range m.also {
					allowed[a] = true
					if !rules[a] {
						t.Errorf("listed consequence %s did not fire (remove it from also)", a)
					}
				}
				for r := range rules {
					if !allowed[r] {
						t.Errorf("rule %s fired too", r)
					}
				}
				if t.Failed() {
					for _, f := range fresh {
						t.Logf("%s %s %s: %s", f.Severity, f.Rule, f.SourceRef, f.Message)
					}
				}
			})
		}
	}
}

// TestRules_mutationCoverage fails when a rule has no mutation case or a
// mutation names a rule that is not in the rule set (a rule removed).
func TestRules_mutationCoverage(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range Rules() {
		if ids[r.ID] {
			t.Errorf("duplicate rule id %s", r.ID)
		}
		ids[r.ID] = true
		if r.Description == "" || r.Tolerance == "" || r.check == nil {
			t.Errorf("rule %s lacks description, tolerance or check", r.ID)
		}
		switch r.Severity {
		case model.SeverityError, model.SeverityWarning, model.SeverityInfo:
		default:
			t.Errorf("rule %s: severity %q", r.ID, r.Severity)
		}
	}
	covered := map[string]bool{}
	for _, m := range mutations {
		covered[m.rule] = true
		if !ids[m.rule] {
			t.Errorf("mutation %q targets rule %s, which is not in the rule set", m.name, m.rule)
		}
	}
	var missing []string
	for id := range ids {
		if !covered[id] {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("rules without a mutation test: %s", strings.Join(missing, ", "))
	}
}
