package recognize

import (
	"strconv"
	"strings"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/values"
)

// finish splits the table's rows into header and data rows, drops header
// rows repeated after a page break and column-number rows as structure,
// takes leading meta rows (部门名称, 单位) out of the grid, and derives the
// column labels and measures.
func (t *Table) finish() {
	if t.Structure && t.Kind == KindTOC {
		return
	}
	var headerKeys []string
	for si, seg := range t.segments {
		i := 0
		// leading meta rows printed inside the grid
		for i < len(seg) && t.metaRow(seg[i]) {
			t.Structural = append(t.Structural, seg[i].Ref)
			i++
		}
		if si == 0 {
			for i < len(seg) && isHeaderRow(seg[i]) {
				t.Header = append(t.Header, seg[i])
				t.Structural = append(t.Structural, seg[i].Ref)
				headerKeys = append(headerKeys, rowKey(seg[i]))
				i++
			}
		} else {
			for i < len(seg) && (isColumnNumberRow(seg[i]) || containsStr(headerKeys, rowKey(seg[i]))) {
				t.Structural = append(t.Structural, seg[i].Ref)
				i++
			}
		}
		for ; i < len(seg); i++ {
			if isColumnNumberRow(seg[i]) || seg[i].Empty() {
				t.Structural = append(t.Structural, seg[i].Ref)
				continue
			}
			if isEllipsisRow(seg[i]) {
				// "… …" placeholder rows of templates
				t.Structural = append(t.Structural, seg[i].Ref)
				continue
			}
			if isNoDataRow(seg[i]) {
				t.Structural = append(t.Structural, seg[i].Ref)
				t.NoData = true
				continue
			}
			t.Rows = append(t.Rows, seg[i])
		}
	}
	t.segments = nil
	if t.Kind == KindUnknown && t.Title == "" && len(t.Header) > 0 {
		var hs []string
		for _, h := range t.Header {
			hs = append(hs, h.Joined())
		}
		if k, ok := ClassifyHeader(strings.Join(hs, " ")); ok {
			t.Kind, t.Structure = k.ID, k.Structure
		}
	}
	t.Columns = Columns(t.Kind, t.Header, t.Rows)
}

// metaRow consumes a row that only states the department, the unit or the
// table number (PDF and Excel readers put those inside the grid).
func (t *Table) metaRow(r doc.Row) bool {
	var texts []string
	for _, c := range r.Cells {
		if s := strings.TrimSpace(c.Text); s != "" {
			texts = append(texts, s)
		}
	}
	if len(texts) == 0 {
		return false
	}
	for _, s := range texts {
		if !IsDeptLine(s) && !IsUnitLine(s) && !IsNumberLine(s) {
			return false
		}
	}
	for _, s := range texts {
		if d, u := splitMeta(s); d != "" {
			if t.Department == "" {
				t.Department = d
			}
			if u != "" && t.Unit == "" {
				t.Unit, t.UnitRef = u, r.Ref
			}
			continue
		}
		switch {
		case IsUnitLine(s):
			if t.Unit == "" {
				t.Unit, t.UnitRef = values.ExtractUnit(s), r.Ref
			}
		case IsDeptLine(s):
			if t.Department == "" {
				t.Department = deptName(s)
			}
		case IsNumberLine(s):
			if t.Number == "" {
				t.Number = s
			}
		}
	}
	return true
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func rowKey(r doc.Row) string {
	var parts []string
	for _, c := range r.Cells {
		parts = append(parts, NormText(c.Text))
	}
	return strings.TrimRight(strings.Join(parts, "\t"), "\t")
}

// isColumnNumberRow reports whether the non-empty cells of r are 1, 2, 3 …
// in order (the column-number row under a header), with at least 3 numbers.
func isColumnNumberRow(r doc.Row) bool {
	n := 0
	for _, c := range r.Cells {
		s := strings.TrimSpace(values.NormalizeWidth(c.Text))
		if s == "" {
			continue
		}
		if c := s[0]; (c < '0' || c > '9') && c != '+' && c != '-' {
			return false // not a number (without building Atoi's error)
		}
		v, err := strconv.Atoi(s)
		if err != nil || v != n+1 {
			return false
		}
		n++
	}
	return n >= 3
}

// hasAmount reports whether any cell of r parses as an amount (a cell that
// is a bare year like 2024 in a header does not make a data row on its own).
func hasAmount(r doc.Row) bool {
	for _, c := range r.Cells {
		if values.LooksLikeAmount(c.Text) {
			return true
		}
	}
	return false
}

// IsDataLabel reports whether a first cell starts a data row: a total
// (合计, 总计, 小计, 部门合计), a functional code, or an enumerated label
// (一、…, (一)…, ①…).
func IsDataLabel(s string) bool {
	t := NormText(values.NormalizeWidth(s))
	if t == "" {
		return false
	}
	for _, p := range []string{"合计", "总计", "小计", "部门合计", "单位合计", "本年收入合计", "本年支出合计"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	if values.IsFuncCode(strings.Join(strings.Fields(values.NormalizeWidth(s)), "")) {
		return true
	}
	raw := strings.TrimSpace(values.NormalizeWidth(s))
	return stripMarker(raw) != raw
}

// isHeaderRow: a row without amounts, not starting with a data label, whose
// every non-empty cell holds a header or measure word.
func isHeaderRow(r doc.Row) bool {
	if isColumnNumberRow(r) {
		return true
	}
	if hasAmount(r) {
		return false
	}
	type hc struct {
		s   string
		col int
	}
	var cells []hc
	for _, c := range r.Cells {
		if s := strings.TrimSpace(c.Text); s != "" {
			cells = append(cells, hc{s, c.Col})
		}
	}
	if len(cells) == 0 {
		return false
	}
	for i, c := range cells {
		if i == 0 && IsDataLabel(c.s) {
			// An enumerated label or a code starts data. 合计/小计 in the
			// first column starts data too, unless every other cell of the
			// row is a header (a 合计 column heading, as in 三公 tables whose
			// items are columns); under a spanning header it is a header word.
			if stripMarker(c.s) != c.s || values.IsFuncCode(strings.Join(strings.Fields(values.NormalizeWidth(c.s)), "")) {
				return false
			}
			if c.col == 0 && len(cells) == 1 {
				return false
			}
			continue
		}
		if !isHeaderText(c.s) && (c.col == 0 || !isItemHeaderText(c.s)) {
			return false
		}
	}
	return true
}

func isHeaderText(s string) bool {
	n := NormText(s)
	for _, w := range HeaderWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	for _, m := range DefaultMeasures {
		for _, w := range m.Words {
			if strings.Contains(n, w) {
				return true
			}
		}
	}
	return false
}

// IsLabelHeader reports whether a header text names a code or name column.
func IsLabelHeader(s string) bool {
	n := NormText(s)
	for _, e := range LabelHeaders.Exact {
		if n == e {
			return true
		}
	}
	for _, suf := range LabelHeaders.Suffixes {
		if strings.HasSuffix(n, suf) {
			return true
		}
	}
	return false
}

// MeasureOf maps one header text to a measure word using the kind's rules
// then DefaultMeasures; "" when none matches.
func MeasureOf(kind, text string) string {
	n := NormText(text)
	var rules []Measure
	if k, ok := KindByID(kind); ok {
		rules = append(rules, k.Measures...)
	}
	rules = append(rules, DefaultMeasures...)
	for _, m := range rules {
		for _, w := range m.Words {
			if strings.Contains(n, normWord(w)) {
				return m.Measure
			}
		}
	}
	return ""
}

// Columns derives column labels and measures from header rows. Cells are
// placed by their grid column (Cell.Col) and a header cell spanning several
// columns (Cell.Span) labels each of them; an empty header cell under a
// spanning parent that a reader could not measure inherits the parent's text
// (the nearest non-empty cell to its left in the same row, when a row below
// has text in that column). Columns that no cell starts in (covered by a
// wider cell in every row) are omitted. The measure is taken from the
// deepest header text that maps to one.
func Columns(kind string, header, rows []doc.Row) []Column {
	ncol := 0
	starts := map[int]bool{}
	for _, r := range append(append([]doc.Row(nil), header...), rows...) {
		for _, c := range r.Cells {
			if c.Col < 0 {
				continue
			}
			if end := c.Col + max(c.Span, 1); end > ncol {
				ncol = end
			}
			if strings.TrimSpace(c.Text) != "" || max(c.Span, 1) == 1 {
				starts[c.Col] = true
			}
		}
	}
	var grid [][]string
	var filled [][]bool // set by an explicit span
	for _, r := range header {
		if isColumnNumberRow(r) {
			continue
		}
		g := make([]string, ncol)
		f := make([]bool, ncol)
		for _, c := range r.Cells {
			t := strings.TrimSpace(c.Text)
			if t == "" || c.Col < 0 {
				continue
			}
			for j := c.Col; j < c.Col+max(c.Span, 1) && j < ncol; j++ {
				g[j] = t
				f[j] = j > c.Col
			}
		}
		grid = append(grid, g)
		filled = append(filled, f)
	}
	// forward-fill spanning parents that carry no span information; a
	// parent never reaches past a cell starting in a row above it (the
	// boundary of the parent's own parent: 小计 under 公务用车购置及运行费
	// stops where 公务接待费 starts)
	starts0 := make([][]bool, len(grid))
	for i := range grid {
		starts0[i] = make([]bool, ncol)
		for j := range ncol {
			starts0[i][j] = grid[i][j] != "" && !filled[i][j]
		}
	}
	for i := 0; i < len(grid)-1; i++ {
		last := ""
		for j := 0; j < ncol; j++ {
			if grid[i][j] != "" {
				last = grid[i][j]
				continue
			}
			for k := 0; k < i; k++ {
				if starts0[k][j] {
					last = ""
				}
			}
			if last != "" && below(grid, i, j) {
				grid[i][j] = last
			}
		}
	}
	def := ""
	if k, ok := KindByID(kind); ok {
		def = k.DefaultMeasure
	}
	var cols []Column
	for j := 0; j < ncol; j++ {
		if !starts[j] {
			continue
		}
		var parts []string
		for i := range grid {
			if s := grid[i][j]; s != "" && (len(parts) == 0 || parts[len(parts)-1] != s) {
				parts = append(parts, s)
			}
		}
		c := Column{Index: j, Label: strings.Join(parts, "/")}
		if len(parts) > 0 && IsLabelHeader(parts[len(parts)-1]) {
			c.IsLabel = true
		} else {
			for i := len(parts) - 1; i >= 0 && c.Measure == ""; i-- {
				c.Measure = MeasureOf(kind, parts[i])
			}
			if c.Measure == "" && len(parts) > 0 {
				c.Measure = def
			}
		}
		cols = append(cols, c)
	}
	return cols
}

// below reports whether some header row under row i has text in column j.
func below(grid [][]string, i, j int) bool {
	for k := i + 1; k < len(grid); k++ {
		if grid[k][j] != "" {
			return true
		}
	}
	return false
}

func isItemHeaderText(s string) bool {
	n := NormText(s)
	for _, w := range ItemHeaderWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// isNoDataRow reports whether a row's only text says there is no data (无,
// 本表无数据 …).
func isNoDataRow(r doc.Row) bool {
	var texts []string
	for _, c := range r.Cells {
		if t := strings.TrimSpace(c.Text); t != "" {
			texts = append(texts, t)
		}
	}
	if len(texts) != 1 {
		return false
	}
	n := NormText(texts[0])
	for _, w := range NoDataTexts {
		if n == normWord(w) {
			return true
		}
	}
	return false
}

// isEllipsisRow reports whether every non-empty cell of r is nothing but
// ellipsis or dot characters (placeholder rows in blank templates).
func isEllipsisRow(r doc.Row) bool {
	n := 0
	for _, c := range r.Cells {
		t := strings.TrimSpace(c.Text)
		if t == "" {
			continue
		}
		if strings.Trim(t, ".…·．。 \u3000") != "" {
			return false
		}
		n++
	}
	return n > 0
}
