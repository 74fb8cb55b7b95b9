package values

import (
	"strings"
	"testing"
)

// normalizeWidthRef is NormalizeWidth without the unchanged-text fast
// path: the fast path must not change any result.
func normalizeWidthRef(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\u3000':
			b.WriteRune(' ')
		case r >= '\uFF01' && r <= '\uFF5E':
			b.WriteRune(r - 0xFEE0)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var widthCases = []string{"", "abc", "一般公共服务支出", "１２３．４５", "a\u3000b", "（一）", "\xff", "ab\xe4\xb8", "\uFFFD", "～", "\uFF5F", "\uFF00", "表1 ｜ 2"}

func TestNormalizeWidth_reference(t *testing.T) {
	for _, s := range widthCases {
		if got, want := NormalizeWidth(s), normalizeWidthRef(s); got != want {
			t.Errorf("NormalizeWidth(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNormalizeWidth(f *testing.F) {
	for _, s := range widthCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NormalizeWidth(s), normalizeWidthRef(s); got != want {
			t.Fatalf("NormalizeWidth(%q) = %q, want %q", s, got, want)
		}
	})
}
