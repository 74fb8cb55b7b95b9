package app

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
)

//go:embed sql/*.sql
var sqlFS embed.FS

func stmt(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic("app: missing embedded statement " + name) // programming error, caught by tests
	}
	return string(b)
}

// ErrNoDocument is returned by Check for a doc_id (prefix) that matches no
// document.
var ErrNoDocument = errors.New("no such document")

// CheckOptions select what Check prints.
type CheckOptions struct {
	// DocID limits the output to documents whose doc_id starts with it.
	DocID string
	// Format is table (default) or json.
	Format string
}

// Check writes the stored findings (the findings view) of every document,
// or of one, errors first. It reads only; Recheck re-runs the rules over
// the stored documents and replaces their findings (check --rerun runs it
// before Check).
func Check(ctx context.Context, db *sql.DB, opts CheckOptions, w io.Writer) error {
	format := opts.Format
	if format == "" {
		format = FormatTable
	}
	if format != FormatTable && format != FormatJSON && format != FormatCSV {
		return fmt.Errorf("check: %w: %q", ErrFormat, format)
	}
	if opts.DocID != "" {
		var n int
		if err := db.QueryRowContext(ctx, stmt("count_documents"), opts.DocID).Scan(&n); err != nil {
			return fmt.Errorf("check: %w", err)
		}
		if n == 0 {
			return fmt.Errorf("check: %w: %s", ErrNoDocument, opts.DocID)
		}
	}
	rows, err := db.QueryContext(ctx, stmt("findings"), opts.DocID)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	defer rows.Close()
	return writeRows(rows, format, w)
}
