package notebook

import (
	"fmt"
	"html"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/budgetwh/budgetwh/queries"
)

// Chart geometry.
const (
	chartW   = 760
	chartH   = 360
	marginT  = 34
	marginR  = 20
	marginB  = 46
	marginL  = 80
	maxBars  = 40
	barH     = 18
	barGap   = 6
	barLabel = 230
)

var palette = []string{"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}

// number returns v as a float for drawing (amounts are exact decimals in
// the data; only their position on the page is approximate).
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case decimal.Decimal:
		return x.InexactFloat64(), true
	case int64:
		return float64(x), true
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

func colIndex(res *queries.Result, name string) (int, error) {
	for i, c := range res.Columns {
		if c.Name == name {
			return i, nil
		}
	}
	return -1, fmt.Errorf("chart column %q is not in the result", name)
}

// renderChart returns the SVG for res and the number of data points drawn.
func renderChart(c *Chart, res *queries.Result) (string, int, error) {
	switch c.Kind {
	case ChartLine:
		return lineChart(c, res)
	case ChartBar:
		return barChart(c, res)
	case ChartHist:
		return histChart(c, res)
	}
	return "", 0, fmt.Errorf("unknown chart kind %q", c.Kind)
}

func esc(s string) string { return html.EscapeString(s) }

func fmtNum(f float64) string {
	a := math.Abs(f)
	switch {
	case a >= 1e16:
		return strconv.FormatFloat(f, 'g', 3, 64)
	case a >= 1e12:
		return strconv.FormatFloat(f/1e12, 'f', 2, 64) + "万亿"
	case a >= 1e8:
		return strconv.FormatFloat(f/1e8, 'f', 2, 64) + "亿"
	case a >= 1e4:
		return strconv.FormatFloat(f/1e4, 'f', 2, 64) + "万"
	case a == math.Trunc(a):
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

// ticks returns about n round tick values; the first is <= lo and the
// last is >= hi, so a scale built on them covers every value.
func ticks(lo, hi float64, n int) []float64 {
	if hi <= lo {
		hi = lo + 1
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	first, last := math.Floor(lo/step), math.Ceil(hi/step)
	var out []float64
	for k := first; k <= last && len(out) <= 4*n; k++ {
		out = append(out, k*step)
	}
	if out[len(out)-1] < hi {
		out = append(out, hi)
	}
	return out
}

// Text metrics for the 11px chart font: a conservative estimate of the
// drawn width (CJK and other wide runes take a full em, the rest ~0.62 em).
const (
	fontPx   = 11.0
	narrowPx = 0.62 * fontPx
)

// textWidth estimates the drawn width of s at size px.
func textWidth(s string, px float64) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80) {
			w += px
		} else {
			w += 0.62 * px
		}
	}
	return w
}

// fit truncates s with an ellipsis so that it is at most max pixels wide
// at size px; it reports whether s was shortened.
func fit(s string, max, px float64) (string, bool) {
	max += 0.5 // tolerate rounding in the callers' arithmetic
	if textWidth(s, px) <= max {
		return s, false
	}
	r := []rune(s)
	for len(r) > 0 && textWidth(string(r)+"…", px) > max {
		r = r[:len(r)-1]
	}
	return string(r) + "…", true
}

// label writes a text element holding s cut to max pixels; a cut label
// carries the full text in a <title> tooltip.
func label(b *strings.Builder, class string, x, y float64, s string, max float64, extra string) {
	short, cut := fit(s, max, fontPx)
	fmt.Fprintf(b, `<text class="%s" x="%.1f" y="%.1f"%s>`, class, x, y, extra)
	if cut {
		fmt.Fprintf(b, `<title>%s</title>`, esc(s))
	}
	b.WriteString(esc(short))
	b.WriteString(`</text>`)
}

func svgOpen(b *strings.Builder, kind, title string, h int) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-%s" width="%d" height="%d" viewBox="0 0 %d %d" role="img">`, kind, chartW, h, chartW, h)
	if title != "" {
		short, cut := fit(title, float64(chartW-marginL-marginR), 13)
		fmt.Fprintf(b, `<title>%s</title><text class="ctitle" x="%d" y="20">`, esc(title), marginL)
		if cut {
			fmt.Fprintf(b, `<title>%s</title>`, esc(title))
		}
		fmt.Fprintf(b, `%s</text>`, esc(short))
	}
}

// chartColumns returns the indexes of a chart's x, y and series columns in
// res (si -1 without a series).
func chartColumns(c *Chart, res *queries.Result) (xi, yi, si int, err error) {
	if xi, err = colIndex(res, c.X); err != nil {
		return 0, 0, 0, err
	}
	if yi, err = colIndex(res, c.Y); err != nil {
		return 0, 0, 0, err
	}
	si = -1
	if c.Series != "" {
		if si, err = colIndex(res, c.Series); err != nil {
			return 0, 0, 0, err
		}
	}
	return xi, yi, si, nil
}

func lineChart(c *Chart, res *queries.Result) (string, int, error) {
	xi, yi, si, err := chartColumns(c, res)
	if err != nil {
		return "", 0, err
	}
	type pt struct {
		xs     string
		x, y   float64
		series string
	}
	var pts []pt
	numericX := true
	for _, r := range res.Rows {
		y, ok := number(r[yi])
		if !ok || r[xi] == nil {
			continue
		}
		p := pt{xs: queries.Text(res.Columns[xi], r[xi]), y: y}
		if x, ok := number(r[xi]); ok {
			p.x = x
		} else {
			numericX = false
		}
		if si >= 0 {
			p.series = queries.Text(res.Columns[si], r[si])
		}
		pts = append(pts, p)
	}
	var b strings.Builder
	svgOpen(&b, "line", c.Title, chartH)
	if len(pts) == 0 {
		b.WriteString(`<text class="nodata" x="300" y="180">no data</text></svg>`)
		return b.String(), 0, nil
	}
	// x positions: numeric scale, or categories in order of appearance
	cats := map[string]float64{}
	var catOrder []string
	if !numericX {
		for i := range pts {
			if _, ok := cats[pts[i].xs]; !ok {
				cats[pts[i].xs] = float64(len(catOrder))
				catOrder = append(catOrder, pts[i].xs)
			}
			pts[i].x = cats[pts[i].xs]
		}
	}
	xmin, xmax, ymin, ymax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		xmin, xmax = math.Min(xmin, p.x), math.Max(xmax, p.x)
		ymin, ymax = math.Min(ymin, p.y), math.Max(ymax, p.y)
	}
	ymin = math.Min(ymin, 0)
	if xmax == xmin {
		xmin, xmax = xmin-1, xmax+1
	}
	yt := ticks(ymin, ymax, 5)
	ylo, yhi := yt[0], yt[len(yt)-1]
	if yhi <= ylo {
		yhi = ylo + 1
	}
	pw, ph := float64(chartW-marginL-marginR-140), float64(chartH-marginT-marginB)
	sx := func(x float64) float64 { return float64(marginL) + (x-xmin)/(xmax-xmin)*pw }
	sy := func(y float64) float64 { return float64(marginT) + ph - (y-ylo)/(yhi-ylo)*ph }
	for _, t := range yt {
		fmt.Fprintf(&b, `<line class="grid" x1="%d" x2="%.1f" y1="%.1f" y2="%.1f"/>`, marginL, float64(marginL)+pw, sy(t), sy(t))
		label(&b, "ylab", float64(marginL-6), sy(t)+4, fmtNum(t), float64(marginL-6-2), "")
	}
	// x labels
	if numericX {
		seen := map[float64]bool{}
		for _, p := range pts {
			if !seen[p.x] {
				seen[p.x] = true
				fmt.Fprintf(&b, `<text class="xlab" x="%.1f" y="%d">%s</text>`, sx(p.x), chartH-marginB+18, esc(p.xs))
			}
		}
	} else {
		slot := pw / math.Max(float64(len(catOrder)-1), 1)
		for i, cname := range catOrder {
			label(&b, "xlab", sx(float64(i)), float64(chartH-marginB+18), cname, math.Min(slot-4, 2*math.Min(sx(float64(i)), float64(chartW)-sx(float64(i)))), "")
		}
	}
	fmt.Fprintf(&b, `<text class="axis" x="%.1f" y="%d">%s</text>`, float64(marginL)+pw/2, chartH-8, esc(c.X))
	// series
	bySeries := map[string][]pt{}
	var order []string
	for _, p := range pts {
		if _, ok := bySeries[p.series]; !ok {
			order = append(order, p.series)
		}
		bySeries[p.series] = append(bySeries[p.series], p)
	}
	for i, s := range order {
		col := palette[i%len(palette)]
		ps := bySeries[s]
		sort.SliceStable(ps, func(a, b int) bool { return ps[a].x < ps[b].x })
		var coords []string
		for _, p := range ps {
			coords = append(coords, fmt.Sprintf("%.1f,%.1f", sx(p.x), sy(p.y)))
		}
		fmt.Fprintf(&b, `<polyline class="series" fill="none" stroke="%s" stroke-width="2" points="%s"/>`, col, strings.Join(coords, " "))
		for _, p := range ps {
			fmt.Fprintf(&b, `<circle class="pt" cx="%.1f" cy="%.1f" r="3.5" fill="%s" data-series="%s" data-x="%s" data-y="%s"><title>%s %s: %s</title></circle>`,
				sx(p.x), sy(p.y), col, esc(s), esc(p.xs), strconv.FormatFloat(p.y, 'f', -1, 64), esc(s), esc(p.xs), esc(fmtNum(p.y)))
		}
		if s != "" {
			ly := marginT + 16*i
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text class="legend" x="%d" y="%d">%s</text>`,
				chartW-150, ly, col, chartW-135, ly+9, esc(truncate(s, 12)))
		}
	}
	b.WriteString("</svg>")
	return b.String(), len(pts), nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

type bar struct {
	label string
	value float64
	title string
}

func drawBars(b *strings.Builder, kind, title string, bars []bar, axis string) {
	h := marginT + len(bars)*(barH+barGap) + marginB
	svgOpen(b, kind, title, h)
	lo, hi := 0.0, 0.0
	for _, br := range bars {
		lo, hi = math.Min(lo, br.value), math.Max(hi, br.value)
	}
	t := ticks(lo, hi, 5)
	lo, hi = t[0], t[len(t)-1]
	if hi <= lo {
		hi = lo + 1
	}
	// Room for the value labels: right of the longest positive bar, left
	// of the longest negative one, and half a tick label at either end.
	const gap = 4.0
	padR, padL := 0.0, 0.0
	for _, br := range bars {
		w := textWidth(fmtNum(br.value), fontPx) + gap
		if br.value < 0 {
			padL = math.Max(padL, w)
		} else {
			padR = math.Max(padR, w)
		}
	}
	for _, v := range t {
		w := textWidth(fmtNum(v), fontPx)/2 + 1
		padL, padR = math.Max(padL, w), math.Max(padR, w)
	}
	// Value labels and ticks never take more than a third of the plot;
	// longer ones are cut (their full value stays in the bar's tooltip).
	room := float64(chartW-barLabel-marginR) - 6
	if padL+padR > room/3 {
		k := room / 3 / (padL + padR)
		padL, padR = padL*k, padR*k
	}
	left := float64(barLabel) + padL
	pw := room + 6 - padL - padR
	sx := func(v float64) float64 { return left + (v-lo)/(hi-lo)*pw }
	bottom := marginT + len(bars)*(barH+barGap)
	spacing := pw / float64(max(len(t)-1, 1))
	for _, v := range t {
		fmt.Fprintf(b, `<line class="grid" x1="%.1f" x2="%.1f" y1="%d" y2="%d"/>`, sx(v), sx(v), marginT-4, bottom)
		half := math.Min(sx(v)-float64(barLabel), float64(chartW)-sx(v))
		label(b, "xlab", sx(v), float64(bottom+16), fmtNum(v), math.Min(2*half, spacing-4), "")
	}
	for i, br := range bars {
		y := marginT + i*(barH+barGap)
		x0, x1 := sx(math.Min(0, br.value)), sx(math.Max(0, br.value))
		label(b, "blab", float64(barLabel-6), float64(y+barH-5), br.label, float64(barLabel-6-4), "")
		fmt.Fprintf(b, `<rect class="bar" x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" data-x="%s" data-y="%s"><title>%s: %s</title></rect>`,
			x0, y, math.Max(x1-x0, 0.5), barH, palette[0], esc(br.label), strconv.FormatFloat(br.value, 'f', -1, 64), esc(br.title), esc(fmtNum(br.value)))
		if br.value < 0 {
			label(b, "bval", x0-gap, float64(y+barH-5), fmtNum(br.value), x0-gap-float64(barLabel), ` text-anchor="end"`)
		} else {
			label(b, "bval", x1+gap, float64(y+barH-5), fmtNum(br.value), float64(chartW)-x1-gap, "")
		}
	}
	label(b, "axis", left+pw/2, float64(h-8), axis, pw, "")
	b.WriteString("</svg>")
}

func barChart(c *Chart, res *queries.Result) (string, int, error) {
	xi, yi, si, err := chartColumns(c, res)
	if err != nil {
		return "", 0, err
	}
	var bars []bar
	for _, r := range res.Rows {
		y, ok := number(r[yi])
		if !ok {
			continue
		}
		label := queries.Text(res.Columns[xi], r[xi])
		if si >= 0 {
			label = queries.Text(res.Columns[si], r[si]) + " · " + label
		}
		bars = append(bars, bar{label: label, value: y, title: label})
		if len(bars) == maxBars {
			break
		}
	}
	var b strings.Builder
	if len(bars) == 0 {
		svgOpen(&b, "bar", c.Title, chartH)
		b.WriteString(`<text class="nodata" x="300" y="180">no data</text></svg>`)
		return b.String(), 0, nil
	}
	drawBars(&b, "bar", c.Title, bars, c.Y)
	return b.String(), len(bars), nil
}

func histChart(c *Chart, res *queries.Result) (string, int, error) {
	xi, err := colIndex(res, c.X)
	if err != nil {
		return "", 0, err
	}
	var vals []float64
	for _, r := range res.Rows {
		if v, ok := number(r[xi]); ok {
			vals = append(vals, v)
		}
	}
	var b strings.Builder
	if len(vals) == 0 {
		svgOpen(&b, "hist", c.Title, chartH)
		b.WriteString(`<text class="nodata" x="300" y="180">no data</text></svg>`)
		return b.String(), 0, nil
	}
	lo, hi := vals[0], vals[0]
	for _, v := range vals {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	n := c.Bins
	if hi == lo {
		n = 1
	}
	width := (hi - lo) / float64(n)
	counts := make([]int, n)
	for _, v := range vals {
		k := n - 1
		if width > 0 {
			k = int((v - lo) / width)
			if k >= n {
				k = n - 1
			}
		}
		counts[k]++
	}
	bars := make([]bar, n)
	for k := range counts {
		a, z := lo+float64(k)*width, lo+float64(k+1)*width
		label := fmtNum(a) + " – " + fmtNum(z)
		if n == 1 {
			label = fmtNum(lo)
		}
		bars[k] = bar{label: label, value: float64(counts[k]), title: label}
	}
	drawBars(&b, "hist", c.Title, bars, "count of "+c.X)
	return b.String(), len(vals), nil
}
