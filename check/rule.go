package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// Rule is one reconciliation rule.
type Rule struct {
	// ID is stable: findings, documentation and analysts' queries use it.
	ID string
	// Severity of a violation (info findings for insufficient data are
	// emitted regardless).
	Severity string
	// Description states the identity the rule checks.
	Description string
	// Tolerance states the allowance, in words.
	Tolerance string
	// check appends findings to the run.
	check func(r *run)
}

// Rules returns the rule set in a stable order (family by family).
func Rules() []Rule {
	var all []Rule
	for _, fam := range [][]Rule{summaryRules, funcRules, econRules, threePublicRules, projectRules, formRules, proseRules, quarantineRules} {
		all = append(all, fam...)
	}
	return all
}

// Document runs every rule on d and returns the findings, rule by rule in
// the order of Rules. It never fails: missing data yields info findings.
func Document(d *model.Disclosure) []model.Finding {
	if d == nil {
		return nil
	}
	var out []model.Finding
	rules := Rules()
	idx := newIndex(d)
	for i := range rules {
		r := &run{d: d, ix: idx, rule: &rules[i]}
		rules[i].check(r)
		out = append(out, r.out...)
	}
	return out
}

// run is the state of one rule applied to one document.
type run struct {
	d    *model.Disclosure
	ix   *index
	rule *Rule
	out  []model.Finding
}

// prose returns the document's prose texts, computed once per document.
func (r *run) prose() []sentence {
	if r.ix.prose == nil {
		r.ix.prose = proseTexts(r.d)
		if r.ix.prose == nil {
			r.ix.prose = []sentence{}
		}
	}
	return r.ix.prose
}

// fail records a violation with the rule's severity.
func (r *run) fail(ref, expected, actual, format string, args ...any) {
	r.out = append(r.out, model.Finding{
		Rule:      r.rule.ID,
		Severity:  r.rule.Severity,
		Message:   fmt.Sprintf(format, args...),
		Expected:  expected,
		Actual:    actual,
		SourceRef: ref,
	})
}

// insufficient records that the rule could not be applied.
func (r *run) insufficient(ref, format string, args ...any) {
	r.out = append(r.out, model.Finding{
		Rule:      r.rule.ID,
		Severity:  model.SeverityInfo,
		Message:   fmt.Sprintf(format, args...) + ": insufficient data",
		SourceRef: ref,
	})
}

// factor returns the unit factor (yuan per printed unit) of a source table:
// the table's own unit, else the document's table unit.
func (r *run) factor(table string) (decimal.Decimal, bool) {
	unit := ""
	if m, ok := r.ix.meta[table]; ok {
		unit = m.Unit
	}
	if unit == "" {
		unit = r.d.Identity.TableUnit
	}
	if unit == "" {
		return decimal.Zero, false
	}
	return values.UnitFactor(unit)
}

// tol returns the rounding allowance for a sum of terms printed figures of
// the given tables: 0.01 of the coarsest unit per term. ok is false (and an
// insufficient-data finding is recorded) when a unit is unknown.
func (r *run) tol(ref string, terms int, tables ...string) (decimal.Decimal, bool) {
	f := decimal.Zero
	for _, t := range tables {
		ft, ok := r.factor(t)
		if !ok {
			r.insufficient(ref, "%s: unit of table %s unknown", r.rule.ID, tableName(r.ix, t))
			return decimal.Zero, false
		}
		if ft.GreaterThan(f) {
			f = ft
		}
	}
	if terms < 1 {
		terms = 1
	}
	return f.Mul(cent).Mul(decimal.NewFromInt(int64(terms))), true
}

var (
	cent    = decimal.New(1, -2)
	hundred = decimal.NewFromInt(100)
)

// yuan formats an amount in yuan with two decimals.
func yuan(d decimal.Decimal) string { return d.StringFixed(2) }

// within reports whether |a-b| <= tol.
func within(a, b, tol decimal.Decimal) bool { return a.Sub(b).Abs().LessThanOrEqual(tol) }

// diffNote renders the difference and the tolerance for messages.
func diffNote(expected, actual, tol decimal.Decimal) string {
	return fmt.Sprintf("difference %s yuan, tolerance %s", yuan(actual.Sub(expected)), yuan(tol))
}

// sortedKeys returns the keys of a map in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// normName normalises a name for comparison: width, spaces, quotes and
// brackets removed.
func normName(s string) string {
	s = values.NormalizeWidth(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(" \t\"'“”‘’「」《》()（）[]【】、，,。.·", r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
