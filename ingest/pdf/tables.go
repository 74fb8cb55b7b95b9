package pdf

import (
	"math"
	"sort"
	"strings"
)

// ruleTol is the distance (points) under which two rule positions are the same.
const ruleTol = 2.0

// bandTol is the distance under which two grid boundaries are one (double
// borders drawn by adjacent cells leave 2-3 point sliver bands otherwise).
const bandTol = 3.5

// grid is a ruled table region: merged horizontal and vertical rules and the
// distinct row (ys) and column (xs) boundaries.
type grid struct {
	x0, y0, x1, y1 float64
	h, v           []Rule
	xs, ys         []float64
}

// mergeRules merges collinear overlapping (or nearly touching) rules.
func mergeRules(rules []Rule, vertical bool) []Rule {
	var rs []Rule
	for _, r := range rules {
		if r.Vertical() == vertical && !math.IsNaN(r.X0+r.Y0+r.X1+r.Y1) {
			if vertical && r.Y1 < r.Y0 {
				r.Y0, r.Y1 = r.Y1, r.Y0
			}
			if !vertical && r.X1 < r.X0 {
				r.X0, r.X1 = r.X1, r.X0
			}
			rs = append(rs, r)
		}
	}
	pos := func(r Rule) float64 {
		if vertical {
			return r.X0
		}
		return r.Y0
	}
	lo := func(r Rule) float64 {
		if vertical {
			return r.Y0
		}
		return r.X0
	}
	sort.Slice(rs, func(i, j int) bool {
		if math.Abs(pos(rs[i])-pos(rs[j])) > ruleTol {
			return pos(rs[i]) < pos(rs[j])
		}
		return lo(rs[i]) < lo(rs[j])
	})
	var out []Rule
	for _, r := range rs {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if vertical && math.Abs(last.X0-r.X0) <= ruleTol && r.Y0 <= last.Y1+ruleTol {
				last.Y1 = math.Max(last.Y1, r.Y1)
				continue
			}
			if !vertical && math.Abs(last.Y0-r.Y0) <= ruleTol && r.X0 <= last.X1+ruleTol {
				last.X1 = math.Max(last.X1, r.X1)
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// touches reports whether a horizontal rule h and a vertical rule v meet.
func touches(h, v Rule) bool {
	return v.X0 >= h.X0-ruleTol && v.X0 <= h.X1+ruleTol && h.Y0 >= v.Y0-ruleTol && h.Y0 <= v.Y1+ruleTol
}

// findGrids groups rules into connected ruled regions that have at least
// two cells (a lone box, such as a page frame, is not a table).
func findGrids(rules []Rule) []*grid {
	hs, vs := mergeRules(rules, false), mergeRules(rules, true)
	n := len(hs) + len(vs)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, h := range hs {
		for j, v := range vs {
			if touches(h, v) {
				a, b := find(i), find(len(hs)+j)
				if a != b {
					parent[a] = b
				}
			}
		}
	}
	byRoot := map[int]*grid{}
	var order []int
	for i := 0; i < n; i++ {
		r := find(i)
		g, ok := byRoot[r]
		if !ok {
			g = &grid{x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1)}
			byRoot[r] = g
			order = append(order, r)
		}
		var ru Rule
		if i < len(hs) {
			ru = hs[i]
			g.h = append(g.h, ru)
		} else {
			ru = vs[i-len(hs)]
			g.v = append(g.v, ru)
		}
		g.x0, g.y0 = math.Min(g.x0, ru.X0), math.Min(g.y0, ru.Y0)
		g.x1, g.y1 = math.Max(g.x1, ru.X1), math.Max(g.y1, ru.Y1)
	}
	var out []*grid
	for _, r := range order {
		g := byRoot[r]
		if len(g.h) < 2 || len(g.v) < 2 || g.x1-g.x0 < 30 || g.y1-g.y0 < 8 {
			continue
		}
		g.ys = clusterPositions(g.h, false)
		g.xs = clusterPositions(g.v, true)
		// A table continued from the previous page may lack its top (or
		// bottom) border: the frame's extent still bounds a row.
		if len(g.ys) > 0 && g.ys[0]-g.y0 > bandTol {
			g.ys = append([]float64{g.y0}, g.ys...)
		}
		if n := len(g.ys); n > 0 && g.y1-g.ys[n-1] > bandTol {
			g.ys = append(g.ys, g.y1)
		}
		if len(g.xs) > 0 && g.xs[0]-g.x0 > bandTol {
			g.xs = append([]float64{g.x0}, g.xs...)
		}
		if n := len(g.xs); n > 0 && g.x1-g.xs[n-1] > bandTol {
			g.xs = append(g.xs, g.x1)
		}
		if len(g.ys) < 2 || len(g.xs) < 2 || len(g.ys)+len(g.xs) < 5 {
			continue
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].y0 < out[j].y0 })
	return out
}

// clusterPositions returns the sorted distinct positions of rules.
func clusterPositions(rs []Rule, vertical bool) []float64 {
	var ps []float64
	for _, r := range rs {
		if vertical {
			ps = append(ps, r.X0)
		} else {
			ps = append(ps, r.Y0)
		}
	}
	sort.Float64s(ps)
	var out []float64
	for _, p := range ps {
		if len(out) > 0 && p-out[len(out)-1] <= bandTol {
			continue
		}
		out = append(out, p)
	}
	return out
}

// contains reports whether the point lies inside the grid.
func (g *grid) contains(x, y float64) bool {
	return x >= g.x0-1 && x <= g.x1+1 && y >= g.y0-1 && y <= g.y1+1
}

// hasVertical reports whether a vertical rule at x covers the vertical
// middle of [ya, yb].
func (g *grid) hasVertical(x, ya, yb float64) bool {
	mid := (ya + yb) / 2
	for _, v := range g.v {
		if math.Abs(v.X0-x) <= bandTol && v.Y0 <= mid && v.Y1 >= mid {
			return true
		}
	}
	return false
}

// gridCell is a cell of one band of a grid, with its glyph lines.
type gridCell struct {
	col, span int
	x0, x1    float64
	glyphs    []Glyph
	owner     *gridCell // the cell above when no rule separates them (row span)
}

// hasHorizontal reports whether a horizontal rule at y covers x.
func (g *grid) hasHorizontal(y, x float64) bool {
	for _, h := range g.h {
		if math.Abs(h.Y0-y) <= bandTol && h.X0 <= x && h.X1 >= x {
			return true
		}
	}
	return false
}

// numericLine reports whether s looks like an amount (digits, separators).
func numericLine(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9' || r >= '０' && r <= '９':
			digits++
		case r == ',' || r == '.' || r == '-' || r == '(' || r == ')' || r == '，' || r == '．' || r == ' ' || r == '%':
		default:
			return false
		}
	}
	return digits > 0
}

// rows turns the glyphs inside the grid into table rows. Each band between
// two horizontal boundaries is a row; its cells are delimited by the vertical
// rules crossing it (so merged cells get a Span > 1). A band holding several
// amount lines in one cell (rows without rules between them) is split at
// those lines.
func (g *grid) rows(glyphs []Glyph) []tableRow {
	type band struct {
		y0, y1 float64
		cells  []*gridCell
	}
	nb := len(g.ys) - 1
	bands := make([]*band, nb)
	for i := 0; i < nb; i++ {
		b := &band{y0: g.ys[i], y1: g.ys[i+1]}
		start := 0
		for k := 1; k < len(g.xs); k++ {
			if k == len(g.xs)-1 || g.hasVertical(g.xs[k], b.y0, b.y1) {
				b.cells = append(b.cells, &gridCell{col: start, span: k - start, x0: g.xs[start], x1: g.xs[k]})
				start = k
			}
		}
		bands[i] = b
	}
	assign := func() {
		for _, b := range bands {
			for _, c := range b.cells {
				c.glyphs = nil
			}
		}
		for _, gl := range glyphs {
			cx, cy := gl.cx(), gl.cy()
			// Clamped: a glyph of the frame is never dropped.
			bi := min(max(sort.SearchFloat64s(g.ys, cy)-1, 0), nb-1)
			b := bands[bi]
			var target *gridCell
			for _, c := range b.cells {
				if cx >= c.x0 && cx < c.x1 || c == b.cells[len(b.cells)-1] && cx >= c.x0 {
					target = c
					break
				}
			}
			if target == nil {
				target = b.cells[0]
			}
			if target.owner != nil {
				target = target.owner
			}
			target.glyphs = append(target.glyphs, gl)
		}
	}
	assign()
	// Header cells merged over several bands (no rule between them) are one
	// cell; only above the first band holding an amount, since data rows
	// may legitimately lack rules in text columns.
	firstData := nb
	for i, b := range bands {
		for _, c := range b.cells {
			for _, l := range buildLines(c.glyphs) {
				if t := l.text(); numericLine(t) && strings.ContainsAny(t, ".,") {
					firstData = i
				}
			}
			if firstData == i {
				break
			}
		}
		if firstData == i {
			break
		}
	}
	merged := false
	chain := map[*gridCell]int{}
	for i := 1; i < nb; i++ {
		for _, c := range bands[i].cells {
			if g.hasHorizontal(bands[i].y0, (c.x0+c.x1)/2) {
				continue
			}
			for _, up := range bands[i-1].cells {
				if up.col <= c.col && up.col+up.span >= c.col+c.span {
					c.owner = up
					if up.owner != nil {
						c.owner = up.owner
					}
					chain[c.owner]++
					merged = true
				}
			}
		}
	}
	// A long run of rule-less cells in the data part is a column of rows
	// drawn without horizontal rules, not one merged cell.
	for _, b := range bands[min(firstData, nb):] {
		for _, c := range b.cells {
			if c.owner != nil && chain[c.owner] > 8 {
				c.owner = nil
			}
		}
	}
	if merged {
		assign()
	}
	// Header cells merged over several bands repeat their text in every
	// band they cover (the header reads 公务接待费 / 公务接待费 / 预算数, not
	// 公务接待费 / "" / 预算数); data rows keep the text in the first band.
	ownerText := map[*gridCell]string{}
	var out []tableRow
	for bi, b := range bands {
		rows := splitBand(b.cells, b.y0, g.xs)
		if len(rows) == 1 {
			for ci, c := range b.cells {
				if ci >= len(rows[0].cells) || rows[0].cells[ci].col != c.col {
					continue
				}
				if c.owner == nil {
					ownerText[c] = rows[0].cells[ci].text
				} else if bi < firstData && rows[0].cells[ci].text == "" {
					rows[0].cells[ci].text = ownerText[c.owner]
				}
			}
		}
		out = append(out, rows...)
	}
	return out
}

// tableRow is a row built from geometry, before conversion to doc.Row.
type tableRow struct {
	y     float64 // top of the row, for line numbering
	cells []rowCell
}

type rowCell struct {
	col, span int
	text      string
}

// splitBand converts the cells of one band into one row, or several when a
// cell holds more than one amount line (unruled rows inside a ruled frame).
func splitBand(cells []*gridCell, top float64, xs []float64) []tableRow {
	// Lines of each cell.
	cellLines := make([][]*line, len(cells))
	var anchors []float64
	for i, c := range cells {
		cellLines[i] = buildLines(c.glyphs)
		var nums []float64
		for _, l := range cellLines[i] {
			if numericLine(l.text()) {
				nums = append(nums, l.cy())
			}
		}
		if len(nums) > len(anchors) {
			anchors = nums
		}
	}
	if len(anchors) <= 1 {
		r := tableRow{y: top}
		for i, c := range cells {
			if c.span > 1 && len(cellLines[i]) == 1 {
				if split := splitSpanned(c, cellLines[i][0], xs); split != nil {
					r.cells = append(r.cells, split...)
					continue
				}
			}
			var parts []string
			for _, l := range cellLines[i] {
				parts = append(parts, l.text())
			}
			r.cells = append(r.cells, rowCell{col: c.col, span: c.span, text: joinWrapped(parts)})
		}
		if len(cellLines) > 0 {
			for _, ls := range cellLines {
				if len(ls) > 0 && ls[0].y0 < r.y || r.y == top && len(ls) > 0 {
					r.y = ls[0].y0
				}
			}
		}
		return []tableRow{r}
	}
	// Several rows: each line goes to the nearest anchor.
	rows := make([]tableRow, len(anchors))
	parts := make([][][]string, len(anchors))
	for k := range rows {
		rows[k].y = anchors[k]
		parts[k] = make([][]string, len(cells))
	}
	for i := range cells {
		for _, l := range cellLines[i] {
			best, bd := 0, math.Inf(1)
			for k, a := range anchors {
				if d := math.Abs(l.cy() - a); d < bd {
					best, bd = k, d
				}
			}
			parts[best][i] = append(parts[best][i], l.text())
		}
	}
	for k := range rows {
		for i, c := range cells {
			rows[k].cells = append(rows[k].cells, rowCell{col: c.col, span: c.span, text: joinWrapped(parts[k][i])})
		}
	}
	return rows
}

// splitSpanned splits a cell spanning several grid columns whose one line
// has column-gap separated segments starting in different grid columns
// (a code and a name printed in one merged cell); nil when it does not.
func splitSpanned(c *gridCell, l *line, xs []float64) []rowCell {
	segs := l.segments(colGap)
	if len(segs) < 2 {
		return nil
	}
	colOf := func(x float64) int {
		k := sort.SearchFloat64s(xs, x) - 1
		return min(max(k, c.col), c.col+c.span-1)
	}
	var out []rowCell
	last := -1
	for _, s := range segs {
		k := colOf(s.x0)
		if k <= last {
			return nil
		}
		if n := len(out); n > 0 {
			out[n-1].span = k - out[n-1].col
		}
		out = append(out, rowCell{col: k, span: 1, text: s.text})
		last = k
	}
	out[0].span = max(out[0].span, 1)
	if n := len(out); n > 0 {
		out[n-1].span = c.col + c.span - out[n-1].col
		if out[0].col != c.col {
			out[0].span += out[0].col - c.col
			out[0].col = c.col
		}
	}
	return out
}
