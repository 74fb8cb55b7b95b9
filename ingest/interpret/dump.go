package interpret

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// DumpOptions select how much of the parts built by other packages (forms,
// prose) Dump writes in detail.
type DumpOptions struct {
	// FormDetail writes every form field and indicator (else one line per
	// form with counts).
	FormDetail bool
	// NarrativeDetail writes every narrative fact (else their count).
	NarrativeDetail bool
	// NoIdentitySource omits source paths and byte size (for comparing
	// variants of the same publication).
	NoIdentitySource bool
}

// Dump renders a Disclosure as stable, readable text (one fact per line,
// tab-separated, amounts in yuan with two decimals), for golden files and
// for a person checking the facts against the source by hand.
func Dump(d *model.Disclosure) []byte {
	return DumpWith(d, DumpOptions{FormDetail: true, NarrativeDetail: true})
}

// DumpWith renders a Disclosure with options.
func DumpWith(d *model.Disclosure, o DumpOptions) []byte {
	var b bytes.Buffer
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	id := d.Identity
	p("# identity\n")
	if !o.NoIdentitySource {
		p("doc_id\t%s\nsource_paths\t%s\nbytes\t%d\n", id.DocID, strings.Join(id.SourcePaths, " | "), id.Bytes)
	}
	p("source_format\t%s\ndepartment\t%s\ndepartment_names\t%s\ndepartment_code\t%s\ndepartment_id\t%s\nregion\t%s\nfiscal_year\t%d\nkind\t%s\nlevel\t%s\ntable_unit\t%s\n",
		id.SourceFormat, id.Department, strings.Join(id.DepartmentNames, " | "), id.DepartmentCode, id.DepartmentID, id.Region, id.FiscalYear, id.Kind, id.Level, id.TableUnit)
	p("\n# tables (%d): kind number title unit rows empty note ref\n", len(d.Tables))
	for _, t := range d.Tables {
		p("%s\t%s\t%s\t%s\t%d\t%v\t%s\t%s\n", t.Kind, t.Number, t.Title, t.Unit, t.Rows, t.Empty, oneLine(t.Note), t.SourceRef)
	}
	p("\n# totals (%d): key measure source_table amount label ref\n", len(d.Totals))
	for _, t := range d.Totals {
		p("%s\t%s\t%s\t%s\t%s\t%s\n", t.Key, t.Measure, t.SourceTable, amt(t.Amount), t.Label, t.SourceRef)
	}
	p("\n# func_amounts (%d): source_table code level measure amount name ref\n", len(d.FuncAmounts))
	for _, f := range d.FuncAmounts {
		p("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f.SourceTable, f.Code, f.Level, f.Measure, amt(f.Amount), f.Name, f.SourceRef)
	}
	p("\n# econ_amounts (%d): source_table scheme code parent measure amount name ref\n", len(d.EconAmounts))
	for _, e := range d.EconAmounts {
		p("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.SourceTable, e.Scheme, e.Code, e.ParentCode, e.Measure, amt(e.Amount), e.Name, e.SourceRef)
	}
	p("\n# three_public (%d): source_table item measure amount label ref\n", len(d.ThreePublic))
	for _, t := range d.ThreePublic {
		p("%s\t%s\t%s\t%s\t%s\t%s\n", t.SourceTable, t.Item, t.Measure, amt(t.Amount), t.Label, t.SourceRef)
	}
	p("\n# projects (%d): source_table budget_unit name amount funds form score ref\n", len(d.Projects))
	for _, pr := range d.Projects {
		var funds []string
		for _, f := range pr.Funds {
			funds = append(funds, f.Measure+"="+amt(f.Amount))
		}
		p("%s\t%s\t%s\t%s\t%s\t%d\t%.3f\t%s\n", pr.SourceTable, pr.BudgetUnit, pr.Name, amt(pr.Amount), strings.Join(funds, ","), pr.Form, pr.MatchScore, pr.SourceRef)
	}
	p("\n# forms (%d): scope project department_code period_total annual_total project_index score indicators ref\n", len(d.Forms))
	for _, f := range d.Forms {
		p("%s\t%s\t%s\t%s\t%s\t%d\t%.3f\t%d\t%s\n", f.Scope, f.Project, f.DepartmentCode, optAmt(f.PeriodTotal), optAmt(f.AnnualTotal), f.ProjectIndex, f.MatchScore, len(f.Indicators), f.SourceRef)
		if !o.FormDetail {
			continue
		}
		for _, fl := range f.Fields {
			p("  field\t%s\t%s\t%s\n", fl.Label, oneLine(fl.Value), fl.SourceRef)
		}
		for _, in := range f.Indicators {
			p("  indicator\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", in.Scope, in.Level1, in.Level2, in.Level3, in.ValueText, in.Comparator, optAmtRaw(in.ValueNum), in.ValueUnit, in.SourceRef)
		}
	}
	if o.NarrativeDetail {
		p("\n# narrative (%d): fact value unit ref text\n", len(d.Narrative))
		for _, n := range d.Narrative {
			p("%s\t%s\t%s\t%s\t%s\n", n.Fact, n.Value.String(), n.Unit, n.SourceRef, oneLine(n.Text))
		}
	} else {
		p("\n# narrative (%d)\n", len(d.Narrative))
	}
	p("\n# paragraphs (%d): ref section text\n", len(d.Paragraphs))
	for _, pa := range d.Paragraphs {
		p("%s\t%s\t%s\n", pa.SourceRef, pa.Section, oneLine(pa.Text))
	}
	p("\n# cells (%d): table row col text ref\n", len(d.Cells))
	for _, c := range d.Cells {
		p("%d\t%d\t%d\t%s\t%s\n", c.TableIndex, c.Row, c.Col, c.Text, c.SourceRef)
	}
	p("\n# unaccounted (%d): ref reason text\n", len(d.Unaccounted))
	for _, u := range d.Unaccounted {
		p("%s\t%s\t%s\n", u.SourceRef, u.Reason, oneLine(u.Text))
	}
	p("\n# findings (%d): rule severity ref message expected actual\n", len(d.Findings))
	for _, f := range d.Findings {
		p("%s\t%s\t%s\t%s\t%s\t%s\n", f.Rule, f.Severity, f.SourceRef, f.Message, f.Expected, f.Actual)
	}
	p("\n# quarantine (%d)\n", len(d.Quarantine))
	for _, q := range d.Quarantine {
		p("%s\n", q)
	}
	p("\n# lines\nlines\t%d\nconsumed\t%d\nunaccounted\t%d\nfacts\t%d\n", d.Lines, d.Consumed, len(d.Unaccounted), d.Facts())
	return b.Bytes()
}

func amt(d decimal.Decimal) string { return d.StringFixed(2) }

func optAmt(d *decimal.Decimal) string {
	if d == nil {
		return "-"
	}
	return d.StringFixed(2)
}

func optAmtRaw(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r", " ")
	s = strings.ReplaceAll(s, "\n", " ⏎ ")
	return strings.ReplaceAll(s, "\t", " ")
}
