// Package textwidth measures text as a terminal draws it, for the aligned
// tables that `sql`, `check` and `query run` print.
package textwidth

import "golang.org/x/text/width"

// Of counts East Asian wide and full-width runes as two columns, others as one.
func Of(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
