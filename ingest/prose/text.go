// This file holds the text machinery: runs of paragraphs (units), their
// delimiter index, and the number+unit mentions found in them.

package prose

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/shopspring/decimal"
)

// pageNumber is a stray page number line ("12", "- 12 -", "第3页").
var pageNumber = regexp.MustCompile(`^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*\d{1,4})?[-—–\s]*$`)

// Paragraph titles ("一、", "（一）", "1、") and their rank.
var titleRanks = []*regexp.Regexp{
	regexp.MustCompile(`^[一二三四五六七八九十]+、`),
	regexp.MustCompile(`^[(（][一二三四五六七八九十]+[)）]`),
	regexp.MustCompile(`^\d+[、.．]`),
}

// titleRank returns the rank of a paragraph that is a section title, or -1.
func titleRank(t string) int {
	n := strings.TrimSpace(values.NormalizeWidth(t))
	if utf8.RuneCountInString(n) > 50 || mentionRE.MatchString(n) || strings.ContainsAny(n, "。;,") ||
		codeMark.MatchString(n) {
		return -1
	}
	for i, re := range titleRanks {
		if re.MatchString(n) {
			return i
		}
	}
	return -1
}

// mention is one "number + unit" in a paragraph.
var mentionRE = regexp.MustCompile(`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|亿元|千元|元|%|个|辆|平方米|台\(套\)|台/套|台套|台|人|项|家)`)

type mention struct {
	start, end int // byte offsets into the unit's normalized text
	num        decimal.Decimal
	unit       string
	label      string
}

// unit is a run of paragraph blocks forming one text (PDF readers break
// sentences over lines and pages); segs keep each block's ref.
type unit struct {
	orig []rune
	norm string
	segs []segment
	// filled by index
	runeIdx             []int32
	semis, fulls, stops []bound
	// cuts are offsets where a clause ends although no ; or 。 is printed:
	// after a line ending in a colon ("其中："), whose list follows.
	cuts []int
}

type segment struct {
	start int // byte offset into norm
	ref   doc.Ref
}

func (u *unit) add(text string, ref doc.Ref) {
	t := strings.TrimSpace(text)
	if strings.HasSuffix(u.norm, ":") {
		u.cuts = append(u.cuts, len(u.norm))
	}
	u.segs = append(u.segs, segment{start: len(u.norm), ref: ref})
	u.orig = append(u.orig, []rune(t)...)
	u.norm += values.NormalizeWidth(t)
}

func (u *unit) refAt(off int) doc.Ref {
	i := sort.Search(len(u.segs), func(i int) bool { return u.segs[i].start > off }) - 1
	if i < 0 {
		i = 0
	}
	return u.segs[i].ref
}

// index records where the unit's clauses and sentences end and the rune
// index of every byte, so that a long run of text is read in linear time.
func (u *unit) index() {
	u.runeIdx = make([]int32, len(u.norm)+1)
	var cnt int32
	for b := 0; b < len(u.norm); b++ {
		u.runeIdx[b] = cnt
		if utf8.RuneStart(u.norm[b]) {
			cnt++
		}
	}
	u.runeIdx[len(u.norm)] = cnt
	for i, r := range u.norm {
		switch r {
		case ';':
			u.semis = append(u.semis, bound{i, i + 1})
			u.stops = append(u.stops, bound{i, i + 1})
		case '。':
			u.fulls = append(u.fulls, bound{i, i + len("。")})
			u.stops = append(u.stops, bound{i, i + len("。")})
		}
	}
}

// bound is a delimiter's byte range.
type bound struct{ start, end int }

// after returns the end of the last delimiter in bs that starts before at,
// or 0.
func after(bs []bound, at int) int {
	i := sort.Search(len(bs), func(i int) bool { return bs[i].start >= at }) - 1
	if i < 0 {
		return 0
	}
	return bs[i].end
}

// next returns the start of the first delimiter in bs at or after at, or
// limit.
func next(bs []bound, at, limit int) int {
	i := sort.Search(len(bs), func(i int) bool { return bs[i].start >= at })
	if i == len(bs) {
		return limit
	}
	return bs[i].start
}

// window returns norm[from:to] with from moved back no further than max
// bytes before to, on a rune boundary.
func (u *unit) window(from, to, max int) string {
	if to-from > max {
		from = u.align(to - max)
	}
	return u.norm[from:to]
}

// align moves a byte offset forward to a rune start.
func (u *unit) align(off int) int {
	for off < len(u.norm) && !utf8.RuneStart(u.norm[off]) {
		off++
	}
	return off
}

// origText returns the original text of norm[a:b].
func (u *unit) origText(a, b int) string {
	ra, rb := u.runeIdx[a], u.runeIdx[b]
	if int(rb) > len(u.orig) {
		rb = int32(len(u.orig))
	}
	return string(u.orig[ra:rb])
}

// Text windows: a clause longer than maxText is cut around its figure.
const (
	textBefore = 540 // bytes before the figure (about 180 characters)
	textAfter  = 300
	// lookBehind is how far back (bytes) sentence words are looked for.
	lookBehind = 600
)

// clause returns the original text of the clause (between ; and 。) around
// byte offset at.
func (u *unit) clause(at int) string {
	a := after(u.stops, at)
	b := next(u.stops, at, len(u.norm))
	if at-a > textBefore {
		a = u.align(at - textBefore)
	}
	if b-at > textAfter {
		b = u.align(at + textAfter)
	}
	for _, c := range u.cuts {
		if c <= at && c > a {
			a = c
		}
		if c > at && c < b {
			b = c
		}
	}
	return strings.TrimSpace(u.origText(a, b))
}

// afterLast returns the byte offset just after the last rune of s that is
// in set, or 0.
func afterLast(s, set string) int {
	i := strings.LastIndexAny(s, set)
	if i < 0 {
		return 0
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	return i + w
}

// terminated reports whether a paragraph ends a sentence.
func terminated(t string) bool {
	t = strings.TrimRightFunc(values.NormalizeWidth(t), unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune("。;!?", r)
}

const labelDelims = ",;:、。"

// maxDigits bounds the digits of a figure: 亿元 × 10^8 must still fit the
// warehouse's DECIMAL(24,4) value column.
const maxDigits = 12

// findMentions lists the number+unit mentions of a normalized text with
// their labels (the words since the previous delimiter or mention).
// Thresholds ("50万元(原值)以上的设备") are not mentions; they stay in the
// label of the next one.
func findMentions(n string) []mention {
	var out []mention
	prevEnd := 0
	for _, m := range mentionRE.FindAllStringSubmatchIndex(n, -1) {
		start, end := m[0], m[1]
		if start > 0 {
			last, _ := utf8.DecodeLastRuneInString(n[:start])
			if unicode.IsDigit(last) || last == '.' || last == '-' || last < 0x80 && unicode.IsLetter(last) {
				continue
			}
		}
		unit := n[m[4]:m[5]]
		rest := n[end:]
		if unit == "项" && (strings.HasPrefix(rest, ")") || strings.HasPrefix(rest, "目")) {
			continue // a code marker "(01项)" or the word 项目
		}
		if (unit == "人" && strings.HasPrefix(rest, "次")) || (unit == "个" && (strings.HasPrefix(rest, "月") || strings.HasPrefix(rest, "百分点"))) {
			continue // 人次, 个月, 个百分点 are not counts of people or items
		}
		if isMoney(unit) && (strings.HasPrefix(rest, "(原值)") || strings.HasPrefix(rest, "以上") || strings.HasPrefix(rest, "(含)以上")) {
			continue
		}
		digits := strings.ReplaceAll(n[m[2]:m[3]], ",", "")
		if len(digits) > maxDigits {
			continue
		}
		num, err := decimal.NewFromString(digits)
		if err != nil {
			continue
		}
		lab := n[prevEnd:start]
		if i := strings.LastIndexAny(lab, labelDelims); i >= 0 {
			_, w := utf8.DecodeRuneInString(lab[i:])
			lab = lab[i+w:]
		}
		out = append(out, mention{start: start, end: end, num: num, unit: unit, label: strings.TrimSpace(lab)})
		prevEnd = end
	}
	return out
}

// moneyUnit is the unit a change figure's subject is counted in: a
// percentage change is of an amount.
func moneyUnit(u string) string {
	if u == "%" {
		return "万元"
	}
	return u
}

func isMoney(u string) bool {
	switch u {
	case "万元", "亿元", "千元", "元":
		return true
	}
	return false
}

// value converts a mention to the fact's value and unit.
func value(m mention) (decimal.Decimal, string) {
	switch m.unit {
	case "万元":
		return m.num.Mul(decimal.NewFromInt(10000)), "元"
	case "亿元":
		return m.num.Mul(decimal.NewFromInt(100000000)), "元"
	case "千元":
		return m.num.Mul(decimal.NewFromInt(1000)), "元"
	case "元":
		return m.num, "元"
	case "台(套)", "台/套", "台套", "台":
		return m.num, "台套"
	}
	return m.num, m.unit
}
