package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/budgetwh/budgetwh/ingest"
	"github.com/google/go-cmp/cmp"
)

// shardFile is one file of a join scenario: its name and its content for a
// department tag (one per folder: each folder holds other departments, so
// that no document supersedes another folder's) and a variation token (the
// token changes the bytes, hence the shard).
type shardFile struct {
	name    string
	content func(tag, v string) string
}

// variantIn returns f's content for tag in shard k of n.
func variantIn(t *testing.T, f shardFile, tag string, k, n int) string {
	t.Helper()
	for i := range 1000 {
		c := f.content(tag, fmt.Sprintf("v%d", i))
		if ShardIndex(sha(c), n) == k {
			return c
		}
	}
	t.Fatalf("no variant of %s in shard %d of %d", f.name, k, n)
	return ""
}

// joinScenarios are folders whose pairing needs the whole folder: a pair
// next to a complete publication, two tables files matching one narrative
// equally (a tie: nothing is joined, in any shard), a pair whose joined parse fails
// (written alone), and a narrative next to another department's tables.
var joinScenarios = map[string][]shardFile{
	"pair": {
		{"a.txt", func(g, v string) string { return narrative("甲"+g+"局", 2024, v) }},
		{"b.txt", func(g, v string) string { return tables("甲"+g+"局", 2024, v) }},
		{"c.txt", func(g, v string) string { return complete("丙"+g+"局", 2024) + "\nprose " + v + "\n" }},
	},
	"tie": {
		{"a.txt", func(g, v string) string { return narrative("甲"+g+"局", 2024, v) }},
		{"b.txt", func(g, v string) string { return tables("甲"+g+"局", 2024, "b"+v) }},
		// Contains the narrative's name as b's does (an equal match), but
		// another department: not a new version of b.
		{"c.txt", func(g, v string) string { return tables("甲"+g+"局机关", 2024, "c"+v) }},
	},
	"fails": {
		{"a.txt", func(g, v string) string { return narrative("甲"+g+"局", 2024, "panic-if-joined", v) }},
		{"b.txt", func(g, v string) string { return tables("甲"+g+"局", 2024, v) }},
	},
	"other": {
		{"a.txt", func(g, v string) string { return narrative("甲"+g+"局", 2024, v) }},
		{"b.txt", func(g, v string) string { return tables("乙"+g+"局", 2024, v) }},
	},
}

// writeAssignments writes, for every scenario and every assignment of its
// files to the n shards, one folder under src (scenario/k1k2…); it returns
// the number of files written.
func writeAssignments(t *testing.T, src string, n int) int {
	t.Helper()
	files, folders := 0, 0
	for name, fs := range joinScenarios {
		assign := make([]int, len(fs))
		for {
			var label strings.Builder
			for _, k := range assign {
				fmt.Fprint(&label, k+1)
			}
			folders++
			tag := deptTag(folders)
			for i, f := range fs {
				write(t, filepath.Join(src, name, label.String()), f.name, variantIn(t, f, tag, assign[i]+1, n))
				files++
			}
			i := 0
			for ; i < len(assign); i++ {
				if assign[i]++; assign[i] < n {
					break
				}
				assign[i] = 0
			}
			if i == len(assign) {
				break
			}
		}
	}
	return files
}

// deptTag spells i in Chinese digits (department names are compared after
// normalisation, which may drop ASCII).
func deptTag(i int) string {
	var b strings.Builder
	for _, r := range fmt.Sprint(i) {
		b.WriteRune([]rune("〇一二三四五六七八九")[r-'0'])
	}
	return b.String()
}

// TestIngest_joinShardsEveryAssignment: for 2 and 3 shards and every
// assignment of a folder's files to shards, the merged shards equal one
// unsharded ingest (every core table and public view), and each shard
// accounts for every file exactly once (in a result or in OtherShards),
// each file being written by exactly one shard.
func TestIngest_joinShardsEveryAssignment(t *testing.T) {
	for _, n := range []int{2, 3} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			src := filepath.Join(dir, "src")
			files := writeAssignments(t, src, n)
			p := joinPipeline(t)

			whole := filepath.Join(dir, "whole.duckdb")
			wrep, err := Ingest(ctx, IngestOptions{DB: whole, Pipeline: p}, []string{src})
			if err != nil && err != ErrSomeFailed {
				t.Fatal(err)
			}
			var shards, lines []string
			for k := 1; k <= n; k++ {
				db := filepath.Join(dir, fmt.Sprintf("s%d.duckdb", k))
				rep, err := Ingest(ctx, IngestOptions{DB: db, Pipeline: p, Shard: Shard{K: k, N: n}}, []string{src})
				if err != nil && err != ErrSomeFailed {
					t.Fatal(err)
				}
				counted := rep.OtherShards
				for _, d := range rep.Docs {
					counted += max(1, d.Sources)
				}
				if counted != files {
					t.Errorf("shard %d/%d: results and OtherShards account for %d files, want %d", k, n, counted, files)
				}
				lines = append(lines, docLines(rep, src)...)
				shards = append(shards, db)
			}
			want := docLines(wrep, src)
			slices.Sort(want)
			slices.Sort(lines)
			if diff := cmp.Diff(want, lines); diff != "" {
				t.Errorf("results of the shards (-unsharded +shards):\n%s", diff)
			}
			merged := filepath.Join(dir, "merged.duckdb")
			mergeInto(t, merged, shards...)
			if diff := cmp.Diff(docStatuses(t, whole), docStatuses(t, merged)); diff != "" {
				t.Errorf("documents (-unsharded +merged):\n%s", diff)
			}
			if diff := cmp.Diff(dumpWarehouse(t, whole), dumpWarehouse(t, merged)); diff != "" {
				t.Errorf("warehouse (-unsharded +merged):\n%s", diff)
			}
		})
	}
}

// TestIngest_joinShardsLoads: a shard parses other shards' files of a
// folder only when it holds a file that may be half of a split
// publication; a folder of complete publications costs nothing extra.
func TestIngest_joinShardsLoads(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		files []shardFile
		extra int // Loads beyond one per file, over all shards
	}{
		{"complete", []shardFile{
			{"a.txt", func(g, v string) string { return complete("甲局", 2024) + "\nprose " + v + "\n" }},
			{"b.txt", func(g, v string) string { return complete("乙局", 2024) + "\nprose " + v + "\n" }},
			{"c.txt", func(g, v string) string { return complete("丙局", 2024) + "\nprose " + v + "\n" }},
		}, 0},
		// a (narrative) and c in shard 1, b (tables) in shard 2: each shard
		// holds a half, so it parses the folder's other files (shard 1: b;
		// shard 2: a and c) and the joined source.
		{"pair", joinScenarios["pair"], 1 + 1 + 2 + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "src")
			// a in shard 1, b in shard 2, c in shard 1.
			for i, f := range tt.files {
				write(t, src, f.name, variantIn(t, f, "", i%2+1, 2))
			}
			var loads atomic.Int64
			p := joinPipeline(t)
			p.Load = func(ctx context.Context, s ingest.Source) (*ingest.Loaded, error) {
				loads.Add(1)
				return ingest.Load(ctx, s)
			}
			for k := 1; k <= 2; k++ {
				if _, err := Ingest(ctx, IngestOptions{Pipeline: p, Shard: Shard{K: k, N: 2}}, []string{src}); err != nil {
					t.Fatal(err)
				}
			}
			if got, want := int(loads.Load()), len(tt.files)+tt.extra; got != want {
				t.Errorf("%d Load calls over both shards, want %d", got, want)
			}
		})
	}
}
