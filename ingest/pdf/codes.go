package pdf

import (
	"regexp"

	"github.com/budgetwh/budgetwh/ingest/doc"
)

var (
	reClass = regexp.MustCompile(`^\d{3}$`)
	rePart  = regexp.MustCompile(`^\d{2}$`)
)

// JoinSplitCodes joins functional codes printed over three adjacent 类 / 款
// / 项 columns ("201", "05", "07") into one cell ("2010507") spanning the
// three columns, and the 类 / 款 / 项 header cells into one "科目编码" cell.
// Rows without such columns are returned unchanged. It is shared by the PDF
// and Excel readers so both give the interpreters the same cells.
func JoinSplitCodes(rows []doc.Row) []doc.Row {
	col, width := splitCodeColumn(rows)
	if col < 0 {
		return rows
	}
	out := make([]doc.Row, len(rows))
	for i, r := range rows {
		out[i] = joinRow(r, col, width)
	}
	return out
}

// cellAt returns the index in r.Cells of the cell starting at grid column c.
func cellAt(r doc.Row, c int) int {
	for i, cell := range r.Cells {
		if cell.Col == c {
			return i
		}
	}
	return -1
}

// splitCodeColumn finds the grid column of 类 and the number of code
// columns (3 for 类/款/项, 2 for 类/款): from a header with 类 款 [项] on
// adjacent cells, or from at least two rows with a 3-digit class and a
// 2-digit 款 next to it; col is -1 when there is none.
func splitCodeColumn(rows []doc.Row) (col, width int) {
	votes := map[int]int{}
	three := map[int]bool{}
	adjacent := func(r doc.Row, i int) bool {
		return i+1 < len(r.Cells) && r.Cells[i+1].Col == r.Cells[i].Col+max(r.Cells[i].Span, 1)
	}
	for _, r := range rows {
		for i, c := range r.Cells {
			if c.Text == "类" && adjacent(r, i) && r.Cells[i+1].Text == "款" {
				if adjacent(r, i+1) && r.Cells[i+2].Text == "项" {
					return c.Col, 3
				}
				return c.Col, 2
			}
			if reClass.MatchString(c.Text) && adjacent(r, i) && rePart.MatchString(r.Cells[i+1].Text) {
				votes[c.Col]++
				if adjacent(r, i+1) && rePart.MatchString(r.Cells[i+2].Text) {
					three[c.Col] = true
				}
			}
		}
	}
	best, n := -1, 1
	for c, v := range votes {
		if v > n || v == n && best >= 0 && c < best {
			best, n = c, v
		}
	}
	if best < 0 {
		return -1, 0
	}
	if three[best] {
		return best, 3
	}
	return best, 2
}

func joinRow(r doc.Row, col, width int) doc.Row {
	i := cellAt(r, col)
	if i < 0 || i+width-1 >= len(r.Cells) {
		return r
	}
	parts := r.Cells[i : i+width]
	for k, p := range parts {
		if max(p.Span, 1) != 1 || p.Col != col+k {
			return r
		}
	}
	header := parts[0].Text == "类" && parts[1].Text == "款" && (width == 2 || parts[2].Text == "项")
	blank, codes := true, reClass.MatchString(parts[0].Text)
	text := parts[0].Text
	for k, p := range parts {
		if p.Text != "" {
			blank = false
		}
		if k > 0 {
			if p.Text != "" && (!rePart.MatchString(p.Text) || parts[k-1].Text == "") {
				codes = false
			}
			text += p.Text
		}
	}
	switch {
	case header:
		text = "科目编码"
		for _, c := range r.Cells {
			if numericLine(c.Text) {
				text = "" // the 类 款 项 labels share a band with the 合计 row
			}
		}
	case codes:
	case blank:
		text = ""
	default:
		return r
	}
	cells := make([]doc.Cell, 0, len(r.Cells)-width+1)
	cells = append(cells, r.Cells[:i]...)
	cells = append(cells, doc.Cell{Text: text, Col: col, Span: width})
	cells = append(cells, r.Cells[i+width:]...)
	return doc.Row{Cells: cells, Ref: r.Ref}
}

// CompactColumns renumbers the cells of one table's rows so that grid
// columns in which no non-blank cell starts disappear (their span is given
// to nothing: blank cells lying only in such columns are dropped). Used by
// the Excel reader so both readers give contiguous column indices.
func CompactColumns(rows []doc.Row) []doc.Row {
	if len(rows) == 0 {
		return rows
	}
	out := make([]doc.Row, len(rows))
	for i, r := range rows {
		out[i] = doc.Row{Cells: append([]doc.Cell(nil), r.Cells...), Ref: r.Ref}
	}
	blocks := []doc.Block{{Kind: doc.Table, Rows: out}}
	compactColumns(blocks, []int{0})
	return blocks[0].Rows
}
