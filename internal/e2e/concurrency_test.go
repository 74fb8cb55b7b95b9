package e2e

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var smallOnce struct {
	sync.Once
	corpus, ref string
	state       state
	err         string
}

// smallCorpus is a synthetic corpus of 8 departments × 3 years (24
// documents), built once per run, with a reference warehouse loaded by one
// uninterrupted ingest. Tests must not change either.
func smallCorpus(t *testing.T) (corpus, ref string, refState state) {
	t.Helper()
	smallOnce.Do(func() {
		smallOnce.corpus = synthCorpus(t, shared, "small", 8, "2022-2024", "0.1")
		smallOnce.ref = filepath.Join(shared, "small-ref.duckdb")
		r := cli(t, shared, 5*time.Minute, "ingest", "-q", "--db", smallOnce.ref, smallOnce.corpus)
		if r.Code != 0 {
			smallOnce.err = r.String()
			return
		}
		smallOnce.state = openState(t, smallOnce.ref)
	})
	if smallOnce.err != "" {
		t.Fatalf("reference ingest of the small corpus: %s", smallOnce.err)
	}
	return smallOnce.corpus, smallOnce.ref, smallOnce.state
}

// started is a CLI subprocess running in the background.
type started struct {
	cmd  *exec.Cmd
	out  bytes.Buffer
	errb bytes.Buffer
	done chan struct{}
	res  result
}

func start(t *testing.T, dir string, args ...string) *started {
	t.Helper()
	s := &started{done: make(chan struct{})}
	s.cmd = exec.Command(bin, args...)
	s.cmd.Dir = dir
	s.cmd.Env = append(os.Environ(), "BUDGETWH_DB=")
	s.cmd.Stdout, s.cmd.Stderr = &s.out, &s.errb
	t0 := time.Now()
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		s.cmd.Wait()
		s.res = result{Code: s.cmd.ProcessState.ExitCode(), Stdout: s.out.String(), Stderr: s.errb.String(), Elapsed: time.Since(t0)}
		close(s.done)
	}()
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			s.cmd.Process.Kill()
			<-s.done
		}
	})
	return s
}

func (s *started) running() bool {
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

func (s *started) wait(t *testing.T, timeout time.Duration) result {
	t.Helper()
	select {
	case <-s.done:
		return s.res
	case <-time.After(timeout):
		t.Fatalf("%v: still running after %s", s.cmd.Args, timeout)
	}
	return result{}
}

// waitLocked waits until the process s holds the lock of db (its pid in the
// lock file).
func waitLocked(t *testing.T, s *started, db string) {
	t.Helper()
	want := fmt.Sprintf(`"pid":%d,`, s.cmd.Process.Pid)
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if b, _ := os.ReadFile(db + ".lock"); bytes.Contains(b, []byte(want)) {
			return
		}
		if !s.running() {
			t.Fatalf("%v ended before taking the lock: %s", s.cmd.Args, s.res)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%v did not take the lock within a minute", s.cmd.Args)
}

// TestConcurrent_secondRun: while an ingest holds a warehouse, a second
// ingest, a rollup and an export fail at once (exit 3) naming the holder;
// with --wait they run after it. Nothing is corrupted: the warehouse equals a
// serial run.
func TestConcurrent_secondRun(t *testing.T) {
	corpus, _, refState := smallCorpus(t)
	second := map[string][]string{
		"ingest": {"ingest", "-q", corpus},
		"rollup": {"rollup", "-q", "--all-years"},
		"export": {"export", "-q", "--format", "csv", "--out", "OUT"},
	}
	for _, name := range []string{"ingest", "rollup", "export"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "w.duckdb")
			args := func(wait bool) []string {
				a := append([]string{"--db", db}, second[name]...)
				for i, s := range a {
					if s == "OUT" {
						a[i] = filepath.Join(dir, fmt.Sprintf("out-%v", wait))
					}
				}
				if wait {
					a = append(a, "--wait", "5m")
				}
				return a
			}
			if name != "ingest" {
				// rollup and export need an existing warehouse: one document.
				first, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
				mustCLI(t, dir, 0, "ingest", "-q", "--db", db, first[0])
			}

			// Fail fast.
			a := start(t, dir, "ingest", "-q", "--db", db, corpus)
			waitLocked(t, a, db)
			r := cli(t, dir, time.Minute, args(false)...)
			if !a.running() {
				t.Fatalf("the first ingest ended before the second run was refused; corpus too small for this machine")
			}
			if r.Code != 3 {
				t.Fatalf("second %s while an ingest runs: want exit 3, got %s", name, r)
			}
			holder := fmt.Sprintf("pid %d", a.cmd.Process.Pid)
			if !strings.Contains(r.Stderr, holder) || !strings.Contains(r.Stderr, "locked") {
				t.Errorf("second %s: stderr does not name the holder (%s):\n%s", name, holder, r.Stderr)
			}
			if r.Elapsed > 20*time.Second {
				t.Errorf("second %s took %s to fail; want fast", name, r.Elapsed)
			}
			if ra := a.wait(t, 5*time.Minute); ra.Code != 0 {
				t.Fatalf("first ingest: %s", ra)
			}
			if bad := diffState(openState(t, db), refState); len(bad) > 0 {
				t.Fatalf("after the refused %s the warehouse differs from a serial run:\n%s", name, strings.Join(bad, "\n"))
			}

			// --wait: a second process starts while the first holds the
			// warehouse and runs after it. Use a fresh warehouse so that
			// the first run has work to do.
			for _, s := range []string{"", ".wal", ".lock"} {
				os.Remove(db + s)
			}
			if name != "ingest" {
				first, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
				mustCLI(t, dir, 0, "ingest", "-q", "--db", db, first[0])
			}
			a = start(t, dir, "ingest", "-q", "--db", db, corpus)
			waitLocked(t, a, db)
			b := start(t, dir, args(true)...)
			ra := a.wait(t, 5*time.Minute)
			rb := b.wait(t, 5*time.Minute)
			if ra.Code != 0 || rb.Code != 0 {
				t.Fatalf("with --wait: first ingest %s\nsecond %s: %s", ra, name, rb)
			}
			if name == "ingest" && !strings.Contains(rb.Stdout, fmt.Sprintf("%d unchanged", len(refState.Status))) {
				t.Errorf("the waiting ingest ran after the first and should find every document unchanged:\n%s", rb.Stdout)
			}
			if bad := diffState(openState(t, db), refState); len(bad) > 0 {
				t.Fatalf("after the waiting %s the warehouse differs from a serial run:\n%s", name, strings.Join(bad, "\n"))
			}
			if name == "export" {
				man, err := os.ReadFile(filepath.Join(dir, "out-true", "_manifest.json"))
				if err != nil {
					t.Fatalf("waiting export wrote no manifest: %v", err)
				}
				// It ran after the ingest: every document is exported.
				for id := range refState.Status {
					if !bytes.Contains(man, []byte(id)) {
						t.Errorf("export manifest lacks document %s: the export did not wait for the ingest", id)
						break
					}
				}
			}
		})
	}
}

// TestReadOnlyByDefault: sql and query cannot change the warehouse unless
// --write is given; a read doesn't change a byte of the file.
func TestReadOnlyByDefault(t *testing.T) {
	_, ref, _ := smallCorpus(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	data, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, data, 0o644); err != nil {
		t.Fatal(err)
	}
	qdir := filepath.Join(dir, "q")
	os.Mkdir(qdir, 0o755)
	os.WriteFile(filepath.Join(qdir, "evil.sql"), []byte("-- name: evil\n-- description: Writes a table.\nCREATE TABLE evil_q AS SELECT 1 AS x;\n"), 0o644)
	sum := func() [32]byte {
		b, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(b)
	}
	before := sum()
	for _, c := range []struct {
		name string
		args []string
	}{
		{"sql create", []string{"sql", "CREATE TABLE evil AS SELECT 1 AS x"}},
		{"sql delete", []string{"sql", "DELETE FROM core.documents"}},
		{"query run", []string{"query", "run", "evil", "--queries", qdir}},
	} {
		r := cli(t, dir, time.Minute, append([]string{"--db", db}, c.args...)...)
		if r.Code != 1 || !strings.Contains(strings.ToLower(r.Stderr), "read-only") {
			t.Errorf("%s without --write: want exit 1 and a read-only error, got %s", c.name, r)
		}
	}
	mustCLI(t, dir, 0, "--db", db, "sql", "SELECT count(*) FROM documents")
	if sum() != before {
		t.Errorf("read-only commands changed the warehouse file")
	}
	mustCLI(t, dir, 0, "--db", db, "sql", "--write", "CREATE TABLE evil AS SELECT 1 AS x")
	mustCLI(t, dir, 0, "--db", db, "query", "run", "--write", "--queries", qdir, "evil")
}

// TestExport_refusesOut: export never writes outside --out and refuses an
// --out that is the working directory, a parent of it, a file-system root or
// the warehouse's folder.
func TestExport_refusesOut(t *testing.T) {
	_, ref, _ := smallCorpus(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	data, _ := os.ReadFile(ref)
	os.WriteFile(db, data, 0o644)
	for _, out := range []string{".", "..", "/", dir} {
		r := cli(t, dir, time.Minute, "--db", db, "export", "-q", "--format", "csv", "--out", out)
		if r.Code != 2 || !strings.Contains(r.Stderr, "unsafe output directory") {
			t.Errorf("export --out %s: want exit 2 and a refusal, got %s", out, r)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 { // w.duckdb and its lock file
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("refused exports left files: %v", names)
	}
}
