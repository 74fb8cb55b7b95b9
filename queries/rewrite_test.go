package queries_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/budgetwh/budgetwh/queries"
)

// TestRewrites_sameResults runs each query rewritten for speed (issue 7)
// and its original formulation (testdata/reference, named ref_<name>) on
// the hand-made tables of testdata/rewrite_fixture.sql, with several
// parameter sets, and requires the same columns, types and rows in the
// same order.
func TestRewrites_sameResults(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join("testdata", "rewrite_fixture.sql"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one in-memory database for every statement
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, string(fixture)); err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	lib, err := queries.Load(filepath.Join("testdata", "reference"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query  string
		params []map[string]string
	}{
		{"missing_indicator_dimensions", []map[string]string{
			nil, {"scope": "annual"}, {"scope": "period", "fiscal_year": "2023"}, {"fiscal_year": "2024"},
		}},
		{"indicator_vague_values", []map[string]string{
			nil, {"fiscal_year": "2024"}, {"department_id": "A"},
		}},
		{"boilerplate_targets", []map[string]string{
			nil, {"scope": "null", "level": "null"}, {"scope": "period", "level": "null"},
			{"scope": "null", "level": "null", "min_projects": "3"}, {"level": "unit", "min_projects": "1"},
		}},
		{"indicator_quantification", []map[string]string{
			nil, {"level": "null"}, {"scope": "annual", "level": "null"}, {"fiscal_year": "2024"},
		}},
		{"three_public_trend", []map[string]string{
			nil, {"kind": "null"}, {"kind": "final_account"}, {"measure": "final_account"}, {"department_id": "B"},
		}},
	}
	for _, tt := range tests {
		q, err := lib.Get(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := lib.Get("ref_" + tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if ref.SQL == q.SQL {
			t.Fatalf("%s: the library version is the reference itself", tt.query)
		}
		for _, p := range tt.params {
			t.Run(fmt.Sprintf("%s/%v", tt.query, p), func(t *testing.T) {
				want, err := queries.Run(ctx, db, ref, p)
				if err != nil {
					t.Fatal(err)
				}
				got, err := queries.Run(ctx, db, q, p)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want.Columns, got.Columns); diff != "" {
					t.Errorf("columns (-reference +rewrite):\n%s", diff)
				}
				if diff := cmp.Diff(render(want.Rows), render(got.Rows)); diff != "" {
					t.Errorf("rows (-reference +rewrite):\n%s", diff)
				}
			})
		}
	}
}

// render prints every value (decimals exactly, NULL as <nil>).
func render(rows [][]any) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r))
		for j, v := range r {
			out[i][j] = fmt.Sprint(v)
		}
	}
	return out
}
