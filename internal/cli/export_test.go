package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/lock"
)

// ingestedWarehouse builds a warehouse from the corpus text through the real
// pipeline (the ingest verb).
func ingestedWarehouse(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "w.duckdb")
	if code, out, errOut := run(t, "ingest", "--db", db, "--quiet", testutil.CorpusText(t)); code != ExitOK {
		t.Fatalf("ingest exit %d\n%s\n%s", code, out, errOut)
	}
	return db
}

// holdLock holds the warehouse lock as another run would, releasing it
// after d (or at cleanup).
func holdLock(t *testing.T, db, command string, d time.Duration) {
	t.Helper()
	lk, err := lock.Acquire(context.Background(), db, lock.Options{Command: command})
	if err != nil {
		t.Fatal(err)
	}
	if d > 0 {
		time.AfterFunc(d, func() { lk.Close() })
	}
	t.Cleanup(func() { lk.Close() })
}

func TestExportCmd(t *testing.T) {
	db := ingestedWarehouse(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "export")
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // substring of stdout
		wantErr  string // substring of stderr
		check    func(t *testing.T)
	}{
		{"parquet partitioned", []string{"--format", "parquet", "--out", out, "--partition-by", "fiscal_year,department"}, ExitOK, "wrote " + out, "",
			func(t *testing.T) {
				m, err := filepath.Glob(filepath.Join(out, "totals", "fiscal_year=2024", "department=*", "part-0.parquet"))
				if err != nil || len(m) != 1 {
					t.Errorf("partition files %v (%v)", m, err)
				}
			}},
		{"re-export replaces", []string{"--out", out, "--views", "totals,documents"}, ExitOK, "replaced " + out, "",
			func(t *testing.T) {
				if _, err := os.Stat(filepath.Join(out, "totals", "fiscal_year=2024")); !os.IsNotExist(err) {
					t.Errorf("old partition directory still there: %v", err)
				}
			}},
		{"csv", []string{"--format", "csv", "--out", filepath.Join(dir, "csv"), "--views", "totals"}, ExitOK, "1 views", "",
			func(t *testing.T) {
				b, _ := os.ReadFile(filepath.Join(dir, "csv", "totals.csv"))
				if !strings.HasPrefix(string(b), "\uFEFFdoc_id,") {
					t.Errorf("csv starts %q", b[:min(len(b), 20)])
				}
			}},
		{"xlsx", []string{"--format", "xlsx", "--out", filepath.Join(dir, "xlsx")}, ExitOK, "(xlsx)", "",
			func(t *testing.T) {
				if _, err := os.Stat(filepath.Join(dir, "xlsx", "budgetwh.xlsx")); err != nil {
					t.Error(err)
				}
			}},
		{"out is the warehouse", []string{"--out", db}, ExitUsage, "", "warehouse", nil},
		{"out holds the warehouse", []string{"--out", filepath.Dir(db)}, ExitUsage, "", "warehouse", nil},
		{"bad format", []string{"--format", "json", "--out", filepath.Join(dir, "j")}, ExitUsage, "", "unknown format", nil},
		{"unknown view", []string{"--out", filepath.Join(dir, "v"), "--views", "core.documents"}, ExitUsage, "", "not a public view", nil},
		{"no out", nil, ExitUsage, "", "--out", nil},
		{"missing warehouse", []string{"--out", filepath.Join(dir, "m"), "--db", filepath.Join(dir, "none.duckdb")}, ExitFailed, "", "no such file", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, append([]string{"export", "--db", db, "--quiet"}, tc.args...)...)
			if code != tc.wantCode || !strings.Contains(stdout, tc.wantOut) || !strings.Contains(stderr, tc.wantErr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tc.wantCode, stdout, stderr)
			}
			if tc.check != nil {
				tc.check(t)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none.duckdb")); !os.IsNotExist(err) {
		t.Error("export created a warehouse that did not exist")
	}
}

func TestExportCmd_locked(t *testing.T) {
	db := ingestedWarehouse(t)
	out := filepath.Join(t.TempDir(), "export")
	holdLock(t, db, "budgetwh ingest --db w.duckdb (test holder)", 0)
	code, _, stderr := run(t, "export", "--db", db, "--out", out)
	if code != ExitLocked || !strings.Contains(stderr, "test holder") || !strings.Contains(stderr, fmt.Sprintf("pid %d", os.Getpid())) {
		t.Errorf("exit %d (want %d), stderr %q", code, ExitLocked, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a locked export wrote its output")
	}
}

func TestRollupCmd(t *testing.T) {
	db := ingestedWarehouse(t)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"first run", []string{"--year", "2024"}, ExitOK, "year 2024: updated from 1 documents", ""},
		{"rerun", []string{"--year", "2024"}, ExitOK, "year 2024: unchanged (1 documents)", ""},
		{"all years", []string{"--all-years"}, ExitOK, "year 2024: unchanged", ""},
		{"empty year", []string{"--year", "1999"}, ExitOK, "year 1999: no loaded document", ""},
		{"no year", nil, ExitUsage, "", "--year"},
		{"bad year", []string{"--year", "x"}, ExitUsage, "", "invalid argument"},
		{"missing warehouse", []string{"--year", "2024", "--db", filepath.Join(t.TempDir(), "none.duckdb")}, ExitFailed, "", "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, append([]string{"rollup", "--db", db, "--quiet"}, tc.args...)...)
			if code != tc.wantCode || !strings.Contains(stdout, tc.wantOut) || !strings.Contains(stderr, tc.wantErr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tc.wantCode, stdout, stderr)
			}
		})
	}
}

func TestRollupCmd_jsonLog(t *testing.T) {
	db := ingestedWarehouse(t)
	code, _, stderr := run(t, "rollup", "--db", db, "--log-format", "json", "--year", "2024")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	found := false
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("stderr line is not JSON: %q", line)
		}
		if rec["msg"] == "rollup year" && rec["status"] == "updated" && rec["year"] == float64(2024) {
			found = true
		}
	}
	if !found {
		t.Errorf("no JSON record for the rolled-up year in %q", stderr)
	}
}

func TestRollupCmd_locked(t *testing.T) {
	db := ingestedWarehouse(t)
	holdLock(t, db, "budgetwh rollup --all-years (test holder)", 0)
	code, stdout, stderr := run(t, "rollup", "--db", db, "--year", "2024")
	if code != ExitLocked || !strings.Contains(stderr, "test holder") || !strings.Contains(stderr, "--wait") || stdout != "" {
		t.Errorf("exit %d (want %d), stdout %q, stderr %q", code, ExitLocked, stdout, stderr)
	}
}

func TestRollupCmd_wait(t *testing.T) {
	db := ingestedWarehouse(t)
	holdLock(t, db, "test holder", 300*time.Millisecond)
	start := time.Now()
	code, stdout, stderr := run(t, "rollup", "--db", db, "--year", "2024", "--wait", "10s")
	if code != ExitOK || !strings.Contains(stdout, "year 2024: updated") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if el := time.Since(start); el < 250*time.Millisecond {
		t.Errorf("rollup finished after %v, before the holder released the lock", el)
	}
	// A wait that runs out gives the locked exit code.
	holdLock(t, db, "long holder", 0)
	code, _, stderr = run(t, "rollup", "--db", db, "--year", "2024", "--wait", "200ms")
	if code != ExitLocked || !strings.Contains(stderr, "gave up after waiting") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestRollupCmd_concurrent starts several rollups at once: each either runs
// or fails fast with the locked exit code naming the holder, and the
// warehouse ends consistent (a rerun finds nothing to do).
func TestRollupCmd_concurrent(t *testing.T) {
	db := ingestedWarehouse(t)
	const n = 3
	type result struct {
		code           int
		stdout, stderr string
	}
	results := make([]result, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			r := &results[i]
			r.code, r.stdout, r.stderr = run(t, "rollup", "--db", db, "--all-years", "--quiet")
		}()
	}
	close(start)
	wg.Wait()
	ok, locked := 0, 0
	for _, r := range results {
		switch r.code {
		case ExitOK:
			ok++
		case ExitLocked:
			locked++
			if !strings.Contains(r.stderr, "is held by pid") || !strings.Contains(r.stderr, "rollup") {
				t.Errorf("locked run does not name the holder: %q", r.stderr)
			}
		default:
			t.Errorf("exit %d: %s %s", r.code, r.stdout, r.stderr)
		}
	}
	if ok == 0 {
		t.Fatal("no rollup ran")
	}
	t.Logf("%d ran, %d failed fast on the lock", ok, locked)
	code, stdout, stderr := run(t, "rollup", "--db", db, "--all-years", "--quiet")
	if code != ExitOK || strings.TrimSpace(stdout) != "year 2024: unchanged (1 documents)" {
		t.Errorf("after the concurrent runs: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "sql", "--db", db, "SELECT generation FROM rollup_state", "--format", "csv")
	if code != ExitOK || stdout != "generation\n1\n" {
		t.Errorf("rollup_state generation: exit %d, %q (want written exactly once)", code, stdout)
	}
}

// TestVerbs_concurrent runs an ingest, a rollup and an export on one
// warehouse at the same time (issue 8, point 3). Without --wait each either
// runs or fails fast naming the holder; with --wait all complete, one after
// the other, and the warehouse ends consistent.
func TestVerbs_concurrent(t *testing.T) {
	db := ingestedWarehouse(t)
	dir := t.TempDir()
	corpus, err := os.ReadFile(testutil.CorpusText(t))
	if err != nil {
		t.Fatal(err)
	}
	// Another publication: the same text for fiscal year 2023.
	other := filepath.Join(dir, "houma-2023.txt")
	if err := os.WriteFile(other, []byte(strings.ReplaceAll(string(corpus), "2024", "2023")), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		wait []string
	}{
		{"fail fast", nil},
		{"wait", []string{"--wait", "2m"}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, fmt.Sprintf("export-%d", i))
			cmds := [][]string{
				append([]string{"ingest", "--db", db, "--quiet", other}, tc.wait...),
				append([]string{"rollup", "--db", db, "--quiet", "--all-years"}, tc.wait...),
				append([]string{"export", "--db", db, "--quiet", "--out", out}, tc.wait...),
			}
			codes := make([]int, len(cmds))
			errs := make([]string, len(cmds))
			var wg sync.WaitGroup
			startGate := make(chan struct{})
			for j, args := range cmds {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-startGate
					codes[j], _, errs[j] = run(t, args...)
				}()
			}
			close(startGate)
			wg.Wait()
			for j, c := range codes {
				switch {
				case c == ExitOK:
				case c == ExitLocked && tc.wait == nil:
					if !strings.Contains(errs[j], "is held by pid") {
						t.Errorf("%s: locked without naming the holder: %q", cmds[j][0], errs[j])
					}
				default:
					t.Errorf("%s: exit %d: %s", cmds[j][0], c, errs[j])
				}
			}
			t.Logf("exit codes ingest/rollup/export: %v", codes)
		})
	}
	// Consistent end state: a rollup brings every year up to date, the next
	// finds nothing to do, and an export sees both documents.
	if code, _, errOut := run(t, "rollup", "--db", db, "--quiet", "--all-years"); code != ExitOK {
		t.Fatalf("rollup: %s", errOut)
	}
	code, stdout, _ := run(t, "rollup", "--db", db, "--quiet", "--all-years")
	if code != ExitOK || stdout != "year 2023: unchanged (1 documents)\nyear 2024: unchanged (1 documents)\n" {
		t.Errorf("final rollup: exit %d\n%s", code, stdout)
	}
	out := filepath.Join(dir, "final")
	if code, stdout, errOut := run(t, "export", "--db", db, "--quiet", "--out", out, "--views", "documents"); code != ExitOK || !strings.Contains(stdout, "2 rows") {
		t.Errorf("final export: exit %d %q %q", code, stdout, errOut)
	}
}

// TestVerbs_readOnlyWarehouse: a warehouse on a read-only file system can
// be exported; a rollup fails with a clear error and leaves it as it was
// (issue 8, point 6).
func TestVerbs_readOnlyWarehouse(t *testing.T) {
	src := ingestedWarehouse(t)
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size=64m"); err != nil {
		t.Skipf("cannot mount a tmpfs (needs root): %v", err)
	}
	t.Cleanup(func() { unix.Unmount(dir, 0) })
	db := filepath.Join(dir, "w.duckdb")
	if err := os.WriteFile(db, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("", dir, "", unix.MS_REMOUNT|unix.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	out := filepath.Join(t.TempDir(), "export")
	if code, stdout, stderr := run(t, "export", "--db", db, "--quiet", "--out", out, "--views", "documents,totals"); code != ExitOK {
		t.Errorf("export from a read-only warehouse: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, _, stderr := run(t, "rollup", "--db", db, "--quiet", "--year", "2024")
	if code != ExitFailed || !strings.Contains(stderr, "read-only file system") {
		t.Errorf("rollup on a read-only warehouse: exit %d, stderr %q", code, stderr)
	}
	after, _ := os.ReadFile(db)
	if string(after) != string(data) {
		t.Error("the warehouse file changed")
	}
}
