// Package doc is the source-independent document model that every reader
// (text, PDF, Excel) produces: a flat sequence of blocks (headings,
// paragraphs, tables of rows of cells), each carrying the place in the
// source it came from. Nothing after the readers ever sees bytes, pages or
// glyph boxes; everything after them is shared and tested once.
package doc

import (
	"fmt"
	"strings"
)

// Ref locates a piece of a source document. Exactly one addressing scheme is
// used per reader: Line for text, Page+Line for PDF, Sheet+Row for Excel.
// Part is the 1-based file index inside a multi-file publication (0 or 1 for
// single-file documents) and File its base name.
type Ref struct {
	Part  int
	File  string
	Page  int
	Line  int
	Sheet string
	Row   int
}

// String renders the ref in the warehouse's source_ref format:
// "line N", "page P line N", "sheet S row R"; a multi-part document prefixes
// the file name ("x.part2.pdf: page 3 line 7").
func (r Ref) String() string {
	var s string
	switch {
	case r.Sheet != "":
		s = fmt.Sprintf("sheet %s row %d", r.Sheet, r.Row)
	case r.Page > 0:
		s = fmt.Sprintf("page %d line %d", r.Page, r.Line)
	default:
		s = fmt.Sprintf("line %d", r.Line)
	}
	if r.Part > 1 && r.File != "" {
		s = r.File + ": " + s
	}
	return s
}

// Kind is the kind of a block.
type Kind int

const (
	// Heading is a title line (markdown '#', a bold line, a large-font PDF line).
	Heading Kind = iota + 1
	// Paragraph is a run of prose or a single non-tabular line.
	Paragraph
	// Table is a run of consecutive rows of cells.
	Table
	// PageBreak marks the end of a page (PDF) or a blank-line gap that may be one (text).
	PageBreak
)

func (k Kind) String() string {
	switch k {
	case Heading:
		return "heading"
	case Paragraph:
		return "paragraph"
	case Table:
		return "table"
	case PageBreak:
		return "pagebreak"
	}
	return "unknown"
}

// Cell is one table cell. Col is the 0-based column index after the reader
// has aligned the row to the table's column grid (readers that cannot align
// leave Col equal to the position in the row). Span is the number of grid
// columns the cell covers (1 when unknown).
type Cell struct {
	Text string
	Col  int
	Span int
}

// Row is one table row with its source position.
type Row struct {
	Cells []Cell
	Ref   Ref
}

// Texts returns the cell texts in order.
func (r Row) Texts() []string {
	out := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		out[i] = c.Text
	}
	return out
}

// Joined returns the row's non-empty cell texts joined by a single space.
func (r Row) Joined() string {
	var parts []string
	for _, c := range r.Cells {
		if t := strings.TrimSpace(c.Text); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}

// Empty reports whether every cell of the row is blank.
func (r Row) Empty() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c.Text) != "" {
			return false
		}
	}
	return true
}

// Block is one unit of the document: a heading, a paragraph (Text, with
// Lines giving the per-line refs of a multi-line paragraph) or a table (Rows).
type Block struct {
	Kind  Kind
	Level int // heading level (1 = '#'), 0 when unknown
	Text  string
	Ref   Ref
	Rows  []Row
}

// Document is everything a reader extracted from one publication (one or
// more source files).
type Document struct {
	// Paths are the source files in part order.
	Paths []string
	// Format is text, pdf or xlsx.
	Format string
	// Blocks in reading order.
	Blocks []Block
	// Lines is the number of non-blank source lines (text), text lines (PDF)
	// or non-empty rows (Excel): the denominator of "nothing silently dropped".
	Lines int
	// Raw is the decoded text of the source (kept for quarantined documents).
	Raw string
	// Bytes is the total size of the source files.
	Bytes int64
}
