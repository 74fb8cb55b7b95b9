package app

import (
	"context"
	"io"

	"github.com/budgetwh/budgetwh/schema"
)

// Schema writes the data dictionary: every public view with its columns'
// types and meanings, then every vocabulary word.
func Schema(ctx context.Context, w io.Writer) error {
	entries, err := schema.Describe(ctx)
	if err != nil {
		return err
	}
	return schema.WriteDictionary(w, entries)
}
