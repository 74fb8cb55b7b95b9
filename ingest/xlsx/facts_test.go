package xlsx

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/ingest/pdf"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
	"github.com/google/go-cmp/cmp"
)

// factRows renders the table facts of a disclosure that come from the
// given table kinds, without source refs, sorted.
func factRows(d *model.Disclosure, kinds map[string]bool) []string {
	var out []string
	for _, t := range d.Totals {
		if kinds[t.SourceTable] {
			out = append(out, fmt.Sprintf("total %s %s %s %s", t.SourceTable, t.Key, t.Measure, t.Amount.StringFixed(2)))
		}
	}
	for _, f := range d.FuncAmounts {
		if kinds[f.SourceTable] {
			out = append(out, fmt.Sprintf("func %s %s %s %s %s", f.SourceTable, f.Code, f.Level, f.Measure, f.Amount.StringFixed(2)))
		}
	}
	for _, t := range d.ThreePublic {
		if kinds[t.SourceTable] {
			out = append(out, fmt.Sprintf("3p %s %s %s %s", t.SourceTable, t.Item, t.Measure, t.Amount.StringFixed(2)))
		}
	}
	sort.Strings(out)
	return out
}

// TestRead_sameFactsAsPDF interprets the workbook built from the
// publication's tables and the publication's PDF: the fact rows of those
// tables (totals, functional-code amounts, 三公) must be identical.
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
	kinds := map[string]bool{"summary": true, "income": true, "three_public": true}
	want := factRows(interpret.Interpret(context.Background(), pd), kinds)
	got := factRows(interpret.Interpret(context.Background(), xd), kinds)
	if len(want) < 40 {
		t.Fatalf("only %d PDF facts from the three tables:\n%v", len(want), want)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("workbook facts differ from PDF facts (-pdf +xlsx):\n%s", diff)
	}
}
