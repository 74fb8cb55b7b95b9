package queries

import (
	"errors"
	"fmt"
	"io"

	"github.com/budgetwh/budgetwh/internal/resultfmt"
)

// Formats accepted by Write.
const (
	FormatTable   = resultfmt.FormatTable
	FormatCSV     = resultfmt.FormatCSV
	FormatJSON    = resultfmt.FormatJSON
	FormatParquet = "parquet"
)

// ErrBadFormat is returned for an unknown output format.
var ErrBadFormat = errors.New("unknown format")

// Write renders res to w as table, csv, json or parquet. Table, CSV and
// JSON are written by internal/resultfmt in the style of query run
// (resultfmt.StyleQuery: alignment and times by column type, JSON one
// object a line).
func Write(w io.Writer, format string, res *Result) error {
	switch format {
	case FormatTable, "":
		format = FormatTable
	case FormatCSV, FormatJSON:
	case FormatParquet:
		return writeParquet(w, res)
	default:
		return fmt.Errorf("write result: %w %q (want table, csv, json or parquet)", ErrBadFormat, format)
	}
	cols := make([]resultfmt.Column, len(res.Columns))
	for i, c := range res.Columns {
		cols[i] = c.resultColumn()
	}
	return resultfmt.Write(w, format, cols, res.Rows, resultfmt.StyleQuery)
}

// Text renders one value as text: decimals with their column's scale, dates
// as YYYY-MM-DD, NULL as "".
func Text(c Column, v any) string {
	return resultfmt.Text(c.resultColumn(), v, resultfmt.StyleQuery)
}

func (c Column) resultColumn() resultfmt.Column {
	return resultfmt.Column{Name: c.Name, Type: c.Type, Scale: c.Scale}
}
