package schema

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/budgetwh/budgetwh/check"
	"github.com/budgetwh/budgetwh/identity"
	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
)

// decimalEqual compares amounts by value: the warehouse gives them back at
// the column's scale (1 → 1.00).
var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// storedView is what LoadDisclosure can give back of d: the fields the
// writer does not store, set as the loader sets them.
//   - Findings: only the parse-time ones (parse.*) — rule findings are
//     recreated by re-running the rules, and the writer's "quarantine"
//     findings are not part of the model.
//   - Raw: stored for quarantined documents only.
//   - MatchScore of a project/form without a match (Form/ProjectIndex -1):
//     the score column is NULL then, so it comes back 0.
func storedView(d *model.Disclosure, status string) *model.Disclosure {
	c := *d
	c.Findings = nil
	for _, f := range d.Findings {
		if strings.HasPrefix(f.Rule, ParseRulePrefix) {
			c.Findings = append(c.Findings, f)
		}
	}
	if status != model.StatusQuarantined {
		c.Raw = ""
	}
	c.Projects = append([]model.Project(nil), d.Projects...)
	for i := range c.Projects {
		if c.Projects[i].Form < 0 || c.Projects[i].Form >= len(d.Forms) {
			c.Projects[i].Form, c.Projects[i].MatchScore = -1, 0
		}
	}
	c.Forms = append([]model.PerfForm(nil), d.Forms...)
	for i := range c.Forms {
		if c.Forms[i].ProjectIndex < 0 || c.Forms[i].ProjectIndex >= len(d.Projects) {
			c.Forms[i].ProjectIndex, c.Forms[i].MatchScore = -1, 0
		}
	}
	return &c
}

func TestWarehouse_LoadDisclosure(t *testing.T) {
	ctx := context.Background()
	w, _ := openTemp(t)
	loaded := sample("doc-a")
	loaded.Findings = append(loaded.Findings,
		model.Finding{Rule: "parse.bad_amount", Severity: model.SeverityWarning, Message: "bad amount", Actual: "1,2,3", SourceRef: "line 77"},
		model.Finding{Rule: "parse.unaccounted_lines", Severity: model.SeverityInfo, Message: "1 line"})
	loaded.Projects[1].MatchScore = 0.41 // best score below the threshold: not stored
	quarantined := sample("doc-q")
	quarantined.Identity.FiscalYear = 2023 // another publication: does not supersede doc-a
	quarantined.Quarantine = []string{"unknown table unit"}
	quarantined.Raw = "原文\n第二行"
	quarantined.Findings = []model.Finding{{Rule: "parse.unknown_unit", Severity: model.SeverityError, Message: "unknown table unit: 万万元"}}
	for _, d := range []*model.Disclosure{loaded, quarantined} {
		if _, err := w.Write(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	quarantinedView := &model.Disclosure{
		Identity: quarantined.Identity, Lines: quarantined.Lines, Consumed: quarantined.Consumed,
		Quarantine: quarantined.Quarantine, Raw: quarantined.Raw, Findings: quarantined.Findings,
	}
	tests := []struct {
		name  string
		docID string
		want  *model.Disclosure
	}{
		{"loaded: every part of the model", "doc-a", storedView(loaded, model.StatusLoaded)},
		{"quarantined: identity, reasons, raw text, parse findings", "doc-q", quarantinedView},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := w.LoadDisclosure(ctx, tt.docID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, decimalEqual, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("LoadDisclosure (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := w.LoadDisclosure(ctx, "nope"); !errors.Is(err, ErrNoDocument) {
		t.Errorf("unknown doc_id: err = %v, want ErrNoDocument", err)
	}

	// Several documents in one read: each as loaded alone, in the order asked.
	batch, err := w.LoadDisclosures(ctx, []string{"doc-q", "doc-a", "doc-q"})
	if err != nil {
		t.Fatal(err)
	}
	want := []*model.Disclosure{quarantinedView, storedView(loaded, model.StatusLoaded), quarantinedView}
	if diff := cmp.Diff(want, batch, decimalEqual, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("LoadDisclosures (-want +got):\n%s", diff)
	}
	if _, err := w.LoadDisclosures(ctx, []string{"doc-a", "nope"}); !errors.Is(err, ErrNoDocument) {
		t.Errorf("a batch with an unknown doc_id: err = %v, want ErrNoDocument", err)
	}
}

// corpusDisclosure runs the Shanxi corpus text through the stages of
// app.DefaultPipeline (Load, Interpret, identity.Assign, check.Document,
// check.Quarantine) as app.parseOne does, and returns the disclosure and
// the findings check.Document gave.
func corpusDisclosure(t *testing.T) (*model.Disclosure, []model.Finding) {
	t.Helper()
	ctx := context.Background()
	srcs, err := ingest.Discover([]string{testutil.CorpusText(t)})
	if err != nil || len(srcs) != 1 {
		t.Fatalf("discover corpus text: %v (%d sources)", err, len(srcs))
	}
	l, err := ingest.Load(ctx, srcs[0])
	if err != nil {
		t.Fatal(err)
	}
	d := interpret.Interpret(ctx, l.Doc)
	id := &d.Identity
	id.DocID, id.SourcePaths = l.DocID, srcs[0].Paths()
	if id.SourceFormat == "" {
		id.SourceFormat = l.Doc.Format
	}
	if id.Bytes == 0 {
		id.Bytes = l.Doc.Bytes
	}
	if d.Lines == 0 {
		d.Lines = l.Doc.Lines
	}
	if d.Raw == "" {
		d.Raw = l.Doc.Raw
	}
	aliases, err := identity.LoadAliasesWith("")
	if err != nil {
		t.Fatal(err)
	}
	identity.Assign(id, aliases)
	fs := check.Document(d)
	d.Findings = append(d.Findings, fs...)
	d.Quarantine = check.Quarantine(d)
	return d, fs
}

// TestWarehouse_LoadDisclosure_corpus writes the corpus text, loads it back,
// and requires the same Disclosure (but for what is not stored, see
// storedView) and, decisively, the same findings from the rules.
func TestWarehouse_LoadDisclosure_corpus(t *testing.T) {
	ctx := context.Background()
	orig, origFindings := corpusDisclosure(t)
	if len(orig.Quarantine) > 0 {
		t.Fatalf("corpus text quarantined: %v", orig.Quarantine)
	}
	if len(orig.Projects) == 0 || len(orig.Forms) == 0 || len(orig.Narrative) == 0 || len(origFindings) == 0 {
		t.Fatalf("corpus text gave too little to compare: %d projects, %d forms, %d narrative facts, %d findings",
			len(orig.Projects), len(orig.Forms), len(orig.Narrative), len(origFindings))
	}
	w, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if res, err := w.Write(ctx, orig); err != nil || res.Status != model.StatusLoaded {
		t.Fatalf("write: %v (%+v)", err, res)
	}
	got, err := w.LoadDisclosure(ctx, orig.Identity.DocID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storedView(orig, model.StatusLoaded), got, decimalEqual, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("LoadDisclosure (-written +loaded):\n%s", diff)
	}
	if diff := cmp.Diff(origFindings, check.Document(got)); diff != "" {
		t.Errorf("check.Document on the loaded disclosure (-original +loaded):\n%s", diff)
	}
	if q := check.Quarantine(got); len(q) > 0 {
		t.Errorf("check.Quarantine on the loaded disclosure = %v, want none", q)
	}
}
