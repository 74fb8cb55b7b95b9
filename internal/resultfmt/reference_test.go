package resultfmt

// The formatters this package replaced, kept verbatim (renamed) as the
// reference that the shared code must match byte for byte: refSQL* is
// app/sql.go (sql, check) and refQuery* is queries/format.go (query run)
// as of commit f279a41, except three fixes made after the merge, marked
// "fixed:" below (query run's "(1 rows)", a carriage return kept in a
// table cell, an INTERVAL column right-aligned as a number).

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"

	"github.com/budgetwh/budgetwh/internal/textwidth"
)

// ---- app/sql.go ----

func refSQLWrite(cols []string, data [][]any, format string, w io.Writer) error {
	bw := bufio.NewWriter(w)
	switch format {
	case "csv":
		cw := csv.NewWriter(bw)
		if err := cw.Write(cols); err != nil {
			return err
		}
		for _, r := range data {
			rec := make([]string, len(r))
			for i, v := range r {
				rec[i] = refSQLText(v, "")
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	case "json":
		out := make([]refOrderedRow, len(data))
		for i, r := range data {
			out[i] = refOrderedRow{cols: cols, vals: r}
		}
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if out == nil {
			out = []refOrderedRow{}
		}
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("sql: %w", err)
		}
	default:
		refSQLTable(bw, cols, data)
	}
	return bw.Flush()
}

func refSQLText(v any, nullText string) string {
	switch x := v.(type) {
	case nil:
		return nullText
	case string:
		return x
	case []byte:
		return string(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.UTC().Format(time.RFC3339)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case *big.Int:
		return x.String()
	case duckdb.Decimal:
		return refDecString(x)
	case duckdb.Interval:
		return fmt.Sprintf("%d months %d days %d µs", x.Months, x.Days, x.Micros)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + refSQLText(x[k], "NULL")
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case fmt.Stringer:
		return x.String()
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = refSQLText(e, "NULL")
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

func refDecString(d duckdb.Decimal) string {
	if d.Value == nil {
		return "NULL"
	}
	neg := d.Value.Sign() < 0
	digits := new(big.Int).Abs(d.Value).String()
	scale := int(d.Scale)
	if scale > 0 {
		if len(digits) <= scale {
			digits = strings.Repeat("0", scale-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

func refJSONValue(v any) any {
	switch x := v.(type) {
	case nil, string, bool, int, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64:
		return x
	case []byte:
		return string(x)
	case time.Time, duckdb.Interval:
		return refSQLText(x, "")
	case *big.Int:
		return json.Number(x.String())
	case duckdb.Decimal:
		return json.Number(refDecString(x))
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = refJSONValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = refJSONValue(e)
		}
		return out
	case fmt.Stringer:
		s := x.String()
		if refIsNumber(s) {
			return json.Number(s)
		}
		return s
	}
	return fmt.Sprint(v)
}

func refIsNumber(s string) bool {
	if s == "" {
		return false
	}
	var n json.Number = json.Number(s)
	_, err := n.Float64()
	return err == nil && !strings.ContainsAny(s, "xXeEinfINF") && s != "-"
}

type refOrderedRow struct {
	cols []string
	vals []any
}

func (r refOrderedRow) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, c := range r.cols {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(c)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(refJSONValue(r.vals[i]))
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

func refSQLTable(w io.Writer, cols []string, data [][]any) {
	const maxCell = 72
	displayWidth := textwidth.Of
	cells := make([][]string, len(data))
	widths := make([]int, len(cols))
	numeric := make([]bool, len(cols))
	text0 := make([]bool, len(cols))
	for i, c := range cols {
		widths[i] = displayWidth(c)
	}
	for r, row := range data {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			s := strings.NewReplacer("\n", "⏎", "\t", " ", "\r", "").Replace(refSQLText(v, "NULL"))
			if utf8.RuneCountInString(s) > maxCell {
				s = string([]rune(s)[:maxCell-1]) + "…"
			}
			cells[r][i] = s
			if v != nil {
				if refIsNumber(s) && !text0[i] {
					numeric[i] = true
				} else {
					numeric[i], text0[i] = false, true
				}
			}
			widths[i] = max(widths[i], displayWidth(s))
		}
	}
	pad := func(s string, i int) string {
		gap := strings.Repeat(" ", widths[i]-displayWidth(s))
		if numeric[i] {
			return gap + s
		}
		return s + gap
	}
	line := func(vals []string) {
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = pad(v, i)
		}
		fmt.Fprintln(w, strings.TrimRight(strings.Join(parts, "  "), " "))
	}
	line(cols)
	rule := make([]string, len(cols))
	for i := range cols {
		rule[i] = strings.Repeat("-", widths[i])
	}
	fmt.Fprintln(w, strings.Join(rule, "  "))
	for _, r := range cells {
		line(r)
	}
	plural := "s"
	if len(data) == 1 {
		plural = ""
	}
	fmt.Fprintf(w, "(%d row%s)\n", len(data), plural)
}

// ---- queries/format.go ----

type refColumn struct {
	Name  string
	Type  string
	Scale int
}

type refResult struct {
	Columns []refColumn
	Rows    [][]any
}

func refQueryWrite(w io.Writer, format string, res *refResult) error {
	switch format {
	case "table":
		return refQueryTable(w, res)
	case "csv":
		return refQueryCSV(w, res)
	case "json":
		return refQueryJSON(w, res)
	}
	return fmt.Errorf("bad format %q", format)
}

func refQueryText(c refColumn, v any) string {
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

func refQueryCSV(w io.Writer, res *refResult) error {
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
			rec[i] = refQueryText(res.Columns[i], v)
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

func refQueryJSON(w io.Writer, res *refResult) error {
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
				b.WriteString(refQueryText(res.Columns[i], x))
			default:
				j, err := json.Marshal(refQueryText(res.Columns[i], v))
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

func refIsNumeric(c refColumn) bool {
	t := c.Type
	if strings.HasPrefix(t, "INTERVAL") { // fixed: INTERVAL is not a number
		return false
	}
	return strings.HasPrefix(t, "DECIMAL") || strings.Contains(t, "INT") || t == "DOUBLE" || t == "FLOAT"
}

func refQueryTable(w io.Writer, res *refResult) error {
	displayWidth := textwidth.Of
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
			s := refQueryText(res.Columns[i], v)
			if v == nil {
				s = "NULL"
			}
			s = strings.NewReplacer("\n", " ", "\t", " ", "\r", "").Replace(s) // fixed: \r dropped
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
			if refIsNumeric(res.Columns[i]) {
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
	plural := "s" // fixed: "(1 row)"
	if len(res.Rows) == 1 {
		plural = ""
	}
	fmt.Fprintf(&b, "(%d row%s)\n", len(res.Rows), plural)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}
