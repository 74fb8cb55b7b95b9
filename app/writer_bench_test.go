package app

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema"
	"github.com/budgetwh/budgetwh/synth"
)

// parsedSynthetic parses a synthetic corpus of departments × 10 years once
// and returns its disclosures in input order.
func parsedSynthetic(b *testing.B, departments int) []*model.Disclosure {
	b.Helper()
	ctx := context.Background()
	dir := filepath.Join(b.TempDir(), "corpus")
	if _, err := synth.Generate(ctx, synth.Options{Departments: departments, YearFrom: 2015, YearTo: 2024, Seed: 1, DefectRate: 0.02, Variants: true}, dir); err != nil {
		b.Fatal(err)
	}
	srcs, err := ingest.Discover([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	p, err := DefaultPipeline("")
	if err != nil {
		b.Fatal(err)
	}
	var ds []*model.Disclosure
	for _, src := range srcs {
		d, res := parseOne(ctx, storedSet{}, p, false, false, src)
		if d == nil {
			b.Fatalf("%s: %s", src.Name(), res.Reason)
		}
		ds = append(ds, d)
	}
	return ds
}

// BenchmarkWriter_synthetic writes 500 parsed synthetic documents through
// the group writer into a fresh warehouse per iteration: the writer's
// cost alone (the parse is done before the timer starts).
func BenchmarkWriter_synthetic(b *testing.B) {
	ctx := context.Background()
	ds := parsedSynthetic(b, 50)
	for _, group := range []int{64, 256} {
		b.Run(fmt.Sprint(group), func(b *testing.B) {
			rows := 0
			for i := range b.N {
				b.StopTimer()
				w, err := schema.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("w%d.duckdb", i)), schema.Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				gw := newGroupWriter(w, schema.WriteOptions{}, group, func(res DocResult) {
					if res.Status != StatusLoaded && res.Status != StatusQuarantined {
						b.Fatalf("%s: %s %s", res.Path, res.Status, res.Reason)
					}
					rows += res.Facts
				})
				for _, d := range ds {
					gw.add(ctx, d, DocResult{Path: d.Identity.SourcePaths[0], Facts: d.Facts()})
				}
				gw.flush(ctx)
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1000/float64(len(ds)*b.N), "ms/doc")
		})
	}
}

// BenchmarkParse_synthetic parses 100 synthetic documents (10 departments
// × 10 years) on one goroutine: read, interpret, identity, check — the
// parse share of ingest, without the writer. ns/op and allocs/op are per
// document.
func BenchmarkParse_synthetic(b *testing.B) {
	ctx := context.Background()
	dir := filepath.Join(b.TempDir(), "corpus")
	if _, err := synth.Generate(ctx, synth.Options{Departments: 10, YearFrom: 2015, YearTo: 2024, Seed: 1, DefectRate: 0.02, Variants: true}, dir); err != nil {
		b.Fatal(err)
	}
	srcs, err := ingest.Discover([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	p, err := DefaultPipeline("")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		src := srcs[i%len(srcs)]
		if d, res := parseOne(ctx, storedSet{}, p, false, false, src); d == nil {
			b.Fatalf("%s: %s", src.Name(), res.Reason)
		}
	}
}
