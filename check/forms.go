package check

import (
	"fmt"
	"strings"

	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// formRules check performance forms on their own.
var formRules = []Rule{
	{
		ID:          "forms.cost_indicator",
		Severity:    "warning",
		Description: "a project form's 年度 成本指标 (Σ of the money-valued cost indicators of the 年度目标) = its 年度资金总额; reported as stating the multi-year total when it equals the 实施期资金总额 instead",
		Tolerance:   "half the last printed digit of each indicator value (“≥27.8万” covers 277,500–278,500 yuan, “8万” 75,000–85,000); the comparator (≥, >) is not judged",
		check:       checkCostIndicator,
	},
}

// parseMoneyText extracts the amount in yuan of an indicator value such as
// "≥289.79万", "8万元一年", "50,000元", "2亿". ok is false when the text has
// no number followed by a money unit. prec is half the last printed digit,
// in yuan (the rounding allowance of the printed figure).
func parseMoneyText(s string) (amount, prec decimal.Decimal, ok bool) {
	rs := []rune(values.NormalizeWidth(s))
	for i := 0; i < len(rs); i++ {
		if !isDigit(rs[i]) {
			continue
		}
		j := i
		for j < len(rs) && (isDigit(rs[j]) || rs[j] == '.' || rs[j] == ',') {
			j++
		}
		numText := strings.ReplaceAll(string(rs[i:j]), ",", "")
		numText = strings.TrimRight(numText, ".")
		num, err := decimal.NewFromString(numText)
		if err != nil || len(numText) > 18 {
			i = j
			continue
		}
		unit := string(rs[j:min(j+2, len(rs))])
		v, uok := parseUnitAmount(num, unit)
		if !uok || !(strings.HasPrefix(unit, "万") || strings.HasPrefix(unit, "元") || strings.HasPrefix(unit, "亿") || strings.HasPrefix(unit, "千元")) {
			i = j
			continue
		}
		places := int32(0)
		if k := strings.IndexByte(numText, '.'); k >= 0 {
			places = int32(len(numText) - k - 1)
		}
		half := decimal.New(5, -places-1)
		p, _ := parseUnitAmount(half, unit)
		return v, p, true
	}
	return decimal.Zero, decimal.Zero, false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isCostIndicator reports whether an indicator sits under 成本指标.
func isCostIndicator(in model.Indicator) bool {
	return strings.Contains(in.Level2, "成本") || strings.Contains(in.Level1, "成本")
}

func checkCostIndicator(r *run) {
	for i, f := range r.d.Forms {
		if f.Scope == model.FormDepartment || (f.Scope == "" && f.Project == "") {
			continue
		}
		if f.AnnualTotal == nil {
			r.insufficient(f.SourceRef, "form for %s: 年度资金总额 not printed", f.Project)
			continue
		}
		sum, prec := decimal.Zero, decimal.Zero
		var texts []string
		ref := f.SourceRef
		n := 0
		for _, in := range f.Indicators {
			if in.Scope != model.ScopeAnnual || !isCostIndicator(in) {
				continue
			}
			v, p, ok := parseMoneyText(in.ValueText)
			if !ok {
				continue
			}
			if n == 0 && in.SourceRef != "" {
				ref = in.SourceRef
			}
			n++
			sum, prec = sum.Add(v), prec.Add(p)
			texts = append(texts, fmt.Sprintf("%s %q", in.Level3, in.ValueText))
		}
		if n == 0 {
			r.insufficient(f.SourceRef, "form %d (%s): no money-valued annual 成本指标", i+1, f.Project)
			continue
		}
		annual := *f.AnnualTotal
		if within(sum, annual, prec) {
			continue
		}
		desc := strings.Join(texts, ", ")
		if f.PeriodTotal != nil && !f.PeriodTotal.Equal(annual) && within(sum, *f.PeriodTotal, prec) {
			r.fail(ref, yuan(annual), yuan(sum),
				"form for %s: annual 成本指标 %s states the multi-year 实施期资金总额 %s yuan, not the 年度资金总额 %s yuan",
				f.Project, desc, yuan(*f.PeriodTotal), yuan(annual))
			continue
		}
		r.fail(ref, yuan(annual), yuan(sum),
			"form for %s: annual 成本指标 %s = %s yuan ≠ 年度资金总额 %s yuan",
			f.Project, desc, yuan(sum), yuan(annual))
	}
}
