package forms

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// Title words. A heading or paragraph holding one of them (and followed by a
// table of form rows) starts a form.
var (
	departmentTitles = []string{"整体支出绩效目标申报表", "整体支出绩效目标表", "整体绩效目标申报表", "整体绩效目标表", "整体支出绩效目标"}
	projectTitles    = []string{"项目支出绩效目标表", "项目支出绩效目标申报表", "项目绩效目标申报表", "项目绩效目标表", "绩效目标填报表", "绩效目标申报表", "绩效目标表"}
)

// maxTitleRunes bounds a title line; longer lines are prose mentioning a form.
const maxTitleRunes = 80

// maxPreamble is how many short paragraphs (year line, unit line, 填报单位)
// may sit between a title and the form's table.
const maxPreamble = 3

// title reports whether text is a form title and which scope it names.
func title(text string) (scope string, ok bool) {
	t := norm(text)
	if t == "" || utf8.RuneCountInString(t) > maxTitleRunes || strings.Contains(t, "...") || strings.ContainsAny(t, ",。;") || strings.Contains(t, "见附件") || strings.Contains(t, "……") {
		return "", false
	}
	for _, w := range departmentTitles {
		if strings.Contains(t, w) {
			return model.FormDepartment, true
		}
	}
	for _, w := range projectTitles {
		if strings.Contains(t, w) {
			return model.FormProject, true
		}
	}
	return "", false
}

var yearLine = regexp.MustCompile(`^[(（]?\s*(\d{4})\s*[)）]?\s*年度?\s*[)）]?$`)

// preamble recognises the short lines between a title and its table: the
// year line "(2024年度)" / "(2024)年度", a unit line "单位：元", and
// "填报单位：…". It returns the field to record (label "" for none).
func preamble(text string) (label, value string, ok bool) {
	t := norm(text)
	if m := yearLine.FindStringSubmatch(t); m != nil {
		return "年度", m[1], true
	}
	if strings.HasPrefix(t, "单位:") || strings.HasPrefix(t, "金额单位:") {
		if u := values.ExtractUnit(t); u != "" {
			return "单位", u, true
		}
	}
	for _, l := range []string{"填报单位", "预算单位", "单位名称", "部门名称", "主管部门"} {
		if strings.HasPrefix(t, l+":") && utf8.RuneCountInString(t) <= maxTitleRunes {
			return l, strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(values.NormalizeWidth(text))[len(l):], ":： ")), true
		}
	}
	return "", "", false
}

// isFormRow reports whether a row carries words only performance forms have.
func isFormRow(r doc.Row) bool {
	for _, c := range r.Cells {
		switch strings.TrimPrefix(norm(c.Text), "其中") {
		case "项目名称", "部门名称", "绩效指标", "一级指标", "年度绩效指标", "主管部门及代码", "部门基本信息", "实施单位":
			return true
		}
	}
	return false
}

func tableHasFormRow(b doc.Block) bool {
	for i, r := range b.Rows {
		if i >= 5 {
			break
		}
		if isFormRow(r) {
			return true
		}
	}
	return false
}

// rowTitle returns the text of a table row that is itself a form title (a
// single non-empty cell naming the form), for readers that keep the title
// inside the table.
func rowTitle(r doc.Row) (string, string, bool) {
	toks := tokens(r)
	if len(toks) != 1 {
		return "", "", false
	}
	scope, ok := title(toks[0].text)
	return toks[0].text, scope, ok
}

// Parse finds every performance form in blocks and returns them with the
// indices of the blocks it consumed (titles, year lines, the page breaks
// between them and the forms' table blocks). Forms keep the order of the
// document. ProjectIndex is -1 (matching is the interpreter's job).
func Parse(blocks []doc.Block) ([]model.PerfForm, map[int]bool) {
	consumed := map[int]bool{}
	var out []model.PerfForm
	for i := 0; i < len(blocks); i++ {
		if consumed[i] {
			continue
		}
		b := blocks[i]
		var (
			ttl, scope string
			ref        doc.Ref
			ok         bool
			j          int
			pre        []model.Field
			used       []int
			inTable    bool
		)
		switch b.Kind {
		case doc.Heading, doc.Paragraph:
			scope, ok = title(b.Text)
			if !ok {
				continue
			}
			ttl, ref = clean(b.Text), b.Ref
			used = append(used, i)
			// preamble and page breaks up to the first table
			j = i + 1
			n := 0
			for ; j < len(blocks); j++ {
				bj := blocks[j]
				if bj.Kind == doc.PageBreak {
					continue
				}
				if bj.Kind == doc.Paragraph && n < maxPreamble {
					if l, v, ok := preamble(bj.Text); ok {
						n++
						pre = append(pre, model.Field{Label: l, Value: v, SourceRef: bj.Ref.String()})
						continue
					}
				}
				break
			}
			if j >= len(blocks) || blocks[j].Kind != doc.Table || !tableHasFormRow(blocks[j]) {
				continue
			}
			for k := i + 1; k < j; k++ {
				used = append(used, k)
			}
		case doc.Table:
			t, sc, ok := "", "", false
			if len(b.Rows) > 0 {
				t, sc, ok = rowTitle(b.Rows[0])
			}
			if !ok || !tableHasFormRow(b) {
				continue
			}
			ttl, scope, ref, j, inTable = t, sc, b.Rows[0].Ref, i, true
		default:
			continue
		}
		// gather rows from consecutive tables (split by page breaks) until a
		// footer row or a block that is neither a table nor a page break
		var rows []doc.Row
		last := j
		for k := j; k < len(blocks); k++ {
			bk := blocks[k]
			if bk.Kind == doc.PageBreak || (k != j && bk.Kind == doc.Paragraph && isPageNumber(bk.Text)) {
				continue // a page number between the parts of a split table
			}
			if bk.Kind != doc.Table {
				break
			}
			if k != j {
				// a later table that opens with its own title is another form
				if len(bk.Rows) > 0 {
					if _, _, ok := rowTitle(bk.Rows[0]); ok {
						break
					}
				}
			}
			rs := bk.Rows
			if k == j && inTable {
				rs = rs[1:]
			}
			rows = append(rows, rs...)
			for m := last + 1; m <= k; m++ {
				if blocks[m].Kind == doc.PageBreak || blocks[m].Kind == doc.Paragraph {
					used = append(used, m)
				}
			}
			used = append(used, k)
			last = k
			if hasFooter(rs) {
				break
			}
		}
		forms := parseRows(rows, ttl, scope, ref)
		for fi := range forms {
			if fi == 0 {
				forms[fi].Fields = append(pre, forms[fi].Fields...)
			}
		}
		out = append(out, forms...)
		for _, u := range used {
			consumed[u] = true
		}
		i = last
	}
	return out, consumed
}

var pageNumber = regexp.MustCompile(`^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*\d{1,4})?[-—–\s]*$`)

// isPageNumber recognises a stray page number line ("12", "- 12 -", "第3页").
func isPageNumber(t string) bool {
	return pageNumber.MatchString(values.NormalizeWidth(strings.TrimSpace(t)))
}

func hasFooter(rows []doc.Row) bool {
	for _, r := range rows {
		if isFooter(tokens(r)) {
			return true
		}
	}
	return false
}

func isFooter(toks []tok) bool {
	if len(toks) == 0 {
		return false
	}
	// norm never produces 负 or 填 from other characters: skip it for
	// cells that hold neither (most of them).
	if first := toks[0].text; strings.ContainsAny(first, "负填") {
		f := norm(first)
		if strings.HasPrefix(f, "负责人") || strings.HasPrefix(f, "填报人") {
			return true
		}
	}
	for _, t := range toks {
		if strings.Contains(t.text, "填") && strings.HasPrefix(norm(t.text), "填报日期") {
			return true
		}
	}
	return false
}

// tok is a non-empty cell with its column.
type tok struct {
	text string
	col  int
}

func tokens(r doc.Row) []tok {
	var out []tok
	for i, c := range r.Cells {
		t := clean(c.Text)
		if t == "" {
			continue
		}
		col := c.Col
		if col == 0 && i > 0 {
			col = i
		}
		out = append(out, tok{text: t, col: col})
	}
	return out
}

// markup is removed from cells by clean (built once: building a Replacer
// per call was a fifth of ingest CPU).
var markup = strings.NewReplacer("<b>", "", "</b>", "", "**", "")

// clean trims white space and markup left in a cell.
func clean(s string) string {
	if strings.ContainsAny(s, "<*") { // the Replacer is slow even with nothing to replace
		s = markup.Replace(s)
	}
	s = strings.TrimLeft(s, "# ")
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || r == '\ufeff' })
}

// norm is the matching form of a label: half-width, no white space, no
// trailing colon.
func norm(s string) string {
	s = values.NormalizeWidth(clean(s))
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
	return strings.TrimRight(s, ":")
}

// key is norm without a leading "其中".
func key(s string) string {
	return strings.TrimLeft(strings.TrimPrefix(norm(s), "其中"), ":")
}

var codeName = regexp.MustCompile(`^(?:[\[【(（](\d{2,9})[\]】)）]|(\d{2,9})\s*[-－—–_:：\s])\s*(.+)$`)

// splitCode splits "604-侯马…" (also "[604]侯马…", "侯马…(604)") into code
// and name; a value without a code comes back as the name.
func splitCode(s string) (code, name string) {
	t := strings.TrimSpace(values.NormalizeWidth(s))
	if m := codeName.FindStringSubmatch(t); m != nil {
		// keep the published wording of the name
		rs := []rune(strings.TrimSpace(s))
		code, name := m[1]+m[2], m[3]
		nr := utf8.RuneCountInString(name)
		if nr <= len(rs) {
			return code, strings.TrimSpace(string(rs[len(rs)-nr:]))
		}
		return code, name
	}
	// "侯马…发展部（604）": the code after the name
	if m := nameCode.FindStringSubmatch(t); m != nil {
		rs := []rune(strings.TrimSpace(s))
		nr := utf8.RuneCountInString(m[1])
		return m[2], strings.TrimSpace(string(rs[:nr]))
	}
	return "", strings.TrimSpace(s)
}

var nameCode = regexp.MustCompile(`^(.*?\D)\s*[(（\[【](\d{2,9})[)）\]】]$`)

func parseAmount(s string, factor decimal.Decimal) *decimal.Decimal {
	d, ok, err := values.ParseAmount(s)
	if !ok || err != nil {
		return nil
	}
	d = d.Mul(factor)
	if len(d.Truncate(0).Abs().String()) > maxAmountDigits {
		return nil // does not fit DECIMAL(20,2)
	}
	return &d
}

// maxAmountDigits bounds the integer digits of an amount in yuan (the
// warehouse stores DECIMAL(20,2)).
const maxAmountDigits = 18

// isAmount reports whether a cell holds an amount or an amount placeholder
// ("-", "—"); parseAmount gives nil for the latter.
func isAmount(s string) bool { return values.LooksLikeAmount(s) || values.IsBlankAmount(s) }
