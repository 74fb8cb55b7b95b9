package check

import (
	"strings"

	"github.com/budgetwh/budgetwh/ingest/recognize"
	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// Table roles: what a table is for the rules, whatever its registry kind.
const (
	roleSummary       = "summary"            // 收支(预算)总表 / 收入支出决算总表
	roleIncome        = "income"             // 收入(预算)总表 / 收入决算表
	roleExpenditure   = "expenditure"        // 支出(预算)总表 / 支出决算表
	roleFiscalSummary = "fiscal_summary"     // 财政拨款收支总表
	roleGPB           = "gpb_expenditure"    // 一般公共预算支出(预算)表
	roleEcon          = "basic_econ"         // 基本支出分经济科目表
	roleThreePublic   = "three_public"       // “三公”经费支出预算表
	roleProjects      = "projects_current"   // 项目支出预算表（本年预算）
	roleCarryover     = "projects_carryover" // 项目支出预算表（上年结转）
	roleOther         = "other"
)

// kindRoles maps registry kinds to roles; kinds not listed are classified
// by their title words (titleRole).
var kindRoles = map[string]string{
	recognize.KindSummary:                  roleSummary,
	recognize.KindIncome:                   roleIncome,
	recognize.KindExpenditure:              roleExpenditure,
	recognize.KindFiscalSummary:            roleFiscalSummary,
	recognize.KindGeneralBudgetExpenditure: roleGPB,
	recognize.KindBasicEcon:                roleEcon,
	recognize.KindThreePublic:              roleThreePublic,
	recognize.KindProjectsCurrent:          roleProjects,
	recognize.KindProjectsCarryover:        roleCarryover,
	recognize.KindGovFundIncome:            roleOther,
	recognize.KindGovFundExpenditure:       roleOther,
	recognize.KindStateCapital:             roleOther,
	recognize.KindOperatingCosts:           roleOther,
	recognize.KindPurchaseCatalogue:        roleOther,
	recognize.KindPerfForm:                 roleOther,
	recognize.KindTOC:                      roleOther,
}

// titleRole classifies a table by the words of its published title.
func titleRole(title string) string {
	t := normName(title)
	switch {
	case t == "":
		return roleOther
	case strings.Contains(t, "三公"):
		return roleThreePublic
	case strings.Contains(t, "政府性基金") || strings.Contains(t, "国有资本") || strings.Contains(t, "机关运行") || strings.Contains(t, "采购"):
		return roleOther
	case strings.Contains(t, "经济"):
		return roleEcon
	case strings.Contains(t, "项目支出") && strings.Contains(t, "结转"):
		return roleCarryover
	case strings.Contains(t, "项目支出"):
		return roleProjects
	case strings.Contains(t, "财政拨款收支") || strings.Contains(t, "财政拨款收入支出"):
		return roleFiscalSummary
	case strings.Contains(t, "财政拨款") && strings.Contains(t, "支出"):
		// 财政拨款支出预算表: fiscal funds only, neither the all-funds
		// 支出总表 nor the 一般公共预算 table.
		return roleOther
	case strings.Contains(t, "一般公共预算") && strings.Contains(t, "支出") && !strings.Contains(t, "基本支出"):
		return roleGPB
	case strings.Contains(t, "收支") || strings.Contains(t, "收入支出"):
		return roleSummary
	case strings.Contains(t, "收入"):
		return roleIncome
	case strings.Contains(t, "支出"):
		return roleExpenditure
	}
	return roleOther
}

// index is what the rules look facts up by, built once per document.
type index struct {
	meta   map[string]model.TableMeta // by kind, first occurrence
	role   map[string]string          // source table -> role
	byRole map[string][]string        // role -> source tables in document order
	// funcs: table -> measure -> code -> amount (first occurrence; code ""
	// is a 合计 row published as a FuncAmount).
	funcs      map[string]map[string]map[string]model.FuncAmount
	funcTables []string
	// prose is filled on first use (run.prose).
	prose []sentence
}

func newIndex(d *model.Disclosure) *index {
	ix := &index{
		meta:   map[string]model.TableMeta{},
		role:   map[string]string{},
		byRole: map[string][]string{},
		funcs:  map[string]map[string]map[string]model.FuncAmount{},
	}
	for _, t := range d.Tables {
		if _, ok := ix.meta[t.Kind]; !ok {
			ix.meta[t.Kind] = t
		}
	}
	see := func(table string) {
		if _, ok := ix.role[table]; ok {
			return
		}
		role, ok := kindRoles[table]
		if !ok {
			role = titleRole(ix.meta[table].Title)
		}
		ix.role[table] = role
		ix.byRole[role] = append(ix.byRole[role], table)
	}
	for _, t := range d.Tables {
		see(t.Kind)
	}
	for _, f := range d.FuncAmounts {
		see(f.SourceTable)
		ms := ix.funcs[f.SourceTable]
		if ms == nil {
			ms = map[string]map[string]model.FuncAmount{}
			ix.funcs[f.SourceTable] = ms
			ix.funcTables = append(ix.funcTables, f.SourceTable)
		}
		cs := ms[f.Measure]
		if cs == nil {
			cs = map[string]model.FuncAmount{}
			ms[f.Measure] = cs
		}
		if _, dup := cs[f.Code]; !dup {
			cs[f.Code] = f
		}
	}
	for _, t := range d.Totals {
		see(t.SourceTable)
	}
	for _, e := range d.EconAmounts {
		see(e.SourceTable)
	}
	for _, p := range d.ThreePublic {
		see(p.SourceTable)
	}
	for _, p := range d.Projects {
		see(p.SourceTable)
	}
	return ix
}

// tableName renders a table for messages: its published title, else kind.
func tableName(ix *index, table string) string {
	if m, ok := ix.meta[table]; ok && m.Title != "" {
		return m.Title
	}
	return table
}

// first returns the first source table of a role, or "".
func (ix *index) first(role string) string {
	if ts := ix.byRole[role]; len(ts) > 0 {
		return ts[0]
	}
	return ""
}

// amountRef is an amount with its label and source_ref.
type amountRef struct {
	Label  string
	Amount decimal.Decimal
	Ref    string
}

// findTotal returns the first Total of a table with one of the keys (in
// preference order) and the measure.
//
// Two rows of one table may carry the same key (当年支出小计 and 支出合计 are
// both expenditure_total where nothing is carried over); when one of them
// reads 0 and another does not, the nonzero one is taken: a blank cell
// beside a printed one of the same total is a reading gap, not a figure.
func findTotal(d *model.Disclosure, table, measure string, keys ...string) (amountRef, bool) {
	for _, k := range keys {
		var found amountRef
		ok := false
		for _, t := range d.Totals {
			if t.SourceTable == table && t.Key == k && (t.Measure == measure || measure == "") {
				if !ok || (found.Amount.IsZero() && !t.Amount.IsZero()) {
					found, ok = amountRef{Label: t.Label, Amount: t.Amount, Ref: t.SourceRef}, true
				}
			}
		}
		if ok {
			return found, true
		}
	}
	return amountRef{}, false
}

// funcTotal returns the 合计 row of a coded table for a measure: a
// FuncAmount with an empty code, else the table's expenditure_total (or
// income_total) Total, else for a summary table without carry-over its
// grand total.
func funcTotal(d *model.Disclosure, ix *index, table, measure string) (amountRef, bool) {
	if f, ok := ix.funcs[table][measure][""]; ok {
		return amountRef{Label: f.Name, Amount: f.Amount, Ref: f.SourceRef}, true
	}
	keys := []string{"table_total", "expenditure_total", "income_total"}
	if ix.role[table] == roleIncome {
		keys = []string{"table_total", "income_total", "expenditure_total"}
	}
	if a, ok := findTotal(d, table, measure, keys...); ok {
		return a, true
	}
	if ix.role[table] == roleSummary || ix.role[table] == roleFiscalSummary {
		if co, ok := findTotal(d, table, "", "carryover_out"); ok && !co.Amount.IsZero() {
			return amountRef{}, false
		}
		return findTotal(d, table, measure, "grand_expenditure_total")
	}
	return amountRef{}, false
}

// parseUnitAmount converts a number printed with a unit word (万, 万元, 元,
// 千元, 亿, 亿元) to yuan.
func parseUnitAmount(num decimal.Decimal, unit string) (decimal.Decimal, bool) {
	u := strings.TrimSpace(unit)
	switch {
	case strings.HasPrefix(u, "亿"):
		return num.Mul(decimal.NewFromInt(100000000)), true
	case strings.HasPrefix(u, "万"):
		return num.Mul(decimal.NewFromInt(10000)), true
	case strings.HasPrefix(u, "千元"):
		return num.Mul(decimal.NewFromInt(1000)), true
	case strings.HasPrefix(u, "元"):
		return num, true
	}
	f, ok := values.UnitFactor(u)
	if !ok {
		return decimal.Zero, false
	}
	return num.Mul(f), true
}
