package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/identity"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema"
)

// departmentsWarehouse writes documents with the real corpus's department
// wordings into a warehouse file and returns its path.
func departmentsWarehouse(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := schema.Open(ctx, path, schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := identity.DefaultAliases()
	if err != nil {
		t.Fatal(err)
	}
	docs := []model.Identity{
		{DocID: "js3", Department: "中国共产党江苏省委员会办公厅", DepartmentNames: []string{"江苏省委办公厅"}, FiscalYear: 2017},
		{DocID: "js7", Department: "中共江苏省委办公厅", FiscalYear: 2018},
		{DocID: "js5", Department: "江苏省高级人民法院", FiscalYear: 2017},
		{DocID: "js6", Department: "江苏省高级人民法院", FiscalYear: 2018},
		{DocID: "sh11", Department: "上海市普陀区司法局", FiscalYear: 2026, Level: model.LevelDepartment},
		{DocID: "sh12", Department: "上海市普陀区司法局", FiscalYear: 2026, Level: model.LevelUnit},
		{DocID: "sh15", Department: "上海市 XX 局", FiscalYear: 2024},
		{DocID: "sx1", Department: "侯马经济开发区管理委员会经济科技发展部", DepartmentNames: []string{"侯马经济开发区经济科技发展部"},
			DepartmentCode: "604", Region: "侯马经济开发区", FiscalYear: 2024},
	}
	for _, id := range docs {
		id.Kind = model.KindBudget
		identity.Assign(&id, a)
		if _, err := w.Write(ctx, &model.Disclosure{Identity: id}); err != nil {
			t.Fatal(err)
		}
	}
	// A quarantined document (a review checklist) of the justice bureau.
	q := model.Identity{DocID: "sh11x", Department: "上海市普陀区司法局", FiscalYear: 2026, Kind: model.KindBudget}
	identity.Assign(&q, a)
	if _, err := w.Write(ctx, &model.Disclosure{Identity: q, Quarantine: []string{"no expenditure table"}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDepartmentsCmd(t *testing.T) {
	db := departmentsWarehouse(t)
	userAliases := filepath.Join(t.TempDir(), "aliases.csv")
	if err := os.WriteFile(userAliases, []byte("action,name_or_key,target,reason\nmerge,江苏省高级人民法院,中共江苏省委办公厅,test\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badAliases := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(badAliases, []byte("action,name_or_key,target,reason\njoin,a,b,c\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		golden   string
		contains string
	}{
		{"table", []string{"departments"}, ExitOK, "testdata/departments_table.golden", ""},
		{"csv", []string{"departments", "--format", "csv"}, ExitOK, "testdata/departments_csv.golden", ""},
		{"json", []string{"departments", "--format", "json"}, ExitOK, "", `"department_id": "d_cf69b5c837c40b1b"`},
		{"user aliases make ids stale", []string{"departments", "--aliases", userAliases}, ExitOK, "", "identity.stale"},
		{"bad format", []string{"departments", "--format", "xml"}, ExitUsage, "", ""},
		{"bad alias file", []string{"departments", "--aliases", badAliases}, ExitUsage, "", ""},
		{"missing alias file", []string{"departments", "--aliases", filepath.Join(t.TempDir(), "none.csv")}, ExitUsage, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errw bytes.Buffer
			code := Main(context.Background(), append(tt.args, "--db", db), strings.NewReader(""), &out, &errw)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, errw.String())
			}
			if tt.golden != "" {
				testutil.Golden(t, tt.golden, out.Bytes())
			}
			if tt.contains != "" && !strings.Contains(out.String(), tt.contains) {
				t.Errorf("output lacks %q:\n%s", tt.contains, out.String())
			}
		})
	}
}

func TestDepartmentsCmd_jsonShape(t *testing.T) {
	db := departmentsWarehouse(t)
	var out, errw bytes.Buffer
	if code := Main(context.Background(), []string{"departments", "--format", "json", "--db", db}, strings.NewReader(""), &out, &errw); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errw.String())
	}
	var l struct {
		Departments []struct {
			ID       string   `json:"department_id"`
			Evidence []string `json:"evidence"`
			Names    []struct {
				Name  string `json:"name"`
				Years []int  `json:"years"`
			} `json:"names"`
		} `json:"departments"`
		Findings []struct {
			Rule string `json:"rule"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Departments) != 5 {
		t.Errorf("got %d departments, want 5 (party office, court, justice bureau, Houma, placeholder)", len(l.Departments))
	}
	for _, d := range l.Departments {
		if len(d.Evidence) == 0 || len(d.Names) == 0 {
			t.Errorf("%s: no evidence or names", d.ID)
		}
	}
	if len(l.Findings) != 0 {
		t.Errorf("unexpected findings %+v", l.Findings)
	}
}

// TestDepartmentsCmd_realCorpus ingests the whole development corpus (the
// real PDFs and the Shanxi text) with the ingest verb and checks that the
// departments verb lists exactly one identity per real department plus the
// blank template's placeholder, each with evidence, and no ambiguity.
// Slow (PDF reading): skipped with -short.
func TestDepartmentsCmd_realCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests every corpus PDF")
	}
	dir := testutil.CorpusDir(t)
	db := filepath.Join(t.TempDir(), "corpus.duckdb")
	var out, errw bytes.Buffer
	if code := Main(context.Background(), []string{"--db", db, "-q", "ingest", filepath.Join(dir, "real"), testutil.CorpusText(t)},
		strings.NewReader(""), &out, &errw); code != ExitOK {
		t.Fatalf("ingest exit %d\n%s\n%s", code, out.String(), errw.String())
	}
	out.Reset()
	if code := Main(context.Background(), []string{"--db", db, "departments", "--format", "json"}, strings.NewReader(""), &out, &errw); code != ExitOK {
		t.Fatalf("departments exit %d: %s", code, errw.String())
	}
	var l struct {
		Departments []struct {
			ID        string   `json:"department_id"`
			Name      string   `json:"canonical_name"`
			Evidence  []string `json:"evidence"`
			Documents []struct {
				Status string `json:"status"`
			} `json:"documents"`
		} `json:"departments"`
		Findings []struct {
			Rule    string `json:"rule"`
			Message string `json:"message"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &l); err != nil {
		t.Fatal(err)
	}
	// The real departments (shared/corpus/real/README.md and the text
	// publication) by normalised name, with their document count.
	want := map[string]int{
		"江苏省人大常委会办公厅":          1,
		"江苏省人民检察院":             1,
		"中共江苏省委办公厅":            2, // 2017 and 2018, three wordings
		"江苏省政协办公厅":             1,
		"江苏省高级人民法院":            2, // 2017 and 2018
		"上海市普陀区万里街道办事处":        1,
		"上海市普陀区财政局":            2, // the good copy and the copy with inserted defects
		"上海市普陀区司法局":            4, // 部门 and 单位 budgets, and their two review checklists
		"上海市普陀区人民政府办公室":        2, // 部门 and 单位 budgets
		"侯马经济开发区经济科技发展部":       1,
		"placeholder (上海市XX局)": 1,
	}
	got := map[string]int{}
	for _, d := range l.Departments {
		key := identity.Normalize(d.Name)
		if identity.IsPlaceholder(d.Name) {
			key = "placeholder (上海市XX局)"
		}
		if _, dup := got[key]; dup {
			t.Errorf("%s listed twice", key)
		}
		got[key] = len(d.Documents)
		if len(d.Evidence) == 0 {
			t.Errorf("%s (%s): no evidence", d.Name, d.ID)
		}
	}
	if len(l.Departments) != len(want) {
		t.Errorf("departments lists %d identities, want %d", len(l.Departments), len(want))
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d documents, want %d", k, got[k], n)
		}
	}
	for _, f := range l.Findings {
		t.Errorf("unexpected finding %s: %s", f.Rule, f.Message)
	}
	if t.Failed() {
		t.Logf("departments output:\n%s", out.String())
	}
}
