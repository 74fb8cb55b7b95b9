package synth

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/budgetwh/budgetwh/internal/testutil"
)

// TestGenerate_finalGolden pins the layout of a final account (the Shanghai
// 决算 template, no variants): the second year's, whose 年初结转和结余 and
// year-on-year figures come from the first. Update with -update.
func TestGenerate_finalGolden(t *testing.T) {
	dir := t.TempDir()
	m, err := Generate(context.Background(), Options{Departments: 1, YearFrom: 2023, YearTo: 2024, Seed: 5, FinalShare: 1}, dir)
	if err != nil {
		t.Fatal(err)
	}
	var name string
	for _, d := range m.Documents {
		if d.Kind == "final_account" && d.FiscalYear == 2024 {
			name = d.File
		}
	}
	if name == "" {
		t.Fatalf("no 2024 final account in %+v", m.Documents)
	}
	got, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, filepath.Join("testdata", "final-2024.txt.golden"), got)
}

func TestThousands(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"0.00", "0.00"}, {"123.45", "123.45"}, {"1234.50", "1,234.50"}, {"1234567.00", "1,234,567.00"},
		{"-1234.5", "-1,234.5"}, {"999", "999"}, {"1000", "1,000"},
	} {
		if got := thousands(tt.in); got != tt.want {
			t.Errorf("thousands(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
