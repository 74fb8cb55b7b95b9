package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/app"
)

// TestPrintDoc: the line of a document names every file of it (a
// *.partN.* group or two files joined after parsing), in part order.
func TestPrintDoc(t *testing.T) {
	two := []string{"d/江苏省委办公厅2017年部门预算.pdf", "d/江苏省委办公厅2017年预算公开表格.pdf"}
	tests := []struct {
		name string
		r    app.DocResult
		want string
	}{
		{"loaded, two files", app.DocResult{Status: app.StatusLoaded, Path: two[0], Paths: two, DocID: "66a28a8aa28c00"},
			"loaded      d/江苏省委办公厅2017年部门预算.pdf + d/江苏省委办公厅2017年预算公开表格.pdf | "},
		{"unchanged, two files", app.DocResult{Status: app.StatusUnchanged, Path: two[0], Paths: two, DocID: "66a28a8aa28c00", Existing: "loaded"},
			"unchanged   d/江苏省委办公厅2017年部门预算.pdf + d/江苏省委办公厅2017年预算公开表格.pdf (doc 66a28a8aa28c already stored, loaded)\n"},
		{"failed, two files", app.DocResult{Status: app.StatusFailed, Path: two[0], Paths: two},
			"failed      d/江苏省委办公厅2017年部门预算.pdf + d/江苏省委办公厅2017年预算公开表格.pdf\n"},
		{"one file", app.DocResult{Status: app.StatusLoaded, Path: "d/a.pdf", Paths: []string{"d/a.pdf"}, DocID: "0123456789abcd"},
			"loaded      d/a.pdf | "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			printDoc(&b, tt.r)
			if !strings.HasPrefix(b.String(), tt.want) {
				t.Errorf("printDoc = %q, want it to start with %q", b.String(), tt.want)
			}
		})
	}
}
