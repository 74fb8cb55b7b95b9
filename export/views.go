package export

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed sql/*.sql
var sqlFiles embed.FS

// PublicViews are the views of the warehouse contract, in export order.
var PublicViews = []string{
	"documents", "departments", "func_codes", "totals", "func_amounts", "econ_amounts",
	"three_public", "projects", "indicators", "narrative_facts", "findings",
}

func isPublic(v string) bool {
	for _, p := range PublicViews {
		if p == v {
			return true
		}
	}
	return false
}

// query returns an embedded statement with its {{view}} and {{order}}
// placeholders filled. view is always a name from PublicViews.
func query(name, view, order string) string {
	b, err := sqlFiles.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("export: missing embedded sql/%s.sql", name)) // a build defect
	}
	s := strings.ReplaceAll(string(b), "{{view}}", quoteIdent(view))
	return strings.ReplaceAll(s, "{{order}}", order)
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// existingViews returns the public views present in the warehouse, in
// PublicViews order.
func existingViews(ctx context.Context, db *sql.DB) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, query("relations", "", ""))
	if err != nil {
		return nil, fmt.Errorf("list views: %w", err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("list views: %w", err)
		}
		have[n] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list views: %w", err)
	}
	return have, nil
}

// viewColumns returns the columns of a view.
func viewColumns(ctx context.Context, db *sql.DB, view string) ([]Column, error) {
	rows, err := db.QueryContext(ctx, query("columns", view, ""))
	if err != nil {
		return nil, fmt.Errorf("describe view %s: %w", view, err)
	}
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	if err != nil {
		return nil, fmt.Errorf("describe view %s: %w", view, err)
	}
	cols := make([]Column, len(cts))
	for i, ct := range cts {
		cols[i] = columnOf(ct.Name(), ct.DatabaseTypeName())
	}
	return cols, rows.Err()
}

func countRows(ctx context.Context, db *sql.DB, view string) (int64, error) {
	var n int64
	if err := db.QueryRowContext(ctx, query("count", view, "")).Scan(&n); err != nil {
		return 0, fmt.Errorf("count view %s: %w", view, err)
	}
	return n, nil
}

// orderBy returns the ORDER BY list: the partition columns' ordinals, then
// every column's.
func orderBy(part []int, ncols int) string {
	var b strings.Builder
	for _, p := range part {
		b.WriteString(strconv.Itoa(p+1) + ", ")
	}
	for i := range ncols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(i + 1))
	}
	return b.String()
}

// scanRows runs the ordered query of a view and calls fn with each row's
// values (NULL as nil); the slice is reused between calls.
func scanRows(ctx context.Context, db *sql.DB, view string, part []int, ncols int, fn func([]any) error) error {
	rows, err := db.QueryContext(ctx, query("rows", view, orderBy(part, ncols)))
	if err != nil {
		return fmt.Errorf("read view %s: %w", view, err)
	}
	defer rows.Close()
	vals := make([]any, ncols)
	ptrs := make([]any, ncols)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read view %s: %w", view, err)
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read view %s: %w", view, err)
	}
	return nil
}

// loadedDocIDs returns the doc_ids of loaded documents (nil when the
// documents view is absent).
func loadedDocIDs(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, query("doc_ids", "", ""))
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
