package interpret

import (
	"sort"
	"strings"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/recognize"
	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema/ref"
	"github.com/shopspring/decimal"
)

// tableInterpreters maps a kind to its interpreter. Template families may
// add entries from their own files (init functions) for new kinds.
var tableInterpreters = map[string]func(s *state, t *recognize.Table, f decimal.Decimal){
	recognize.KindSummary:                  interpretSummary,
	recognize.KindFiscalSummary:            interpretSummary,
	recognize.KindIncome:                   interpretCoded,
	recognize.KindExpenditure:              interpretCoded,
	recognize.KindGeneralBudgetExpenditure: interpretCoded,
	recognize.KindGovFundIncome:            interpretCoded,
	recognize.KindGovFundExpenditure:       interpretCoded,
	recognize.KindStateCapital:             interpretCoded,
	recognize.KindBasicEcon:                interpretBasicEcon,
	recognize.KindThreePublic:              interpretThreePublic,
	recognize.KindOperatingCosts:           interpretOperatingCosts,
	recognize.KindProjectsCurrent:          interpretProjects,
	recognize.KindProjectsCarryover:        interpretProjects,
	recognize.KindPurchaseCatalogue:        interpretGeneric,
	recognize.KindProcurement:              interpretGeneric,
	recognize.KindFiscalExpenditure:        interpretCoded,
}

// interpretTable records the table's meta, consumes its structure and
// dispatches its data rows to the interpreter of its kind.
func (s *state) interpretTable(t *recognize.Table) {
	for _, r := range t.Structural {
		s.consume(r)
	}
	if t.Kind == recognize.KindTOC {
		return
	}
	if t.Kind == recognize.KindPerfForm {
		// The forms parser did not take this form (or is not wired): its
		// rows stay unaccounted.
		for _, r := range t.Rows {
			s.reject(r.Ref, "performance form not parsed by the forms parser")
		}
		s.finding(RuleFormUnparsed, model.SeverityWarning, "performance form 「"+t.Title+"」 was not parsed", "", "", t.Ref)
		return
	}
	meta := model.TableMeta{
		Kind:      t.Kind,
		Title:     t.Title,
		Number:    t.Number,
		Unit:      t.Unit,
		Rows:      len(t.Rows),
		Empty:     t.Empty(),
		Note:      t.Note,
		SourceRef: t.Ref.String(),
	}
	f, unit, ok := s.factor(t)
	if meta.Unit == "" && t.Kind != recognize.KindPurchaseCatalogue && t.Kind != recognize.KindUnknown {
		meta.Unit = unit
		if !meta.Empty && unit != "" {
			s.finding(RuleMissingUnit, model.SeverityWarning, "table 「"+t.Title+"」 states no unit; the document's unit "+unit+" is assumed", "", unit, t.Ref)
		}
	}
	s.out.Tables = append(s.out.Tables, meta)
	interp, known := tableInterpreters[t.Kind]
	if !known || t.Kind == recognize.KindUnknown {
		s.finding(RuleUnknownTable, model.SeverityWarning, "table of unknown kind 「"+t.Title+"」 kept as generic cells", "", t.Kind, t.Ref)
		interpretGeneric(s, t, f)
		return
	}
	if !ok && !meta.Empty && t.Kind != recognize.KindPurchaseCatalogue {
		for _, r := range t.Rows {
			s.reject(r.Ref, "table unit unknown: amounts not converted")
		}
		return
	}
	interp(s, t, f)
}

// rawCell returns the trimmed text of the cell of r starting at column j.
func rawCell(r doc.Row, j int) string {
	for _, c := range r.Cells {
		if c.Col == j {
			return strings.TrimSpace(c.Text)
		}
	}
	return ""
}

// cell returns the trimmed text of column j of r: the cell starting at j,
// or else a non-empty cell spanning j that covers no other column of the
// table that has a header (PDF readers sometimes place a data cell on a wider span than the
// header cell it belongs under).
func cell(t *recognize.Table, r doc.Row, j int) string {
	if s := rawCell(r, j); s != "" {
		return s
	}
	for _, c := range r.Cells {
		span := max(c.Span, 1)
		if c.Col > j || j >= c.Col+span || strings.TrimSpace(c.Text) == "" {
			continue
		}
		covered := 0
		for _, col := range t.Columns {
			if col.Label != "" && col.Index >= c.Col && col.Index < c.Col+span {
				covered++
			}
		}
		if covered == 1 {
			return strings.TrimSpace(c.Text)
		}
	}
	return ""
}

// amount parses column j of r into yuan. blank reports an empty cell; a
// malformed cell raises parse.bad_amount and marks the row unaccounted.
func (s *state) amount(t *recognize.Table, r doc.Row, j int, f decimal.Decimal) (v decimal.Decimal, ok bool) {
	txt := cell(t, r, j)
	a, ok, err := values.ParseAmount(txt)
	if err != nil {
		s.finding(RuleBadAmount, model.SeverityError, "cell 「"+txt+"」 of table 「"+t.Title+"」 is not an amount", "amount", txt, r.Ref)
		s.reject(r.Ref, "bad amount "+txt)
		return decimal.Zero, false
	}
	if !ok {
		return decimal.Zero, false
	}
	return a.Mul(f), true
}

// amountCols returns the indices of the measured columns in [from, to).
func amountCols(t *recognize.Table, from, to int) []int {
	var out []int
	for _, c := range t.Columns {
		if c.Index >= from && c.Index < to && !c.IsLabel && c.Measure != "" {
			out = append(out, c.Index)
		}
	}
	return out
}

func measureOf(t *recognize.Table, j int) string {
	for _, c := range t.Columns {
		if c.Index == j {
			return c.Measure
		}
	}
	return ""
}

// labelText is the label of a row from its label columns in [from, to).
func labelText(t *recognize.Table, r doc.Row, from, to int) string {
	var parts []string
	for _, c := range t.Columns {
		if c.Index >= from && c.Index < to && c.IsLabel {
			if s := cell(t, r, c.Index); s != "" {
				parts = append(parts, s)
			}
		}
	}
	return strings.Join(parts, " ")
}

func isTotalLabel(s string) bool {
	n := recognize.NormText(s)
	return n == "合计" || n == "总计" || n == "部门合计" || n == "单位合计" || n == "小计"
}

// segments splits a table's columns at each code column (a label column
// whose header says 编码/代码) so that two-sided tables (state capital) are
// read side by side. Each segment is [from, to) with its code column.
type segment struct{ from, to, code, name int }

func codeSegments(t *recognize.Table) []segment {
	var codes []int
	prevCode := false
	for _, c := range t.Columns {
		part := c.IsLabel && isCodePart(c.Label)
		if part && !prevCode {
			n := recognize.NormText(lastPart(c.Label))
			if strings.HasSuffix(n, "编码") || strings.HasSuffix(n, "代码") || n == "类" {
				codes = append(codes, c.Index)
			}
		}
		prevCode = part
	}
	if len(codes) == 0 {
		// no code header: the first column holding codes in the data
		for j := 0; j < len(t.Columns); j++ {
			for _, r := range t.Rows {
				if values.IsFuncCode(codeText(cell(t, r, j))) {
					codes = append(codes, j)
					break
				}
			}
			if len(codes) > 0 {
				break
			}
		}
	}
	var segs []segment
	for i, c := range codes {
		to := len(t.Columns)
		if i+1 < len(codes) {
			to = codes[i+1]
		}
		name := -1
		for _, col := range t.Columns {
			if col.Index > c && col.Index < to && col.IsLabel && !isCodePart(col.Label) {
				name = col.Index
				break
			}
		}
		if name < 0 && c+1 < to && measureOf(t, c+1) == "" {
			name = c + 1
		}
		segs = append(segs, segment{from: c, to: to, code: c, name: name})
	}
	return segs
}

// isCodePart reports whether a label column holds (part of) a code: its
// deepest header is 类/款/项 or ends with 编码/代码.
func isCodePart(label string) bool {
	n := recognize.NormText(lastPart(label))
	return n == "类" || n == "款" || n == "项" || strings.HasSuffix(n, "编码") || strings.HasSuffix(n, "代码")
}

// rowCode reads the code of a row in a segment: the code cell joined with
// the digit-only cells after it and before the name column (codes printed
// in 类/款/项 columns: 201 | 06 | 01, or 302 | 40).
func rowCode(t *recognize.Table, r doc.Row, sg segment) string {
	code := codeText(cell(t, r, sg.code))
	if sg.name < 0 || code == "" || strings.Trim(code, "0123456789") != "" {
		return code
	}
	cells := append([]doc.Cell(nil), r.Cells...)
	sort.SliceStable(cells, func(i, j int) bool { return cells[i].Col < cells[j].Col })
	for _, c := range cells {
		if c.Col <= sg.code || c.Col >= sg.name {
			continue
		}
		x := codeText(c.Text)
		if x == "" {
			continue
		}
		if strings.Trim(x, "0123456789") != "" {
			break
		}
		code += x
	}
	return code
}

func lastPart(label string) string {
	if i := strings.LastIndex(label, "/"); i >= 0 {
		return label[i+1:]
	}
	return label
}

// interpretCoded reads a table keyed by functional code (收入总表, 支出总表,
// 一般公共预算支出表, 政府性基金 tables, 国有资本经营 both sides): one
// FuncAmount per coded row per measured non-blank cell; the 合计 row gives
// table_total (and, for the expenditure table, basic and project).
func interpretCoded(s *state, t *recognize.Table, f decimal.Decimal) {
	segs := codeSegments(t)
	if len(segs) == 0 && t.Kind == recognize.KindIncome {
		interpretIncomeBySource(s, t, f)
		return
	}
	if len(segs) == 0 && t.Kind == recognize.KindExpenditure {
		interpretExpenditureTotals(s, t, f)
		return
	}
	if len(segs) == 0 {
		for _, r := range t.Rows {
			if !r.Empty() {
				s.reject(r.Ref, "no code column in table 「"+t.Title+"」")
			}
		}
		return
	}
	for _, r := range t.Rows {
		used, bad := false, false
		for _, sg := range segs {
			code := rowCode(t, r, sg)
			name := ""
			if sg.name >= 0 {
				name = cell(t, r, sg.name)
			}
			cols := amountCols(t, sg.from, sg.to)
			switch {
			case values.IsFuncCode(code):
				used = true
				for _, j := range cols {
					if v, ok := s.amount(t, r, j, f); ok {
						s.out.FuncAmounts = append(s.out.FuncAmounts, model.FuncAmount{
							SourceTable: t.Kind, Code: code, Name: name, Level: values.CodeLevel(code),
							Measure: measureOf(t, j), Amount: v, SourceRef: r.Ref.String(),
						})
					}
				}
			case isTotalLabel(cell(t, r, sg.code)) || (code == "" && isTotalLabel(name)):
				used = true
				label := cell(t, r, sg.code)
				if label == "" {
					label = name
				}
				for _, j := range cols {
					v, ok := s.amount(t, r, j, f)
					if !ok {
						continue
					}
					m := measureOf(t, j)
					s.total("table_total", label, t.Kind, m, v, r.Ref)
					if t.Kind == recognize.KindExpenditure && (m == "basic" || m == "project") {
						s.total(m, label, t.Kind, "total", v, r.Ref)
					}
				}
			case code == "" && name == "" && rowBlankIn(r, sg.from, sg.to):
				// this side of the row is empty
			default:
				bad = true
			}
		}
		switch {
		case bad && !used:
			s.reject(r.Ref, "row without a functional code")
		case bad:
			s.reject(r.Ref, "part of the row has no functional code")
		default:
			s.consume(r.Ref)
		}
	}
}

func rowBlankIn(r doc.Row, from, to int) bool {
	for _, c := range r.Cells {
		if c.Col >= from && c.Col < to && strings.TrimSpace(c.Text) != "" {
			return false
		}
	}
	return true
}

func (s *state) total(key, label, table, measure string, v decimal.Decimal, r doc.Ref) {
	s.out.Totals = append(s.out.Totals, model.Total{Key: key, Label: label, SourceTable: table, Measure: measure, Amount: v, SourceRef: r.String()})
}

// incomeSourceKey maps an income-source label (一、一般公共预算 …) to its
// totals key.
func incomeSourceKey(label string) string {
	n := recognize.NormText(ref.StripListMarker(label))
	switch {
	case strings.Contains(n, "一般公共预算"):
		return "general_public_budget"
	case strings.Contains(n, "政府性基金"):
		return "government_fund"
	case strings.Contains(n, "国有资本经营"):
		return "state_capital"
	case strings.Contains(n, "财政专户"):
		return "special_account"
	case strings.Contains(n, "社会保险基金"):
		return "social_insurance_fund"
	case strings.Contains(n, "单位资金"):
		return "unit_funds"
	case strings.Contains(n, "事业收入"):
		return "business_income"
	case strings.Contains(n, "事业单位经营收入"), strings.Contains(n, "经营收入"):
		return "operating_income"
	case strings.Contains(n, "上级补助收入"):
		return "superior_subsidy"
	case strings.Contains(n, "附属单位上缴收入"):
		return "subsidiary_remittance"
	case strings.Contains(n, "其他收入"):
		return "other_income"
	case strings.Contains(n, "其他资金"):
		return "other_funds"
	case strings.Contains(n, "债务资金"):
		return "debt_funds"
	case strings.Contains(n, "财政拨款"):
		return "fiscal_appropriation"
	}
	return ""
}

// expenditureUseKey maps a label of the 支出用途 side of a summary table
// (Jiangsu: 基本支出 / 项目支出 / 单位预留机动经费) to its totals key.
func expenditureUseKey(label string) string {
	n := recognize.NormText(ref.StripListMarker(label))
	switch n {
	case "基本支出":
		return "basic"
	case "项目支出":
		return "project"
	case "单位预留机动经费", "预留机动经费", "机动经费":
		return "reserve"
	case "人员经费", "工资福利支出":
		return "personnel"
	case "公用经费":
		return "public"
	case "事业单位经营支出", "经营支出":
		return "operating_expenditure"
	case "对附属单位补助支出":
		return "subsidiary_grants"
	case "上缴上级支出":
		return "remittance_to_superior"
	}
	return ""
}

// summaryTotalKey maps a totals label of a summary table to its key.
func summaryTotalKey(label string) string {
	n := recognize.NormText(label)
	switch n {
	case "当年收入", "当年收入合计", "当年收入小计", "本年收入", "本年收入小计", "收入合计":
		return "income_total"
	case "当年支出", "当年支出小计", "当年支出合计", "本年支出", "本年支出小计", "支出合计":
		return "expenditure_total"
	case "上年结转资金", "上年结转和结余资金", "上年结转结余":
		return "carryover_in"
	case "结转下年资金", "结转下年", "年末结转和结余资金":
		return "carryover_out"
	}
	switch {
	case strings.Contains(n, "本年收入合计"), n == "收入合计":
		return "income_total"
	case strings.Contains(n, "本年支出合计"), n == "支出合计":
		return "expenditure_total"
	case strings.Contains(n, "收入总计"):
		return "grand_income_total"
	case strings.Contains(n, "支出总计"):
		return "grand_expenditure_total"
	case strings.Contains(n, "年终结转"), strings.Contains(n, "年末结转"), strings.HasPrefix(n, "年末") && strings.Contains(n, "结转"):
		return "carryover_out"
	case strings.HasPrefix(n, "年初") && strings.Contains(n, "结转"):
		return "carryover_in"
	case strings.Contains(n, "使用非财政拨款结余"), strings.Contains(n, "用事业基金弥补收支差额"):
		return "use_of_balance"
	case n == "结余分配":
		return "balance_distribution"
	case strings.Contains(n, "上年结转"), strings.Contains(n, "年初结转"), strings.HasPrefix(n, "上年") && strings.HasSuffix(n, "结转"):
		return "carryover_in"
	}
	return ""
}

// interpretSummary reads a two-sided 收支总表 (or 财政拨款收支总表): income
// labels and amounts on the left, expenditure class names and amounts on the
// right. Totals rows become totals, class rows become class-level
// FuncAmounts (names mapped to 3-digit codes through schema/ref), income
// sources become totals by source key. Blank cells of totals rows count as
// zero in the headline (total) column: the row is printed (not in a table
// without any amount, such as a blank template).
func interpretSummary(s *state, t *recognize.Table, f decimal.Decimal) {
	// sides: each label column starts a side that runs to the next label column
	var labels []int
	for _, c := range t.Columns {
		if c.IsLabel {
			labels = append(labels, c.Index)
		}
	}
	if len(labels) == 0 {
		labels = []int{0}
	}
	inCarry := false // rows under 上年结转 on the income side list its sources
	ncol := 0
	if len(t.Columns) > 0 {
		ncol = t.Columns[len(t.Columns)-1].Index + 1
	}
	seen := map[string]bool{} // income_total / expenditure_total rows seen
	for _, r := range joinWrappedLabels(s, t, realignShifted(t, labels), labels) {
		ok := true
		skipTo := -1
		for si, lc := range labels {
			if lc < skipTo {
				continue // covered by a label spanning from an earlier side
			}
			to := ncol
			if si+1 < len(labels) {
				to = labels[si+1]
			}
			label := cell(t, r, lc)
			cols := amountCols(t, lc+1, to)
			// a label cell spanning into later sides (当年支出小计 over 功能分类
			// and 支出用途) takes the printed amounts of every side it covers
			if end := labelEnd(r, lc); end > to {
				for sj := si + 1; sj < len(labels) && labels[sj] < end; sj++ {
					to = ncol
					if sj+1 < len(labels) {
						to = labels[sj+1]
					}
				}
				skipTo = to
				var printed []int
				for _, j := range amountCols(t, lc+1, to) {
					if values.LooksLikeAmount(cell(t, r, j)) {
						printed = append(printed, j)
					}
				}
				if len(printed) > 0 {
					cols = printed
				}
			}
			if label == "" {
				if !rowBlankIn(r, lc, to) {
					ok = false
				}
				continue
			}
			key := summaryTotalKey(label)
			if recognize.NormText(label) == "总计" {
				key = "grand_income_total"
				if si > 0 {
					key = "grand_expenditure_total"
				}
			}
			// a second 收入合计 after 当年收入小计 (Jiangsu) is the grand total
			if key == "income_total" || key == "expenditure_total" {
				if seen[key] {
					key = "grand_" + key
				}
				seen[key] = true
			}
			if key != "" {
				if si == 0 {
					inCarry = key == "carryover_in"
				}
				s.summaryAmounts(t, r, cols, f, key, label)
				continue
			}
			if class, found := ref.FuncClassByName(label); found && si > 0 {
				for _, j := range cols {
					if v, okA := s.amount(t, r, j, f); okA {
						s.out.FuncAmounts = append(s.out.FuncAmounts, model.FuncAmount{
							SourceTable: t.Kind, Code: class.Code, Name: ref.StripListMarker(label), Level: "class",
							Measure: measureOf(t, j), Amount: v, SourceRef: r.Ref.String(),
						})
					}
				}
				continue
			}
			if key := incomeSourceKey(label); key != "" && si == 0 {
				if inCarry {
					// a source of the carry-over: carryover_in by fund
					for _, j := range cols {
						if v, okA := s.amount(t, r, j, f); okA {
							s.total("carryover_in", label, t.Kind, key, v, r.Ref)
						}
					}
					continue
				}
				s.summaryAmounts(t, r, cols, f, key, label)
				continue
			}
			if key := expenditureUseKey(label); key != "" && si > 0 {
				s.summaryAmounts(t, r, cols, f, key, label)
				continue
			}
			if si > 0 && looksLikeClassRow(label) {
				s.finding(RuleUnmappedFuncClass, model.SeverityWarning, "expenditure class 「"+label+"」 maps to no functional class code", "", label, r.Ref)
			}
			ok = false
		}
		if ok {
			s.consume(r.Ref)
		} else {
			s.reject(r.Ref, "summary row not understood")
		}
	}
}

// labelEnd returns the column after the cell of r starting at column lc
// (lc+1 when no cell starts there).
func labelEnd(r doc.Row, lc int) int {
	for _, c := range r.Cells {
		if c.Col == lc {
			return c.Col + max(c.Span, 1)
		}
	}
	return lc + 1
}

// realignShifted repairs summary rows whose leading empty cells were lost
// (cells shifted left): a row shorter than the table whose first label is an
// expenditure class or an expenditure totals label, printed in the income
// label column, is moved right so that it ends in the last column.
func realignShifted(t *recognize.Table, labels []int) []doc.Row {
	if len(labels) < 2 || len(t.Columns) == 0 {
		return t.Rows
	}
	ncol := t.Columns[len(t.Columns)-1].Index + 1
	out := make([]doc.Row, 0, len(t.Rows))
	for _, r := range t.Rows {
		if len(r.Cells) == 0 || len(r.Cells) >= ncol {
			out = append(out, r)
			continue
		}
		first := strings.TrimSpace(r.Cells[0].Text)
		_, isClass := ref.FuncClassByName(first)
		key := summaryTotalKey(first)
		expenditureLabel := isClass || key == "expenditure_total" || key == "grand_expenditure_total" || key == "carryover_out"
		if r.Cells[0].Col != labels[0] || !expenditureLabel || incomeSourceKey(first) != "" {
			out = append(out, r)
			continue
		}
		shift := ncol - (r.Cells[len(r.Cells)-1].Col + max(r.Cells[len(r.Cells)-1].Span, 1))
		if shift <= 0 {
			out = append(out, r)
			continue
		}
		nr := doc.Row{Ref: r.Ref}
		for _, c := range r.Cells {
			c.Col += shift
			nr.Cells = append(nr.Cells, c)
		}
		out = append(out, nr)
	}
	return out
}

// summaryLabelKnown reports whether a summary label maps to a class, an
// income source or a totals key.
func summaryLabelKnown(label string) bool {
	if _, ok := ref.FuncClassByName(label); ok {
		return true
	}
	return summaryTotalKey(label) != "" || incomeSourceKey(label) != "" || expenditureUseKey(label) != ""
}

// joinWrappedLabels merges a row that holds only label fragments (no
// amounts) into the row above when the joined label maps to a class, source
// or totals key and the upper label alone does not (a PDF cell wrapped onto
// two lines: 九、医疗卫生与计划生育支 / 出). The fragment row is structure.
func joinWrappedLabels(s *state, t *recognize.Table, rows []doc.Row, labels []int) []doc.Row {
	isLabel := map[int]bool{}
	for _, l := range labels {
		isLabel[l] = true
	}
	var out []doc.Row
	for _, r := range rows {
		if len(out) > 0 {
			prev := &out[len(out)-1]
			fragOnly, joined := true, 0
			for _, c := range r.Cells {
				txt := strings.TrimSpace(c.Text)
				if txt == "" {
					continue
				}
				if !isLabel[c.Col] {
					fragOnly = false
					break
				}
				up := cell(t, *prev, c.Col)
				if up == "" || summaryLabelKnown(up) || !summaryLabelKnown(up+txt) {
					fragOnly = false
					break
				}
				joined++
			}
			if fragOnly && joined > 0 {
				cells := append([]doc.Cell(nil), prev.Cells...)
				for _, c := range r.Cells {
					if txt := strings.TrimSpace(c.Text); txt != "" {
						for k := range cells {
							if cells[k].Col == c.Col || (cells[k].Col < c.Col && c.Col < cells[k].Col+max(cells[k].Span, 1)) {
								cells[k].Text = strings.TrimSpace(cells[k].Text) + txt
							}
						}
					}
				}
				prev.Cells = cells
				s.consume(r.Ref)
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

func looksLikeClassRow(label string) bool {
	return ref.StripListMarker(label) != strings.TrimSpace(label)
}

// interpretExpenditureTotals reads an expenditure table printed without
// codes (Jiangsu 支出预算总表: one row of 合计 / 基本支出 / 项目支出 /
// 单位预留机动经费 / 结转下年资金): each measured cell of an unlabelled or
// 合计 row gives table_total, and basic / project / reserve / carryover_out
// totals for those columns.
func interpretExpenditureTotals(s *state, t *recognize.Table, f decimal.Decimal) {
	cols := amountCols(t, 0, len(t.Columns))
	for _, r := range t.Rows {
		label := labelText(t, r, 0, len(t.Columns))
		if label != "" && !isTotalLabel(label) {
			s.reject(r.Ref, "expenditure row without a functional code")
			continue
		}
		if label == "" {
			label = "合计"
		}
		for _, j := range cols {
			v, ok := s.amount(t, r, j, f)
			if !ok {
				continue
			}
			m := measureOf(t, j)
			s.total("table_total", label, t.Kind, m, v, r.Ref)
			switch m {
			case "basic", "project", "reserve", "carryover_out":
				s.total(m, label, t.Kind, "total", v, r.Ref)
			}
		}
		s.consume(r.Ref)
	}
}

// interpretIncomeBySource reads an income table keyed by income source
// rather than functional code (Jiangsu 收入预算总表: 一般公共预算资金 小计,
// 公共财政拨款(补助)资金, 事业收入 …). Each row with a label becomes a total:
// key from the source words (income_item when none applies; the label says
// what it is), measure from the column.
func interpretIncomeBySource(s *state, t *recognize.Table, f decimal.Decimal) {
	cols := amountCols(t, 0, len(t.Columns))
	for _, r := range t.Rows {
		var parts []string
		for _, c := range r.Cells {
			txt := strings.TrimSpace(c.Text)
			if txt == "" || measureOf(t, c.Col) != "" {
				continue
			}
			if recognize.NormText(txt) == "小计" {
				continue
			}
			parts = append(parts, txt)
		}
		label := strings.Join(parts, " ")
		if label == "" {
			s.reject(r.Ref, "income row without a label")
			continue
		}
		key := summaryTotalKey(label)
		if key == "" {
			key = incomeSourceKey(label)
		}
		if key == "" {
			key = "income_item"
		}
		for _, j := range cols {
			if v, ok := s.amount(t, r, j, f); ok {
				s.total(key, label, t.Kind, measureOf(t, j), v, r.Ref)
			}
		}
		s.consume(r.Ref)
	}
}

// summaryAmounts records a totals row: the first measured column (the
// headline) counts a blank as zero; other columns only when printed.
func (s *state) summaryAmounts(t *recognize.Table, r doc.Row, cols []int, f decimal.Decimal, key, label string) {
	empty := t.Empty()
	for i, j := range cols {
		v, ok := s.amount(t, r, j, f)
		if !ok {
			// a blank headline cell is zero, unless the whole table is
			// blank (a template or an empty table states nothing)
			if i > 0 || empty || strings.TrimSpace(cell(t, r, j)) != "" && !values.IsBlankAmount(cell(t, r, j)) {
				continue
			}
			v = decimal.Zero
		}
		s.total(key, label, t.Kind, measureOf(t, j), v, r.Ref)
	}
}

// interpretBasicEcon reads 基本支出分经济科目表: the first label column holds
// the department-scheme name (group rows 工资福利支出 … and their items), the
// second the government-scheme name of each item. One EconAmount per row ×
// scheme × measured non-blank cell; names map to codes through schema/ref
// (an unmapped name keeps code "" and raises parse.unmapped_econ). The 合计
// row gives table_total, personnel and public.
func interpretBasicEcon(s *state, t *recognize.Table, f decimal.Decimal) {
	for _, c := range t.Columns {
		if c.IsLabel && (strings.HasSuffix(recognize.NormText(lastPart(c.Label)), "编码") || strings.HasSuffix(recognize.NormText(lastPart(c.Label)), "代码")) {
			interpretEconCoded(s, t, f)
			return
		}
	}
	var labels []int
	for _, c := range t.Columns {
		if c.IsLabel {
			labels = append(labels, c.Index)
		}
	}
	deptCol, govCol := 0, -1
	if len(labels) > 0 {
		deptCol = labels[0]
	}
	if len(labels) > 1 {
		govCol = labels[1]
	}
	cols := amountCols(t, 0, len(t.Columns))
	group := ""
	for _, r := range t.Rows {
		dn := cell(t, r, deptCol)
		gn := ""
		if govCol >= 0 {
			gn = cell(t, r, govCol)
		}
		if isTotalLabel(dn) {
			for _, j := range cols {
				if v, ok := s.amount(t, r, j, f); ok {
					m := measureOf(t, j)
					s.total("table_total", dn, t.Kind, m, v, r.Ref)
					if m == "personnel" || m == "public" {
						s.total(m, dn, t.Kind, "total", v, r.Ref)
					}
				}
			}
			s.consume(r.Ref)
			continue
		}
		if dn == "" && gn == "" {
			s.reject(r.Ref, "economic row without a name")
			continue
		}
		var deptCode, deptParent string
		if dn != "" {
			isGroup := gn == ""
			var e ref.Econ
			var found bool
			if isGroup {
				e, found = ref.EconByNameUnder(ref.SchemeDepartment, dn, "")
				if found && e.ParentCode != "" {
					isGroup = false
				}
			} else {
				e, found = ref.EconByNameUnder(ref.SchemeDepartment, dn, group)
			}
			if found {
				deptCode, deptParent = e.Code, e.ParentCode
				if e.ParentCode == "" {
					group = e.Code
				}
			} else {
				deptParent = group
				s.finding(RuleUnmappedEcon, model.SeverityWarning, "economic classification name 「"+dn+"」 (department scheme) maps to no code", "", dn, r.Ref)
			}
			s.econRow(t, r, cols, f, ref.SchemeDepartment, deptCode, dn, deptParent)
		}
		if gn != "" {
			var code, parent string
			if e, found := ref.EconByName(ref.SchemeGovernment, gn); found {
				code, parent = e.Code, e.ParentCode
			} else {
				s.finding(RuleUnmappedEcon, model.SeverityWarning, "economic classification name 「"+gn+"」 (government scheme) maps to no code", "", gn, r.Ref)
			}
			s.econRow(t, r, cols, f, ref.SchemeGovernment, code, gn, parent)
		}
		s.consume(r.Ref)
	}
}

// interpretEconCoded reads a basic-expenditure table keyed by economic
// code (科目编码 30101 / 科目名称 基本工资 …), one side or several side by
// side (人员经费 | 公用经费): the scheme follows the code's first digit (3
// department, 5 government), the parent is the 3-digit prefix of a 5-digit
// code. A published code is kept even when the reference list lacks it (the
// list may be older than the document). 人员经费合计 / 公用经费合计 rows give
// the personnel / public totals.
func interpretEconCoded(s *state, t *recognize.Table, f decimal.Decimal) {
	segs := codeSegments(t)
	for _, r := range t.Rows {
		used, bad := false, false
		for _, sg := range segs {
			code := rowCode(t, r, sg)
			name := ""
			if sg.name >= 0 {
				name = cell(t, r, sg.name)
			}
			cols := amountCols(t, sg.from, sg.to)
			label := cell(t, r, sg.code)
			if label == "" {
				label = name
			}
			switch {
			case code == "" && name == "" && rowBlankIn(r, sg.from, sg.to):
				continue
			case isTotalLabel(label) || strings.HasSuffix(recognize.NormText(label), "合计"):
				used = true
				n := recognize.NormText(label)
				for _, j := range cols {
					v, ok := s.amount(t, r, j, f)
					if !ok {
						continue
					}
					m := measureOf(t, j)
					switch {
					case strings.Contains(n, "人员经费"):
						s.total("personnel", label, t.Kind, "total", v, r.Ref)
					case strings.Contains(n, "公用经费"):
						s.total("public", label, t.Kind, "total", v, r.Ref)
					default:
						s.total("table_total", label, t.Kind, m, v, r.Ref)
						if m == "personnel" || m == "public" {
							s.total(m, label, t.Kind, "total", v, r.Ref)
						}
					}
				}
				continue
			}
			scheme := ""
			if (len(code) == 3 || len(code) == 5) && strings.Trim(code, "0123456789") == "" {
				switch code[0] {
				case '3':
					scheme = ref.SchemeDepartment
				case '5':
					scheme = ref.SchemeGovernment
				}
			}
			if scheme == "" {
				bad = true
				continue
			}
			parent := ""
			if len(code) == 5 {
				parent = code[:3]
			}
			used = true
			s.econRow(t, r, cols, f, scheme, code, name, parent)
		}
		switch {
		case bad && !used:
			s.reject(r.Ref, "row without an economic classification code")
		case bad:
			s.reject(r.Ref, "part of the row has no economic classification code")
		default:
			s.consume(r.Ref)
		}
	}
}

func (s *state) econRow(t *recognize.Table, r doc.Row, cols []int, f decimal.Decimal, scheme, code, name, parent string) {
	for _, j := range cols {
		if v, ok := s.amount(t, r, j, f); ok {
			s.out.EconAmounts = append(s.out.EconAmounts, model.EconAmount{
				SourceTable: t.Kind, Scheme: scheme, Code: code, Name: name, ParentCode: parent,
				Measure: measureOf(t, j), Amount: v, SourceRef: r.Ref.String(),
			})
		}
	}
}

// threePublicItem maps a 三公 row label to its item word.
func threePublicItem(label string) string {
	n := recognize.NormText(ref.StripListMarker(label))
	switch {
	case strings.Contains(n, "出国"):
		return "outbound"
	case strings.Contains(n, "接待"):
		return "reception"
	case strings.Contains(n, "购置及运行"), strings.Contains(n, "购置和运行"), n == "公务用车费", n == "公务用车":
		return "vehicle_total"
	case strings.Contains(n, "购置"):
		return "vehicle_purchase"
	case strings.Contains(n, "运行"):
		return "vehicle_operation"
	case strings.Contains(n, "会议费"):
		return "meeting"
	case strings.Contains(n, "培训费"):
		return "training"
	case strings.Contains(n, "合计") && (strings.Contains(n, "会议") || strings.Contains(n, "培训")):
		return "total_with_meeting_training"
	case strings.Contains(n, "合计"), strings.Contains(n, "总计"), strings.Contains(n, "三公经费"):
		return "total"
	}
	return ""
}

// interpretThreePublic reads the 三公 table: one ThreePublic per item × measured
// column; a blank headline (total) cell is zero, other blanks are skipped.
func interpretThreePublic(s *state, t *recognize.Table, f decimal.Decimal) {
	if items := columnItems(t); len(items) >= 2 {
		interpretThreePublicColumns(s, t, f, items)
		return
	}
	cols := amountCols(t, 0, len(t.Columns))
	labelCol := 0
	for _, c := range t.Columns {
		if c.IsLabel {
			labelCol = c.Index
			break
		}
	}
	empty := t.Empty()
	for _, r := range t.Rows {
		label := cell(t, r, labelCol)
		item := threePublicItem(label)
		if item == "" {
			s.reject(r.Ref, "三公 row not understood")
			continue
		}
		for i, j := range cols {
			v, ok := s.amount(t, r, j, f)
			if !ok {
				if i > 0 || empty || !values.IsBlankAmount(cell(t, r, j)) {
					continue
				}
				v = decimal.Zero
			}
			s.out.ThreePublic = append(s.out.ThreePublic, model.ThreePublic{
				SourceTable: t.Kind, Item: item, Label: label, Measure: measureOf(t, j), Amount: v, SourceRef: r.Ref.String(),
			})
		}
		s.consume(r.Ref)
	}
}

// colItem is the 三公 item (or operating_costs) and measure of a column of
// a table whose items are columns.
type colItem struct {
	col           int
	item, measure string
	label         string
}

// columnItems derives, for a 三公 table whose items head the columns
// (Jiangsu, Shanghai), each column's item from its header texts: the
// deepest text naming an item; 小计/合计 under a parent item (公务用车购置及
// 运行费) is that parent, under “三公”经费 the 三公 total, and alone the
// total (with 会议费/培训费 when the table has them). 机关运行经费 columns
// are operating costs. The measure is taken from a 预算数/决算数 text when
// present (预算数 is "budget" beside a 决算数 column), else total.
func columnItems(t *recognize.Table) []colItem {
	var out []colItem
	hasFinal, hasMeetingTraining := false, false
	for _, c := range t.Columns {
		for _, p := range strings.Split(c.Label, "/") {
			n := recognize.NormText(p)
			if strings.Contains(n, "决算数") {
				hasFinal = true
			}
			if strings.Contains(n, "会议费") || strings.Contains(n, "培训费") {
				hasMeetingTraining = true
			}
		}
	}
	items := 0
	for _, c := range t.Columns {
		if c.IsLabel || c.Label == "" {
			continue
		}
		parts := strings.Split(c.Label, "/")
		ci := colItem{col: c.Index, label: c.Label, measure: "total"}
		for i := len(parts) - 1; i >= 0; i-- {
			n := recognize.NormText(parts[i])
			if strings.Contains(n, "决算数") {
				ci.measure = "final_account"
				continue
			}
			if strings.Contains(n, "预算数") && !strings.Contains(n, "三公") && !strings.Contains(n, "机关运行") {
				if hasFinal {
					ci.measure = "budget"
				}
				continue
			}
			if strings.Contains(n, "机关运行经费") {
				ci.item = "operating_costs"
				break
			}
			if n == "小计" || n == "合计" {
				if i == 0 {
					ci.item = "total"
					if hasMeetingTraining {
						ci.item = "total_with_meeting_training"
					}
					break
				}
				parent := recognize.NormText(parts[i-1])
				switch {
				case strings.Contains(parent, "三公"):
					ci.item = "total"
				case threePublicItem(parent) == "vehicle_total":
					ci.item = "vehicle_total"
				default:
					continue
				}
				break
			}
			if it := threePublicItem(parts[i]); it != "" && it != "total" {
				ci.item = it
				break
			}
			if strings.Contains(n, "三公") && i == len(parts)-1 {
				ci.item = "total"
				break
			}
		}
		if ci.item != "" {
			items++
		}
		out = append(out, ci)
	}
	if items < 2 {
		return nil
	}
	return out
}

// interpretThreePublicColumns reads a 三公 table whose items are columns:
// one ThreePublic per item column per data row (a row label that names a
// measure, e.g. 决算数, overrides the column's); 机关运行经费 columns give the
// operating_costs total.
func interpretThreePublicColumns(s *state, t *recognize.Table, f decimal.Decimal, items []colItem) {
	for _, r := range t.Rows {
		rowMeasure := ""
		if l := labelText(t, r, 0, len(t.Columns)); l != "" {
			rowMeasure = recognize.MeasureOf(t.Kind, l)
		}
		used := false
		for _, ci := range items {
			if ci.item == "" {
				if txt := cell(t, r, ci.col); txt != "" && !values.IsBlankAmount(txt) {
					s.reject(r.Ref, "三公 column 「"+ci.label+"」 not understood")
				}
				continue
			}
			v, ok := s.amount(t, r, ci.col, f)
			if !ok {
				continue
			}
			used = true
			m := ci.measure
			if rowMeasure != "" && m == "total" {
				m = rowMeasure
			}
			if ci.item == "operating_costs" {
				s.total("operating_costs", ci.label, t.Kind, m, v, r.Ref)
				continue
			}
			s.out.ThreePublic = append(s.out.ThreePublic, model.ThreePublic{
				SourceTable: t.Kind, Item: ci.item, Label: ci.label, Measure: m, Amount: v, SourceRef: r.Ref.String(),
			})
		}
		if used {
			s.consume(r.Ref)
		} else {
			s.reject(r.Ref, "三公 row without amounts")
		}
	}
}

// interpretOperatingCosts reads the 机关运行经费 table: the 合计 row gives
// the operating_costs total, unit rows operating_costs_unit (label = unit).
func interpretOperatingCosts(s *state, t *recognize.Table, f decimal.Decimal) {
	cols := amountCols(t, 0, len(t.Columns))
	for _, r := range t.Rows {
		label := labelText(t, r, 0, len(t.Columns))
		if label == "" {
			label = cell(t, r, 0)
		}
		key := "operating_costs_unit"
		if isTotalLabel(label) || strings.Contains(label, "合计") {
			key = "operating_costs"
		}
		for _, j := range cols {
			if v, ok := s.amount(t, r, j, f); ok {
				s.total(key, label, t.Kind, measureOf(t, j), v, r.Ref)
			}
		}
		s.consume(r.Ref)
	}
}

// interpretProjects reads a project-expenditure table. Department and unit
// header rows (named like the department, or an organisation whose amount
// equals the sum of the project rows under it) set BudgetUnit; every other
// row is a project with its 合计 amount and the other measured columns as
// Funds.
func interpretProjects(s *state, t *recognize.Table, f decimal.Decimal) {
	nameCol := 0
	for _, c := range t.Columns {
		if c.IsLabel {
			nameCol = c.Index
			break
		}
	}
	cols := amountCols(t, 0, len(t.Columns))
	totalCol := -1
	for _, j := range cols {
		if measureOf(t, j) == "total" {
			totalCol = j
			break
		}
	}
	if totalCol < 0 && len(cols) > 0 {
		totalCol = cols[0]
	}
	type prow struct {
		r      doc.Row
		name   string
		amount decimal.Decimal
		has    bool
	}
	var rows []prow
	for _, r := range t.Rows {
		p := prow{r: r, name: cell(t, r, nameCol)}
		if totalCol >= 0 {
			p.amount, p.has = s.amount(t, r, totalCol, f)
		}
		rows = append(rows, p)
	}
	dept := recognize.NormText(t.Department)
	if dept == "" {
		dept = recognize.NormText(s.dept)
	}
	isHeader := func(i int) bool {
		p := rows[i]
		n := recognize.NormText(p.name)
		if n == "" {
			return false
		}
		if n == dept || isTotalLabel(p.name) {
			return true
		}
		if !orgLike(n) || !p.has {
			return false
		}
		// amount equals the sum of the following rows up to the next
		// header-like row (or the end)
		sum := decimal.Zero
		for k := i + 1; k < len(rows); k++ {
			nk := recognize.NormText(rows[k].name)
			if nk == dept || (orgLike(nk) && k > i+1 && sum.Equal(p.amount)) {
				break
			}
			sum = sum.Add(rows[k].amount)
		}
		return sum.Equal(p.amount)
	}
	unit := t.Department
	if unit == "" {
		unit = s.dept
	}
	for i, p := range rows {
		if p.name == "" && !p.has {
			s.reject(p.r.Ref, "project row without a name")
			continue
		}
		if isHeader(i) {
			if !isTotalLabel(p.name) {
				unit = p.name
			}
			s.consume(p.r.Ref)
			continue
		}
		pr := model.Project{SourceTable: t.Kind, BudgetUnit: unit, Name: p.name, Amount: p.amount, SourceRef: p.r.Ref.String(), Form: -1}
		for _, j := range cols {
			if j == totalCol {
				continue
			}
			if v, ok := s.amount(t, p.r, j, f); ok {
				pr.Funds = append(pr.Funds, model.Measured{Measure: measureOf(t, j), Amount: v})
			}
		}
		s.out.Projects = append(s.out.Projects, pr)
		s.consume(p.r.Ref)
	}
}

// orgLike reports whether a normalised name ends like an organisation.
func orgLike(n string) bool {
	for _, suf := range []string{"部", "局", "委", "办", "院", "中心", "站", "所", "队", "会", "处", "室", "馆", "校", "厅", "署", "委员会", "单位", "本级", "机关"} {
		if strings.HasSuffix(n, suf) {
			return true
		}
	}
	return false
}

// interpretGeneric keeps a table's data rows as generic cells (unknown
// kinds, and the purchase catalogue whose codes are not amounts).
func interpretGeneric(s *state, t *recognize.Table, _ decimal.Decimal) {
	ti := len(s.out.Tables) - 1
	for ri, r := range t.Rows {
		for _, c := range r.Cells {
			if strings.TrimSpace(c.Text) == "" {
				continue
			}
			s.out.Cells = append(s.out.Cells, model.Cell{TableIndex: ti, Row: ri, Col: c.Col, Text: strings.TrimSpace(c.Text), SourceRef: r.Ref.String()})
		}
		s.consume(r.Ref)
	}
}

// codeText normalises a code cell: full-width digits to ASCII and spaces
// removed (PDF readers may print 201 06 01); other characters are kept so
// that an amount such as 3.00 never reads as a code.
func codeText(s string) string {
	return strings.Join(strings.Fields(values.NormalizeWidth(s)), "")
}
