// Package texttest turns text-dialect publications into blocks for the tests
// of the packages that consume blocks (forms, prose, …).
package texttest

import (
	"context"
	"os"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/internal/testutil"
)

// CorpusBlocks reads the Shanxi corpus text publication into blocks, or
// skips the test when it cannot be read.
func CorpusBlocks(t testing.TB) []doc.Block {
	t.Helper()
	data, err := os.ReadFile(testutil.CorpusText(t))
	if err != nil {
		t.Skipf("corpus text not readable: %v", err)
	}
	d, err := text.Read(context.Background(), "houma-jjkjfzb-2024-budget.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	return d.Blocks
}

// Blocks turns a small text into blocks with the text reader.
func Blocks(t testing.TB, s string) []doc.Block {
	t.Helper()
	d, err := text.Read(context.Background(), "t.txt", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return d.Blocks
}
