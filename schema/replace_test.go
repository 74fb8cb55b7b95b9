package schema

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/budgetwh/budgetwh/model"
	"github.com/google/go-cmp/cmp"
)

// tickingClock returns a clock advancing one second per call.
func tickingClock() func() time.Time {
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

func openTicking(t *testing.T) *Warehouse {
	t.Helper()
	w, err := Open(context.Background(), filepath.Join(t.TempDir(), "w.duckdb"), Options{Now: tickingClock()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func mustWrite(t *testing.T, w *Warehouse, d *model.Disclosure, opts WriteOptions) WriteResult {
	t.Helper()
	res, err := w.WriteWith(context.Background(), d, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestWarehouse_WriteWith_replace(t *testing.T) {
	w := openTicking(t)
	mustWrite(t, w, sample("doc1"), WriteOptions{})
	before := counts(t, w.DB())
	at := query(t, w.DB(), "SELECT ingested_at FROM documents")

	res := mustWrite(t, w, sample("doc1"), WriteOptions{Replace: true})
	if !res.Replaced || res.Status != WriteLoaded || res.Existing != model.StatusLoaded {
		t.Errorf("replace result = %+v", res)
	}
	if diff := cmp.Diff(before, counts(t, w.DB())); diff != "" {
		t.Errorf("replacing with the same disclosure changed row counts (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(at, query(t, w.DB(), "SELECT ingested_at FROM documents")); diff != "" {
		t.Errorf("ingested_at changed on replace:\n%s", diff)
	}

	// A re-parse that reads a different figure replaces the old rows.
	d := sample("doc1")
	d.Totals = d.Totals[:1]
	d.Totals[0].Amount = dec("5")
	mustWrite(t, w, d, WriteOptions{Replace: true})
	if diff := cmp.Diff([][]string{{"income_total", "5.00"}}, query(t, w.DB(), "SELECT key, amount_yuan::VARCHAR FROM totals")); diff != "" {
		t.Errorf("totals after replace (-want +got):\n%s", diff)
	}
}

func TestWarehouse_WriteWith_replaceVersions(t *testing.T) {
	w := openTicking(t)
	db := w.DB()
	status := func() [][]string {
		return query(t, db, "SELECT doc_id, status, coalesce(superseded_by, '') FROM documents ORDER BY doc_id")
	}
	mustWrite(t, w, sample("v1"), WriteOptions{})
	mustWrite(t, w, sample("v2"), WriteOptions{})
	want := [][]string{{"v1", "superseded", "v2"}, {"v2", "loaded", ""}}
	if diff := cmp.Diff(want, status()); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	// Re-parsing the old version does not bring it back over the newer one,
	// and its rows stay stored.
	res := mustWrite(t, w, sample("v1"), WriteOptions{Replace: true})
	if res.Status != model.StatusSuperseded {
		t.Errorf("replaced old version status = %s, want superseded", res.Status)
	}
	if diff := cmp.Diff(want, status()); diff != "" {
		t.Errorf("after re-parsing v1 (-want +got):\n%s", diff)
	}
	if got := query(t, db, "SELECT count(*) FROM core.totals WHERE doc_id = 'v1'"); got[0][0] != "2" {
		t.Errorf("superseded v1 keeps %s totals rows, want 2", got[0][0])
	}
	// Re-parsing the newer one keeps it loaded.
	mustWrite(t, w, sample("v2"), WriteOptions{Replace: true})
	if diff := cmp.Diff(want, status()); diff != "" {
		t.Errorf("after re-parsing v2 (-want +got):\n%s", diff)
	}
	// A parser fix shows v2 is the unit-level publication: re-parsing both
	// (in either order) loads both.
	u := sample("v2")
	u.Identity.Level = model.LevelUnit
	mustWrite(t, w, u, WriteOptions{Replace: true})
	mustWrite(t, w, sample("v1"), WriteOptions{Replace: true})
	if diff := cmp.Diff([][]string{{"v1", "loaded", ""}, {"v2", "loaded", ""}}, status()); diff != "" {
		t.Errorf("after the level fix (-want +got):\n%s", diff)
	}
}

func TestWarehouse_WriteWith_replaceQuarantined(t *testing.T) {
	w := openTicking(t)
	q := sample("doc1")
	q.Quarantine = []string{"no expenditure summary"}
	q.Raw = "text"
	mustWrite(t, w, q, WriteOptions{})
	res := mustWrite(t, w, sample("doc1"), WriteOptions{Replace: true})
	if res.Status != WriteLoaded || res.Existing != model.StatusQuarantined {
		t.Errorf("result = %+v", res)
	}
	db := w.DB()
	if diff := cmp.Diff([][]string{{"0", "2", "1"}}, query(t, db, "SELECT (SELECT count(*) FROM raw_text), (SELECT count(*) FROM totals), (SELECT count(*) FROM findings)")); diff != "" {
		t.Errorf("raw_text, totals, findings counts (-want +got):\n%s", diff)
	}
}

func TestWarehouse_WriteWith_replaceAtomic(t *testing.T) {
	w := openTicking(t)
	mustWrite(t, w, sample("doc1"), WriteOptions{})
	before := counts(t, w.DB())
	testHookAfterFacts = func(*model.Disclosure) error { return errors.New("injected") }
	defer func() { testHookAfterFacts = nil }()
	d := sample("doc1")
	d.Totals = nil
	if _, err := w.WriteWith(context.Background(), d, WriteOptions{Replace: true}); err == nil {
		t.Fatal("replace succeeded, want the injected error")
	}
	if diff := cmp.Diff(before, counts(t, w.DB())); diff != "" {
		t.Errorf("failed replace changed rows (-before +after):\n%s", diff)
	}
}
