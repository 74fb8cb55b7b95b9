package pdf

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
)

func TestDebugRules(t *testing.T) {
	f := os.Getenv("PDFRULES")
	if f == "" {
		t.Skip()
	}
	pg, _ := strconv.Atoi(os.Getenv("PDFPAGE"))
	data, _ := os.ReadFile(f)
	pages, _ := extract(context.Background(), data)
	p := pages[pg-1]
	for _, g := range findGrids(p.Rules) {
		fmt.Printf("grid %.1f,%.1f-%.1f,%.1f\n xs=%.1f\n ys=%.1f\n", g.x0, g.y0, g.x1, g.y1, g.xs, g.ys)
		for _, h := range g.h {
			if h.Y0 < 300 && h.Y0 > 200 {
				fmt.Printf("  h y=%.1f x=%.1f..%.1f\n", h.Y0, h.X0, h.X1)
			}
		}
	}
	for _, l := range buildLines(p.Glyphs) {
		if l.y0 < 250 {
			fmt.Printf("line %.1f-%.1f %q\n", l.y0, l.y1, l.text())
		}
	}
}
