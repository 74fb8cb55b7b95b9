package schema

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrBadShard is returned by MergeShard for a shard path it refuses: not a
// regular file, the output warehouse itself, or a path holding a NUL byte.
var ErrBadShard = errors.New("bad shard warehouse")

// ErrShardNewer is returned by MergeShard for a shard written by a newer
// budgetwh (it records migrations this program does not know).
var ErrShardNewer = errors.New("shard warehouse has migrations this program does not know")

// MergedDoc is the outcome of one shard document.
type MergedDoc struct {
	DocID      string
	SourcePath string
	Department string
	FiscalYear int
	Kind       string
	Level      string
	// Status is the document's status in the output warehouse after the
	// merge (loaded, superseded, quarantined), or WriteUnchanged when the
	// doc_id was already there (Existing then holds its status).
	Status   string
	Existing string
}

// MergeResult says what MergeShard did with one shard.
type MergeResult struct {
	Shard string
	Docs  []MergedDoc // the shard's documents, oldest ingested first
	// Copied is the number of documents copied; Rows the number of rows
	// appended to core tables (document rows included).
	Copied int
	Rows   int64
	// Resuperseded is the number of output documents whose status or
	// superseded_by changed.
	Resuperseded int64
}

// Count returns how many of the shard's documents have the given status.
func (r MergeResult) Count(status string) int {
	n := 0
	for _, d := range r.Docs {
		if d.Status == status {
			n++
		}
	}
	return n
}

// MergeShard copies into w every document of the shard warehouse at path
// that w does not hold yet (by doc_id), with all its rows in every core
// table, and then re-decides the versions of the publications the shard
// touches exactly as ingest does: of the documents sharing a version key
// (see VersionKey) the most recently ingested one is loaded and every older
// one superseded by the next newer one; quarantined documents stay
// quarantined and supersede nothing. ingested_at and parser_version are
// copied as stored, so version order is the order of the original ingest
// runs.
//
// A whole shard is merged in one transaction: either all of its new
// documents are in w afterwards or none is, and re-running a merge that was
// interrupted, or merging the same shard twice, changes nothing more
// (documents already present are reported unchanged). One transaction per
// shard (rather than per document) keeps the copy set-based, one INSERT …
// SELECT per table, so its cost grows with the rows copied and not with
// documents × table size.
//
// The shard is attached read-only under a fixed alias. Cross-document
// findings are not copied; the caller recomputes them over w. The caller
// holds w's lock (package lock).
func (w *Warehouse) MergeShard(ctx context.Context, path string) (MergeResult, error) {
	res := MergeResult{Shard: path}
	if w.readOnly {
		return res, fmt.Errorf("merge shard %s: %w", path, ErrReadOnly)
	}
	if err := w.checkShardPath(path); err != nil {
		return res, fmt.Errorf("merge shard %s: %w", path, err)
	}
	lit, err := quoteLiteral(path)
	if err != nil {
		return res, fmt.Errorf("merge shard %s: %w", path, err)
	}
	// ATTACH is per database instance; one connection keeps attach, copy
	// and detach together.
	conn, err := w.db.Conn(ctx)
	if err != nil {
		return res, fmt.Errorf("merge shard %s: %w", path, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, strings.ReplaceAll(stripComments(stmt("merge_attach")), "{{path}}", lit)); err != nil {
		return res, fmt.Errorf("merge shard %s: attach: %w", path, err)
	}
	defer func() {
		// Detach even when ctx is canceled: the alias must not leak.
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), stmt("merge_detach"))
	}()
	if err := w.checkShardMigrations(ctx, conn); err != nil {
		return res, fmt.Errorf("merge shard %s: %w", path, err)
	}

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("merge shard %s: begin: %w", path, err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = tx.Rollback()
		}
	}()
	if res.Docs, err = shardDocuments(ctx, tx); err != nil {
		return res, fmt.Errorf("merge shard %s: list documents: %w", path, err)
	}
	for _, q := range strings.Split(stripComments(stmt("merge_copy_rows")), ";") {
		if strings.TrimSpace(q) == "" {
			continue
		}
		r, err := tx.ExecContext(ctx, q)
		if err != nil {
			return res, fmt.Errorf("merge shard %s: copy: %w", path, err)
		}
		if n, err := r.RowsAffected(); err == nil {
			res.Rows += n
		}
	}
	r, err := tx.ExecContext(ctx, stmt("merge_resupersede"))
	if err != nil {
		return res, fmt.Errorf("merge shard %s: supersede: %w", path, err)
	}
	if n, err := r.RowsAffected(); err == nil {
		res.Resuperseded = n
	}
	final := map[string]string{}
	rows, err := tx.QueryContext(ctx, stmt("merge_statuses"))
	if err != nil {
		return res, fmt.Errorf("merge shard %s: statuses: %w", path, err)
	}
	for rows.Next() {
		var id, st string
		if err := rows.Scan(&id, &st); err != nil {
			rows.Close()
			return res, fmt.Errorf("merge shard %s: statuses: %w", path, err)
		}
		final[id] = st
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("merge shard %s: statuses: %w", path, err)
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("merge shard %s: commit: %w", path, err)
	}
	committed = true
	for i := range res.Docs {
		d := &res.Docs[i]
		if d.Existing == "" {
			d.Status = final[d.DocID]
			res.Copied++
		}
	}
	return res, nil
}

// shardDocuments lists the attached shard's documents; Status is
// WriteUnchanged (with Existing set) for those already stored.
func shardDocuments(ctx context.Context, tx *sql.Tx) ([]MergedDoc, error) {
	rows, err := tx.QueryContext(ctx, stmt("merge_shard_documents"))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MergedDoc
	for rows.Next() {
		var (
			d                        MergedDoc
			dept, kind, level, exist sql.NullString
			year                     sql.NullInt64
			status                   string
		)
		if err := rows.Scan(&d.DocID, &d.SourcePath, &dept, &year, &kind, &level, &status, &exist); err != nil {
			return nil, err
		}
		d.Department, d.FiscalYear, d.Kind, d.Level = dept.String, int(year.Int64), kind.String, level.String
		if exist.Valid {
			d.Status, d.Existing = WriteUnchanged, exist.String
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// checkShardPath refuses what cannot be a shard warehouse of w.
func (w *Warehouse) checkShardPath(path string) error {
	if path == "" || path == ":memory:" {
		return fmt.Errorf("%w: a shard must be a warehouse file", ErrBadShard)
	}
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadShard, err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%w: not a regular file", ErrBadShard)
	}
	if w.path != "" {
		if ost, err := os.Stat(w.path); err == nil && os.SameFile(st, ost) {
			return fmt.Errorf("%w: the shard is the output warehouse itself", ErrBadShard)
		}
	}
	if strings.EqualFold(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), "budgetwh_shard") {
		// DuckDB names an attached catalog after its file; this one would
		// collide with the alias.
		return fmt.Errorf("%w: the file name budgetwh_shard is reserved", ErrBadShard)
	}
	return nil
}

// checkShardMigrations refuses a shard that records migrations w does not
// know (written by a newer program, its tables may hold columns w lacks;
// ErrShardNewer) or lacks some of w's (written by an older program, a core
// table may be missing; ErrSchemaOutdated: open it once for writing).
func (w *Warehouse) checkShardMigrations(ctx context.Context, conn *sql.Conn) error {
	ms, err := Migrations()
	if err != nil {
		return err
	}
	known := map[int]bool{}
	for _, m := range ms {
		known[m.Version] = true
	}
	rows, err := conn.QueryContext(ctx, stmt("merge_shard_migrations"))
	if err != nil {
		return fmt.Errorf("%w: %w (%v)", ErrBadShard, ErrNotWarehouse, err)
	}
	defer rows.Close()
	var unknown, missing []string
	has := map[int]bool{}
	for rows.Next() {
		var v int
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			return err
		}
		has[v] = true
		if !known[v] {
			unknown = append(unknown, name)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(unknown) > 0 {
		return fmt.Errorf("%w: %s", ErrShardNewer, strings.Join(unknown, ", "))
	}
	for _, m := range ms {
		if !has[m.Version] {
			missing = append(missing, m.Name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: %s not applied", ErrSchemaOutdated, strings.Join(missing, ", "))
	}
	return nil
}

// quoteLiteral returns s as the body of a single-quoted SQL string literal.
// DuckDB's ATTACH takes its path as a literal, never as a bound parameter,
// so the path is spliced into the statement text: single quotes are
// doubled (the SQL escape) and a NUL byte, which no file path holds, is
// refused. Backslashes need no escaping in standard SQL literals.
func quoteLiteral(s string) (string, error) {
	if strings.ContainsRune(s, 0) {
		return "", fmt.Errorf("%w: the path holds a NUL byte", ErrBadShard)
	}
	return strings.ReplaceAll(s, "'", "''"), nil
}
