package e2e

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestIngest_SIGKILL kills a multi-document ingest at random moments and
// checks each time that the warehouse opens, holds only whole documents, and
// that a rerun converges to exactly the state of an uninterrupted run.
// E2E_CRASH_SEED and E2E_CRASH_KILLS override the seed (logged) and the
// number of kills (default 20).
func TestIngest_SIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: 20 killed ingests; skipped with -short")
	}
	dir := t.TempDir()
	corpus := synthCorpus(t, dir, "corpus", 15, "2022-2024", "0.1")

	ref := filepath.Join(dir, "ref.duckdb")
	refRun := cli(t, dir, 5*time.Minute, "ingest", "-q", "--db", ref, corpus)
	if refRun.Code != 0 && refRun.Code != 1 {
		t.Fatalf("reference ingest: %s", refRun)
	}
	refState := openState(t, ref)
	if len(refState.Status) < 40 {
		t.Fatalf("reference holds %d documents, want the 45 of the corpus\n%s", len(refState.Status), refRun)
	}
	t.Logf("reference: %d documents, %d rows, ingest took %s (exit %d)", len(refState.Status), refState.totalRows(), refRun.Elapsed.Round(time.Millisecond), refRun.Code)

	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("E2E_CRASH_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("E2E_CRASH_SEED: %v", err)
		}
		seed = v
	}
	kills := 20
	if s := os.Getenv("E2E_CRASH_KILLS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			t.Fatalf("E2E_CRASH_KILLS=%q", s)
		}
		kills = v
	}
	t.Logf("seed %d (rerun with E2E_CRASH_SEED=%d), %d kills", seed, seed, kills)
	rng := rand.New(rand.NewPCG(seed, 0))

	var midRun atomic.Int32
	// kills random moments, then one kill right after the last document
	// line (all documents stored, the cross-document rules not yet). The
	// delays are drawn in order from the seed; the kills run two at a time
	// (one per core), each on its own warehouse.
	delays := make([]time.Duration, kills+1)
	for i := range delays {
		delays[i] = time.Duration(rng.Int64N(int64(refRun.Elapsed)))
	}
	t.Run("kills", func(t *testing.T) {
		for i := range kills + 1 {
			t.Run(fmt.Sprintf("kill%02d", i), func(t *testing.T) {
				t.Parallel()
				db := filepath.Join(dir, fmt.Sprintf("kill%02d.duckdb", i))
				delay := delays[i]
				afterLines := 0
				if i == kills {
					delay, afterLines = 10*time.Minute, len(refState.Status)
				}
				at, written, finished := killIngest(t, dir, db, corpus, delay, afterLines)

				if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
					t.Logf("kill %2d at %6s: before the warehouse was created", i, at.Round(time.Millisecond))
				} else {
					got := openStateOf(t, db, true)
					if bad := checkWhole(got, refState); len(bad) > 0 {
						t.Fatalf("kill %d at %s: warehouse holds partial documents:\n%s", i, at, strings.Join(bad, "\n"))
					}
					what := "killed"
					if got.Uninitialised {
						what = "killed while creating the warehouse (no tables yet)"
					} else if finished {
						what = "finished before the kill"
					} else if afterLines > 0 {
						what = "killed after the last document line"
					} else if len(got.Status) > 0 && len(got.Status) < len(refState.Status) {
						midRun.Add(1)
					}
					t.Logf("kill %2d at %6s: %s, %d document lines printed, %d whole documents stored", i, at.Round(time.Millisecond), what, written, len(got.Status))
				}

				rerun := cli(t, dir, 5*time.Minute, "ingest", "-q", "--db", db, corpus)
				if rerun.Code != refRun.Code {
					t.Fatalf("kill %d: rerun exit %d, reference %d\n%s", i, rerun.Code, refRun.Code, rerun)
				}
				if bad := diffState(openState(t, db), refState); len(bad) > 0 {
					t.Fatalf("kill %d at %s: after the rerun the warehouse differs from the reference:\n%s", i, at, strings.Join(bad, "\n"))
				}
				for _, suffix := range []string{"", ".wal", ".lock"} {
					os.Remove(db + suffix)
				}
			})
		}
	})
	t.Logf("%d of %d kills landed while documents were being written", midRun.Load(), kills)
}

// killIngest starts `ingest --db db corpus` and kills it with SIGKILL after
// delay or, when afterLines > 0, as soon as it has printed that many
// document lines. It returns when the process has ended: the time of the
// kill, the document lines printed, and whether it finished first.
func killIngest(t *testing.T, dir, db, corpus string, delay time.Duration, afterLines int) (at time.Duration, written int, finished bool) {
	t.Helper()
	cmd := exec.Command(bin, "ingest", "-q", "--db", db, corpus)
	cmd.Dir = dir
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	lines := make(chan int, 1)
	allLines := make(chan struct{})
	go func() {
		n := 0
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			n++
			if afterLines > 0 && n == afterLines {
				close(allLines)
			}
		}
		lines <- n
	}()
	done := make(chan error, 1)
	go func() { n := <-lines; done <- cmd.Wait(); lines <- n }()
	select {
	case <-done:
		finished = true
	case <-allLines:
	case <-time.After(delay):
	}
	if !finished {
		if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
			t.Fatalf("kill: %v", err)
		}
		<-done
	}
	return time.Since(start), <-lines, finished
}

// TestIngest_SIGKILLBeforeCrossDocumentRules kills an ingest right after its
// last document is stored, before the cross-document rules have stored
// their findings, on a corpus where those rules find something (one
// document names a functional code differently): the rerun must store them.
// (app.Ingest therefore runs the cross-document rules after every complete
// run, not only after runs that wrote a document.)
func TestIngest_SIGKILLBeforeCrossDocumentRules(t *testing.T) {
	docs := baseDocs(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	os.Mkdir(corpus, 0o755)
	for i, d := range docs {
		text := readText(t, d)
		if i == 1 {
			text = strings.ReplaceAll(text, "\t行政运行\t", "\t行政运转\t")
		}
		writeFile(t, filepath.Join(corpus, filepath.Base(d)), []byte(text))
	}
	ref := filepath.Join(dir, "ref.duckdb")
	mustCLI(t, dir, 0, "ingest", "-q", "--db", ref, corpus)
	refState := openState(t, ref)
	n := 0
	for _, rs := range refState.Rows[crossDocTable] {
		n += len(rs)
	}
	if n == 0 {
		t.Fatalf("the reference has no cross-document findings: the renamed code was not reported")
	}
	db := filepath.Join(dir, "w.duckdb")
	at, written, finished := killIngest(t, dir, db, corpus, 10*time.Minute, len(docs))
	if finished {
		t.Skipf("the ingest finished before the kill (%s): the cross-document window was too short to hit", at)
	}
	got := openState(t, db)
	if bad := checkWhole(got, refState); len(bad) > 0 {
		t.Fatalf("partial documents:\n%s", strings.Join(bad, "\n"))
	}
	t.Logf("killed at %s after %d document lines; %d documents stored", at.Round(time.Millisecond), written, len(got.Status))
	mustCLI(t, dir, 0, "ingest", "-q", "--db", db, corpus)
	if bad := diffState(openState(t, db), refState); len(bad) > 0 {
		t.Fatalf("after the rerun the warehouse differs from an uninterrupted run:\n%s", strings.Join(bad, "\n"))
	}
}

// TestIngest_killedWhileCreating: a run killed while its new warehouse is
// being created (the first ~100 ms of the first ingest) must not block later
// ingests. schema.Open builds a new warehouse as DB.creating-PID and links it
// into place only once migrated, so such a kill leaves at most a cut
// leftover beside DB, never a cut DB; the leftovers (cut at several sizes
// here) must not stop the next ingest from creating DB.
func TestIngest_killedWhileCreating(t *testing.T) {
	docs := baseDocs(t)
	dir := t.TempDir()
	seed := filepath.Join(dir, "seed.duckdb")
	mustCLI(t, dir, 0, "ingest", "-q", "--db", seed, docs[0])
	full, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 100, 4096, 12288} {
		db := filepath.Join(dir, fmt.Sprintf("cut%d.duckdb", n))
		for _, pid := range []int{1, 99999} {
			writeFile(t, fmt.Sprintf("%s.creating-%d", db, pid), full[:n])
		}
		r := cli(t, dir, time.Minute, "ingest", "-q", "--db", db, docs[0])
		if r.Code != 0 {
			t.Errorf("ingest beside leftovers of a creation cut at %d bytes: %s", n, r)
		}
	}
}
