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
// check.Quarantine, and check.Corpus plus identity.SupersedeConflicts (with
// the same aliases) for the cross-document rules.
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
		Corpus:     corpusFindingsWith(a),
	}, nil
}

// refreshCorpusFindings runs the cross-document rules over w and replaces
// the stored cross-document findings with their result; it returns how many
// there are now (ingest, merge and recheck end with it).
func refreshCorpusFindings(ctx context.Context, w *schema.Warehouse, rules func(context.Context, *sql.DB) ([]schema.DocFinding, error)) (int, error) {
	fs, err := rules(ctx, w.DB())
	if err == nil {
		err = w.ReplaceCorpusFindings(ctx, fs)
	}
	if err != nil {
		return 0, fmt.Errorf("cross-document rules: %w", err)
	}
	return len(fs), nil
}

// corpusFindings runs the cross-document rules over the warehouse with the
// shipped alias file (merge and recheck, which take no alias file).
func corpusFindings(ctx context.Context, db *sql.DB) ([]schema.DocFinding, error) {
	a, err := identity.DefaultAliases()
	if err != nil {
		return nil, fmt.Errorf("load aliases: %w", err)
	}
	return corpusFindingsWith(a)(ctx, db)
}

// corpusFindingsWith returns the cross-document rules: check.Corpus, then
// identity.SupersedeConflicts (a document that superseded another of a
// clearly different department name) with the aliases a.
func corpusFindingsWith(a *identity.Aliases) func(context.Context, *sql.DB) ([]schema.DocFinding, error) {
	return func(ctx context.Context, db *sql.DB) ([]schema.DocFinding, error) {
		fs, err := check.Corpus(ctx, db)
		if err != nil {
			return nil, err
		}
		out := make([]schema.DocFinding, 0, len(fs))
		for _, f := range fs {
			out = append(out, schema.DocFinding{DocID: f.DocID, Finding: f.Finding})
		}
		cs, err := identity.SupersedeConflicts(ctx, db, a)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			out = append(out, schema.DocFinding{DocID: c.DocID, Finding: c.Finding})
		}
		return out, nil
	}
}
