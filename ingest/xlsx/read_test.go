package xlsx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/pdf"
	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// The tables below are transcribed by hand from
// sh-putuo-sifaju-2026-bumen-yusuan.pdf (pages 10, 11 and 21) and laid out
// the way publishers build such workbooks: a merged title row, a 编制部门 /
// 单位 row, a merged multi-row header, then data rows.

const pdfName = "sh-putuo-sifaju-2026-bumen-yusuan.pdf"

var summaryRows = [][]any{
	{"一、财政拨款收入", 96282213.44, "一、公共安全支出", 87267272.44},
	{"1. 一般公共预算", 96282213.44, "二、社会保障和就业支出", 3343704.00},
	{"2. 政府性基金预算", 0.0, "三、卫生健康支出", 1149678.00},
	{"3. 国有资本经营预算", 0.0, "四、住房保障支出", 4521559.00},
	{"二、事业收入", 0.0, nil, nil},
	{"三、事业单位经营收入", 0.0, nil, nil},
	{"四、其他收入", 0.0, nil, nil},
	{"收入总计", 96282213.44, "支出总计", 96282213.44},
}

var incomeRows = [][]any{
	{"204", "", "", "公共安全支出", 87267272.44, 87267272.44, 0.0, 0.0, 0.0},
	{"204", "06", "", "司法", 87267272.44, 87267272.44, 0.0, 0.0, 0.0},
	{"204", "06", "01", "行政运行", 16726725.44, 16726725.44, 0.0, 0.0, 0.0},
	{"204", "06", "04", "基层司法业务", 21703947.00, 21703947.00, 0.0, 0.0, 0.0},
	{"204", "06", "05", "普法宣传", 1242900.00, 1242900.00, 0.0, 0.0, 0.0},
	{"204", "06", "07", "公共法律服务", 6860000.00, 6860000.00, 0.0, 0.0, 0.0},
	{"204", "06", "13", "信息化建设", 2278800.00, 2278800.00, 0.0, 0.0, 0.0},
	{"204", "06", "99", "其他司法支出", 38454900.00, 38454900.00, 0.0, 0.0, 0.0},
	{"208", "", "", "社会保障和就业支出", 3343704.00, 3343704.00, 0.0, 0.0, 0.0},
	{"208", "05", "", "行政事业单位养老支出", 3343704.00, 3343704.00, 0.0, 0.0, 0.0},
	{"208", "05", "01", "行政单位离退休", 578040.00, 578040.00, 0.0, 0.0, 0.0},
	{"208", "05", "05", "机关事业单位基本养老保险缴费支出", 1839485.00, 1839485.00, 0.0, 0.0, 0.0},
	{"208", "05", "06", "机关事业单位职业年金缴费支出", 919739.00, 919739.00, 0.0, 0.0, 0.0},
	{"208", "05", "99", "其他行政事业单位养老支出", 6440.00, 6440.00, 0.0, 0.0, 0.0},
	{"210", "", "", "卫生健康支出", 1149678.00, 1149678.00, 0.0, 0.0, 0.0},
	{"210", "11", "", "行政事业单位医疗", 1149678.00, 1149678.00, 0.0, 0.0, 0.0},
	{"210", "11", "01", "行政单位医疗", 1149678.00, 1149678.00, 0.0, 0.0, 0.0},
	{"221", "", "", "住房保障支出", 4521559.00, 4521559.00, 0.0, 0.0, 0.0},
	{"221", "02", "", "住房改革支出", 4521559.00, 4521559.00, 0.0, 0.0, 0.0},
	{"221", "02", "01", "住房公积金", 2087959.00, 2087959.00, 0.0, 0.0, 0.0},
	{"221", "02", "03", "购房补贴", 2433600.00, 2433600.00, 0.0, 0.0, 0.0},
}

// buildWorkbook writes the publication's workbook: sheet 1 holds the
// summary table and the 三公 table (two tables on one sheet, numbers of the
// second stored as text), sheet 2 the income table with split codes.
func buildWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	num, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		t.Fatal(err)
	}
	plain, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	set := func(sheet, cell string, v any) { must(f.SetCellValue(sheet, cell, v)) }
	merge := func(sheet, a, b string) { must(f.MergeCell(sheet, a, b)) }

	s1 := "Sheet1"
	must(f.SetSheetName("Sheet1", s1))
	set(s1, "A1", "2026年部门财务收支预算总表")
	merge(s1, "A1", "D1")
	set(s1, "A2", "编制部门：上海市普陀区司法局")
	set(s1, "D2", "单位：元")
	set(s1, "A3", "本年收入")
	merge(s1, "A3", "B3")
	set(s1, "C3", "本年支出")
	merge(s1, "C3", "D3")
	for i, h := range []string{"项目", "预算数", "项目", "预算数"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 4)
		set(s1, cell, h)
	}
	r := 5
	for _, row := range summaryRows {
		for i, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, r)
			set(s1, cell, v)
			if _, ok := v.(float64); ok {
				must(f.SetCellStyle(s1, cell, cell, num))
			}
		}
		r++
	}
	r += 2 // blank rows, then a second table on the same sheet
	top := r
	set(s1, fmt.Sprintf("A%d", r), "2026年部门“三公”经费和机关运行经费预算表")
	merge(s1, fmt.Sprintf("A%d", r), fmt.Sprintf("G%d", r))
	r++
	set(s1, fmt.Sprintf("A%d", r), "编制部门：上海市普陀区司法局")
	set(s1, fmt.Sprintf("G%d", r), "单位:万元")
	r++
	set(s1, fmt.Sprintf("A%d", r), "“三公”经费预算数")
	merge(s1, fmt.Sprintf("A%d", r), fmt.Sprintf("F%d", r))
	set(s1, fmt.Sprintf("G%d", r), "机关运行经费预算数")
	merge(s1, fmt.Sprintf("G%d", r), fmt.Sprintf("G%d", r+2))
	r++
	set(s1, fmt.Sprintf("A%d", r), "合计")
	merge(s1, fmt.Sprintf("A%d", r), fmt.Sprintf("A%d", r+1))
	set(s1, fmt.Sprintf("B%d", r), "因公出国(境)费")
	merge(s1, fmt.Sprintf("B%d", r), fmt.Sprintf("B%d", r+1))
	set(s1, fmt.Sprintf("C%d", r), "公务接待费")
	merge(s1, fmt.Sprintf("C%d", r), fmt.Sprintf("C%d", r+1))
	set(s1, fmt.Sprintf("D%d", r), "公务用车购置及运行费")
	merge(s1, fmt.Sprintf("D%d", r), fmt.Sprintf("F%d", r))
	r++
	set(s1, fmt.Sprintf("D%d", r), "小计")
	set(s1, fmt.Sprintf("E%d", r), "购置费")
	set(s1, fmt.Sprintf("F%d", r), "运行费")
	r++
	for i, v := range []string{"10.81", "0", "0.83", "9.98", "0", "9.98", "217.83"} { // numbers stored as text
		cell, _ := excelize.CoordinatesToCellName(i+1, r)
		must(f.SetCellStr(s1, cell, v))
	}
	_ = top

	s2 := "收入预算总表"
	if _, err := f.NewSheet(s2); err != nil {
		t.Fatal(err)
	}
	set(s2, "A1", "2026年部门收入预算总表")
	merge(s2, "A1", "I1")
	set(s2, "A2", "编制部门：上海市普陀区司法局")
	set(s2, "I2", "单位：元")
	set(s2, "A3", "项目")
	merge(s2, "A3", "D3")
	set(s2, "E3", "收入预算")
	merge(s2, "E3", "I3")
	set(s2, "A4", "功能分类科目编码")
	merge(s2, "A4", "C4")
	for col, h := range map[string]string{"D": "功能分类科目名称", "E": "合计", "F": "财政拨款收入", "G": "事业收入", "H": "事业单位经营收入", "I": "其他收入"} {
		set(s2, col+"4", h)
		merge(s2, col+"4", col+"5")
	}
	set(s2, "A5", "类")
	set(s2, "B5", "款")
	set(s2, "C5", "项")
	r = 6
	for _, row := range incomeRows {
		for i, v := range row {
			cell, _ := excelize.CoordinatesToCellName(i+1, r)
			if s, ok := v.(string); ok {
				if s != "" {
					must(f.SetCellStr(s2, cell, s))
				}
				continue
			}
			set(s2, cell, v)
			must(f.SetCellStyle(s2, cell, cell, plain))
		}
		r++
	}
	set(s2, fmt.Sprintf("A%d", r), "合计")
	merge(s2, fmt.Sprintf("A%d", r), fmt.Sprintf("D%d", r))
	for i, v := range []float64{96282213.44, 96282213.44, 0, 0, 0} {
		cell, _ := excelize.CoordinatesToCellName(i+5, r)
		set(s2, cell, v)
		must(f.SetCellStyle(s2, cell, cell, plain))
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// amountRows returns, for the table following the heading that contains
// title, its rows holding at least one amount as "label|amount|amount…"
// with amounts normalised to exact decimals and labels without spaces.
func amountRows(t testing.TB, d *doc.Document, title string) []string {
	t.Helper()
	start := -1
	for i, b := range d.Blocks {
		if b.Kind == doc.Heading && strings.Contains(b.Text, title) {
			start = i
			break
		}
	}
	if start < 0 {
		t.Fatalf("%s: no heading %q", d.Format, title)
	}
	var out []string
	for _, b := range d.Blocks[start+1:] {
		if b.Kind == doc.Heading {
			break
		}
		if b.Kind != doc.Table {
			continue
		}
		for _, r := range b.Rows {
			var parts []string
			amounts := 0
			for _, c := range r.Cells {
				txt := strings.ReplaceAll(strings.TrimSpace(c.Text), " ", "")
				if txt == "" {
					continue
				}
				if a, ok, err := values.ParseAmount(txt); err == nil && ok && !values.IsBlankAmount(txt) && !isCode(txt) {
					parts = append(parts, a.StringFixed(2))
					amounts++
					continue
				}
				parts = append(parts, txt)
			}
			if amounts > 0 {
				out = append(out, strings.Join(parts, "|"))
			}
		}
	}
	return out
}

func isCode(s string) bool {
	if len(s) != 3 && len(s) != 5 && len(s) != 7 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// TestRead_samePublicationAsPDF checks that the workbook built from the
// publication's tables and the publication's PDF give the same labelled
// amounts, table by table.
func TestRead_samePublicationAsPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a corpus PDF")
	}
	path := filepath.Join(testutil.CorpusDir(t), "real", pdfName)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pd, err := pdf.Read(context.Background(), path, data)
	if err != nil {
		t.Fatal(err)
	}
	xd, err := Read(context.Background(), "sifaju-2026.xlsx", buildWorkbook(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"2026年部门财务收支预算总表", "2026年部门收入预算总表", "2026年部门“三公”经费和机关运行经费预算表"} {
		want := amountRows(t, pd, title)
		got := amountRows(t, xd, title)
		if len(want) == 0 {
			t.Fatalf("%s: no amount rows in the PDF", title)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: workbook rows differ from PDF rows (-pdf +xlsx):\n%s", title, diff)
		}
	}
}

func TestRead_blocks(t *testing.T) {
	xd, err := Read(context.Background(), "sifaju-2026.xlsx", buildWorkbook(t))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, bl := range xd.Blocks {
		switch bl.Kind {
		case doc.Table:
			fmt.Fprintf(&b, "[table %s]\n", bl.Ref)
			for _, r := range bl.Rows {
				var cs []string
				for _, c := range r.Cells {
					s := fmt.Sprint(c.Col)
					if c.Span > 1 {
						s += fmt.Sprintf("+%d", c.Span)
					}
					cs = append(cs, s+":"+c.Text)
				}
				fmt.Fprintf(&b, "  %s | %s\n", r.Ref, strings.Join(cs, " | "))
			}
		default:
			fmt.Fprintf(&b, "[%s %s] %s\n", bl.Kind, bl.Ref, bl.Text)
		}
	}
	testutil.Golden(t, filepath.Join("testdata", "sifaju-2026.blocks.golden"), []byte(b.String()))
	if xd.Lines != 45 {
		t.Errorf("Lines = %d, want 45 non-empty rows", xd.Lines)
	}
}

func TestCellText(t *testing.T) {
	tests := []struct {
		shown, stored, want string
	}{
		{"13,649.07", "13649.070000000002", "13649.07"},
		{"13,649.07", "13649.07", "13649.07"},
		{"96,282,213.44", "96282213.44", "96282213.44"},
		{"0.00", "0", "0.00"},
		{"12,604,173", "12604173", "12604173"},
		{"1,000", "999.5", "1000"},
		{"(12.30)", "-12.3", "-12.30"},
		{"95.00%", "0.95", "95.00%"},
		{"10.81", "10.81", "10.81"},
		{"公共安全支出", "公共安全支出", "公共安全支出"},
		{"2024-01-02", "45293", "2024-01-02"},
		{"", "", ""},
		{" 204 ", "204", "204"},
	}
	for _, tt := range tests {
		if got := cellText(tt.shown, tt.stored); got != tt.want {
			t.Errorf("cellText(%q, %q) = %q, want %q", tt.shown, tt.stored, got, tt.want)
		}
	}
}

func TestRead_errors(t *testing.T) {
	// A password-protected workbook written by excelize itself.
	f := excelize.NewFile()
	if err := f.SetCellValue("Sheet1", "A1", "x"); err != nil {
		t.Fatal(err)
	}
	var enc bytes.Buffer
	if _, err := f.WriteTo(&enc, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"locked.xlsx", enc.Bytes(), ErrEncrypted},
		{"garbage.xlsx", []byte("not a workbook"), ErrUnsupported},
		{"legacy.xls", append(append([]byte(nil), oleMagic...), make([]byte, 512)...), ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(context.Background(), "/x/"+tt.name, tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Read error = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.name) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add(buildWorkbook(f))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(context.Background(), "fuzz.xlsx", data)
		if err != nil {
			return
		}
		for _, b := range d.Blocks {
			if b.Kind == doc.Table && len(b.Rows) == 0 {
				t.Fatalf("empty table block")
			}
		}
	})
}
