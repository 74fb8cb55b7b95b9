package schema

import (
	"context"
	"fmt"
)

// Statuses returns the stored status of every document by doc_id: one
// scan instead of a query per document, for a run that must skip the
// documents already stored (a 64-character doc_id and a status each: a
// million documents take ~150 MB).
func (w *Warehouse) Statuses(ctx context.Context) (map[string]string, error) {
	rows, err := w.db.QueryContext(ctx, stmt("doc_statuses"))
	if err != nil {
		return nil, fmt.Errorf("list document statuses: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, st string
		if err := rows.Scan(&id, &st); err != nil {
			return nil, fmt.Errorf("list document statuses: %w", err)
		}
		out[id] = st
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list document statuses: %w", err)
	}
	return out, nil
}
