package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/budgetwh/budgetwh/schema"
	"github.com/budgetwh/budgetwh/synth"
)

// shardCorpus generates 32 synthetic publications in dir/v1 and, in dir/v2,
// new versions (other bytes, same publication) of four of them — three
// whose new version falls in the other of two shards, one in the same
// shard — plus one byte-identical copy and one truncated re-issue that is
// quarantined. It returns the two folders.
func shardCorpus(t *testing.T) (v1, v2 string) {
	t.Helper()
	dir := t.TempDir()
	v1, v2 = filepath.Join(dir, "v1"), filepath.Join(dir, "v2")
	m, err := synth.Generate(context.Background(), synth.Options{Departments: 8, YearFrom: 2021, YearTo: 2024, Seed: 7, DefectRate: 0.1, Variants: true}, v1)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(v1, "manifest.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(v2, 0o755); err != nil {
		t.Fatal(err)
	}
	// One document names class 201 differently from the others of its
	// year, so that the cross-document rule (recomputed after a merge, never
	// copied from a shard) has something to find.
	renamed := false
	for _, d := range m.Documents {
		if d.Encoding != "utf-8" || renamed {
			continue
		}
		p := filepath.Join(v1, d.File)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if next := bytes.Replace(data, []byte("201\t一般公共服务支出\t"), []byte("201\t一般公共服务\t"), 1); !bytes.Equal(next, data) {
			if err := os.WriteFile(p, next, 0o644); err != nil {
				t.Fatal(err)
			}
			renamed = true
		}
	}
	if !renamed {
		t.Fatal("no UTF-8 document prints class 201 to rename")
	}
	shardOf := func(b []byte) int {
		h := sha256.Sum256(b)
		return ShardIndex(hex.EncodeToString(h[:]), 2)
	}
	cross, same, copied, quarantined := 0, 0, 0, false
	for _, d := range m.Documents {
		data, err := os.ReadFile(filepath.Join(v1, d.File))
		if err != nil {
			t.Fatal(err)
		}
		// A re-issued publication: other bytes (trailing blank lines), same
		// department, year, kind and level.
		next := append(data[:len(data):len(data)], "\n\n\n"...)
		switch {
		case copied == 0:
			next = data
			copied++
		case shardOf(data) != shardOf(next) && cross < 3:
			cross++
		case shardOf(data) == shardOf(next) && same < 1:
			same++
		case !quarantined:
			// A broken re-issue (title page only) of the same publication:
			// quarantined, it must supersede nothing.
			next = bytes.Join(bytes.SplitAfter(data, []byte("\n"))[:12], nil)
			quarantined = true
		default:
			continue
		}
		if err := os.WriteFile(filepath.Join(v2, d.File), next, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if cross != 3 || same != 1 {
		t.Fatalf("re-issued %d documents across shards and %d within one, want 3 and 1", cross, same)
	}
	return v1, v2
}

func ingestInto(t *testing.T, db string, sh Shard, dir string) IngestReport {
	t.Helper()
	rep, err := Ingest(context.Background(), IngestOptions{DB: db, Shard: sh, Workers: 2}, []string{dir})
	if err != nil {
		t.Fatalf("ingest %s shard %s into %s: %v", dir, sh, db, err)
	}
	return rep
}

func mergeInto(t *testing.T, db string, shards ...string) MergeReport {
	t.Helper()
	rep, err := Merge(context.Background(), MergeOptions{DB: db}, shards)
	if err != nil {
		t.Fatalf("merge %v into %s: %v", shards, db, err)
	}
	return rep
}

// dumpWarehouse renders every public view and every core table of the
// warehouse at path, rows sorted, without ingested_at (the time a document
// was written) and applied_at.
func dumpWarehouse(t *testing.T, path string) map[string][]string {
	t.Helper()
	ctx := context.Background()
	w, err := schema.Open(ctx, path, schema.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	db := w.DB()
	rels := query(t, db, `SELECT table_schema || '.' || table_name FROM information_schema.tables
		WHERE (table_schema = 'main' AND table_type = 'VIEW') OR table_schema = 'core' ORDER BY 1`)
	if len(rels) < 20 {
		t.Fatalf("only %d relations: %v", len(rels), rels)
	}
	out := map[string][]string{}
	for _, rel := range rels {
		schemaName, table, _ := strings.Cut(rel, ".")
		cols := query(t, db, `SELECT '"' || column_name || '"' FROM information_schema.columns
			WHERE table_schema = ? AND table_name = ? AND column_name NOT IN ('ingested_at', 'applied_at')
			ORDER BY ordinal_position`, schemaName, table)
		q := fmt.Sprintf(`SELECT CAST((%s) AS VARCHAR) FROM %s.%s ORDER BY ALL`,
			rowExpr(cols), schemaName, table)
		out[rel] = query(t, db, q)
	}
	return out
}

// rowExpr renders the columns of a row as one struct value.
func rowExpr(cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = strings.Trim(c, `"`) + " := " + c
	}
	return "struct_pack(" + strings.Join(parts, ", ") + ")"
}

func query(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func docStatuses(t *testing.T, path string) map[string]string {
	t.Helper()
	w, err := schema.Open(context.Background(), path, schema.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	out := map[string]string{}
	for _, r := range query(t, w.DB(), `SELECT doc_id || ' ' || status FROM core.documents`) {
		id, st, _ := strings.Cut(r, " ")
		out[id] = st
	}
	return out
}

func TestMerge_shardsEqualUnsharded(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a synthetic corpus five times")
	}
	v1, v2 := shardCorpus(t)
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.duckdb")
	a, b := filepath.Join(dir, "a.duckdb"), filepath.Join(dir, "b.duckdb")

	// (a) unsharded: the first edition, then the re-issued documents.
	r1 := ingestInto(t, whole, Shard{}, v1)
	r2 := ingestInto(t, whole, Shard{}, v2)
	if r1.OtherShards != 0 || r2.OtherShards != 0 {
		t.Errorf("unsharded run skipped %d, %d sources", r1.OtherShards, r2.OtherShards)
	}
	// (b) the same runs, each as shard 1/2 into a and 2/2 into b.
	var loaded int
	for _, in := range []string{v1, v2} {
		ra := ingestInto(t, a, Shard{1, 2}, in)
		rb := ingestInto(t, b, Shard{2, 2}, in)
		if len(ra.Docs) == 0 || len(rb.Docs) == 0 {
			t.Errorf("%s: an empty shard (%d, %d documents): the split is not exercised", in, len(ra.Docs), len(rb.Docs))
		}
		if len(ra.Docs)+len(rb.Docs) != ra.OtherShards+rb.OtherShards {
			t.Errorf("%s: shards took %d+%d sources but skipped %d+%d", in, len(ra.Docs), len(rb.Docs), ra.OtherShards, rb.OtherShards)
		}
		loaded += ra.Count(StatusLoaded) + rb.Count(StatusLoaded)
	}
	if want := r1.Count(StatusLoaded) + r2.Count(StatusLoaded); loaded != want {
		t.Errorf("shards loaded %d documents, the unsharded runs %d", loaded, want)
	}

	// Disjoint shares that together are everything.
	sa, sb, sw := docStatuses(t, a), docStatuses(t, b), docStatuses(t, whole)
	for id := range sa {
		if _, ok := sb[id]; ok {
			t.Errorf("document %s is in both shards", id)
		}
	}
	if len(sa)+len(sb) != len(sw) {
		t.Errorf("shards hold %d+%d documents, the unsharded warehouse %d", len(sa), len(sb), len(sw))
	}
	// The corpus must exercise superseding across shards: a version loaded
	// in its shard is superseded by one that went to the other shard.
	cross, superseded := 0, 0
	for id, st := range sw {
		if st == "superseded" {
			superseded++
			if sa[id] == "loaded" || sb[id] == "loaded" {
				cross++
			}
		}
	}
	if n := r1.Count(StatusQuarantined) + r2.Count(StatusQuarantined); n == 0 {
		t.Error("no quarantined document in the corpus")
	}
	if superseded == 0 || cross == 0 {
		t.Fatalf("corpus does not exercise superseding across shards: %d superseded, %d across shards", superseded, cross)
	}

	want := dumpWarehouse(t, whole)
	if len(want["core.corpus_findings"]) == 0 {
		t.Error("no cross-document finding: their recomputation after a merge is not exercised")
	}
	ab, ba := filepath.Join(dir, "ab.duckdb"), filepath.Join(dir, "ba.duckdb")
	rep := mergeInto(t, ab, a, b)
	if rep.Copied() != len(sw) || rep.Count(schema.WriteUnchanged) != 0 {
		t.Errorf("first merge copied %d of %d documents, %d unchanged", rep.Copied(), len(sw), rep.Count(schema.WriteUnchanged))
	}
	if diff := cmp.Diff(want, dumpWarehouse(t, ab)); diff != "" {
		t.Errorf("merged a+b differs from the unsharded ingest (-unsharded +merged):\n%s", diff)
	}

	// Merging again changes nothing.
	rep = mergeInto(t, ab, b, a)
	if rep.Copied() != 0 || rep.Count(schema.WriteUnchanged) != len(sw) {
		t.Errorf("second merge copied %d, %d unchanged of %d", rep.Copied(), rep.Count(schema.WriteUnchanged), len(sw))
	}
	if diff := cmp.Diff(want, dumpWarehouse(t, ab)); diff != "" {
		t.Errorf("merging twice changed the warehouse:\n%s", diff)
	}

	// A merged warehouse is itself a shard (tree merges).
	tree := filepath.Join(dir, "tree.duckdb")
	mergeInto(t, tree, ab)
	if diff := cmp.Diff(want, dumpWarehouse(t, tree)); diff != "" {
		t.Errorf("a merged warehouse merged again differs from the unsharded ingest:\n%s", diff)
	}

	// The other order, one shard per run.
	mergeInto(t, ba, b)
	mergeInto(t, ba, a)
	if diff := cmp.Diff(want, dumpWarehouse(t, ba)); diff != "" {
		t.Errorf("merged b then a differs from the unsharded ingest (-unsharded +merged):\n%s", diff)
	}
}

func TestMerge_errors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.duckdb")
	notWarehouse := filepath.Join(dir, "notes.duckdb")
	if err := os.WriteFile(notWarehouse, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	quoted := filepath.Join(dir, "it's.duckdb")
	w, err := schema.Open(ctx, quoted, schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	tests := []struct {
		name    string
		shards  []string
		wantErr error
		failed  int
	}{
		{"missing shard", []string{filepath.Join(dir, "nope.duckdb")}, ErrSomeFailed, 1},
		{"not a warehouse", []string{notWarehouse}, ErrSomeFailed, 1},
		{"itself", []string{out}, ErrSomeFailed, 1},
		{"quote in the path", []string{quoted}, nil, 0},
		{"one bad of two", []string{quoted, filepath.Join(dir, "nope.duckdb")}, ErrSomeFailed, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Merge(ctx, MergeOptions{DB: out}, tt.shards)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("err = %v, want %v (shards: %+v)", err, tt.wantErr, rep.Shards)
			}
			failed := 0
			for _, s := range rep.Shards {
				if s.Err != nil {
					failed++
				}
			}
			if failed != tt.failed || len(rep.Shards) != len(tt.shards) {
				t.Errorf("%d of %d shards failed, want %d of %d", failed, len(rep.Shards), tt.failed, len(tt.shards))
			}
		})
	}
	if _, err := Merge(ctx, MergeOptions{DB: out}, nil); err == nil {
		t.Error("merge without shards succeeded")
	}
	if _, err := Merge(ctx, MergeOptions{}, []string{quoted}); err == nil {
		t.Error("merge without an output file succeeded")
	}
}

func TestParseShard(t *testing.T) {
	tests := []struct {
		in      string
		want    Shard
		wantErr bool
	}{
		{"1/2", Shard{1, 2}, false},
		{"2/2", Shard{2, 2}, false},
		{" 3/8 ", Shard{3, 8}, false},
		{"1/1", Shard{1, 1}, false},
		{"0/2", Shard{}, true},
		{"3/2", Shard{}, true},
		{"1/0", Shard{}, true},
		{"0/0", Shard{}, true},
		{"-1/2", Shard{}, true},
		{"1", Shard{}, true},
		{"a/b", Shard{}, true},
		{"1/2/3", Shard{}, true},
		{"", Shard{}, true},
	}
	for _, tt := range tests {
		got, err := ParseShard(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !errors.Is(err, ErrBadShardSpec) {
			t.Errorf("ParseShard(%q) error %v does not wrap ErrBadShardSpec", tt.in, err)
		}
	}
}

func TestShardIndex(t *testing.T) {
	tests := []struct {
		docID string
		n     int
		want  int
	}{
		// 0x0000000000000005 % 4 = 1 → shard 2.
		{"0000000000000005" + strings.Repeat("f", 48), 4, 2},
		{"0000000000000004" + strings.Repeat("f", 48), 4, 1},
		// 0xffffffffffffffff % 10 = 5 → shard 6.
		{strings.Repeat("f", 64), 10, 6},
		{strings.Repeat("f", 64), 1, 1},
	}
	for _, tt := range tests {
		if got := ShardIndex(tt.docID, tt.n); got != tt.want {
			t.Errorf("ShardIndex(%s…, %d) = %d, want %d", tt.docID[:16], tt.n, got, tt.want)
		}
	}
	// Every doc_id lands in exactly one shard, and shares are roughly even.
	counts := make([]int, 3)
	for i := range 3000 {
		h := sha256.Sum256([]byte(strconv.Itoa(i)))
		id := hex.EncodeToString(h[:])
		owners := 0
		for k := 1; k <= 3; k++ {
			if (Shard{k, 3}).Owns(id) {
				owners++
				counts[k-1]++
			}
		}
		if owners != 1 {
			t.Fatalf("%s owned by %d shards", id, owners)
		}
	}
	sort.Ints(counts)
	if counts[0] < 800 {
		t.Errorf("uneven shares: %v", counts)
	}
}

func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"1/2", "0/0", "9/3", "x", "１/２", "1/-1", "2/99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sh, err := ParseShard(s)
		if err != nil {
			return
		}
		if sh.K < 1 || sh.K > sh.N {
			t.Fatalf("ParseShard(%q) accepted %v", s, sh)
		}
		if back, err := ParseShard(sh.String()); err != nil || back != sh {
			t.Fatalf("round trip of %v: %v, %v", sh, back, err)
		}
	})
}
