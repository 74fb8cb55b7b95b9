package export

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"
)

// kind is how a warehouse column is carried into the files.
type kind int

const (
	kText kind = iota // VARCHAR and anything without a closer mapping (as text)
	kJSON             // LIST, STRUCT, MAP: JSON text
	kBool
	kInt8
	kInt16
	kInt32
	kInt64
	kUint8
	kUint16
	kUint32
	kUint64
	kFloat32
	kFloat64
	kDecimal
	kDate
	kTimestamp   // TIMESTAMP (no time zone), microseconds
	kTimestampNS // TIMESTAMP_NS
	kTimestampTZ // TIMESTAMP WITH TIME ZONE, microseconds, UTC
	kTime        // TIME, microseconds since midnight
)

// Column describes one column of an exported view.
type Column struct {
	Name   string `json:"name"`
	DBType string `json:"db_type"`   // as DuckDB names it, e.g. DECIMAL(20,2)
	Type   string `json:"file_type"` // the Arrow/Parquet type written
	kind   kind
	prec   int32
	scale  int32
}

// columnOf maps a DuckDB column type to its file representation.
func columnOf(name, dbType string) Column {
	c := Column{Name: name, DBType: dbType}
	t := strings.ToUpper(dbType)
	switch {
	case t == "VARCHAR" || strings.HasPrefix(t, "ENUM") || t == "UUID" || t == "JSON":
		c.kind = kText
	case t == "BOOLEAN":
		c.kind = kBool
	case t == "TINYINT":
		c.kind = kInt8
	case t == "SMALLINT":
		c.kind = kInt16
	case t == "INTEGER":
		c.kind = kInt32
	case t == "BIGINT":
		c.kind = kInt64
	case t == "UTINYINT":
		c.kind = kUint8
	case t == "USMALLINT":
		c.kind = kUint16
	case t == "UINTEGER":
		c.kind = kUint32
	case t == "UBIGINT":
		c.kind = kUint64
	case t == "FLOAT":
		c.kind = kFloat32
	case t == "DOUBLE":
		c.kind = kFloat64
	case strings.HasPrefix(t, "DECIMAL"):
		c.kind = kDecimal
		c.prec, c.scale = 18, 3 // DuckDB's default DECIMAL
		var p, s int32
		if _, err := fmt.Sscanf(t, "DECIMAL(%d,%d)", &p, &s); err == nil {
			c.prec, c.scale = p, s
		}
	case t == "DATE":
		c.kind = kDate
	case t == "TIMESTAMP" || t == "TIMESTAMP_MS" || t == "TIMESTAMP_S" || t == "DATETIME":
		c.kind = kTimestamp
	case t == "TIMESTAMP_NS":
		c.kind = kTimestampNS
	case t == "TIMESTAMPTZ" || t == "TIMESTAMP WITH TIME ZONE":
		c.kind = kTimestampTZ
	case t == "TIME":
		c.kind = kTime
	case strings.HasSuffix(t, "[]") || strings.HasPrefix(t, "STRUCT") || strings.HasPrefix(t, "MAP") || strings.HasPrefix(t, "LIST") || strings.HasSuffix(t, "]"):
		c.kind = kJSON
	default:
		c.kind = kText
	}
	c.Type = c.arrowType().String()
	return c
}

func (c Column) arrowType() arrow.DataType {
	switch c.kind {
	case kBool:
		return arrow.FixedWidthTypes.Boolean
	case kInt8:
		return arrow.PrimitiveTypes.Int8
	case kInt16:
		return arrow.PrimitiveTypes.Int16
	case kInt32:
		return arrow.PrimitiveTypes.Int32
	case kInt64:
		return arrow.PrimitiveTypes.Int64
	case kUint8:
		return arrow.PrimitiveTypes.Uint8
	case kUint16:
		return arrow.PrimitiveTypes.Uint16
	case kUint32:
		return arrow.PrimitiveTypes.Uint32
	case kUint64:
		return arrow.PrimitiveTypes.Uint64
	case kFloat32:
		return arrow.PrimitiveTypes.Float32
	case kFloat64:
		return arrow.PrimitiveTypes.Float64
	case kDecimal:
		return &arrow.Decimal128Type{Precision: c.prec, Scale: c.scale}
	case kDate:
		return arrow.FixedWidthTypes.Date32
	case kTimestamp:
		return &arrow.TimestampType{Unit: arrow.Microsecond}
	case kTimestampNS:
		return &arrow.TimestampType{Unit: arrow.Nanosecond}
	case kTimestampTZ:
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	case kTime:
		return arrow.FixedWidthTypes.Time64us
	}
	return arrow.BinaryTypes.String
}

// isAmount reports whether the column holds exact decimals (shown with
// their scale in spreadsheets).
func (c Column) isAmount() bool { return c.kind == kDecimal }

// unscaled returns the unscaled integer of a decimal value at the column's
// scale.
func (c Column) unscaled(v any) (*big.Int, error) {
	switch d := v.(type) {
	case duckdb.Decimal:
		n := new(big.Int).Set(d.Value)
		diff := int64(c.scale) - int64(d.Scale)
		if diff > 0 {
			n.Mul(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(diff), nil))
		} else if diff < 0 {
			q, r := new(big.Int).QuoRem(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(-diff), nil), new(big.Int))
			if r.Sign() != 0 {
				return nil, fmt.Errorf("decimal %s does not fit scale %d", d.String(), c.scale)
			}
			n = q
		}
		return n, nil
	case decimal.Decimal:
		return d.Shift(c.scale).BigInt(), nil
	}
	return nil, fmt.Errorf("column %s: %T is not a decimal", c.Name, v)
}

// decimalString formats a decimal value with exactly the column's scale.
func (c Column) decimalString(v any) (string, error) {
	n, err := c.unscaled(v)
	if err != nil {
		return "", err
	}
	return decimal.NewFromBigInt(n, -c.scale).StringFixed(c.scale), nil
}

func toInt64(v any) (int64, bool) {
	switch n := v.(type) {
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case int:
		return int64(n), true
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	}
	return 0, false
}

func toUint64(v any) (uint64, bool) {
	switch n := v.(type) {
	case uint8:
		return uint64(n), true
	case uint16:
		return uint64(n), true
	case uint32:
		return uint64(n), true
	case uint64:
		return n, true
	case uint:
		return uint64(n), true
	}
	if i, ok := toInt64(v); ok && i >= 0 {
		return uint64(i), true
	}
	return 0, false
}

// civilDays returns the days since 1970-01-01 of t's calendar date.
func civilDays(t time.Time) int32 {
	y, m, d := t.Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// text formats a non-NULL value as text (CSV cells, partition values, JSON
// columns).
func (c Column) text(v any) (string, error) {
	switch c.kind {
	case kDecimal:
		return c.decimalString(v)
	case kDate:
		if t, ok := v.(time.Time); ok {
			return t.Format("2006-01-02"), nil
		}
	case kTimestamp, kTimestampNS:
		if t, ok := v.(time.Time); ok {
			return t.UTC().Format("2006-01-02 15:04:05.999999999"), nil
		}
	case kTimestampTZ:
		if t, ok := v.(time.Time); ok {
			return t.UTC().Format(time.RFC3339Nano), nil
		}
	case kTime:
		if t, ok := v.(time.Time); ok {
			return t.Format("15:04:05.999999"), nil
		}
	case kJSON:
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(jsonable(v)); err != nil {
			return "", fmt.Errorf("column %s: %w", c.Name, err)
		}
		return strings.TrimSuffix(b.String(), "\n"), nil
	}
	switch x := v.(type) {
	case string:
		return x, nil
	case []byte:
		return string(x), nil
	case bool:
		return strconv.FormatBool(x), nil
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case fmt.Stringer:
		return x.String(), nil
	}
	if i, ok := toInt64(v); ok {
		return strconv.FormatInt(i, 10), nil
	}
	if u, ok := toUint64(v); ok {
		return strconv.FormatUint(u, 10), nil
	}
	return fmt.Sprint(v), nil
}

// jsonable converts DuckDB nested values into values encoding/json writes
// faithfully (decimals as exact strings, maps with string keys).
func jsonable(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonable(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonable(e)
		}
		return out
	case duckdb.Map:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[fmt.Sprint(k)] = jsonable(e)
		}
		return out
	case duckdb.Decimal:
		return json.Number(decimal.NewFromBigInt(x.Value, -int32(x.Scale)).String())
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case []byte:
		return string(x)
	}
	return v
}
