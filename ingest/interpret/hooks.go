package interpret

import (
	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/forms"
	"github.com/budgetwh/budgetwh/model"
)

// parseForms runs the performance-form parser (package forms) and returns
// the forms with the indices of the blocks they consumed.
func parseForms(blocks []doc.Block) ([]model.PerfForm, map[int]bool) {
	fs, used := forms.Parse(blocks)
	if used == nil {
		used = map[int]bool{}
	}
	for i := range fs {
		fs[i].ProjectIndex = -1
	}
	return fs, used
}

// extractProse returns the narrative facts of the prose.
//
// HOOK: package ingest/prose (prose.Extract(blocks, prose.Info{FiscalYear,
// Department})) is not committed yet; until it is, no narrative facts are
// extracted here. Paragraphs are still kept verbatim (Disclosure.Paragraphs).
func extractProse(blocks []doc.Block, year int, dept string) []model.NarrativeFact {
	_, _, _ = blocks, year, dept
	return nil
}
