package pdf

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/budgetwh/budgetwh/ingest/doc"
)

// colGap is the gap, in glyph heights, that separates two columns of an
// unruled table line.
const colGap = 1.6

// pageBlock is a block with, for ruled tables, the x positions of the
// table's column boundaries (used to align tables continued across pages).
type pageBlock struct {
	doc.Block
	xs []float64
}

// item is a positioned unit of a page in reading order: a text line outside
// any table, or a whole ruled table.
type item struct {
	y    float64
	ln   *line
	rows []tableRow
	xs   []float64
}

// normalizeRotation turns a page whose text runs vertically (rotated
// content on an unrotated page) so that the text reads left to right.
func normalizeRotation(p Page) Page {
	var up, down, flat int
	for _, g := range p.Glyphs {
		a := math.Mod(g.Angle, 2*math.Pi)
		if a < 0 {
			a += 2 * math.Pi
		}
		switch {
		case math.Abs(a-math.Pi/2) < 0.2:
			up++
		case math.Abs(a-3*math.Pi/2) < 0.2:
			down++
		default:
			flat++
		}
	}
	var f func(x, y float64) (float64, float64)
	W, H := p.Width, p.Height
	switch {
	case up > flat && up >= down:
		f = func(x, y float64) (float64, float64) { return H - y, x }
	case down > flat:
		f = func(x, y float64) (float64, float64) { return y, W - x }
	default:
		return p
	}
	q := Page{Width: H, Height: W}
	for _, g := range p.Glyphs {
		ax, ay := f(g.X0, g.Y0)
		bx, by := f(g.X1, g.Y1)
		g.X0, g.Y0, g.X1, g.Y1 = math.Min(ax, bx), math.Min(ay, by), math.Max(ax, bx), math.Max(ay, by)
		g.Angle = 0
		q.Glyphs = append(q.Glyphs, g)
	}
	for _, r := range p.Rules {
		ax, ay := f(r.X0, r.Y0)
		bx, by := f(r.X1, r.Y1)
		q.Rules = append(q.Rules, Rule{X0: math.Min(ax, bx), Y0: math.Min(ay, by), X1: math.Max(ax, bx), Y1: math.Max(ay, by)})
	}
	return q
}

// clipToPage drops the glyphs and rules wholly outside the page box:
// content placed off the page is not shown by a viewer (a publisher's
// export can leave a copy of the next tables below the bottom edge, or of
// the previous page's text above the top edge). A glyph cut by the edge is
// partly visible and kept when at least 1pt of it is inside. A page of
// unknown size is kept whole.
func clipToPage(p Page) Page {
	if p.Width <= 0 || p.Height <= 0 {
		return p
	}
	// A box is on the page when at least 1pt of it (or all of a thinner
	// box) is inside.
	in := func(x0, y0, x1, y1 float64) bool {
		ov := func(a0, a1, max float64) bool {
			return math.Min(a1, max)-math.Max(a0, 0) >= math.Min(1, a1-a0)
		}
		return ov(x0, x1, p.Width) && ov(y0, y1, p.Height)
	}
	q := Page{Width: p.Width, Height: p.Height}
	for _, g := range p.Glyphs {
		if in(g.X0, g.Y0, g.X1, g.Y1) {
			q.Glyphs = append(q.Glyphs, g)
		}
	}
	for _, r := range p.Rules {
		if in(r.X0, r.Y0, r.X1, r.Y1) {
			q.Rules = append(q.Rules, r)
		}
	}
	return q
}

// layoutPage turns one page into blocks; page is 1-based, body is the
// document's body font size (0 when unknown). It returns the blocks and the
// number of text lines.
func layoutPage(p Page, page int, body float64) ([]pageBlock, int) {
	p = normalizeRotation(clipToPage(p))
	grids := findGrids(p.Rules)
	inside := make([][]Glyph, len(grids))
	var outside []Glyph
	for _, g := range p.Glyphs {
		placed := false
		for i, gr := range grids {
			if gr.contains(g.cx(), g.cy()) {
				inside[i] = append(inside[i], g)
				placed = true
				break
			}
		}
		if !placed {
			outside = append(outside, g)
		}
	}
	var items []item
	for _, l := range buildLines(outside) {
		items = append(items, item{y: l.y0, ln: l})
	}
	for i, gr := range grids {
		rows := gr.rows(inside[i])
		var kept []tableRow
		for _, r := range rows {
			for _, c := range r.cells {
				if c.text != "" {
					kept = append(kept, r)
					break
				}
			}
		}
		if len(kept) == 0 {
			continue
		}
		items = append(items, item{y: gr.y0, rows: kept, xs: gr.xs})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].y < items[j].y })

	// Number the lines of the page: text lines and table rows in order.
	lineNo := 0
	var blocks []pageBlock
	ref := func() doc.Ref { lineNo++; return doc.Ref{Page: page, Line: lineNo} }

	// Column segments of every text line, computed once.
	segs := make([][]segment, len(items))
	for k, it := range items {
		if it.ln != nil {
			segs[k] = it.ln.segments(colGap)
		}
	}
	runs := looseRuns(items, segs)
	left, right := math.Inf(1), math.Inf(-1)
	for _, it := range items {
		if it.ln != nil {
			left, right = math.Min(left, it.ln.x0), math.Max(right, it.ln.x1)
		}
	}
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.rows != nil {
			var rows []doc.Row
			for _, r := range it.rows {
				rows = append(rows, toRow(r, ref()))
			}
			blocks = append(blocks, splitTitleRows(rows, it.xs)...)
			continue
		}
		// A run of unruled multi-column lines with amounts is a table.
		if j := runs[i]; j > i+1 {
			b := looseTable(items[i:j], ref)
			b.Rows = JoinSplitCodes(b.Rows)
			blocks = append(blocks, pageBlock{Block: b})
			i = j - 1
			continue
		}
		l := it.ln
		txt := joinSegments(l.segments(colGap))
		if txt == "" {
			continue
		}
		r := ref()
		if isHeading(l, txt, p.Width, body) {
			// A title wrapped before its last characters ("…支出预算" / "表").
			if i+1 < len(items) && items[i+1].ln != nil && !strings.HasSuffix(txt, "表") {
				nt := joinSegments(items[i+1].ln.segments(colGap))
				if n := len([]rune(nt)); n > 0 && n <= 4 && strings.HasSuffix(nt, "表") && items[i+1].ln.y0-l.y1 < 1.5*l.height() {
					txt = joinWrapped([]string{txt, nt})
					lineNo++
					i++
				}
			}
			blocks = append(blocks, pageBlock{Block: doc.Block{Kind: doc.Heading, Text: txt, Ref: r}})
			continue
		}
		// Merge wrapped continuation lines into the paragraph.
		h := l.height()
		prev := l
		for i+1 < len(items) && items[i+1].ln != nil {
			nx := items[i+1].ln
			nt := joinSegments(nx.segments(colGap))
			if nt == "" || prev.x1 < right-1.5*h || nx.x0 > left+0.8*h || nx.y0-prev.y1 > 1.2*h ||
				startsItem(nt) || isHeading(nx, nt, p.Width, body) || len(nx.segments(colGap)) > 1 {
				break
			}
			txt = joinWrapped([]string{txt, nt})
			lineNo++
			prev = nx
			i++
		}
		blocks = append(blocks, pageBlock{Block: doc.Block{Kind: doc.Paragraph, Text: txt, Ref: r}})
	}
	return blocks, lineNo
}

// joinSegments joins a line's segments with a single space.
func joinSegments(segs []segment) string {
	var parts []string
	for _, s := range segs {
		if s.text != "" {
			parts = append(parts, s.text)
		}
	}
	return strings.Join(parts, " ")
}

// startsItem reports whether a line opens a new item (一、 （一） 1. 第…).
func startsItem(s string) bool {
	rs := []rune(s)
	if len(rs) < 2 {
		return false
	}
	if rs[0] == '（' || rs[0] == '(' || rs[0] == '第' || rs[0] == '附' {
		return true
	}
	i := 0
	for i < len(rs) && (unicode.IsDigit(rs[i]) || strings.ContainsRune("一二三四五六七八九十", rs[i])) {
		i++
	}
	return i > 0 && i < len(rs) && strings.ContainsRune("、.．，", rs[i])
}

// isHeading reports whether a line is a title: a larger or bold font, or a
// short centred line.
func isHeading(l *line, txt string, width, body float64) bool {
	n := len([]rune(txt))
	if n == 0 || n > 60 || numericLine(txt) {
		return false
	}
	if strings.HasSuffix(txt, "。") || strings.HasSuffix(txt, "；") || strings.HasSuffix(txt, "，") {
		return false
	}
	if body > 0 && l.size >= body*1.25 {
		return true
	}
	if l.bold && n <= 40 {
		return true
	}
	centre := (l.x0 + l.x1) / 2
	return width > 0 && math.Abs(centre-width/2) < 0.05*width && l.x1-l.x0 < 0.6*width && l.x0 > 0.15*width
}

// looseRuns precomputes, for every item, the end (exclusive) of the run of
// unruled table lines starting there: consecutive lines with at least two
// column segments, at least two of which hold an amount (an item number
// "1." opening a line is not one); end == i when there is no such run.
// Linear in the number of items.
func looseRuns(items []item, segs [][]segment) []int {
	n := len(items)
	runEnd := make([]int, n+1)
	amounts := make([]int, n+1) // prefix counts of lines with an amount segment
	runEnd[n] = n
	for j := n - 1; j >= 0; j-- {
		if items[j].ln == nil || len(segs[j]) < 2 {
			runEnd[j] = j
		} else {
			runEnd[j] = runEnd[j+1]
		}
	}
	for j := 0; j < n; j++ {
		amounts[j+1] = amounts[j]
		for k, s := range segs[j] {
			if k == 0 && itemMarker(s.text) {
				continue // "1." opening a numbered prose item, not an amount
			}
			if numericLine(s.text) {
				amounts[j+1]++
				break
			}
		}
	}
	out := make([]int, n)
	for i := range out {
		e := runEnd[i]
		if e-i < 2 || amounts[e]-amounts[i] < 2 {
			e = i
		}
		out[i] = e
	}
	return out
}

// itemMarker reports whether s is only a list item number ("1." "12．"):
// digits followed by one full stop.
func itemMarker(s string) bool {
	rs := []rune(strings.TrimSpace(s))
	if len(rs) < 2 || (rs[len(rs)-1] != '.' && rs[len(rs)-1] != '．') {
		return false
	}
	for _, r := range rs[:len(rs)-1] {
		if !(r >= '0' && r <= '9' || r >= '０' && r <= '９') {
			return false
		}
	}
	return true
}

// looseTable builds a table from unruled lines: columns are the clusters of
// overlapping segment extents across the lines.
func looseTable(items []item, ref func() doc.Ref) doc.Block {
	type seg struct {
		row int
		s   segment
	}
	var all []seg
	for r, it := range items {
		for _, s := range it.ln.segments(colGap) {
			all = append(all, seg{r, s})
		}
	}
	// Cluster x extents.
	idx := make([]int, len(all))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return all[idx[a]].s.x0 < all[idx[b]].s.x0 })
	col := make([]int, len(all))
	c, end := -1, math.Inf(-1)
	for _, k := range idx {
		s := all[k].s
		if s.x0 > end {
			c++
			end = s.x1
		} else {
			end = math.Max(end, s.x1)
		}
		col[k] = c
	}
	b := doc.Block{Kind: doc.Table}
	rows := make([]doc.Row, len(items))
	for r := range items {
		rows[r].Ref = ref()
	}
	for k, s := range all {
		rows[s.row].Cells = append(rows[s.row].Cells, doc.Cell{Text: s.s.text, Col: col[k], Span: 1})
	}
	b.Rows = rows
	b.Ref = rows[0].Ref
	return b
}

// toRow converts a geometric row to a doc.Row.
func toRow(r tableRow, ref doc.Ref) doc.Row {
	row := doc.Row{Ref: ref}
	for _, c := range r.cells {
		row.Cells = append(row.Cells, doc.Cell{Text: c.text, Col: c.col, Span: max(c.span, 1)})
	}
	return row
}

// nonEmpty returns the non-blank cells of a row.
func nonEmpty(r doc.Row) []doc.Cell {
	var out []doc.Cell
	for _, c := range r.Cells {
		if strings.TrimSpace(c.Text) != "" {
			out = append(out, c)
		}
	}
	return out
}

// isTitleRow reports whether a table row is really a table title drawn
// inside the table frame: one non-blank wide cell naming a table.
func isTitleRow(r doc.Row, ncols int) bool {
	ne := nonEmpty(r)
	if len(ne) != 1 || numericLine(ne[0].Text) {
		return false
	}
	t := ne[0].Text
	n := len([]rune(t))
	return n <= 60 && max(ne[0].Span, 1)*2 >= ncols && (strings.HasSuffix(t, "表") || strings.Contains(t, "预算表") || strings.Contains(t, "决算表") || strings.Contains(t, "总表"))
}

// isCaptionRow reports whether a row is a 部门/单位 caption line drawn inside
// the table frame.
func isCaptionRow(r doc.Row) bool {
	ne := nonEmpty(r)
	if len(ne) == 0 || len(ne) > 4 {
		return false
	}
	j := r.Joined()
	for _, c := range ne {
		if numericLine(c.Text) {
			return false
		}
	}
	return strings.HasPrefix(j, "部门") || strings.HasPrefix(j, "编制部门") || strings.HasPrefix(j, "编制单位") || strings.HasPrefix(j, "单位：") || strings.HasPrefix(j, "单位:") || strings.Contains(j, "单位：万元") || strings.Contains(j, "单位：元") || strings.Contains(j, "单位:万元") || strings.Contains(j, "单位:元")
}

// splitTitleRows turns the title and caption rows that publishers draw
// inside a table frame into heading and paragraph blocks, splitting the
// frame into several tables where a title row sits in the middle.
func splitTitleRows(rows []doc.Row, xs []float64) []pageBlock {
	ncols := len(xs) - 1
	var out []pageBlock
	var cur []doc.Row
	flush := func() {
		if len(cur) > 0 {
			out = append(out, pageBlock{Block: doc.Block{Kind: doc.Table, Ref: cur[0].Ref, Rows: JoinSplitCodes(cur)}, xs: xs})
			cur = nil
		}
	}
	leading := true
	for _, r := range rows {
		if r.Empty() {
			continue
		}
		switch {
		case isTitleRow(r, ncols):
			flush()
			title, caption := splitCaption(nonEmpty(r)[0].Text)
			out = append(out, pageBlock{Block: doc.Block{Kind: doc.Heading, Text: title, Ref: r.Ref}})
			if caption != "" {
				out = append(out, pageBlock{Block: doc.Block{Kind: doc.Paragraph, Text: caption, Ref: r.Ref}})
			}
			leading = true
			continue
		case leading && isCaptionRow(r):
			out = append(out, pageBlock{Block: doc.Block{Kind: doc.Paragraph, Text: r.Joined(), Ref: r.Ref}})
			continue
		}
		leading = false
		cur = append(cur, r)
	}
	flush()
	return out
}

// remapColumns aligns a table continued from an earlier page to that
// table's column grid (prev): every column boundary of the new table must
// match one of prev's. It reports whether it could.
func remapColumns(b *doc.Block, xs, prev []float64) bool {
	used := map[int]bool{}
	for _, r := range b.Rows {
		for _, c := range r.Cells {
			used[c.Col], used[c.Col+max(c.Span, 1)] = true, true
		}
	}
	idx := make([]int, len(xs))
	for k, x := range xs {
		idx[k] = -1
		if !used[k] {
			continue
		}
		for j, p := range prev {
			if math.Abs(p-x) <= 3 {
				idx[k] = j
				break
			}
		}
		if idx[k] < 0 {
			return false
		}
	}
	for r := range b.Rows {
		for c := range b.Rows[r].Cells {
			cell := &b.Rows[r].Cells[c]
			start, end := cell.Col, cell.Col+max(cell.Span, 1)
			if start < 0 || end >= len(idx) {
				return false
			}
			cell.Col, cell.Span = idx[start], idx[end]-idx[start]
		}
	}
	return true
}

// captionWords start the 部门/单位 caption that may share a cell with the
// table title.
var captionWords = []string{"编制部门", "编制单位", "部门：", "部门:", "单位：", "单位:"}

// splitCaption splits "收支预算总表部门：X 单位：万元" into the title and the
// caption after it.
func splitCaption(s string) (title, caption string) {
	end := strings.LastIndex(s, "表")
	if end < 0 {
		return s, ""
	}
	end += len("表")
	rest := s[end:]
	for _, w := range captionWords {
		if i := strings.Index(rest, w); i >= 0 && strings.TrimSpace(rest[:i]) == "" {
			return strings.TrimSpace(s[:end]), strings.TrimSpace(rest)
		}
	}
	return s, ""
}
