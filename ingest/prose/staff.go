package prose

import (
	"strings"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/forms"
	"github.com/budgetwh/budgetwh/model"
)

// formStaffLabels maps the department form's labels (without "其中") to
// fact names.
var formStaffLabels = []struct{ label, fact string }{
	{"核定的人员编制数", "staff_authorized"},
	{"人员编制数", "staff_authorized"},
	{"编制数", "staff_authorized"},
	{"实际在职人员总数", "staff_active"},
	{"在职人员总数", "staff_active"},
	{"在编人员数", "staff_on_payroll"},
	{"其他人员数", "staff_other"},
	{"编外人员数", "staff_other"},
	{"内设职能部门数", "internal_departments"},
	{"所属预算单位数", "budget_units"},
}

// staffFromForms adds the staff numbers of the department-wide performance
// forms among blocks.
func (e *extractor) staffFromForms(blocks []doc.Block) {
	fs, _ := forms.Parse(blocks)
	for _, f := range fs {
		if f.Scope != model.FormDepartment {
			continue
		}
		e.staffFacts(f)
	}
}

// staffFacts adds the staff facts of one department form.
func (e *extractor) staffFacts(f model.PerfForm) {
	for _, fl := range f.Fields {
		l := strings.TrimLeft(strings.TrimPrefix(strings.TrimSpace(fl.Label), "其中"), ":： ")
		for _, s := range formStaffLabels {
			if l != s.label {
				continue
			}
			v, unit, ok := parseCount(fl.Value)
			if !ok {
				break
			}
			e.addRef(s.fact, v, unit, fl.Label+"："+fl.Value, fl.SourceRef)
			break
		}
	}
}

// FormFacts returns the staff facts of department-wide forms already parsed
// by forms.Parse, for callers that hand Extract only the blocks left over
// after the forms.
func FormFacts(fs []model.PerfForm) []model.NarrativeFact {
	e := &extractor{seen: map[string]bool{}}
	for _, f := range fs {
		if f.Scope == model.FormDepartment {
			e.staffFacts(f)
		}
	}
	return e.out
}
