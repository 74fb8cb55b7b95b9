package pdf

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/klippa-app/go-pdfium/requests"
)

// startPool starts a pool with its compilation cache in dir, takes an
// instance (so the module is instantiated) and closes everything again.
func startPool(b *testing.B, dir string) time.Duration {
	b.Helper()
	t0 := time.Now()
	p, err := newPool(dir)
	if err != nil {
		b.Fatal(err)
	}
	inst, err := p.GetInstance(time.Minute)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := inst.FPDF_GetLastError(&requests.FPDF_GetLastError{}); err != nil {
		b.Fatal(err)
	}
	d := time.Since(t0)
	inst.Close()
	p.Close()
	return d
}

// BenchmarkReadStartCold measures PDFium start-up with an empty module cache
// (the module is compiled from scratch).
func BenchmarkReadStartCold(b *testing.B) {
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		startPool(b, dir)
	}
}

// BenchmarkReadStartWarm measures PDFium start-up with a populated module
// cache (what every run after the first pays).
func BenchmarkReadStartWarm(b *testing.B) {
	dir := b.TempDir()
	startPool(b, dir)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		startPool(b, dir)
	}
}

// BenchmarkRead reads a Jiangsu and a Shanghai publication with a started
// pool and reports pages per second.
func BenchmarkRead(b *testing.B) {
	dir := filepath.Join(testutil.CorpusDir(b), "real")
	var files [][]byte
	for _, n := range []string{"js-rendabangongting-2017-bumen-yusuan.pdf", "sh-putuo-sifaju-2026-bumen-yusuan.pdf"} {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
	}
	if _, err := Warm(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	pages := 0
	for i := 0; i < b.N; i++ {
		for _, data := range files {
			d, err := Read(context.Background(), "bench.pdf", data)
			if err != nil {
				b.Fatal(err)
			}
			for _, bl := range d.Blocks {
				if bl.Kind == doc.PageBreak {
					pages++
				}
			}
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
