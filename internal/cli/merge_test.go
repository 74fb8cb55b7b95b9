package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/budgetwh/budgetwh/synth"
)

func TestIngestCmd_shardValidation(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	src := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(src, []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, spec := range []string{"0/2", "3/2", "1/0", "2", "a/b", "1/2/3", "-1/2"} {
		t.Run(spec, func(t *testing.T) {
			code, out, errOut := run(t, "ingest", "--db", db, "--shard", spec, src)
			if code != ExitUsage || !strings.Contains(errOut, "--shard") || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d naming --shard", code, out, errOut, ExitUsage)
			}
		})
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a usage error created the warehouse")
	}
}

func TestMergeCmd(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if _, err := synth.Generate(context.Background(), synth.Options{Departments: 3, YearFrom: 2023, YearTo: 2024, Seed: 3}, corpus); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(corpus, "manifest.json")); err != nil {
		t.Fatal(err)
	}
	a, b, out := filepath.Join(dir, "a.duckdb"), filepath.Join(dir, "b.duckdb"), filepath.Join(dir, "out.duckdb")
	loadedLine := regexp.MustCompile(`(?m)^loaded `)
	skipped := regexp.MustCompile(`(?m)^shard (\d)/2: (\d+) sources? skipped as other shards'$`)
	loaded := 0
	for i, db := range []string{a, b} {
		spec := strconv.Itoa(i+1) + "/2"
		code, stdout, errOut := run(t, "ingest", "--db", db, "--shard", spec, corpus)
		if code != ExitOK {
			t.Fatalf("ingest --shard %s: exit %d\n%s%s", spec, code, stdout, errOut)
		}
		m := skipped.FindStringSubmatch(stdout)
		if m == nil || m[1] != strconv.Itoa(i+1) {
			t.Fatalf("ingest --shard %s does not report skipped sources:\n%s", spec, stdout)
		}
		n, _ := strconv.Atoi(m[2])
		took := len(loadedLine.FindAllString(stdout, -1))
		if took+n != 6 {
			t.Errorf("shard %s loaded %d and skipped %d of 6 sources:\n%s", spec, took, n, stdout)
		}
		loaded += took
	}
	if loaded != 6 {
		t.Errorf("the two shards loaded %d of 6 documents", loaded)
	}

	// merge needs --db.
	if code, _, errOut := run(t, "merge", a, b); code != ExitUsage || !strings.Contains(errOut, "--db") {
		t.Errorf("merge without --db: exit %d, %q", code, errOut)
	}
	code, stdout, errOut := run(t, "merge", "--db", out, a, b)
	if code != ExitOK {
		t.Fatalf("merge: exit %d\n%s%s", code, stdout, errOut)
	}
	if !strings.Contains(stdout, "2 shards (0 failed): 6 documents copied, 0 unchanged") || strings.Count(stdout, "merged ") != 2 {
		t.Errorf("merge output:\n%s", stdout)
	}
	code, stdout, _ = run(t, "sql", "--db", out, "SELECT count(*) AS n FROM documents WHERE status = 'loaded'", "--format", "csv")
	if code != ExitOK || stdout != "n\n6\n" {
		t.Errorf("merged documents: exit %d, %q", code, stdout)
	}
	// Again: nothing copied.
	code, stdout, _ = run(t, "merge", "--db", out, b, a)
	if code != ExitOK || !strings.Contains(stdout, "0 documents copied, 6 unchanged") {
		t.Errorf("second merge: exit %d\n%s", code, stdout)
	}
	// A missing shard: exit 1, named on stderr; the good one still merges.
	missing := filepath.Join(dir, "missing.duckdb")
	code, stdout, errOut = run(t, "merge", "--db", filepath.Join(dir, "out2.duckdb"), a, missing)
	if code != ExitFailed || !strings.HasPrefix(errOut, missing+": ") || !strings.Contains(stdout, "failed      "+missing) ||
		!strings.Contains(stdout, "2 shards (1 failed)") {
		t.Errorf("merge with a missing shard: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, errOut)
	}
}

func TestMergeCmd_locked(t *testing.T) {
	db := ingestedWarehouse(t)
	out := filepath.Join(t.TempDir(), "out.duckdb")
	holdLock(t, out, "budgetwh merge (test holder)", 0)
	code, stdout, stderr := run(t, "merge", "--db", out, db)
	if code != ExitLocked || !strings.Contains(stderr, "test holder") || stdout != "" {
		t.Errorf("exit %d (want %d), stdout %q, stderr %q", code, ExitLocked, stdout, stderr)
	}
	// With --wait the merge queues behind the holder.
	out2 := filepath.Join(t.TempDir(), "out.duckdb")
	holdLock(t, out2, "budgetwh merge (test holder)", 300*time.Millisecond)
	if code, stdout, stderr := run(t, "merge", "--db", out2, "--wait", "1m", db); code != ExitOK || !strings.Contains(stdout, "1 shard (0 failed): 1 document copied") {
		t.Errorf("merge --wait: exit %d\n%s%s", code, stdout, stderr)
	}
}
