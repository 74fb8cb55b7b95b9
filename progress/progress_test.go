package progress

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal pair; it skips when the system has none.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	// Non-blocking so that the runtime poller handles it and read deadlines work.
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	m := os.NewFile(uintptr(fd), "/dev/ptmx")
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Skipf("unlock pty: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Skipf("pty number: %v", err)
	}
	s, err := os.OpenFile("/dev/pts/"+itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("open pty slave: %v", err)
	}
	t.Cleanup(func() { s.Close(); m.Close() })
	return m, s
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestNew(t *testing.T) {
	master, slave := openPTY(t)
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	tests := []struct {
		name    string
		w       io.Writer
		quiet   bool
		wantBar bool
	}{
		{"buffer is not a terminal", &bytes.Buffer{}, false, false},
		{"dev null is not a terminal", devnull, false, false},
		{"terminal", slave, false, true},
		{"terminal but quiet", slave, true, false},
		{"nil writer", nil, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := New(tc.w, 10, "export totals", tc.quiet)
			_, isBar := b.(*bar)
			if isBar != tc.wantBar {
				t.Fatalf("New returned %T, want a real bar: %v", b, tc.wantBar)
			}
			b.Add(4)
			b.Add(6)
			b.Finish()
			b.Finish()
			if buf, ok := tc.w.(*bytes.Buffer); ok && buf.Len() != 0 {
				t.Errorf("non-terminal writer received %q", buf.String())
			}
		})
	}
	// What the terminal showed: the label and the final count.
	got := readAvailable(t, master)
	for _, want := range []string{"export totals", "10/10"} {
		if !strings.Contains(got, want) {
			t.Errorf("terminal output %q lacks %q", got, want)
		}
	}
}

func TestNew_UnknownTotal(t *testing.T) {
	master, slave := openPTY(t)
	b := New(slave, -1, "rollup", false)
	b.Add(3)
	b.Finish()
	if got := readAvailable(t, master); !strings.Contains(got, "rollup") {
		t.Errorf("terminal output %q lacks the label", got)
	}
}

func readAvailable(t *testing.T, f *os.File) string {
	t.Helper()
	var out []byte
	buf := make([]byte, 4096)
	for {
		if err := f.SetReadDeadline(time.Now().Add(300 * time.Millisecond)); err != nil {
			t.Fatalf("set deadline: %v", err)
		}
		n, err := f.Read(buf)
		out = append(out, buf[:n]...)
		if err != nil {
			return string(out)
		}
	}
}

func TestIsTerminal(t *testing.T) {
	_, slave := openPTY(t)
	if !IsTerminal(slave) {
		t.Error("pty slave is not a terminal")
	}
	if IsTerminal(&bytes.Buffer{}) {
		t.Error("buffer is a terminal")
	}
}
