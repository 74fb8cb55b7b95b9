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
	testutil.Golden(t, "testdata/houma.golden", DumpWith(d, DumpOptions{NoIdentitySource: true}))
}
