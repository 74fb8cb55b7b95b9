package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
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

	midRun := 0
	for i := range kills {
		db := filepath.Join(dir, fmt.Sprintf("kill%02d.duckdb", i))
		delay := time.Duration(rng.Int64N(int64(refRun.Elapsed)))
		var out bytes.Buffer
		cmd := exec.Command(bin, "ingest", "-q", "--db", db, corpus)
		cmd.Dir = dir
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		finished := false
		select {
		case <-done:
			finished = true
		case <-time.After(delay):
			if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
				t.Fatalf("kill %d: %v", i, err)
			}
			<-done
		}
		written := strings.Count(out.String(), "\n")

		if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
			t.Logf("kill %2d at %6s: before the warehouse was created", i, delay.Round(time.Millisecond))
		} else {
			got := openState(t, db)
			if bad := checkWhole(got, refState); len(bad) > 0 {
				t.Fatalf("kill %d at %s: warehouse holds partial documents:\n%s", i, delay, strings.Join(bad, "\n"))
			}
			what := "killed"
			if finished {
				what = "finished before the kill"
			} else if len(got.Status) > 0 && len(got.Status) < len(refState.Status) {
				midRun++
			}
			t.Logf("kill %2d at %6s: %s, %d document lines printed, %d whole documents stored", i, delay.Round(time.Millisecond), what, written, len(got.Status))
		}

		rerun := cli(t, dir, 5*time.Minute, "ingest", "-q", "--db", db, corpus)
		if rerun.Code != refRun.Code {
			t.Fatalf("kill %d: rerun exit %d, reference %d\n%s", i, rerun.Code, refRun.Code, rerun)
		}
		if bad := diffState(openState(t, db), refState); len(bad) > 0 {
			t.Fatalf("kill %d at %s: after the rerun the warehouse differs from the reference:\n%s", i, delay, strings.Join(bad, "\n"))
		}
		for _, suffix := range []string{"", ".wal", ".lock"} {
			os.Remove(db + suffix)
		}
	}
	t.Logf("%d of %d kills landed while documents were being written", midRun, kills)
}
