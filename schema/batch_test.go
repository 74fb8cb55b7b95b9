package schema

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/budgetwh/budgetwh/model"
)

// dump returns every row of every core table, sorted.
func dump(t *testing.T, w *Warehouse) map[string][][]string {
	t.Helper()
	out := map[string][][]string{}
	for _, tb := range coreTables {
		out[tb] = query(t, w.DB(), "SELECT COLUMNS(*)::VARCHAR FROM core."+tb+" ORDER BY ALL")
	}
	return out
}

func TestWarehouse_WriteBatch(t *testing.T) {
	ctx := context.Background()
	other := func(id string) *model.Disclosure {
		d := sample(id)
		d.Identity.DepartmentID, d.Identity.Department = "dept-605", "另一个部门"
		return d
	}
	quarantined := func(id string) *model.Disclosure {
		d := sample(id)
		d.Quarantine = []string{"no totals"}
		d.Raw = "raw text"
		return d
	}
	tests := []struct {
		name string
		docs func() []*model.Disclosure
		want []string // statuses
	}{
		{"new documents", func() []*model.Disclosure { return []*model.Disclosure{sample("a"), other("b")} }, []string{"loaded", "loaded"}},
		{"a later version supersedes an earlier one of the same batch", func() []*model.Disclosure { return []*model.Disclosure{sample("a"), other("b"), sample("c")} },
			[]string{"loaded", "loaded", "loaded"}},
		{"the same doc_id twice", func() []*model.Disclosure { return []*model.Disclosure{sample("a"), sample("a")} }, []string{"loaded", "unchanged"}},
		{"quarantined", func() []*model.Disclosure { return []*model.Disclosure{quarantined("q"), other("b")} }, []string{"quarantined", "loaded"}},
		{"already stored", func() []*model.Disclosure { return []*model.Disclosure{sample("pre"), other("b")} }, []string{"unchanged", "loaded"}},
		{"a stored document superseded by the batch, then its bytes again", func() []*model.Disclosure {
			return []*model.Disclosure{sample("a"), sample("pre"), quarantined("q"), quarantined("q")}
		}, []string{"loaded", "unchanged", "quarantined", "unchanged"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The batch must leave exactly what writing one by one leaves.
			seq, batch := openTicking(t), openTicking(t)
			for _, w := range []*Warehouse{seq, batch} {
				if _, err := w.Write(ctx, sample("pre")); err != nil {
					t.Fatal(err)
				}
			}
			var want []WriteResult
			for _, d := range tt.docs() {
				res, err := seq.Write(ctx, d)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, res)
			}
			got, err := batch.WriteBatch(ctx, tt.docs(), WriteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("results (-one by one +batch):\n%s", diff)
			}
			var statuses []string
			for _, r := range got {
				statuses = append(statuses, r.Status)
			}
			if diff := cmp.Diff(tt.want, statuses); diff != "" {
				t.Errorf("statuses (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(dump(t, seq), dump(t, batch)); diff != "" {
				t.Errorf("stored rows (-one by one +batch):\n%s", diff)
			}
		})
	}
}

func TestWarehouse_WriteBatch_atomic(t *testing.T) {
	ctx := context.Background()
	bad := sample("bad")
	bad.Identity.DepartmentID = "dept-bad"
	bad.Narrative = append(bad.Narrative, model.NarrativeFact{Fact: "x", Value: dec("1e30")})
	good := func(id, dept string) *model.Disclosure {
		d := sample(id)
		d.Identity.DepartmentID = dept
		return d
	}
	tests := []struct {
		name string
		docs []*model.Disclosure
		hook func(*model.Disclosure) error
	}{
		{"amount out of range in the middle", []*model.Disclosure{good("g1", "d1"), bad, good("g2", "d2")}, nil},
		{"last document fails", []*model.Disclosure{good("g1", "d1"), good("g2", "d2"), bad}, nil},
		{"hook fails on the second", []*model.Disclosure{good("g1", "d1"), good("g2", "d2")}, func(d *model.Disclosure) error {
			if d.Identity.DocID == "g2" {
				return errors.New("injected")
			}
			return nil
		}},
		{"a document supersedes the stored one, then one fails", []*model.Disclosure{sample("new"), bad}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, _ := openTemp(t)
			if _, err := w.Write(ctx, sample("old")); err != nil {
				t.Fatal(err)
			}
			before := dump(t, w)
			testHookAfterFacts = tt.hook
			defer func() { testHookAfterFacts = nil }()
			if _, err := w.WriteBatch(ctx, tt.docs, WriteOptions{}); err == nil {
				t.Fatal("batch succeeded, want error")
			}
			if diff := cmp.Diff(before, dump(t, w)); diff != "" {
				t.Errorf("failed batch left rows (-before +after):\n%s", diff)
			}
			// The connection is still usable.
			testHookAfterFacts = nil
			if res, err := w.WriteBatch(ctx, []*model.Disclosure{good("g3", "d3")}, WriteOptions{}); err != nil || res[0].Status != WriteLoaded {
				t.Errorf("batch after failure = %+v, %v", res, err)
			}
		})
	}
}

func TestWarehouse_WriteBatch_refuses(t *testing.T) {
	w, _ := openTemp(t)
	ctx := context.Background()
	if _, err := w.WriteBatch(ctx, []*model.Disclosure{sample("a")}, WriteOptions{Replace: true}); !errors.Is(err, ErrBatchReplace) {
		t.Errorf("replace: err = %v, want ErrBatchReplace", err)
	}
	if _, err := w.WriteBatch(ctx, []*model.Disclosure{sample("a"), sample("")}, WriteOptions{}); !errors.Is(err, ErrNoDocID) {
		t.Errorf("no doc_id: err = %v, want ErrNoDocID", err)
	}
	if got := counts(t, w.DB())["documents"]; got != 0 {
		t.Errorf("%d documents stored by refused batches, want 0", got)
	}
}

func TestWarehouse_Statuses(t *testing.T) {
	ctx := context.Background()
	w, _ := openTemp(t)
	got, err := w.Statuses(ctx)
	if err != nil || len(got) != 0 {
		t.Fatalf("empty warehouse: %v, %v", got, err)
	}
	q := sample("q")
	q.Quarantine = []string{"no totals"}
	if _, err := w.WriteBatch(ctx, []*model.Disclosure{sample("a"), sample("b"), q}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	got, err = w.Statuses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "superseded", "b": "loaded", "q": "quarantined"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	for id, st := range want {
		if s, ok, err := w.Status(ctx, id); err != nil || !ok || s != st {
			t.Errorf("Status(%s) = %s, %v, %v; Statuses says %s", id, s, ok, err, st)
		}
	}
}
