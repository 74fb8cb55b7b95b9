package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// fakeInterpret reads a toy dialect: "# DEPT YEAR" heading, then rows
// "key<TAB>amount" (万元) that become totals, "!rule<TAB>severity" rows
// that become findings, and "panic" / "quarantine" / "huge" paragraphs.
func fakeInterpret(_ context.Context, d *doc.Document) *model.Disclosure {
	out := &model.Disclosure{Identity: model.Identity{Kind: model.KindBudget, Level: model.LevelDepartment, TableUnit: "万元"}}
	for _, b := range d.Blocks {
		switch b.Kind {
		case doc.Heading:
			var year int
			fmt.Sscanf(b.Text[strings.LastIndex(b.Text, " ")+1:], "%d", &year)
			out.Identity.Department = strings.Fields(b.Text)[0]
			out.Identity.FiscalYear = year
		case doc.Paragraph:
			switch strings.TrimSpace(b.Text) {
			case "panic":
				panic("interpreter bug")
			case "quarantine":
				out.Quarantine = append(out.Quarantine, "no expenditure summary")
			case "huge":
				out.Totals = append(out.Totals, model.Total{Key: "huge", Measure: "total", Amount: decimal.RequireFromString("1e30"), SourceRef: b.Ref.String()})
			}
		case doc.Table:
			for _, r := range b.Rows {
				c := r.Texts()
				if strings.HasPrefix(c[0], "!") {
					out.Findings = append(out.Findings, model.Finding{Rule: c[0][1:], Severity: c[1], Message: "fake", SourceRef: r.Ref.String()})
					continue
				}
				a := decimal.RequireFromString(c[1]).Mul(decimal.NewFromInt(10000))
				out.Totals = append(out.Totals, model.Total{Key: c[0], Measure: "total", Amount: a, SourceRef: r.Ref.String()})
			}
		}
	}
	return out
}

var fakePipeline = &Pipeline{Interpret: fakeInterpret}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func openDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	w, err := schema.Open(context.Background(), path, schema.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w.DB()
}

func rowsOf(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = v.String
			if !v.Valid {
				parts[i] = "NULL"
			}
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}

func statuses(rep IngestReport, root string) []string {
	var out []string
	for _, d := range rep.Docs {
		rel, _ := filepath.Rel(root, d.Path)
		out = append(out, d.Status+" "+filepath.ToSlash(rel))
	}
	return out
}

func TestIngest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	write(t, src, "a.txt", "# 甲 2024\nincome_total\t1146.30\nbasic\t438.50\n")
	write(t, src, "b.txt", "# 乙 2024\nincome_total\t1\n!x.rule\terror\n")
	write(t, src, "c.txt", "# 丙 2024\nquarantine\n")
	write(t, src, "d.txt", "# 丁 2024\n\nhuge\n")
	write(t, src, "e.txt", "# 戊 2024\npanic\n")
	write(t, src, "f.docx", "not a publication")
	write(t, src, "g.part1.txt", "# 己 2023\n")
	write(t, src, "g.part2.txt", "income_total\t2\n")
	db := filepath.Join(dir, "w.duckdb")
	var seen []string
	opts := IngestOptions{DB: db, Pipeline: fakePipeline, Workers: 3, OnDocument: func(r DocResult) { seen = append(seen, r.Status) }}
	rep, err := Ingest(ctx, opts, []string{src, filepath.Join(src, "f.docx")})
	if !errors.Is(err, ErrSomeFailed) {
		t.Fatalf("err = %v, want ErrSomeFailed", err)
	}
	want := []string{"loaded src/a.txt", "loaded src/b.txt", "quarantined src/c.txt", "failed src/d.txt", "failed src/e.txt", "failed src/f.docx", "loaded src/g.part1.txt"}
	if diff := cmp.Diff(want, statuses(rep, dir)); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if len(seen) != len(want) {
		t.Errorf("OnDocument called %d times, want %d", len(seen), len(want))
	}
	reasons := map[string]string{}
	for _, d := range rep.Docs {
		reasons[filepath.Base(d.Path)] = d.Reason
	}
	for name, want := range map[string]string{
		"d.txt":  filepath.Join(src, "d.txt") + ":3: total huge: amount out of range",
		"e.txt":  "internal error: interpreter bug",
		"f.docx": "unsupported format",
	} {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("reason of %s = %q, want it to contain %q", name, reasons[name], want)
		}
	}
	if a := rep.Docs[0]; a.Facts != 2 || a.Department != "甲" || a.FiscalYear != 2024 || a.Findings[model.SeverityError] != 0 {
		t.Errorf("a.txt result = %+v", a)
	}
	if b := rep.Docs[1]; b.Findings[model.SeverityError] != 1 {
		t.Errorf("b.txt findings = %v, want 1 error", b.Findings)
	}
	r := openDB(t, db)
	if diff := cmp.Diff([]string{
		"甲|income_total|11463000.00|line 2",
		"甲|basic|4385000.00|line 3",
		"乙|income_total|10000.00|line 2",
		"己|income_total|20000.00|g.part2.txt: line 1",
	}, rowsOf(t, r, "SELECT department, key, amount_yuan::VARCHAR, source_ref FROM totals ORDER BY department = '己', department = '乙', key DESC")); diff != "" {
		t.Errorf("totals (-want +got):\n%s", diff)
	}
	// Failed documents leave nothing.
	if got := rowsOf(t, r, "SELECT count(*) FROM documents WHERE department IN ('丁', '戊')"); got[0] != "0" {
		t.Errorf("failed documents stored: %v", got)
	}
}

func TestIngest_reingest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write(t, dir, "src/a.txt", "# 甲 2024\nincome_total\t1146.30\n")
	write(t, dir, "src/b.txt", "# 乙 2024\nincome_total\t1\n")
	db := filepath.Join(dir, "w.duckdb")
	opts := IngestOptions{DB: db, Pipeline: fakePipeline}
	if _, err := Ingest(ctx, opts, []string{filepath.Join(dir, "src")}); err != nil {
		t.Fatal(err)
	}
	count := func() []string {
		w, err := schema.Open(ctx, db, schema.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		return rowsOf(t, w.DB(), "SELECT (SELECT count(*) FROM core.documents), (SELECT count(*) FROM core.totals), (SELECT count(*) FROM core.findings)")
	}
	before := count()
	rep, err := Ingest(ctx, opts, []string{filepath.Join(dir, "src")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"unchanged src/a.txt", "unchanged src/b.txt"}, statuses(rep, dir)); diff != "" {
		t.Errorf("second run (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, count()); diff != "" {
		t.Errorf("re-ingest changed row counts (-before +after):\n%s", diff)
	}
	// A changed version supersedes the loaded one.
	write(t, dir, "src/a.txt", "# 甲 2024\nincome_total\t1200\n")
	rep, err = Ingest(ctx, opts, []string{filepath.Join(dir, "src", "a.txt")})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Docs) != 1 || rep.Docs[0].Status != StatusLoaded || len(rep.Docs[0].Supersedes) != 1 {
		t.Fatalf("changed version: %+v", rep.Docs)
	}
	w, err := schema.Open(ctx, db, schema.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if diff := cmp.Diff([]string{"甲|12000000.00", "乙|10000.00"}, rowsOf(t, w.DB(), "SELECT department, amount_yuan::VARCHAR FROM totals ORDER BY department DESC")); diff != "" {
		t.Errorf("totals after supersede (-want +got):\n%s", diff)
	}
}

func TestIngest_strict(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write(t, dir, "b.txt", "# 乙 2024\nincome_total\t1\n!x.rule\terror\n")
	write(t, dir, "c.txt", "# 丙 2024\nincome_total\t1\n!y.rule\twarning\n")
	rep, err := Ingest(ctx, IngestOptions{DB: filepath.Join(dir, "w.duckdb"), Pipeline: fakePipeline, Strict: true}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"quarantined b.txt", "loaded c.txt"}, statuses(rep, dir)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if q := rep.Docs[0].Quarantine; len(q) != 1 || !strings.HasPrefix(q[0], "strict:") {
		t.Errorf("quarantine reasons = %v", q)
	}
}

func TestIngest_cancel(t *testing.T) {
	dir := t.TempDir()
	for i := range 6 {
		write(t, dir, fmt.Sprintf("src/%d.txt", i), fmt.Sprintf("# D%d 2024\nincome_total\t%d\n", i, i+1))
	}
	db := filepath.Join(dir, "w.duckdb")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var n atomic.Int32
	opts := IngestOptions{DB: db, Pipeline: fakePipeline, Workers: 2, GroupDocs: 1, OnDocument: func(DocResult) {
		if n.Add(1) == 2 {
			cancel()
		}
	}}
	rep, err := Ingest(ctx, opts, []string{filepath.Join(dir, "src")})
	if !errors.Is(err, context.Canceled) || !rep.Canceled {
		t.Fatalf("err = %v, canceled = %v; want context.Canceled", err, rep.Canceled)
	}
	if len(rep.Docs) != 2 {
		t.Errorf("%d documents reported, want 2", len(rep.Docs))
	}
	w, err := schema.Open(context.Background(), db, schema.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	// Exactly the reported documents are stored, each whole.
	if diff := cmp.Diff([]string{"D0|1", "D1|1"}, rowsOf(t, w.DB(), "SELECT d.department, count(t.key) FROM documents d LEFT JOIN core.totals t USING (doc_id) GROUP BY ALL ORDER BY 1")); diff != "" {
		t.Errorf("stored after cancel (-want +got):\n%s", diff)
	}
	w.Close()
	// A rerun completes the batch.
	rep, err = Ingest(context.Background(), IngestOptions{DB: db, Pipeline: fakePipeline}, []string{filepath.Join(dir, "src")})
	if err != nil || rep.Count(StatusLoaded) != 4 || rep.Count(StatusUnchanged) != 2 {
		t.Errorf("rerun: err %v, %v", err, statuses(rep, dir))
	}
}

func TestIngest_order(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 12 {
		write(t, dir, fmt.Sprintf("%02d.txt", i), fmt.Sprintf("# D%02d 2024\nincome_total\t%d\n", i, i))
		want = append(want, fmt.Sprintf("loaded %02d.txt", i))
	}
	// Early documents parse slowest, so workers finish out of order.
	slow := &Pipeline{Interpret: func(ctx context.Context, d *doc.Document) *model.Disclosure {
		var i int
		fmt.Sscanf(filepath.Base(d.Paths[0]), "%d", &i)
		time.Sleep(time.Duration(12-i) * 3 * time.Millisecond)
		return fakeInterpret(ctx, d)
	}}
	rep, err := Ingest(context.Background(), IngestOptions{DB: "", Pipeline: slow, Workers: 4}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, statuses(rep, dir)); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestIngest_noSources(t *testing.T) {
	if _, err := Ingest(context.Background(), IngestOptions{Pipeline: fakePipeline}, []string{t.TempDir()}); err == nil {
		t.Error("ingest of an empty folder succeeded, want an error")
	}
}

func TestSeverityCounts(t *testing.T) {
	tests := []struct {
		in   map[string]int
		want string
	}{
		{nil, "0"},
		{map[string]int{"info": 3, "error": 1, "warning": 2}, "1 error, 2 warning, 3 info"},
		{map[string]int{"odd": 1, "error": 1}, "1 error, 1 odd"},
	}
	for _, tt := range tests {
		if got := SeverityCounts(tt.in); got != tt.want {
			t.Errorf("SeverityCounts(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIngest_reparse(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write(t, dir, "src/a.txt", "# 甲 2024\nincome_total\t1146.30\n")
	db := filepath.Join(dir, "w.duckdb")
	if _, err := Ingest(ctx, IngestOptions{DB: db, Pipeline: fakePipeline}, []string{filepath.Join(dir, "src")}); err != nil {
		t.Fatal(err)
	}
	// A "newer parser" that also reads a basic total.
	newer := &Pipeline{Interpret: func(ctx context.Context, d *doc.Document) *model.Disclosure {
		out := fakeInterpret(ctx, d)
		out.Totals = append(out.Totals, model.Total{Key: "basic", Measure: "total", Amount: decimal.NewFromInt(7), SourceRef: "line 2"})
		return out
	}}
	rep, err := Ingest(ctx, IngestOptions{DB: db, Pipeline: newer}, []string{filepath.Join(dir, "src")})
	if err != nil || rep.Docs[0].Status != StatusUnchanged {
		t.Fatalf("without --reparse: %v %+v", err, rep.Docs)
	}
	rep, err = Ingest(ctx, IngestOptions{DB: db, Pipeline: newer, Reparse: true}, []string{filepath.Join(dir, "src")})
	if err != nil {
		t.Fatal(err)
	}
	if d := rep.Docs[0]; d.Status != StatusLoaded || !d.Replaced || d.Existing != StatusLoaded {
		t.Errorf("reparse result = %+v", d)
	}
	r := openDB(t, db)
	if diff := cmp.Diff([]string{"1|basic|7.00", "1|income_total|11463000.00"}, rowsOf(t, r, "SELECT (SELECT count(*) FROM documents), key, amount_yuan::VARCHAR FROM totals ORDER BY key")); diff != "" {
		t.Errorf("after reparse (-want +got):\n%s", diff)
	}
}

func TestIngest_corpusRules(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write(t, dir, "src/a.txt", "# 甲 2024\nincome_total\t1\n")
	write(t, dir, "src/b.txt", "# 乙 2024\nincome_total\t2\n")
	db := filepath.Join(dir, "w.duckdb")
	runs := 0
	p := &Pipeline{Interpret: fakeInterpret, Corpus: func(ctx context.Context, db *sql.DB) ([]schema.DocFinding, error) {
		runs++
		// One finding per loaded document, naming the run.
		rows, err := db.QueryContext(ctx, "SELECT doc_id FROM documents WHERE status = 'loaded' ORDER BY doc_id")
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []schema.DocFinding
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			out = append(out, schema.DocFinding{DocID: id, Finding: model.Finding{Rule: fmt.Sprintf("corpus.run%d", runs), Severity: model.SeverityWarning}})
		}
		return out, rows.Err()
	}}
	rep, err := Ingest(ctx, IngestOptions{DB: db, Pipeline: p}, []string{filepath.Join(dir, "src", "a.txt")})
	if err != nil || rep.CorpusFindings != 1 {
		t.Fatalf("first run: %v, corpus findings %d", err, rep.CorpusFindings)
	}
	rep, err = Ingest(ctx, IngestOptions{DB: db, Pipeline: p}, []string{filepath.Join(dir, "src")})
	if err != nil || rep.CorpusFindings != 2 {
		t.Fatalf("second run: %v, corpus findings %d", err, rep.CorpusFindings)
	}
	// Nothing written: the rules run again all the same (a run killed before
	// storing them converges on the next one) and replace the stored ones.
	rep, err = Ingest(ctx, IngestOptions{DB: db, Pipeline: p}, []string{filepath.Join(dir, "src")})
	if err != nil || rep.CorpusFindings != 2 || runs != 3 {
		t.Fatalf("third run: %v, corpus findings %d, runs %d", err, rep.CorpusFindings, runs)
	}
	r := openDB(t, db)
	if diff := cmp.Diff([]string{"甲|corpus.run3", "乙|corpus.run3"}, rowsOf(t, r, "SELECT department, rule FROM findings ORDER BY department DESC")); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
