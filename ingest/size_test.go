package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoad_textSizeLimit: a text file over MaxTextSize is refused before it
// is parsed, with an error naming the file; one at the limit is read.
func TestLoad_textSizeLimit(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		size    int64
		tooLong bool
	}{
		{"over.txt", MaxTextSize + 1, true},
		{"at.txt", MaxTextSize, false},
	}
	for _, tc := range tests {
		p := filepath.Join(dir, tc.name)
		line := strings.Repeat("a", 1023) + "\n"
		data := []byte(strings.Repeat(line, int(tc.size/1024)+1)[:tc.size])
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(context.Background(), Source{Parts: []Part{{Path: p, Format: FormatText}}})
		if tc.tooLong {
			if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), p) {
				t.Errorf("%s: err = %v, want ErrTooLarge naming the file", tc.name, err)
			}
			if _, err := DocID(Source{Parts: []Part{{Path: p, Format: FormatText}}}); !errors.Is(err, ErrTooLarge) {
				t.Errorf("%s: DocID err = %v, want ErrTooLarge", tc.name, err)
			}
		} else if err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
