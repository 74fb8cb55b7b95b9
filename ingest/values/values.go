// Package values parses the values printed in budget disclosures: amounts
// (full-width digits, thousands separators, dashes, blanks, parenthesised
// negatives), units (单位：万元) and classification codes. It knows nothing
// about tables or documents.
package values

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// ErrNotAmount is returned for a non-blank cell that is not a number.
var ErrNotAmount = errors.New("not an amount")

// ErrAmountTooLong rejects absurd digit strings before decimal parsing.
var ErrAmountTooLong = errors.New("amount has too many digits")

// maxDigits bounds accepted amounts: DECIMAL(20,2) holds 18 integer digits.
const maxDigits = 18

// NormalizeWidth maps full-width ASCII (digits, letters, punctuation, the
// ideographic space) to half-width. Chinese text is left alone.
func NormalizeWidth(s string) string {
	if s == "" || widthNormal(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
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

// widthNormal reports whether NormalizeWidth would return s unchanged:
// valid UTF-8 without the ideographic space or full-width ASCII (most
// cells; the builder's copy was measurable on the parse's hot path).
func widthNormal(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false // written back as U+FFFD
		}
		if r == '\u3000' || (r >= '\uFF01' && r <= '\uFF5E') {
			return false
		}
		i += n
	}
	return true
}

// IsBlankAmount reports whether a cell means "no amount": empty, whitespace,
// or a dash placeholder (-, —, －, --).
func IsBlankAmount(s string) bool {
	t := strings.TrimSpace(NormalizeWidth(s))
	if t == "" {
		return true
	}
	for _, r := range t {
		if r != '-' && r != '—' && r != '–' && r != '─' && r != '…' {
			return false
		}
	}
	return true
}

// ParseAmount parses a printed amount. It returns ok=false with a nil error
// for blank cells (see IsBlankAmount), and ErrNotAmount for text. Accepted:
// optional sign, thousands separators (, ，), full-width digits, a trailing
// or leading currency/unit-free decimal, parentheses for negatives
// ("(12.30)" = -12.30), a trailing '%' is rejected (not an amount).
func ParseAmount(s string) (decimal.Decimal, bool, error) {
	d, ok, fail := parseAmount(s, true)
	switch fail {
	case failNotAmount:
		return decimal.Zero, false, fmt.Errorf("parse amount %q: %w", s, ErrNotAmount)
	case failTooLong:
		return decimal.Zero, false, fmt.Errorf("parse amount %q: %w", s, ErrAmountTooLong)
	}
	return d, ok, nil
}

// Why parseAmount refused a text.
const (
	failNone = iota
	failNotAmount
	failTooLong
)

// parseAmount is ParseAmount without building the error (most texts a
// table recogniser tries are not amounts), and without the decimal when
// value is false (only whether it parses).
func parseAmount(s string, value bool) (decimal.Decimal, bool, int) {
	if IsBlankAmount(s) {
		return decimal.Zero, false, failNone
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
	var buf [64]byte
	b := buf[:0]
	digits, dots := 0, 0
	intDigits := -1 // digits before the first '.'
	for i, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
			b = append(b, byte(r))
		case r == '.':
			dots++
			if dots > 1 {
				return decimal.Zero, false, failNotAmount
			}
			intDigits = digits
			b = append(b, '.')
		case r == ',' || r == '，' || r == ' ' || r == '\'':
			// thousands separators; a separator must sit between digits
			if i == 0 {
				return decimal.Zero, false, failNotAmount
			}
		default:
			return decimal.Zero, false, failNotAmount
		}
	}
	if digits == 0 {
		return decimal.Zero, false, failNotAmount
	}
	if intDigits < 0 {
		intDigits = digits
	}
	if intDigits > maxDigits || digits > maxDigits+6 {
		return decimal.Zero, false, failTooLong
	}
	if !value {
		// Digits with at most one '.' (and not "." alone: digits > 0)
		// always parse.
		return decimal.Zero, true, failNone
	}
	d, err := decimal.NewFromString(strings.TrimSuffix(string(b), "."))
	if err != nil {
		return decimal.Zero, false, failNotAmount
	}
	if neg {
		d = d.Neg()
	}
	return d, true, failNone
}

// LooksLikeAmount reports whether s parses as an amount.
func LooksLikeAmount(s string) bool {
	_, ok, fail := parseAmount(s, false)
	return ok && fail == failNone
}

var unitFactors = map[string]decimal.Decimal{
	"元":   decimal.NewFromInt(1),
	"千元":  decimal.NewFromInt(1000),
	"万元":  decimal.NewFromInt(10000),
	"百万元": decimal.NewFromInt(1000000),
	"亿元":  decimal.NewFromInt(100000000),
}

// UnitFactor returns the factor converting an amount printed in unit to
// yuan. It accepts "万元", "单位：万元", "单位:万元", "（单位：元）" and the like.
func UnitFactor(unit string) (decimal.Decimal, bool) {
	u := ExtractUnit(unit)
	f, ok := unitFactors[u]
	return f, ok
}

// ExtractUnit finds the unit word in a "单位：万元"-style text; it returns ""
// when there is none.
func ExtractUnit(s string) string {
	t := strings.TrimSpace(NormalizeWidth(s))
	if i := strings.Index(t, "单位"); i >= 0 {
		t = t[i+len("单位"):]
		t = strings.TrimLeft(t, ":： ")
	}
	t = strings.TrimFunc(t, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("()（）[]【】:：", r) })
	for _, u := range []string{"百万元", "亿元", "千元", "万元", "元"} {
		if strings.HasPrefix(t, u) {
			return u
		}
	}
	return ""
}

// CodeLevel returns the level of a functional classification code by its
// length: 3 class, 5 section, 7 item; "" otherwise.
func CodeLevel(code string) string {
	switch len(code) {
	case 3:
		return "class"
	case 5:
		return "section"
	case 7:
		return "item"
	}
	return ""
}

// IsFuncCode reports whether s is a 3-, 5- or 7-digit functional code.
func IsFuncCode(s string) bool {
	if CodeLevel(s) == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

var cnDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// ChineseNumber parses a Chinese numeral up to 99 (一, 十二, 二十九, 三十) and
// returns ok=false otherwise.
func ChineseNumber(s string) (int, bool) {
	rs := []rune(strings.TrimSpace(s))
	if len(rs) == 0 || len(rs) > 3 {
		return 0, false
	}
	ten := -1
	for i, r := range rs {
		if r == '十' {
			if ten >= 0 {
				return 0, false
			}
			ten = i
		} else if _, ok := cnDigits[r]; !ok {
			return 0, false
		}
	}
	if ten < 0 {
		if len(rs) != 1 {
			return 0, false
		}
		return cnDigits[rs[0]], true
	}
	tens, ones := 1, 0
	if ten == 1 {
		tens = cnDigits[rs[0]]
	} else if ten > 1 {
		return 0, false
	}
	if ten+1 < len(rs) {
		if ten+2 != len(rs) {
			return 0, false
		}
		ones = cnDigits[rs[ten+1]]
	}
	return tens*10 + ones, true
}
