package recognize

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/internal/testutil"
)

// dumpTables renders recognised tables for golden comparison.
func dumpTables(ts []Table) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "== %s %s kind=%s number=%q title=%q dept=%q unit=%q rows=%d header=%d empty=%v note=%q blocks=%v structural=%d\n",
			t.Ref, "", t.Kind, t.Number, t.Title, t.Department, t.Unit, len(t.Rows), len(t.Header), t.Empty(), t.Note, t.Blocks, len(t.Structural))
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "   col %d label=%q measure=%q isLabel=%v\n", c.Index, c.Label, c.Measure, c.IsLabel)
		}
		for _, r := range t.Rows {
			fmt.Fprintf(&b, "   %s %q\n", r.Ref, r.Texts())
		}
	}
	return b.String()
}

func corpusTables(t *testing.T) []Table {
	t.Helper()
	data, err := os.ReadFile(testutil.CorpusText(t))
	if err != nil {
		t.Fatal(err)
	}
	d, err := text.Read(context.Background(), "houma.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	return Tables(d)
}

func TestTables_corpusGolden(t *testing.T) {
	testutil.Golden(t, "testdata/houma.tables.golden", []byte(dumpTables(corpusTables(t))))
}
