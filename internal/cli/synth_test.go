package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/synth"
)

func TestSynthCmd(t *testing.T) {
	tests := []struct {
		name         string
		args         []string
		code         int
		docs, finals int
	}{
		{"budgets only by default", []string{"--departments", "4", "--years", "2023-2024"}, ExitOK, 8, 0},
		{"final accounts of half the departments", []string{"--departments", "4", "--years", "2023-2024", "--final-share", "0.5"}, ExitOK, 12, 4},
		{"final share out of range", []string{"--departments", "4", "--years", "2023-2024", "--final-share", "1.5"}, ExitUsage, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "corpus")
			code, stdout, errOut := run(t, append([]string{"synth", "--out", out}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.code, stdout, errOut)
			}
			if tt.code != ExitOK {
				return
			}
			raw, err := os.ReadFile(filepath.Join(out, "manifest.json"))
			if err != nil {
				t.Fatal(err)
			}
			var m synth.Manifest
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatal(err)
			}
			finals := 0
			for _, d := range m.Documents {
				if d.Kind == "final_account" {
					finals++
					if !strings.HasSuffix(d.File, "-final.txt") {
						t.Errorf("final account named %s", d.File)
					}
				}
			}
			if len(m.Documents) != tt.docs || finals != tt.finals {
				t.Errorf("%d documents, %d final accounts; want %d, %d", len(m.Documents), finals, tt.docs, tt.finals)
			}
			if !strings.Contains(stdout, "final accounts") {
				t.Errorf("stdout %q does not count final accounts", stdout)
			}
		})
	}
}
