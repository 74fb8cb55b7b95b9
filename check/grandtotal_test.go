package check

import (
	"strings"
	"testing"
)

// TestCheckProseTotals_grandTotalPDF reads the Shanghai 财政局 2024 决算
// PDFs (issue 4): the original states 财政拨款收入支出总计0.3万元 against the
// 财政拨款收入支出决算总表's 2,961.68万元; the defects-inserted copy states
// 收入支出总计0万元 against the 收入支出决算总表's 2,995.39万元. The correct
// sentence of each (收入支出总计2995.39万元 in the original, 财政拨款收入支出
// 总计2961.68万元 in the copy) must not be reported.
func TestCheckProseTotals_grandTotalPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("reads PDFs (slow)")
	}
	tests := []struct {
		file          string
		want, wantNot []string // pieces of prose.totals messages
		expected, got string
	}{
		{
			file:     "sh-putuo-caizhengju-2024-bumen-juesuan.pdf",
			want:     []string{"财政拨款收入支出总计 0.3万元 (3000.00 yuan)", "29616800.00"},
			wantNot:  []string{"prose states 收入支出总计"},
			expected: "29616800.00",
			got:      "3000.00",
		},
		{
			file:     "sh-putuo-caizhengju-2024-bumen-juesuan-defects-inserted.pdf",
			want:     []string{"收入支出总计 0万元 (0.00 yuan)", "29953900.00"},
			wantNot:  []string{"prose states 财政拨款收入支出总计"},
			expected: "29953900.00",
			got:      "0.00",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var msgs []string
			found := false
			for _, f := range Document(readPDF(t, tt.file)) {
				if f.Rule != "prose.totals" {
					continue
				}
				msgs = append(msgs, f.SourceRef+": "+f.Message)
				all := f.Severity == "error" && f.Expected == tt.expected && f.Actual == tt.got && f.SourceRef != ""
				for _, w := range tt.want {
					all = all && strings.Contains(f.Message, w)
				}
				found = found || all
				for _, w := range tt.wantNot {
					if strings.Contains(f.Message, w) {
						t.Errorf("false finding: %s", f.Message)
					}
				}
			}
			if !found {
				t.Errorf("no prose.totals error with expected %s, actual %s and %q; prose.totals findings:\n%s", tt.expected, tt.got, tt.want, strings.Join(msgs, "\n"))
			}
		})
	}
}
