package check

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// summaryRules check the income/expenditure summary table (table 1).
var summaryRules = []Rule{
	{
		ID:          "summary.balance",
		Severity:    "error",
		Description: "收支总表: 收入总计 = 支出总计 (per measure column both sides print); where no 总计 row is printed and nothing is carried over, 本年收入合计 = 本年支出合计",
		Tolerance:   "0.01 of the table unit",
		check:       checkSummaryBalance,
	},
	{
		ID:          "summary.income_sources",
		Severity:    "error",
		Description: "收支总表: 本年收入合计 = Σ income sources (一般公共预算, 政府性基金, 国有资本经营, 财政专户, 单位资金, 事业收入, 其他收入 …; 财政拨款收入 counted instead of its parts where both are printed)",
		Tolerance:   "0.01 of the table unit per summed term",
		check:       checkIncomeSources,
	},
}

func checkSummaryBalance(r *run) {
	tables := r.ix.byRole[roleSummary]
	if len(tables) == 0 {
		r.insufficient("", "no income/expenditure summary table")
		return
	}
	for _, table := range tables {
		checked := false
		for _, measure := range totalMeasures(r, table, "grand_expenditure_total") {
			// The income side prints one column; the expenditure side may
			// print its parts (人员经费, 公用经费, 项目支出…): only the
			// headline column balances.
			in, ok1 := findTotal(r.d, table, measure, "grand_income_total")
			if !ok1 && measure == "total" {
				in, ok1 = findTotal(r.d, table, "", "grand_income_total")
			}
			out, ok2 := findTotal(r.d, table, measure, "grand_expenditure_total")
			if !ok1 || !ok2 {
				continue
			}
			checked = true
			tol, ok := r.tol(out.Ref, 1, table)
			if !ok {
				return
			}
			if !within(in.Amount, out.Amount, tol) {
				r.fail(out.Ref, yuan(in.Amount), yuan(out.Amount),
					"%s: %s %s yuan (%s) ≠ %s %s yuan (measure %s; %s)",
					tableName(r.ix, table), out.Label, yuan(out.Amount), out.Ref, in.Label, yuan(in.Amount), measure, diffNote(in.Amount, out.Amount, tol))
			}
		}
		if !checked {
			checked = balanceWithoutCarryover(r, table)
		}
		if !checked {
			r.insufficient("", "%s: 收入总计 or 支出总计 not found", tableName(r.ix, table))
		}
	}
}

// balanceWithoutCarryover checks 本年收入合计 = 本年支出合计 for a summary
// table that prints no grand totals (收入合计/支出合计 read as this year's
// totals) and carries nothing over, where the two are the grand totals. It
// reports whether it could check.
func balanceWithoutCarryover(r *run, table string) bool {
	for _, k := range []string{"carryover_in", "carryover_out"} {
		for _, t := range r.d.Totals {
			if t.SourceTable == table && t.Key == k && !t.Amount.IsZero() {
				return false
			}
		}
	}
	in, ok1 := findTotal(r.d, table, "total", "income_total")
	out, ok2 := findTotal(r.d, table, "total", "expenditure_total")
	if !ok1 || !ok2 || out.Amount.IsZero() {
		return false
	}
	tol, ok := r.tol(out.Ref, 1, table)
	if !ok {
		return true
	}
	if !within(in.Amount, out.Amount, tol) {
		r.fail(out.Ref, yuan(in.Amount), yuan(out.Amount),
			"%s: %s %s yuan ≠ %s %s yuan (nothing carried over, so this year's totals must balance; %s)",
			tableName(r.ix, table), out.Label, yuan(out.Amount), in.Label, yuan(in.Amount), diffNote(in.Amount, out.Amount, tol))
	}
	return true
}

// totalMeasures lists the measures a table prints for a key, in order.
func totalMeasures(r *run, table, key string) []string {
	var ms []string
	seen := map[string]bool{}
	for _, t := range r.d.Totals {
		if t.SourceTable == table && t.Key == key && !seen[t.Measure] {
			seen[t.Measure] = true
			ms = append(ms, t.Measure)
		}
	}
	return ms
}

// incomeSourceKeys are the Total keys of income sources. The fiscal parts
// are summed only where 财政拨款收入 itself is not printed.
var (
	fiscalPartKeys  = []string{"general_public_budget", "government_fund", "state_capital"}
	otherSourceKeys = []string{"special_account", "unit_funds", "business_income", "operating_income", "institution_income", "subsidy_income", "affiliated_income", "other_income", "other_funds"}
)

func checkIncomeSources(r *run) {
	tables := r.ix.byRole[roleSummary]
	if len(tables) == 0 {
		r.insufficient("", "no income/expenditure summary table")
		return
	}
	for _, table := range tables {
		measure := "total"
		target, ok := findTotal(r.d, table, measure, "income_total")
		if !ok {
			target, ok = findTotal(r.d, table, "", "income_total")
			measure = ""
		}
		if !ok {
			// Without carry-over the grand total is this year's income.
			if co, has := findTotal(r.d, table, "", "carryover_in"); has && !co.Amount.IsZero() {
				r.insufficient("", "%s: 本年收入合计 not found", tableName(r.ix, table))
				continue
			}
			target, ok = findTotal(r.d, table, "", "grand_income_total")
		}
		if !ok {
			r.insufficient("", "%s: 本年收入合计 not found", tableName(r.ix, table))
			continue
		}
		sum := decimal.Zero
		var parts []string
		add := func(k string) bool {
			a, ok := findTotal(r.d, table, measure, k)
			if !ok && measure != "" {
				a, ok = findTotal(r.d, table, "", k)
			}
			if ok {
				sum = sum.Add(a.Amount)
				parts = append(parts, fmt.Sprintf("%s %s", a.Label, yuan(a.Amount)))
			}
			return ok
		}
		if !add("fiscal_appropriation") {
			for _, k := range fiscalPartKeys {
				add(k)
			}
		}
		for _, k := range otherSourceKeys {
			add(k)
		}
		if len(parts) == 0 {
			r.insufficient(target.Ref, "%s: no income source rows", tableName(r.ix, table))
			continue
		}
		tol, ok := r.tol(target.Ref, len(parts)+1, table)
		if !ok {
			return
		}
		if !within(target.Amount, sum, tol) {
			r.fail(target.Ref, yuan(sum), yuan(target.Amount),
				"%s: %s %s yuan ≠ Σ income sources %s yuan (%s; %s)",
				tableName(r.ix, table), target.Label, yuan(target.Amount), yuan(sum), strings.Join(parts, " + "), diffNote(sum, target.Amount, tol))
		}
	}
}
