package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// groupCorpus writes 20 toy documents: two versions of some publications
// (the later supersedes), one that fails to write (an amount out of
// range), one quarantined and one panicking interpreter.
func groupCorpus(t *testing.T, dir string) string {
	t.Helper()
	src := filepath.Join(dir, "src")
	for i := range 20 {
		body := fmt.Sprintf("# D%d 2024\nincome_total\t%d\n", i%12, i+1)
		switch i {
		case 5:
			body += "\nhuge\n"
		case 9:
			body += "\nquarantine\n"
		case 14:
			body += "\npanic\n"
		}
		write(t, src, fmt.Sprintf("%02d.txt", i), body)
	}
	return src
}

// warehouseState is every document's status and every stored total.
func warehouseState(t *testing.T, db string) []string {
	t.Helper()
	d := openDB(t, db)
	out := rowsOf(t, d, "SELECT source_path, status, facts FROM core.documents ORDER BY ALL")
	return append(out, rowsOf(t, d, "SELECT d.source_path, t.key, t.amount_yuan::VARCHAR FROM core.totals t JOIN core.documents d USING (doc_id) ORDER BY ALL")...)
}

func TestIngest_groupCommit(t *testing.T) {
	dir := t.TempDir()
	src := groupCorpus(t, dir)
	ingestWith := func(name string, group int) (IngestReport, []string) {
		db := filepath.Join(dir, name+".duckdb")
		rep, err := Ingest(context.Background(), IngestOptions{DB: db, Pipeline: fakePipeline, GroupDocs: group}, []string{src})
		if !errors.Is(err, ErrSomeFailed) {
			t.Fatalf("%s: err = %v, want ErrSomeFailed (the huge and panicking documents)", name, err)
		}
		return rep, warehouseState(t, db)
	}
	// One transaction per document is the reference.
	wantRep, want := ingestWith("one", 1)
	if n := wantRep.Count(StatusFailed); n != 2 {
		t.Fatalf("reference: %d failed, want 2: %v", n, statuses(wantRep, src))
	}
	for _, group := range []int{2, 3, 7, 64} {
		t.Run(fmt.Sprint(group), func(t *testing.T) {
			rep, got := ingestWith(fmt.Sprintf("g%d", group), group)
			if diff := cmp.Diff(statuses(wantRep, src), statuses(rep, src)); diff != "" {
				t.Errorf("reported (-one per transaction +grouped):\n%s", diff)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("stored (-one per transaction +grouped):\n%s", diff)
			}
		})
	}
}

func TestIngest_groupCancel(t *testing.T) {
	dir := t.TempDir()
	src := groupCorpus(t, dir)
	db := filepath.Join(dir, "w.duckdb")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var n atomic.Int32
	opts := IngestOptions{DB: db, Pipeline: fakePipeline, Workers: 2, GroupDocs: 4, OnDocument: func(DocResult) {
		if n.Add(1) == 2 {
			cancel()
		}
	}}
	rep, err := Ingest(ctx, opts, []string{src})
	if !errors.Is(err, context.Canceled) || !rep.Canceled {
		t.Fatalf("err = %v, canceled = %v; want context.Canceled", err, rep.Canceled)
	}
	// The group being reported when the run was canceled was committed:
	// it is reported whole, and exactly the reported documents are stored.
	if len(rep.Docs) < 2 || len(rep.Docs) >= 20 {
		t.Errorf("%d documents reported, want the first group (4)", len(rep.Docs))
	}
	var reported []string
	for _, d := range rep.Docs {
		if d.Status != StatusFailed {
			reported = append(reported, d.Path)
		}
	}
	if diff := cmp.Diff(reported, rowsOf(t, openDB(t, db), "SELECT source_path FROM core.documents ORDER BY 1")); diff != "" {
		t.Errorf("stored after cancel (-reported +stored):\n%s", diff)
	}
}

// TestIngest_streamResults: with StreamResults the report keeps no
// per-document list, but OnDocument sees every result, in the same order,
// and the counts equal those of a run that keeps the list. The groups of 2
// with 2 workers make the ring of parse slots (window 6) go round several
// times over the corpus.
func TestIngest_streamResults(t *testing.T) {
	dir := t.TempDir()
	src := groupCorpus(t, dir)
	run := func(name string, stream bool) (IngestReport, []DocResult, []string) {
		var seen []DocResult
		db := filepath.Join(dir, name+".duckdb")
		rep, err := Ingest(context.Background(), IngestOptions{DB: db, Pipeline: fakePipeline, Workers: 2, GroupDocs: 2,
			StreamResults: stream, OnDocument: func(r DocResult) { seen = append(seen, r) }}, []string{src})
		if !errors.Is(err, ErrSomeFailed) {
			t.Fatalf("%s: err = %v, want ErrSomeFailed", name, err)
		}
		return rep, seen, warehouseState(t, db)
	}
	keptRep, keptSeen, keptState := run("kept", false)
	rep, seen, state := run("streamed", true)
	if rep.Docs != nil {
		t.Errorf("streamed report kept %d results", len(rep.Docs))
	}
	if len(keptSeen) < 3*(2+2*2) {
		t.Fatalf("corpus of %d documents does not go round the slot ring", len(keptSeen))
	}
	if diff := cmp.Diff(statuses(keptRep, src), statuses(IngestReport{Docs: seen}, src)); diff != "" {
		t.Errorf("streamed results (-kept +streamed):\n%s", diff)
	}
	if diff := cmp.Diff(statuses(keptRep, src), statuses(IngestReport{Docs: keptSeen}, src)); diff != "" {
		t.Errorf("OnDocument vs Docs (-Docs +OnDocument):\n%s", diff)
	}
	for _, st := range []string{StatusLoaded, StatusQuarantined, StatusFailed, StatusUnchanged} {
		if got, want := rep.Count(st), keptRep.Count(st); got != want {
			t.Errorf("Count(%s) = %d, want %d", st, got, want)
		}
	}
	if rep.Total() != len(keptRep.Docs) || rep.Facts() != keptRep.Facts() || rep.Facts() == 0 {
		t.Errorf("Total/Facts = %d/%d, want %d/%d (> 0)", rep.Total(), rep.Facts(), len(keptRep.Docs), keptRep.Facts())
	}
	if diff := cmp.Diff(keptState, state); diff != "" {
		t.Errorf("stored (-kept +streamed):\n%s", diff)
	}
}
