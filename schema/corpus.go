package schema

import (
	"context"
	"fmt"

	"github.com/budgetwh/budgetwh/model"
)

// DocFinding is a finding about one document from a rule that looks across
// documents.
type DocFinding struct {
	DocID string
	model.Finding
}

// ReplaceCorpusFindings replaces every stored cross-document finding with
// fs, in one transaction (the findings view shows them with each
// document's own findings).
func (w *Warehouse) ReplaceCorpusFindings(ctx context.Context, fs []DocFinding) error {
	if w.readOnly {
		return fmt.Errorf("replace corpus findings: %w", ErrReadOnly)
	}
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace corpus findings: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after commit
	if _, err := tx.ExecContext(ctx, stmt("clear_corpus_findings")); err != nil {
		return fmt.Errorf("replace corpus findings: %w", err)
	}
	st, err := tx.PrepareContext(ctx, stmt("insert_corpus_finding"))
	if err != nil {
		return fmt.Errorf("replace corpus findings: %w", err)
	}
	defer st.Close()
	seq := map[string]int{}
	for _, f := range fs {
		n := seq[f.DocID]
		seq[f.DocID] = n + 1
		if _, err := st.ExecContext(ctx, f.DocID, n, validUTF8(f.Rule), validUTF8(f.Severity), str(f.Message), str(f.Expected), str(f.Actual), str(f.SourceRef)); err != nil {
			return fmt.Errorf("replace corpus findings: %s: %w", f.DocID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace corpus findings: %w", err)
	}
	return nil
}
