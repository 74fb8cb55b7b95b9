package interpret

import (
	"context"
	"slices"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/doc"
)

// TestInterpret_tableNumberNotCover: a table number before the first title
// (a workbook's first sheet: 表一 above 收支预算总表) is not cover text, so
// it is not taken for a department name (found by internal/readertest on a
// workbook of js-zhengxiebangongting-2017, which gave department_names 表一);
// nor is a cover naming only the region (the Shanghai PDFs' covers gave
// department_names 上海市普陀区).
func TestInterpret_tableNumberNotCover(t *testing.T) {
	tests := []struct {
		name, first string
		wantName    string // "" : no extra department name
	}{
		{"table number", "表一", ""},
		{"numbered 公开表", "预算公开表1", ""},
		{"cover title", "江苏省政协办公厅", "江苏省政协办公厅"},
		{"cover naming only the region", "江苏省2017年省级部门预算", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{Format: "xlsx", Blocks: []doc.Block{
				{Kind: doc.Paragraph, Text: tt.first, Ref: doc.Ref{Sheet: "1", Row: 1}},
				{Kind: doc.Heading, Text: "收支预算总表", Ref: doc.Ref{Sheet: "1", Row: 2}},
				{Kind: doc.Paragraph, Text: "部门：江苏省政协办公厅 单位：万元", Ref: doc.Ref{Sheet: "1", Row: 3}},
				{Kind: doc.Table, Ref: doc.Ref{Sheet: "1", Row: 4}, Rows: []doc.Row{
					{Ref: doc.Ref{Sheet: "1", Row: 4}, Cells: []doc.Cell{{Text: "收入", Span: 1}, {Text: "", Col: 1, Span: 1}, {Text: "支出", Col: 2, Span: 1}, {Text: "", Col: 3, Span: 1}}},
					{Ref: doc.Ref{Sheet: "1", Row: 5}, Cells: []doc.Cell{{Text: "收入合计", Span: 1}, {Text: "10.00", Col: 1, Span: 1}, {Text: "支出合计", Col: 2, Span: 1}, {Text: "10.00", Col: 3, Span: 1}}},
				}},
			}}
			id := Interpret(context.Background(), d).Identity
			names := append([]string{id.Department}, id.DepartmentNames...)
			if slices.Contains(names, "表一") || slices.Contains(names, "预算公开表1") {
				t.Errorf("table number taken for a department name: %q", names)
			}
			if slices.Contains(names, "江苏省") {
				t.Errorf("region taken for a department name: %q", names)
			}
			if tt.wantName != "" && !slices.Contains(names, tt.wantName) {
				t.Errorf("cover department %q missing: %q", tt.wantName, names)
			}
		})
	}
}
