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
	case a >= 1e8:
		return strconv.FormatFloat(f/1e8, 'f', 2, 64) + "亿"
	case a >= 1e4:
		return strconv.FormatFloat(f/1e4, 'f', 2, 64) + "万"
	case a == math.Trunc(a):
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

// ticks returns about n round tick values covering [lo, hi].
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
	var out []float64
	for v := math.Floor(lo/step) * step; v <= hi+step*1e-9; v += step {
		out = append(out, v)
	}
	return out
}

func svgOpen(b *strings.Builder, kind, title string, h int) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-%s" width="%d" height="%d" viewBox="0 0 %d %d" role="img">`, kind, chartW, h, chartW, h)
	if title != "" {
		fmt.Fprintf(b, `<title>%s</title><text class="ctitle" x="%d" y="20">%s</text>`, esc(title), marginL, esc(title))
	}
}

func lineChart(c *Chart, res *queries.Result) (string, int, error) {
	xi, err := colIndex(res, c.X)
	if err != nil {
		return "", 0, err
	}
	yi, err := colIndex(res, c.Y)
	if err != nil {
		return "", 0, err
	}
	si := -1
	if c.Series != "" {
		if si, err = colIndex(res, c.Series); err != nil {
			return "", 0, err
		}
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
		fmt.Fprintf(&b, `<line class="grid" x1="%d" x2="%.1f" y1="%.1f" y2="%.1f"/><text class="ylab" x="%d" y="%.1f">%s</text>`,
			marginL, float64(marginL)+pw, sy(t), sy(t), marginL-6, sy(t)+4, esc(fmtNum(t)))
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
		for i, cname := range catOrder {
			fmt.Fprintf(&b, `<text class="xlab" x="%.1f" y="%d">%s</text>`, sx(float64(i)), chartH-marginB+18, esc(cname))
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
	pw := float64(chartW - barLabel - marginR - 70)
	sx := func(v float64) float64 { return float64(barLabel) + (v-lo)/(hi-lo)*pw }
	bottom := marginT + len(bars)*(barH+barGap)
	for _, v := range t {
		fmt.Fprintf(b, `<line class="grid" x1="%.1f" x2="%.1f" y1="%d" y2="%d"/><text class="xlab" x="%.1f" y="%d">%s</text>`,
			sx(v), sx(v), marginT-4, bottom, sx(v), bottom+16, esc(fmtNum(v)))
	}
	for i, br := range bars {
		y := marginT + i*(barH+barGap)
		x0, x1 := sx(math.Min(0, br.value)), sx(math.Max(0, br.value))
		fmt.Fprintf(b, `<text class="blab" x="%d" y="%d">%s</text>`, barLabel-6, y+barH-5, esc(truncate(br.label, 18)))
		fmt.Fprintf(b, `<rect class="bar" x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" data-x="%s" data-y="%s"><title>%s: %s</title></rect>`,
			x0, y, math.Max(x1-x0, 0.5), barH, palette[0], esc(br.label), strconv.FormatFloat(br.value, 'f', -1, 64), esc(br.title), esc(fmtNum(br.value)))
		fmt.Fprintf(b, `<text class="bval" x="%.1f" y="%d">%s</text>`, x1+4, y+barH-5, esc(fmtNum(br.value)))
	}
	fmt.Fprintf(b, `<text class="axis" x="%.1f" y="%d">%s</text>`, float64(barLabel)+pw/2, h-8, esc(axis))
	b.WriteString("</svg>")
}

func barChart(c *Chart, res *queries.Result) (string, int, error) {
	xi, err := colIndex(res, c.X)
	if err != nil {
		return "", 0, err
	}
	yi, err := colIndex(res, c.Y)
	if err != nil {
		return "", 0, err
	}
	si := -1
	if c.Series != "" {
		if si, err = colIndex(res, c.Series); err != nil {
			return "", 0, err
		}
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
