package app

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/budgetwh/budgetwh/check"
	"github.com/budgetwh/budgetwh/identity"
	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/schema"
)

// DefaultPipeline returns the stages built into this binary: ingest.Load,
// interpret.Interpret, identity.Assign with the shipped alias file
// overridden by the one at aliases (when not empty), check.Document and
// check.Quarantine, and check.Corpus for the cross-document rules.
func DefaultPipeline(aliases string) (Pipeline, error) {
	a, err := identity.LoadAliasesWith(aliases)
	if err != nil {
		return Pipeline{}, fmt.Errorf("load aliases: %w", err)
	}
	return Pipeline{
		Load:       ingest.Load,
		Interpret:  interpret.Interpret,
		Assign:     identity.AssignFunc(a),
		Check:      check.Document,
		Quarantine: check.Quarantine,
		Corpus:     corpusFindings,
	}, nil
}

// corpusFindings runs check.Corpus over the warehouse.
func corpusFindings(ctx context.Context, db *sql.DB) ([]schema.DocFinding, error) {
	fs, err := check.Corpus(ctx, db)
	if err != nil {
		return nil, err
	}
	out := make([]schema.DocFinding, len(fs))
	for i, f := range fs {
		out[i] = schema.DocFinding{DocID: f.DocID, Finding: f.Finding}
	}
	return out, nil
}
