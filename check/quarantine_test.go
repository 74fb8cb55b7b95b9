package check

import (
	"reflect"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/model"
)

func TestQuarantine(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(d *model.Disclosure)
		want   []string
	}{
		{"clean", func(d *model.Disclosure) {}, nil},
		{"unknown unit", func(d *model.Disclosure) { d.Identity.TableUnit = "" }, []string{ReasonUnitUnknown}},
		{"odd unit", func(d *model.Disclosure) { d.Identity.TableUnit = "美元" }, []string{ReasonUnitUnknown}},
		{"no year, no department", func(d *model.Disclosure) { d.Identity.FiscalYear, d.Identity.Department = 0, "" }, []string{ReasonNoYear, ReasonNoDepartment}},
		{"no expenditure tables", func(d *model.Disclosure) {
			d.FuncAmounts, d.Totals = nil, nil
		}, []string{ReasonNoExpenditure}},
		{"expenditure summary without amounts (blank template)", func(d *model.Disclosure) {
			for i := range d.FuncAmounts {
				d.FuncAmounts[i].Amount = w("0")
			}
			for i := range d.Totals {
				d.Totals[i].Amount = w("0")
			}
		}, []string{ReasonNoExpenditure}},
		{"interpret's reason kept, its topic not repeated", func(d *model.Disclosure) {
			d.Quarantine = []string{"no table states its unit (单位：万元 / 元)"}
			d.Identity.TableUnit = ""
		}, []string{"no table states its unit (单位：万元 / 元)"}},
		{"unreadable", func(d *model.Disclosure) { *d = model.Disclosure{} }, []string{ReasonUnreadable}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := shanxi()
			tt.mutate(d)
			if got := Quarantine(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Quarantine = %q, want %q", got, tt.want)
			}
		})
	}
	if got := Quarantine(nil); !reflect.DeepEqual(got, []string{ReasonUnreadable}) {
		t.Errorf("Quarantine(nil) = %q", got)
	}
}

// TestDocument_failClosed: with the table unit unknown the arithmetic rules
// report insufficient data (info), never an error of their own.
func TestDocument_failClosed(t *testing.T) {
	d := shanxi()
	d.Identity.TableUnit = ""
	for i := range d.Tables {
		d.Tables[i].Unit = ""
	}
	d.Tables[0].Unit = "万元" // one table known: its rules still run
	infos := 0
	for _, f := range Document(d) {
		switch {
		case f.Rule == "quarantine":
			if !strings.Contains(f.Message, ReasonUnitUnknown) {
				t.Errorf("quarantine finding %q", f.Message)
			}
		case f.Severity == model.SeverityInfo:
			if !strings.HasSuffix(f.Message, "insufficient data") {
				t.Errorf("info finding without insufficient data: %q", f.Message)
			}
			infos++
		case f.Severity == model.SeverityError:
			t.Errorf("error finding with unknown unit: %s %s", f.Rule, f.Message)
		}
	}
	if infos == 0 {
		t.Error("no insufficient-data findings with the unit unknown")
	}
}

func TestDocument_nil(t *testing.T) {
	if fs := Document(nil); fs != nil {
		t.Errorf("Document(nil) = %v", fs)
	}
}

// TestDocument_conflictingFacts: a 三公 item read twice with different
// amounts, or a total read as 0 beside its printed value, is not reported as
// a publication error.
func TestDocument_conflictingFacts(t *testing.T) {
	d := shanxi()
	d.ThreePublic = append(d.ThreePublic, model.ThreePublic{SourceTable: "three_public", Item: "total", Measure: "total", Amount: w("9.00"), SourceRef: ref(364)})
	d.Totals = append([]model.Total{total("summary", "expenditure_total", "当年支出小计", "total", "0", 98)}, d.Totals...)
	base := Document(shanxi())
	got := Document(d)
	fresh := newFindings(base, got)
	for _, f := range fresh {
		t.Errorf("unexpected %s %s: %s", f.Severity, f.Rule, f.Message)
	}
	found := false
	for _, f := range got {
		if f.Rule == "three_public.sum" && f.Severity == model.SeverityInfo && strings.Contains(f.Message, "read twice") {
			found = true
		}
	}
	if !found {
		t.Error("no insufficient-data finding for the conflicting 三公 item")
	}
}

// TestDocument_balanceWithoutGrandTotals: a summary table without 总计 rows
// and without carry-over balances its 本年 totals.
func TestDocument_balanceWithoutGrandTotals(t *testing.T) {
	drop := func(d *model.Disclosure) {
		var keep []model.Total
		for _, x := range d.Totals {
			if x.SourceTable != "summary" || (x.Key != "grand_income_total" && x.Key != "grand_expenditure_total") {
				keep = append(keep, x)
			}
		}
		d.Totals = keep
	}
	d := shanxi()
	drop(d)
	for _, f := range Document(d) {
		if f.Rule == "summary.balance" {
			t.Errorf("clean: %s %s", f.Severity, f.Message)
		}
	}
	d = shanxi()
	drop(d)
	for i, x := range d.Totals {
		if x.SourceTable == "summary" && x.Key == "income_total" {
			d.Totals[i].Amount = w("1147.30")
		}
	}
	n := 0
	for _, f := range Document(d) {
		if f.Rule == "summary.balance" && f.Severity == model.SeverityError {
			n++
		}
	}
	if n != 1 {
		t.Errorf("got %d summary.balance errors, want 1", n)
	}
}
