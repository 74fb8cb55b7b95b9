package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	"github.com/budgetwh/budgetwh/internal/resultfmt"
	"github.com/budgetwh/budgetwh/internal/textwidth"
)

// Output formats of SQL and Check.
const (
	FormatTable = resultfmt.FormatTable
	FormatCSV   = resultfmt.FormatCSV
	FormatJSON  = resultfmt.FormatJSON
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

// writeRows renders a result set in the style of sql and check
// (resultfmt.StyleSQL).
func writeRows(rows *sql.Rows, format string, w io.Writer) error {
	cols, data, err := resultfmt.Read(rows)
	if err != nil {
		return fmt.Errorf("sql: %w", err)
	}
	if format != FormatCSV && format != FormatJSON {
		format = FormatTable
	}
	if err := resultfmt.Write(w, format, cols, data, resultfmt.StyleSQL); err != nil {
		return fmt.Errorf("sql: %w", err)
	}
	return nil
}

// Kept for the package's tests of the width and decimal rules.
var (
	displayWidth = textwidth.Of
	decString    = resultfmt.DecimalText
)
