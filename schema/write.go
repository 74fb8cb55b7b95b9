package schema

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/budgetwh/budgetwh/model"
)

// Write outcomes (WriteResult.Status).
const (
	WriteLoaded      = model.StatusLoaded
	WriteQuarantined = model.StatusQuarantined
	WriteUnchanged   = "unchanged"
)

// ErrNoDocID is returned for a disclosure without a doc_id.
var ErrNoDocID = errors.New("disclosure has no doc_id")

// WriteResult says what Write did with one document.
type WriteResult struct {
	DocID string
	// Status is loaded, quarantined or unchanged (doc_id already stored);
	// superseded for a replaced document a newer version supersedes.
	Status string
	// Existing is the stored status of an unchanged or replaced document.
	Existing string
	// Replaced is set when WriteOptions.Replace re-wrote a stored document.
	Replaced bool
	// Superseded lists the doc_ids whose status became superseded.
	Superseded []string
	// Facts is the number of fact rows the document contributes (0 unless loaded).
	Facts int
	// Rows is the number of rows appended to core tables (all kinds).
	Rows int
}

// testHookAfterFacts, when set by a test, runs after the fact rows were
// appended and before commit; an error aborts the write.
var testHookAfterFacts func(*model.Disclosure) error

// VersionKey is the identity of a publication across versions:
// department (department_id, or the published name), fiscal year, kind and
// level. It is "" when the identity is incomplete; such a document never
// supersedes another.
func VersionKey(id model.Identity) string {
	dept := ""
	switch {
	case id.DepartmentID != "":
		dept = "id:" + id.DepartmentID
	case id.Department != "":
		dept = "name:" + id.Department
	}
	if dept == "" || id.FiscalYear == 0 || id.Kind == "" {
		return ""
	}
	return dept + "|" + strconv.Itoa(id.FiscalYear) + "|" + id.Kind + "|" + id.Level
}

// WriteOptions tune WriteWith.
type WriteOptions struct {
	// Replace re-writes a document whose doc_id is already stored (a
	// re-parse with a newer parser): its rows are deleted and written anew
	// in the same transaction, keeping its original ingested_at so that
	// version order is unchanged. It stays superseded when a newer loaded
	// version of the same publication exists.
	Replace bool
}

// Write stores d in one transaction. A doc_id already present is left as it
// is (Status unchanged). A disclosure with Quarantine reasons is stored as
// quarantined with its findings and raw text and no facts. Otherwise it is
// stored as loaded with all its rows, and any loaded document with the same
// VersionKey becomes superseded in the same transaction. On error nothing
// of d is stored.
func (w *Warehouse) Write(ctx context.Context, d *model.Disclosure) (WriteResult, error) {
	return w.WriteWith(ctx, d, WriteOptions{})
}

// WriteWith is Write with options (see WriteOptions.Replace).
func (w *Warehouse) WriteWith(ctx context.Context, d *model.Disclosure, opts WriteOptions) (WriteResult, error) {
	res := WriteResult{DocID: d.Identity.DocID}
	if w.readOnly {
		return res, fmt.Errorf("write document %s: %w", d.Identity.DocID, ErrReadOnly)
	}
	if d.Identity.DocID == "" {
		return res, fmt.Errorf("write document %s: %w", strings.Join(d.Identity.SourcePaths, " + "), ErrNoDocID)
	}
	conn, err := w.db.Conn(ctx)
	if err != nil {
		return res, fmt.Errorf("write document %s: %w", d.Identity.DocID, err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("write document %s: begin: %w", d.Identity.DocID, err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = tx.Rollback()
		}
	}()
	sink := newAppenderSink(nil)
	res, err = w.writeTx(ctx, conn, tx, &txState{sink: sink}, d, opts)
	if err == nil {
		if err = closeSink(conn, sink); err != nil {
			err = fmt.Errorf("write document %s: %w", res.DocID, err)
		}
	} else {
		_ = closeSink(conn, sink)
	}
	if err != nil {
		return res, err
	}
	if res.Status == WriteUnchanged {
		return res, nil
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("write document %s: commit: %w", res.DocID, err)
	}
	committed = true
	return res, nil
}

// closeSink flushes the sink's appenders on the connection that holds the
// transaction.
func closeSink(conn *sql.Conn, sink *appenderSink) error {
	return conn.Raw(func(dc any) error {
		if c, ok := dc.(driver.Conn); ok {
			sink.conn = c
		}
		return sink.Close()
	})
}

// rawConn runs f with the sink bound to the driver connection of conn (the
// one holding the transaction).
func rawConn(conn *sql.Conn, sink *appenderSink, f func() error) error {
	return conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		sink.conn = c
		return f()
	})
}

// txState is what the documents of one transaction share.
type txState struct {
	// sink receives the rows; it may hold rows of earlier documents of the
	// transaction.
	sink *appenderSink
	// loadedKeys, when not nil, holds every version key that may have a
	// loaded document in the transaction's view; a document whose key is
	// not in it supersedes nothing, and the supersede statement (a scan of
	// core.documents) is skipped. nil: always run it.
	loadedKeys map[string]bool
	// stored, when not nil, holds the status of every document of the
	// transaction's batch that is stored (kept current as the batch is
	// written); the per-document status query is skipped. Only without
	// WriteOptions.Replace. nil: query.
	stored map[string]string
	// insertDoc, when not nil, is insert_document prepared on the
	// transaction.
	insertDoc *sql.Stmt
	// appendDocs sends the documents rows to the sink too, instead of an
	// INSERT per document (~1.5 ms each, a third of the writer's time).
	// Only with stored set: a doc_id stored already is then known without
	// the primary key, and the supersede statement flushes the rows first.
	appendDocs bool
}

// writeTx writes d inside tx (on conn), appending its rows to st.sink; the
// caller closes the sink and commits. On error the caller must roll back.
func (w *Warehouse) writeTx(ctx context.Context, conn *sql.Conn, tx *sql.Tx, st *txState, d *model.Disclosure, opts WriteOptions) (WriteResult, error) {
	sink := st.sink
	res := WriteResult{DocID: d.Identity.DocID}
	docID := d.Identity.DocID
	ingestedAt := w.now().UTC()
	var existing string
	var err error
	if st.stored != nil && !opts.Replace {
		var ok bool
		if existing, ok = st.stored[docID]; !ok {
			err = sql.ErrNoRows
		}
	} else {
		err = tx.QueryRowContext(ctx, stmt("doc_status"), docID).Scan(&existing)
	}
	switch {
	case err == nil && !opts.Replace:
		res.Status, res.Existing = WriteUnchanged, existing
		return res, nil
	case err == nil:
		res.Existing, res.Replaced = existing, true
		if err := tx.QueryRowContext(ctx, stmt("doc_ingested_at"), docID).Scan(&ingestedAt); err != nil {
			return res, fmt.Errorf("write document %s: look up: %w", docID, err)
		}
		if err := deleteDocument(ctx, tx, docID); err != nil {
			return res, fmt.Errorf("write document %s: replace: %w", docID, err)
		}
	case !errors.Is(err, sql.ErrNoRows):
		return res, fmt.Errorf("write document %s: look up: %w", docID, err)
	}

	status := model.StatusLoaded
	if len(d.Quarantine) > 0 {
		status = model.StatusQuarantined
	}
	key := VersionKey(d.Identity)
	var supersededBy string
	if res.Replaced && status == model.StatusLoaded && key != "" {
		switch err := tx.QueryRowContext(ctx, stmt("newer_version"), key, docID, ingestedAt).Scan(&supersededBy); {
		case err == nil:
			status = model.StatusSuperseded
		case !errors.Is(err, sql.ErrNoRows):
			return res, fmt.Errorf("write document %s: look up newer version: %w", docID, err)
		}
	}
	if !st.appendDocs {
		if err := w.insertDocumentStmt(ctx, tx, st.insertDoc, nil, d, status, key, ingestedAt, supersededBy); err != nil {
			return res, fmt.Errorf("write document %s: %w", docID, err)
		}
	}
	if status == model.StatusLoaded && key != "" {
		if st.loadedKeys == nil || st.loadedKeys[key] {
			if st.appendDocs {
				// The statement must see the documents rows appended
				// earlier in the transaction (this one's comes after it,
				// and the statement leaves it alone anyway).
				if err := rawConn(conn, sink, func() error { return sink.flush("documents") }); err != nil {
					return res, fmt.Errorf("write document %s: %w", docID, err)
				}
			}
			sup, err := supersede(ctx, tx, docID, key)
			if err != nil {
				return res, fmt.Errorf("write document %s: supersede: %w", docID, err)
			}
			res.Superseded = sup
			if st.stored != nil {
				for _, id := range sup {
					st.stored[id] = model.StatusSuperseded
				}
			}
		}
		if st.loadedKeys != nil {
			st.loadedKeys[key] = true
		}
	}
	if status == model.StatusQuarantined {
		if _, err := tx.ExecContext(ctx, stmt("insert_raw_text"), docID, validUTF8(d.Raw)); err != nil {
			return res, fmt.Errorf("write document %s: raw text: %w", docID, err)
		}
	}
	if st.stored != nil {
		st.stored[docID] = status
	}
	err = rawConn(conn, sink, func() error {
		if st.appendDocs {
			if err := w.insertDocumentStmt(ctx, nil, nil, sink, d, status, key, ingestedAt, supersededBy); err != nil {
				return err
			}
		}
		n, err := appendRows(sink, d, status)
		res.Rows = n
		return err
	})
	if err != nil {
		return res, fmt.Errorf("write document %s: %w", docID, err)
	}
	if testHookAfterFacts != nil {
		if err := testHookAfterFacts(d); err != nil {
			return res, fmt.Errorf("write document %s: %w", docID, err)
		}
	}
	res.Status = status
	if status == model.StatusLoaded {
		res.Facts = d.Facts()
	}
	return res, nil
}

// deleteDocument removes every row of a document (sql/delete_document.sql,
// one statement per table).
func deleteDocument(ctx context.Context, tx *sql.Tx, docID string) error {
	for _, q := range strings.Split(stripComments(stmt("delete_document")), ";") {
		if strings.TrimSpace(q) == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, q, docID); err != nil {
			return err
		}
	}
	return nil
}

func stripComments(q string) string {
	var b strings.Builder
	for _, l := range strings.Split(q, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// insertDocument inserts d's documents row (insertDocumentStmt without a
// prepared statement).
func (w *Warehouse) insertDocument(ctx context.Context, tx *sql.Tx, d *model.Disclosure, status, key string, at time.Time, supersededBy string) error {
	return w.insertDocumentStmt(ctx, tx, nil, nil, d, status, key, at, supersededBy)
}

// insertDocumentStmt inserts d's documents row, with prepared (insert_document
// prepared on tx) when not nil.
func (w *Warehouse) insertDocumentStmt(ctx context.Context, tx *sql.Tx, prepared *sql.Stmt, sink *appenderSink, d *model.Disclosure, status, key string, at time.Time, supersededBy string) error {
	id := d.Identity
	paths := id.SourcePaths
	if paths == nil {
		paths = []string{}
	}
	names := id.DepartmentNames
	if names == nil {
		names = []string{}
	}
	quarantine := d.Quarantine
	if quarantine == nil {
		quarantine = []string{}
	}
	var year any
	if id.FiscalYear != 0 {
		year = id.FiscalYear
	}
	format := id.SourceFormat
	if format == "" {
		format = "text"
	}
	facts := 0
	if status == model.StatusLoaded {
		facts = d.Facts()
	}
	paths, names, quarantine = validAll(paths), validAll(names), validAll(quarantine)
	args := []any{id.DocID, strings.Join(paths, " + "), paths, format, str(id.Department), names,
		str(id.DepartmentCode), str(id.DepartmentID), str(id.Region), year, str(id.Kind), str(id.Level), str(id.TableUnit),
		status, str(key), str(supersededBy), quarantine, at, w.version,
		d.Lines, d.Consumed, len(d.Unaccounted), facts, len(d.Tables), id.Bytes}
	var err error
	if sink != nil {
		// The columns of core.documents in declaration order, which
		// insert_document.sql names in the same order.
		row := make([]driver.Value, len(args))
		for i, a := range args {
			row[i] = a
		}
		if err := sink.Append("documents", row...); err != nil {
			return fmt.Errorf("insert document: %w", err)
		}
		return nil
	}
	if prepared != nil {
		_, err = prepared.ExecContext(ctx, args...)
	} else {
		_, err = tx.ExecContext(ctx, stmt("insert_document"), args...)
	}
	if err != nil {
		return fmt.Errorf("insert document: %w", err)
	}
	return nil
}

func supersede(ctx context.Context, tx *sql.Tx, docID, key string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, stmt("supersede"), docID, key, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// RowError is a row of a document that could not be stored, with the
// source_ref of the row.
type RowError struct {
	SourceRef string
	Err       error
}

func (e *RowError) Error() string {
	if e.SourceRef == "" {
		return e.Err.Error()
	}
	return e.SourceRef + ": " + e.Err.Error()
}

func (e *RowError) Unwrap() error { return e.Err }

func rowErr(ref, format string, args ...any) error {
	return &RowError{SourceRef: ref, Err: fmt.Errorf(format, args...)}
}

// Status returns the stored status of a document, and whether it is stored.
func (w *Warehouse) Status(ctx context.Context, docID string) (string, bool, error) {
	var s string
	switch err := w.db.QueryRowContext(ctx, stmt("doc_status"), docID).Scan(&s); {
	case err == nil:
		return s, true, nil
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	default:
		return "", false, fmt.Errorf("look up document %s: %w", docID, err)
	}
}

// findingsOf returns d's findings plus one error finding per quarantine
// reason that no finding's message contains already.
func findingsOf(d *model.Disclosure) []model.Finding {
	out := d.Findings
	for _, q := range d.Quarantine {
		found := false
		for _, f := range d.Findings {
			if strings.Contains(f.Message, q) {
				found = true
				break
			}
		}
		if !found {
			out = append(out[:len(out):len(out)], model.Finding{Rule: "quarantine", Severity: model.SeverityError, Message: q})
		}
	}
	return out
}

// appendRows sends every row of d to the sink and returns how many it sent.
// A quarantined document contributes its findings only; a superseded one
// (a replaced old version) keeps all its rows, like any superseded version.
func appendRows(s rowSink, d *model.Disclosure, status string) (int, error) {
	id := d.Identity.DocID
	n := 0
	add := func(table string, row ...driver.Value) error {
		n++
		return s.Append(table, row...)
	}
	for i, f := range findingsOf(d) {
		if err := add("findings", id, i, f.Rule, f.Severity, str(f.Message), str(f.Expected), str(f.Actual), str(f.SourceRef)); err != nil {
			return n, err
		}
	}
	if status == model.StatusQuarantined {
		return n, nil
	}
	for i, t := range d.Tables {
		if err := add("doc_tables", id, i, t.Kind, str(t.Title), str(t.Number), str(t.Unit), t.Rows, t.Empty, str(t.Note), str(t.SourceRef)); err != nil {
			return n, err
		}
	}
	for i, t := range d.Totals {
		a, err := yuan(t.Amount)
		if err != nil {
			return n, rowErr(t.SourceRef, "total %s: %w", t.Key, err)
		}
		if err := add("totals", id, i, t.Key, str(t.Label), str(t.SourceTable), t.Measure, a, str(t.SourceRef)); err != nil {
			return n, err
		}
	}
	for i, f := range d.FuncAmounts {
		a, err := yuan(f.Amount)
		if err != nil {
			return n, rowErr(f.SourceRef, "func amount %s: %w", f.Code, err)
		}
		if err := add("func_amounts", id, i, str(f.SourceTable), f.Code, str(f.Name), str(f.Level), f.Measure, a, str(f.SourceRef)); err != nil {
			return n, err
		}
	}
	for i, e := range d.EconAmounts {
		a, err := yuan(e.Amount)
		if err != nil {
			return n, rowErr(e.SourceRef, "econ amount %s: %w", e.Name, err)
		}
		if err := add("econ_amounts", id, i, str(e.SourceTable), e.Scheme, str(e.Code), str(e.Name), str(e.ParentCode), e.Measure, a, str(e.SourceRef)); err != nil {
			return n, err
		}
	}
	for i, t := range d.ThreePublic {
		a, err := yuan(t.Amount)
		if err != nil {
			return n, rowErr(t.SourceRef, "three_public %s: %w", t.Item, err)
		}
		if err := add("three_public", id, i, str(t.SourceTable), t.Item, str(t.Label), t.Measure, a, str(t.SourceRef)); err != nil {
			return n, err
		}
	}
	for i, p := range d.Projects {
		a, err := yuan(p.Amount)
		if err != nil {
			return n, rowErr(p.SourceRef, "project %s: %w", p.Name, err)
		}
		var form, score driver.Value
		if p.Form >= 0 && p.Form < len(d.Forms) {
			form, score = p.Form, p.MatchScore
		}
		if err := add("projects", id, i, str(p.SourceTable), str(p.BudgetUnit), p.Name, a, form, score, str(p.SourceRef)); err != nil {
			return n, err
		}
		for j, f := range p.Funds {
			fa, err := yuan(f.Amount)
			if err != nil {
				return n, rowErr(p.SourceRef, "project %s fund %s: %w", p.Name, f.Measure, err)
			}
			if err := add("project_funds", id, i, j, f.Measure, fa); err != nil {
				return n, err
			}
		}
	}
	for i, f := range d.Forms {
		if err := appendForm(add, id, i, &f, len(d.Projects)); err != nil {
			return n, err
		}
	}
	for i, f := range d.Narrative {
		v, err := decValue(f.Value, 24, 4)
		if err != nil {
			return n, rowErr(f.SourceRef, "narrative %s: %w", f.Fact, err)
		}
		if err := add("narrative_facts", id, i, f.Fact, v, str(f.Unit), str(f.Text), str(f.SourceRef)); err != nil {
			return n, err
		}
	}
	for i, p := range d.Paragraphs {
		if err := add("paragraphs", id, i, str(p.Section), p.Text, str(p.SourceRef)); err != nil {
			return n, err
		}
	}
	for i, u := range d.Unaccounted {
		if err := add("unaccounted_lines", id, i, u.Text, str(u.Reason), str(u.SourceRef)); err != nil {
			return n, err
		}
	}
	for i, c := range d.Cells {
		if err := add("generic_cells", id, i, c.TableIndex, c.Row, c.Col, str(c.Text), str(c.SourceRef)); err != nil {
			return n, err
		}
	}
	return n, nil
}

func appendForm(add func(string, ...driver.Value) error, id string, i int, f *model.PerfForm, projects int) error {
	pt, err := yuanPtr(f.PeriodTotal)
	if err != nil {
		return rowErr(f.SourceRef, "form period total: %w", err)
	}
	at, err := yuanPtr(f.AnnualTotal)
	if err != nil {
		return rowErr(f.SourceRef, "form annual total: %w", err)
	}
	var proj, score driver.Value
	if f.ProjectIndex >= 0 && f.ProjectIndex < projects {
		proj, score = f.ProjectIndex, f.MatchScore
	}
	if err := add("perf_forms", id, i, f.Scope, str(f.Title), str(f.Project), str(f.Department), str(f.DepartmentCode),
		str(f.Implementer), str(f.Attribute), str(f.Period), pt, at, str(f.Overview), str(f.Basis), str(f.Necessity),
		str(f.Safeguards), str(f.Plan), str(f.PeriodGoal), str(f.AnnualGoal), proj, score, str(f.SourceRef)); err != nil {
		return err
	}
	for j, s := range f.Sources {
		a, err := yuanPtr(s.Amount)
		if err != nil {
			return rowErr(f.SourceRef, "form source %s: %w", s.Label, err)
		}
		if err := add("form_sources", id, i, j, str(s.Scope), str(s.Label), a); err != nil {
			return err
		}
	}
	for j, fl := range f.Fields {
		if err := add("form_fields", id, i, j, str(fl.Label), str(fl.Value), str(fl.SourceRef)); err != nil {
			return err
		}
	}
	for j, in := range f.Indicators {
		var num driver.Value
		if in.ValueNum != nil {
			v, err := decValue(*in.ValueNum, 24, 6)
			if err != nil {
				return rowErr(in.SourceRef, "indicator value: %w", err)
			}
			num = v
		}
		if err := add("indicators", id, i, j, in.Scope, str(in.Level1), str(in.Level2), str(in.Level3), str(in.ValueText),
			str(in.Comparator), num, str(in.ValueUnit), str(in.SourceRef)); err != nil {
			return err
		}
	}
	return nil
}
