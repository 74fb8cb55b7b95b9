package interpret

import (
	"context"
	"os"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
)

func interpretBytes(t testing.TB, name string, data []byte) *model.Disclosure {
	t.Helper()
	d, err := text.Read(context.Background(), name, data)
	if err != nil {
		t.Fatal(err)
	}
	return Interpret(context.Background(), d)
}

func corpus(t testing.TB) (*model.Disclosure, []byte) {
	t.Helper()
	data, err := os.ReadFile(testutil.CorpusText(t))
	if err != nil {
		t.Fatal(err)
	}
	return interpretBytes(t, "houma-jjkjfzb-2024-budget.txt", data), data
}

func TestInterpret_corpusGolden(t *testing.T) {
	d, _ := corpus(t)
	// Narrative facts and form contents are the prose and forms packages'
	// output, checked by their own goldens; this golden covers the tables,
	// identity, project-form matching, paragraphs and line accounting.
	d.Narrative = nil
	for i := range d.Forms {
		d.Forms[i].Indicators, d.Forms[i].Fields = nil, nil
	}
	testutil.Golden(t, "testdata/houma.golden", DumpWith(d, DumpOptions{NoIdentitySource: true}))
}
