package schema

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/budgetwh/budgetwh/model"
)

// FindingsChange says what ReplaceFindings changed for one document.
type FindingsChange struct {
	// Added are the new findings that were not stored; Removed the stored
	// ones (not kept) that the new set no longer has. Findings compare by
	// every field; duplicates count.
	Added, Removed []model.Finding
	// Kept is the number of stored findings left as they were (keep true).
	Kept int
}

// Changed reports whether the stored findings changed.
func (c FindingsChange) Changed() bool { return len(c.Added) > 0 || len(c.Removed) > 0 }

// ReplaceFindings replaces the stored findings of one document, in one
// transaction: the stored findings for which keep returns true stay (in
// their order), every other one is replaced by fs. Nothing is written when
// the replaced findings equal fs (as a multiset). The document's status
// and rows are not touched; cross-document findings are
// ReplaceCorpusFindings'. An unknown doc_id yields ErrNoDocument.
func (w *Warehouse) ReplaceFindings(ctx context.Context, docID string, keep func(model.Finding) bool, fs []model.Finding) (FindingsChange, error) {
	var ch FindingsChange
	if w.readOnly {
		return ch, fmt.Errorf("replace findings of %s: %w", docID, ErrReadOnly)
	}
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return ch, fmt.Errorf("replace findings of %s: %w", docID, err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after commit
	var status string
	switch err := tx.QueryRowContext(ctx, stmt("doc_status"), docID).Scan(&status); {
	case errors.Is(err, sql.ErrNoRows):
		return ch, fmt.Errorf("replace findings of %s: %w", docID, ErrNoDocument)
	case err != nil:
		return ch, fmt.Errorf("replace findings of %s: %w", docID, err)
	}
	var kept, old []model.Finding
	l := &loader{ctx: ctx, q: tx, args: []any{docID}}
	err = l.each("load_findings", func(r *sql.Rows) error {
		var f model.Finding
		if err := r.Scan(&f.Rule, &f.Severity, &f.Message, &f.Expected, &f.Actual, &f.SourceRef); err != nil {
			return err
		}
		if keep != nil && keep(f) {
			kept = append(kept, f)
		} else {
			old = append(old, f)
		}
		return nil
	})
	if err != nil {
		return ch, fmt.Errorf("replace findings of %s: read: %w", docID, err)
	}
	ch.Kept = len(kept)
	ch.Added, ch.Removed = diffFindings(old, fs), diffFindings(fs, old)
	if !ch.Changed() {
		return ch, nil
	}
	if _, err := tx.ExecContext(ctx, stmt("delete_findings"), docID); err != nil {
		return ch, fmt.Errorf("replace findings of %s: delete: %w", docID, err)
	}
	ins, err := tx.PrepareContext(ctx, stmt("insert_finding"))
	if err != nil {
		return ch, fmt.Errorf("replace findings of %s: %w", docID, err)
	}
	defer ins.Close()
	for i, f := range append(kept, fs...) {
		if _, err := ins.ExecContext(ctx, docID, i, validUTF8(f.Rule), validUTF8(f.Severity), str(f.Message),
			str(f.Expected), str(f.Actual), str(f.SourceRef)); err != nil {
			return ch, fmt.Errorf("replace findings of %s: insert %s: %w", docID, f.Rule, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return ch, fmt.Errorf("replace findings of %s: commit: %w", docID, err)
	}
	return ch, nil
}

// diffFindings returns the findings of b that a does not have, counting
// duplicates, in b's order. Text is compared as stored (invalid UTF-8
// replaced).
func diffFindings(a, b []model.Finding) []model.Finding {
	have := map[model.Finding]int{}
	for _, f := range a {
		have[storedFinding(f)]++
	}
	var out []model.Finding
	for _, f := range b {
		k := storedFinding(f)
		if have[k] > 0 {
			have[k]--
			continue
		}
		out = append(out, f)
	}
	return out
}

func storedFinding(f model.Finding) model.Finding {
	return model.Finding{Rule: validUTF8(f.Rule), Severity: validUTF8(f.Severity), Message: validUTF8(f.Message),
		Expected: validUTF8(f.Expected), Actual: validUTF8(f.Actual), SourceRef: validUTF8(f.SourceRef)}
}

// DocFindings are the new rule findings of one document.
type DocFindings struct {
	DocID    string
	Findings []model.Finding
}

// ReplaceFindingsBatch is ReplaceFindings for several documents: their
// stored findings are read with one query and compared with the new ones,
// and only a document whose findings changed is written, by ReplaceFindings
// (its own transaction, which compares again). The changes are in the order
// of docs. An unknown doc_id with new findings yields ErrNoDocument (one
// without is reported unchanged); on error the documents before the failing
// one stay replaced.
func (w *Warehouse) ReplaceFindingsBatch(ctx context.Context, docs []DocFindings, keep func(model.Finding) bool) ([]FindingsChange, error) {
	if w.readOnly {
		return nil, fmt.Errorf("replace findings: %w", ErrReadOnly)
	}
	ids := make([]string, len(docs))
	stored := make(map[string][]model.Finding, len(docs))
	for i, d := range docs {
		ids[i] = d.DocID
		stored[d.DocID] = nil
	}
	l := &loader{ctx: ctx, q: w.db, args: []any{ids}}
	if err := l.each("load_findings_of", func(r *sql.Rows) error {
		var (
			docID string
			f     model.Finding
		)
		if err := r.Scan(&docID, &f.Rule, &f.Severity, &f.Message, &f.Expected, &f.Actual, &f.SourceRef); err != nil {
			return err
		}
		stored[docID] = append(stored[docID], f)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("replace findings: read: %w", err)
	}
	out := make([]FindingsChange, 0, len(docs))
	for _, d := range docs {
		var ch FindingsChange
		var old []model.Finding
		for _, f := range stored[d.DocID] {
			if keep != nil && keep(f) {
				ch.Kept++
			} else {
				old = append(old, f)
			}
		}
		ch.Added, ch.Removed = diffFindings(old, d.Findings), diffFindings(d.Findings, old)
		if ch.Changed() {
			var err error
			if ch, err = w.ReplaceFindings(ctx, d.DocID, keep, d.Findings); err != nil {
				return out, err
			}
		}
		out = append(out, ch)
	}
	return out, nil
}
