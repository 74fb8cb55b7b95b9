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
