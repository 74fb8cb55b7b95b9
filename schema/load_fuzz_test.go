package schema

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/budgetwh/budgetwh/model"
)

// FuzzWarehouse_LoadDisclosure: a disclosure that Write accepts comes back
// from LoadDisclosure as written, text with invalid UTF-8 replaced as the
// writer replaces it and amounts rounded to their column's scale.
func FuzzWarehouse_LoadDisclosure(f *testing.F) {
	f.Add("数字双创建设运营费", "500000.00", "95", 0.93, true)
	f.Add("", "-12.345", "0.0000005", 0.0, false)
	f.Add("a\xffb\x00c", "99999999999999999.99", "-1e-7", 1.0, true)
	f.Add("\t  ", "1e3", "123456789012345678.123456", -0.5, false)
	w, err := Open(context.Background(), "", Options{Now: fixedNow})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { w.Close() })
	n := 0
	f.Fuzz(func(t *testing.T, text, amt, num string, score float64, matched bool) {
		a, err := decimal.NewFromString(amt)
		if err != nil {
			return
		}
		v, err := decimal.NewFromString(num)
		if err != nil {
			return
		}
		// Amounts reach the writer from the parsers, which bound them to 30
		// digits; a huge exponent would only measure big.Int.
		for _, x := range []decimal.Decimal{a, v} {
			if x.NumDigits() > 40 || x.Exponent() < -40 || x.Exponent() > 40 {
				return
			}
		}
		n++
		d := sample(fmt.Sprintf("fuzz-%d", n))
		d.Identity.FiscalYear = 1000 + n // no supersede between iterations
		d.Identity.Department = text
		d.Identity.DepartmentNames = []string{text}
		d.Tables[0].Title = text
		d.Totals[0].Label, d.Totals[0].Amount = text, a
		d.Projects[0].BudgetUnit, d.Projects[0].MatchScore = text, score
		d.Projects[0].Funds[0].Amount = a
		if !matched {
			d.Projects[0].Form, d.Forms[0].ProjectIndex = -1, -1
		}
		d.Forms[0].Overview, d.Forms[0].AnnualTotal = text, &a
		d.Forms[0].Fields[0].Value = text
		d.Forms[0].Indicators[0].ValueText, d.Forms[0].Indicators[0].ValueNum = text, &v
		d.Narrative[0].Text, d.Narrative[0].Value = text, v
		d.Paragraphs[0].Text = text + "." // NOT NULL column: never empty
		d.Cells[0].Text = text
		d.Unaccounted[0].Reason = text
		d.Findings = []model.Finding{{Rule: "parse.bad_amount", Severity: model.SeverityWarning, Message: text, Actual: text}}
		if _, err := w.Write(context.Background(), d); err != nil {
			return // refused as a whole (e.g. an amount out of range): nothing to load
		}
		got, err := w.LoadDisclosure(context.Background(), d.Identity.DocID)
		if err != nil {
			t.Fatalf("load: %v", err)
		}
		want := storedView(d, model.StatusLoaded)
		s := validUTF8(text)
		ra, rv4, rv6 := a.Round(2), v.Round(4), v.Round(6)
		want.Identity.Department = s
		want.Identity.DepartmentNames = []string{s}
		want.Tables = append([]model.TableMeta(nil), d.Tables...)
		want.Tables[0].Title = s
		want.Totals = append([]model.Total(nil), d.Totals...)
		want.Totals[0].Label, want.Totals[0].Amount = s, ra
		want.Projects[0].BudgetUnit = s
		want.Projects[0].Funds = []model.Measured{{Measure: d.Projects[0].Funds[0].Measure, Amount: ra}}
		want.Forms[0].Overview, want.Forms[0].AnnualTotal = s, &ra
		want.Forms[0].Fields = []model.Field{{Label: d.Forms[0].Fields[0].Label, Value: s, SourceRef: d.Forms[0].Fields[0].SourceRef}}
		in := d.Forms[0].Indicators[0]
		in.ValueText, in.ValueNum = s, &rv6
		want.Forms[0].Indicators = []model.Indicator{in}
		want.Narrative = []model.NarrativeFact{d.Narrative[0]}
		want.Narrative[0].Text, want.Narrative[0].Value = s, rv4
		want.Paragraphs = []model.Paragraph{d.Paragraphs[0]}
		want.Paragraphs[0].Text = validUTF8(text + ".")
		want.Cells = []model.Cell{d.Cells[0]}
		want.Cells[0].Text = s
		want.Unaccounted = []model.Unaccounted{d.Unaccounted[0]}
		want.Unaccounted[0].Reason = s
		want.Findings = []model.Finding{{Rule: "parse.bad_amount", Severity: model.SeverityWarning, Message: s, Actual: s}}
		if diff := cmp.Diff(want, got, decimalEqual, cmpopts.EquateEmpty(), cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("LoadDisclosure (-written +loaded):\n%s", diff)
		}
	})
}
