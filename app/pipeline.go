package app

import (
	"fmt"

	"github.com/budgetwh/budgetwh/check"
	"github.com/budgetwh/budgetwh/identity"
	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/ingest/interpret"
)

// DefaultPipeline returns the stages built into this binary: ingest.Load,
// interpret.Interpret, identity.Assign with the shipped alias file
// overridden by the one at aliases (when not empty), check.Document and
// check.Quarantine.
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
	}, nil
}
