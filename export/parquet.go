package export

import (
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// batchRows is the number of rows per Arrow record batch; rowGroupRows the
// row-group size of the Parquet files.
const (
	batchRows    = 8192
	rowGroupRows = 128 * 1024
)

// arrowSchema returns the Arrow schema of a view's columns.
func arrowSchema(cols []Column) *arrow.Schema {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: c.Name, Type: c.arrowType(), Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}

// parquetPart writes one Parquet file.
type parquetPart struct {
	sf   *stagedFile
	fw   *pqarrow.FileWriter
	rb   *array.RecordBuilder
	cols []Column
	rows int64
	n    int // rows in the current batch
}

func newParquetPart(sf *stagedFile, cols []Column, createdBy string) (*parquetPart, error) {
	schema := arrowSchema(cols)
	props := parquet.NewWriterProperties(
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithMaxRowGroupLength(rowGroupRows),
		parquet.WithCreatedBy(createdBy),
	)
	fw, err := pqarrow.NewFileWriter(schema, sf, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", sf.rel, err)
	}
	return &parquetPart{sf: sf, fw: fw, rb: array.NewRecordBuilder(memory.DefaultAllocator, schema), cols: cols}, nil
}

func (p *parquetPart) write(vals []any) error {
	for i, v := range vals {
		if err := appendValue(p.rb.Field(i), p.cols[i].spec, v); err != nil {
			return fmt.Errorf("write %s row %d column %s (%s): %w", p.sf.rel, p.rows+1, p.cols[i].Name, p.cols[i].DBType, err)
		}
	}
	p.rows++
	p.n++
	if p.n >= batchRows {
		return p.flush()
	}
	return nil
}

func (p *parquetPart) flush() error {
	if p.n == 0 {
		return nil
	}
	rec := p.rb.NewRecordBatch()
	defer rec.Release()
	p.n = 0
	if err := p.fw.WriteBuffered(rec); err != nil {
		return fmt.Errorf("write %s: %w", p.sf.rel, err)
	}
	return nil
}

func (p *parquetPart) finish() (FileEntry, error) {
	defer p.rb.Release()
	if err := p.flush(); err != nil {
		p.sf.abort()
		return FileEntry{}, err
	}
	if err := p.fw.Close(); err != nil { // stagedFile is no io.Closer: the file stays open
		p.sf.abort()
		return FileEntry{}, fmt.Errorf("write %s: %w", p.sf.rel, err)
	}
	return p.sf.finish(p.rows)
}

func (p *parquetPart) abort() {
	p.rb.Release()
	p.sf.abort()
}

// appendValue appends one scanned value (nil for NULL) to an Arrow builder
// of the type c.arrowType().
func appendValue(b array.Builder, c spec, v any) error {
	if v == nil {
		b.AppendNull()
		return nil
	}
	bad := func() error { return fmt.Errorf("unexpected %T", v) }
	switch c.kind {
	case kList:
		xs, ok := v.([]any)
		if !ok {
			return bad()
		}
		lb := b.(*array.ListBuilder)
		lb.Append(true)
		vb := lb.ValueBuilder()
		for _, e := range xs {
			if err := appendValue(vb, *c.elem, e); err != nil {
				return err
			}
		}
	case kStruct:
		m, ok := v.(map[string]any)
		if !ok {
			return bad()
		}
		sb := b.(*array.StructBuilder)
		sb.Append(true)
		for i, f := range c.fields {
			if err := appendValue(sb.FieldBuilder(i), f.spec, m[f.name]); err != nil {
				return fmt.Errorf("field %s: %w", f.name, err)
			}
		}
	case kBool:
		x, ok := v.(bool)
		if !ok {
			return bad()
		}
		b.(*array.BooleanBuilder).Append(x)
	case kInt8, kInt16, kInt32, kInt64:
		x, ok := toInt64(v)
		if !ok {
			return bad()
		}
		switch bb := b.(type) {
		case *array.Int8Builder:
			bb.Append(int8(x))
		case *array.Int16Builder:
			bb.Append(int16(x))
		case *array.Int32Builder:
			bb.Append(int32(x))
		case *array.Int64Builder:
			bb.Append(x)
		}
	case kUint8, kUint16, kUint32, kUint64:
		x, ok := toUint64(v)
		if !ok {
			return bad()
		}
		switch bb := b.(type) {
		case *array.Uint8Builder:
			bb.Append(uint8(x))
		case *array.Uint16Builder:
			bb.Append(uint16(x))
		case *array.Uint32Builder:
			bb.Append(uint32(x))
		case *array.Uint64Builder:
			bb.Append(x)
		}
	case kFloat32:
		x, ok := v.(float32)
		if !ok {
			return bad()
		}
		b.(*array.Float32Builder).Append(x)
	case kFloat64:
		x, ok := v.(float64)
		if !ok {
			return bad()
		}
		b.(*array.Float64Builder).Append(x)
	case kDecimal:
		n, err := c.unscaled(v)
		if err != nil {
			return err
		}
		if n.BitLen() > 127 {
			return fmt.Errorf("decimal out of range")
		}
		b.(*array.Decimal128Builder).Append(decimal128.FromBigInt(n))
	case kDate:
		t, ok := v.(time.Time)
		if !ok {
			return bad()
		}
		b.(*array.Date32Builder).Append(arrow.Date32(civilDays(t)))
	case kTimestamp, kTimestampTZ:
		t, ok := v.(time.Time)
		if !ok {
			return bad()
		}
		b.(*array.TimestampBuilder).Append(arrow.Timestamp(t.UnixMicro()))
	case kTimestampNS:
		t, ok := v.(time.Time)
		if !ok {
			return bad()
		}
		b.(*array.TimestampBuilder).Append(arrow.Timestamp(t.UnixNano()))
	case kTime:
		t, ok := v.(time.Time)
		if !ok {
			return bad()
		}
		us := int64(t.Hour())*3600e6 + int64(t.Minute())*60e6 + int64(t.Second())*1e6 + int64(t.Nanosecond())/1e3
		b.(*array.Time64Builder).Append(arrow.Time64(us))
	default:
		s, err := c.text(v)
		if err != nil {
			return err
		}
		b.(*array.StringBuilder).Append(s)
	}
	return nil
}
