package bench

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun_small(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a synthetic corpus")
	}
	res, err := Run(context.Background(), Options{Docs: 20, NaiveDocs: 5, Work: filepath.Join(t.TempDir(), "it's work"), Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Ingest.Docs != 20 || res.Reingest.Docs != 20 || res.Naive.Docs != 5 {
		t.Errorf("docs: ingest %d, re-ingest %d, naive %d", res.Ingest.Docs, res.Reingest.Docs, res.Naive.Docs)
	}
	if res.CSV.Rows == 0 || res.Naive.Rows == 0 || res.Ingest.Rows != res.CSV.Rows {
		t.Errorf("rows: csv %d, naive %d, ingest %d", res.CSV.Rows, res.Naive.Rows, res.Ingest.Rows)
	}
	var b bytes.Buffer
	res.Report(&b)
	for _, want := range []string{"ingest vs naive loader", "ingest vs DuckDB read_csv", "unchanged re-ingest"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}
