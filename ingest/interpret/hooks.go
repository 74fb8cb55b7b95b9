package interpret

import (
	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/forms"
	"github.com/budgetwh/budgetwh/ingest/prose"
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

// extractProse returns the narrative facts of the prose (package prose);
// fs are the forms parseForms found in the same blocks.
func extractProse(blocks []doc.Block, year int, dept string, fs []model.PerfForm) []model.NarrativeFact {
	return prose.ExtractWithForms(blocks, prose.Info{FiscalYear: year, Department: dept}, fs)
}
