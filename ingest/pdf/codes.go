package pdf

import (
	"regexp"

	"github.com/budgetwh/budgetwh/ingest/doc"
)

var (
	reClass = regexp.MustCompile(`^[12]\d{2}$`)
	rePart  = regexp.MustCompile(`^\d{2}$`)
)

// JoinSplitCodes joins functional codes printed over three adjacent 类 / 款
// / 项 columns ("201", "05", "07") into one cell ("2010507") spanning the
// three columns, and the 类 / 款 / 项 header cells into one "科目编码" cell.
// Rows without such columns are returned unchanged. It is shared by the PDF
// and Excel readers so both give the interpreters the same cells.
func JoinSplitCodes(rows []doc.Row) []doc.Row {
	col := splitCodeColumn(rows)
	if col < 0 {
		return rows
	}
	out := make([]doc.Row, len(rows))
	for i, r := range rows {
		out[i] = joinRow(r, col)
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

// splitCodeColumn finds the grid column of 类 (header 类 款 项 on adjacent
// columns, or at least two rows with a 3-digit class and a 2-digit 款 next
// to it); -1 when there is none.
func splitCodeColumn(rows []doc.Row) int {
	votes := map[int]int{}
	for _, r := range rows {
		for i, c := range r.Cells {
			if c.Text == "类" && i+2 < len(r.Cells) && r.Cells[i+1].Text == "款" && r.Cells[i+2].Text == "项" {
				return c.Col
			}
			if reClass.MatchString(c.Text) && i+1 < len(r.Cells) && r.Cells[i+1].Col == c.Col+max(c.Span, 1) && rePart.MatchString(r.Cells[i+1].Text) {
				votes[c.Col]++
			}
		}
	}
	best, n := -1, 1
	for c, v := range votes {
		if v > n || v == n && best >= 0 && c < best {
			best, n = c, v
		}
	}
	return best
}

func joinRow(r doc.Row, col int) doc.Row {
	i := cellAt(r, col)
	if i < 0 || i+2 >= len(r.Cells) {
		return r
	}
	a, b, c := r.Cells[i], r.Cells[i+1], r.Cells[i+2]
	if max(a.Span, 1) != 1 || max(b.Span, 1) != 1 || b.Col != col+1 || c.Col != col+2 {
		return r
	}
	var text string
	switch {
	case a.Text == "类" && b.Text == "款" && c.Text == "项":
		text = "科目编码"
	case reClass.MatchString(a.Text) && (b.Text == "" || rePart.MatchString(b.Text)) && (c.Text == "" || rePart.MatchString(c.Text) && b.Text != ""):
		text = a.Text + b.Text + c.Text
	case a.Text == "" && b.Text == "" && c.Text == "":
		text = ""
	default:
		return r
	}
	cells := make([]doc.Cell, 0, len(r.Cells)-2)
	cells = append(cells, r.Cells[:i]...)
	cells = append(cells, doc.Cell{Text: text, Col: col, Span: 3})
	cells = append(cells, r.Cells[i+3:]...)
	return doc.Row{Cells: cells, Ref: r.Ref}
}
