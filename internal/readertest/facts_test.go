package readertest

import (
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

func sample() *model.Disclosure {
	return &model.Disclosure{
		Identity: model.Identity{DocID: "aaa", Department: "某部门", FiscalYear: 2024, SourceFormat: "text"},
		Totals: []model.Total{
			{Key: "income_total", Measure: "total", SourceTable: "summary", Amount: decimal.RequireFromString("11463000"), Label: "本年收入合计", SourceRef: "line 40"},
			{Key: "expenditure_total", Measure: "total", SourceTable: "summary", Amount: decimal.RequireFromString("11463000"), Label: "本年支出合计", SourceRef: "line 41"},
		},
		ThreePublic: []model.ThreePublic{{SourceTable: "three_public", Item: "reception", Measure: "total", Amount: decimal.RequireFromString("29800"), SourceRef: "line 90"}},
		Projects:    []model.Project{{SourceTable: "projects_current", Name: "环保宣传", Amount: decimal.RequireFromString("30000"), Form: 0, SourceRef: "line 100"}},
		Forms:       []model.PerfForm{{Scope: model.FormProject, Project: "环保宣传", ProjectIndex: 0, SourceRef: "line 500"}},
		Narrative:   []model.NarrativeFact{{Fact: "total_change", Value: decimal.RequireFromString("-723400"), Unit: "元", Text: "比上年减少72.34万元", SourceRef: "line 300"}},
	}
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *model.Disclosure)
		kinds  []Kind
		want   []string // substrings of the diff; none: no difference
	}{
		{"same", func(*model.Disclosure) {}, AllKinds, nil},
		{"refs, doc_id, format and fact order are not facts", func(d *model.Disclosure) {
			d.Identity.DocID, d.Identity.SourceFormat = "bbb", "xlsx"
			d.Totals[0].SourceRef, d.Projects[0].SourceRef = "sheet 1 row 5", "page 3 line 2"
			d.Totals[0], d.Totals[1] = d.Totals[1], d.Totals[0]
		}, AllKinds, nil},
		{"amount", func(d *model.Disclosure) { d.Totals[1].Amount = decimal.RequireFromString("11463000.01") }, AllKinds, []string{"totals: 2 rows vs 2 rows", "expenditure_total"}},
		{"missing row", func(d *model.Disclosure) { d.ThreePublic = nil }, AllKinds, []string{"three_public: 1 rows vs 0 rows", "reception"}},
		{"measure", func(d *model.Disclosure) { d.ThreePublic[0].Measure = "general_public_budget" }, AllKinds, []string{"three_public", "general_public_budget"}},
		{"form match lost", func(d *model.Disclosure) { d.Projects[0].Form, d.Forms[0].ProjectIndex = -1, -1 }, AllKinds, []string{"projects: 1 rows vs 1 rows", "forms: 1 rows vs 1 rows"}},
		{"identity", func(d *model.Disclosure) { d.Identity.FiscalYear = 2023 }, AllKinds, []string{"identity:", "fiscal_year\t2023"}},
		{"kind left out is not compared", func(d *model.Disclosure) { d.Narrative = nil }, TableKinds, nil},
		{"kind listed is compared", func(d *model.Disclosure) { d.Narrative = nil }, []Kind{Narrative}, []string{"narrative: 1 rows vs 0 rows"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := sample()
			tt.change(b)
			got := Diff(sample(), b, tt.kinds)
			if len(tt.want) == 0 && got != "" {
				t.Fatalf("unexpected difference:\n%s", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("diff lacks %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestFacts(t *testing.T) {
	f := Facts(sample(), []Kind{Totals, Kind("bogus")})
	if len(f[Totals]) != 2 || !strings.HasPrefix(f[Totals][0], "expenditure_total\ttotal\tsummary\t11463000.00") {
		t.Errorf("totals rows: %q", f[Totals])
	}
	if len(f["bogus"]) != 1 || !strings.Contains(f["bogus"][0], "unknown fact kind") {
		t.Errorf("an unknown kind must render a row that makes any comparison with a real kind fail: %q", f["bogus"])
	}
	if Count(f) != 3 {
		t.Errorf("Count = %d, want 3", Count(f))
	}
}

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper()                        {}
func (r *recorder) Errorf(format string, a ...any) { r.errs = append(r.errs, format) }

func TestEquivalent(t *testing.T) {
	tests := []struct {
		name  string
		b     func() *model.Disclosure
		min   int
		fails int
	}{
		{"same", sample, 1, 0},
		{"different", func() *model.Disclosure { d := sample(); d.Totals = d.Totals[:1]; return d }, 1, 1},
		{"too few facts", sample, 100, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			Equivalent(r, "a", sample(), "b", tt.b(), AllKinds, tt.min)
			if len(r.errs) != tt.fails {
				t.Errorf("%d failures %q, want %d", len(r.errs), r.errs, tt.fails)
			}
		})
	}
}

func TestDiffKnown(t *testing.T) {
	lessTotal := func() *model.Disclosure { d := sample(); d.Totals = d.Totals[:1]; return d }
	expRow := Facts(sample(), []Kind{Totals})[Totals][0] // expenditure_total sorts first
	tests := []struct {
		name  string
		b     *model.Disclosure
		known []Known
		want  []string
	}{
		{"known row taken out", lessTotal(), []Known{{Kind: Totals, Ref: []string{expRow}, Why: "test"}}, nil},
		{"unknown difference still reported", lessTotal(), []Known{{Kind: ThreePublic, Ref: nil, Other: nil}}, []string{"totals: 2 rows vs 1 rows"}},
		{"fixed defect: the known row is now on both sides", sample(), []Known{{Kind: Totals, Ref: []string{expRow}, Why: "fixed since"}}, []string{"totals: 1 rows vs 2 rows"}},
		{"stale known row", sample(), []Known{{Kind: Totals, Ref: []string{"nothing"}, Why: "fixed since"}}, []string{"known difference no longer in the reference reading", "fixed since"}},
		{"stale other row", sample(), []Known{{Kind: Totals, Other: []string{"nothing"}}}, []string{"no longer in the other reading"}},
		{"kind not compared", sample(), []Known{{Kind: Narrative}}, []string{"not compared"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kinds := []Kind{Totals, ThreePublic}
			got := DiffKnown(sample(), tt.b, kinds, tt.known)
			if len(tt.want) == 0 && got != "" {
				t.Fatalf("unexpected difference:\n%s", got)
			}
			if len(tt.want) > 0 && got == "" {
				t.Fatal("no difference reported")
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("diff lacks %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestFromTables(t *testing.T) {
	d := FromTables(sample(), "summary")
	if len(d.Totals) != 2 || len(d.ThreePublic) != 0 || len(d.Projects) != 0 || len(d.Narrative) != 0 || len(d.Forms) != 0 {
		t.Errorf("FromTables(summary) kept %d totals, %d 三公, %d projects, %d narrative, %d forms; want 2 totals only",
			len(d.Totals), len(d.ThreePublic), len(d.Projects), len(d.Narrative), len(d.Forms))
	}
	p := FromTables(sample(), "projects_current")
	if len(p.Projects) != 1 || p.Projects[0].Form != -1 || sample().Projects[0].Form != 0 {
		t.Errorf("projects: %+v", p.Projects)
	}
}
