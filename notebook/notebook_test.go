package notebook_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/budgetwh/budgetwh/app"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/notebook"
	"github.com/budgetwh/budgetwh/schema"
)

var (
	whMu   sync.Mutex
	whOpen = map[string]*schema.Warehouse{}
	whRoot string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "budgetwh-notebook-")
	if err != nil {
		panic(err)
	}
	whRoot = dir
	code := m.Run()
	for _, w := range whOpen {
		w.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// warehouse builds (once) a read-only warehouse with the real pipeline:
// "text" = the Shanxi publication, "corpus" = it plus the real PDFs.
func warehouse(t *testing.T, mode string) *sql.DB {
	t.Helper()
	if mode == "corpus" && testing.Short() {
		t.Skip("corpus warehouse skipped in -short mode")
	}
	paths := []string{testutil.CorpusText(t)}
	if mode == "corpus" {
		paths = append(paths, filepath.Join(testutil.CorpusDir(t), "real"))
	}
	whMu.Lock()
	defer whMu.Unlock()
	if w, ok := whOpen[mode]; ok {
		return w.DB()
	}
	ctx := context.Background()
	path := filepath.Join(whRoot, mode+".duckdb")
	if _, err := app.Ingest(ctx, app.IngestOptions{DB: path, Workers: 2}, paths); err != nil && !errors.Is(err, app.ErrSomeFailed) {
		t.Fatalf("build %s warehouse: %v", mode, err)
	}
	w, err := schema.Open(ctx, path, schema.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	whOpen[mode] = w
	return w.DB()
}

var (
	svgRe    = regexp.MustCompile(`(?s)<svg [^>]*class="chart chart-(\w+)".*?</svg>`)
	pointRe  = regexp.MustCompile(`<(circle|rect) class="(pt|bar)"[^>]*data-y="(-?[0-9.e+-]+)"`)
	sectRe   = regexp.MustCompile(`(?s)<section class="cell" data-line="(\d+)">(.*?)</section>`)
	outputRe = regexp.MustCompile(`<table class="result">`)
	seriesRe = regexp.MustCompile(`<circle class="pt"[^>]*data-series="([^"]*)"`)
)

// TestRender_Notebooks renders each shipped notebook against the test
// warehouses: every cell produces output (no error, a result table with
// rows), every chart has data points, and the page needs no network.
func TestRender_Notebooks(t *testing.T) {
	all, err := filepath.Glob(filepath.Join("..", "notebooks", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range all {
		if filepath.Base(f) != "README.md" {
			files = append(files, f)
		}
	}
	if len(files) < 3 {
		t.Fatalf("found %d notebooks, want 3", len(files))
	}
	for _, mode := range []string{"text", "corpus"} {
		t.Run(mode, func(t *testing.T) {
			db := warehouse(t, mode)
			for _, f := range files {
				t.Run(filepath.Base(f), func(t *testing.T) {
					src, err := os.ReadFile(f)
					if err != nil {
						t.Fatal(err)
					}
					nb, err := notebook.Parse(filepath.Base(f), src)
					if err != nil {
						t.Fatal(err)
					}
					var out bytes.Buffer
					rep, err := notebook.Render(context.Background(), db, nb, &out, notebook.Options{})
					if err != nil {
						t.Fatal(err)
					}
					page := out.String()
					sql := 0
					for _, c := range nb.Cells {
						if c.Kind == "sql" {
							sql++
						}
					}
					if len(rep.Cells) != sql || sql == 0 {
						t.Fatalf("report has %d cells, notebook %d sql cells", len(rep.Cells), sql)
					}
					for _, c := range rep.Cells {
						if c.Err != nil || c.Rows == 0 {
							t.Errorf("cell at line %d: %d rows, error %v", c.Line, c.Rows, c.Err)
						}
					}
					// The HTML itself: one output table per cell, charts with points.
					sects := sectRe.FindAllStringSubmatch(page, -1)
					if len(sects) != sql {
						t.Errorf("page has %d cell sections, want %d", len(sects), sql)
					}
					for _, s := range sects {
						if !outputRe.MatchString(s[2]) || strings.Contains(s[2], `class="error"`) {
							t.Errorf("cell at line %s has no result table or shows an error", s[1])
						}
					}
					charts := svgRe.FindAllStringSubmatch(page, -1)
					wantCharts := 0
					for _, c := range nb.Cells {
						if c.Chart != nil {
							wantCharts++
						}
					}
					if len(charts) != wantCharts {
						t.Errorf("page has %d charts, notebook asks for %d", len(charts), wantCharts)
					}
					for i, c := range charts {
						pts := pointRe.FindAllStringSubmatch(c[0], -1)
						if len(pts) == 0 {
							t.Errorf("chart %d (%s) has no data points", i+1, c[1])
						}
						nonzero := false
						for _, p := range pts {
							if p[3] != "0" {
								nonzero = true
							}
						}
						if !nonzero {
							t.Errorf("chart %d (%s): every point is 0", i+1, c[1])
						}
						// On the corpus a trend line joins two years of one department
						// (through department_id): some series has two points or more.
						if mode == "corpus" && c[1] == "line" {
							perSeries := map[string]int{}
							for _, m := range seriesRe.FindAllStringSubmatch(c[0], -1) {
								perSeries[m[1]]++
							}
							longest := 0
							for _, n := range perSeries {
								longest = max(longest, n)
							}
							if longest < 2 {
								t.Errorf("line chart %d: no series spans two years (%v)", i+1, perSeries)
							}
						}
					}
					checkSelfContained(t, page)
				})
			}
		})
	}
}

// checkSelfContained fails on anything a browser would fetch.
func checkSelfContained(t *testing.T, page string) {
	t.Helper()
	noNS := strings.ReplaceAll(page, `xmlns="http://www.w3.org/2000/svg"`, "")
	for _, bad := range []string{"http://", "https://", "src=", "href=", "url(", "<script", "@import"} {
		if strings.Contains(noNS, bad) {
			t.Errorf("page contains %q: not self-contained", bad)
		}
	}
}

func TestParse(t *testing.T) {
	src := "# Title\n\nSome *prose* with `code`.\n\n```sql chart=line x=year y=v series=d title=\"A b\"\nSELECT 1 AS year, 2 AS v, 'x' AS d\n```\n\n```go\nnot sql\n```\n\n```sql\nSELECT 2\n```\n"
	nb, err := notebook.Parse("n.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if nb.Title != "Title" {
		t.Errorf("title %q", nb.Title)
	}
	var kinds []string
	for _, c := range nb.Cells {
		kinds = append(kinds, c.Kind)
	}
	if got := strings.Join(kinds, ","); got != "markdown,sql,markdown,sql" {
		t.Fatalf("cells = %s", got)
	}
	c := nb.Cells[1]
	if c.Line != 5 || c.Chart == nil || c.Chart.Kind != "line" || c.Chart.X != "year" || c.Chart.Y != "v" || c.Chart.Series != "d" || c.Chart.Title != "A b" {
		t.Errorf("sql cell = %+v chart %+v", c, c.Chart)
	}
	if nb.Cells[3].Chart != nil {
		t.Errorf("plain sql cell has a chart")
	}

	nb, err = notebook.Parse("q.md", []byte("```sql query=project_concentration param.top_n=3 param.fiscal_year=\"2024\" chart=bar x=department y=top_n_share_pct\n```\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c := nb.Cells[0]; c.Query != "project_concentration" || c.Params["top_n"] != "3" || c.Params["fiscal_year"] != "2024" || c.Text != "" || c.Chart == nil || c.Chart.Kind != "bar" {
		t.Errorf("query cell = %+v", c)
	}

	bad := []struct{ name, src, pos string }{
		{"unclosed", "x\n```sql\nSELECT 1\n", "n.md:2:"},
		{"empty", "```sql\n```\n", "n.md:1:"},
		{"unknown chart", "```sql chart=pie x=a y=b\nSELECT 1\n```\n", "n.md:1:"},
		{"line without y", "\n```sql chart=line x=a\nSELECT 1\n```\n", "n.md:2:"},
		{"unknown key", "```sql chart=bar x=a y=b colour=red\nSELECT 1\n```\n", "n.md:1:"},
		{"bad bins", "```sql chart=hist x=a bins=0\nSELECT 1\n```\n", "n.md:1:"},
		{"no chart kind", "```sql x=a\nSELECT 1\n```\n", "n.md:1:"},
		{"query and sql", "```sql query=a\nSELECT 1\n```\n", "n.md:1:"},
		{"param without query", "```sql param.x=1\nSELECT 1\n```\n", "n.md:1:"},
		{"param twice", "```sql query=a param.x=1 param.x=2\n```\n", "n.md:1:"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := notebook.Parse("n.md", []byte(tt.src))
			if !errors.Is(err, notebook.ErrBadCell) || !strings.HasPrefix(err.Error(), tt.pos) {
				t.Errorf("Parse error = %v, want ErrBadCell at %s", err, tt.pos)
			}
		})
	}
}

// TestRender_QueryCells runs library queries from cells: parameters are
// passed, and a bad parameter or unknown query fails that cell only.
func TestRender_QueryCells(t *testing.T) {
	db := warehouse(t, "text")
	src := "# Q\n\n```sql query=project_concentration param.top_n=3 chart=bar x=department y=top_n_yuan\n```\n\n" +
		"```sql query=project_concentration param.top_n=x\n```\n\n```sql query=no_such_query\n```\n"
	nb, err := notebook.Parse("q.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep, err := notebook.Render(context.Background(), db, nb, &out, notebook.Options{})
	if !errors.Is(err, notebook.ErrCellsFailed) || !strings.Contains(err.Error(), "q.md:6, q.md:9") {
		t.Fatalf("Render error = %v, want cells q.md:6 and q.md:9 failed", err)
	}
	// top 3 projects of the Shanxi 2024 budget: 340 + 100 + 100 万元.
	if rep.Cells[0].Err != nil || rep.Cells[0].Points != 1 || !strings.Contains(out.String(), `data-y="5.4e+06"`) && !strings.Contains(out.String(), `data-y="5400000"`) {
		t.Errorf("cell 1 = %+v", rep.Cells[0])
	}
	if !strings.Contains(out.String(), "query project_concentration (top_n=3)") {
		t.Errorf("page does not name the library query and its parameters")
	}
}

// TestRender_Golden renders a small notebook over literal SQL (no
// warehouse data) and compares the page with a golden file: escaping of
// hostile values, all three chart kinds, NULLs, a failing cell.
func TestRender_Golden(t *testing.T) {
	src := `# Golden <notebook>

Prose with <b>tags</b> & **bold**, a [link](https://example.com) and a list:

- one
- two

| a | b |
|---|---|
| 1 | <i>2</i> |

` + "```sql chart=line x=year y=amount series=who title=\"<script>alert(1)</script>\"\n" +
		"SELECT * FROM (VALUES (2017, 1.50::DECIMAL(20,2), 'a<b'), (2018, 2.25, 'a<b'), (2017, 3, '\"q\"'), (2018, NULL, '\"q\"')) t(year, amount, who)\n```\n\n" +
		"```sql chart=bar x=label y=v\nSELECT * FROM (VALUES ('x&y', 10), ('</svg>', -5)) t(label, v)\n```\n\n" +
		"```sql chart=hist x=v bins=3\nSELECT * FROM range(10) t(v)\n```\n\n" +
		"```sql\nSELECT no_such_column FROM (SELECT 1)\n```\n"
	nb, err := notebook.Parse("golden.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out bytes.Buffer
	fixed := func() time.Time { return time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC) }
	rep, err := notebook.Render(context.Background(), db, nb, &out, notebook.Options{Now: fixed})
	if !errors.Is(err, notebook.ErrCellsFailed) || !strings.Contains(err.Error(), "golden.md:24") {
		t.Errorf("Render error = %v, want ErrCellsFailed naming golden.md:24", err)
	}
	if len(rep.Cells) != 4 || rep.Cells[0].Points != 3 || rep.Cells[1].Points != 2 || rep.Cells[2].Points != 10 {
		t.Errorf("report = %+v", rep.Cells)
	}
	page := out.String()
	for _, bad := range []string{"<script>", "<b>tags", "<i>2</i>", "a<b", "'</svg>'"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains unescaped %q", bad)
		}
	}
	checkSelfContained(t, page)
	testutil.Golden(t, filepath.Join("testdata", "golden.html"), out.Bytes())
}

// FuzzParse: Parse never panics; a notebook it accepts has only
// non-empty SQL cells whose charts name their columns.
func FuzzParse(f *testing.F) {
	f.Add("# T\n\n```sql chart=line x=a y=b\nSELECT 1\n```\n")
	f.Add("```sql chart=hist x=a bins=3 title=\"x y\"\nSELECT 1\n```")
	f.Add("```go\n```sql\n```\n")
	f.Add("```sql title=\"unterminated\nSELECT 1\n```")
	f.Fuzz(func(t *testing.T, src string) {
		nb, err := notebook.Parse("f.md", []byte(src))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.md") {
				t.Errorf("error without position: %v", err)
			}
			return
		}
		for _, c := range nb.Cells {
			if c.Kind == "sql" && strings.TrimSpace(c.Text) == "" {
				t.Errorf("empty sql cell accepted")
			}
			if c.Chart != nil && c.Chart.X == "" {
				t.Errorf("chart without x accepted: %+v", c.Chart)
			}
		}
	})
}
