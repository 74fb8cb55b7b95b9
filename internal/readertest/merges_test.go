package readertest

import (
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/doc"
)

func headerRows(s string) ([]doc.Row, int) {
	var rows []doc.Row
	width := 0
	for _, line := range strings.Split(s, "\n") {
		var r doc.Row
		for j, c := range strings.Split(line, "\t") {
			r.Cells = append(r.Cells, doc.Cell{Text: c, Col: j, Span: 1})
		}
		width = max(width, len(r.Cells))
		rows = append(rows, r)
	}
	return rows, width
}

func TestHeaderMerges(t *testing.T) {
	tests := []struct {
		name, header string
		want         []merge
	}{
		{"group over sub-headers, single cells down", "项目名称\t合计\t2024年财政拨款\t\t\t财政专户管理资金\t单位资金\n\t\t一般公共预算\t政府性基金预算\t国有资本经营预算\t\t\n1\t2\t3\t4\t5\t6\t7",
			[]merge{{0, 0, 1, 0}, {0, 1, 1, 1}, {0, 2, 0, 4}, {0, 5, 1, 5}, {0, 6, 1, 6}}},
		{"two groups side by side", "收入\t\t支出\t\t\t\n项目\t2024年\t项目\t合计\t当年预算安排\t上年结转安排",
			[]merge{{0, 0, 0, 1}, {0, 2, 0, 5}}},
		{"one row: nothing to merge", "科目编码\t科目名称\t合计", nil},
		{"group over one sub-header; a lone cell spans down", "A\t\tB\n\tx\t", []merge{{0, 0, 0, 1}, {0, 2, 1, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, width := headerRows(tt.header)
			got := headerMerges(rows, width)
			if len(got) != len(tt.want) {
				t.Fatalf("merges %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("merge %d = %v, want %v (all: %v)", i, got[i], tt.want[i], got)
				}
			}
		})
	}
}

// FuzzHeaderMerges: the merges of any header grid stay inside it, start on a
// non-blank cell, cover only blank cells and never overlap (excelize fuses
// overlapping merges into one, which garbled headers once).
func FuzzHeaderMerges(f *testing.F) {
	f.Add("项目名称\t合计\t2024年财政拨款\t\t\t财政专户管理资金\t单位资金\n\t\t一般公共预算\t政府性基金预算\t国有资本经营预算\t\t\n1\t2\t3\t4\t5\t6\t7")
	f.Add("收入\t\t支出\t\t\t\n项目\t2024年\t项目\t合计\t当年预算安排\t上年结转安排")
	f.Add("A\t\tB\n\tx\t\n\t\t")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 512 {
			return
		}
		rows, width := headerRows(s)
		grid := map[[2]int]string{}
		for i, r := range rows {
			for _, c := range r.Cells {
				grid[[2]int{i, c.Col}] = strings.TrimSpace(c.Text)
			}
		}
		owner := map[[2]int]int{}
		for k, m := range headerMerges(rows, width) {
			if m.r0 < 0 || m.c0 < 0 || m.r1 >= len(rows) || m.c1 >= width || m.r1 < m.r0 || m.c1 < m.c0 || (m.r0 == m.r1 && m.c0 == m.c1) {
				t.Fatalf("merge %v out of the %dx%d grid or empty", m, len(rows), width)
			}
			if grid[[2]int{m.r0, m.c0}] == "" {
				t.Fatalf("merge %v starts on a blank cell", m)
			}
			for r := m.r0; r <= m.r1; r++ {
				for c := m.c0; c <= m.c1; c++ {
					if o, ok := owner[[2]int{r, c}]; ok {
						t.Fatalf("merges %d and %d overlap at row %d col %d", o, k, r, c)
					}
					owner[[2]int{r, c}] = k
					if (r != m.r0 || c != m.c0) && grid[[2]int{r, c}] != "" {
						t.Fatalf("merge %v covers non-blank %q", m, grid[[2]int{r, c}])
					}
				}
			}
		}
	})
}
