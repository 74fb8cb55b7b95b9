package schema

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math/big"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/budgetwh/budgetwh/model"
)

// execSink inserts every row with its own INSERT statement through
// database/sql: what a user without the bulk writer would write. It is the
// baseline of the ingest benchmark, never used by ingest itself.
type execSink struct {
	ctx    context.Context
	tx     *sql.Tx
	stmts  map[string]string
	scales map[string][]int32 // per table, the scale of each column
}

func (s *execSink) Append(table string, row ...driver.Value) error {
	q, ok := s.stmts[table]
	if !ok {
		// table names come from appendRows' constants, never from input
		q = "INSERT INTO core." + table + " VALUES (" + strings.TrimSuffix(strings.Repeat("?, ", len(row)), ", ") + ")"
		s.stmts[table] = q
		rows, err := s.tx.QueryContext(s.ctx, "SELECT coalesce(numeric_scale, 0) FROM information_schema.columns WHERE table_schema = 'core' AND table_name = ? ORDER BY ordinal_position", table)
		if err != nil {
			return fmt.Errorf("insert %s row: %w", table, err)
		}
		var sc []int32
		for rows.Next() {
			var x int32
			if err := rows.Scan(&x); err != nil {
				rows.Close()
				return fmt.Errorf("insert %s row: %w", table, err)
			}
			sc = append(sc, x)
		}
		rows.Close()
		s.scales[table] = sc
	}
	args := make([]any, len(row))
	for i, v := range row {
		if b, ok := v.(*big.Int); ok && i < len(s.scales[table]) {
			// the appender takes unscaled integers; bind the decimal as text
			v = decimal.NewFromBigInt(b, -s.scales[table][i]).String()
		}
		args[i] = v
	}
	if _, err := s.tx.ExecContext(s.ctx, q, args...); err != nil {
		return fmt.Errorf("insert %s row: %w", table, err)
	}
	return nil
}

func (s *execSink) Close() error { return nil }

// WriteNaive stores a new document's fact rows one INSERT per row (one
// transaction per document) and its documents row, without the version
// bookkeeping of Write. It exists for the benchmark's naive-loader baseline.
func (w *Warehouse) WriteNaive(ctx context.Context, d *model.Disclosure) (int, error) {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("write document naively: %w", err)
	}
	defer tx.Rollback()
	status := model.StatusLoaded
	if len(d.Quarantine) > 0 {
		status = model.StatusQuarantined
	}
	if err := w.insertDocument(ctx, tx, d, status, VersionKey(d.Identity), w.now().UTC(), ""); err != nil {
		return 0, fmt.Errorf("write document naively: %w", err)
	}
	n, err := appendRows(&execSink{ctx: ctx, tx: tx, stmts: map[string]string{}, scales: map[string][]int32{}}, d, status)
	if err != nil {
		return n, fmt.Errorf("write document naively: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return n, fmt.Errorf("write document naively: %w", err)
	}
	return n, nil
}
