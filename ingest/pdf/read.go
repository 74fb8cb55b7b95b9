package pdf

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/budgetwh/budgetwh/ingest/doc"
)

// Read parses a PDF publication into blocks. name is used in errors and in
// the document's Paths. Encrypted and unreadable files give an error naming
// the file and wrapping ErrEncrypted or ErrCorrupt.
func Read(ctx context.Context, name string, data []byte) (*doc.Document, error) {
	raw, err := extract(ctx, data)
	if err != nil {
		if errors.Is(err, ErrEncrypted) || errors.Is(err, ErrCorrupt) {
			return nil, fmt.Errorf("read pdf %s: %w", filepath.Base(name), err)
		}
		return nil, fmt.Errorf("read pdf %s: %w", filepath.Base(name), err)
	}
	pages := make([]Page, len(raw))
	for i, r := range raw {
		pages[i] = Page{Width: r.Width, Height: r.Height, Glyphs: r.Glyphs, Rules: r.Rules}
	}
	d := Layout(pages)
	d.Paths = []string{name}
	d.Bytes = int64(len(data))
	return d, nil
}

// Layout builds a document from positioned pages (pure geometry, no PDFium).
func Layout(pages []Page) *doc.Document {
	d := &doc.Document{Format: "pdf"}
	body := bodySize(pages)
	var prevXs []float64     // column grid of the table ending the previous page
	prevTable := -1          // its index in d.Blocks
	chainOf := map[int]int{} // table block index → chain of continued tables
	chains := 0
	for i, p := range pages {
		pbs, n := layoutPage(p, i+1, body)
		d.Lines += n
		var blocks []doc.Block
		for k, pb := range pbs {
			b := pb.Block
			chain := -1
			if k == 0 && b.Kind == doc.Table && prevTable >= 0 && pb.xs != nil {
				if grid := continues(d.Blocks, chainOf, prevTable, &b, pb.xs, prevXs); grid != nil {
					pbs[k].xs = grid
					chain = chainOf[prevTable]
				}
			}
			if chain >= 0 && headerOnly(d.Blocks[prevTable]) && k == 0 && chainOf[prevTable] == chain && loneChain(chainOf, prevTable) {
				// Only the header ended the previous page: one table block
				// after the page break, so the header leads the table.
				b.Rows = append(append([]doc.Row(nil), d.Blocks[prevTable].Rows...), b.Rows...)
				b.Ref = b.Rows[0].Ref
				d.Blocks = append(d.Blocks[:prevTable], d.Blocks[prevTable+1:]...)
				delete(chainOf, prevTable)
				chain = -1
			} else if chain >= 0 {
				b.Rows = mergeContinuation(&d.Blocks[prevTable], b.Rows)
				if len(b.Rows) == 0 {
					continue
				}
				b.Ref = b.Rows[0].Ref
			}
			if b.Kind == doc.Table {
				if chain < 0 {
					chain = chains
					chains++
				}
				chainOf[len(d.Blocks)+len(blocks)] = chain
			}
			blocks = append(blocks, b)
		}
		if i == 0 {
			coverParagraphs(blocks)
		}
		prevTable, prevXs = -1, nil
		if k := len(pbs) - 1; k >= 0 && pbs[k].Kind == doc.Table && pbs[k].xs != nil {
			prevTable, prevXs = len(d.Blocks)+len(blocks)-1, pbs[k].xs
			if len(blocks) == 0 || blocks[len(blocks)-1].Kind != doc.Table {
				prevTable = -1
			}
		}
		d.Blocks = append(d.Blocks, blocks...)
		d.Blocks = append(d.Blocks, doc.Block{Kind: doc.PageBreak, Ref: doc.Ref{Page: i + 1, Line: n + 1}})
	}
	members := map[int][]int{}
	for bi, c := range chainOf {
		members[c] = append(members[c], bi)
	}
	for _, bis := range members {
		compactColumns(d.Blocks, bis)
	}
	for i := range d.Blocks {
		if d.Blocks[i].Kind == doc.Table {
			d.Blocks[i].Rows = mergeWrappedRows(d.Blocks[i].Rows)
		}
	}
	// The text of the document, after every merge: rows as tab-separated
	// cells, a form feed line at each page end.
	var raw strings.Builder
	for _, b := range d.Blocks {
		switch b.Kind {
		case doc.Table:
			for _, r := range b.Rows {
				raw.WriteString(strings.Join(r.Texts(), "\t"))
				raw.WriteByte('\n')
			}
		case doc.PageBreak:
			raw.WriteString("\f\n")
		default:
			raw.WriteString(b.Text)
			raw.WriteByte('\n')
		}
	}
	d.Raw = raw.String()
	return d
}

// isWrapFragment reports whether a row is only the wrapped end of a label
// cell: one short non-blank text cell that is not an amount, a code or the
// start of a new item.
func isWrapFragment(r doc.Row) (doc.Cell, bool) {
	ne := nonEmpty(r)
	if len(ne) != 1 {
		return doc.Cell{}, false
	}
	t := ne[0].Text
	if numericLine(t) || startsItem(t) || reClass.MatchString(t) || len([]rune(t)) > 8 || completeRow[t] {
		return doc.Cell{}, false
	}
	return ne[0], true
}

// appendWrap appends a wrapped fragment to the cell of last in the same
// column, when that cell does not already end like a complete label.
func appendWrap(last *doc.Row, frag doc.Cell) bool {
	for c := range last.Cells {
		if t := last.Cells[c].Text; last.Cells[c].Col == frag.Col && t != "" && !completeLabel(t) {
			last.Cells[c].Text = joinWrapped([]string{t, frag.Text})
			return true
		}
	}
	return false
}

// mergeWrappedRows folds rows that only hold the wrapped end of the label
// above ("九、医疗卫生与计划生育支" / "出") into that row.
func mergeWrappedRows(rows []doc.Row) []doc.Row {
	out := rows[:0:0]
	for _, r := range rows {
		if frag, ok := isWrapFragment(r); ok && len(out) > 0 && appendWrap(&out[len(out)-1], frag) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// compactColumns removes, from the tables of one chain (a table and its
// continuations on later pages), the grid columns in which no cell with text
// starts: word processors draw many sliver columns, and an empty cell between
// a label and its amount would otherwise read as a blank amount.
func compactColumns(blocks []doc.Block, chain []int) {
	live := map[int]bool{}
	maxEnd := 0
	for _, bi := range chain {
		for _, r := range blocks[bi].Rows {
			for _, c := range r.Cells {
				if strings.TrimSpace(c.Text) != "" {
					live[c.Col] = true
				}
				maxEnd = max(maxEnd, c.Col+max(c.Span, 1))
			}
		}
	}
	rank := make([]int, maxEnd+1)
	for k := 1; k <= maxEnd; k++ {
		rank[k] = rank[k-1]
		if live[k-1] {
			rank[k]++
		}
	}
	for _, bi := range chain {
		rows := blocks[bi].Rows
		for ri := range rows {
			var cells []doc.Cell
			for _, c := range rows[ri].Cells {
				start, end := rank[c.Col], rank[c.Col+max(c.Span, 1)]
				if end <= start {
					continue // only dead columns: an empty sliver cell
				}
				c.Col, c.Span = start, end-start
				cells = append(cells, c)
			}
			rows[ri].Cells = cells
		}
	}
}

// bodySize is the most common font size of the document's glyphs, rounded
// to half points.
func bodySize(pages []Page) float64 {
	count := map[float64]int{}
	for _, p := range pages {
		for _, g := range p.Glyphs {
			if g.Size > 0 {
				count[float64(int(g.Size*2+0.5))/2]++
			}
		}
	}
	best, n := 0.0, 0
	for s, c := range count {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}

// mergeContinuation appends the first row of a table continued on a new
// page to the last row of the table on the previous page when that row is
// only the wrapped end of a text cell ("业支出" under "八、社会保障和就"),
// and returns the remaining rows.
func mergeContinuation(prev *doc.Block, rows []doc.Row) []doc.Row {
	if len(rows) == 0 || len(prev.Rows) == 0 {
		return rows
	}
	frag, ok := isWrapFragment(rows[0])
	if ok && appendWrap(&prev.Rows[len(prev.Rows)-1], frag) {
		return rows[1:]
	}
	// "当年收入" at the foot of a page and "小计" at the top of the next.
	if ne := nonEmpty(rows[0]); len(ne) == 1 && ne[0].Text == "小计" {
		last := &prev.Rows[len(prev.Rows)-1]
		for c := range last.Cells {
			if t := last.Cells[c].Text; last.Cells[c].Col == ne[0].Col && t != "" && !strings.Contains(t, "计") && !numericLine(t) {
				last.Cells[c].Text = t + "小计"
				return rows[1:]
			}
		}
	}
	return rows
}

// completeLabel reports whether a row label ends like a complete item name
// (…支出, …收入, …费, …合计), so that a lone text cell at the top of the next
// page is a row of its own rather than the label's wrapped end.
func completeLabel(s string) bool {
	rs := []rune(s)
	return strings.ContainsRune("出入金费计款他额务产用目）)险贴资称码号", rs[len(rs)-1])
}

// completeRow holds labels that are rows of their own, never wrapped ends.
var completeRow = map[string]bool{"合计": true, "小计": true, "总计": true, "科目编码": true, "金额": true}

// coverParagraphs turns the title lines of a file's first page that come
// before its table of contents (目录) into paragraphs: they are the cover
// (department, year, kind), not section headings, as in the text dialect
// where the cover lines carry no heading mark. A first page holding a table
// and no 目录 starts with a table title, which stays a heading.
func coverParagraphs(blocks []doc.Block) {
	toc := false
	for _, b := range blocks {
		if b.Kind == doc.Table {
			break
		}
		if strings.ReplaceAll(b.Text, " ", "") == "目录" {
			toc = true
		}
	}
	if !toc {
		for _, b := range blocks {
			if b.Kind == doc.Table {
				return
			}
		}
	}
	for i := range blocks {
		b := &blocks[i]
		if b.Kind == doc.Table || strings.ReplaceAll(b.Text, " ", "") == "目录" {
			return
		}
		if b.Kind == doc.Heading {
			b.Kind = doc.Paragraph
		}
	}
}

// continues aligns a table that starts a page with the table ending the
// previous page (at index prev, column grid prevXs): the new table's grid
// is mapped onto the previous one, or, when the previous table is a lone
// block whose grid is coarser (only a header row ended the page), the
// previous block onto the new grid. It returns the grid both now use, or
// nil when the tables do not continue each other.
func continues(blocks []doc.Block, chainOf map[int]int, prev int, b *doc.Block, xs, prevXs []float64) []float64 {
	if remapColumns(b, xs, prevXs) {
		return prevXs
	}
	members := 0
	for _, c := range chainOf {
		if c == chainOf[prev] {
			members++
		}
	}
	if members != 1 {
		return nil
	}
	trial := doc.Block{Kind: doc.Table, Rows: make([]doc.Row, len(blocks[prev].Rows))}
	for i, r := range blocks[prev].Rows {
		trial.Rows[i] = doc.Row{Cells: append([]doc.Cell(nil), r.Cells...), Ref: r.Ref}
	}
	if !remapColumns(&trial, prevXs, xs) {
		return nil
	}
	blocks[prev].Rows = trial.Rows
	return xs
}

// headerOnly reports whether a table block has no amount cell.
func headerOnly(b doc.Block) bool {
	for _, r := range b.Rows {
		for _, c := range r.Cells {
			if numericLine(c.Text) {
				return false
			}
		}
	}
	return len(b.Rows) > 0
}

// loneChain reports whether the table at index i is the only block of its
// chain.
func loneChain(chainOf map[int]int, i int) bool {
	n := 0
	for _, c := range chainOf {
		if c == chainOf[i] {
			n++
		}
	}
	return n == 1
}
