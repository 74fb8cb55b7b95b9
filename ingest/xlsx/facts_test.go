package xlsx

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/ingest/pdf"
	"github.com/budgetwh/budgetwh/internal/readertest"
	"github.com/budgetwh/budgetwh/internal/testutil"
)

// TestRead_sameFactsAsPDF interprets the workbook built from the
// publication's tables and the publication's PDF: the fact rows of those
// tables (totals, functional-code amounts, 三公) must be identical
// (internal/readertest, the suite every reader passes).
func TestRead_sameFactsAsPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a corpus PDF")
	}
	path := filepath.Join(testutil.CorpusDir(t), "real", pdfName)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pd, err := pdf.Read(context.Background(), path, data)
	if err != nil {
		t.Fatal(err)
	}
	xd, err := Read(context.Background(), "sifaju-2026.xlsx", buildWorkbook(t))
	if err != nil {
		t.Fatal(err)
	}
	tables := []string{"summary", "income", "three_public"}
	want := readertest.FromTables(interpret.Interpret(context.Background(), pd), tables...)
	got := readertest.FromTables(interpret.Interpret(context.Background(), xd), tables...)
	readertest.Equivalent(t, "pdf", want, "xlsx", got, []readertest.Kind{readertest.Totals, readertest.FuncAmounts, readertest.ThreePublic}, 40)
}
