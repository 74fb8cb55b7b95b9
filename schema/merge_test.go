package schema

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestMergeCopyRows_coversCoreTables guards merge_copy_rows.sql against a
// core table added later: every core table with a doc_id column must be
// copied by a merge, except the cross-document findings, which a merge
// recomputes.
func TestMergeCopyRows_coversCoreTables(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	rows, err := w.DB().QueryContext(ctx, `SELECT DISTINCT table_name FROM information_schema.columns
		WHERE table_schema = 'core' AND column_name = 'doc_id' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	copySQL := stmt("merge_copy_rows")
	n := 0
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			t.Fatal(err)
		}
		n++
		copied := strings.Contains(copySQL, "INSERT INTO core."+table+" BY NAME SELECT * FROM budgetwh_shard.core."+table+" WHERE")
		if table == "corpus_findings" {
			if copied {
				t.Errorf("merge copies core.corpus_findings; they must be recomputed over the merged warehouse")
			}
			continue
		}
		if !copied {
			t.Errorf("merge_copy_rows.sql does not copy core.%s", table)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 18 {
		t.Errorf("only %d core tables with doc_id", n)
	}
	if !strings.HasSuffix(strings.TrimSpace(stripComments(copySQL)), "INSERT INTO core.documents BY NAME SELECT * FROM budgetwh_shard.core.documents WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);") {
		t.Error("merge_copy_rows.sql must copy core.documents last (the other statements select documents not yet in it)")
	}
}

func TestQuoteLiteral(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{"/data/shard-1.duckdb", "/data/shard-1.duckdb", false},
		{"/data/it's.duckdb", "/data/it''s.duckdb", false},
		{"''", "''''", false},
		{`C:\shards\a.duckdb`, `C:\shards\a.duckdb`, false},
		{"/data/a\x00.duckdb", "", true},
	}
	for _, tt := range tests {
		got, err := quoteLiteral(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("quoteLiteral(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !errors.Is(err, ErrBadShard) {
			t.Errorf("quoteLiteral(%q): %v does not wrap ErrBadShard", tt.in, err)
		}
	}
}

func FuzzQuoteLiteral(f *testing.F) {
	for _, s := range []string{"/a/b.duckdb", "it's", "'; DROP TABLE core.documents; --", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := quoteLiteral(s)
		if err != nil {
			return
		}
		// Inside '…' every quote is doubled: the literal cannot end early.
		if strings.Contains(strings.ReplaceAll(q, "''", ""), "'") {
			t.Fatalf("quoteLiteral(%q) = %q leaves a lone quote", s, q)
		}
		if un := strings.ReplaceAll(q, "''", "'"); un != s {
			t.Fatalf("quoteLiteral(%q) = %q does not decode back", s, q)
		}
	})
}

// TestWarehouse_MergeShardMigrations: a shard whose schema differs from the
// program's is refused before anything is copied.
func TestWarehouse_MergeShardMigrations(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		change  string
		wantErr error
	}{
		{"current", "", nil},
		{"newer program", "INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', now())", ErrShardNewer},
		{"older program", "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)", ErrSchemaOutdated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			shard := filepath.Join(dir, "shard.duckdb")
			sw, err := Open(ctx, shard, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.change != "" {
				if _, err := sw.DB().ExecContext(ctx, tt.change); err != nil {
					t.Fatal(err)
				}
			}
			if err := sw.Close(); err != nil {
				t.Fatal(err)
			}
			out, err := Open(ctx, filepath.Join(dir, "out.duckdb"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer out.Close()
			_, err = out.MergeShard(ctx, shard)
			if (tt.wantErr == nil) != (err == nil) || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) {
				t.Fatalf("MergeShard: %v, want %v", err, tt.wantErr)
			}
			// The shard is detached again whatever happened.
			if _, err := out.MergeShard(ctx, shard); (err == nil) != (tt.wantErr == nil) {
				t.Errorf("second MergeShard: %v", err)
			}
		})
	}
}
