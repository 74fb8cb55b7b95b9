package export

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// WorkbookName is the file of an XLSX export.
const WorkbookName = "budgetwh.xlsx"

// maxSheetRows is the number of data rows per sheet: Excel's 1,048,576 rows
// less the header row.
const maxSheetRows = excelize.TotalRows - 1

// workbook writes every view into one XLSX file.
type workbook struct {
	f        *excelize.File
	header   int
	dateSt   int
	tsSt     int
	amountSt map[int32]int // decimal scale → style
	maxRows  int
	first    bool
}

func newWorkbook(maxRows int) (*workbook, error) {
	f := excelize.NewFile()
	wb := &workbook{f: f, amountSt: map[int32]int{}, maxRows: maxRows, first: true}
	var err error
	if wb.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return nil, fmt.Errorf("create workbook: %w", err)
	}
	df, tf := "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
	if wb.dateSt, err = f.NewStyle(&excelize.Style{CustomNumFmt: &df}); err != nil {
		return nil, fmt.Errorf("create workbook: %w", err)
	}
	if wb.tsSt, err = f.NewStyle(&excelize.Style{CustomNumFmt: &tf}); err != nil {
		return nil, fmt.Errorf("create workbook: %w", err)
	}
	return wb, nil
}

func (wb *workbook) amountStyle(scale int32) (int, error) {
	if st, ok := wb.amountSt[scale]; ok {
		return st, nil
	}
	nf := "0"
	if scale > 0 {
		nf += "." + strings.Repeat("0", int(scale))
	}
	st, err := wb.f.NewStyle(&excelize.Style{CustomNumFmt: &nf})
	if err != nil {
		return 0, fmt.Errorf("create workbook style: %w", err)
	}
	wb.amountSt[scale] = st
	return st, nil
}

// sheetName is the name of the n-th sheet (1-based) of a view.
func sheetName(view string, n int) string {
	if n == 1 {
		return view
	}
	return view + "_" + strconv.Itoa(n)
}

// newSheet starts a sheet with the bold, frozen header row.
func (wb *workbook) newSheet(name string, cols []Column) (*excelize.StreamWriter, error) {
	if wb.first {
		if err := wb.f.SetSheetName("Sheet1", name); err != nil {
			return nil, fmt.Errorf("create sheet %s: %w", name, err)
		}
		wb.first = false
	} else if _, err := wb.f.NewSheet(name); err != nil {
		return nil, fmt.Errorf("create sheet %s: %w", name, err)
	}
	sw, err := wb.f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("create sheet %s: %w", name, err)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, fmt.Errorf("freeze header of %s: %w", name, err)
	}
	row := make([]any, len(cols))
	for i, c := range cols {
		row[i] = excelize.Cell{StyleID: wb.header, Value: c.Name}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return nil, fmt.Errorf("write header of %s: %w", name, err)
	}
	return sw, nil
}

// cell converts a scanned value into an excelize cell.
func (wb *workbook) cell(c Column, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch c.kind {
	case kDecimal:
		n, err := c.unscaled(v)
		if err != nil {
			return nil, err
		}
		st, err := wb.amountStyle(c.scale)
		if err != nil {
			return nil, err
		}
		return excelize.Cell{StyleID: st, Value: decimal.NewFromBigInt(n, -c.scale).InexactFloat64()}, nil
	case kDate:
		if t, ok := v.(time.Time); ok {
			return excelize.Cell{StyleID: wb.dateSt, Value: t}, nil
		}
	case kTimestamp, kTimestampNS, kTimestampTZ:
		if t, ok := v.(time.Time); ok {
			return excelize.Cell{StyleID: wb.tsSt, Value: t.UTC()}, nil
		}
	case kBool:
		return v, nil
	case kInt8, kInt16, kInt32, kInt64:
		if i, ok := toInt64(v); ok {
			return i, nil
		}
	case kUint8, kUint16, kUint32, kUint64:
		if u, ok := toUint64(v); ok {
			return u, nil
		}
	case kFloat32, kFloat64:
		return v, nil
	}
	s, err := c.text(v)
	if err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(s) > excelize.TotalCellChars {
		return nil, fmt.Errorf("column %s: text of %d characters exceeds Excel's cell limit of %d (export as parquet or csv)", c.Name, utf8.RuneCountInString(s), excelize.TotalCellChars)
	}
	return s, nil
}

// writeView writes one view into one or more sheets and returns the sheet
// names and the doc_ids seen.
func (wb *workbook) writeView(ctx context.Context, db *sql.DB, view string, cols []Column, onRow func([]any)) ([]string, error) {
	var (
		sheets []string
		sw     *excelize.StreamWriter
		inRow  int // data rows in the current sheet
		out    = make([]any, len(cols))
		err    error
	)
	start := func() error {
		name := sheetName(view, len(sheets)+1)
		if sw, err = wb.newSheet(name, cols); err != nil {
			return err
		}
		sheets = append(sheets, name)
		inRow = 0
		return nil
	}
	if err := start(); err != nil {
		return nil, err
	}
	err = scanRows(ctx, db, view, nil, len(cols), func(vals []any) error {
		if inRow == wb.maxRows {
			if err := sw.Flush(); err != nil {
				return fmt.Errorf("write sheet %s: %w", sheets[len(sheets)-1], err)
			}
			if err := start(); err != nil {
				return err
			}
		}
		for i, v := range vals {
			c, err := wb.cell(cols[i], v)
			if err != nil {
				return fmt.Errorf("write sheet %s row %d: %w", sheets[len(sheets)-1], inRow+2, err)
			}
			out[i] = c
		}
		inRow++
		cell, _ := excelize.CoordinatesToCellName(1, inRow+1)
		if err := sw.SetRow(cell, out); err != nil {
			return fmt.Errorf("write sheet %s row %d: %w", sheets[len(sheets)-1], inRow+1, err)
		}
		onRow(vals)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := sw.Flush(); err != nil {
		return nil, fmt.Errorf("write sheet %s: %w", sheets[len(sheets)-1], err)
	}
	return sheets, nil
}

// save writes the workbook into the stage.
func (wb *workbook) save(s *stage) (FileEntry, error) {
	defer wb.f.Close()
	sf, err := s.create(WorkbookName)
	if err != nil {
		return FileEntry{}, err
	}
	if _, err := wb.f.WriteTo(sf); err != nil {
		sf.abort()
		return FileEntry{}, fmt.Errorf("write %s: %w", WorkbookName, err)
	}
	return sf.finish(0)
}
