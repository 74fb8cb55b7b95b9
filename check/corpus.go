package check

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"

	"github.com/budgetwh/budgetwh/model"
)

//go:embed corpus.sql
var corpusSQL string

// CorpusQuery returns the SQL of the cross-document rule (over the contract
// views func_amounts and documents), for callers that store or union its
// rows themselves. Columns: doc_id, fiscal_year, code, name, expected,
// expected_docs, docs, others, source_ref.
func CorpusQuery() string { return corpusSQL }

// CorpusRuleFuncName is the id of the cross-document rule.
const CorpusRuleFuncName = "corpus.func_name"

// CorpusRule documents the cross-document rule (it runs over the warehouse,
// not over one Disclosure, so it is not part of Rules).
var CorpusRule = Rule{
	ID:          CorpusRuleFuncName,
	Severity:    model.SeverityWarning,
	Description: "a functional code's name in a document is the name the other loaded documents of the same fiscal year give it (the most common wording; every wording when several tie)",
	Tolerance:   "names compared without whitespace",
}

// CorpusFinding is a finding of a cross-document rule, for the document
// DocID.
type CorpusFinding struct {
	DocID string
	model.Finding
}

// Corpus runs the cross-document rules over the warehouse's contract views
// and returns one finding per deviating (document, code, name), ordered by
// fiscal year, code and doc_id. The caller stores them (the findings of a
// document are the warehouse writer's).
func Corpus(ctx context.Context, db *sql.DB) ([]CorpusFinding, error) {
	rows, err := db.QueryContext(ctx, corpusSQL)
	if err != nil {
		return nil, fmt.Errorf("query corpus rules: %w", err)
	}
	defer rows.Close()
	var out []CorpusFinding
	for rows.Next() {
		var (
			docID, code, name, expected, others string
			year, expectedDocs, docs            int
			ref                                 sql.NullString
		)
		if err := rows.Scan(&docID, &year, &code, &name, &expected, &expectedDocs, &docs, &others, &ref); err != nil {
			return nil, fmt.Errorf("scan corpus finding: %w", err)
		}
		out = append(out, CorpusFinding{DocID: docID, Finding: model.Finding{
			Rule:     CorpusRuleFuncName,
			Severity: model.SeverityWarning,
			Message: fmt.Sprintf("functional code %s is named %s here (%d document(s) of %d) but %s in %d document(s); wordings: %s",
				code, name, docs, year, expected, expectedDocs, others),
			Expected:  expected,
			Actual:    name,
			SourceRef: ref.String,
		}})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read corpus findings: %w", err)
	}
	return out, nil
}
