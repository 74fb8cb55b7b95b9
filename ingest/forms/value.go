package forms

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/shopspring/decimal"
)

// comparator words, longest first so that "大于等于" wins over "大于".
var comparatorPrefixes = []struct{ word, op string }{
	{"大于等于", ">="}, {"大于或等于", ">="}, {"不低于", ">="}, {"不少于", ">="}, {"不小于", ">="}, {"至少", ">="},
	{"小于等于", "<="}, {"小于或等于", "<="}, {"不高于", "<="}, {"不超过", "<="}, {"不多于", "<="}, {"不大于", "<="}, {"最多", "<="},
	{">=", ">="}, {"=>", ">="}, {"≥", ">="}, {"≧", ">="},
	{"<=", "<="}, {"=<", "<="}, {"≤", "<="}, {"≦", "<="},
	{"大于", ">"}, {"高于", ">"}, {"超过", ">"}, {">", ">"},
	{"小于", "<"}, {"低于", "<"}, {"<", "<"},
	{"等于", "="}, {"==", "="}, {"=", "="},
}

// Money units are cut off the unit so that "8万元一年" gives unit 万元.
var moneyUnits = []string{"百万元", "亿元", "千元", "万元", "元", "亿", "万"}

// maxValueDigits bounds the digits of an indicator value so that it fits
// the warehouse's DECIMAL(24,6) column; longer digit runs are not numbers.
const maxValueDigits = 18

// maxUnitRunes bounds the unit word: a longer tail ("月底前完成") means the
// value is prose, not a quantity.
const maxUnitRunes = 4

// ParseIndicatorValue derives the comparator, number and unit of an
// indicator value (指标值) as printed:
//
//	"≥13459.00(平方米)" → ">=", 13459, "平方米" (a bracketed unit is unwrapped)
//	"补贴对象生活改善度不低于80%" → ">=", 80, "%" (comparator after words)
//
//	"≥95%"    → ">=", 95, "%"
//	">6万"    → ">", 6, "万"
//	"≥2000份" → ">=", 2000, "份"
//	"17家"    → "", 17, "家"   (no sign printed: comparator "")
//	"1月/次"  → "", 1, "月/次"
//	"2024年"  → "", 2024, "年"
//	"8万元一年" → "", 8, "万元" (money units are cut to the unit word)
//	"提升", "达到省、市要求", "6针-2000日" → "", nil, ""
//
// Comparators are recognised as signs (≥ ≤ > < = and their ASCII and
// full-width forms) and as words (不低于, 不少于, 大于 …); a trailing 以上
// means ">=" and 以下 "<=". The comparator is only returned together with a
// number. A value whose tail after the number holds digits or is longer than
// four characters is prose and yields no number.
func ParseIndicatorValue(s string) (comparator string, num *decimal.Decimal, unit string) {
	t := strings.TrimSpace(values.NormalizeWidth(s))
	if t == "" {
		return "", nil, ""
	}
	if op, n, u := parseValue(t); n != nil {
		return op, n, u
	}
	// a comparator after words: "补贴对象生活改善度不低于80%"
	// the last comparator word; of words ending at the same place the
	// longest ("不低于" over "低于")
	best, bestEnd := -1, -1
	for _, c := range comparatorPrefixes {
		i := strings.LastIndex(t, c.word)
		if i <= 0 {
			continue
		}
		if end := i + len(c.word); end > bestEnd || (end == bestEnd && i < best) {
			best, bestEnd = i, end
		}
	}
	if best > 0 {
		if op, n, u := parseValue(t[best:]); n != nil && op != "" {
			return op, n, u
		}
	}
	return "", nil, ""
}

// parseValue reads [comparator] number [unit] from the start of t.
func parseValue(t string) (comparator string, num *decimal.Decimal, unit string) {
	op := ""
	for _, c := range comparatorPrefixes {
		if strings.HasPrefix(t, c.word) {
			op = c.op
			t = strings.TrimSpace(t[len(c.word):])
			break
		}
	}
	// number: optional sign, digits with optional thousands separators and decimals
	i := 0
	neg := false
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+") {
		neg = t[0] == '-'
		i = 1
	}
	start := i
	var digits strings.Builder
	nd := 0
	dot := false
	for i < len(t) {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			digits.WriteByte(c)
			nd++
		case c == '.' && !dot && nd > 0 && i+1 < len(t) && t[i+1] >= '0' && t[i+1] <= '9':
			dot = true
			digits.WriteByte(c)
		case c == ',' && nd > 0 && i+1 < len(t) && t[i+1] >= '0' && t[i+1] <= '9':
			// thousands separator
		default:
			goto done
		}
		i++
	}
done:
	if nd == 0 || i == start || nd > maxValueDigits {
		return "", nil, ""
	}
	rest := strings.TrimSpace(t[i:])
	switch {
	case strings.HasSuffix(rest, "以上"):
		if op == "" {
			op = ">="
		}
		rest = strings.TrimSpace(strings.TrimSuffix(rest, "以上"))
	case strings.HasSuffix(rest, "以下"):
		if op == "" {
			op = "<="
		}
		rest = strings.TrimSpace(strings.TrimSuffix(rest, "以下"))
	}
	rest = strings.TrimSpace(strings.TrimSuffix(rest, "及"))
	if strings.HasPrefix(rest, "(") && strings.HasSuffix(rest, ")") {
		rest = strings.TrimSpace(rest[1 : len(rest)-1])
	}
	for _, m := range moneyUnits {
		if strings.HasPrefix(rest, m) {
			rest = m
			break
		}
	}
	if strings.IndexFunc(rest, unicode.IsDigit) >= 0 || utf8.RuneCountInString(rest) > maxUnitRunes {
		return "", nil, ""
	}
	d, err := decimal.NewFromString(digits.String())
	if err != nil {
		return "", nil, ""
	}
	if neg {
		d = d.Neg()
	}
	return op, &d, rest
}
