package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/google/go-cmp/cmp"
)

// jiangsuSplit are the corpus's split publications (README rows 3, 4, 7):
// the part files and the names they were published under.
var jiangsuSplit = []struct {
	row          int
	stem         string // corpus file stem; .part1.pdf narrative, .part2.pdf tables
	narr, tables string // original names
	facts        int    // facts of the joined document
}{
	{3, "js-shengweibangongting-2017-bumen-yusuan", "江苏省委办公厅2017年部门预算.pdf", "江苏省委办公厅2017年预算公开表格.pdf", 212},
	{4, "js-zhengxiebangongting-2017-bumen-yusuan", "江苏省政协办公厅2017年度部门预算.pdf", "2017年度部门预算公开表.pdf", 286},
	{7, "js-shengweibangongting-2018-bumen-yusuan", "江苏省委办公厅2018年度部门预算公开文件.pdf", "江苏省委办公厅2018年度部门预算公开表.pdf", 243},
}

// copyAs copies corpus file name into dir as as.
func copyAs(t *testing.T, corpus, name, dir, as string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpus, name))
	if err != nil {
		t.Fatal(err)
	}
	return write(t, dir, as, string(b))
}

// part2Ref is the file prefix of a part-2 source_ref ("x.pdf: page 3 line 7").
var part2Ref = regexp.MustCompile(`[^,"\n]+\.pdf: `)

// factRows is snapshot with the part-2 file names of source_ref replaced:
// a source_ref names the file the fact comes from, which is the only
// difference between the part-named and the original-named copies.
func factRows(t *testing.T, db string) map[string][]string {
	t.Helper()
	out := snapshot(t, db)
	for v, rows := range out {
		for i, r := range rows {
			rows[i] = part2Ref.ReplaceAllString(r, "PART2: ")
		}
		out[v] = rows
	}
	return out
}

// TestIngest_joinJiangsu ingests the three Jiangsu split publications
// under the names they were published with (all six files in one folder)
// and as *.part1/*.part2 files: the same three documents, doc_ids and fact
// rows, nothing quarantined.
func TestIngest_joinJiangsu(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 6 PDFs three times")
	}
	ctx := context.Background()
	corpus := filepath.Join(testutil.CorpusDir(t), "real")
	dir := t.TempDir()
	named := filepath.Join(dir, "named")
	var partPaths []string
	for _, p := range jiangsuSplit {
		copyAs(t, corpus, p.stem+".part1.pdf", named, p.narr)
		copyAs(t, corpus, p.stem+".part2.pdf", named, p.tables)
		partPaths = append(partPaths, filepath.Join(corpus, p.stem+".part1.pdf"), filepath.Join(corpus, p.stem+".part2.pdf"))
	}
	namedDB, partsDB := filepath.Join(dir, "named.duckdb"), filepath.Join(dir, "parts.duckdb")
	rep, err := Ingest(ctx, IngestOptions{DB: namedDB}, []string{named})
	if err != nil {
		t.Fatal(err)
	}
	prep, err := Ingest(ctx, IngestOptions{DB: partsDB}, partPaths)
	if err != nil {
		t.Fatal(err)
	}
	type doc struct {
		DocID, Status string
		Files         []string
		Facts         int
	}
	docs := func(rep IngestReport) map[string]doc {
		out := map[string]doc{}
		for _, d := range rep.Docs {
			var fs []string
			for _, p := range d.Paths {
				fs = append(fs, filepath.Base(p))
			}
			out[d.DocID] = doc{d.DocID, d.Status, fs, d.Facts}
		}
		return out
	}
	got, want := docs(rep), docs(prep)
	if len(got) != len(jiangsuSplit) || len(rep.Docs) != len(jiangsuSplit) {
		t.Fatalf("original names: %d documents (%v), want %d", len(rep.Docs), docLines(rep, named), len(jiangsuSplit))
	}
	for _, p := range jiangsuSplit {
		var w doc
		for _, d := range want {
			if d.Files[0] == p.stem+".part1.pdf" {
				w = d
			}
		}
		g, ok := got[w.DocID]
		if !ok {
			t.Errorf("#%d: no document with the part-named doc_id %s; got %v", p.row, w.DocID, docLines(rep, named))
			continue
		}
		if diff := cmp.Diff([]string{p.narr, p.tables}, g.Files); diff != "" {
			t.Errorf("#%d files (-want +got):\n%s", p.row, diff)
		}
		if g.Status != StatusLoaded || g.Facts != w.Facts || g.Facts != p.facts {
			t.Errorf("#%d: %s with %d facts, part-named %s with %d, want loaded with %d", p.row, g.Status, g.Facts, w.Status, w.Facts, p.facts)
		}
	}
	if diff := cmp.Diff(factRows(t, partsDB), factRows(t, namedDB)); diff != "" {
		t.Errorf("fact rows (-part-named +original names):\n%s", diff)
	}

	// Reverse discovery order: the tables file sorts first.
	rev := filepath.Join(dir, "reverse")
	p := jiangsuSplit[2]
	copyAs(t, corpus, p.stem+".part2.pdf", rev, "0-"+p.tables)
	copyAs(t, corpus, p.stem+".part1.pdf", rev, "1-"+p.narr)
	rrep, err := Ingest(ctx, IngestOptions{}, []string{rev})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"loaded 1-" + p.narr + " + 0-" + p.tables}, docLines(rrep, rev)); diff != "" {
		t.Errorf("reverse order (-want +got):\n%s", diff)
	}
	var w doc
	for _, d := range want {
		if d.Files[0] == p.stem+".part1.pdf" {
			w = d
		}
	}
	if rrep.Docs[0].DocID != w.DocID {
		t.Errorf("reverse order doc_id = %s, want %s", rrep.Docs[0].DocID, w.DocID)
	}

	// Rerun: unchanged, no row added.
	before := snapshot(t, namedDB)
	rep, err = Ingest(ctx, IngestOptions{DB: namedDB}, []string{named})
	if err != nil {
		t.Fatal(err)
	}
	if n := rep.Count(StatusUnchanged); n != len(jiangsuSplit) || len(rep.Docs) != n {
		t.Errorf("rerun: %v, want %d unchanged", docLines(rep, named), len(jiangsuSplit))
	}
	if diff := cmp.Diff(before, snapshot(t, namedDB)); diff != "" {
		t.Errorf("rerun changed the fact views (-before +after):\n%s", diff)
	}
}

// TestIngest_joinNegatives: files of the corpus that must not be joined,
// in one folder: #3's narrative next to #4's tables (another department,
// the only narrative and tables file of 2017), the blank template, the
// 部门 and 单位 publications of two departments (#11/#12, #13/#14).
func TestIngest_joinNegatives(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 7 PDFs")
	}
	ctx := context.Background()
	corpus := filepath.Join(testutil.CorpusDir(t), "real")
	dir := filepath.Join(t.TempDir(), "mixed")
	copyAs(t, corpus, jiangsuSplit[0].stem+".part1.pdf", dir, jiangsuSplit[0].narr)
	copyAs(t, corpus, jiangsuSplit[1].stem+".part2.pdf", dir, jiangsuSplit[1].tables)
	for _, f := range []string{
		"sh-xxju-2024-bumen-juesuan-blank-template.pdf",
		"sh-putuo-sifaju-2026-bumen-yusuan.pdf", "sh-putuo-sifaju-2026-danwei-yusuan.pdf",
		"sh-putuo-zhengfubangongshi-2025-bumen-yusuan.pdf", "sh-putuo-zhengfubangongshi-2025-danwei-yusuan.pdf",
	} {
		copyAs(t, corpus, f, dir, f)
	}
	db := filepath.Join(t.TempDir(), "w.duckdb")
	rep, err := Ingest(ctx, IngestOptions{DB: db}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	got := docLines(rep, dir)
	slices.Sort(got)
	want := []string{
		"loaded 2017年度部门预算公开表.pdf",
		"loaded sh-putuo-sifaju-2026-bumen-yusuan.pdf",
		"loaded sh-putuo-sifaju-2026-danwei-yusuan.pdf",
		"loaded sh-putuo-zhengfubangongshi-2025-bumen-yusuan.pdf",
		"loaded sh-putuo-zhengfubangongshi-2025-danwei-yusuan.pdf",
		"quarantined sh-xxju-2024-bumen-juesuan-blank-template.pdf",
		"quarantined 江苏省委办公厅2017年部门预算.pdf",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	// The narrative and the tables file point at each other.
	r := openDB(t, db)
	var noted []string
	for _, p := range rowsOf(t, r, "SELECT source_path FROM documents JOIN findings USING (doc_id) WHERE rule = '"+RuleJoinCandidate+"'") {
		noted = append(noted, filepath.Base(p))
	}
	slices.Sort(noted)
	if diff := cmp.Diff([]string{"2017年度部门预算公开表.pdf", "江苏省委办公厅2017年部门预算.pdf"}, noted); diff != "" {
		t.Errorf("documents with a %s finding (-want +got):\n%s", RuleJoinCandidate, diff)
	}
}

// TestIngest_joinCorpus: the whole development corpus still gives 15
// loaded, 3 quarantined, 0 failed documents (the README's first command),
// its split publications grouped by their part names; and a copy of
// corpus/real with the part files under their published names (what an
// auditor downloading them gets) gives the same documents: same doc_ids,
// statuses and fact counts.
func TestIngest_joinCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole corpus twice")
	}
	ctx := context.Background()
	corpus := testutil.CorpusDir(t)
	rep, err := Ingest(ctx, IngestOptions{}, []string{corpus})
	if err != nil {
		t.Fatal(err)
	}
	if l, q, f := rep.Count(StatusLoaded), rep.Count(StatusQuarantined), rep.Count(StatusFailed); l != 15 || q != 3 || f != 0 {
		t.Errorf("corpus: %d loaded, %d quarantined, %d failed; want 15, 3, 0:\n%v", l, q, f, docLines(rep, corpus))
	}
	outcome := func(rep IngestReport) []string {
		var out []string
		for _, d := range rep.Docs {
			out = append(out, fmt.Sprintf("%s %s %d facts, %d files", d.DocID[:12], d.Status, d.Facts, len(d.Paths)))
		}
		slices.Sort(out)
		return out
	}
	want := outcome(rep)

	real := filepath.Join(corpus, "real")
	named := filepath.Join(t.TempDir(), "real")
	entries, err := os.ReadDir(real)
	if err != nil {
		t.Fatal(err)
	}
	published := map[string]string{}
	for _, p := range jiangsuSplit {
		published[p.stem+".part1.pdf"], published[p.stem+".part2.pdf"] = p.narr, p.tables
	}
	for _, e := range entries {
		if as, ok := published[e.Name()]; ok {
			copyAs(t, real, e.Name(), named, as)
		} else if !e.IsDir() {
			copyAs(t, real, e.Name(), named, e.Name())
		}
	}
	nrep, err := Ingest(ctx, IngestOptions{}, []string{filepath.Join(corpus, "houma-jjkjfzb-2024-budget.txt"), named})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, outcome(nrep)); diff != "" {
		t.Errorf("published names vs part names (-part names +published names):\n%s", diff)
	}
}

// TestIngest_joinShardsJiangsu: the Jiangsu split publications under their
// original names, ingested in shards (the smallest N from 2 that puts the
// two files of a publication in different shards) and merged, equal one
// unsharded ingest: same documents and statuses, same fact views.
func TestIngest_joinShardsJiangsu(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 6 PDFs several times")
	}
	ctx := context.Background()
	corpus := filepath.Join(testutil.CorpusDir(t), "real")
	dir := t.TempDir()
	named := filepath.Join(dir, "named")
	var pairs [][2]string
	for _, p := range jiangsuSplit {
		a := copyAs(t, corpus, p.stem+".part1.pdf", named, p.narr)
		b := copyAs(t, corpus, p.stem+".part2.pdf", named, p.tables)
		pairs = append(pairs, [2]string{a, b})
	}
	shardOf := func(path string, n int) int {
		id, err := ingest.DocID(ingest.Source{Parts: []ingest.Part{{Path: path}}})
		if err != nil {
			t.Fatal(err)
		}
		return ShardIndex(id, n)
	}
	n, split := 0, 0
	for m := 2; m <= 8 && split == 0; m++ {
		n = m
		for _, p := range pairs {
			if shardOf(p[0], m) != shardOf(p[1], m) {
				split++
			}
		}
	}
	if split == 0 {
		t.Fatal("no N up to 8 splits a publication across shards")
	}
	t.Logf("%d shards: %d of %d publications split across shards", n, split, len(pairs))

	whole := filepath.Join(dir, "whole.duckdb")
	wrep, err := Ingest(ctx, IngestOptions{DB: whole}, []string{named})
	if err != nil {
		t.Fatal(err)
	}
	var shards, lines []string
	for k := 1; k <= n; k++ {
		db := filepath.Join(dir, fmt.Sprintf("s%d.duckdb", k))
		rep, err := Ingest(ctx, IngestOptions{DB: db, Shard: Shard{K: k, N: n}}, []string{named})
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, docLines(rep, named)...)
		shards = append(shards, db)
	}
	want := docLines(wrep, named)
	slices.Sort(want)
	slices.Sort(lines)
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("documents of the shards (-unsharded +shards):\n%s", diff)
	}
	if len(want) != len(jiangsuSplit) {
		t.Errorf("unsharded: %v, want %d joined documents", want, len(jiangsuSplit))
	}
	merged := filepath.Join(dir, "merged.duckdb")
	if _, err := Merge(ctx, MergeOptions{DB: merged}, shards); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(docStatuses(t, whole), docStatuses(t, merged)); diff != "" {
		t.Errorf("documents (-unsharded +merged):\n%s", diff)
	}
	if diff := cmp.Diff(snapshot(t, whole), snapshot(t, merged)); diff != "" {
		t.Errorf("fact views (-unsharded +merged):\n%s", diff)
	}
}
