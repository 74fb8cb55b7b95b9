package text

import "testing"

var markupCases = []string{"", "plain", "<b>粗</b>体", "**强调**", "a<b", "a*b", "*", "<B>x</B>", "<<b>>", "***", "1 < 2"}

// StripMarkup's no-markup fast path must not change any result.
func TestStripMarkup_reference(t *testing.T) {
	for _, s := range markupCases {
		if got, want := StripMarkup(s), markup.Replace(s); got != want {
			t.Errorf("StripMarkup(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzStripMarkup(f *testing.F) {
	for _, s := range markupCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := StripMarkup(s), markup.Replace(s); got != want {
			t.Fatalf("StripMarkup(%q) = %q, want %q", s, got, want)
		}
	})
}
