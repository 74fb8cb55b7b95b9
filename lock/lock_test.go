package lock

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// helperEnv makes the test binary act as a lock holder in a subprocess: it
// takes the lock of the named warehouse, prints "locked", and holds it until
// its stdin closes or it is killed.
const helperEnv = "BUDGETWH_LOCK_HELPER_DB"

func TestMain(m *testing.M) {
	if db := os.Getenv(helperEnv); db != "" {
		l, err := Acquire(context.Background(), db, Options{Command: "helper --hold"})
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("locked")
		buf := make([]byte, 1)
		os.Stdin.Read(buf) // returns when the parent closes stdin
		l.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestAcquire_InProcess(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	first, err := Acquire(context.Background(), db, Options{Command: "rollup --year 2024"})
	if err != nil {
		t.Fatalf("first acquire: %v", err)
	}
	tests := []struct {
		name string
		wait time.Duration
	}{
		{"fail fast", 0},
		{"wait then give up", 150 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			l, err := Acquire(context.Background(), db, Options{Wait: tc.wait, Command: "second", Poll: 20 * time.Millisecond})
			if err == nil {
				l.Close()
				t.Fatal("second acquire succeeded while the first holds the lock")
			}
			if !errors.Is(err, ErrLocked) {
				t.Fatalf("error %v does not wrap ErrLocked", err)
			}
			if el := time.Since(start); el < tc.wait {
				t.Errorf("gave up after %v, before the wait of %v", el, tc.wait)
			}
			msg := err.Error()
			for _, want := range []string{fmt.Sprintf("pid %d", os.Getpid()), `command "rollup --year 2024"`, "since "} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			var le *LockedError
			if !errors.As(err, &le) || le.Holder == nil || le.Holder.Command != "rollup --year 2024" {
				t.Errorf("holder not decoded: %#v", le)
			}
		})
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
	if _, ok := ReadHolder(db); ok {
		t.Error("lock file still names a holder after release")
	}
	again, err := Acquire(context.Background(), db, Options{})
	if err != nil {
		t.Fatalf("acquire after release: %v", err)
	}
	again.Close()
}

func TestAcquire_WaitSucceeds(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	first, err := Acquire(context.Background(), db, Options{Command: "first"})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(200 * time.Millisecond)
		first.Close()
	}()
	start := time.Now()
	second, err := Acquire(context.Background(), db, Options{Wait: 5 * time.Second, Command: "second", Poll: 10 * time.Millisecond})
	if err != nil {
		t.Fatalf("waiting acquire: %v", err)
	}
	defer second.Close()
	if el := time.Since(start); el < 150*time.Millisecond {
		t.Errorf("acquired after %v, before the holder released", el)
	}
	h, ok := ReadHolder(db)
	if !ok || h.Command != "second" || h.PID != os.Getpid() {
		t.Errorf("holder = %+v, %v; want command second", h, ok)
	}
}

func TestAcquire_ContextCancel(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	first, err := Acquire(context.Background(), db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = Acquire(ctx, db, Options{Wait: time.Minute})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
}

func TestAcquire_BadDir(t *testing.T) {
	_, err := Acquire(context.Background(), filepath.Join(t.TempDir(), "missing", "w.duckdb"), Options{})
	if err == nil || errors.Is(err, ErrLocked) {
		t.Fatalf("err = %v, want an open error that is not ErrLocked", err)
	}
}

// startHolder runs the test binary as a lock holder and waits until it holds
// the lock.
func startHolder(t *testing.T, db string) (*exec.Cmd, func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+db)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "locked" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper said %q, %v", line, err)
	}
	return cmd, func() { stdin.Close() }
}

func TestAcquire_Subprocess(t *testing.T) {
	tests := []struct {
		name    string
		release func(cmd *exec.Cmd, closeStdin func())
	}{
		{"holder exits normally", func(cmd *exec.Cmd, closeStdin func()) { closeStdin(); cmd.Wait() }},
		{"holder is killed", func(cmd *exec.Cmd, _ func()) { cmd.Process.Kill(); cmd.Wait() }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "w.duckdb")
			cmd, closeStdin := startHolder(t, db)
			_, err := Acquire(context.Background(), db, Options{})
			if !errors.Is(err, ErrLocked) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("err = %v, want ErrLocked", err)
			}
			want := fmt.Sprintf("pid %d", cmd.Process.Pid)
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "helper --hold") {
				t.Errorf("message %q does not name the holder (%s, helper --hold)", err, want)
			}
			tc.release(cmd, closeStdin)
			l, err := Acquire(context.Background(), db, Options{Wait: 2 * time.Second})
			if err != nil {
				t.Fatalf("acquire after the holder went away: %v", err)
			}
			l.Close()
		})
	}
}

func TestLockedError_Error(t *testing.T) {
	since := time.Date(2026, 11, 28, 21, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		err  *LockedError
		want string
	}{
		{"known holder", &LockedError{Path: "w.duckdb.lock", Holder: &Holder{PID: 42, Host: "h", Command: "ingest", StartedAt: since}},
			`warehouse locked: w.duckdb.lock is held by pid 42 on host "h" (command "ingest", since 2026-11-28T21:00:00Z); use --wait DURATION to wait for it`},
		{"unknown holder after wait", &LockedError{Path: "w.duckdb.lock", Waited: 2 * time.Second},
			`warehouse locked: w.duckdb.lock is held by another process (holder unknown); gave up after waiting 2s`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// FuzzReadHolder: whatever a lock file holds, reading it never panics and
// yields a holder only with a pid.
func FuzzReadHolder(f *testing.F) {
	for _, s := range []string{"", "{}", `{"pid":1,"host":"h","command":"c","started_at":"2026-01-01T00:00:00Z"}`, `{"pid":"x"}`, "\x00\xff", `{"pid":-1}`} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		db := filepath.Join(dir, "w.duckdb")
		if err := os.WriteFile(Path(db), data, 0o644); err != nil {
			t.Fatal(err)
		}
		h, ok := ReadHolder(db)
		if ok && h.PID == 0 {
			t.Fatalf("holder without pid accepted: %+v", h)
		}
		_ = (&LockedError{Path: db, Holder: &h}).Error()
	})
}

// readOnlyDir returns a directory on a tmpfs holding the given files,
// remounted read-only (root only), or skips.
func readOnlyDir(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a tmpfs (needs root): %v", err)
	}
	t.Cleanup(func() { unix.Unmount(dir, 0) })
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := unix.Mount("", dir, "", unix.MS_REMOUNT|unix.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	return dir
}

func TestAcquire_readOnlyLocation(t *testing.T) {
	t.Run("existing lock file", func(t *testing.T) {
		dir := readOnlyDir(t, "w.duckdb", "w.duckdb.lock")
		db := filepath.Join(dir, "w.duckdb")
		if _, err := Acquire(context.Background(), db, Options{}); err == nil || errors.Is(err, ErrLocked) {
			t.Fatalf("writer acquire on a read-only file system: err = %v, want an open error", err)
		}
		first, err := Acquire(context.Background(), db, Options{ReadOnlyOK: true})
		if err != nil || !first.Held() {
			t.Fatalf("reader acquire: %v, held %v", err, first.Held())
		}
		_, err = Acquire(context.Background(), db, Options{ReadOnlyOK: true})
		if !errors.Is(err, ErrLocked) {
			t.Errorf("second reader: err = %v, want ErrLocked (the read-only lock still excludes)", err)
		}
		if err := first.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	t.Run("no lock file", func(t *testing.T) {
		dir := readOnlyDir(t, "w.duckdb")
		l, err := Acquire(context.Background(), filepath.Join(dir, "w.duckdb"), Options{ReadOnlyOK: true})
		if err != nil || l.Held() {
			t.Fatalf("err = %v, held %v; want an empty lock", err, l.Held())
		}
		if err := l.Close(); err != nil {
			t.Error(err)
		}
	})
}
