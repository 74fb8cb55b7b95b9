package readertest_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/recognize"
	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/internal/readertest"
	"github.com/xuri/excelize/v2"
)

func shanxiDoc(t *testing.T) ([]byte, *doc.Document) {
	t.Helper()
	_, data := shanxi(t)
	d, err := text.Read(context.Background(), "houma.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	return data, d
}

// TestWorkbook checks the workbook has the publisher layout the suite
// relies on: one sheet per table (forms included), title, 部门名称 and 单位
// rows, merged multi-row headers, amounts stored as numbers in some tables
// and as text in others.
func TestWorkbook(t *testing.T) {
	_, d := shanxiDoc(t)
	f, err := excelize.OpenReader(bytes.NewReader(readertest.Workbook(t, d, readertest.WorkbookOptions{})))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tables int
	for _, tb := range recognize.Tables(d) {
		if tb.Kind != recognize.KindTOC {
			tables++
		}
	}
	sheets := f.GetSheetList()
	if len(sheets) != tables || tables < 25 {
		t.Fatalf("%d sheets for %d tables, want one per table (at least 25)", len(sheets), tables)
	}
	var numeric, textual, merged, forms, captions int
	for _, s := range sheets {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(s, "绩效目标") {
			forms++
		}
		for _, r := range rows {
			if len(r) > 0 && strings.HasPrefix(r[0], "部门名称：") && strings.HasPrefix(r[len(r)-1], "单位：") {
				captions++
			}
		}
		ms, err := f.GetMergeCells(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
			_, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if r0 <= 2 && r1 == r0 && c0 == 1 {
				continue // the title row
			}
			merged++
		}
		cols, err := f.GetCols(s)
		if err != nil {
			t.Fatal(err)
		}
		for ci, col := range cols {
			for ri, v := range col {
				if v == "" || strings.Trim(strings.ReplaceAll(v, ",", ""), "0123456789.") != "" || !strings.Contains(v, ".") {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				typ, err := f.GetCellType(s, cell)
				if err != nil {
					t.Fatal(err)
				}
				if typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
					numeric++
				} else {
					textual++
				}
			}
		}
	}
	t.Logf("%d sheets, %d forms, %d captions, %d header merges, %d amounts as numbers, %d as text", len(sheets), forms, captions, merged, numeric, textual)
	if forms < 14 {
		t.Errorf("%d form sheets, want the 14 forms", forms)
	}
	if captions < 13 {
		t.Errorf("%d 部门名称/单位 rows, want one per standard table (13)", captions)
	}
	if merged < 15 {
		t.Errorf("%d header merges, want the multi-row headers merged", merged)
	}
	if numeric < 50 || textual < 50 {
		t.Errorf("%d amounts stored as numbers, %d as text: want both layouts", numeric, textual)
	}
}

// TestGBKCRLF: the re-encoded text is not UTF-8, has CRLF line ends and
// decodes back to the original.
func TestGBKCRLF(t *testing.T) {
	data, _ := shanxiDoc(t)
	g := readertest.GBKCRLF(t, data)
	if utf8.Valid(g) {
		t.Error("GBK text is valid UTF-8: the decoder would not be exercised")
	}
	if n, lf := bytes.Count(g, []byte("\r\n")), bytes.Count(data, []byte("\n")); n != lf {
		t.Errorf("%d CRLF, want %d", n, lf)
	}
	back, err := text.Decode(g)
	if err != nil {
		t.Fatal(err)
	}
	if back != strings.ReplaceAll(string(data), "\n", "\r\n") {
		t.Error("GBK text does not decode to the original")
	}
}

// TestPageSplit: tables are split by a page number and repeated headers,
// and the reader sees more table blocks and page breaks than before.
func TestPageSplit(t *testing.T) {
	data, d := shanxiDoc(t)
	split, n := readertest.PageSplit(data, d, 6)
	if n < 5 {
		t.Fatalf("%d tables split", n)
	}
	if !bytes.Contains(split, []byte("\n- 101 -\n")) {
		t.Error("no page number line")
	}
	sd, err := text.Read(context.Background(), "split.txt", split)
	if err != nil {
		t.Fatal(err)
	}
	count := func(d *doc.Document, k doc.Kind) int {
		c := 0
		for _, b := range d.Blocks {
			if b.Kind == k {
				c++
			}
		}
		return c
	}
	if got, want := count(sd, doc.Table), count(d, doc.Table)+n; got != want {
		t.Errorf("%d table blocks after the split, want %d", got, want)
	}
	if got, want := count(sd, doc.PageBreak), count(d, doc.PageBreak)+2*n; got != want {
		t.Errorf("%d page breaks after the split, want %d", got, want)
	}
	if got, want := sd.Lines, d.Lines; got <= want+n {
		t.Errorf("%d lines after the split, want more than %d (page numbers and repeated headers)", got, want+n)
	}
}
