package readertest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/pdf"
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

// TestSuite_shanxiText: the text publication, its GBK/CRLF re-encoding and
// its page-split variant give every fact kind identically.
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
		Name:   "houma",
		Ref:    ref,
		Others: []readertest.Source{{Name: "houma.xlsx", Data: readertest.Workbook(t, d, readertest.WorkbookOptions{}), Read: xlsx.Read}},
		Kinds:  readertest.TableKinds,
		Min:    300,
		Note:   "a tables-only workbook has no prose: narrative, paragraphs, prose-vs-table findings and cover-page identity are out",
	}})
}

// TestSuite_pdfWorkbook: a workbook of a real PDF's tables (Shanghai,
// Jiangsu) gives the same table facts as the PDF.
func TestSuite_pdfWorkbook(t *testing.T) {
	if testing.Short() {
		t.Skip("reads corpus PDFs")
	}
	var cases []readertest.Case
	for _, name := range []string{"sh-putuo-zhengfubangongshi-2025-bumen-yusuan.pdf", "js-rendabangongting-2017-bumen-yusuan.pdf"} {
		data := readFile(t, filepath.Join(testutil.CorpusDir(t), "real", name))
		d, err := pdf.Read(context.Background(), name, data)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, readertest.Case{
			Name:   name,
			Ref:    readertest.Source{Name: name, Data: data, Read: pdf.Read},
			Others: []readertest.Source{{Name: name + ".xlsx", Data: readertest.Workbook(t, d, readertest.WorkbookOptions{}), Read: xlsx.Read}},
			Kinds:  readertest.TableKinds,
			Min:    50,
			Note:   "tables-only workbook (see TableKinds)",
		})
	}
	readertest.Run(t, cases)
}
