package lock

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// ErrLocked is wrapped by the error Acquire returns when another holder keeps
// the lock (past Options.Wait).
var ErrLocked = errors.New("warehouse locked")

// DefaultPoll is how often Acquire retries while waiting.
const DefaultPoll = 100 * time.Millisecond

// Holder describes the process holding a lock; it is the JSON content of the
// lock file.
type Holder struct {
	PID       int       `json:"pid"`
	Host      string    `json:"host"`
	Command   string    `json:"command"`
	StartedAt time.Time `json:"started_at"`
}

// String formats the holder for messages: pid 123 on host "h" (command "rollup --year 2024", since 2026-11-28T21:00:00Z).
func (h Holder) String() string {
	return fmt.Sprintf("pid %d on host %q (command %q, since %s)", h.PID, h.Host, h.Command, h.StartedAt.UTC().Format(time.RFC3339))
}

// Options tune Acquire.
type Options struct {
	// Wait is how long to keep retrying while another process holds the
	// lock; zero fails at once.
	Wait time.Duration
	// Command is recorded in the lock file (e.g. "rollup --year 2024").
	Command string
	// Poll is the retry interval while waiting (default DefaultPoll).
	Poll time.Duration
	// ReadOnlyOK is for callers that only read the warehouse (export): when
	// the lock file cannot be opened for writing because the location is
	// read-only or not writable by this user, an existing lock file is
	// locked through a read-only descriptor (the holder is then not
	// recorded), and when there is none the returned Lock holds nothing
	// (Held reports false); DuckDB's own file lock still keeps writers out.
	ReadOnlyOK bool
}

// LockedError is returned (wrapping ErrLocked) when the lock is held elsewhere.
type LockedError struct {
	Path   string
	Holder *Holder // nil when the holder could not be read
	Waited time.Duration
}

func (e *LockedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "warehouse locked: %s is held by ", e.Path)
	if e.Holder != nil {
		b.WriteString(e.Holder.String())
	} else {
		b.WriteString("another process (holder unknown)")
	}
	if e.Waited > 0 {
		fmt.Fprintf(&b, "; gave up after waiting %s", e.Waited)
	} else {
		b.WriteString("; use --wait DURATION to wait for it")
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Unwrap() error { return ErrLocked }

// Lock is a held warehouse lock. Close releases it.
type Lock struct {
	f        *os.File // nil for a Lock that holds nothing (ReadOnlyOK)
	path     string
	holder   Holder
	readOnly bool // locked through a read-only descriptor: holder not recorded
}

// Held reports whether the lock is actually held (false only for the empty
// Lock a ReadOnlyOK Acquire returns on a read-only location without a lock
// file).
func (l *Lock) Held() bool { return l != nil && l.f != nil }

// notWritable reports whether an open failed because the location cannot be
// written (read-only file system, permissions).
func notWritable(err error) bool {
	return errors.Is(err, unix.EROFS) || errors.Is(err, unix.EACCES) || errors.Is(err, unix.EPERM)
}

// Path returns the lock file path for a warehouse path.
func Path(dbPath string) string { return dbPath + ".lock" }

// Acquire takes the lock of the warehouse at dbPath. When another process (or
// another Lock in this process) holds it, Acquire retries every Options.Poll
// until Options.Wait has elapsed and then returns a *LockedError wrapping
// ErrLocked that names the holder. Cancelling ctx stops the wait.
func Acquire(ctx context.Context, dbPath string, opts Options) (*Lock, error) {
	path := Path(dbPath)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	readOnly := false
	if err != nil && opts.ReadOnlyOK && notWritable(err) {
		f, err = os.Open(path)
		if errors.Is(err, fs.ErrNotExist) {
			return &Lock{path: path}, nil // nothing to lock on a read-only location
		}
		readOnly = true
	}
	if err != nil {
		return nil, fmt.Errorf("acquire lock: %w", err)
	}
	poll := opts.Poll
	if poll <= 0 {
		poll = DefaultPoll
	}
	start := time.Now()
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR) {
			f.Close()
			return nil, fmt.Errorf("acquire lock %s: %w", path, err)
		}
		waited := time.Since(start)
		if waited >= opts.Wait {
			h := readHolder(path)
			f.Close()
			le := &LockedError{Path: path, Holder: h}
			if opts.Wait > 0 {
				le.Waited = waited.Round(time.Millisecond)
			}
			return nil, le
		}
		sleep := min(poll, opts.Wait-waited)
		t := time.NewTimer(sleep)
		select {
		case <-ctx.Done():
			t.Stop()
			f.Close()
			return nil, fmt.Errorf("acquire lock %s: %w", path, ctx.Err())
		case <-t.C:
		}
	}
	host, _ := os.Hostname()
	l := &Lock{f: f, path: path, readOnly: readOnly, holder: Holder{PID: os.Getpid(), Host: host, Command: opts.Command, StartedAt: time.Now().UTC().Truncate(time.Second)}}
	if readOnly {
		return l, nil
	}
	if err := l.writeHolder(); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

func (l *Lock) writeHolder() error {
	data, err := json.Marshal(l.holder)
	if err != nil {
		return fmt.Errorf("write lock holder: %w", err)
	}
	data = append(data, '\n')
	if err := l.f.Truncate(0); err != nil {
		return fmt.Errorf("write lock holder: %w", err)
	}
	if _, err := l.f.WriteAt(data, 0); err != nil {
		return fmt.Errorf("write lock holder: %w", err)
	}
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("write lock holder: %w", err)
	}
	return nil
}

// readHolder reads the holder recorded in the lock file; nil when it is
// empty (the holder is between flock and write) or unreadable.
func readHolder(path string) *Holder {
	for range 3 {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		var h Holder
		if len(data) > 0 && json.Unmarshal(data, &h) == nil && h.PID != 0 {
			return &h
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// ReadHolder returns the holder recorded in the lock file of dbPath, or
// false when the file is empty, missing or unreadable. It does not tell
// whether the lock is still held.
func ReadHolder(dbPath string) (Holder, bool) {
	data, err := os.ReadFile(Path(dbPath))
	if err != nil || len(data) == 0 {
		return Holder{}, false
	}
	var h Holder
	if json.Unmarshal(data, &h) != nil || h.PID == 0 {
		return Holder{}, false
	}
	return h, true
}

// Holder returns what this lock recorded about its holder.
func (l *Lock) Holder() Holder { return l.holder }

// Path returns the lock file path.
func (l *Lock) Path() string { return l.path }

// Close empties the lock file and releases the lock. Closing twice is a no-op.
func (l *Lock) Close() error {
	if l == nil || l.f == nil {
		return nil
	}
	f := l.f
	l.f = nil
	var terr error
	if !l.readOnly {
		terr = f.Truncate(0)
	}
	uerr := unix.Flock(int(f.Fd()), unix.LOCK_UN)
	cerr := f.Close()
	if err := errors.Join(terr, uerr, cerr); err != nil {
		return fmt.Errorf("release lock %s: %w", l.path, err)
	}
	return nil
}
