package xlsx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf16"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/pdf"
	"github.com/budgetwh/budgetwh/ingest/recognize"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

var (
	// ErrEncrypted is returned for password-protected workbooks.
	ErrEncrypted = errors.New("workbook is password-protected")
	// ErrUnsupported is returned for files that are not .xlsx workbooks
	// (legacy .xls, corrupt zips).
	ErrUnsupported = errors.New("not an xlsx workbook")
	// ErrTooLarge is returned when the workbook unpacks to more than the limits.
	ErrTooLarge = errors.New("workbook too large when unpacked")
)

// Limits on the unpacked size of a workbook (zip-bomb guard).
const (
	UnzipSizeLimit    = 256 << 20
	UnzipXMLSizeLimit = 64 << 20
)

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// Read parses a workbook into blocks. Errors name the file and wrap
// ErrEncrypted, ErrUnsupported or ErrTooLarge.
func Read(ctx context.Context, name string, data []byte) (*doc.Document, error) {
	base := filepath.Base(name)
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, utf16le("EncryptionInfo")) {
			return nil, fmt.Errorf("read xlsx %s: %w", base, ErrEncrypted)
		}
		return nil, fmt.Errorf("read xlsx %s: %w (legacy .xls?)", base, ErrUnsupported)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    UnzipSizeLimit,
		UnzipXMLSizeLimit: UnzipXMLSizeLimit,
	})
	if err != nil {
		switch {
		case errors.Is(err, excelize.ErrWorkbookPassword):
			return nil, fmt.Errorf("read xlsx %s: %w", base, ErrEncrypted)
		case strings.Contains(err.Error(), "size limit") || strings.Contains(err.Error(), "exceed"):
			return nil, fmt.Errorf("read xlsx %s: %w: %v", base, ErrTooLarge, err)
		}
		return nil, fmt.Errorf("read xlsx %s: %w: %v", base, ErrUnsupported, err)
	}
	defer f.Close()

	d := &doc.Document{Format: "xlsx", Paths: []string{name}, Bytes: int64(len(data))}
	var raw strings.Builder
	for _, sheet := range f.GetSheetList() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if vis, err := f.GetSheetVisible(sheet); err == nil && !vis {
			continue
		}
		rows, err := sheetRows(f, sheet)
		if err != nil {
			return nil, fmt.Errorf("read xlsx %s: sheet %s: %w", base, sheet, err)
		}
		for _, r := range rows {
			if !r.Empty() {
				d.Lines++
				raw.WriteString(strings.Join(r.Texts(), "\t"))
				raw.WriteByte('\n')
			}
		}
		d.Blocks = append(d.Blocks, Blocks(rows)...)
		d.Blocks = append(d.Blocks, doc.Block{Kind: doc.PageBreak, Ref: doc.Ref{Sheet: sheet, Row: len(rows) + 1}})
		raw.WriteString("\f\n")
	}
	d.Raw = raw.String()
	return d, nil
}

// sheetRows returns the rows of a sheet as cells with merged cells expanded
// to their span and numbers as decimal text.
func sheetRows(f *excelize.File, sheet string) ([]doc.Row, error) {
	shown, err := f.GetRows(sheet)
	if err != nil {
		return nil, err
	}
	stored, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	type span struct {
		c0, c1, r0, r1 int
	}
	var spans []span
	for _, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		spans = append(spans, span{c0 - 1, c1 - 1, r0 - 1, r1 - 1})
	}
	nrows := max(len(shown), len(stored))
	out := make([]doc.Row, nrows)
	// Cells under the top row of a vertical merge: in header rows (rows
	// without amounts) they repeat the merged text, as the PDF reader does.
	type fill struct{ row, cell int }
	var pending []fill
	topText := func(r, c int) string {
		for _, s := range spans {
			if r >= s.r0 && r <= s.r1 && c == s.c0 && s.r0 < len(shown) && s.c0 < len(shown[s.r0]) {
				var st string
				if s.r0 < len(stored) && s.c0 < len(stored[s.r0]) {
					st = stored[s.r0][s.c0]
				}
				return cellText(shown[s.r0][s.c0], st)
			}
		}
		return ""
	}
	for r := 0; r < nrows; r++ {
		var sh, st []string
		if r < len(shown) {
			sh = shown[r]
		}
		if r < len(stored) {
			st = stored[r]
		}
		ncols := max(len(sh), len(st))
		for _, s := range spans {
			if r > s.r0 && r <= s.r1 {
				ncols = max(ncols, s.c0+1)
			}
		}
		row := doc.Row{Ref: doc.Ref{Sheet: sheet, Row: r + 1}}
		for c := 0; c < ncols; c++ {
			covered, width, top := false, 1, true
			for _, s := range spans {
				if r >= s.r0 && r <= s.r1 && c >= s.c0 && c <= s.c1 {
					if c != s.c0 {
						covered = true
					} else {
						width = s.c1 - s.c0 + 1
						top = r == s.r0
					}
				}
			}
			if covered {
				continue
			}
			var text string
			if !top {
				covered = false
				pending = append(pending, fill{row: r, cell: len(row.Cells)})
			}
			if top {
				var a, b string
				if c < len(sh) {
					a = sh[c]
				}
				if c < len(st) {
					b = st[c]
				}
				text = cellText(a, b)
			}
			row.Cells = append(row.Cells, doc.Cell{Text: text, Col: c, Span: width})
		}
		out[r] = row
	}
	for _, p := range pending {
		r := out[p.row]
		numeric := false
		for _, c := range r.Cells {
			if reStoredNumber.MatchString(strings.ReplaceAll(c.Text, ",", "")) {
				numeric = true
			}
		}
		if !numeric {
			r.Cells[p.cell].Text = topText(p.row, r.Cells[p.cell].Col)
		}
	}
	// Trim trailing empty rows.
	for len(out) > 0 && out[len(out)-1].Empty() {
		out = out[:len(out)-1]
	}
	return out, nil
}

var (
	reStoredNumber = regexp.MustCompile(`^-?\d+(\.\d+)?([eE][-+]?\d+)?$`)
	reShownNumber  = regexp.MustCompile(`^\(?-?[\d,]*\.?(\d*)\)?%?$`)
)

// cellText returns the text of a cell from its displayed and stored values:
// a number stored as a number is printed as the exact decimal of the stored
// value rounded to the decimals the display shows (13649.070000000002 shown
// as 13,649.07 → "13649.07"); anything else is the displayed text, trimmed.
func cellText(shown, stored string) string {
	shown, stored = strings.TrimSpace(shown), strings.TrimSpace(stored)
	if stored == "" || !reStoredNumber.MatchString(stored) || shown == stored {
		if shown == "" {
			return stored
		}
		return shown
	}
	d, err := decimal.NewFromString(stored)
	if err != nil {
		return shown
	}
	m := reShownNumber.FindStringSubmatch(shown)
	if m == nil || !strings.ContainsAny(shown, "0123456789") {
		return shown // a date or a custom format: keep what is shown
	}
	if strings.HasSuffix(shown, "%") {
		d = d.Mul(decimal.NewFromInt(100))
	}
	places := int32(len(m[1]))
	if !strings.Contains(shown, ".") {
		places = 0
	}
	s := d.StringFixed(places)
	if strings.HasSuffix(shown, "%") {
		s += "%"
	}
	return s
}

var titleRe = regexp.MustCompile(`表(\s*[（(][^）)]*[）)])?$`)

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

// isTitle reports whether a row is a table title: one non-blank cell naming
// a table (ends in 表, optionally followed by a bracketed note).
func isTitle(r doc.Row) bool {
	ne := nonEmpty(r)
	if len(ne) != 1 {
		return false
	}
	t := strings.TrimSpace(ne[0].Text)
	return len([]rune(t)) <= 60 && titleRe.MatchString(t)
}

// isCaption reports whether a row is a 部门/单位 caption (no amounts).
func isCaption(r doc.Row) bool {
	ne := nonEmpty(r)
	if len(ne) == 0 || len(ne) > 4 {
		return false
	}
	j := strings.ReplaceAll(r.Joined(), " ", "")
	for _, p := range []string{"部门：", "部门:", "编制部门", "编制单位", "单位：", "单位:", "预算单位："} {
		if strings.HasPrefix(j, p) {
			return true
		}
	}
	return strings.Contains(j, "单位：万元") || strings.Contains(j, "单位：元") || strings.Contains(j, "单位:万元") || strings.Contains(j, "单位:元")
}

// isNumberOrNote reports whether a row is a single cell holding a table
// number (recognize.IsNumberLine) or a note (注：…, 说明：…).
func isNumberOrNote(r doc.Row) bool {
	ne := nonEmpty(r)
	if len(ne) != 1 {
		return false
	}
	t := strings.TrimSpace(ne[0].Text)
	if recognize.IsNumberLine(t) {
		return true
	}
	for _, p := range []string{"注：", "注:", "备注：", "备注:", "说明：", "说明:"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// Blocks turns the rows of one sheet into heading, paragraph and table
// blocks.
func Blocks(rows []doc.Row) []doc.Block {
	var out []doc.Block
	var cur []doc.Row
	flush := func() {
		if len(cur) > 0 {
			out = append(out, doc.Block{Kind: doc.Table, Ref: cur[0].Ref, Rows: pdf.CompactColumns(pdf.JoinSplitCodes(cur))})
			cur = nil
		}
	}
	leading := true
	for _, r := range rows {
		switch {
		case r.Empty():
			continue
		case isTitle(r):
			flush()
			out = append(out, doc.Block{Kind: doc.Heading, Text: strings.TrimSpace(nonEmpty(r)[0].Text), Ref: r.Ref})
			leading = true
			continue
		case leading && isCaption(r):
			out = append(out, doc.Block{Kind: doc.Paragraph, Text: r.Joined(), Ref: r.Ref})
			continue
		case isNumberOrNote(r):
			// a table number above a title (预算公开表1) or a note below a
			// table (注：本表无数据) is a line of its own, as in the text
			// and PDF readings, not a table row
			flush()
			out = append(out, doc.Block{Kind: doc.Paragraph, Text: r.Joined(), Ref: r.Ref})
			continue
		case len(cur) == 0 && len(nonEmpty(r)) == 1 && !strings.ContainsAny(nonEmpty(r)[0].Text, "0123456789") && len(out) == 0:
			// a free text line above the first table (a document title)
			out = append(out, doc.Block{Kind: doc.Heading, Text: strings.TrimSpace(nonEmpty(r)[0].Text), Ref: r.Ref})
			continue
		}
		leading = false
		cur = append(cur, r)
	}
	flush()
	return out
}
