package readertest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/ingest/xlsx"
	"github.com/budgetwh/budgetwh/internal/readertest"
	"github.com/budgetwh/budgetwh/internal/testutil"
)

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// shanxi returns the Shanxi text publication and its reading.
func shanxi(t *testing.T) (readertest.Source, []byte) {
	data := readFile(t, testutil.CorpusText(t))
	return readertest.Source{Name: "houma.txt", Data: data, Read: text.Read}, data
}

// TestSuite_shanxiText: the text publication, its GBK/CRLF re-encoding, its
// page-split variant (also GBK/CRLF) and a UTF-8 BOM copy give every fact
// kind identically.
func TestSuite_shanxiText(t *testing.T) {
	ref, data := shanxi(t)
	d, err := text.Read(context.Background(), ref.Name, data)
	if err != nil {
		t.Fatal(err)
	}
	split, n := readertest.PageSplit(data, d, 6)
	if n < 5 {
		t.Fatalf("page split touched %d tables, want at least 5", n)
	}
	readertest.Run(t, []readertest.Case{{
		Name: "houma",
		Ref:  ref,
		Others: []readertest.Source{
			{Name: "houma-gbk-crlf.txt", Data: readertest.GBKCRLF(t, data), Read: text.Read},
			{Name: "houma-page-split.txt", Data: split, Read: text.Read},
			{Name: "houma-page-split-gbk-crlf.txt", Data: readertest.GBKCRLF(t, split), Read: text.Read},
			{Name: "houma-bom.txt", Data: append([]byte("\xef\xbb\xbf"), data...), Read: text.Read},
		},
		Kinds: readertest.AllKinds,
		Min:   400,
		Note:  "same text, same facts: nothing is exempt",
	}})
}

// TestSuite_shanxiWorkbook: a workbook of the text publication's tables
// gives the same table facts as the text.
func TestSuite_shanxiWorkbook(t *testing.T) {
	ref, data := shanxi(t)
	d, err := text.Read(context.Background(), ref.Name, data)
	if err != nil {
		t.Fatal(err)
	}
	readertest.Run(t, []readertest.Case{{
		Name: "houma",
		Ref:  ref,
		Others: []readertest.Source{
			{Name: "houma.xlsx", Data: readertest.Workbook(t, d, readertest.WorkbookOptions{}), Read: xlsx.Read},
			{Name: "houma-numbers.xlsx", Data: readertest.Workbook(t, d, readertest.WorkbookOptions{TextNumbers: func(int) bool { return false }}), Read: xlsx.Read},
			{Name: "houma-text.xlsx", Data: readertest.Workbook(t, d, readertest.WorkbookOptions{TextNumbers: func(int) bool { return true }}), Read: xlsx.Read},
		},
		Kinds: append([]readertest.Kind{readertest.Identity, readertest.Findings, readertest.Unaccounted}, readertest.TableKinds...),
		Min:   300,
		Note: "a tables-only workbook has no prose: narrative and paragraphs are out; identity (from the 部门名称 rows), " +
			"findings and unaccounted lines agree for this publication, so they are in",
	}})
}

// pdfKnown are the differences between a corpus publication's PDF reading
// and the workbook built from it that are reader defects not fixed yet, by
// file (generated with readertest.Differences, each checked by hand, with a
// Why naming the defect). None at present.
var pdfKnown = map[string][]readertest.Known{}

// TestSuite_pdfWorkbook: for every publication of the real corpus (PDF
// parts joined as ingest joins them), a workbook of its tables gives the same
// table facts as the PDF. All 15 agree with no known difference (e.g.
// Shanghai sh-putuo-wanlijiedao-2023 with 681 fact rows, Jiangsu
// js-gaojirenminfayuan-2018); a new reader defect goes to pdfKnown.
func TestSuite_pdfWorkbook(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every corpus PDF")
	}
	srcs, err := ingest.Discover([]string{filepath.Join(testutil.CorpusDir(t), "real")})
	if err != nil {
		t.Fatal(err)
	}
	var cases []readertest.Case
	for _, src := range srcs {
		name := filepath.Base(src.Name())
		if filepath.Ext(name) != ".pdf" {
			continue // the review checklists beside the PDFs
		}
		d, err := ingest.Read(context.Background(), src)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		// The reference reading is the one just made (ingest.Read: the PDF
		// reader, parts joined); reading twice would only cost time.
		read := func(context.Context, string, []byte) (*doc.Document, error) { return d, nil }
		min := 50
		if strings.Contains(name, "blank-template") {
			min = 10 // the blank template's tables rows only
		}
		cases = append(cases, readertest.Case{
			Name:   name,
			Ref:    readertest.Source{Name: name, Read: read},
			Others: []readertest.Source{{Name: name + ".xlsx", Data: readertest.Workbook(t, d, readertest.WorkbookOptions{}), Read: xlsx.Read}},
			Kinds:  readertest.TableKinds,
			Min:    min,
			Note:   "tables-only workbook (see readertest.TableKinds)",
			Known:  pdfKnown[name],
		})
	}
	if len(cases) < 12 {
		t.Fatalf("only %d corpus publications discovered", len(cases))
	}
	readertest.Run(t, cases)
}
