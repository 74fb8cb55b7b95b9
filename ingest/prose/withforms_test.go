package prose

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/budgetwh/budgetwh/ingest/forms"
	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/synth"
)

// TestExtractWithForms: given the forms forms.Parse finds in the same
// blocks, ExtractWithForms returns exactly what Extract returns.
func TestExtractWithForms(t *testing.T) {
	dir := t.TempDir()
	m, err := synth.Generate(context.Background(), synth.Options{Departments: 3, YearFrom: 2023, YearTo: 2024, Seed: 5, Variants: true}, dir)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]Info{"corpus": {FiscalYear: 2024, Department: corpusDept}}
	blocks := map[string]func() ([]byte, error){"corpus": nil}
	for _, dt := range m.Documents {
		cases[dt.File] = Info{FiscalYear: dt.FiscalYear, Department: dt.Department}
		blocks[dt.File] = func() ([]byte, error) { return os.ReadFile(filepath.Join(dir, dt.File)) }
	}
	staff := 0
	for name, info := range cases {
		t.Run(name, func(t *testing.T) {
			bs := corpusBlocks(t)
			if read := blocks[name]; read != nil {
				data, err := read()
				if err != nil {
					t.Fatal(err)
				}
				d, err := text.Read(context.Background(), name, data)
				if err != nil {
					t.Fatal(err)
				}
				bs = d.Blocks
			}
			fs, _ := forms.Parse(bs)
			want := Extract(bs, info)
			got := ExtractWithForms(bs, info, fs)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-Extract +ExtractWithForms):\n%s", diff)
			}
			if !cmp.Equal(want, ExtractWithForms(bs, info, nil)) {
				staff++ // the forms contribute facts here
			}
		})
	}
	if staff == 0 {
		t.Error("no document takes a fact from its forms: the comparison does not exercise them")
	}
}
