package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// funcRules check tables keyed by functional classification codes.
var funcRules = []Rule{
	{
		ID:          "func.class_sum",
		Severity:    "error",
		Description: "every coded table (收支总表, 收入总表, 支出总表, 财政拨款收支总表, 一般公共预算支出表): 合计 = Σ top-level rows (类), per measure column (a 合计 reading 0 beside rows with amounts is reported as insufficient data: blank and unread cells look alike)",
		Tolerance:   "0.01 of the table unit per summed term",
		check:       checkClassSum,
	},
	{
		ID:          "func.hierarchy",
		Severity:    "error",
		Description: "every coded table: 类 = Σ its 款, 款 = Σ its 项 (children by code prefix), per measure column; a blank cell counts 0",
		Tolerance:   "0.01 of the table unit per summed term",
		check:       checkHierarchy,
	},
	{
		ID:          "func.basic_plus_project",
		Severity:    "error",
		Description: "支出总表, 一般公共预算支出表 and any table printing both: per row (合计 included) 合计 = 基本支出 + 项目支出 (基本支出 = 人员经费 + 公用经费 where only those are printed; + 预留机动经费 where printed)",
		Tolerance:   "0.01 of the table unit per summed term",
		check:       checkBasicPlusProject,
	},
	{
		ID:          "func.cross_table",
		Severity:    "error",
		Description: "the same code has the same amount across tables: 合计 column of 收支总表 = 收入总表 = 支出总表; 一般公共预算 column of 收入总表 and 财政拨款收支总表 = 合计 of 一般公共预算支出表",
		Tolerance:   "0.01 of the coarser table unit",
		check:       checkCrossTable,
	},
}

// children returns the codes of the next level under parent present in cs.
func children(cs map[string]model.FuncAmount, all map[string]bool, parent string) []string {
	want := 0
	switch len(parent) {
	case 3:
		want = 5
	case 5:
		want = 7
	default:
		return nil
	}
	var out []string
	for c := range all {
		if len(c) == want && c[:len(parent)] == parent {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// codesOf returns every code printed in a table under any measure.
func codesOf(ix *index, table string) map[string]bool {
	all := map[string]bool{}
	for _, cs := range ix.funcs[table] {
		for c := range cs {
			if c != "" {
				all[c] = true
			}
		}
	}
	return all
}

// topLevel returns the codes of a table that have no ancestor in it.
func topLevel(all map[string]bool) []string {
	var out []string
	for c := range all {
		top := true
		for _, n := range []int{3, 5} {
			if len(c) > n && all[c[:n]] {
				top = false
			}
		}
		if top {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// topLevelSum sums the top-level rows of a coded table for a measure.
func topLevelSum(ix *index, table, measure string) (decimal.Decimal, string, bool) {
	cs := ix.funcs[table][measure]
	tops := topLevel(codesOf(ix, table))
	if len(cs) == 0 || len(tops) == 0 {
		return decimal.Zero, "", false
	}
	sum, ref := decimal.Zero, ""
	for _, c := range tops {
		sum = sum.Add(cs[c].Amount)
		if ref == "" {
			ref = cs[c].SourceRef
		}
	}
	return sum, ref, true
}

func checkClassSum(r *run) {
	for _, table := range r.ix.funcTables {
		all := codesOf(r.ix, table)
		if len(all) == 0 {
			continue
		}
		tops := topLevel(all)
		for _, measure := range sortedKeys(r.ix.funcs[table]) {
			total, ok := funcTotal(r.d, r.ix, table, measure)
			if !ok {
				continue
			}
			cs := r.ix.funcs[table][measure]
			sum := decimal.Zero
			for _, c := range tops {
				sum = sum.Add(cs[c].Amount)
			}
			if total.Amount.IsZero() && !sum.IsZero() {
				// A 合计 of 0 beside rows with amounts is a cell left
				// blank or not read, which the facts cannot tell apart.
				r.insufficient(total.Ref, "%s: %s (%s) reads 0 while its rows sum to %s yuan", tableName(r.ix, table), total.Label, measure, yuan(sum))
				continue
			}
			tol, ok := r.tol(total.Ref, len(tops)+1, table)
			if !ok {
				return
			}
			if !within(total.Amount, sum, tol) {
				r.fail(total.Ref, yuan(sum), yuan(total.Amount),
					"%s: %s (%s) %s yuan ≠ Σ of %d top-level rows %s yuan (%s)",
					tableName(r.ix, table), total.Label, measure, yuan(total.Amount), len(tops), yuan(sum), diffNote(sum, total.Amount, tol))
			}
		}
	}
}

func checkHierarchy(r *run) {
	for _, table := range r.ix.funcTables {
		all := codesOf(r.ix, table)
		var parents []string
		for c := range all {
			if len(c) == 3 || len(c) == 5 {
				parents = append(parents, c)
			}
		}
		sort.Strings(parents)
		for _, measure := range sortedKeys(r.ix.funcs[table]) {
			cs := r.ix.funcs[table][measure]
			for _, p := range parents {
				kids := children(cs, all, p)
				if len(kids) == 0 {
					continue
				}
				sum := decimal.Zero
				for _, k := range kids {
					sum = sum.Add(cs[k].Amount)
				}
				parent, has := cs[p]
				if !has && sum.IsZero() {
					continue
				}
				ref := parent.SourceRef
				if ref == "" {
					ref = cs[kids[0]].SourceRef
				}
				tol, ok := r.tol(ref, len(kids)+1, table)
				if !ok {
					return
				}
				if !within(parent.Amount, sum, tol) {
					name := parent.Name
					if name == "" {
						name = "(blank)"
					}
					r.fail(ref, yuan(sum), yuan(parent.Amount),
						"%s: %s %s (%s) %s yuan ≠ Σ of its %d sub-rows %s yuan (%s)",
						tableName(r.ix, table), p, name, measure, yuan(parent.Amount), len(kids), yuan(sum), diffNote(sum, parent.Amount, tol))
				}
			}
		}
	}
}

// rowAmounts gathers a row's amounts by measure (code "" is the 合计 row,
// completed from the table's Totals).
func rowAmounts(r *run, table, code string) map[string]model.FuncAmount {
	row := map[string]model.FuncAmount{}
	for m, cs := range r.ix.funcs[table] {
		if f, ok := cs[code]; ok {
			row[m] = f
		}
	}
	if code == "" {
		for _, m := range []string{"total", "basic", "project", "personnel", "public", "reserve"} {
			if _, ok := row[m]; ok {
				continue
			}
			if a, ok := funcTotal(r.d, r.ix, table, m); ok {
				row[m] = model.FuncAmount{Name: a.Label, Amount: a.Amount, SourceRef: a.Ref, Measure: m}
			}
		}
	}
	return row
}

func checkBasicPlusProject(r *run) {
	for _, table := range r.ix.funcTables {
		ms := r.ix.funcs[table]
		_, hasBasic := ms["basic"]
		_, hasPersonnel := ms["personnel"]
		_, hasProject := ms["project"]
		_, hasTotal := ms["total"]
		if !hasTotal || !hasProject || (!hasBasic && !hasPersonnel) {
			continue
		}
		codes := []string{""}
		for _, c := range sortedKeys(codesOf(r.ix, table)) {
			codes = append(codes, c)
		}
		for _, code := range codes {
			row := rowAmounts(r, table, code)
			if len(row) == 0 {
				continue
			}
			var parts []string
			terms := []string{"project"}
			if _, ok := row["basic"]; ok || hasBasic {
				terms = append([]string{"basic"}, terms...)
			} else {
				terms = append([]string{"personnel", "public"}, terms...)
			}
			if _, ok := ms["reserve"]; ok {
				terms = append(terms, "reserve")
			}
			sum := decimal.Zero
			for _, m := range terms {
				sum = sum.Add(row[m].Amount)
				parts = append(parts, fmt.Sprintf("%s %s", m, yuan(row[m].Amount)))
			}
			total, has := row["total"]
			if !has && sum.IsZero() {
				continue
			}
			ref := total.SourceRef
			if ref == "" {
				for _, m := range terms {
					if row[m].SourceRef != "" {
						ref = row[m].SourceRef
						break
					}
				}
			}
			tol, ok := r.tol(ref, len(terms)+1, table)
			if !ok {
				return
			}
			if !within(total.Amount, sum, tol) {
				label := code + " " + total.Name
				if code == "" {
					label = "合计"
				}
				r.fail(ref, yuan(sum), yuan(total.Amount),
					"%s: row %s: 合计 %s yuan ≠ %s = %s yuan (%s)",
					tableName(r.ix, table), label, yuan(total.Amount), strings.Join(parts, " + "), yuan(sum), diffNote(sum, total.Amount, tol))
			}
		}
	}
}

// crossGroup is a set of (role, measure) columns that must agree code by
// code, the first present being the reference.
type crossGroup struct {
	name    string
	members [][2]string
}

var crossGroups = []crossGroup{
	{"合计", [][2]string{{roleExpenditure, "total"}, {roleIncome, "total"}, {roleSummary, "total"}}},
	{"一般公共预算", [][2]string{{roleGPB, "total"}, {roleFiscalSummary, "general_public_budget"}, {roleIncome, "general_public_budget"}}},
}

func checkCrossTable(r *run) {
	final := r.d.Identity.Kind == model.KindFinalAccount
	for _, g := range crossGroups {
		type col struct {
			table, measure string
			cs             map[string]model.FuncAmount
			levels         map[int]bool
		}
		var cols []col
		for _, m := range g.members {
			if final && m[0] == roleIncome {
				// A final account's income by code differs from its
				// expenditure by the carry-overs: not an identity.
				continue
			}
			for _, table := range r.ix.byRole[m[0]] {
				cs, ok := r.ix.funcs[table][m[1]]
				if !ok {
					continue
				}
				lv := map[int]bool{}
				for c := range codesOf(r.ix, table) {
					lv[len(c)] = true
				}
				if len(lv) == 0 {
					continue
				}
				cols = append(cols, col{table, m[1], cs, lv})
			}
		}
		if len(cols) < 2 {
			continue
		}
		codes := map[string]bool{}
		for _, c := range cols {
			for code := range c.cs {
				if code != "" {
					codes[code] = true
				}
			}
		}
		for _, code := range sortedKeys(codes) {
			var ref *col
			var refAmt model.FuncAmount
			for i := range cols {
				if f, ok := cols[i].cs[code]; ok {
					ref, refAmt = &cols[i], f
					break
				}
			}
			for i := range cols {
				c := &cols[i]
				if c == ref || !c.levels[len(code)] {
					continue
				}
				f, ok := c.cs[code]
				if !ok && !codesOf(r.ix, c.table)[code] && refAmt.Amount.IsZero() {
					continue
				}
				tol, tok := r.tol(refAmt.SourceRef, 1, ref.table, c.table)
				if !tok {
					return
				}
				if within(refAmt.Amount, f.Amount, tol) {
					continue
				}
				where := f.SourceRef
				name := f.Name
				if !ok {
					where = refAmt.SourceRef
					name = refAmt.Name + " (row absent)"
				}
				r.fail(where, yuan(refAmt.Amount), yuan(f.Amount),
					"%s %s: %s (%s) %s yuan ≠ %s (%s) %s yuan at %s (%s column; %s)",
					code, name, tableName(r.ix, c.table), c.measure, yuan(f.Amount), tableName(r.ix, ref.table), ref.measure, yuan(refAmt.Amount), refAmt.SourceRef, g.name, diffNote(refAmt.Amount, f.Amount, tol))
			}
		}
	}
}
