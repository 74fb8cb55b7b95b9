package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/budgetwh/budgetwh/synth"
)

// BenchmarkIngest_synthetic ingests a 100-document synthetic corpus (10
// departments × 10 years, with format variants) into a fresh warehouse per
// iteration: the whole pipeline (parse, check, identity, write). Profile it
// with -cpuprofile to find where ingest spends its time.
func BenchmarkIngest_synthetic(b *testing.B) {
	ctx := context.Background()
	dir := filepath.Join(b.TempDir(), "corpus")
	if _, err := synth.Generate(ctx, synth.Options{Departments: 10, YearFrom: 2015, YearTo: 2024, Seed: 1, DefectRate: 0.02, Variants: true}, dir); err != nil {
		b.Fatal(err)
	}
	docs := 0
	var parse, write time.Duration
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), "w.duckdb")
		b.StartTimer()
		rep, err := Ingest(ctx, IngestOptions{DB: db}, []string{dir})
		if err != nil {
			b.Fatal(err)
		}
		if n := rep.Count(StatusLoaded) + rep.Count(StatusQuarantined); n != 100 {
			b.Fatalf("iteration %d: %d documents stored, want 100", i, n)
		}
		docs += len(rep.Docs)
		for _, d := range rep.Docs {
			parse += d.Parse
			write += d.Write
		}
	}
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(parse.Seconds()*1000/float64(docs), "parse-ms/doc")
	b.ReportMetric(write.Seconds()*1000/float64(docs), "write-ms/doc")
}
