package queries

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/budgetwh/budgetwh/internal/textwidth"
)

// Formats accepted by Write.
const (
	FormatTable   = "table"
	FormatCSV     = "csv"
	FormatJSON    = "json"
	FormatParquet = "parquet"
)

// ErrBadFormat is returned for an unknown output format.
var ErrBadFormat = errors.New("unknown format")

// Write renders res to w as table, csv, json or parquet.
func Write(w io.Writer, format string, res *Result) error {
	switch format {
	case FormatTable, "":
		return writeTable(w, res)
	case FormatCSV:
		return writeCSV(w, res)
	case FormatJSON:
		return writeJSON(w, res)
	case FormatParquet:
		return writeParquet(w, res)
	}
	return fmt.Errorf("write result: %w %q (want table, csv, json or parquet)", ErrBadFormat, format)
}

// Text renders one value as text: decimals with their column's scale, dates
// as YYYY-MM-DD, NULL as "".
func Text(c Column, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case decimal.Decimal:
		return x.StringFixed(int32(c.Scale))
	case time.Time:
		if c.Type == "DATE" {
			return x.Format(time.DateOnly)
		}
		return x.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

func writeCSV(w io.Writer, res *Result) error {
	cw := csv.NewWriter(w)
	head := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		head[i] = c.Name
	}
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, r := range res.Rows {
		rec := make([]string, len(r))
		for i, v := range r {
			rec[i] = Text(res.Columns[i], v)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// writeJSON writes an array of objects with keys in column order; decimals
// are JSON numbers written exactly (never through float64).
func writeJSON(w io.Writer, res *Result) error {
	var b bytes.Buffer
	b.WriteString("[")
	for ri, r := range res.Rows {
		if ri > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		for i, v := range r {
			if i > 0 {
				b.WriteString(", ")
			}
			k, _ := json.Marshal(res.Columns[i].Name)
			b.Write(k)
			b.WriteString(": ")
			switch x := v.(type) {
			case nil:
				b.WriteString("null")
			case decimal.Decimal:
				b.WriteString(x.StringFixed(int32(res.Columns[i].Scale)))
			case int64, bool:
				b.WriteString(Text(res.Columns[i], x))
			default:
				j, err := json.Marshal(Text(res.Columns[i], v))
				if fv, ok := v.(float64); ok {
					j, err = json.Marshal(fv)
				}
				if err != nil {
					return fmt.Errorf("write json: %w", err)
				}
				b.Write(j)
			}
		}
		b.WriteString("}")
	}
	if len(res.Rows) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

var displayWidth = textwidth.Of

func isNumeric(c Column) bool {
	t := c.Type
	return strings.HasPrefix(t, "DECIMAL") || strings.Contains(t, "INT") || t == "DOUBLE" || t == "FLOAT"
}

func writeTable(w io.Writer, res *Result) error {
	cells := make([][]string, len(res.Rows)+1)
	widths := make([]int, len(res.Columns))
	cells[0] = make([]string, len(res.Columns))
	for i, c := range res.Columns {
		cells[0][i] = c.Name
		widths[i] = displayWidth(c.Name)
	}
	for ri, r := range res.Rows {
		cells[ri+1] = make([]string, len(r))
		for i, v := range r {
			s := Text(res.Columns[i], v)
			if v == nil {
				s = "NULL"
			}
			s = strings.NewReplacer("\n", " ", "\t", " ").Replace(s)
			cells[ri+1][i] = s
			if dw := displayWidth(s); dw > widths[i] {
				widths[i] = dw
			}
		}
	}
	var b strings.Builder
	line := func(row []string) {
		for i, s := range row {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-displayWidth(s))
			if isNumeric(res.Columns[i]) {
				b.WriteString(pad + s)
			} else if i < len(row)-1 {
				b.WriteString(s + pad)
			} else {
				b.WriteString(s)
			}
		}
		b.WriteString("\n")
	}
	line(cells[0])
	sep := make([]string, len(widths))
	for i, wd := range widths {
		sep[i] = strings.Repeat("-", wd)
	}
	line(sep)
	for _, r := range cells[1:] {
		line(r)
	}
	fmt.Fprintf(&b, "(%d rows)\n", len(res.Rows))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}
