package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds cmd/budgetwh into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "budgetwh")
	cmd := exec.Command("go", "build", "-o", bin, "../../cmd/budgetwh")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestRollup_twoProcesses starts two rollup processes at once on one
// warehouse, then kills a third one at several moments: each run either
// completes or fails fast with exit 3 naming the other process, and the
// warehouse always opens and converges (a final rerun is unchanged or
// updates cleanly). Finally a writer that bypasses the lock (sql --write)
// holds DuckDB's file lock, and export and rollup exit 3 beside it. Slow
// (builds the binary): skipped with -short.
func TestRollup_twoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	db := ingestedWarehouse(t)
	bin := buildBinary(t)
	start := func(args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
		var out, errw bytes.Buffer
		c := exec.Command(bin, append([]string{"--db", db, "--quiet"}, args...)...)
		c.Stdout, c.Stderr = &out, &errw
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		return c, &out, &errw
	}
	exitCode := func(err error) int {
		if err == nil {
			return 0
		}
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		t.Fatalf("wait: %v", err)
		return -1
	}

	for round := range 3 {
		a, aOut, aErr := start("rollup", "--all-years")
		b, bOut, bErr := start("rollup", "--all-years")
		ca, cb := exitCode(a.Wait()), exitCode(b.Wait())
		if ca != ExitOK && cb != ExitOK {
			t.Fatalf("round %d: neither ran: %d %s %s / %d %s %s", round, ca, aOut, aErr, cb, bOut, bErr)
		}
		for _, r := range []struct {
			code     int
			errOut   string
			otherPID int
		}{{ca, aErr.String(), b.Process.Pid}, {cb, bErr.String(), a.Process.Pid}} {
			switch r.code {
			case ExitOK:
			case ExitLocked:
				if !strings.Contains(r.errOut, fmt.Sprintf("is held by pid %d", r.otherPID)) || !strings.Contains(r.errOut, "rollup") {
					t.Errorf("round %d: locked run does not name the holder: %q", round, r.errOut)
				}
			default:
				t.Errorf("round %d: exit %d: %s", round, r.code, r.errOut)
			}
		}
		t.Logf("round %d: exits %d and %d", round, ca, cb)
	}

	// Kill a rollup at several moments; the next run must work and end consistent.
	for _, after := range []time.Duration{20 * time.Millisecond, 150 * time.Millisecond, 400 * time.Millisecond} {
		// Force a rewrite so that the killed run has work to do.
		if code, _, errOut := run(t, "sql", "--db", db, "--write", "DELETE FROM rollup_state"); code != ExitOK {
			t.Fatalf("reset rollup_state: %s", errOut)
		}
		c, _, _ := start("rollup", "--all-years")
		time.Sleep(after)
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		code, out, errOut := run(t, "rollup", "--db", db, "--all-years", "--quiet", "--wait", "5s")
		if code != ExitOK || !strings.Contains(out, "year 2024:") {
			t.Fatalf("after a kill at %v: exit %d, %q %q", after, code, out, errOut)
		}
		code, out, _ = run(t, "rollup", "--db", db, "--all-years", "--quiet")
		if code != ExitOK || strings.TrimSpace(out) != "year 2024: unchanged (1 documents)" {
			t.Errorf("after a kill at %v the warehouse did not converge: exit %d, %q", after, code, out)
		}
		code, out, _ = run(t, "sql", "--db", db, "SELECT count(*) FROM rollup_department_year", "--format", "csv")
		if code != ExitOK || out != "count_star()\n1\n" {
			t.Errorf("after a kill at %v: rollup_department_year rows %q", after, out)
		}
	}
	if _, err := os.Stat(db + ".lock"); err != nil {
		t.Errorf("lock file: %v", err)
	}

	// A writer that does not take our lock (sql --write with a long query)
	// holds DuckDB's own file lock: export and rollup report it as locked.
	long, _, longErr := start("sql", "--write", "SELECT count(*) FROM range(1000000000000)")
	defer func() {
		long.Process.Signal(syscall.SIGKILL)
		long.Wait()
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		time.Sleep(500 * time.Millisecond)
		code, _, errOut := run(t, "export", "--db", db, "--quiet", "--out", filepath.Join(t.TempDir(), "x"), "--views", "documents")
		if code == ExitLocked && strings.Contains(errOut, "Could not set lock") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("export beside a DuckDB writer: exit %d, %q (writer stderr %q)", code, errOut, longErr)
		}
	}
	if code, _, errOut := run(t, "rollup", "--db", db, "--quiet", "--all-years"); code != ExitLocked {
		t.Errorf("rollup beside a DuckDB writer: exit %d, %q", code, errOut)
	}
}
