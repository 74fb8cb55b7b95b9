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

	"github.com/budgetwh/budgetwh/internal/resultfmt"
)

// kind is how a warehouse value is carried into the files.
type kind int

const (
	kText kind = iota // VARCHAR and anything without a closer mapping (as text)
	kJSON             // MAP, UNION: JSON text
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
	kDecimal // DECIMAL(p,s); HUGEINT as DECIMAL(38,0)
	kDate
	kTimestamp   // TIMESTAMP (no time zone), microseconds
	kTimestampNS // TIMESTAMP_NS
	kTimestampTZ // TIMESTAMP WITH TIME ZONE, microseconds, UTC
	kTime        // TIME, microseconds since midnight
	kList        // LIST (T[]): Parquet LIST; JSON text in CSV and XLSX
	kStruct      // STRUCT: Parquet group; JSON text in CSV and XLSX
)

// spec is the file representation of a (possibly nested) warehouse type.
type spec struct {
	kind   kind
	prec   int32
	scale  int32
	elem   *spec       // kList
	fields []specField // kStruct
}

type specField struct {
	name string
	spec spec
}

// Column describes one column of an exported view.
type Column struct {
	Name   string `json:"name"`
	DBType string `json:"db_type"`   // as DuckDB names it, e.g. DECIMAL(20,2)
	Type   string `json:"file_type"` // the Arrow/Parquet type written
	spec
}

// columnOf maps a DuckDB column type to its file representation; type
// names that do not parse are exported as text.
func columnOf(name, dbType string) Column {
	c := Column{Name: name, DBType: dbType}
	if t, err := parseDBType(dbType); err == nil {
		c.spec = specOf(t)
	}
	c.Type = c.arrowType().String()
	return c
}

func specOf(t *dbType) spec {
	switch t.Name {
	case "VARCHAR", "TEXT", "STRING", "UUID", "JSON", "ENUM", "BLOB", "BIT", "INTERVAL":
		return spec{kind: kText}
	case "BOOLEAN", "BOOL":
		return spec{kind: kBool}
	case "TINYINT":
		return spec{kind: kInt8}
	case "SMALLINT":
		return spec{kind: kInt16}
	case "INTEGER", "INT":
		return spec{kind: kInt32}
	case "BIGINT":
		return spec{kind: kInt64}
	case "UTINYINT":
		return spec{kind: kUint8}
	case "USMALLINT":
		return spec{kind: kUint16}
	case "UINTEGER":
		return spec{kind: kUint32}
	case "UBIGINT":
		return spec{kind: kUint64}
	case "FLOAT", "REAL":
		return spec{kind: kFloat32}
	case "DOUBLE":
		return spec{kind: kFloat64}
	case "HUGEINT":
		return spec{kind: kDecimal, prec: 38, scale: 0}
	case "DECIMAL", "NUMERIC":
		s := spec{kind: kDecimal, prec: 18, scale: 3} // DuckDB's default DECIMAL
		if len(t.Args) == 2 {
			var p, sc int32
			if _, err := fmt.Sscanf(t.Args[0]+" "+t.Args[1], "%d %d", &p, &sc); err == nil && p >= 1 && p <= 38 && sc >= 0 && sc <= p {
				s.prec, s.scale = p, sc
			}
		}
		return s
	case "DATE":
		return spec{kind: kDate}
	case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_S", "DATETIME", "TIMESTAMP_US":
		return spec{kind: kTimestamp}
	case "TIMESTAMP_NS":
		return spec{kind: kTimestampNS}
	case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE":
		return spec{kind: kTimestampTZ}
	case "TIME":
		return spec{kind: kTime}
	case "LIST":
		if t.Elem == nil {
			return spec{kind: kJSON}
		}
		e := specOf(t.Elem)
		return spec{kind: kList, elem: &e}
	case "STRUCT":
		if len(t.Fields) == 0 {
			return spec{kind: kJSON}
		}
		s := spec{kind: kStruct}
		for _, f := range t.Fields {
			s.fields = append(s.fields, specField{name: f.Name, spec: specOf(f.Type)})
		}
		return s
	case "MAP", "UNION", "ARRAY":
		return spec{kind: kJSON}
	}
	return spec{kind: kText}
}

func (s spec) arrowType() arrow.DataType {
	switch s.kind {
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
		return &arrow.Decimal128Type{Precision: s.prec, Scale: s.scale}
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
	case kList:
		return arrow.ListOf(s.elem.arrowType())
	case kStruct:
		fs := make([]arrow.Field, len(s.fields))
		for i, f := range s.fields {
			fs[i] = arrow.Field{Name: f.name, Type: f.spec.arrowType(), Nullable: true}
		}
		return arrow.StructOf(fs...)
	}
	return arrow.BinaryTypes.String
}

// isNested reports whether values are lists or structs (JSON text outside
// Parquet).
func (s spec) isNested() bool { return s.kind == kList || s.kind == kStruct || s.kind == kJSON }

// unscaled returns the unscaled integer of a decimal value at the spec's
// scale.
func (s spec) unscaled(v any) (*big.Int, error) {
	pow := func(n int64) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil) }
	switch d := v.(type) {
	case duckdb.Decimal:
		n := new(big.Int).Set(d.Value)
		diff := int64(s.scale) - int64(d.Scale)
		if diff > 0 {
			n.Mul(n, pow(diff))
		} else if diff < 0 {
			q, r := new(big.Int).QuoRem(n, pow(-diff), new(big.Int))
			if r.Sign() != 0 {
				return nil, fmt.Errorf("decimal %s does not fit scale %d", d.String(), s.scale)
			}
			n = q
		}
		return n, nil
	case *big.Int:
		return new(big.Int).Mul(d, pow(int64(s.scale))), nil
	case decimal.Decimal:
		return d.Shift(s.scale).BigInt(), nil
	}
	if i, ok := toInt64(v); ok {
		return new(big.Int).Mul(big.NewInt(i), pow(int64(s.scale))), nil
	}
	return nil, fmt.Errorf("%T is not a decimal", v)
}

// decimalString formats a decimal value with exactly the spec's scale.
func (s spec) decimalString(v any) (string, error) {
	n, err := s.unscaled(v)
	if err != nil {
		return "", err
	}
	return decimal.NewFromBigInt(n, -s.scale).StringFixed(s.scale), nil
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

// text formats a non-NULL value as text (CSV cells, partition values,
// nested values as JSON).
func (s spec) text(v any) (string, error) {
	switch s.kind {
	case kDecimal:
		return s.decimalString(v)
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
	case kJSON, kList, kStruct:
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(jsonable(v)); err != nil {
			return "", err
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
		return json.Number(resultfmt.Decimal(x).String())
	case *big.Int:
		return json.Number(x.String())
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case []byte:
		return string(x)
	}
	return v
}
