package check

import (
	"strings"

	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/model"
)

// Quarantine reason texts (stable: they are stored as findings' messages).
const (
	ReasonUnreadable    = "unreadable: no text could be read from the source"
	ReasonNoExpenditure = "no expenditure summary: neither a 收支总表 nor a 支出总表 with amounts was recognised"
	ReasonUnitUnknown   = "unknown table unit: no 单位 stated or not one of 元/千元/万元/百万元/亿元"
	ReasonNoYear        = "no fiscal year: the publication's budget year was not found"
	ReasonNoDepartment  = "no department: the publishing department was not found"
)

// quarantineRules report the quarantine policy's reasons as error findings.
var quarantineRules = []Rule{
	{
		ID:          "quarantine",
		Severity:    "error",
		Description: "a document is quarantined (stored, contributes no facts) when it is unreadable, has no expenditure summary with amounts, no known table unit, no fiscal year or no department; one finding per reason added by this policy (reasons already set by ingest/interpret are reported by it)",
		Tolerance:   "none",
		check: func(r *run) {
			for _, reason := range policyReasons(r.d) {
				r.fail("", "", "", "quarantined: %s", reason)
			}
		},
	},
}

// Quarantine returns the reasons d must be quarantined: the reasons
// ingest/interpret already recorded in d.Quarantine (unreadable structure),
// followed by this package's policy reasons, without duplicates. An empty
// result means the document may load.
func Quarantine(d *model.Disclosure) []string {
	if d == nil {
		return []string{ReasonUnreadable}
	}
	var out []string
	seen := map[string]bool{}
	for _, q := range append(append([]string(nil), d.Quarantine...), policyReasons(d)...) {
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

// reasonTopics lets the policy recognise a reason ingest/interpret already
// gave in its own words (a reason containing any of the words).
var reasonTopics = map[string][]string{
	ReasonUnreadable:    {"unreadable", "no text", "cannot read", "could not be read"},
	ReasonNoExpenditure: {"expenditure summary", "支出总表", "收支总表"},
	ReasonUnitUnknown:   {"unit", "单位"},
	ReasonNoYear:        {"fiscal year", "year"},
	ReasonNoDepartment:  {"department", "部门"},
}

// policyReasons are the reasons of this package's policy not already in
// d.Quarantine (in this wording or in interpret's).
func policyReasons(d *model.Disclosure) []string {
	var out []string
	add := func(s string) {
		for _, q := range d.Quarantine {
			if q == s {
				return
			}
			for _, w := range reasonTopics[s] {
				if strings.Contains(strings.ToLower(q), w) {
					return
				}
			}
		}
		out = append(out, s)
	}
	if d.Lines == 0 && len(d.Tables) == 0 && len(d.Paragraphs) == 0 && len(d.Totals) == 0 {
		add(ReasonUnreadable)
		return out
	}
	if !hasExpenditure(d) {
		add(ReasonNoExpenditure)
	}
	if _, ok := values.UnitFactor(d.Identity.TableUnit); !ok {
		add(ReasonUnitUnknown)
	}
	if d.Identity.FiscalYear == 0 {
		add(ReasonNoYear)
	}
	if d.Identity.Department == "" {
		add(ReasonNoDepartment)
	}
	return out
}

// hasExpenditure reports whether a summary or expenditure table carries a
// nonzero expenditure amount.
func hasExpenditure(d *model.Disclosure) bool {
	ix := newIndex(d)
	for _, role := range []string{roleSummary, roleExpenditure} {
		for _, t := range ix.byRole[role] {
			for _, cs := range ix.funcs[t] {
				for _, f := range cs {
					if !f.Amount.IsZero() {
						return true
					}
				}
			}
			for _, tt := range d.Totals {
				if tt.SourceTable == t && !tt.Amount.IsZero() {
					return true
				}
			}
		}
	}
	return false
}
