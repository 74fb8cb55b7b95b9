package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/lock"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errw bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errw)
	return code, out.String(), errw.String()
}

func TestMain_ingestAndQuery(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	corpus := testutil.CorpusText(t)
	bad := filepath.Join(dir, "notes.docx")
	if err := os.WriteFile(bad, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := run(t, "ingest", "--db", db, corpus)
	if code != ExitOK {
		t.Fatalf("ingest exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], corpus) || !strings.HasPrefix(lines[1], "1 document: ") {
		t.Errorf("ingest output:\n%s", out)
	}

	// Same bytes again: unchanged, exit 0.
	code, out, _ = run(t, "ingest", "--db", db, corpus)
	if code != ExitOK || !strings.HasPrefix(out, "unchanged ") || !strings.Contains(out, "1 unchanged") {
		t.Errorf("re-ingest exit %d:\n%s", code, out)
	}

	// A failing document: exit 1, reason on stderr as file: reason.
	code, out, errOut = run(t, "ingest", "--db", db, bad)
	if code != ExitFailed || !strings.HasPrefix(errOut, bad+": ") || !strings.Contains(errOut, "unsupported format") || !strings.HasPrefix(out, "failed ") {
		t.Errorf("bad ingest exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}

	code, out, errOut = run(t, "sql", "--db", db, "SELECT count(*) AS n FROM documents", "--format", "csv")
	if code != ExitOK || out != "n\n1\n" {
		t.Errorf("sql exit %d: %q %q", code, out, errOut)
	}
	// Read-only unless --write.
	code, _, errOut = run(t, "sql", "--db", db, "DELETE FROM core.findings")
	if code != ExitFailed || !strings.Contains(strings.ToLower(errOut), "read-only") {
		t.Errorf("sql write without --write: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = run(t, "sql", "--db", db, "--write", "CREATE TABLE scratch (a INT)")
	if code != ExitOK {
		t.Errorf("sql --write: exit %d, stderr %q", code, errOut)
	}

	t.Setenv("BUDGETWH_DB", db)
	code, out, _ = run(t, "check", "--format", "json")
	if code != ExitOK || !strings.HasPrefix(out, "[") {
		t.Errorf("check: exit %d:\n%s", code, out)
	}
	code, _, errOut = run(t, "check", "--doc", "zzz")
	if code != ExitUsage || !strings.Contains(errOut, "no such document") {
		t.Errorf("check --doc zzz: exit %d, stderr %q", code, errOut)
	}
}

func TestMain_usage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"ingest without paths", []string{"ingest", "--db", db}, ExitUsage, "requires at least 1 arg"},
		{"ingest missing path", []string{"ingest", "--db", db, filepath.Join(dir, "nope.txt")}, ExitFailed, "nope.txt"},
		{"ingest bad flag", []string{"ingest", "--db", db, "--nope", "x"}, ExitUsage, "unknown flag"},
		{"sql without query", []string{"sql", "--db", db}, ExitUsage, "accepts 1 arg"},
		{"sql bad format", []string{"sql", "--db", db, "--format", "xml", "SELECT 1"}, ExitUsage, "--format"},
		{"sql on a missing warehouse", []string{"sql", "--db", filepath.Join(dir, "none.duckdb"), "SELECT 1"}, ExitFailed, "none.duckdb"},
		{"check bad format", []string{"check", "--db", db, "--format", "xml"}, ExitUsage, "--format"},
		{"schema with args", []string{"schema", "x"}, ExitUsage, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.err) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", code, tt.code, errOut, tt.err)
			}
		})
	}
}

func TestMain_schema(t *testing.T) {
	code, out, errOut := run(t, "schema")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"VIEW documents", "VIEW totals", "amount_yuan", "WORDS measure"} {
		if !strings.Contains(out, want) {
			t.Errorf("schema output lacks %q", want)
		}
	}
}

func TestMain_ingestLocked(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	lk, err := lock.Acquire(context.Background(), db, lock.Options{Command: "test holder"})
	if err != nil {
		t.Fatal(err)
	}
	defer lk.Close()
	code, _, errOut := run(t, "ingest", "--db", db, testutil.CorpusText(t))
	if code != ExitLocked || !strings.Contains(errOut, "test holder") {
		t.Errorf("exit %d (want %d), stderr %q", code, ExitLocked, errOut)
	}
}

func TestMain_ingestStrict(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	// A text file with no budget tables is quarantined: exit 0, or 1 with --strict.
	empty := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(empty, []byte("一些文字\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "ingest", "--db", db, empty)
	if code != ExitOK || !strings.HasPrefix(out, "quarantined ") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	code, out, _ = run(t, "ingest", "--db", filepath.Join(dir, "strict.duckdb"), "--strict", empty)
	if code != ExitFailed || !strings.HasPrefix(out, "quarantined ") {
		t.Errorf("--strict: exit %d, output:\n%s", code, out)
	}
}

func TestMain_sqlPendingMigrations(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	if code, _, errOut := run(t, "sql", "--db", db, "--write", "DELETE FROM schema_migrations WHERE version = 2"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "sql", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM documents")
	if code != ExitOK || out != "n\n0\n" || !strings.Contains(errOut, "0002_contract_views.sql not applied") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
