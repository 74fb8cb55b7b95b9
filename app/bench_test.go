package app

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/schema"
)

// BenchmarkWrite_corpusDocument writes the interpreted corpus text (every
// table, form, paragraph and finding) as a new document per iteration: the
// per-document cost of the writer, commit included.
func BenchmarkWrite_corpusDocument(b *testing.B) {
	ctx := context.Background()
	srcs, err := ingest.Discover([]string{testutil.CorpusText(b)})
	if err != nil {
		b.Fatal(err)
	}
	l, err := ingest.Load(ctx, srcs[0])
	if err != nil {
		b.Fatal(err)
	}
	d := interpret.Interpret(ctx, l.Doc)
	w, err := schema.Open(ctx, filepath.Join(b.TempDir(), "w.duckdb"), schema.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	rows := 0
	b.ResetTimer()
	for i := range b.N {
		d.Identity.DocID = fmt.Sprintf("doc%d", i)
		res, err := w.Write(ctx, d)
		if err != nil {
			b.Fatal(err)
		}
		rows += res.Rows
	}
	b.ReportMetric(float64(rows)/float64(b.N), "rows/doc")
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
