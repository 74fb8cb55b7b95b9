package ref

import (
	"strings"
	"testing"
	"unicode"
)

// normNameRef and stripListMarkerRef are NormName and StripListMarker as
// they were before the allocation-free rewrite: the rewrite must return
// exactly what they return, for any input.
func normNameRef(s string) string {
	s = stripListMarkerRef(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\u3000' || unicode.IsSpace(r):
			continue
		case r >= '\uFF01' && r <= '\uFF5E':
			r -= 0xFEE0
		}
		switch r {
		case '（', '〔', '[', '【', '(':
			b.WriteRune('(')
			continue
		case '）', '〕', ']', '】', ')':
			b.WriteRune(')')
			continue
		case '"', '\'', '“', '”', '‘', '’', '「', '」', '『', '』', ':', '：', ',', '，', '、', '.', '。', ';', '；', '*', '·':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func stripListMarkerRef(s string) string {
	t := strings.TrimSpace(s)
	rs := []rune(t)
	if len(rs) == 0 {
		return t
	}
	if rs[0] >= '①' && rs[0] <= '⑳' {
		return strings.TrimSpace(string(rs[1:]))
	}
	if rs[0] == '(' || rs[0] == '（' {
		for i := 1; i < len(rs) && i <= 4; i++ {
			if rs[i] == ')' || rs[i] == '）' {
				if i > 1 && allMarker(rs[1:i]) {
					return strings.TrimSpace(string(rs[i+1:]))
				}
				break
			}
		}
		return t
	}
	for i := 0; i < len(rs) && i < 5; i++ {
		if rs[i] == '、' || ((rs[i] == '.' || rs[i] == '．') && i > 0 && isDigitRune(rs[i-1])) {
			if i > 0 && allMarker(rs[:i]) {
				return strings.TrimSpace(string(rs[i+1:]))
			}
			break
		}
	}
	return t
}

var normCases = []string{
	"", " ", "　", "一般公共服务支出", "一、一般公共服务支出", "（一）行政运行", "(二) 机关服务",
	"(1)", "（）x", "(一二三四五)x", "十二、其他支出", "1、 工资福利支出", "1.基本工资", "1．基本工资",
	"①办公费", "⑳x", "①", "a.b", "一", "一、", "（一）", "ＡＢＣ（ｘ）", "【其他】“资本”性支出；", "商品和服务支出*",
	"\xff一、x", "一、\xffx", "\xef\xbf\xbd", "\uFFFD一、x", "(一)\xc3", "x\u00a0y", "  1.  2.  x", "１２、x",
	"〔2024〕12号", "· 其他", strings.Repeat("很长的名称", 80),
}

func TestNormName_reference(t *testing.T) {
	for _, s := range normCases {
		if got, want := NormName(s), normNameRef(s); got != want {
			t.Errorf("NormName(%q) = %q, want %q", s, got, want)
		}
		if got, want := NormChars(s), normNameRef("x" + s)[1:]; got != want {
			t.Errorf("NormChars(%q) = %q, want %q", s, got, want)
		}
		if got, want := StripListMarker(s), stripListMarkerRef(s); got != want {
			t.Errorf("StripListMarker(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNormName_reference(f *testing.F) {
	for _, s := range normCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NormName(s), normNameRef(s); got != want {
			t.Fatalf("NormName(%q) = %q, want %q", s, got, want)
		}
		if got, want := NormChars(s), normNameRef("x" + s)[1:]; got != want {
			t.Fatalf("NormChars(%q) = %q, want %q", s, got, want)
		}
		if got, want := StripListMarker(s), stripListMarkerRef(s); got != want {
			t.Fatalf("StripListMarker(%q) = %q, want %q", s, got, want)
		}
	})
}

func BenchmarkNormName(b *testing.B) {
	for range b.N {
		for _, s := range normCases {
			NormName(s)
		}
	}
}
