package pdf

import (
	"context"
	"fmt"
	"os"
	"testing"
)

// TestDebugDump prints the blocks of the PDF named by BUDGETWH_PDF_DUMP; a
// developer aid, skipped otherwise.
func TestDebugDump(t *testing.T) {
	f := os.Getenv("BUDGETWH_PDF_DUMP")
	if f == "" {
		t.Skip("set BUDGETWH_PDF_DUMP=file.pdf to print its blocks")
	}
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(context.Background(), f, data)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Print(dumpBlocks(d))
}
