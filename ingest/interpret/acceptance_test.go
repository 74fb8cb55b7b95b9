package interpret

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/model"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func yuan(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func totalOf(d *model.Disclosure, key, table, measure string) (decimal.Decimal, int) {
	n := 0
	var v decimal.Decimal
	for _, t := range d.Totals {
		if t.Key == key && t.SourceTable == table && t.Measure == measure {
			v, n = t.Amount, n+1
		}
	}
	return v, n
}

// TestInterpret_acceptance asserts the figures of issue 2's acceptance,
// transcribed by hand from the corpus text (amounts in 万元 × 10,000).
func TestInterpret_acceptance(t *testing.T) {
	d, _ := corpus(t)
	checks := []struct {
		key, table, measure, want string
	}{
		{"income_total", "summary", "total", "11463000.00"},
		{"expenditure_total", "summary", "total", "11463000.00"},
		{"grand_income_total", "summary", "total", "11463000.00"},
		{"grand_expenditure_total", "summary", "total", "11463000.00"},
		{"general_public_budget", "summary", "total", "11463000.00"},
		{"government_fund", "summary", "total", "0"},
		{"carryover_in", "summary", "total", "0"},
		{"basic", "expenditure", "total", "4385000.00"},
		{"project", "expenditure", "total", "7078000.00"},
		{"table_total", "basic_econ", "total", "4385000.00"},
		{"personnel", "basic_econ", "total", "3888900.00"},
		{"public", "basic_econ", "total", "496100.00"},
		{"income_total", "fiscal_summary", "total", "11463000.00"},
	}
	for _, c := range checks {
		got, n := totalOf(d, c.key, c.table, c.measure)
		if n != 1 || !got.Equal(yuan(c.want)) {
			t.Errorf("total %s/%s/%s = %s (%d rows), want %s", c.key, c.table, c.measure, got, n, c.want)
		}
	}
	// Class-level functional amounts are the same in every table that has
	// them. The published class rows sum to 1,146.29万元, 0.01万元 short of
	// the printed total 1,146.30 (rounding in the publication itself: 493.40
	// + 435.00 + 39.02 + 11.80 + 15.00 + 100.00 + 41.07 + 11.00).
	for _, table := range []string{"summary", "income", "expenditure", "fiscal_summary", "general_budget_expenditure"} {
		sum := decimal.Zero
		classes := 0
		for _, f := range d.FuncAmounts {
			if f.SourceTable == table && f.Level == "class" && f.Measure == "total" {
				sum = sum.Add(f.Amount)
				classes++
			}
		}
		if classes != 8 || !sum.Equal(yuan("11462900")) {
			t.Errorf("%s: %d classes summing to %s, want 8 summing to 11462900", table, classes, sum)
		}
	}
	// 三公
	tp := map[string]decimal.Decimal{}
	for _, x := range d.ThreePublic {
		if x.Measure == "total" {
			tp[x.Item] = x.Amount
		}
	}
	for item, want := range map[string]string{"total": "29800", "reception": "29800", "outbound": "0", "vehicle_total": "0", "vehicle_purchase": "0", "vehicle_operation": "0"} {
		if got, ok := tp[item]; !ok || !got.Equal(yuan(want)) {
			t.Errorf("三公 %s = %v (present %v), want %s", item, got, ok, want)
		}
	}
	// econ: group rows of the department scheme sum to the basic total;
	// personnel + public likewise; the government scheme items too.
	var deptGroups, gov, pers, pub decimal.Decimal
	for _, e := range d.EconAmounts {
		switch {
		case e.Scheme == "department" && len(e.Code) == 3 && e.Measure == "total":
			deptGroups = deptGroups.Add(e.Amount)
		case e.Scheme == "government" && e.Measure == "total":
			gov = gov.Add(e.Amount)
		}
		if e.Scheme == "department" && len(e.Code) == 3 && e.Measure == "personnel" {
			pers = pers.Add(e.Amount)
		}
		if e.Scheme == "department" && len(e.Code) == 3 && e.Measure == "public" {
			pub = pub.Add(e.Amount)
		}
		if e.Code == "" {
			t.Errorf("unmapped economic name %q at %s", e.Name, e.SourceRef)
		}
	}
	// The department-scheme group rows sum to the table total; the items
	// (hence the government-scheme rows, one per item) sum to 438.51万元:
	// the 工资福利支出 items add up to 388.48 against a group row of 388.47
	// (a rounding defect of the publication, left to the checks).
	for name, c := range map[string]struct {
		got  decimal.Decimal
		want string
	}{"department groups": {deptGroups, "4385000"}, "government items": {gov, "4385100"}} {
		if !c.got.Equal(yuan(c.want)) {
			t.Errorf("econ %s sum = %s, want %s", name, c.got, c.want)
		}
	}
	if !pers.Equal(yuan("3888900")) || !pub.Equal(yuan("496100")) {
		t.Errorf("econ personnel %s public %s, want 3888900 and 496100", pers, pub)
	}
	// projects
	sum := decimal.Zero
	withForm := 0
	for _, p := range d.Projects {
		sum = sum.Add(p.Amount)
		if p.Form >= 0 {
			withForm++
			if d.Forms[p.Form].ProjectIndex < 0 || d.Projects[d.Forms[p.Form].ProjectIndex].Name != p.Name {
				t.Errorf("project %s and form %d not linked both ways", p.Name, p.Form)
			}
		} else if p.Name != "科技研发平台认定奖励" {
			t.Errorf("project %s has no form", p.Name)
		}
		if p.BudgetUnit != "侯马经济开发区管理委员会经济科技发展部" {
			t.Errorf("project %s budget unit %q", p.Name, p.BudgetUnit)
		}
	}
	if len(d.Projects) != 14 || !sum.Equal(yuan("7078000")) || withForm != 13 {
		t.Errorf("%d projects summing to %s with %d forms; want 14, 7078000, 13", len(d.Projects), sum, withForm)
	}
	for _, p := range d.Projects {
		if strings.Contains(p.Name, "数字双创") && (p.MatchScore >= 1 || p.MatchScore < MatchThreshold) {
			t.Errorf("数字双创 match score %v, want a fuzzy (<1) match", p.MatchScore)
		}
	}
	// prior-year total recoverable from the prose: total - change
	var change *decimal.Decimal
	for _, n := range d.Narrative {
		if n.Fact == "total_change" && n.Unit == "元" {
			v := n.Value
			change = &v
			break
		}
	}
	income, _ := totalOf(d, "income_total", "summary", "total")
	if change == nil || !income.Sub(*change).Equal(yuan("12186400")) {
		t.Errorf("prior-year total from prose: change %v, income %s; want 12186400", change, income)
	}
	// tables: all 13 of the template plus the catalogue, empty ones flagged
	empty := map[string]bool{}
	for _, tb := range d.Tables {
		empty[tb.Kind] = tb.Empty
		if tb.Unit == "" && tb.Kind != "purchase_catalogue" {
			t.Errorf("table %s without unit", tb.Kind)
		}
	}
	wantEmpty := map[string]bool{"summary": false, "income": false, "expenditure": false, "fiscal_summary": false, "general_budget_expenditure": false,
		"basic_econ": false, "gov_fund_income": true, "gov_fund_expenditure": true, "state_capital": true, "three_public": false,
		"operating_costs": true, "projects_current": false, "projects_carryover": true, "purchase_catalogue": true}
	if diff := cmp.Diff(wantEmpty, empty); diff != "" {
		t.Errorf("tables present/empty (-want +got):\n%s", diff)
	}
	// identity
	id := d.Identity
	if id.Department != "侯马经济开发区管理委员会经济科技发展部" || id.DepartmentCode != "604" || id.Region != "侯马经济开发区" ||
		id.FiscalYear != 2024 || id.Kind != "budget" || id.Level != "department" || id.TableUnit != "万元" {
		t.Errorf("identity %+v", id)
	}
	// nothing silently dropped
	if len(d.Unaccounted) != 0 || d.Consumed != d.Lines || d.Lines != 817 {
		t.Errorf("lines %d consumed %d unaccounted %v", d.Lines, d.Consumed, d.Unaccounted)
	}
	if len(d.Quarantine) != 0 {
		t.Errorf("quarantined: %v", d.Quarantine)
	}
	for _, f := range d.Findings {
		if f.Severity == model.SeverityError {
			t.Errorf("error finding %+v", f)
		}
	}
}

var amountCell = regexp.MustCompile(`(^|\t)([0-9][0-9,]*\.[0-9]{2})(\t|$)`)

// fullWidthAmounts rewrites the digits of amount cells (n.nn) as
// full-width digits.
func fullWidthAmounts(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.Contains(l, "绩效目标") {
			break // the forms keep field texts verbatim: rewrite the 13 tables only
		}
		for {
			nl := amountCell.ReplaceAllStringFunc(l, func(m string) string {
				var b strings.Builder
				for _, r := range m {
					if r >= '0' && r <= '9' {
						b.WriteRune(r - '0' + '０')
					} else {
						b.WriteRune(r)
					}
				}
				return b.String()
			})
			if nl == l {
				break
			}
			l = nl
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// TestInterpret_variants: encodings, line ends and full-width digits give
// identical facts (source paths and sizes aside).
func TestInterpret_variants(t *testing.T) {
	base, data := corpus(t)
	want := string(DumpWith(base, DumpOptions{NoIdentitySource: true, FormDetail: true, NarrativeDetail: true}))
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	gb18030, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	fw := fullWidthAmounts(string(data))
	if fw == string(data) || !strings.Contains(fw, "１１４６.３０") {
		t.Fatal("full-width rewrite changed nothing")
	}
	crlf := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }
	variants := map[string][]byte{
		"utf-8 bom":          append([]byte{0xEF, 0xBB, 0xBF}, data...),
		"gbk":                gbk,
		"gbk crlf":           crlf(gbk),
		"gb18030":            gb18030,
		"crlf":               crlf(data),
		"cr":                 bytes.ReplaceAll(data, []byte("\n"), []byte("\r")),
		"full-width amounts": []byte(fw),
	}
	for name, v := range variants {
		t.Run(name, func(t *testing.T) {
			d := interpretBytes(t, "copy-"+name+".txt", v)
			got := string(DumpWith(d, DumpOptions{NoIdentitySource: true, FormDetail: true, NarrativeDetail: true}))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("facts differ (-utf-8 +%s):\n%s", name, diff)
			}
		})
	}
}
