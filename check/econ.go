package check

import (
	"sort"
	"strings"

	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// econRules check the basic-expenditure economic classification table.
var econRules = []Rule{
	{
		ID:          "econ.total_vs_basic",
		Severity:    "error",
		Description: "基本支出分经济科目表 合计 (人员经费合计 + 公用经费合计 where no 合计 row is printed) = 基本支出 合计 of the table covering the same funds: 一般公共预算 (一般公共预算财政拨款 included) → 一般公共预算支出表; 财政拨款 → 财政拨款收支总表; all funds → 支出总表",
		Tolerance:   "0.01 of the coarser table unit",
		check:       checkEconTotalVsBasic,
	},
	{
		ID:          "econ.personnel_plus_public",
		Severity:    "error",
		Description: "基本支出分经济科目表: per row (合计 included) 合计 = 人员经费 + 公用经费",
		Tolerance:   "0.01 of the table unit per summed term",
		check:       checkEconPersonnelPublic,
	},
	{
		ID:          "econ.group_sum",
		Severity:    "error",
		Description: "基本支出分经济科目表: each 类 row (301 工资福利支出 …) = Σ its 款 rows; 合计 = Σ 类 rows; per measure column",
		Tolerance:   "0.01 of the table unit per summed term",
		check:       checkEconGroupSum,
	},
	{
		ID:          "econ.summary_split",
		Severity:    "error",
		Description: "人员经费 and 公用经费 printed in the 收支总表 = those of the 基本支出分经济科目表 合计 row",
		Tolerance:   "0.01 of the coarser table unit",
		check:       checkEconSummarySplit,
	},
}

// econRows returns the rows of an econ table in one scheme (department when
// the table prints that scheme, else all), by measure then code; code ""
// holds the 合计 row.
func econRows(r *run, table string) map[string]map[string]model.EconAmount {
	hasDept := false
	for _, e := range r.d.EconAmounts {
		if e.SourceTable == table && e.Scheme == "department" {
			hasDept = true
			break
		}
	}
	out := map[string]map[string]model.EconAmount{}
	for _, e := range r.d.EconAmounts {
		if e.SourceTable != table || (hasDept && e.Scheme != "department" && e.Scheme != "") {
			continue
		}
		code := e.Code
		if code == "" && !isTotalName(e.Name) {
			code = "?" + e.Name
		}
		ms := out[e.Measure]
		if ms == nil {
			ms = map[string]model.EconAmount{}
			out[e.Measure] = ms
		}
		if _, dup := ms[code]; !dup {
			ms[code] = e
		}
	}
	// The 合计 row may be published as Totals of the table.
	for _, m := range []string{"total", "personnel", "public"} {
		if _, ok := out[m][""]; ok {
			continue
		}
		a, ok := findTotal(r.d, table, m, "table_total", "basic", "total", "expenditure_total")
		if !ok && m != "total" {
			a, ok = findTotal(r.d, table, "total", m)
		}
		if ok {
			if out[m] == nil {
				out[m] = map[string]model.EconAmount{}
			}
			out[m][""] = model.EconAmount{SourceTable: table, Name: a.Label, Measure: m, Amount: a.Amount, SourceRef: a.Ref}
		}
	}
	return out
}

func isTotalName(s string) bool {
	n := normName(s)
	return n == "合计" || n == "总计" || n == "小计" || strings.HasPrefix(n, "合计")
}

func econTable(r *run) string {
	return r.ix.first(roleEcon)
}

func checkEconTotalVsBasic(r *run) {
	table := econTable(r)
	if table == "" {
		r.insufficient("", "no basic-expenditure economic classification table")
		return
	}
	rows := econRows(r, table)
	total, ok := rows["total"][""]
	terms := 1
	if !ok {
		// a table printing 人员经费合计 and 公用经费合计 but no 合计 row
		// (the Shanghai 决算 layout, 人员经费 beside 公用经费)
		p, okp := rows["personnel"][""]
		q, okq := rows["public"][""]
		if okp && okq {
			total = model.EconAmount{SourceTable: table, Name: "人员经费合计 + 公用经费合计", Measure: "total", Amount: p.Amount.Add(q.Amount), SourceRef: p.SourceRef}
			ok, terms = true, 2
		}
	}
	if !ok {
		r.insufficient("", "%s: 合计 row not found", tableName(r.ix, table))
		return
	}
	basic, basicTable, found := basicReference(r, table)
	if !found {
		r.insufficient(total.SourceRef, "基本支出 合计 of the same funds as %s not found", tableName(r.ix, table))
		return
	}
	tol, ok := r.tol(total.SourceRef, terms, table, basicTable)
	if !ok {
		return
	}
	if !within(basic.Amount, total.Amount, tol) {
		r.fail(total.SourceRef, yuan(basic.Amount), yuan(total.Amount),
			"%s: %s %s yuan ≠ 基本支出 %s yuan of %s at %s (%s)",
			tableName(r.ix, table), orDefault(total.Name, "合计"), yuan(total.Amount), yuan(basic.Amount), tableName(r.ix, basicTable), basic.Ref, diffNote(basic.Amount, total.Amount, tol))
	}
}

// basicReference finds the 基本支出 合计 of the tables covering the same
// funds as the economic table: 一般公共预算 (its title says 一般公共预算, or
// says nothing) → the 一般公共预算支出表; 财政拨款 → the 财政拨款收支总表;
// all funds → the 支出总表 (else the 收支总表).
func basicReference(r *run, econ string) (amountRef, string, bool) {
	title := normName(r.ix.meta[econ].Title)
	var roles []string
	switch {
	case strings.Contains(title, "一般公共预算") || title == "":
		// 一般公共预算财政拨款 (决算) is the general budget's part of the
		// appropriations: the 一般公共预算支出表 too
		roles = []string{roleGPB}
	case strings.Contains(title, "财政拨款"):
		roles = []string{roleFiscalSummary}
	default:
		roles = []string{roleExpenditure, roleSummary}
	}
	for _, role := range roles {
		for _, t := range r.ix.byRole[role] {
			if a, ok := funcTotal(r.d, r.ix, t, "basic"); ok {
				return a, t, true
			}
			if a, ok := findTotal(r.d, t, "", "basic"); ok {
				return a, t, true
			}
		}
	}
	return amountRef{}, "", false
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func checkEconPersonnelPublic(r *run) {
	table := econTable(r)
	if table == "" {
		return
	}
	rows := econRows(r, table)
	if rows["personnel"] == nil && rows["public"] == nil {
		r.insufficient("", "%s: no 人员经费/公用经费 columns", tableName(r.ix, table))
		return
	}
	unread := 0
	for _, code := range sortedKeys(rows["total"]) {
		total := rows["total"][code]
		pr, okP := rows["personnel"][code]
		pu, okQ := rows["public"][code]
		if !okP && !okQ && !total.Amount.IsZero() {
			// Neither column read for a row with an amount: a layout
			// the reader could not align, not a published blank pair.
			unread++
			continue
		}
		p, q := pr.Amount, pu.Amount
		tol, ok := r.tol(total.SourceRef, 3, table)
		if !ok {
			return
		}
		sum := p.Add(q)
		if !within(total.Amount, sum, tol) {
			r.fail(total.SourceRef, yuan(sum), yuan(total.Amount),
				"%s: row %s: 合计 %s yuan ≠ 人员经费 %s + 公用经费 %s = %s yuan (%s)",
				tableName(r.ix, table), strings.TrimSpace(strings.TrimPrefix(code, "?")+" "+total.Name), yuan(total.Amount), yuan(p), yuan(q), yuan(sum), diffNote(sum, total.Amount, tol))
		}
	}
	if unread > 0 {
		r.insufficient("", "%s: %d rows with a 合计 but neither 人员经费 nor 公用经费 read", tableName(r.ix, table), unread)
	}
}

func checkEconGroupSum(r *run) {
	table := econTable(r)
	if table == "" {
		return
	}
	rows := econRows(r, table)
	for _, measure := range sortedKeys(rows) {
		ms := rows[measure]
		unmapped := 0
		groups := map[string][]string{}
		var tops []string
		for code := range ms {
			switch {
			case code == "":
			case strings.HasPrefix(code, "?"):
				unmapped++
			case len(code) == 3:
				tops = append(tops, code)
			case len(code) > 3:
				groups[code[:3]] = append(groups[code[:3]], code)
			}
		}
		if unmapped > 0 {
			r.insufficient("", "%s (%s): %d rows without an economic code", tableName(r.ix, table), measure, unmapped)
			continue
		}
		sort.Strings(tops)
		for _, g := range tops {
			kids := groups[g]
			if len(kids) == 0 {
				continue
			}
			sort.Strings(kids)
			sum := decimal.Zero
			for _, k := range kids {
				sum = sum.Add(ms[k].Amount)
			}
			row := ms[g]
			tol, ok := r.tol(row.SourceRef, len(kids)+1, table)
			if !ok {
				return
			}
			if !within(row.Amount, sum, tol) {
				r.fail(row.SourceRef, yuan(sum), yuan(row.Amount),
					"%s: %s %s (%s) %s yuan ≠ Σ of its %d items %s yuan (%s)",
					tableName(r.ix, table), g, row.Name, measure, yuan(row.Amount), len(kids), yuan(sum), diffNote(sum, row.Amount, tol))
			}
		}
		total, has := ms[""]
		if !has || len(tops) == 0 {
			continue
		}
		sum := decimal.Zero
		for _, g := range tops {
			sum = sum.Add(ms[g].Amount)
		}
		tol, ok := r.tol(total.SourceRef, len(tops)+1, table)
		if !ok {
			return
		}
		if !within(total.Amount, sum, tol) {
			r.fail(total.SourceRef, yuan(sum), yuan(total.Amount),
				"%s: %s (%s) %s yuan ≠ Σ of %d 类 rows %s yuan (%s)",
				tableName(r.ix, table), orDefault(total.Name, "合计"), measure, yuan(total.Amount), len(tops), yuan(sum), diffNote(sum, total.Amount, tol))
		}
	}
}

func checkEconSummarySplit(r *run) {
	table := econTable(r)
	if table == "" {
		return
	}
	rows := econRows(r, table)
	for _, key := range []string{"personnel", "public"} {
		label := map[string]string{"personnel": "人员经费", "public": "公用经费"}[key]
		e, ok := rows[key][""]
		if !ok {
			continue
		}
		for _, st := range r.ix.byRole[roleSummary] {
			s, ok := findTotal(r.d, st, "", key)
			if !ok {
				s, ok = funcTotal(r.d, r.ix, st, key)
			}
			if !ok {
				continue
			}
			tol, tok := r.tol(s.Ref, 1, st, table)
			if !tok {
				return
			}
			if !within(e.Amount, s.Amount, tol) {
				r.fail(s.Ref, yuan(e.Amount), yuan(s.Amount),
					"%s: %s prints %s yuan, %s prints %s yuan at %s (%s)",
					label, tableName(r.ix, st), yuan(s.Amount), tableName(r.ix, table), yuan(e.Amount), e.SourceRef, diffNote(e.Amount, s.Amount, tol))
			}
		}
	}
}
