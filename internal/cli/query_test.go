package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/internal/testutil"
)

// TestQueryAndNotebookVerbs drives query list/show/run and notebook render
// through Main on a warehouse ingested from the Shanxi text publication.
func TestQueryAndNotebookVerbs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	if code, out, errOut := run(t, "ingest", "--db", db, testutil.CorpusText(t)); code != ExitOK {
		t.Fatalf("ingest exit %d\n%s\n%s", code, out, errOut)
	}

	code, out, _ := run(t, "query", "list")
	if code != ExitOK || !strings.Contains(out, "three_public_trend\n    ") || !strings.Contains(out, "params: top_n int (default 5)") {
		t.Errorf("query list exit %d:\n%s", code, out)
	}
	code, out, _ = run(t, "query", "show", "project_concentration")
	if code != ExitOK || !strings.Contains(out, "name:        project_concentration") || !strings.Contains(out, "$top_n") {
		t.Errorf("query show exit %d:\n%s", code, out)
	}
	if code, _, errOut := run(t, "query", "show", "nope"); code != ExitUsage || !strings.Contains(errOut, "unknown query") {
		t.Errorf("query show nope: exit %d, %q", code, errOut)
	}

	// 三公 total of the Shanxi 2024 budget: table 10 合计 2.98万元.
	code, out, errOut := run(t, "query", "run", "three_public_trend", "--db", db, "--format", "csv")
	if code != ExitOK || !strings.Contains(out, ",2024,total,29800.00,40800.00,-11000.00,-26.96,prose,-11000.00\n") {
		t.Errorf("query run exit %d:\n%s\n%s", code, out, errOut)
	}
	// top 3 projects: 340 + 100 + 100 万元.
	code, out, _ = run(t, "query", "run", "project_concentration", "--db", db, "--param", "top_n=3", "--format", "json")
	if code != ExitOK || !strings.Contains(out, `"top_n_yuan": 5400000.00`) {
		t.Errorf("query run --param exit %d:\n%s", code, out)
	}
	// Bad or unknown parameters are usage errors, detected before the warehouse opens.
	for _, p := range []string{"top_n=3; DROP VIEW projects", "nope=1", "top_n"} {
		if code, _, errOut := run(t, "query", "run", "project_concentration", "--db", db, "--param", p); code != ExitUsage {
			t.Errorf("--param %q: exit %d, %q", p, code, errOut)
		}
	}
	if code, _, _ := run(t, "query", "run", "project_concentration", "--db", db, "--format", "xml"); code != ExitUsage {
		t.Errorf("--format xml: exit %d", code)
	}
	// Parquet to a file.
	pq := filepath.Join(dir, "out.parquet")
	if code, _, errOut := run(t, "query", "run", "multi_year_projects", "--db", db, "--format", "parquet", "--out", pq); code != ExitOK {
		t.Fatalf("parquet exit %d: %s", code, errOut)
	}
	code, out, errOut = run(t, "sql", "--db", db, "--format", "csv", "SELECT typeof(remaining_yuan) AS t, CAST(max(remaining_yuan) AS VARCHAR) AS m FROM read_parquet('"+pq+"') GROUP BY 1")
	// 数字双创: 实施期 2,897,900 − 年度 1,000,000.
	if code != ExitOK || out != "t,m\n\"DECIMAL(20,2)\",1897900.00\n" {
		t.Errorf("read back parquet: exit %d %q %q", code, out, errOut)
	}
	// A team's own query directory.
	qdir := filepath.Join(dir, "team")
	if err := os.MkdirAll(qdir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(qdir, "n.sql"), []byte("-- name: team_docs\n-- description: Count documents.\nSELECT count(*) AS n FROM documents;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run(t, "query", "run", "team_docs", "--queries", qdir, "--db", db, "--format", "csv")
	if code != ExitOK || out != "n\n1\n" {
		t.Errorf("team query exit %d: %q", code, out)
	}

	// notebook render: every shipped notebook renders without failed cells.
	all, err := filepath.Glob(filepath.Join("..", "..", "notebooks", "*.md"))
	var nbs []string
	for _, f := range all {
		if filepath.Base(f) != "README.md" {
			nbs = append(nbs, f)
		}
	}
	if err != nil || len(nbs) < 3 {
		t.Fatalf("notebooks: %v %v", nbs, err)
	}
	for _, nb := range nbs {
		html := filepath.Join(dir, filepath.Base(nb)+".html")
		code, _, errOut := run(t, "notebook", "render", nb, "--db", db, "--out", html)
		if code != ExitOK {
			t.Errorf("notebook render %s: exit %d %s", nb, code, errOut)
			continue
		}
		b, err := os.ReadFile(html)
		if err != nil || !strings.Contains(string(b), `class="chart chart-`) {
			t.Errorf("%s: no chart in %s (%v)", nb, html, err)
		}
	}
	if code, _, _ := run(t, "notebook", "render", nbs[0], "--db", db); code != ExitUsage {
		t.Errorf("notebook render without --out: exit %d", code)
	}
	bad := filepath.Join(dir, "bad.md")
	if err := os.WriteFile(bad, []byte("# Bad\n\n```sql\nSELECT nope FROM documents\n```\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = run(t, "notebook", "render", bad, "--db", db, "--out", filepath.Join(dir, "bad.html"))
	if code != ExitFailed || !strings.Contains(errOut, "bad.md:3") {
		t.Errorf("failing cell: exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.html")); err != nil {
		t.Errorf("page with a failing cell not written: %v", err)
	}
}
