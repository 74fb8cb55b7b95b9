package pdf

import (
	"fmt"
	"strings"

	"github.com/budgetwh/budgetwh/ingest/doc"
)

// dumpBlocks renders blocks as text for golden files and debugging.
func dumpBlocks(d *doc.Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case doc.Table:
			fmt.Fprintf(&b, "[table %s]\n", bl.Ref)
			for _, r := range bl.Rows {
				var cs []string
				for _, c := range r.Cells {
					s := fmt.Sprintf("%d", c.Col)
					if c.Span > 1 {
						s += fmt.Sprintf("+%d", c.Span)
					}
					cs = append(cs, s+":"+c.Text)
				}
				fmt.Fprintf(&b, "  %s | %s\n", r.Ref, strings.Join(cs, " | "))
			}
		case doc.PageBreak:
			fmt.Fprintf(&b, "[pagebreak %s]\n", bl.Ref)
		default:
			fmt.Fprintf(&b, "[%s %s] %s\n", bl.Kind, bl.Ref, bl.Text)
		}
	}
	return b.String()
}
