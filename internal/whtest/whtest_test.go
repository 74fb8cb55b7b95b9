package whtest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/budgetwh/budgetwh/schema"
)

func TestBuild(t *testing.T) {
	base := Corpus(t)
	path := filepath.Join(t.TempDir(), "w.duckdb")
	Build(t, path, base, Variant(t, base, "y2023", 2023, ""), Variant(t, base, "hostile", 0, HostileDepartment))
	w, err := schema.Open(context.Background(), path, schema.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	tests := []struct {
		query string
		want  int
	}{
		{"SELECT count(*) FROM documents WHERE status = 'loaded'", 3},
		{"SELECT count(DISTINCT fiscal_year) FROM documents", 2},
		{"SELECT count(*) FROM documents WHERE department = '" + "../../evil/\"部门\" a\\b=c%d.." + "'", 1},
		{"SELECT count(DISTINCT doc_id) FROM totals", 3},
		{"SELECT count(DISTINCT doc_id) FROM indicators", 3},
	}
	for _, tc := range tests {
		var got int
		if err := w.DB().QueryRow(tc.query).Scan(&got); err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		if got != tc.want {
			t.Errorf("%s = %d, want %d", tc.query, got, tc.want)
		}
	}
}
