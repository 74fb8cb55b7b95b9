package readertest

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/recognize"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// GBKCRLF returns UTF-8 text re-encoded as GBK with CRLF line ends, the way
// older publications are distributed. Characters GBK cannot encode fail the
// test.
func GBKCRLF(t testing.TB, utf8Text []byte) []byte {
	t.Helper()
	s := strings.ReplaceAll(string(utf8Text), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\n", "\r\n")
	out, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode gbk: %v", err)
	}
	return out
}

// PageSplit returns the text publication data (whose reading is d) with
// every table of at least minRows data rows split in the middle by a page
// break: a blank line, a printed page number ("- N -"), a blank line and the
// table's header rows repeated — what text extracted from a PDF looks like.
// It returns the new text and the number of tables split.
func PageSplit(data []byte, d *doc.Document, minRows int) ([]byte, int) {
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	insert := map[int][]string{} // after 1-based line n
	page, split := 100, 0
	for _, t := range recognize.Tables(d) {
		if t.Structure || len(t.Rows) < minRows || len(t.Header) == 0 {
			continue
		}
		mid := t.Rows[len(t.Rows)/2-1].Ref.Line
		if mid <= 0 || mid > len(lines) {
			continue
		}
		page++
		add := []string{"", fmt.Sprintf("- %d -", page), ""}
		for _, h := range t.Header {
			add = append(add, lines[h.Ref.Line-1])
		}
		insert[mid] = add
		split++
	}
	var b bytes.Buffer
	for i, l := range lines {
		b.WriteString(l)
		if i < len(lines)-1 {
			b.WriteByte('\n')
		}
		for _, a := range insert[i+1] {
			b.WriteString(a)
			b.WriteByte('\n')
		}
	}
	return b.Bytes(), split
}

// WorkbookOptions choose how Workbook stores a document's tables.
type WorkbookOptions struct {
	// TextNumbers reports whether the amounts of the i-th table (0-based,
	// in document order) are stored as text rather than as numbers; nil
	// stores odd-numbered tables as text.
	TextNumbers func(i int) bool
}

var (
	amountRE    = regexp.MustCompile(`^-?[0-9][0-9,]*(\.[0-9]+)?$`)
	sheetNameRE = regexp.MustCompile(`[:\\/?*\[\]：]`)
)

// Workbook builds an .xlsx of d's tables in the layout publishers use: one
// sheet per logical table (recognize.Tables; tables of contents left out),
// holding the table number, a merged title row, a 部门名称 / 单位 row, the
// header rows with the merges they imply (a header cell followed by blank
// cells spans them when the row below has sub-headers there; a header cell
// above blank cells spans down), the data rows (amounts stored as numbers
// with the source's decimals, or as text) and the note. Performance forms
// get their own sheets with their rows as read. Prose is not carried.
func Workbook(t testing.TB, d *doc.Document, o WorkbookOptions) []byte {
	t.Helper()
	if o.TextNumbers == nil {
		o.TextNumbers = func(i int) bool { return i%2 == 1 }
	}
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	styles := map[string]int{}
	style := func(format string) int {
		if id, ok := styles[format]; ok {
			return id
		}
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		must(err)
		styles[format] = id
		return id
	}
	cellName := func(col, row int) string {
		n, err := excelize.CoordinatesToCellName(col+1, row)
		must(err)
		return n
	}
	first := true
	n := 0
	for _, tb := range recognize.Tables(d) {
		if tb.Kind == recognize.KindTOC {
			continue
		}
		n++
		name := fmt.Sprintf("%02d %s", n, sheetNameRE.ReplaceAllString(tb.Title, ""))
		if r := []rune(name); len(r) > 28 {
			name = string(r[:28])
		}
		if first {
			must(f.SetSheetName("Sheet1", name))
			first = false
		} else {
			_, err := f.NewSheet(name)
			must(err)
		}
		rows, header := tableRows(d, tb)
		width := 1
		for _, r := range rows {
			for _, c := range r.Cells {
				width = max(width, c.Col+max(c.Span, 1))
			}
		}
		label := map[int]bool{}
		for _, c := range tb.Columns {
			if c.IsLabel {
				label[c.Index] = true
			}
		}
		textNumbers := o.TextNumbers(n - 1)
		row := 1
		if tb.Number != "" {
			must(f.SetCellStr(name, cellName(width-1, row), tb.Number))
			row++
		}
		if tb.Title != "" {
			must(f.SetCellStr(name, cellName(0, row), tb.Title))
			if width > 1 {
				must(f.MergeCell(name, cellName(0, row), cellName(width-1, row)))
			}
			row++
		}
		if tb.Department != "" || tb.Unit != "" {
			if tb.Department != "" {
				must(f.SetCellStr(name, cellName(0, row), "部门名称："+tb.Department))
			}
			if tb.Unit != "" {
				must(f.SetCellStr(name, cellName(max(width-1, 1), row), "单位："+tb.Unit))
			}
			row++
		}
		// header rows: implied merges
		hdrTop := row
		for hi, r := range header {
			for _, c := range r.Cells {
				if strings.TrimSpace(c.Text) != "" {
					must(f.SetCellStr(name, cellName(c.Col, row+hi), c.Text))
				}
			}
		}
		for _, m := range headerMerges(header, width) {
			must(f.MergeCell(name, cellName(m.c0, hdrTop+m.r0), cellName(m.c1, hdrTop+m.r1)))
		}
		row += len(header)
		for _, r := range rows[len(header):] {
			for _, c := range r.Cells {
				txt := strings.TrimSpace(c.Text)
				if txt == "" {
					continue
				}
				cell := cellName(c.Col, row)
				if !textNumbers && !label[c.Col] && !tb.Structure && amountRE.MatchString(txt) {
					var v float64
					if _, err := fmt.Sscan(strings.ReplaceAll(txt, ",", ""), &v); err == nil {
						must(f.SetCellFloat(name, cell, v, -1, 64))
						must(f.SetCellStyle(name, cell, cell, style(numFormat(txt))))
						continue
					}
				}
				must(f.SetCellStr(name, cell, txt))
				if c.Span > 1 {
					must(f.MergeCell(name, cell, cellName(c.Col+c.Span-1, row)))
				}
			}
			row++
		}
		if tb.Note != "" {
			must(f.SetCellStr(name, cellName(0, row), tb.Note))
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// numFormat returns the number format showing an amount as txt shows it:
// the same decimals, with thousands separators when txt has them.
func numFormat(txt string) string {
	f := "0"
	if strings.Contains(txt, ",") {
		f = "#,##0"
	}
	if i := strings.IndexByte(txt, '.'); i >= 0 {
		f += "." + strings.Repeat("0", len(txt)-i-1)
	}
	return f
}

// tableRows returns the rows of a logical table as a workbook holds them:
// its header rows, then every other row of its table blocks except
// structure repeated after the data started (repeated headers, page
// numbers). header is the leading part that is the table's header.
func tableRows(d *doc.Document, tb recognize.Table) (rows, header []doc.Row) {
	inHeader := map[doc.Ref]bool{}
	for _, h := range tb.Header {
		inHeader[h.Ref] = true
	}
	structural := map[doc.Ref]bool{}
	for _, r := range tb.Structural {
		structural[r] = true
	}
	data := map[doc.Ref]bool{}
	for _, r := range tb.Rows {
		data[r.Ref] = true
	}
	header = append(header, tb.Header...)
	rows = append(rows, tb.Header...)
	started := false
	for _, bi := range tb.Blocks {
		b := d.Blocks[bi]
		if tb.Structure && (b.Kind == doc.Paragraph || b.Kind == doc.Heading) && b.Ref != tb.TitleRef {
			// a form's own lines between its title and its grid (2024年度)
			rows = append(rows, doc.Row{Ref: b.Ref, Cells: []doc.Cell{{Text: b.Text, Span: 1}}})
			continue
		}
		if b.Kind != doc.Table {
			continue
		}
		for _, r := range b.Rows {
			if inHeader[r.Ref] {
				continue
			}
			if data[r.Ref] {
				started = true
			} else if started && structural[r.Ref] {
				continue
			}
			rows = append(rows, r)
		}
	}
	return rows, header
}

// numbersRow reports whether a header row is a column-number row (1 2 3 …).
func numbersRow(cells []string) bool {
	n := 0
	for _, c := range cells {
		if c == "" {
			continue
		}
		if strings.Trim(c, "0123456789") != "" {
			return false
		}
		n++
	}
	return n > 0
}

type merge struct{ r0, c0, r1, c1 int }

// headerMerges returns the merges a multi-row header implies: a cell
// followed by blank cells spans them when the next header row has text
// under them; a cell with blank cells below it spans down to the last
// header row.
func headerMerges(header []doc.Row, width int) []merge {
	grid := make([][]string, len(header))
	for i, r := range header {
		grid[i] = make([]string, width)
		for _, c := range r.Cells {
			if c.Col < width {
				grid[i][c.Col] = strings.TrimSpace(c.Text)
			}
		}
	}
	var out []merge
	covered := map[[2]int]bool{}
	for i := range grid {
		for c := 0; c < width; c++ {
			if grid[i][c] == "" || covered[[2]int{i, c}] {
				continue
			}
			// horizontal
			e := c
			for e+1 < width && grid[i][e+1] == "" && !covered[[2]int{i, e + 1}] && i+1 < len(grid) && !numbersRow(grid[i+1]) && grid[i+1][e+1] != "" {
				e++
			}
			if e > c {
				out = append(out, merge{i, c, i, e})
				for x := c + 1; x <= e; x++ {
					covered[[2]int{i, x}] = true
				}
				continue
			}
			// vertical
			b := i
			for b+1 < len(grid) && grid[b+1][c] == "" {
				b++
			}
			if b > i {
				out = append(out, merge{i, c, b, c})
				for y := i + 1; y <= b; y++ {
					covered[[2]int{y, c}] = true
				}
			}
		}
	}
	return out
}
