package readertest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/budgetwh/budgetwh/model"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// Kind names one kind of fact row: a fact view of the warehouse contract or
// another part of a model.Disclosure that the warehouse stores.
type Kind string

// The fact kinds. Each renders its rows without source_ref and doc_id;
// labels, names and titles without white space, longer texts with runs of
// white space as one space.
const (
	// Identity: department, names, code, region, fiscal year, kind, level,
	// table unit (not the source path, format or size).
	Identity Kind = "identity"
	// Tables: kind, number, title, unit, data rows, empty, note.
	Tables Kind = "tables"
	// Totals: key, measure, source table, amount, label.
	Totals Kind = "totals"
	// FuncAmounts: source table, code, level, measure, amount, name.
	FuncAmounts Kind = "func_amounts"
	// EconAmounts: source table, scheme, code, parent, measure, amount, name.
	EconAmounts Kind = "econ_amounts"
	// ThreePublic: source table, item, measure, amount, label.
	ThreePublic Kind = "three_public"
	// Projects: source table, budget unit, name, amount, funds, whether a
	// form was matched.
	Projects Kind = "projects"
	// Forms: one row per form (scope, project, department code, totals) and
	// one per field and per indicator.
	Forms Kind = "forms"
	// Narrative: fact, value, unit, sentence.
	Narrative Kind = "narrative"
	// Paragraphs: section, text.
	Paragraphs Kind = "paragraphs"
	// Findings: rule, severity, expected, actual (messages may quote refs).
	Findings Kind = "findings"
	// Unaccounted: lines neither fact nor structure (reason, text).
	Unaccounted Kind = "unaccounted"
)

// AllKinds are every fact kind: what two readings of the same text must
// agree on.
var AllKinds = []Kind{Identity, Tables, Totals, FuncAmounts, EconAmounts, ThreePublic, Projects, Forms, Narrative, Paragraphs, Findings, Unaccounted}

// TableKinds are the kinds a tables-only workbook carries: everything but
// the prose (Narrative, Paragraphs) and what depends on it (Findings, whose
// rules compare prose with tables). Identity is left out too: a workbook has
// no cover page, so region and the document title are not in it.
var TableKinds = []Kind{Tables, Totals, FuncAmounts, EconAmounts, ThreePublic, Projects, Forms}

// Facts renders the rows of the given kinds, each sorted (a multiset: the
// order of facts in a document is not a fact).
func Facts(d *model.Disclosure, kinds []Kind) map[Kind][]string {
	out := map[Kind][]string{}
	for _, k := range kinds {
		rows := render(d, k)
		sort.Strings(rows)
		out[k] = rows
	}
	return out
}

// Count returns the number of rows over all kinds.
func Count(f map[Kind][]string) int {
	n := 0
	for _, rows := range f {
		n += len(rows)
	}
	return n
}

func amt(d decimal.Decimal) string { return d.StringFixed(2) }

func opt(d *decimal.Decimal) string {
	if d == nil {
		return "-"
	}
	return d.StringFixed(2)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// label returns a published label or name without white space: "2. 政府性基金预算"
// in a workbook and "2.政府性基金预算" in a PDF are the same label (spacing
// between CJK glyphs is layout, not text).
func label(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func render(d *model.Disclosure, k Kind) []string {
	var out []string
	p := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	switch k {
	case Identity:
		id := d.Identity
		p("department\t%s", id.Department)
		p("department_names\t%s", strings.Join(id.DepartmentNames, " | "))
		p("department_code\t%s", id.DepartmentCode)
		p("region\t%s", id.Region)
		p("fiscal_year\t%d", id.FiscalYear)
		p("kind\t%s", id.Kind)
		p("level\t%s", id.Level)
		p("table_unit\t%s", id.TableUnit)
	case Tables:
		for _, t := range d.Tables {
			p("%s\t%s\t%s\t%s\t%d\t%v\t%s", t.Kind, t.Number, label(t.Title), t.Unit, t.Rows, t.Empty, oneLine(t.Note))
		}
	case Totals:
		for _, t := range d.Totals {
			p("%s\t%s\t%s\t%s\t%s", t.Key, t.Measure, t.SourceTable, amt(t.Amount), label(t.Label))
		}
	case FuncAmounts:
		for _, f := range d.FuncAmounts {
			p("%s\t%s\t%s\t%s\t%s\t%s", f.SourceTable, f.Code, f.Level, f.Measure, amt(f.Amount), label(f.Name))
		}
	case EconAmounts:
		for _, e := range d.EconAmounts {
			p("%s\t%s\t%s\t%s\t%s\t%s\t%s", e.SourceTable, e.Scheme, e.Code, e.ParentCode, e.Measure, amt(e.Amount), label(e.Name))
		}
	case ThreePublic:
		for _, t := range d.ThreePublic {
			p("%s\t%s\t%s\t%s\t%s", t.SourceTable, t.Item, t.Measure, amt(t.Amount), label(t.Label))
		}
	case Projects:
		for _, pr := range d.Projects {
			var funds []string
			for _, f := range pr.Funds {
				funds = append(funds, f.Measure+"="+amt(f.Amount))
			}
			form := "-"
			if pr.Form >= 0 && pr.Form < len(d.Forms) {
				form = d.Forms[pr.Form].Project
			}
			p("%s\t%s\t%s\t%s\t%s\tform=%s", pr.SourceTable, pr.BudgetUnit, pr.Name, amt(pr.Amount), strings.Join(funds, ","), form)
		}
	case Forms:
		for _, f := range d.Forms {
			key := f.Scope + "\t" + f.Project
			project := "-"
			if f.ProjectIndex >= 0 && f.ProjectIndex < len(d.Projects) {
				project = d.Projects[f.ProjectIndex].Name
			}
			p("%s\tform\t%s\t%s\t%s\tproject=%s", key, f.DepartmentCode, opt(f.PeriodTotal), opt(f.AnnualTotal), project)
			for _, fl := range f.Fields {
				p("%s\tfield\t%s\t%s", key, fl.Label, oneLine(fl.Value))
			}
			for _, in := range f.Indicators {
				p("%s\tindicator\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", key, in.Scope, in.Level1, in.Level2, in.Level3, in.ValueText, in.Comparator, opt(in.ValueNum), in.ValueUnit)
			}
		}
	case Narrative:
		for _, n := range d.Narrative {
			p("%s\t%s\t%s\t%s", n.Fact, n.Value.String(), n.Unit, oneLine(n.Text))
		}
	case Paragraphs:
		for _, pa := range d.Paragraphs {
			p("%s\t%s", pa.Section, oneLine(pa.Text))
		}
	case Findings:
		for _, f := range d.Findings {
			p("%s\t%s\t%s\t%s", f.Rule, f.Severity, f.Expected, f.Actual)
		}
	case Unaccounted:
		for _, u := range d.Unaccounted {
			p("%s\t%s", u.Reason, oneLine(u.Text))
		}
	default:
		p("unknown fact kind %q", string(k))
	}
	return out
}

// Known is a documented difference between two readings: fact rows of one
// kind found only in the reference reading (Ref) or only in the other
// (Other), exactly. It records a reader defect not fixed yet (or a
// difference a fixture cannot avoid) so that the rest of the comparison
// still runs; Why says which and where. A known difference that is no
// longer there fails the comparison, so the list cannot go stale.
type Known struct {
	Kind  Kind
	Ref   []string
	Other []string
	Why   string
}

// Differences returns, per kind that differs, the rows found only in a
// (Ref) and only in b (Other) as multisets: the Known entries that would
// make a and b agree (Why left empty). It helps write a Known list; it is
// not a way to accept differences unread.
func Differences(a, b *model.Disclosure, kinds []Kind) []Known {
	fa, fb := Facts(a, kinds), Facts(b, kinds)
	var out []Known
	for _, k := range kinds {
		count := map[string]int{}
		for _, r := range fa[k] {
			count[r]++
		}
		for _, r := range fb[k] {
			count[r]--
		}
		var kn Known
		kn.Kind = k
		for _, r := range fa[k] {
			if count[r] > 0 {
				kn.Ref = append(kn.Ref, r)
				count[r]--
			}
		}
		for _, r := range fb[k] {
			if count[r] < 0 {
				kn.Other = append(kn.Other, r)
				count[r]++
			}
		}
		if len(kn.Ref)+len(kn.Other) > 0 {
			out = append(out, kn)
		}
	}
	return out
}

// DiffKnown is Diff after taking the known differences out: each known row
// must be present on its side (else that is reported as a stale entry) and
// is removed before the remaining rows are compared.
func DiffKnown(a, b *model.Disclosure, kinds []Kind, known []Known) string {
	fa, fb := Facts(a, kinds), Facts(b, kinds)
	var sb strings.Builder
	take := func(rows []string, want []string, side string, k Kind, why string) []string {
		rows = append([]string(nil), rows...)
		for _, w := range want {
			i := sort.SearchStrings(rows, w)
			if i < len(rows) && rows[i] == w {
				rows = append(rows[:i], rows[i+1:]...)
				continue
			}
			fmt.Fprintf(&sb, "%s: known difference no longer in the %s reading (remove it from the list): %q (%s)\n", k, side, w, why)
		}
		return rows
	}
	for _, kn := range known {
		if _, ok := fa[kn.Kind]; !ok {
			fmt.Fprintf(&sb, "known difference of kind %s, which is not compared\n", kn.Kind)
			continue
		}
		fa[kn.Kind] = take(fa[kn.Kind], kn.Ref, "reference", kn.Kind, kn.Why)
		fb[kn.Kind] = take(fb[kn.Kind], kn.Other, "other", kn.Kind, kn.Why)
	}
	for _, k := range kinds {
		if d := cmp.Diff(fa[k], fb[k]); d != "" {
			fmt.Fprintf(&sb, "%s: %d rows vs %d rows (-a +b):\n%s", k, len(fa[k]), len(fb[k]), d)
		}
	}
	return sb.String()
}

// Diff compares the fact rows of kinds in two readings and returns a
// description of every difference ("" when they agree): for each kind that
// differs, its name, the row counts and a cmp.Diff of the sorted rows
// (-a +b).
func Diff(a, b *model.Disclosure, kinds []Kind) string { return DiffKnown(a, b, kinds, nil) }

// FromTables returns a copy of d holding only the tables of the given kinds
// and the table facts (totals, functional and economic amounts, 三公,
// projects) taken from them; everything else is dropped. It compares a
// publication with a partial reading of it, such as a workbook of some of
// its tables.
func FromTables(d *model.Disclosure, tableKinds ...string) *model.Disclosure {
	keep := map[string]bool{}
	for _, k := range tableKinds {
		keep[k] = true
	}
	out := &model.Disclosure{Identity: d.Identity}
	for _, t := range d.Tables {
		if keep[t.Kind] {
			out.Tables = append(out.Tables, t)
		}
	}
	for _, t := range d.Totals {
		if keep[t.SourceTable] {
			out.Totals = append(out.Totals, t)
		}
	}
	for _, f := range d.FuncAmounts {
		if keep[f.SourceTable] {
			out.FuncAmounts = append(out.FuncAmounts, f)
		}
	}
	for _, e := range d.EconAmounts {
		if keep[e.SourceTable] {
			out.EconAmounts = append(out.EconAmounts, e)
		}
	}
	for _, t := range d.ThreePublic {
		if keep[t.SourceTable] {
			out.ThreePublic = append(out.ThreePublic, t)
		}
	}
	for _, p := range d.Projects {
		if keep[p.SourceTable] {
			p.Form = -1 // forms are not kept
			out.Projects = append(out.Projects, p)
		}
	}
	return out
}
