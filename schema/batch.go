package schema

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/budgetwh/budgetwh/model"
)

// ErrBatchReplace is returned by WriteBatch when asked to replace documents:
// a replaced document's rows are deleted with SQL, which does not see rows
// still buffered in the batch's appenders, so replacing is one document per
// transaction (WriteWith).
var ErrBatchReplace = errors.New("write batch: replace is one document per transaction")

// WriteBatch stores several documents in one transaction (group commit):
// each is written exactly as Write would write it, in order, so a later
// document sees the earlier ones (doc_id already stored, supersede by
// version), and their rows share one set of appenders. Either every
// document of the batch is stored or none is: on any error the
// transaction is rolled back and the error names the document; the caller
// then writes the documents one by one so that a bad document never takes
// the others down. The results are in the order of ds.
func (w *Warehouse) WriteBatch(ctx context.Context, ds []*model.Disclosure, opts WriteOptions) ([]WriteResult, error) {
	if opts.Replace {
		return nil, ErrBatchReplace
	}
	if w.readOnly {
		return nil, fmt.Errorf("write batch: %w", ErrReadOnly)
	}
	for _, d := range ds {
		if d.Identity.DocID == "" {
			return nil, fmt.Errorf("write batch: %w", ErrNoDocID)
		}
	}
	conn, err := w.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("write batch: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("write batch: begin: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = tx.Rollback()
		}
	}()
	// One scan for the version keys of the batch that have a loaded
	// document, instead of a supersede scan per document.
	var keys []string
	for _, d := range ds {
		if k := VersionKey(d.Identity); k != "" {
			keys = append(keys, k)
		}
	}
	loaded, err := loadedKeys(ctx, tx, keys)
	if err != nil {
		return nil, fmt.Errorf("write batch: %w", err)
	}
	// And one for which documents of the batch are stored already.
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.Identity.DocID
	}
	stored, err := storedStatuses(ctx, tx, ids)
	if err != nil {
		return nil, fmt.Errorf("write batch: %w", err)
	}
	insertDoc, err := tx.PrepareContext(ctx, stmt("insert_document"))
	if err != nil {
		return nil, fmt.Errorf("write batch: prepare: %w", err)
	}
	defer insertDoc.Close()
	sink := newAppenderSink(nil)
	st := &txState{sink: sink, loadedKeys: loaded, stored: stored, insertDoc: insertDoc, appendDocs: true}
	out := make([]WriteResult, 0, len(ds))
	for _, d := range ds {
		res, err := w.writeTx(ctx, conn, tx, st, d, opts)
		if err != nil {
			_ = closeSink(conn, sink)
			return nil, err
		}
		out = append(out, res)
	}
	if err := closeSink(conn, sink); err != nil {
		return nil, fmt.Errorf("write batch: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("write batch: commit: %w", err)
	}
	committed = true
	return out, nil
}

// loadedKeys returns which of keys have a loaded document.
func loadedKeys(ctx context.Context, tx *sql.Tx, keys []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(keys) == 0 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, stmt("loaded_version_keys"), keys)
	if err != nil {
		return nil, fmt.Errorf("look up versions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("look up versions: %w", err)
		}
		out[k] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("look up versions: %w", err)
	}
	return out, nil
}

// storedStatuses returns the status of each of ids that is stored.
func storedStatuses(ctx context.Context, tx *sql.Tx, ids []string) (map[string]string, error) {
	out := map[string]string{}
	rows, err := tx.QueryContext(ctx, stmt("doc_statuses_of"), ids)
	if err != nil {
		return nil, fmt.Errorf("look up documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, st string
		if err := rows.Scan(&id, &st); err != nil {
			return nil, fmt.Errorf("look up documents: %w", err)
		}
		out[id] = st
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("look up documents: %w", err)
	}
	return out, nil
}
