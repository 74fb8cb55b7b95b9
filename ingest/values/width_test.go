package values

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
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

// parseAmountRef is ParseAmount as it was before parseAmount (errors built
// for every refused text, a strings.Builder for the digits).
func parseAmountRef(s string) (decimal.Decimal, bool, error) {
	if IsBlankAmount(s) {
		return decimal.Zero, false, nil
	}
	t := strings.TrimSpace(NormalizeWidth(s))
	neg := false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		neg = true
		t = strings.TrimSpace(t[1 : len(t)-1])
	}
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "−") {
		neg = !neg
		t = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(t, "-"), "−"))
	} else if strings.HasPrefix(t, "+") {
		t = strings.TrimSpace(t[1:])
	}
	var b strings.Builder
	digits, dots := 0, 0
	for i, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
			b.WriteRune(r)
		case r == '.':
			dots++
			if dots > 1 {
				return decimal.Zero, false, fmt.Errorf("parse amount %q: %w", s, ErrNotAmount)
			}
			b.WriteRune(r)
		case r == ',' || r == '，' || r == ' ' || r == '\'':
			if i == 0 {
				return decimal.Zero, false, fmt.Errorf("parse amount %q: %w", s, ErrNotAmount)
			}
		default:
			return decimal.Zero, false, fmt.Errorf("parse amount %q: %w", s, ErrNotAmount)
		}
	}
	if digits == 0 {
		return decimal.Zero, false, fmt.Errorf("parse amount %q: %w", s, ErrNotAmount)
	}
	intDigits := strings.IndexByte(b.String(), '.')
	if intDigits < 0 {
		intDigits = digits
	}
	if intDigits > maxDigits || digits > maxDigits+6 {
		return decimal.Zero, false, fmt.Errorf("parse amount %q: %w", s, ErrAmountTooLong)
	}
	d, err := decimal.NewFromString(strings.TrimSuffix(b.String(), "."))
	if err != nil {
		return decimal.Zero, false, fmt.Errorf("parse amount %q: %w", s, ErrNotAmount)
	}
	if neg {
		d = d.Neg()
	}
	return d, true, nil
}

var amountCases = []string{"", " ", "-", "—", "12", "1,234.50", "１２３．４", "(12.30)", "-(1)", "−5", "+7", ".5", "5.", ".", "..",
	"1.2.3", ",1", "1,", "12%", "abc", "１２万", "1234567890123456789", "123456789012345678.123456", "123456789012345678.1234567",
	"0000000000000000000001", "12 345", "1'000", "(-3)", "- 4", "\xff1", "1\u3000000"}

func TestParseAmount_reference(t *testing.T) {
	for _, s := range amountCases {
		checkAmountRef(t, s)
	}
}

func FuzzParseAmount_reference(f *testing.F) {
	for _, s := range amountCases {
		f.Add(s)
	}
	f.Fuzz(checkAmountRef)
}

func checkAmountRef(t *testing.T, s string) {
	d, ok, err := ParseAmount(s)
	wd, wok, werr := parseAmountRef(s)
	if ok != wok || fmt.Sprint(err) != fmt.Sprint(werr) || d.String() != wd.String() || d.Exponent() != wd.Exponent() {
		t.Fatalf("ParseAmount(%q) = %v, %v, %v; want %v, %v, %v", s, d, ok, err, wd, wok, werr)
	}
	if got, want := LooksLikeAmount(s), wok && werr == nil; got != want {
		t.Fatalf("LooksLikeAmount(%q) = %v, want %v", s, got, want)
	}
}
