package resultfmt

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/internal/textwidth"
)

// Formats of Write.
const (
	FormatTable = "table"
	FormatCSV   = "csv"
	FormatJSON  = "json"
)

// ErrFormat is returned by Write for an unknown format.
var ErrFormat = errors.New("unknown format")

// Write renders cols and rows (one value a column) to w: an aligned table
// with a header rule and a row count, CSV with a header row, or JSON (an
// array of objects keyed in column order, decimals as exact numbers).
func Write(w io.Writer, format string, cols []Column, rows [][]any, o Options) error {
	switch format {
	case FormatTable:
		return writeTable(w, cols, rows, o)
	case FormatCSV:
		return writeCSV(w, cols, rows, o)
	case FormatJSON:
		return writeJSON(w, cols, rows, o)
	}
	return fmt.Errorf("write result: %w %q", ErrFormat, format)
}

func writeCSV(w io.Writer, cols []Column, rows [][]any, o Options) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = c.Name
	}
	if err := cw.Write(rec); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, r := range rows {
		for i, v := range r {
			rec[i] = Text(cols[i], v, o)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// writeJSON writes every key and value through encoding/json (strings with
// HTML characters escaped, decimals as json.Number) and lays the rows out
// as o.JSONLines says.
func writeJSON(w io.Writer, cols []Column, rows [][]any, o Options) error {
	keys := make([][]byte, len(cols))
	for i, c := range cols {
		k, err := json.Marshal(c.Name)
		if err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		keys[i] = k
	}
	colon, comma := ":", ","
	if o.JSONLines {
		colon, comma = ": ", ", "
	}
	var b bytes.Buffer
	b.WriteByte('[')
	for ri, r := range rows {
		if ri > 0 {
			b.WriteByte(',')
		}
		if o.JSONLines {
			b.WriteString("\n  ")
		}
		b.WriteByte('{')
		for i, v := range r {
			if i > 0 {
				b.WriteString(comma)
			}
			b.Write(keys[i])
			b.WriteString(colon)
			j, err := json.Marshal(jsonValue(cols[i], v, o))
			if err != nil {
				return fmt.Errorf("write json: %w", err)
			}
			b.Write(j)
		}
		b.WriteByte('}')
	}
	if o.JSONLines && len(rows) > 0 {
		b.WriteByte('\n')
	}
	b.WriteByte(']')
	out := b.Bytes()
	if !o.JSONLines {
		var ind bytes.Buffer
		if err := json.Indent(&ind, out, "", "  "); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		out = ind.Bytes()
	}
	out = append(out, '\n')
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// maxCell is the length in characters at which a cell is cut (without
// Options.Spaced).
const maxCell = 72

var (
	clipCell  = strings.NewReplacer("\n", "⏎", "\t", " ", "\r", "")
	spaceCell = strings.NewReplacer("\n", " ", "\t", " ", "\r", "")
)

// cell renders a table cell of a non-NULL or NULL value.
func cell(c Column, v any, o Options) string {
	s := text(c, v, "NULL", o)
	if o.Spaced {
		return spaceCell.Replace(s)
	}
	s = clipCell.Replace(s)
	if utf8.RuneCountInString(s) > maxCell {
		s = string([]rune(s)[:maxCell-1]) + "…"
	}
	return s
}

func writeTable(w io.Writer, cols []Column, rows [][]any, o Options) error {
	cells := make([][]string, len(rows))
	widths := make([]int, len(cols))
	right := make([]bool, len(cols)) // right-aligned
	text0 := make([]bool, len(cols)) // without ByType: some non-NULL value is not a number
	for i, c := range cols {
		widths[i] = textwidth.Of(c.Name)
		right[i] = o.ByType && NumericType(c.Type)
	}
	for r, row := range rows {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			s := cell(cols[i], v, o)
			cells[r][i] = s
			if !o.ByType && v != nil {
				if IsNumber(s) && !text0[i] {
					right[i] = true
				} else {
					right[i], text0[i] = false, true
				}
			}
			widths[i] = max(widths[i], textwidth.Of(s))
		}
	}
	var b bytes.Buffer
	line := func(vals []string) {
		start := b.Len()
		for i, s := range vals {
			if i > 0 {
				b.WriteString("  ")
			}
			gap := strings.Repeat(" ", widths[i]-textwidth.Of(s))
			switch {
			case right[i]:
				b.WriteString(gap + s)
			case o.UnpaddedLast && i == len(vals)-1:
				b.WriteString(s)
			default:
				b.WriteString(s + gap)
			}
		}
		if !o.UnpaddedLast {
			for b.Len() > start && b.Bytes()[b.Len()-1] == ' ' {
				b.Truncate(b.Len() - 1)
			}
		}
		b.WriteByte('\n')
	}
	names := make([]string, len(cols))
	rule := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
		rule[i] = strings.Repeat("-", widths[i])
	}
	line(names)
	b.WriteString(strings.Join(rule, "  ") + "\n")
	for _, r := range cells {
		line(r)
	}
	plural := "s"
	if len(rows) == 1 {
		plural = ""
	}
	fmt.Fprintf(&b, "(%d row%s)\n", len(rows), plural)
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// Read reads a whole result set as database/sql scans it from DuckDB (the
// values Write takes); the columns have their names only. The caller
// closes rows.
func Read(rows *sql.Rows) ([]Column, [][]any, error) {
	names, err := rows.Columns()
	if err != nil {
		return nil, nil, fmt.Errorf("read result: %w", err)
	}
	cols := make([]Column, len(names))
	for i, n := range names {
		cols[i] = Column{Name: n}
	}
	var data [][]any
	ptrs := make([]any, len(cols))
	for rows.Next() {
		vals := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, nil, fmt.Errorf("read result: %w", err)
		}
		data = append(data, vals)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read result: %w", err)
	}
	return cols, data, nil
}
