package identity_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/identity"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema"
	"github.com/shopspring/decimal"
)

// doc builds a minimal disclosure with an identity assigned by package
// identity, as the pipeline does.
func doc(docID, dept string, year int, level string, others []string, funcs ...[2]string) *model.Disclosure {
	d := &model.Disclosure{Identity: model.Identity{
		DocID: docID, SourcePaths: []string{docID + ".pdf"}, SourceFormat: "pdf",
		Department: dept, DepartmentNames: others, FiscalYear: year,
		Kind: model.KindBudget, Level: level,
	}}
	for i, f := range funcs {
		d.FuncAmounts = append(d.FuncAmounts, model.FuncAmount{SourceTable: "expenditure", Code: f[0], Name: f[1],
			Measure: "total", Amount: decimal.NewFromInt(int64(100 + i)), SourceRef: fmt.Sprintf("page 1 line %d", i+1)})
	}
	return d
}

func openWarehouse(t *testing.T, docs ...*model.Disclosure) *sql.DB {
	t.Helper()
	ctx := context.Background()
	w, err := schema.Open(ctx, "", schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	a, err := identity.DefaultAliases()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		identity.Assign(&d.Identity, a)
		if _, err := w.Write(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	return w.DB()
}

// corpusDocs mirrors the real corpus (shared/corpus/real/README.md and the
// Shanxi text publication): 16 documents, 10 departments and a placeholder.
func corpusDocs() []*model.Disclosure {
	const dep, unit = model.LevelDepartment, model.LevelUnit
	houma := doc("sx1", "侯马经济开发区管理委员会经济科技发展部", 2024, dep, []string{"侯马经济开发区经济科技发展部"})
	houma.Identity.DepartmentCode, houma.Identity.Region = "604", "侯马经济开发区"
	return []*model.Disclosure{
		doc("js1", "江苏省人大常委会办公厅", 2017, dep, nil),
		doc("js2", "江苏省人民检察院", 2017, dep, nil),
		doc("js3", "中国共产党江苏省委员会办公厅", 2017, dep, []string{"江苏省委办公厅"}),
		doc("js4", "江苏省政协办公厅", 2017, dep, nil),
		doc("js5", "江苏省高级人民法院", 2017, dep, nil),
		doc("js6", "江苏省高级人民法院", 2018, dep, nil),
		doc("js7", "中共江苏省委办公厅", 2018, dep, nil),
		doc("sh8", "上海市普陀区人民政府万里街道办事处", 2023, dep, nil),
		doc("sh9", "上海市普陀区财政局", 2024, dep, nil),
		doc("sh10", "上海市普陀区XX局", 2024, unit, []string{"上海市普陀区财政局"}),
		doc("sh11", "上海市普陀区司法局", 2026, dep, nil),
		doc("sh12", "上海市普陀区司法局", 2026, unit, nil),
		doc("sh13", "上海市普陀区人民政府办公室", 2025, dep, nil),
		doc("sh14", "上海市普陀区人民政府办公室", 2025, unit, nil),
		doc("sh15", "上海市 XX 局", 2024, dep, nil),
		houma,
	}
}

func TestDepartmentsView(t *testing.T) {
	db := openWarehouse(t, corpusDocs()...)
	rows, err := db.Query(`SELECT department_id, canonical_name, coalesce(region, ''), coalesce(department_code, ''),
		to_json(names)::VARCHAR, to_json(evidence)::VARCHAR, documents FROM departments ORDER BY canonical_name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	n := 0
	for rows.Next() {
		var id, name, region, code, names, evidence string
		var docs int
		if err := rows.Scan(&id, &name, &region, &code, &names, &evidence, &docs); err != nil {
			t.Fatal(err)
		}
		n++
		fmt.Fprintf(&b, "%s\t%s\tregion=%s\tcode=%s\tdocuments=%d\n\tnames=%s\n", id, name, region, code, docs, names)
		var ev []string
		if err := json.Unmarshal([]byte(evidence), &ev); err != nil {
			t.Fatalf("evidence %s: %v", evidence, err)
		}
		for _, e := range ev {
			fmt.Fprintf(&b, "\t%s\n", e)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 11 {
		t.Errorf("departments has %d rows, want 11 (10 departments and the placeholder)", n)
	}
	testutil.Golden(t, "testdata/departments_view.golden", []byte(b.String()))
}

// TestDepartmentsView_shards writes the corpus into two warehouses split
// differently and checks that the union of their departments has the same
// ids: shards merge without splitting or duplicating a department.
func TestDepartmentsView_shards(t *testing.T) {
	ids := func(docs []*model.Disclosure) map[string]string {
		db := openWarehouse(t, docs...)
		out := map[string]string{}
		rows, err := db.Query(`SELECT doc_id, department_id FROM documents`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var d, id string
			if err := rows.Scan(&d, &id); err != nil {
				t.Fatal(err)
			}
			out[d] = id
		}
		return out
	}
	all := ids(corpusDocs())
	c := corpusDocs()
	odd, even := []*model.Disclosure{}, []*model.Disclosure{}
	for i, d := range c {
		if i%2 == 0 {
			even = append(even, d)
		} else {
			odd = append(odd, d)
		}
	}
	merged := ids(odd)
	for k, v := range ids(even) {
		merged[k] = v
	}
	if len(merged) != len(all) {
		t.Fatalf("shards hold %d documents, whole %d", len(merged), len(all))
	}
	for d, id := range all {
		if merged[d] != id {
			t.Errorf("%s: shard id %s, whole-corpus id %s", d, merged[d], id)
		}
	}
}

func TestFuncCodesView(t *testing.T) {
	db := openWarehouse(t,
		doc("a2017", "江苏省高级人民法院", 2017, model.LevelDepartment, nil,
			[2]string{"210", "医疗卫生与计划生育支出"}, [2]string{"201", "一般公共服务支出"}, [2]string{"20101", "人大事务"}),
		doc("a2018", "江苏省高级人民法院", 2018, model.LevelDepartment, nil,
			[2]string{"210", "医疗卫生与计划生育支出"}, [2]string{"201", "一般公共服务支出"}),
		doc("b2018", "江苏省人民检察院", 2018, model.LevelDepartment, nil,
			[2]string{"210", "医疗卫生与计划生育支出"}, [2]string{"201", "一 般 公 共 服 务 支 出"}),
		doc("c2018", "江苏省政协办公厅", 2018, model.LevelDepartment, nil,
			[2]string{"201", "一般公共服务"}),
		doc("a2019", "江苏省高级人民法院", 2019, model.LevelDepartment, nil,
			[2]string{"210", "卫生健康支出"}, [2]string{"201", "一般公共服务支出"}),
	)
	rows, err := db.Query(`SELECT code, fiscal_year, name, level, coalesce(renamed_from, '-'), coalesce(successor_code, '-'),
		coalesce(successor_name, '-'), documents, wordings FROM func_codes ORDER BY code, fiscal_year`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var code, name, level, renamed, succ, succName string
		var year, docs, wordings int
		if err := rows.Scan(&code, &year, &name, &level, &renamed, &succ, &succName, &docs, &wordings); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s\t%d\t%s\t%s\trenamed_from=%s\tsuccessor=%s %s\tdocuments=%d\twordings=%d\n",
			code, year, name, level, renamed, succ, succName, docs, wordings)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := `201	2017	一般公共服务支出	class	renamed_from=-	successor=- -	documents=1	wordings=1
201	2018	一般公共服务支出	class	renamed_from=-	successor=- -	documents=3	wordings=2
201	2019	一般公共服务支出	class	renamed_from=-	successor=- -	documents=1	wordings=1
20101	2017	人大事务	section	renamed_from=-	successor=- -	documents=1	wordings=1
210	2017	医疗卫生与计划生育支出	class	renamed_from=-	successor=210 卫生健康支出	documents=1	wordings=1
210	2018	医疗卫生与计划生育支出	class	renamed_from=-	successor=210 卫生健康支出	documents=2	wordings=1
210	2019	卫生健康支出	class	renamed_from=医疗卫生与计划生育支出	successor=- -	documents=1	wordings=1
`
	if got := b.String(); got != want {
		t.Errorf("func_codes:\n%s\nwant:\n%s", got, want)
	}

	var names string
	if err := db.QueryRow(`SELECT to_json(names)::VARCHAR FROM func_codes WHERE code = '201' AND fiscal_year = 2018`).Scan(&names); err != nil {
		t.Fatal(err)
	}
	if want := `[{"name":"一般公共服务支出","documents":2},{"name":"一般公共服务","documents":1}]`; names != want {
		t.Errorf("names of 201 in 2018 = %s, want %s", names, want)
	}
}

func TestList(t *testing.T) {
	db := openWarehouse(t, append(corpusDocs(),
		doc("x1", "普陀区财政局", 2025, model.LevelDepartment, nil))...)
	a, err := identity.DefaultAliases()
	if err != nil {
		t.Fatal(err)
	}
	l, err := identity.List(context.Background(), db, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Departments) != 12 {
		t.Errorf("got %d departments, want 12", len(l.Departments))
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(l); err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, "testdata/list.golden.json", []byte(b.String()))
	rules := map[string]int{}
	for _, f := range l.Findings {
		rules[f.Rule]++
	}
	if rules[identity.RuleAmbiguous] != 1 || rules[identity.RuleStale] != 0 {
		t.Errorf("findings by rule %v, want one ambiguity (普陀区财政局) and nothing stale", rules)
	}

	// A user alias merging the look-alike makes its stored id stale.
	user, err := identity.LoadAliases(strings.NewReader("action,name_or_key,target,reason\nmerge,普陀区财政局,上海市普陀区财政局,same bureau\n"))
	if err != nil {
		t.Fatal(err)
	}
	l, err = identity.List(context.Background(), db, a.With(user))
	if err != nil {
		t.Fatal(err)
	}
	rules = map[string]int{}
	for _, f := range l.Findings {
		rules[f.Rule]++
	}
	if rules[identity.RuleStale] != 1 {
		t.Errorf("findings by rule %v, want one stale document", rules)
	}
}
