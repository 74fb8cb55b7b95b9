// Package progress shows progress bars for long operations (ingest, export,
// rollup) on a terminal and stays silent otherwise: when the writer is not a
// terminal (logs, pipes, cron, CI) or when the user asked for --quiet, the bar
// is a no-op, so log files never fill with carriage returns.
package progress

import (
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Bar is a progress bar. Add and Finish are safe for concurrent use; the
// no-op bar returned off a terminal does nothing.
type Bar interface {
	// Add advances the bar by n items.
	Add(n int)
	// Finish completes the bar and ends its line. Calling it again is a no-op.
	Finish()
}

// fder is what *os.File (and a pty) offers.
type fder interface{ Fd() uintptr }

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(fder)
	return ok && term.IsTerminal(int(f.Fd()))
}

// New returns a bar of total items (total < 0: unknown, shown as a spinner)
// labelled label, drawn on w when w is a terminal and quiet is false, and a
// no-op bar otherwise.
func New(w io.Writer, total int, label string, quiet bool) Bar {
	if quiet || w == nil || !IsTerminal(w) {
		return nop{}
	}
	return newBar(w, total, label)
}

func newBar(w io.Writer, total int, label string) Bar {
	if total < 0 {
		total = -1
	}
	pb := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(label),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionOnCompletion(func() { io.WriteString(w, "\n") }),
	)
	return &bar{pb: pb}
}

type bar struct {
	mu       sync.Mutex
	pb       *progressbar.ProgressBar
	finished bool
}

func (b *bar) Add(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.finished {
		_ = b.pb.Add(n) // drawing errors on a terminal are not worth failing the operation
	}
}

func (b *bar) Finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.finished {
		b.finished = true
		_ = b.pb.Finish()
	}
}

type nop struct{}

func (nop) Add(int) {}
func (nop) Finish() {}
