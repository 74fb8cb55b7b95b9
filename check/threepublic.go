package check

import (
	"strings"

	"github.com/budgetwh/budgetwh/model"
)

// threePublicRules check the “三公” table and its link to the economic table.
var threePublicRules = []Rule{
	{
		ID:          "three_public.sum",
		Severity:    "error",
		Description: "“三公”经费表: 合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费 (and, where printed, the total with 会议费 and 培训费 = 三公合计 + 会议费 + 培训费), per measure column",
		Tolerance:   "0.01 of the table unit per summed term",
		check:       checkThreePublicSum,
	},
	{
		ID:          "three_public.vehicle",
		Severity:    "error",
		Description: "“三公”经费表: 公务用车购置及运行费 = 购置费 + 运行维护费, per measure column",
		Tolerance:   "0.01 of the table unit per summed term",
		check:       checkThreePublicVehicle,
	},
	{
		ID:          "three_public.vs_econ",
		Severity:    "warning",
		Description: "“三公”经费表 items ≥ the matching lines of the 基本支出分经济科目表: 公务接待费 ≥ 30217 公务接待费, 因公出国（境）费 ≥ 30212 因公出国（境）费用, 运行维护费 ≥ 30231 公务用车运行维护费, 购置费 ≥ 31013 公务用车购置 (the 三公 table covers basic and project spending, the economic table basic spending only; equal where no project pays 三公, as in the Shanxi text)",
		Tolerance:   "0.01 of the coarser table unit",
		check:       checkThreePublicVsEcon,
	},
}

// threePublicItems returns measure -> item -> row of the 三公 table. A
// measure in which one item was read twice with different amounts is left
// out (the table's layout was not read reliably) and reported once as
// insufficient data.
func threePublicItems(r *run) (string, map[string]map[string]model.ThreePublic) {
	table := r.ix.first(roleThreePublic)
	if table == "" {
		return "", nil
	}
	out := map[string]map[string]model.ThreePublic{}
	conflict := map[string]string{}
	for _, p := range r.d.ThreePublic {
		if p.SourceTable != table {
			continue
		}
		if out[p.Measure] == nil {
			out[p.Measure] = map[string]model.ThreePublic{}
		}
		if q, dup := out[p.Measure][p.Item]; !dup {
			out[p.Measure][p.Item] = p
		} else if !q.Amount.Equal(p.Amount) {
			conflict[p.Measure] = p.Item
		}
	}
	for _, m := range sortedKeys(conflict) {
		delete(out, m)
		r.insufficient("", "%s (%s): item %s read twice with different amounts", tableName(r.ix, table), m, conflict[m])
	}
	return table, out
}

func checkThreePublicSum(r *run) {
	table, items := threePublicItems(r)
	if table == "" {
		r.insufficient("", "no “三公” table")
		return
	}
	for _, m := range sortedKeys(items) {
		it := items[m]
		vehicle, hasVehicle := it["vehicle_total"]
		vAmt := vehicle.Amount
		if !hasVehicle {
			vAmt = it["vehicle_purchase"].Amount.Add(it["vehicle_operation"].Amount)
		}
		sum := it["outbound"].Amount.Add(it["reception"].Amount).Add(vAmt)
		extra := it["meeting"].Amount.Add(it["training"].Amount)
		if total, ok := it["total"]; ok {
			tol, tok := r.tol(total.SourceRef, 4, table)
			if !tok {
				return
			}
			// A table that prints 会议费/培训费 but one 合计 may sum them in.
			if !within(total.Amount, sum, tol) && !(!extra.IsZero() && it["total_with_meeting_training"].SourceRef == "" && within(total.Amount, sum.Add(extra), tol)) {
				r.fail(total.SourceRef, yuan(sum), yuan(total.Amount),
					"%s (%s): %s %s yuan ≠ 因公出国（境）费 %s + 公务接待费 %s + 公务用车购置及运行费 %s = %s yuan (%s)",
					tableName(r.ix, table), m, orDefault(total.Label, "合计"), yuan(total.Amount), yuan(it["outbound"].Amount), yuan(it["reception"].Amount), yuan(vAmt), yuan(sum), diffNote(sum, total.Amount, tol))
			}
		}
		if all, ok := it["total_with_meeting_training"]; ok {
			base := sum
			if total, ok := it["total"]; ok {
				base = total.Amount
			}
			want := base.Add(extra)
			tol, tok := r.tol(all.SourceRef, 4, table)
			if !tok {
				return
			}
			if !within(all.Amount, want, tol) {
				r.fail(all.SourceRef, yuan(want), yuan(all.Amount),
					"%s (%s): %s %s yuan ≠ 三公 %s + 会议费 %s + 培训费 %s = %s yuan (%s)",
					tableName(r.ix, table), m, orDefault(all.Label, "合计"), yuan(all.Amount), yuan(base), yuan(it["meeting"].Amount), yuan(it["training"].Amount), yuan(want), diffNote(want, all.Amount, tol))
			}
		}
	}
}

func checkThreePublicVehicle(r *run) {
	table, items := threePublicItems(r)
	if table == "" {
		return
	}
	for _, m := range sortedKeys(items) {
		it := items[m]
		v, ok := it["vehicle_total"]
		sum := it["vehicle_purchase"].Amount.Add(it["vehicle_operation"].Amount)
		if !ok && sum.IsZero() {
			continue
		}
		ref := v.SourceRef
		if ref == "" {
			ref = it["vehicle_purchase"].SourceRef + it["vehicle_operation"].SourceRef
		}
		tol, tok := r.tol(ref, 3, table)
		if !tok {
			return
		}
		if !within(v.Amount, sum, tol) {
			r.fail(ref, yuan(sum), yuan(v.Amount),
				"%s (%s): %s %s yuan ≠ 购置费 %s + 运行维护费 %s = %s yuan (%s)",
				tableName(r.ix, table), m, orDefault(v.Label, "公务用车购置及运行费"), yuan(v.Amount), yuan(it["vehicle_purchase"].Amount), yuan(it["vehicle_operation"].Amount), yuan(sum), diffNote(sum, v.Amount, tol))
		}
	}
}

// econLinks ties 三公 items to economic lines by code or name.
var econLinks = []struct {
	item, code, name string
}{
	{"outbound", "30212", "因公出国"},
	{"reception", "30217", "公务接待费"},
	{"vehicle_operation", "30231", "公务用车运行维护费"},
	{"vehicle_purchase", "31013", "公务用车购置"},
}

func checkThreePublicVsEcon(r *run) {
	table, items := threePublicItems(r)
	econ := econTable(r)
	if table == "" || econ == "" {
		return
	}
	measure := "total"
	if _, ok := items[measure]; !ok {
		ms := sortedKeys(items)
		if len(ms) == 0 {
			return
		}
		measure = ms[0]
	}
	rows := econRows(r, econ)["total"]
	for _, l := range econLinks {
		var line model.EconAmount
		found := false
		for _, code := range sortedKeys(rows) {
			e := rows[code]
			if code == l.code || (e.Code == "" && strings.Contains(normName(e.Name), l.name)) {
				line, found = e, true
				break
			}
		}
		if !found {
			continue
		}
		it, ok := items[measure][l.item]
		if !ok && line.Amount.IsZero() {
			continue
		}
		tol, tok := r.tol(line.SourceRef, 1, table, econ)
		if !tok {
			return
		}
		// 三公 covers basic and project spending, the economic table
		// basic spending only: the basic line may be smaller, never larger.
		if line.Amount.Sub(it.Amount).GreaterThan(tol) {
			ref := it.SourceRef
			if ref == "" {
				ref = line.SourceRef
			}
			r.fail(ref, yuan(line.Amount), yuan(it.Amount),
				"%s: %s %s yuan < %s line %s %s yuan at %s (basic spending alone exceeds the “三公” budget; %s)",
				tableName(r.ix, table), orDefault(it.Label, l.item), yuan(it.Amount), tableName(r.ix, econ), line.Name, yuan(line.Amount), line.SourceRef, diffNote(line.Amount, it.Amount, tol))
		}
	}
}
