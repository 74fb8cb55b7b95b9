package check

import (
	"context"
	"testing"

	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema"
)

// TestCorpus writes three documents of one year, one of which names code
// 210 differently, plus one quarantined document, and expects one finding
// for the deviating loaded document.
func TestCorpus(t *testing.T) {
	ctx := context.Background()
	w, err := schema.Open(ctx, ":memory:", schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	mk := func(id, dept, name210 string, quarantine bool) *model.Disclosure {
		d := shanxi()
		d.Identity.DocID, d.Identity.Department, d.Identity.SourcePaths = id, dept, []string{id + ".txt"}
		for i := range d.FuncAmounts {
			if d.FuncAmounts[i].Code == "210" {
				d.FuncAmounts[i].Name = name210
			}
		}
		if quarantine {
			d.Quarantine = []string{"test"}
		}
		return d
	}
	for _, d := range []*model.Disclosure{
		mk("a", "甲部门", "卫生健康支出", false),
		mk("b", "乙部门", "卫生 健康支出", false), // whitespace only: same wording
		mk("c", "丙部门", "医疗卫生与计划生育支出", false),
		mk("q", "丁部门", "医疗卫生与计划生育支出", true), // quarantined: not counted
	} {
		if _, err := w.Write(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Corpus(ctx, w.DB())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		for _, f := range got {
			t.Logf("%s %s", f.DocID, f.Message)
		}
		t.Fatalf("got %d findings, want 1", len(got))
	}
	f := got[0]
	if f.DocID != "c" || f.Rule != CorpusRuleFuncName || f.Expected != "卫生 健康支出" && f.Expected != "卫生健康支出" || f.Actual != "医疗卫生与计划生育支出" || f.SourceRef == "" {
		t.Errorf("finding = %+v", f)
	}
}
