package queries

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2" // DuckDB driver
)

// openTestWarehouse builds the test warehouse from testdata/warehouse.sql
// (tables shaped like the contract views, filled by hand from the corpus)
// and reopens it read-only, as the CLI does.
func openTestWarehouse(t testing.TB) *sql.DB {
	t.Helper()
	ddl, err := os.ReadFile(filepath.Join("testdata", "warehouse.sql"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "test.duckdb")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), string(ddl)); err != nil {
		t.Fatalf("build test warehouse: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := sql.Open("duckdb", path+"?access_mode=READ_ONLY")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return ro
}
