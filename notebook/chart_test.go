package notebook

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/budgetwh/budgetwh/queries"
)

// svgBox is the drawn extent of one element.
type svgBox struct {
	what         string
	x0, x1       float64
	text, tip    string
	hasTitleKids bool
}

// svgExtents parses an SVG and returns the viewBox width and the
// horizontal extent of every rect and text (text width estimated with
// textWidth, positioned by its anchor).
func svgExtents(t *testing.T, svg string) (float64, []svgBox) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var (
		width float64
		boxes []svgBox
		cur   *svgBox
		curX  float64
		anch  string
		depth int // >0 inside a <title>
	)
	attr := func(se xml.StartElement, name string) string {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	num := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("bad number %q in %s", s, svg)
		}
		return f
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("parse svg: %v\n%s", err, svg)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "svg":
				f := strings.Fields(attr(el, "viewBox"))
				width = num(f[2])
			case "rect":
				x, w := num(attr(el, "x")), num(attr(el, "width"))
				boxes = append(boxes, svgBox{what: "rect", x0: x, x1: x + w})
			case "text":
				cur = &svgBox{what: "text." + attr(el, "class")}
				curX = num(attr(el, "x"))
				anch = attr(el, "text-anchor")
				if anch == "" {
					switch attr(el, "class") {
					case "blab", "ylab":
						anch = "end"
					case "xlab", "axis":
						anch = "middle"
					}
				}
			case "title":
				depth++
				if cur != nil {
					cur.hasTitleKids = true
				}
			}
		case xml.CharData:
			if cur != nil {
				if depth > 0 {
					cur.tip += string(el)
				} else {
					cur.text += string(el)
				}
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "title":
				depth--
			case "text":
				w := textWidth(cur.text, fontPx)
				if cur.what == "text.ctitle" {
					w = textWidth(cur.text, 13)
				}
				switch anch {
				case "end":
					cur.x0, cur.x1 = curX-w, curX
				case "middle":
					cur.x0, cur.x1 = curX-w/2, curX+w/2
				default:
					cur.x0, cur.x1 = curX, curX+w
				}
				boxes = append(boxes, *cur)
				cur = nil
			}
		}
	}
	return width, boxes
}

func barResult(labels []string, values []any) *queries.Result {
	res := &queries.Result{Columns: []queries.Column{{Name: "department", Type: "VARCHAR"}, {Name: "pct", Type: "DOUBLE"}}}
	for i := range labels {
		res.Rows = append(res.Rows, []any{labels[i], values[i]})
	}
	return res
}

const longName = "侯马经济开发区管理委员会综合行政执法局（市场监督管理）下属事业单位"

// TestChart_geometry renders charts whose values once ran past the image
// edge and checks that every rect and text lies inside the viewBox.
func TestChart_geometry(t *testing.T) {
	d := func(s string) any { return decimal.RequireFromString(s) }
	tests := []struct {
		name   string
		chart  Chart
		labels []string
		values []any
	}{
		{"percent up to 100", Chart{Kind: ChartBar, X: "department", Y: "pct", Title: "项目支出 / 本年支出合计 (%)"},
			[]string{"甲", "乙", "丙", "丁", "戊", longName}, []any{12.5, 72.3, 85.0, 93.7, 100.0, 99.99}},
		{"percent below 94", Chart{Kind: ChartBar, X: "department", Y: "pct"},
			[]string{"甲", "乙", "丙", "丁"}, []any{72.5, 81.0, 85.25, 93.7}},
		{"negative", Chart{Kind: ChartBar, X: "department", Y: "pct"},
			[]string{"甲", longName, "丙"}, []any{-123456.78, 50.0, 987654.32}},
		{"only negative", Chart{Kind: ChartBar, X: "department", Y: "pct"},
			[]string{"甲", "乙"}, []any{-0.5, -99.5}},
		{"huge", Chart{Kind: ChartBar, X: "department", Y: "pct", Title: strings.Repeat(longName, 3)},
			[]string{"甲", "乙", "丙"}, []any{d("123456789012345678901234.56"), 1.0, d("-98765432109876543.21")}},
		{"histogram", Chart{Kind: ChartHist, X: "pct", Bins: 12},
			[]string{"a", "b", "c", "d"}, []any{d("-1234567.89"), 0.5, 99999999999.0, 3.0}},
		{"line", Chart{Kind: ChartLine, X: "department", Y: "pct"},
			[]string{longName, "乙" + longName, "丙", "丁"}, []any{93.7, 100.0, -5.0, 1e13}},
		{"line huge", Chart{Kind: ChartLine, X: "department", Y: "pct"},
			[]string{"2017", "2018", "2019"}, []any{d("-123456789012345.67"), 2.5e15, 9.9e15}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg, n, err := renderChart(&tt.chart, barResult(tt.labels, tt.values))
			if err != nil || n == 0 {
				t.Fatalf("renderChart = %d points, %v", n, err)
			}
			w, boxes := svgExtents(t, svg)
			if w != chartW {
				t.Fatalf("viewBox width %v, want %d", w, chartW)
			}
			var rects []svgBox
			for _, b := range boxes {
				if b.x0 < 0 || b.x1 > w {
					t.Errorf("%s %q spans [%.1f, %.1f], outside [0, %v]", b.what, b.text, b.x0, b.x1, w)
				}
				if b.what == "rect" {
					rects = append(rects, b)
				}
				if strings.HasSuffix(b.text, "…") && (!b.hasTitleKids || b.tip == "" || !strings.HasPrefix(b.tip, strings.TrimSuffix(b.text, "…"))) {
					t.Errorf("%s %q is cut but has no tooltip with the full text (tip %q)", b.what, b.text, b.tip)
				}
			}
			if tt.chart.Kind != ChartBar {
				return
			}
			if len(rects) != len(tt.values) {
				t.Fatalf("%d rects, want %d", len(rects), len(tt.values))
			}
			// bars are drawn to scale: width proportional to |value|,
			// measured against the longest bar (drawn widths are rounded
			// to 0.1 px and never below 0.5 px)
			k, vmax := 0.0, 0.0
			for i, r := range rects {
				if v, _ := number(tt.values[i]); math.Abs(v) > vmax {
					k, vmax = (r.x1-r.x0)/math.Abs(v), math.Abs(v)
				}
			}
			for i, r := range rects {
				v, _ := number(tt.values[i])
				if want := math.Max(math.Abs(v)*k, 0.5); math.Abs(r.x1-r.x0-want) > 0.2 {
					t.Errorf("bar %d (%v) is %.1f px wide, want %.1f", i, v, r.x1-r.x0, want)
				}
			}
			if strings.Contains(strings.Join(tt.labels, ""), longName) && !strings.Contains(svg, "<title>"+longName+"</title>") {
				t.Errorf("long label has no tooltip:\n%s", svg)
			}
		})
	}
}

func TestTicks(t *testing.T) {
	tests := []struct{ lo, hi float64 }{
		{0, 93.7}, {0, 100}, {0, 72.5}, {-5, 10}, {-99.5, 0}, {0, 1.23e24}, {-1e17, 1.23e24}, {3, 3}, {0, 0.007},
	}
	for _, tt := range tests {
		got := ticks(tt.lo, tt.hi, 5)
		if got[0] > tt.lo || got[len(got)-1] < tt.hi || len(got) > 21 {
			t.Errorf("ticks(%v, %v) = %v, does not cover the range", tt.lo, tt.hi, got)
		}
	}
}

func FuzzFit(f *testing.F) {
	f.Add(longName, 100.0)
	f.Add("abc", 0.0)
	f.Fuzz(func(t *testing.T, s string, max float64) {
		if math.IsNaN(max) || max < 20 || max > 1e4 {
			return
		}
		got, cut := fit(s, max, fontPx)
		if textWidth(got, fontPx) > max+0.5 {
			t.Errorf("fit(%q, %v) = %q, %.1f px wide", s, max, got, textWidth(got, fontPx))
		}
		if !cut && got != s {
			t.Errorf("fit(%q) changed the text without reporting a cut", s)
		}
	})
}
