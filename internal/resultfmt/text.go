package resultfmt

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"
)

// Column is one result column.
type Column struct {
	Name string
	// Type is DuckDB's name of the column type (VARCHAR, DECIMAL(20,2),
	// DATE, …); it matters only with Options.ByType.
	Type string
	// Scale is the number of digits after the point written for
	// decimal.Decimal values (the scale of a DECIMAL column).
	Scale int
}

// Options are the rules on which the callers differ. The zero value is the
// rules of `sql` and `check`.
type Options struct {
	// ByType takes the column types into account: a column is right-aligned
	// in a table when its type is numeric (NumericType), and times are
	// written as YYYY-MM-DD in DATE columns, else as RFC 3339 in UTC with
	// fractional seconds. Without it a column is right-aligned when every
	// non-NULL value reads as a number (and there is one), and a time is
	// written as YYYY-MM-DD when it is at midnight, else as RFC 3339 in UTC
	// in whole seconds.
	ByType bool
	// Spaced writes table cells with newlines and tabs as spaces, at any
	// length; else a newline is shown as ⏎, a tab as a space, a carriage
	// return is dropped, and a cell is cut to 72 characters ending in ….
	Spaced bool
	// UnpaddedLast leaves the last cell of a table line unpadded (a
	// left-aligned last column) and keeps its trailing spaces; else every
	// cell is padded and the trailing spaces of the line are cut.
	UnpaddedLast bool
	// JSONLines writes JSON as an array with one object a line
	// ({"a": 1, "b": "x"}); else as encoding/json indents it, two spaces a
	// level, nested values included.
	JSONLines bool
}

// Text renders one value for a table or CSV cell; NULL as "". Values are
// those database/sql scans from DuckDB (string, []byte, integers, floats,
// bool, time.Time, *big.Int, duckdb.Decimal, duckdb.Interval, lists,
// structs) and decimal.Decimal (written with c.Scale digits). A NULL inside
// a list or struct is written NULL.
func Text(c Column, v any, o Options) string {
	return text(c, v, "", o)
}

func text(c Column, v any, null string, o Options) string {
	switch x := v.(type) {
	case nil:
		return null
	case string:
		return x
	case []byte:
		return string(x)
	case time.Time:
		return timeText(c, x, o)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case *big.Int:
		return x.String()
	case duckdb.Decimal:
		return DecimalText(x)
	case decimal.Decimal:
		return x.StringFixed(int32(c.Scale))
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
			parts[i] = k + ": " + text(Column{}, x[k], "NULL", o)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case fmt.Stringer:
		return x.String()
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = text(Column{}, e, "NULL", o)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

func timeText(c Column, t time.Time, o Options) string {
	if o.ByType {
		if c.Type == "DATE" {
			return t.Format(time.DateOnly)
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.UTC().Format(time.RFC3339)
}

// jsonValue converts a value to something encoding/json renders exactly:
// decimals and big integers as JSON numbers with every digit, times and
// intervals as their text.
func jsonValue(c Column, v any, o Options) any {
	switch x := v.(type) {
	case nil, string, bool, int, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64:
		return x
	case []byte:
		return string(x)
	case time.Time, duckdb.Interval:
		return Text(c, x, o)
	case *big.Int:
		return json.Number(x.String())
	case duckdb.Decimal:
		return json.Number(DecimalText(x))
	case decimal.Decimal:
		return json.Number(x.StringFixed(int32(c.Scale)))
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(Column{}, e, o)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(Column{}, e, o)
		}
		return out
	case fmt.Stringer:
		s := x.String()
		if IsNumber(s) {
			return json.Number(s)
		}
		return s
	}
	return fmt.Sprint(v)
}

// IsNumber reports whether s is a plain decimal number (no exponent, no
// hexadecimal, no infinity or NaN).
func IsNumber(s string) bool {
	if s == "" {
		return false
	}
	_, err := json.Number(s).Float64()
	return err == nil && !strings.ContainsAny(s, "xXeEinfINF") && s != "-"
}

// NumericType reports whether a DuckDB type name is numeric: DECIMAL, any
// integer type, DOUBLE or FLOAT (not INTERVAL).
func NumericType(t string) bool {
	if strings.HasPrefix(t, "INTERVAL") {
		return false
	}
	return strings.HasPrefix(t, "DECIMAL") || strings.Contains(t, "INT") || t == "DOUBLE" || t == "FLOAT"
}

// The rules of the two callers.
var (
	// StyleSQL is how `sql` and `check` print (package app).
	StyleSQL = Options{}
	// StyleQuery is how `query run` prints (package queries).
	StyleQuery = Options{ByType: true, Spaced: true, UnpaddedLast: true, JSONLines: true}
)
