package schema

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// bigDisclosure has n func_amounts rows (the bulk of a real document's
// facts) and nothing else.
func bigDisclosure(id string, n int) *model.Disclosure {
	d := sample(id)
	d.FuncAmounts = make([]model.FuncAmount, n)
	for i := range d.FuncAmounts {
		d.FuncAmounts[i] = model.FuncAmount{SourceTable: "expenditure", Code: fmt.Sprintf("2%06d", i%1000000), Name: "一般公共服务支出行政运行",
			Level: "item", Measure: "total", Amount: decimal.New(int64(i)*137+1, -2), SourceRef: fmt.Sprintf("line %d", i+1)}
	}
	return d
}

const benchRows = 20000

// BenchmarkWrite_appender is the production path: Warehouse.Write.
func BenchmarkWrite_appender(b *testing.B) {
	ctx := context.Background()
	w, err := Open(ctx, filepath.Join(b.TempDir(), "w.duckdb"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		d := bigDisclosure(fmt.Sprintf("doc%d", i), benchRows)
		d.Identity.Department = fmt.Sprintf("dept%d", i) // no supersede
		b.StartTimer()
		if _, err := w.Write(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkWrite_naiveInsert loads the same rows one INSERT per row (a
// prepared statement in one transaction): the naive loader the writer is
// compared with.
func BenchmarkWrite_naiveInsert(b *testing.B) {
	ctx := context.Background()
	w, err := Open(ctx, filepath.Join(b.TempDir(), "w.duckdb"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		d := bigDisclosure(fmt.Sprintf("doc%d", i), benchRows)
		b.StartTimer()
		tx, err := w.DB().BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		st, err := tx.PrepareContext(ctx, "INSERT INTO core.func_amounts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
		if err != nil {
			b.Fatal(err)
		}
		for j, f := range d.FuncAmounts {
			if _, err := st.ExecContext(ctx, d.Identity.DocID, j, f.SourceTable, f.Code, f.Name, f.Level, f.Measure, f.Amount.String(), f.SourceRef); err != nil {
				b.Fatal(err)
			}
		}
		st.Close()
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkWrite_csvCopy measures DuckDB's own CSV loader on the same rows
// (COPY only; the CSV file is written outside the timer).
func BenchmarkWrite_csvCopy(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	w, err := Open(ctx, filepath.Join(dir, "w.duckdb"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		d := bigDisclosure(fmt.Sprintf("doc%d", i), benchRows)
		path := filepath.Join(dir, fmt.Sprintf("rows%d.csv", i))
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		cw := csv.NewWriter(f)
		for j, fa := range d.FuncAmounts {
			cw.Write([]string{d.Identity.DocID, fmt.Sprint(j), fa.SourceTable, fa.Code, fa.Name, fa.Level, fa.Measure, fa.Amount.StringFixed(2), fa.SourceRef})
		}
		cw.Flush()
		f.Close()
		b.StartTimer()
		if _, err := w.DB().ExecContext(ctx, fmt.Sprintf("COPY core.func_amounts FROM '%s' (HEADER false)", path)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
