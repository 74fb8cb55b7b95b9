package pdf

// Glyph is one character with its box in display coordinates (points,
// origin top-left, y growing downwards).
type Glyph struct {
	R              rune
	X0, Y0, X1, Y1 float64
	Size           float64 // font size in points (0 when unknown)
	Bold           bool
	Angle          float64 // radians, as reported by PDFium
}

// cx returns the horizontal centre of the glyph.
func (g Glyph) cx() float64 { return (g.X0 + g.X1) / 2 }

// cy returns the vertical centre of the glyph.
func (g Glyph) cy() float64 { return (g.Y0 + g.Y1) / 2 }

// Rule is a horizontal or vertical ruling line (a table border).
type Rule struct {
	// Vertical rules have X0 == X1; horizontal ones Y0 == Y1.
	X0, Y0, X1, Y1 float64
}

// Vertical reports whether the rule is vertical.
func (r Rule) Vertical() bool { return r.X0 == r.X1 }

// thin is the largest thickness (points) of a path still taken as a line.
const thin = 2.5

// rectRules turns the bounds of a path into ruling lines: a thin box is one
// line; a larger box contributes its four edges (cells drawn as rectangles).
func rectRules(x0, y0, x1, y1 float64) []Rule {
	w, h := x1-x0, y1-y0
	switch {
	case w <= thin && h <= thin:
		return nil
	case h <= thin:
		y := (y0 + y1) / 2
		return []Rule{{X0: x0, Y0: y, X1: x1, Y1: y}}
	case w <= thin:
		x := (x0 + x1) / 2
		return []Rule{{X0: x, Y0: y0, X1: x, Y1: y1}}
	}
	return []Rule{
		{X0: x0, Y0: y0, X1: x1, Y1: y0},
		{X0: x0, Y0: y1, X1: x1, Y1: y1},
		{X0: x0, Y0: y0, X1: x0, Y1: y1},
		{X0: x1, Y0: y0, X1: x1, Y1: y1},
	}
}

// segmentRule returns the ruling line of an axis-aligned segment given by its
// bounding box, if it is long enough to be one.
func segmentRule(x0, y0, x1, y1 float64) (Rule, bool) {
	w, h := x1-x0, y1-y0
	switch {
	case h <= thin && w > thin:
		y := (y0 + y1) / 2
		return Rule{X0: x0, Y0: y, X1: x1, Y1: y}, true
	case w <= thin && h > thin:
		x := (x0 + x1) / 2
		return Rule{X0: x, Y0: y0, X1: x, Y1: y1}, true
	}
	return Rule{}, false
}

// subpathRules returns the ruling lines drawn by one subpath (points in
// display coordinates). A stroked path draws each axis-aligned segment; a
// path that is only filled draws a line only when the whole shape is thin
// (a border drawn as a thin filled rectangle): large filled shapes are cell
// backgrounds, whose edges are not visible borders.
func subpathRules(pts [][2]float64, stroked bool) []Rule {
	if len(pts) < 2 {
		return nil
	}
	if stroked {
		var out []Rule
		for i := 1; i < len(pts); i++ {
			a, b := pts[i-1], pts[i]
			if r, ok := segmentRule(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])); ok {
				out = append(out, r)
			}
		}
		return out
	}
	x0, y0, x1, y1 := pts[0][0], pts[0][1], pts[0][0], pts[0][1]
	for _, p := range pts[1:] {
		x0, y0, x1, y1 = min(x0, p[0]), min(y0, p[1]), max(x1, p[0]), max(y1, p[1])
	}
	if x1-x0 <= thin || y1-y0 <= thin {
		return rectRules(x0, y0, x1, y1)
	}
	return nil
}
