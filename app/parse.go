package app

import (
	"context"

	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema"
)

// Parse reads, interprets, identifies and checks one source exactly as
// Ingest does, without writing it (w is consulted only to skip a document
// already stored). The disclosure is nil when nothing would be written; the
// result says why.
func Parse(ctx context.Context, w *schema.Warehouse, p Pipeline, src ingest.Source) (*model.Disclosure, DocResult) {
	return parseOne(ctx, w, p, false, false, src)
}
