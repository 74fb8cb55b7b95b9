package e2e

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/budgetwh/budgetwh/schema"
)

// bin is the budgetwh binary built by TestMain; shared is a temp folder for
// fixtures built once per run (see smallCorpus).
var bin, shared string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "budgetwh-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: temp dir:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin = filepath.Join(dir, "budgetwh")
	shared = filepath.Join(dir, "shared")
	if err := os.Mkdir(shared, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	_, self, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(self), "..", "..")
	build := exec.Command("go", "build", "-o", bin, "./cmd/budgetwh")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: go build ./cmd/budgetwh: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// result is one finished CLI run.
type result struct {
	Code    int
	Stdout  string
	Stderr  string
	Elapsed time.Duration
	MaxRSS  int64         // peak resident set size in bytes
	CPU     time.Duration // user + system CPU time
}

func (r result) String() string {
	return fmt.Sprintf("exit %d after %s (CPU %s, peak RSS %d MiB)\nstdout:\n%s\nstderr:\n%s", r.Code, r.Elapsed.Round(time.Millisecond), r.CPU.Round(time.Millisecond), r.MaxRSS>>20, clipText(r.Stdout), clipText(r.Stderr))
}

func clipText(s string) string {
	if len(s) > 4000 {
		return s[:2000] + "\n…\n" + s[len(s)-2000:]
	}
	return s
}

// cli runs budgetwh with args in dir, bounded by timeout; a run that times out
// fails the test.
func cli(t *testing.T, dir string, timeout time.Duration, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "BUDGETWH_DB=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := result{Stdout: out.String(), Stderr: errb.String(), Elapsed: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("budgetwh %s: no answer within %s", strings.Join(args, " "), timeout)
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.Code = ee.ExitCode()
	default:
		t.Fatalf("budgetwh %s: %v", strings.Join(args, " "), err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.MaxRSS = ru.Maxrss * 1024 // kilobytes on Linux
		r.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return r
}

// mustCLI is cli that also requires exit code want.
func mustCLI(t *testing.T, dir string, want int, args ...string) result {
	t.Helper()
	r := cli(t, dir, 3*time.Minute, args...)
	if r.Code != want {
		t.Fatalf("budgetwh %s: want exit %d, got %s", strings.Join(args, " "), want, r)
	}
	return r
}

// synthCorpus generates a synthetic corpus into dir/name and returns its path.
func synthCorpus(t *testing.T, dir, name string, departments int, years string, defectRate string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	mustCLI(t, dir, 0, "synth", "--departments", fmt.Sprint(departments), "--years", years, "--out", out, "--defect-rate", defectRate)
	// The manifest is not a publication.
	os.Remove(filepath.Join(out, "manifest.json"))
	return out
}

// state is what a warehouse holds, per document: its status and the rows of
// every table keyed by doc_id (ingested_at aside), as sorted text.
type state struct {
	Status map[string]string              // doc_id → status
	Rows   map[string]map[string][]string // table → doc_id → rows
	// Uninitialised: the file exists but its tables were never created
	// (a run killed during the first migrations).
	Uninitialised bool
}

// counts returns table → doc_id → number of rows.
func (s state) count(table, docID string) int { return len(s.Rows[table][docID]) }

// openState opens the warehouse read-only through schema.Open (so the test
// also proves it opens) and reads its state.
func openState(t *testing.T, path string) state {
	t.Helper()
	return openStateOf(t, path, false)
}

// openStateOf is openState; with killed, a warehouse a run was killed
// while creating (read-only open says ErrNotWarehouse: no migrations yet,
// or ErrSchemaOutdated: not all of them) is an uninitialised state, which
// the next read-write open completes.
func openStateOf(t *testing.T, path string, killed bool) state {
	t.Helper()
	ctx := context.Background()
	w, err := schema.Open(ctx, path, schema.Options{ReadOnly: true})
	if killed && (errors.Is(err, schema.ErrNotWarehouse) || errors.Is(err, schema.ErrSchemaOutdated)) {
		t.Logf("read-only open of the killed run's warehouse: %v", err)
		return state{Uninitialised: true}
	}
	if killed && err != nil && isTruncatedDuckDB(err) {
		// A new warehouse is created under a temporary name and linked into
		// place once migrated (schema.Open), so a kill can no longer leave
		// a cut file at path.
		t.Errorf("the killed run left a warehouse that does not open: %v", err)
		os.Remove(path)
		os.Remove(path + ".wal")
		return state{Uninitialised: true}
	}
	if err != nil {
		t.Fatalf("open warehouse %s: %v", path, err)
	}
	defer w.Close()
	st, err := readState(ctx, w.DB())
	if err != nil {
		t.Fatalf("read warehouse %s: %v", path, err)
	}
	return st
}

func readState(ctx context.Context, db *sql.DB) (state, error) {
	st := state{Status: map[string]string{}, Rows: map[string]map[string][]string{}}
	// A run killed while creating the warehouse leaves a file whose
	// migrations have not run (or not all): no documents table yet.
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'core' AND table_name = 'documents'").Scan(&n); err != nil {
		return st, err
	}
	if n == 0 {
		st.Uninitialised = true
		return st, nil
	}
	rows, err := db.QueryContext(ctx, "SELECT doc_id, status FROM core.documents")
	if err != nil {
		return st, err
	}
	for rows.Next() {
		var id, status string
		if err := rows.Scan(&id, &status); err != nil {
			rows.Close()
			return st, err
		}
		st.Status[id] = status
	}
	rows.Close()
	// Every base table with a doc_id column (schema core), its columns but
	// ingested_at. Identifiers come from the catalog, not from input.
	cols := map[string][]string{}
	rows, err = db.QueryContext(ctx, `SELECT c.table_name, c.column_name FROM information_schema.columns c
		JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
		WHERE c.table_schema = 'core' AND t.table_type = 'BASE TABLE'
		  AND c.table_name IN (SELECT table_name FROM information_schema.columns WHERE table_schema = 'core' AND column_name = 'doc_id')
		  AND c.column_name <> 'ingested_at'
		ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		return st, err
	}
	for rows.Next() {
		var tb, col string
		if err := rows.Scan(&tb, &col); err != nil {
			rows.Close()
			return st, err
		}
		cols[tb] = append(cols[tb], `"`+col+`"`)
	}
	rows.Close()
	for tb, cs := range cols {
		q := fmt.Sprintf(`SELECT doc_id, CAST(ROW(%s) AS VARCHAR) FROM core."%s"`, strings.Join(cs, ", "), tb)
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			return st, fmt.Errorf("read %s: %w", tb, err)
		}
		m := map[string][]string{}
		for rows.Next() {
			var id, row string
			if err := rows.Scan(&id, &row); err != nil {
				rows.Close()
				return st, err
			}
			m[id] = append(m[id], row)
		}
		rows.Close()
		for _, v := range m {
			sort.Strings(v)
		}
		st.Rows[tb] = m
	}
	return st, nil
}

// crossDocTable holds the findings of the cross-document rules.
const crossDocTable = "corpus_findings"

// checkWhole reports documents of got that are not whole compared with ref
// (a loaded document with other row counts than in ref) and rows whose
// doc_id is not in got's documents.
func checkWhole(got, ref state) []string {
	var bad []string
	for tb, m := range got.Rows {
		if tb == "documents" {
			continue
		}
		if tb == crossDocTable {
			// Cross-document findings may name documents superseded
			// or not yet stored; they are checked by diffState.
			continue
		}
		for id, rs := range m {
			if _, ok := got.Status[id]; !ok {
				bad = append(bad, fmt.Sprintf("%s: %d rows for doc_id %s not in documents", tb, len(rs), id))
			}
		}
	}
	for id := range got.Status {
		if _, ok := ref.Status[id]; !ok {
			bad = append(bad, fmt.Sprintf("document %s is not in the reference", id))
			continue
		}
		for tb := range ref.Rows {
			if tb == crossDocTable {
				// Computed over the whole warehouse after the documents
				// are stored, not part of a document.
				continue
			}
			if g, w := got.count(tb, id), ref.count(tb, id); g != w {
				bad = append(bad, fmt.Sprintf("document %s: %s has %d rows, reference %d", id, tb, g, w))
			}
		}
	}
	sort.Strings(bad)
	return bad
}

// diffState reports every difference between got and ref.
func diffState(got, ref state) []string {
	var bad []string
	for id, s := range ref.Status {
		if g, ok := got.Status[id]; !ok {
			bad = append(bad, "missing document "+id)
		} else if g != s {
			bad = append(bad, fmt.Sprintf("document %s: status %s, reference %s", id, g, s))
		}
	}
	for id := range got.Status {
		if _, ok := ref.Status[id]; !ok {
			bad = append(bad, "extra document "+id)
		}
	}
	tables := map[string]bool{}
	for tb := range ref.Rows {
		tables[tb] = true
	}
	for tb := range got.Rows {
		tables[tb] = true
	}
	for tb := range tables {
		ids := map[string]bool{}
		for id := range ref.Rows[tb] {
			ids[id] = true
		}
		for id := range got.Rows[tb] {
			ids[id] = true
		}
		for id := range ids {
			g, w := got.Rows[tb][id], ref.Rows[tb][id]
			if strings.Join(g, "\n") != strings.Join(w, "\n") {
				bad = append(bad, fmt.Sprintf("%s rows of %s differ (%d vs reference %d)", tb, id, len(g), len(w)))
			}
		}
	}
	sort.Strings(bad)
	return bad
}

// totalRows is the number of rows in every doc_id table.
func (s state) totalRows() int {
	n := 0
	for _, m := range s.Rows {
		for _, rs := range m {
			n += len(rs)
		}
	}
	return n
}

// isTruncatedDuckDB reports DuckDB's errors for a database file cut short
// while it was being created.
func isTruncatedDuckDB(err error) bool {
	m := err.Error()
	return strings.Contains(m, "Could not read enough bytes") || strings.Contains(m, "not a valid DuckDB database file")
}
