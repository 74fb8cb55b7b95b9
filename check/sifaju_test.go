package check

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/ingest/pdf"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
)

// readPDF reads and interprets a PDF of the real corpus.
func readPDF(t testing.TB, name string) *model.Disclosure {
	t.Helper()
	path := filepath.Join(testutil.CorpusDir(t), "real", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("corpus file %s: %v", name, err)
	}
	d, err := pdf.Read(context.Background(), name, data)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return interpret.Interpret(context.Background(), d)
}

func TestDocument_sifajuDump(t *testing.T) {
	if testing.Short() {
		t.Skip("PDF corpus test")
	}
	for _, name := range []string{"sh-putuo-sifaju-2026-bumen-yusuan.pdf", "sh-putuo-sifaju-2026-danwei-yusuan.pdf"} {
		d := readPDF(t, name)
		os.WriteFile("/tmp/"+name+".dump", interpret.Dump(d), 0o644)
		for _, f := range Document(d) {
			t.Logf("%s: %s %s %s: %s", name, f.Severity, f.Rule, f.SourceRef, f.Message)
		}
		t.Logf("quarantine %v", Quarantine(d))
	}
}
