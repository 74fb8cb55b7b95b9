package synth_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/app"
	"github.com/budgetwh/budgetwh/schema"
	"github.com/budgetwh/budgetwh/synth"
)

// defectRules maps each injected defect to the rules that must report it
// (any one of them, at the given severity).
var defectRules = map[string]struct {
	rules    []string
	severity string
}{
	synth.DefectChangedTotal:  {[]string{"func.class_sum", "func.hierarchy", "func.cross_table"}, "error"},
	synth.DefectMissingForm:   {[]string{"projects.form_missing"}, "warning"},
	synth.DefectProseMismatch: {[]string{"prose.totals"}, "error"},
}

// TestSynth_IngestReproducesManifest is the acceptance test of the
// synthetic corpus: 200 documents, budgets and final accounts (75 of them),
// in every format variant of each kind, ingest with every manifest fact
// reproduced exactly (kind included), every injected defect reported by the
// right rule, and no error finding on a clean document.
func TestSynth_IngestReproducesManifest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	// 25 departments × 5 years of budgets, and the final accounts of 15 of
	// them (FinalShare 0.6): 125 budgets + 75 final accounts
	m, err := synth.Generate(ctx, synth.Options{Departments: 25, YearFrom: 2020, YearTo: 2024, Seed: 20261128, DefectRate: 0.1, Variants: true, FinalShare: 0.6}, filepath.Join(dir, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Documents) != 200 {
		t.Fatalf("generated %d documents, want 200", len(m.Documents))
	}
	finals, finalDefects := 0, map[string]int{}
	for _, d := range m.Documents {
		if d.Kind == "final_account" {
			finals++
			for _, x := range d.Defects {
				finalDefects[x.Kind]++
			}
		}
	}
	if finals != 75 {
		t.Errorf("%d final accounts, want 75", finals)
	}
	if finalDefects[synth.DefectChangedTotal] == 0 || finalDefects[synth.DefectProseMismatch] == 0 {
		t.Errorf("final accounts' defects %v: want both a changed total and a prose mismatch among them", finalDefects)
	}
	dbPath := filepath.Join(dir, "wh.duckdb")
	rep, err := app.Ingest(ctx, app.IngestOptions{DB: dbPath}, []string{filepath.Join(dir, "corpus")})
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	if got := rep.Count(app.StatusLoaded); got != 200 {
		for _, d := range rep.Docs {
			if d.Status != app.StatusLoaded {
				t.Logf("%s: %s %v %s", filepath.Base(d.Path), d.Status, d.Quarantine, d.Reason)
			}
		}
		t.Fatalf("loaded %d of 200 documents", got)
	}
	wh, err := schema.Open(ctx, dbPath, schema.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer wh.Close()
	db := wh.DB()

	variants := map[string]bool{}
	for _, d := range m.Documents {
		k := d.Kind + " "
		variants[k+"unit="+d.Unit] = true
		variants[k+"encoding="+d.Encoding] = true
		variants[k+"line_end="+d.LineEnd] = true
		variants[k+"numbering="+d.Numbering] = true
		variants[k+fmt.Sprint("split=", d.SplitTables)] = true
		variants[k+fmt.Sprint("budget_columns=", d.FuncBudget != nil)] = true
		variants[k+fmt.Sprint("rounding=", d.RoundingClass != "")] = true
		checkDocument(t, db, d)
	}
	for _, k := range []string{"budget", "final_account"} {
		numbering := "yusuan"
		if k == "final_account" {
			numbering = "juesuan"
		}
		vs := []string{"unit=元", "unit=万元", "encoding=gbk", "encoding=utf-8", "line_end=crlf", "numbering=none", "numbering=chinese", "numbering=gongkai", "numbering=" + numbering, "split=true"}
		if k == "final_account" {
			vs = append(vs, "budget_columns=true", "budget_columns=false", "rounding=true")
		}
		for _, v := range vs {
			if !variants[k+" "+v] {
				t.Errorf("the 200-document corpus lacks %s variant %s", k, v)
			}
		}
	}
}

func checkDocument(t *testing.T, db *sql.DB, d synth.DocTruth) {
	t.Helper()
	var docID, dept string
	var year int
	err := db.QueryRow(`SELECT doc_id, department, fiscal_year FROM documents WHERE status = 'loaded' AND source_path LIKE '%' || $1`, d.File).Scan(&docID, &dept, &year)
	if err != nil {
		t.Errorf("%s: not in documents: %v", d.File, err)
		return
	}
	if dept != d.Department || year != d.FiscalYear {
		t.Errorf("%s: identity %s %d, want %s %d", d.File, dept, year, d.Department, d.FiscalYear)
	}
	var kind string
	if err := db.QueryRow(`SELECT kind FROM documents WHERE doc_id = $1`, docID).Scan(&kind); err != nil || kind != d.Kind {
		t.Errorf("%s: kind %q (%v), want %s", d.File, kind, err, d.Kind)
	}
	// totals: every table that states a key (a final account: the summary
	// table) must state the manifest figure, under the document's headline
	// measure (total for a budget, final_account for a final account)
	for key, want := range d.Totals {
		got := strings1(t, db, `SELECT DISTINCT CAST(amount_yuan AS VARCHAR) FROM totals WHERE doc_id = $1 AND key = $2 AND measure = $3 AND ($4 = '' OR source_table = $4)`, docID, key, d.Measure, d.TotalsTable)
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: totals %s = %v, want %s", d.File, key, got, want)
		}
	}
	// a final account's 财政拨款收入支出决算总表: 决算数 on the income side,
	// 合计 on the expenditure side
	for key, want := range d.FiscalTotals {
		got := strings1(t, db, `SELECT DISTINCT CAST(amount_yuan AS VARCHAR) FROM totals WHERE doc_id = $1 AND key = $2 AND source_table = 'fiscal_summary' AND measure IN ('final_account', 'total')`, docID, key)
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: fiscal_summary totals %s = %v, want %s", d.File, key, got, want)
		}
	}
	for _, tp := range []struct {
		measure string
		items   map[string]string
	}{{d.Measure, d.ThreePublic}, {"budget", d.ThreePublicBudget}} {
		for item, want := range tp.items {
			if want == "0.00" {
				continue // blank cells print no amount
			}
			got := strings1(t, db, `SELECT DISTINCT CAST(amount_yuan AS VARCHAR) FROM three_public WHERE doc_id = $1 AND item = $2 AND measure = $3`, docID, item, tp.measure)
			if len(got) != 1 || got[0] != want {
				t.Errorf("%s: three_public %s/%s = %v, want %s", d.File, item, tp.measure, got, want)
			}
		}
	}
	for code, want := range d.FuncClasses {
		got := strings1(t, db, `SELECT CAST(amount_yuan AS VARCHAR) FROM func_amounts WHERE doc_id = $1 AND source_table = $2 AND code = $3 AND measure = 'total'`, docID, d.FuncTable, code)
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: %s table class %s = %v, want %s", d.File, d.FuncTable, code, got, want)
		}
	}
	for measure, classes := range d.FuncBudget {
		for code, want := range classes {
			got := strings1(t, db, `SELECT CAST(amount_yuan AS VARCHAR) FROM func_amounts WHERE doc_id = $1 AND source_table = $2 AND code = $3 AND measure = $4`, docID, d.FuncTable, code, measure)
			if len(got) != 1 || got[0] != want {
				t.Errorf("%s: %s table class %s %s = %v, want %s", d.File, d.FuncTable, code, measure, got, want)
			}
		}
	}
	for measure, want := range d.Econ {
		// a budget's 合计 row (key table_total) per column; a final
		// account's 人员经费合计 / 公用经费合计 rows (keys personnel, public)
		q := `SELECT DISTINCT CAST(amount_yuan AS VARCHAR) FROM totals WHERE doc_id = $1 AND key = 'table_total' AND source_table = 'basic_econ' AND measure = $2`
		if d.Kind == "final_account" {
			q = `SELECT DISTINCT CAST(amount_yuan AS VARCHAR) FROM totals WHERE doc_id = $1 AND key = $2 AND source_table = 'basic_econ' AND measure = 'total'`
		}
		got := strings1(t, db, q, docID, measure)
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: econ %s = %v, want %s", d.File, measure, got, want)
		}
	}
	var want []string
	for _, p := range d.Projects {
		form := "no form"
		if p.HasForm {
			form = "annual " + p.AnnualYuan + " period " + p.PeriodYuan
		}
		want = append(want, p.Name+" "+p.AmountYuan+" "+form)
	}
	got := strings1(t, db, `SELECT project || ' ' || CAST(amount_yuan AS VARCHAR) || ' ' || CASE WHEN has_performance_form THEN 'annual ' || CAST(annual_total_yuan AS VARCHAR) || ' period ' || CAST(period_total_yuan AS VARCHAR) ELSE 'no form' END FROM projects WHERE doc_id = $1`, docID)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s: projects\n got %v\nwant %v", d.File, got, want)
	}
	for fact, want := range d.Narrative {
		got := strings1(t, db, `SELECT DISTINCT CAST(value AS VARCHAR) FROM narrative_facts WHERE doc_id = $1 AND fact = $2`, docID, fact)
		if len(got) != 1 || !sameNumber(got[0], want) {
			t.Errorf("%s: narrative %s = %v, want %s", d.File, fact, got, want)
		}
	}
	// findings: injected defects by the right rule, nothing else at error
	errs := strings1(t, db, `SELECT rule FROM findings WHERE doc_id = $1 AND severity = 'error'`, docID)
	if len(d.Defects) == 0 {
		if len(errs) > 0 {
			t.Errorf("%s: clean document has error findings %v", d.File, errs)
		}
		return
	}
	for _, def := range d.Defects {
		exp := defectRules[def.Kind]
		found := strings1(t, db, `SELECT DISTINCT rule FROM findings WHERE doc_id = $1 AND severity = $2`, docID, exp.severity)
		if !anyIn(found, exp.rules) {
			t.Errorf("%s: defect %s (%s) not reported by %v; %s findings: %v", d.File, def.Kind, def.Detail, exp.rules, exp.severity, found)
		}
		for _, r := range errs {
			if !contains(defectRules[def.Kind].rules, r) {
				t.Errorf("%s: defect %s raised unrelated error %s", d.File, def.Kind, r)
			}
		}
	}
}

func sameNumber(a, b string) bool {
	trim := func(s string) string {
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		return s
	}
	return trim(a) == trim(b)
}

func anyIn(have, want []string) bool {
	for _, h := range have {
		if contains(want, h) {
			return true
		}
	}
	return false
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func strings1(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	sort.Strings(out)
	return out
}
