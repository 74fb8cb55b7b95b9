package check

import (
	"fmt"

	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// projectRules check the project tables and their performance forms.
var projectRules = []Rule{
	{
		ID:          "projects.sum",
		Severity:    "error",
		Description: "项目支出预算表 (本年预算 + 上年结转): Σ projects = 项目支出 合计 of the 支出总表 (else of the 收支总表)",
		Tolerance:   "0.01 of the table unit per summed term",
		check:       checkProjectsSum,
	},
	{
		ID:          "projects.form_missing",
		Severity:    "warning",
		Description: "every project of the project table has a 项目支出绩效目标表 (in documents that publish project forms at all)",
		Tolerance:   "none (fuzzy name match by ingest/interpret)",
		check:       checkFormMissing,
	},
	{
		ID:          "projects.form_unmatched",
		Severity:    "warning",
		Description: "every 项目支出绩效目标表 belongs to a project of the project table",
		Tolerance:   "none (fuzzy name match by ingest/interpret)",
		check:       checkFormUnmatched,
	},
	{
		ID:          "projects.form_amount",
		Severity:    "error",
		Description: "a form's 年度资金总额 (元) = its project's amount in the project table (万元 × 10,000)",
		Tolerance:   "0.01 of the project table unit",
		check:       checkFormAmount,
	},
	{
		ID:          "projects.form_name_mismatch",
		Severity:    "warning",
		Description: "a form's 项目名称 is the project's name as printed in the project table (reported with the match score)",
		Tolerance:   "names compared after removing spaces, quotes and brackets and normalising width",
		check:       checkFormNameMismatch,
	},
}

// projectForm returns the form of project i, or nil.
func projectForm(d *model.Disclosure, p model.Project) *model.PerfForm {
	if p.Form < 0 || p.Form >= len(d.Forms) {
		return nil
	}
	f := &d.Forms[p.Form]
	if f.Scope != "" && f.Scope != model.FormProject {
		return nil
	}
	return f
}

// projectFormCount counts the project-scope forms.
func projectFormCount(d *model.Disclosure) int {
	n := 0
	for _, f := range d.Forms {
		if f.Scope == model.FormProject || (f.Scope == "" && f.Project != "") {
			n++
		}
	}
	return n
}

func checkProjectsSum(r *run) {
	if len(r.d.Projects) == 0 {
		return
	}
	var target amountRef
	var targetTable string
	found := false
	for _, role := range []string{roleExpenditure, roleGPB, roleSummary} {
		for _, t := range r.ix.byRole[role] {
			if a, ok := funcTotal(r.d, r.ix, t, "project"); ok {
				target, targetTable, found = a, t, true
				break
			}
			if a, ok := findTotal(r.d, t, "", "project"); ok {
				target, targetTable, found = a, t, true
				break
			}
		}
		if found {
			break
		}
	}
	if !found {
		r.insufficient(r.d.Projects[0].SourceRef, "项目支出 合计 not found in the expenditure tables")
		return
	}
	sum := decimal.Zero
	tables := []string{targetTable}
	seen := map[string]bool{}
	for _, p := range r.d.Projects {
		sum = sum.Add(p.Amount)
		if !seen[p.SourceTable] {
			seen[p.SourceTable] = true
			tables = append(tables, p.SourceTable)
		}
	}
	tol, ok := r.tol(target.Ref, len(r.d.Projects)+1, tables...)
	if !ok {
		return
	}
	if !within(target.Amount, sum, tol) {
		r.fail(target.Ref, yuan(target.Amount), yuan(sum),
			"Σ of %d projects %s yuan ≠ %s %s (项目支出) %s yuan (%s)",
			len(r.d.Projects), yuan(sum), tableName(r.ix, targetTable), target.Label, yuan(target.Amount), diffNote(target.Amount, sum, tol))
	}
}

func checkFormMissing(r *run) {
	if len(r.d.Projects) == 0 {
		return
	}
	if projectFormCount(r.d) == 0 {
		r.insufficient(r.d.Projects[0].SourceRef, "no project performance forms published for %d projects", len(r.d.Projects))
		return
	}
	for _, p := range r.d.Projects {
		if projectForm(r.d, p) != nil {
			continue
		}
		r.fail(p.SourceRef, "a 项目支出绩效目标表", "none",
			"project %s (%s yuan, %s) has no performance form (项目支出绩效目标表); %d forms for %d projects",
			p.Name, yuan(p.Amount), tableName(r.ix, p.SourceTable), projectFormCount(r.d), len(r.d.Projects))
	}
}

func checkFormUnmatched(r *run) {
	if len(r.d.Projects) == 0 {
		return
	}
	used := map[int]bool{}
	for _, p := range r.d.Projects {
		if projectForm(r.d, p) != nil {
			used[p.Form] = true
		}
	}
	for i, f := range r.d.Forms {
		if used[i] || f.Scope == model.FormDepartment || (f.Scope == "" && f.Project == "") {
			continue
		}
		r.fail(f.SourceRef, "a project of the project table", "none",
			"performance form for %s matches no project of the project table", f.Project)
	}
}

func checkFormAmount(r *run) {
	for _, p := range r.d.Projects {
		f := projectForm(r.d, p)
		if f == nil {
			continue
		}
		if f.AnnualTotal == nil {
			r.insufficient(f.SourceRef, "form for %s: 年度资金总额 not printed", f.Project)
			continue
		}
		tol, ok := r.tol(p.SourceRef, 1, p.SourceTable)
		if !ok {
			return
		}
		if !within(p.Amount, *f.AnnualTotal, tol) {
			r.fail(f.SourceRef, yuan(p.Amount), yuan(*f.AnnualTotal),
				"form for %s: 年度资金总额 %s yuan ≠ project amount %s yuan at %s (%s)",
				f.Project, yuan(*f.AnnualTotal), yuan(p.Amount), p.SourceRef, diffNote(p.Amount, *f.AnnualTotal, tol))
		}
	}
}

func checkFormNameMismatch(r *run) {
	for _, p := range r.d.Projects {
		f := projectForm(r.d, p)
		if f == nil || normName(f.Project) == normName(p.Name) {
			continue
		}
		r.fail(f.SourceRef, p.Name, f.Project,
			"project name differs between %s (%s, %s) and its performance form (%s); match score %s",
			tableName(r.ix, p.SourceTable), p.Name, p.SourceRef, f.Project, fmt.Sprintf("%.2f", p.MatchScore))
	}
}
