package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/budgetwh/budgetwh/schema"
	"github.com/budgetwh/budgetwh/synth"
)

// BenchmarkRecheck_synthetic re-runs the rules over a 100-document
// synthetic warehouse whose findings are current (nothing to write): the
// per-document cost of rebuilding a Disclosure, running the rules and
// comparing the findings, plus the cross-document rules once per run.
func BenchmarkRecheck_synthetic(b *testing.B) {
	ctx := context.Background()
	dir := filepath.Join(b.TempDir(), "corpus")
	if _, err := synth.Generate(ctx, synth.Options{Departments: 10, YearFrom: 2015, YearTo: 2024, Seed: 1, DefectRate: 0.02, Variants: true}, dir); err != nil {
		b.Fatal(err)
	}
	db := filepath.Join(b.TempDir(), "w.duckdb")
	if _, err := Ingest(ctx, IngestOptions{DB: db}, []string{dir}); err != nil {
		b.Fatal(err)
	}
	w, err := schema.Open(ctx, db, schema.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	docs := 0
	var load, check, write time.Duration
	b.ResetTimer()
	for range b.N {
		rep, err := Recheck(ctx, w, "")
		if err != nil {
			b.Fatal(err)
		}
		if rep.Added()+rep.Removed() != 0 {
			b.Fatalf("%d added, %d removed on a current warehouse", rep.Added(), rep.Removed())
		}
		for _, d := range rep.Docs {
			docs++
			load += d.Load
			check += d.Check
			write += d.Write
		}
	}
	ms := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(docs) }
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(ms(load), "load-ms/doc")
	b.ReportMetric(ms(check), "check-ms/doc")
	b.ReportMetric(ms(write), "compare-ms/doc")
}
