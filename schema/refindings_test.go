package schema

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/budgetwh/budgetwh/model"
)

func TestWarehouse_ReplaceFindingsBatch(t *testing.T) {
	ctx := context.Background()
	keepParse := func(f model.Finding) bool { return strings.HasPrefix(f.Rule, ParseRulePrefix) }
	parse := model.Finding{Rule: "parse.bad_amount", Severity: model.SeverityWarning, Message: "bad", SourceRef: "line 1"}
	ruleA := model.Finding{Rule: "summary.balance", Severity: model.SeverityError, Message: "a", Expected: "1", Actual: "2"}
	ruleB := model.Finding{Rule: "three_public.sum", Severity: model.SeverityWarning, Message: "b"}
	tests := []struct {
		name        string
		stored, new []model.Finding
		want        FindingsChange
		wantStored  []model.Finding
	}{
		{"unchanged", []model.Finding{parse, ruleA}, []model.Finding{ruleA}, FindingsChange{Kept: 1}, []model.Finding{parse, ruleA}},
		{"added and removed, parse kept first", []model.Finding{ruleA, parse}, []model.Finding{ruleB, ruleB},
			FindingsChange{Added: []model.Finding{ruleB, ruleB}, Removed: []model.Finding{ruleA}, Kept: 1}, []model.Finding{parse, ruleB, ruleB}},
		{"a duplicate removed", []model.Finding{ruleA, ruleA}, []model.Finding{ruleA},
			FindingsChange{Removed: []model.Finding{ruleA}}, []model.Finding{ruleA}},
		{"none stored, none new", nil, nil, FindingsChange{}, nil},
	}
	w, _ := openTemp(t)
	var batch []DocFindings
	for i, tt := range tests {
		d := sample(tt.name)
		d.Identity.FiscalYear = 2000 + i
		d.Findings = tt.stored
		if _, err := w.Write(ctx, d); err != nil {
			t.Fatal(err)
		}
		batch = append(batch, DocFindings{DocID: tt.name, Findings: tt.new})
	}
	got, err := w.ReplaceFindingsBatch(ctx, batch, keepParse)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, got[i], cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("change (-want +got):\n%s", diff)
			}
			var stored []model.Finding
			for _, r := range query(t, w.DB(), "SELECT rule, severity, message, expected, actual, source_ref FROM core.findings WHERE doc_id = ? ORDER BY seq", tt.name) {
				for j := range r {
					if r[j] == "NULL" {
						r[j] = ""
					}
				}
				stored = append(stored, model.Finding{Rule: r[0], Severity: r[1], Message: r[2], Expected: r[3], Actual: r[4], SourceRef: r[5]})
			}
			if diff := cmp.Diff(tt.wantStored, stored, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("stored findings (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := w.ReplaceFindingsBatch(ctx, []DocFindings{{DocID: "nope", Findings: []model.Finding{ruleA}}}, keepParse); !errors.Is(err, ErrNoDocument) {
		t.Errorf("unknown document: err = %v, want ErrNoDocument", err)
	}
	ro := &Warehouse{readOnly: true} // refused before any statement
	if _, err := ro.ReplaceFindingsBatch(ctx, batch, keepParse); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only warehouse: err = %v, want ErrReadOnly", err)
	}
	if _, err := ro.ReplaceFindings(ctx, "x", keepParse, nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only warehouse, one document: err = %v, want ErrReadOnly", err)
	}
}
