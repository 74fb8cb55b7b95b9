package app

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/budgetwh/budgetwh/internal/textwidth"
)

// Output formats of SQL and Check.
const (
	FormatTable = "table"
	FormatCSV   = "csv"
	FormatJSON  = "json"
)

// ErrFormat is returned for an unknown output format.
var ErrFormat = errors.New("unknown format (want table, csv or json)")

// SQL runs query on db and writes the result to w as an aligned table,
// CSV (header row first) or JSON (an array of objects, decimals as exact
// numbers). A statement without a result set prints nothing.
func SQL(ctx context.Context, db *sql.DB, query, format string, w io.Writer) error {
	switch format {
	case FormatTable, FormatCSV, FormatJSON:
	default:
		return fmt.Errorf("sql: %w: %q", ErrFormat, format)
	}
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("sql: %w", err)
	}
	defer rows.Close()
	return writeRows(rows, format, w)
}

// writeRows renders a result set.
func writeRows(rows *sql.Rows, format string, w io.Writer) error {
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("sql: %w", err)
	}
	var data [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("sql: %w", err)
		}
		data = append(data, vals)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sql: %w", err)
	}
	bw := bufio.NewWriter(w)
	switch format {
	case FormatCSV:
		cw := csv.NewWriter(bw)
		if err := cw.Write(cols); err != nil {
			return err
		}
		for _, r := range data {
			rec := make([]string, len(r))
			for i, v := range r {
				rec[i] = text(v, "")
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	case FormatJSON:
		out := make([]orderedRow, len(data))
		for i, r := range data {
			out[i] = orderedRow{cols: cols, vals: r}
		}
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if out == nil {
			out = []orderedRow{}
		}
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("sql: %w", err)
		}
	default:
		writeTable(bw, cols, data)
	}
	return bw.Flush()
}

// text renders a value for table and CSV output; null as nullText.
func text(v any, nullText string) string {
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
		return decString(x)
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
			parts[i] = k + ": " + text(x[k], "NULL")
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case fmt.Stringer:
		return x.String()
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = text(e, "NULL")
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// decString renders a DuckDB decimal exactly, with all its scale digits
// (11463000.00, -0.10).
func decString(d duckdb.Decimal) string {
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

// jsonValue converts a scanned value to something encoding/json renders
// exactly: decimals and big integers as JSON numbers with every digit.
func jsonValue(v any) any {
	switch x := v.(type) {
	case nil, string, bool, int, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64:
		return x
	case []byte:
		return string(x)
	case time.Time, duckdb.Interval:
		return text(x, "")
	case *big.Int:
		return json.Number(x.String())
	case duckdb.Decimal:
		return json.Number(decString(x))
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case fmt.Stringer:
		s := x.String()
		if isNumber(s) {
			return json.Number(s)
		}
		return s
	}
	return fmt.Sprint(v)
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	var n json.Number = json.Number(s)
	_, err := n.Float64()
	return err == nil && !strings.ContainsAny(s, "xXeEinfINF") && s != "-"
}

// orderedRow marshals as a JSON object keeping the column order.
type orderedRow struct {
	cols []string
	vals []any
}

func (r orderedRow) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, c := range r.cols {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(c)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(jsonValue(r.vals[i]))
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

var displayWidth = textwidth.Of

const maxCell = 72

// writeTable prints an aligned table with a header rule and a row count.
func writeTable(w io.Writer, cols []string, data [][]any) {
	cells := make([][]string, len(data))
	widths := make([]int, len(cols))
	numeric := make([]bool, len(cols)) // every non-null value is a number, and there is one
	text0 := make([]bool, len(cols))   // some non-null value is not a number
	for i, c := range cols {
		widths[i] = displayWidth(c)
	}
	for r, row := range data {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			s := strings.NewReplacer("\n", "⏎", "\t", " ", "\r", "").Replace(text(v, "NULL"))
			if utf8.RuneCountInString(s) > maxCell {
				s = string([]rune(s)[:maxCell-1]) + "…"
			}
			cells[r][i] = s
			if v != nil {
				if isNumber(s) && !text0[i] {
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
	fmt.Fprintf(w, "(%d row%s)\n", len(data), plural(len(data)))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
