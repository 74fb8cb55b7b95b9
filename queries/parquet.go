package queries

import (
	"fmt"
	"io"
	"math/big"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/shopspring/decimal"
)

// arrowType maps a DuckDB column type to the Arrow type written to Parquet:
// DECIMAL (and HUGEINT) become Decimal128 with the column's precision and
// scale, so Parquet carries the DECIMAL logical type; amounts never pass
// through a float.
func arrowType(c Column) arrow.DataType {
	t := c.Type
	switch {
	case c.Precision > 0:
		return &arrow.Decimal128Type{Precision: int32(c.Precision), Scale: int32(c.Scale)}
	case t == "BOOLEAN":
		return arrow.FixedWidthTypes.Boolean
	case t == "DOUBLE" || t == "FLOAT":
		return arrow.PrimitiveTypes.Float64
	case t == "DATE":
		return arrow.FixedWidthTypes.Date32
	case strings.HasPrefix(t, "TIMESTAMP"):
		return arrow.FixedWidthTypes.Timestamp_us
	case t == "UBIGINT":
		return &arrow.Decimal128Type{Precision: 20, Scale: 0}
	case strings.HasSuffix(t, "INT") || t == "UTINYINT" || t == "USMALLINT" || t == "UINTEGER":
		return arrow.PrimitiveTypes.Int64
	}
	return arrow.BinaryTypes.String
}

func writeParquet(w io.Writer, res *Result) error {
	fields := make([]arrow.Field, len(res.Columns))
	for i, c := range res.Columns {
		fields[i] = arrow.Field{Name: c.Name, Type: arrowType(c), Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for _, r := range res.Rows {
		for i, v := range r {
			if err := appendValue(b.Field(i), res.Columns[i], v); err != nil {
				return fmt.Errorf("write parquet: column %s: %w", res.Columns[i].Name, err)
			}
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	// Hide w's Close: the caller owns w (pqarrow closes a Closer).
	fw, err := pqarrow.NewFileWriter(schema, struct{ io.Writer }{w}, parquet.NewWriterProperties(), pqarrow.DefaultWriterProps())
	if err != nil {
		return fmt.Errorf("write parquet: %w", err)
	}
	if err := fw.Write(rec); err != nil {
		fw.Close()
		return fmt.Errorf("write parquet: %w", err)
	}
	if err := fw.Close(); err != nil {
		return fmt.Errorf("write parquet: %w", err)
	}
	return nil
}

func appendValue(fb array.Builder, c Column, v any) error {
	if v == nil {
		fb.AppendNull()
		return nil
	}
	switch bb := fb.(type) {
	case *array.Decimal128Builder:
		d, ok := v.(decimal.Decimal)
		if !ok {
			if n, isInt := v.(int64); isInt {
				d = decimal.NewFromInt(n)
			} else {
				return fmt.Errorf("want decimal, got %T", v)
			}
		}
		scaled := d.Shift(int32(c.Scale)).Truncate(0)
		bb.Append(decimal128.FromBigInt(new(big.Int).Set(scaled.BigInt())))
	case *array.BooleanBuilder:
		x, ok := v.(bool)
		if !ok {
			return fmt.Errorf("want bool, got %T", v)
		}
		bb.Append(x)
	case *array.Float64Builder:
		x, ok := v.(float64)
		if !ok {
			return fmt.Errorf("want float, got %T", v)
		}
		bb.Append(x)
	case *array.Int64Builder:
		x, ok := v.(int64)
		if !ok {
			return fmt.Errorf("want integer, got %T", v)
		}
		bb.Append(x)
	case *array.Date32Builder:
		x, ok := v.(time.Time)
		if !ok {
			return fmt.Errorf("want date, got %T", v)
		}
		bb.Append(arrow.Date32FromTime(x))
	case *array.TimestampBuilder:
		x, ok := v.(time.Time)
		if !ok {
			return fmt.Errorf("want timestamp, got %T", v)
		}
		bb.Append(arrow.Timestamp(x.UnixMicro()))
	case *array.StringBuilder:
		bb.Append(Text(c, v))
	default:
		return fmt.Errorf("unsupported builder %T", fb)
	}
	return nil
}
