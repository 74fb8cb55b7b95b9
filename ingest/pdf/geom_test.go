package pdf

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/google/go-cmp/cmp"
)

// text lays s out as glyphs from (x, y) (top of the line), w points per
// character and h high; commas and full stops sit low like real fonts.
func text(s string, x, y, w, h float64) []Glyph {
	var gs []Glyph
	for _, r := range s {
		g := Glyph{R: r, X0: x, Y0: y, X1: x + w*0.9, Y1: y + h, Size: h}
		if r == ',' || r == '.' {
			g.Y0, g.Y1 = y+h*0.8, y+h*1.2
			g.X1 = x + w*0.3
		}
		if r != ' ' {
			gs = append(gs, g)
		}
		x += w
	}
	return gs
}

func TestBuildLines(t *testing.T) {
	var gs []Glyph
	gs = append(gs, text("13,649.07", 300, 100, 5, 9)...)
	gs = append(gs, text("收入合计", 100, 101, 10, 10)...)
	gs = append(gs, text("支出合计", 100, 130, 10, 10)...)
	gs = append(gs, text("9.98", 300, 130.5, 5, 9)...)
	lines := buildLines(gs)
	var got []string
	for _, l := range lines {
		got = append(got, l.text())
	}
	want := []string{"收入合计 13,649.07", "支出合计 9.98"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"一 般 公", "一般公"},
		{"2017 年", "2017年"},
		{"合  计", "合计"},
		{"Hello  world", "Hello world"},
		{"（一） 收入", "（一）收入"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJoinWrapped(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"一、财政", "拨款"}, "一、财政拨款"},
		{[]string{"本年收入合", "计"}, "本年收入合计"},
		{[]string{"Total", "amount"}, "Total amount"},
		{[]string{"", "x"}, "x"},
	}
	for _, tt := range tests {
		if got := joinWrapped(tt.in); got != tt.want {
			t.Errorf("joinWrapped(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func row(cells ...string) doc.Row {
	var r doc.Row
	for i, c := range cells {
		r.Cells = append(r.Cells, doc.Cell{Text: c, Col: i, Span: 1})
	}
	return r
}

func TestJoinSplitCodes(t *testing.T) {
	in := []doc.Row{
		row("类", "款", "项", "科目名称", "合计"),
		row("201", "", "", "一般公共服务支出", "2,112.86"),
		row("201", "06", "", "财政事务", "2,112.86"),
		row("201", "06", "01", "行政运行", "1,511.90"),
		row("", "", "", "合计", "2,946.25"),
		row("一、", "x", "y", "not a code", "1"),
	}
	got := JoinSplitCodes(in)
	var texts [][]string
	for _, r := range got {
		texts = append(texts, r.Texts())
	}
	want := [][]string{
		{"科目编码", "科目名称", "合计"},
		{"201", "一般公共服务支出", "2,112.86"},
		{"20106", "财政事务", "2,112.86"},
		{"2010601", "行政运行", "1,511.90"},
		{"", "合计", "2,946.25"},
		{"一、", "x", "y", "not a code", "1"},
	}
	if diff := cmp.Diff(want, texts); diff != "" {
		t.Errorf("JoinSplitCodes (-want +got):\n%s", diff)
	}
	if c := got[3].Cells[0]; c.Col != 0 || c.Span != 3 || got[3].Cells[1].Col != 3 { // before compaction
		t.Errorf("joined cell = %+v, next col %d; want col 0 span 3, next col 3", c, got[3].Cells[1].Col)
	}
	// Economic codes split over 类/款 only (no 项 column), found from content.
	econ := JoinSplitCodes([]doc.Row{row("310", "", "资本性支出", "1"), row("310", "02", "办公设备购置", "2"), row("302", "01", "办公费", "3")})
	if got := econ[1].Texts(); !cmp.Equal(got, []string{"31002", "办公设备购置", "2"}) {
		t.Errorf("econ row = %q", got)
	}
	// No split codes: unchanged.
	plain := []doc.Row{row("2010101", "行政运行", "1.00")}
	if diff := cmp.Diff(plain, JoinSplitCodes(plain)); diff != "" {
		t.Errorf("unsplit rows changed:\n%s", diff)
	}
}

// box returns the four rules of a rectangle.
func box(x0, y0, x1, y1 float64) []Rule {
	return []Rule{{x0, y0, x1, y0}, {x0, y1, x1, y1}, {x0, y0, x0, y1}, {x1, y0, x1, y1}}
}

// TestLayout_ruledTable lays out a ruled table with a title drawn outside
// the frame, a header cell merged over two rows, a header spanning two
// columns, a wrapped label and split 类/款/项 codes.
func TestLayout_ruledTable(t *testing.T) {
	p := Page{Width: 600, Height: 800}
	p.Glyphs = append(p.Glyphs, text("收入决算表", 250, 40, 16, 16)...)
	p.Glyphs = append(p.Glyphs, text("单位：万元", 480, 70, 10, 10)...)
	// Columns: 类 | 款 | 项 | 名称 | 合计 | 其他  at x = 50 80 110 140 300 400 500
	xs := []float64{50, 80, 110, 140, 300, 400, 500}
	ys := []float64{90, 110, 130, 150, 170, 200}
	for _, x := range xs {
		switch x {
		case 80, 110: // no rule through the 编码 header band
			p.Rules = append(p.Rules, Rule{x, 110, x, 200})
		case 400: // 合计|其他 separated below the 收入 band only
			p.Rules = append(p.Rules, Rule{x, 110, x, 200})
		default:
			p.Rules = append(p.Rules, Rule{x, 90, x, 200})
		}
	}
	for _, y := range ys {
		if y == 110 { // 名称 is merged over two header bands: no rule under it
			p.Rules = append(p.Rules, Rule{50, y, 140, y}, Rule{300, y, 500, y})
			continue
		}
		p.Rules = append(p.Rules, Rule{50, y, 500, y})
	}
	p.Glyphs = append(p.Glyphs, text("科目编码", 60, 95, 10, 10)...)
	p.Glyphs = append(p.Glyphs, text("科目名称", 190, 112, 10, 10)...)
	p.Glyphs = append(p.Glyphs, text("收入", 390, 95, 10, 10)...)
	p.Glyphs = append(p.Glyphs, text("合计", 340, 115, 10, 10)...)
	p.Glyphs = append(p.Glyphs, text("其他收", 420, 112, 10, 8)...)
	p.Glyphs = append(p.Glyphs, text("入", 420, 121, 10, 8)...)
	p.Glyphs = append(p.Glyphs, text("类", 60, 135, 10, 10)...)
	p.Glyphs = append(p.Glyphs, text("款", 90, 135, 10, 10)...)
	p.Glyphs = append(p.Glyphs, text("项", 120, 135, 10, 10)...)
	p.Glyphs = append(p.Glyphs, text("201", 55, 155, 6, 9)...)
	p.Glyphs = append(p.Glyphs, text("06", 85, 155, 6, 9)...)
	p.Glyphs = append(p.Glyphs, text("01", 115, 155, 6, 9)...)
	p.Glyphs = append(p.Glyphs, text("行政运行", 150, 155, 10, 10)...)
	p.Glyphs = append(p.Glyphs, text("1,511.90", 340, 155, 6, 9)...)
	p.Glyphs = append(p.Glyphs, text("0.01", 450, 155, 6, 9)...)
	p.Glyphs = append(p.Glyphs, text("机关事业单位基本养老", 145, 172, 14, 10)...)
	p.Glyphs = append(p.Glyphs, text("保险缴费支出", 145, 185, 14, 10)...)
	p.Glyphs = append(p.Glyphs, text("160.75", 340, 180, 6, 9)...)

	d := Layout([]Page{p})
	got := dumpBlocks(d)
	want := strings.Join([]string{
		"[heading page 1 line 1] 收入决算表",
		"[paragraph page 1 line 2] 单位：万元",
		"[table page 1 line 3]",
		"  page 1 line 3 | 0:科目编码 | 1:科目名称 | 2+2:收入",
		"  page 1 line 4 | 0: | 1:科目名称 | 2:合计 | 3:其他收入",
		"  page 1 line 5 | 0:科目编码 | 1: | 2: | 3:",
		"  page 1 line 6 | 0:2010601 | 1:行政运行 | 2:1,511.90 | 3:0.01",
		"  page 1 line 7 | 0: | 1:机关事业单位基本养老保险缴费支出 | 2:160.75 | 3:",
		"[pagebreak page 1 line 8]",
		"",
	}, "\n")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("layout (-want +got):\n%s", diff)
	}
}

// TestLayout_unruledTable lays out columns without any rules.
func TestLayout_unruledTable(t *testing.T) {
	p := Page{Width: 600, Height: 800}
	p.Glyphs = append(p.Glyphs, text("项目 金额", 100, 100, 10, 10)...)
	p.Glyphs = append(p.Glyphs, text("基本支出", 100, 120, 10, 10)...)
	p.Glyphs = append(p.Glyphs, text("7,666.68", 300, 120, 6, 9)...)
	p.Glyphs = append(p.Glyphs, text("项目支出", 100, 140, 10, 10)...)
	p.Glyphs = append(p.Glyphs, text("5,853.96", 300, 140, 6, 9)...)
	d := Layout([]Page{p})
	var tables []doc.Block
	for _, b := range d.Blocks {
		if b.Kind == doc.Table {
			tables = append(tables, b)
		}
	}
	if len(tables) != 1 || len(tables[0].Rows) != 2 {
		t.Fatalf("tables = %+v, want one table of 2 rows", tables)
	}
	r := tables[0].Rows[1]
	if r.Cells[0].Text != "项目支出" || r.Cells[1].Text != "5,853.96" || r.Cells[1].Col != 1 {
		t.Errorf("row = %+v", r)
	}
}

func TestNormalizeRotation(t *testing.T) {
	// Text running bottom to top (angle π/2) on a portrait page.
	var gs []Glyph
	y := 500.0
	for _, r := range "收支预算总表" {
		gs = append(gs, Glyph{R: r, X0: 100, Y0: y - 10, X1: 110, Y1: y, Angle: math.Pi / 2, Size: 10})
		y -= 12
	}
	p := normalizeRotation(Page{Width: 600, Height: 800, Glyphs: gs})
	if p.Width != 800 || p.Height != 600 {
		t.Errorf("size = %vx%v, want 800x600", p.Width, p.Height)
	}
	lines := buildLines(p.Glyphs)
	if len(lines) != 1 || lines[0].text() != "收支预算总表" {
		var got []string
		for _, l := range lines {
			got = append(got, l.text())
		}
		t.Errorf("lines = %q, want one line 收支预算总表", got)
	}
}

func TestRemapColumns(t *testing.T) {
	b := doc.Block{Kind: doc.Table, Rows: []doc.Row{{Cells: []doc.Cell{{Text: "a", Col: 0, Span: 1}, {Text: "b", Col: 1, Span: 1}}}}}
	if !remapColumns(&b, []float64{50, 140, 300}, []float64{50, 80, 110, 140, 300, 400}) {
		t.Fatal("remap failed")
	}
	if c := b.Rows[0].Cells; c[0].Col != 0 || c[0].Span != 3 || c[1].Col != 3 || c[1].Span != 1 {
		t.Errorf("cells = %+v", c)
	}
	if remapColumns(&b, []float64{50, 200, 300}, []float64{50, 80, 110, 140, 300, 400}) {
		t.Error("remap of a different grid succeeded")
	}
}

func TestSplitCaption(t *testing.T) {
	tests := []struct{ in, title, caption string }{
		{"收支预算总表部门：中共江苏省委办公厅 单位：万元", "收支预算总表", "部门：中共江苏省委办公厅 单位：万元"},
		{"收支预算总表", "收支预算总表", ""},
		{"表一 收入表 合计", "表一 收入表 合计", ""},
	}
	for _, tt := range tests {
		ti, ca := splitCaption(tt.in)
		if ti != tt.title || ca != tt.caption {
			t.Errorf("splitCaption(%q) = %q, %q", tt.in, ti, ca)
		}
	}
}

// FuzzLayout feeds synthetic glyph boxes and rules to the pure layout code:
// it must not panic and must give well-formed blocks.
func FuzzLayout(f *testing.F) {
	f.Add([]byte("\x10\x20\x30\x40\x50\x60\x70\x80\x90\xa0\xb0\xc0"), uint8(3))
	f.Add([]byte{}, uint8(0))
	f.Add([]byte("\x00\x00\x00\x00\xff\xff\xff\xff\x01\x02\x03\x04\x05\x06\x07\x08"), uint8(10))
	f.Fuzz(func(t *testing.T, data []byte, nrules uint8) {
		p := Page{Width: 600, Height: 800}
		runes := []rune("合计收入支出一二三0123456789,.类款项")
		for len(data) >= 8 {
			v := binary.LittleEndian.Uint64(data[:8])
			data = data[8:]
			x := float64(v%600) - 5
			y := float64((v>>10)%800) - 5
			w := float64((v>>20)%20) + float64((v>>60)%2)*-3
			h := float64((v>>30)%20) - 1
			if int(nrules) > len(p.Rules) && v%3 == 0 {
				if v%2 == 0 {
					p.Rules = append(p.Rules, Rule{x, y, x + w*20, y})
				} else {
					p.Rules = append(p.Rules, Rule{x, y, x, y + h*10})
				}
				continue
			}
			p.Glyphs = append(p.Glyphs, Glyph{R: runes[int(v>>40)%len(runes)], X0: x, Y0: y, X1: x + w, Y1: y + h, Size: h, Angle: float64((v>>50)%4) * math.Pi / 2})
		}
		var d *doc.Document
		done := make(chan struct{})
		go func() { d = Layout([]Page{p, p}); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Layout took more than 10s on %d glyphs, %d rules", len(p.Glyphs), len(p.Rules))
		}
		for _, b := range d.Blocks {
			if b.Ref.Page < 1 || b.Ref.Line < 1 {
				t.Fatalf("bad ref %+v", b.Ref)
			}
			if b.Kind == doc.Table {
				if len(b.Rows) == 0 {
					t.Fatal("empty table")
				}
				for _, r := range b.Rows {
					for _, c := range r.Cells {
						if c.Col < 0 || c.Span < 1 {
							t.Fatalf("bad cell %+v", c)
						}
					}
				}
			}
		}
	})
}

// TestLayout_numberedProse: lines opening with an item number set apart by
// a wide gap ("1.   “一般公共服务支出…”科目1,202.95万元，…") are prose
// paragraphs, while a numbered unruled table with amounts stays a table.
func TestLayout_numberedProse(t *testing.T) {
	tests := []struct {
		name       string
		lines      [][2]string // item number, rest of the line
		wantTables int
		wantParas  []string
	}{
		{
			name: "numbered prose items",
			lines: [][2]string{
				{"1.", "“一般公共服务支出-行政运行”科目1,202.95万元，主要用于行政单位的基本支出。"},
				{"2.", "“一般公共服务支出-一般行政管理事务”科目4,614万元，主要用于项目支出。"},
			},
			wantParas: []string{
				"1. “一般公共服务支出-行政运行”科目1,202.95万元，主要用于行政单位的基本支出。",
				"2. “一般公共服务支出-一般行政管理事务”科目4,614万元，主要用于项目支出。",
			},
		},
		{
			name: "numbered table rows with amounts",
			lines: [][2]string{
				{"1.", "基本支出                7,666.68"},
				{"2.", "项目支出                5,853.96"},
			},
			wantTables: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Page{Width: 600, Height: 800}
			for k, l := range tt.lines {
				y := 100 + 20*float64(k)
				p.Glyphs = append(p.Glyphs, text(l[0], 60, y, 10, 10)...)
				p.Glyphs = append(p.Glyphs, text(l[1], 100, y, 10, 10)...)
			}
			d := Layout([]Page{p})
			var tables int
			var paras []string
			for _, b := range d.Blocks {
				switch b.Kind {
				case doc.Table:
					tables++
				case doc.Paragraph:
					paras = append(paras, b.Text)
				}
			}
			if tables != tt.wantTables {
				t.Errorf("tables = %d, want %d (blocks %+v)", tables, tt.wantTables, d.Blocks)
			}
			if tt.wantParas != nil {
				if diff := cmp.Diff(tt.wantParas, paras); diff != "" {
					t.Errorf("paragraphs (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestLayout_offPage: text placed beyond the page box (a copy of the next
// tables below the bottom edge) is not read; text on the page is, and so is
// a line cut by the edge with at least 1pt of it inside.
func TestLayout_offPage(t *testing.T) {
	tests := []struct {
		name string
		y    float64
		want []string
	}{
		{"on the page", 700, []string{"页内文字", "另一段文字"}},
		{"below the bottom edge", 900, []string{"页内文字"}},
		{"above the top edge", -60, []string{"页内文字"}},
		{"cut by the top edge, 2pt inside", -8, []string{"另一段文字", "页内文字"}},
		{"0.2pt inside the bottom edge", 799.8, []string{"页内文字"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Page{Width: 600, Height: 800}
			p.Glyphs = append(p.Glyphs, text("页内文字", 100, 100, 10, 10)...)
			p.Glyphs = append(p.Glyphs, text("另一段文字", 100, tt.y, 10, 10)...)
			p.Rules = append(p.Rules, Rule{X0: 90, Y0: tt.y - 5, X1: 400, Y1: tt.y - 5})
			var got []string
			for _, b := range Layout([]Page{p}).Blocks {
				if b.Kind == doc.Paragraph || b.Kind == doc.Heading {
					got = append(got, b.Text)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
		})
	}
}
