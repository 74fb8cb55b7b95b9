package pdf

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// Page is the pure-geometry input of the layout step: one page's glyphs and
// ruling lines in display coordinates.
type Page struct {
	Width, Height float64
	Glyphs        []Glyph
	Rules         []Rule
}

// line is a run of glyphs sharing a baseline.
type line struct {
	glyphs         []Glyph
	x0, y0, x1, y1 float64
	size           float64
	bold           bool
}

func (l *line) add(g Glyph) {
	if len(l.glyphs) == 0 {
		l.x0, l.y0, l.x1, l.y1 = g.X0, g.Y0, g.X1, g.Y1
	} else {
		l.x0, l.y0 = math.Min(l.x0, g.X0), math.Min(l.y0, g.Y0)
		l.x1, l.y1 = math.Max(l.x1, g.X1), math.Max(l.y1, g.Y1)
	}
	l.glyphs = append(l.glyphs, g)
}

func (l *line) cy() float64 { return (l.y0 + l.y1) / 2 }

// height returns the median glyph height of the line.
func (l *line) height() float64 {
	hs := make([]float64, 0, len(l.glyphs))
	for _, g := range l.glyphs {
		hs = append(hs, g.Y1-g.Y0)
	}
	return median(hs)
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// glyphHeight is the height used for tolerances: the box height, or the font
// size when the box is degenerate.
func glyphHeight(g Glyph) float64 {
	h := g.Y1 - g.Y0
	if h < 1 && g.Size > 0 {
		h = g.Size
	}
	if h < 1 {
		h = 1
	}
	return h
}

// buildLines groups glyphs into lines by baseline (vertical overlap with a
// tolerance) and sorts each line's glyphs left to right; lines are returned
// top to bottom.
func buildLines(glyphs []Glyph) []*line {
	gs := make([]Glyph, 0, len(glyphs))
	for _, g := range glyphs {
		if unicode.IsSpace(g.R) || g.R == 0 || math.IsNaN(g.X0+g.X1+g.Y0+g.Y1) || math.IsInf(g.X0+g.X1+g.Y0+g.Y1, 0) {
			continue
		}
		if g.X1 < g.X0 {
			g.X0, g.X1 = g.X1, g.X0
		}
		if g.Y1 < g.Y0 {
			g.Y0, g.Y1 = g.Y1, g.Y0
		}
		gs = append(gs, g)
	}
	// Small glyphs (commas, full stops, the flat 一) have boxes off the
	// baseline centre: they join the nearest line afterwards.
	var hs []float64
	for _, g := range gs {
		hs = append(hs, glyphHeight(g))
	}
	mh := median(hs)
	var big, small []Glyph
	for _, g := range gs {
		if glyphHeight(g) < 0.5*mh {
			small = append(small, g)
		} else {
			big = append(big, g)
		}
	}
	sort.SliceStable(big, func(i, j int) bool { return big[i].cy() < big[j].cy() })
	var lines []*line
	var cur *line
	var sumY, sumH float64
	for _, g := range big {
		if cur != nil {
			n := float64(len(cur.glyphs))
			tol := 0.45 * math.Max(glyphHeight(g), sumH/n)
			if math.Abs(g.cy()-sumY/n) <= tol {
				cur.add(g)
				sumY += g.cy()
				sumH += glyphHeight(g)
				continue
			}
		}
		cur = &line{}
		lines = append(lines, cur)
		cur.add(g)
		sumY, sumH = g.cy(), glyphHeight(g)
	}
	heights := make([]float64, len(lines))
	for i, l := range lines {
		heights[i] = l.height()
	}
	// lines are in increasing centre order here: look only at the lines
	// whose centre is within reach of the glyph.
	maxH := 0.0
	centres := make([]float64, len(lines))
	for i, l := range lines {
		maxH = math.Max(maxH, l.y1-l.y0)
		centres[i] = l.cy()
	}
	var orphans []*line
	for _, g := range small {
		var best *line
		bd := math.Inf(1)
		lo := sort.SearchFloat64s(centres, g.cy()-maxH)
		for k := lo; k < len(lines) && centres[k] <= g.cy()+maxH; k++ {
			l, lh := lines[k], heights[k]
			var d float64
			switch {
			case g.cy() < l.y0:
				d = l.y0 - g.cy()
			case g.cy() > l.y1:
				d = g.cy() - l.y1
			}
			if d <= 0.5*lh && (d < bd || d == bd && best != nil && math.Abs(l.cy()-g.cy()) < math.Abs(best.cy()-g.cy())) {
				best, bd = l, d
			}
		}
		if best == nil {
			best = &line{}
			orphans = append(orphans, best)
		}
		best.add(g)
	}
	lines = append(lines, orphans...)
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].cy() < lines[j].cy() })
	for _, l := range lines {
		sort.SliceStable(l.glyphs, func(i, j int) bool { return l.glyphs[i].X0 < l.glyphs[j].X0 })
		var sizes []float64
		bold := 0
		for _, g := range l.glyphs {
			sizes = append(sizes, g.Size)
			if g.Bold {
				bold++
			}
		}
		l.size = median(sizes)
		l.bold = bold*2 > len(l.glyphs)
	}
	return lines
}

// segment is a run of glyphs of a line without a column-sized gap.
type segment struct {
	text   string
	x0, x1 float64
}

// segments splits a line at gaps wider than colGap × glyph height; inside a
// segment, a gap wider than a third of the height becomes a space (removed
// again between two CJK characters, which publishers space out).
func (l *line) segments(colGap float64) []segment {
	var out []segment
	var b strings.Builder
	var cur segment
	for i, g := range l.glyphs {
		if i > 0 {
			prev := l.glyphs[i-1]
			gap := g.X0 - prev.X1
			h := math.Max(glyphHeight(g), glyphHeight(prev))
			if colGap > 0 && gap > colGap*h {
				cur.text = cleanText(b.String())
				out = append(out, cur)
				b.Reset()
				cur = segment{x0: g.X0}
			} else if gap > h/3 && !(numRune(prev.R) && numRune(g.R) && gap < h) {
				b.WriteByte(' ')
			}
		} else {
			cur.x0 = g.X0
		}
		b.WriteRune(g.R)
		cur.x1 = math.Max(cur.x1, g.X1)
	}
	if b.Len() > 0 {
		cur.text = cleanText(b.String())
		out = append(out, cur)
	}
	return out
}

// text returns the whole line as one string.
func (l *line) text() string {
	return dropCJKSpaces(joinSegments(l.segments(colGap)))
}

// dropCJKSpaces removes spaces between two CJK characters (spaced-out
// headers such as "合    计").
func dropCJKSpaces(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && isCJK(rs[i-1]) && isCJK(rs[i+1]) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// cleanText collapses runs of spaces and removes spaces between two CJK
// characters (or between a CJK character and punctuation).
func cleanText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && (isCJK(rs[i-1]) || isCJK(rs[i+1])) {
			if isCJK(rs[i-1]) && isCJK(rs[i+1]) {
				continue
			}
			// CJK next to a digit or Latin letter: keep the space only when
			// both sides are not CJK punctuation/ideographs plus digits
			// ("2017 年" → "2017年").
			if unicode.IsDigit(rs[i-1]) || unicode.IsDigit(rs[i+1]) || isCJK(rs[i-1]) && unicode.IsPunct(rs[i+1]) || unicode.IsPunct(rs[i-1]) && isCJK(rs[i+1]) {
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// joinWrapped joins the lines of a wrapped cell: no separator where either
// side is CJK, a space otherwise.
func joinWrapped(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			prev := []rune(b.String())
			last, first := prev[len(prev)-1], []rune(p)[0]
			if !isCJK(last) && !isCJK(first) && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// numRune reports whether r is part of an amount (digit or separator).
func numRune(r rune) bool {
	return r >= '0' && r <= '9' || r == ',' || r == '.' || r == '%'
}
