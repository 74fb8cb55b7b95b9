package app

import (
	"context"
	"errors"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema"
)

// storedFindings returns a document's stored findings as sorted lines.
func storedFindings(t *testing.T, w *schema.Warehouse, docID string) []string {
	t.Helper()
	rows, err := w.DB().Query(`SELECT rule, severity, COALESCE(message, ''), COALESCE(source_ref, '') FROM core.findings WHERE doc_id = ?`, docID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r, s, m, ref string
		if err := rows.Scan(&r, &s, &m, &ref); err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.Join([]string{r, s, m, ref}, " | "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func rules(fs []model.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	sort.Strings(out)
	return out
}

func TestRecheck(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "w.duckdb")
	rep, err := Ingest(ctx, IngestOptions{DB: db}, []string{testutil.CorpusText(t)})
	if err != nil {
		t.Fatal(err)
	}
	docID := rep.Docs[0].DocID
	w, err := schema.Open(ctx, db, schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	// A quarantined document: skipped, its findings untouched.
	q := &model.Disclosure{Identity: model.Identity{DocID: "q0", SourcePaths: []string{"q.txt"}},
		Quarantine: []string{"unreadable"}, Raw: "x",
		Findings: []model.Finding{{Rule: "parse.no_expenditure_table", Severity: model.SeverityError, Message: "none"}}}
	if _, err := w.Write(ctx, q); err != nil {
		t.Fatal(err)
	}
	ingested := storedFindings(t, w, docID)
	quarantined := storedFindings(t, w, "q0")
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := w.DB().ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name        string
		prefix      string
		tamper      func()
		wantAdded   []string
		wantRemoved []string
		wantStored  []string // nil: as ingested
	}{
		{name: "unchanged rules change nothing", prefix: ""},
		{
			name:   "a deleted rule finding is restored",
			prefix: docID[:8],
			tamper: func() {
				exec(`DELETE FROM core.findings WHERE doc_id = ? AND seq = (SELECT min(seq) FROM core.findings WHERE doc_id = ? AND rule = 'forms.cost_indicator')`, docID, docID)
			},
			wantAdded: []string{"forms.cost_indicator"},
		},
		{
			name: "a stale rule finding is removed, parse and quarantine findings are kept",
			tamper: func() {
				exec(`INSERT INTO core.findings VALUES (?, 1000, 'retired.rule', 'error', 'gone', NULL, NULL, NULL)`, docID)
				exec(`INSERT INTO core.findings VALUES (?, 1001, 'parse.bad_amount', 'warning', 'kept', NULL, NULL, 'line 1')`, docID)
				exec(`INSERT INTO core.findings VALUES (?, 1002, 'quarantine', 'error', 'kept too', NULL, NULL, NULL)`, docID)
			},
			wantRemoved: []string{"retired.rule"},
			wantStored: append(append([]string(nil), ingested...),
				"parse.bad_amount | warning | kept | line 1", "quarantine | error | kept too | "),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.tamper != nil {
				tt.tamper()
			}
			rep, err := Recheck(ctx, w, tt.prefix)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Docs) != 1 || rep.Docs[0].DocID != docID {
				t.Fatalf("rechecked %+v, want the corpus document only", rep.Docs)
			}
			if tt.prefix == "" && (len(rep.Skipped) != 1 || rep.Skipped[0] != "q0") {
				t.Errorf("skipped = %v, want [q0]", rep.Skipped)
			}
			d := rep.Docs[0]
			if diff := cmp.Diff(tt.wantAdded, rules(d.Added)); diff != "" {
				t.Errorf("added (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantRemoved, rules(d.Removed)); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
			if len(d.Quarantine) != 0 {
				t.Errorf("quarantine reasons %v for a loaded document", d.Quarantine)
			}
			if rep.CorpusFindings < 0 {
				t.Errorf("cross-document rules did not run")
			}
			want := tt.wantStored
			if want == nil {
				want = ingested
			}
			sort.Strings(want)
			if diff := cmp.Diff(want, storedFindings(t, w, docID)); diff != "" {
				t.Errorf("stored findings (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(quarantined, storedFindings(t, w, "q0")); diff != "" {
				t.Errorf("quarantined document's findings changed (-before +after):\n%s", diff)
			}
		})
	}
	if _, err := Recheck(ctx, w, "ffffffffffffx"); !errors.Is(err, ErrNoDocument) {
		t.Errorf("unknown prefix: err = %v, want ErrNoDocument", err)
	}
}

// TestRecheck_quarantineReported: a stored document that the quarantine
// policy would now refuse (its table unit erased) is reported, its status
// kept, and no quarantine finding is stored for it.
func TestRecheck_quarantineReported(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "w.duckdb")
	rep, err := Ingest(ctx, IngestOptions{DB: db}, []string{testutil.CorpusText(t)})
	if err != nil {
		t.Fatal(err)
	}
	docID := rep.Docs[0].DocID
	w, err := schema.Open(ctx, db, schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.DB().ExecContext(ctx, `UPDATE core.documents SET table_unit = NULL WHERE doc_id = ?`, docID); err != nil {
		t.Fatal(err)
	}
	rr, err := Recheck(ctx, w, "")
	if err != nil {
		t.Fatal(err)
	}
	d := rr.Docs[0]
	if len(d.Quarantine) != 1 || !strings.Contains(d.Quarantine[0], "unit") {
		t.Errorf("quarantine reasons = %q, want the unknown unit", d.Quarantine)
	}
	for _, f := range d.Added {
		if f.Rule == ruleQuarantine {
			t.Errorf("a quarantine finding was stored for a document whose status is kept: %+v", f)
		}
	}
	if st, _, err := w.Status(ctx, docID); err != nil || st != model.StatusLoaded {
		t.Errorf("status = %q, %v; want loaded (a re-run never changes it)", st, err)
	}
	var buf strings.Builder
	if err := WriteRecheckReport(&buf, rr); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "! would be quarantined (status loaded kept") {
		t.Errorf("report does not name the quarantine verdict:\n%s", buf.String())
	}
}
