package bench

import (
	"context"
	"os"
	"testing"

	"github.com/budgetwh/budgetwh/queries"
	"github.com/budgetwh/budgetwh/schema"
)

// BenchmarkQueries_10k runs every library query (default parameters) on
// the warehouse that `budgetwh bench --docs 10000 --work /tmp/b10k` leaves
// behind ($BUDGETWH_BENCH_DB overrides the path). It skips when that
// warehouse is absent. Target: every query under 1 s (ns/op < 1e9).
//
//	go test ./bench -run XXX -bench Queries_10k -benchtime 3x
func BenchmarkQueries_10k(b *testing.B) {
	path := os.Getenv("BUDGETWH_BENCH_DB")
	if path == "" {
		path = "/tmp/b10k/ingest.duckdb"
	}
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no benchmark warehouse at %s (run budgetwh bench --docs 10000 --work /tmp/b10k)", path)
	}
	ctx := context.Background()
	w, err := schema.Open(ctx, path, schema.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	lib, err := queries.Load("")
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range lib.List() {
		b.Run(q.Name, func(b *testing.B) {
			rows := 0
			for range b.N {
				res, err := queries.Run(ctx, w.DB(), q, nil)
				if err != nil {
					b.Fatal(err)
				}
				rows = len(res.Rows)
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}
