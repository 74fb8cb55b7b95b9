package values

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCodes feeds arbitrary text to the code, unit and numeral parsers: they
// must not panic, and their answers must be self-consistent (a functional
// code is all ASCII digits with a level; a unit factor comes with a known
// unit word; a Chinese number is within 0..99).
func FuzzCodes(f *testing.F) {
	for _, s := range []string{"201", "20101", "2010101", "2010a01", "２０１", "", "单位：万元", "（单位：元）", "单位:亿元", "单位", "十二", "二十九", "十十", "九十九", "两", "〇"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if IsFuncCode(s) {
			if CodeLevel(s) == "" {
				t.Fatalf("IsFuncCode(%q) without a level", s)
			}
			for i := 0; i < len(s); i++ {
				if s[i] < '0' || s[i] > '9' {
					t.Fatalf("IsFuncCode(%q) with a non-digit", s)
				}
			}
		}
		u := ExtractUnit(s)
		fac, ok := UnitFactor(s)
		if ok != (u != "") {
			t.Fatalf("UnitFactor(%q) ok=%v but ExtractUnit=%q", s, ok, u)
		}
		if ok && !fac.IsPositive() {
			t.Fatalf("UnitFactor(%q) = %s", s, fac)
		}
		if n, ok := ChineseNumber(s); ok && (n < 0 || n > 99) {
			t.Fatalf("ChineseNumber(%q) = %d", s, n)
		}
		w := NormalizeWidth(s)
		if utf8.ValidString(s) && !utf8.ValidString(w) {
			t.Fatalf("NormalizeWidth(%q) made invalid UTF-8 %q", s, w)
		}
		if IsBlankAmount(s) && strings.ContainsAny(s, "123456789") {
			t.Fatalf("IsBlankAmount(%q) with a non-zero digit", s)
		}
	})
}
