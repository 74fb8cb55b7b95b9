package check

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// This file holds the small sentence parsers of the prose rules. They read
// the prose as published (Paragraphs and the sentences NarrativeFacts came
// from) and extract amounts with their labels; amounts are converted to
// yuan, with the rounding allowance of their printed precision.

// sentence is a piece of prose with its source_ref.
type sentence struct {
	Text string
	Ref  string
}

// proseTexts returns the document's prose paragraphs, each once, in order,
// with line breaks and spaces removed (PDF text wraps inside numbers). A
// paragraph that does not end a sentence (no 。！？) continues into the next
// paragraph of the same section: PDF readers break paragraphs at page and
// column ends. The sentences NarrativeFacts came from are added when no
// paragraph holds them.
func proseTexts(d *model.Disclosure) []sentence {
	var out []sentence
	open := false
	section := ""
	for _, p := range d.Paragraphs {
		t := compact(p.Text)
		if t == "" {
			continue
		}
		if open && p.Section == section && len(out) > 0 {
			out[len(out)-1].Text += t
		} else {
			out = append(out, sentence{Text: t, Ref: p.SourceRef})
		}
		section = p.Section
		r := []rune(t)
		open = !strings.ContainsRune("。！？!?", r[len(r)-1])
	}
	for _, n := range d.Narrative {
		t := compact(n.Text)
		if t == "" {
			continue
		}
		held := false
		for _, s := range out {
			if strings.Contains(s.Text, t) {
				held = true
				break
			}
		}
		if !held {
			out = append(out, sentence{Text: t, Ref: n.SourceRef})
		}
	}
	return out
}

// labelWindow bounds the text the end-anchored label patterns look at
// before an amount: labels and the department name before them are short,
// and matching from the start of a long paragraph for every amount is
// quadratic.
const labelWindow = 240

// preceding returns up to labelWindow bytes of s ending at end, starting on a
// rune boundary.
func preceding(s string, end int) string {
	start := max(0, end-labelWindow)
	for start > 0 && !utf8.RuneStart(s[start]) {
		start++
	}
	return s[start:end]
}

// compact removes whitespace and normalises digits and number punctuation.
func compact(s string) string {
	s = values.NormalizeWidth(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// splitSentences splits on 。 (keeping order).
func splitSentences(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "。") {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// money is an amount found in prose.
type money struct {
	Value decimal.Decimal // yuan
	Prec  decimal.Decimal // half the last printed digit, yuan
	Start int             // byte offsets of the number+unit in the text
	End   int
	Text  string
}

var moneyRE = regexp.MustCompile(`(\d[\d,]*(?:\.\d+)?)(亿元|万元|千元|元)`)

// moneyIn returns the amounts with a money unit in s, in order.
func moneyIn(s string) []money {
	if !strings.Contains(s, "元") {
		return nil // moneyRE needs a unit ending in 元: skip the regexp
	}
	var out []money
	for _, m := range moneyRE.FindAllStringSubmatchIndex(s, -1) {
		num := strings.ReplaceAll(s[m[2]:m[3]], ",", "")
		if len(num) > 20 {
			continue
		}
		v, err := decimal.NewFromString(num)
		if err != nil {
			continue
		}
		unit := s[m[4]:m[5]]
		y, _ := parseUnitAmount(v, unit)
		places := int32(0)
		if k := strings.IndexByte(num, '.'); k >= 0 {
			places = int32(len(num) - k - 1)
		}
		p, _ := parseUnitAmount(decimal.New(5, -places-1), unit)
		out = append(out, money{Value: y, Prec: p, Start: m[0], End: m[1], Text: s[m[0]:m[1]]})
	}
	return out
}

// pctValue parses a printed percentage and its half-digit allowance.
func pctValue(num string) (decimal.Decimal, decimal.Decimal, bool) {
	v, err := decimal.NewFromString(num)
	if err != nil || len(num) > 20 {
		return decimal.Zero, decimal.Zero, false
	}
	places := int32(0)
	if k := strings.IndexByte(num, '.'); k >= 0 {
		places = int32(len(num) - k - 1)
	}
	return v, decimal.New(5, -places-1), true
}

// change is a year-on-year percentage statement.
type change struct {
	Text    string
	Stated  decimal.Decimal // signed percent as printed (decrease negative)
	StatedP decimal.Decimal // allowance of the printed percent
	// Min and Max bound the percentage the printed amounts allow.
	Min, Max decimal.Decimal
	// Prior and Current are the amounts used (yuan), for messages.
	Prior, Current decimal.Decimal
	Consistent     bool
}

var (
	pctRE      = regexp.MustCompile(`(增加|减少|增长|下降|上升|降低)了?(\d+(?:\.\d+)?)%`)
	changeAmRE = regexp.MustCompile(`(增加|减少|增长|下降|上升|降低)了?$`)
)

func isDecrease(w string) bool { return w == "减少" || w == "下降" || w == "降低" }

var ratioScale = int32(12)

// scanChanges finds the percentage changes of a sentence and recomputes
// them from the amounts printed before them in the same sentence:
//   - "…A万元，…B万元，比…增加P%" (prior A, current B);
//   - "…C万元，…比上年减少D万元，下降P%" (current C, change D; any earlier
//     amount of the sentence may be C, the statement is consistent if one is).
func scanChanges(s string) []change {
	var out []change
	ms := moneyIn(s)
	for _, m := range pctRE.FindAllStringSubmatchIndex(s, -1) {
		word := s[m[2]:m[3]]
		stated, sp, ok := pctValue(s[m[4]:m[5]])
		if !ok {
			continue
		}
		if isDecrease(word) {
			stated = stated.Neg()
		}
		var before []money
		for _, x := range ms {
			if x.End <= m[0] {
				before = append(before, x)
			}
		}
		if len(before) == 0 {
			continue
		}
		last := before[len(before)-1]
		gap := s[last.End:m[0]]
		c := change{Text: s[:m[1]], Stated: stated, StatedP: sp}
		if len([]rune(gap)) <= 2 && changeAmRE.MatchString(preceding(s, last.Start)) {
			// Pattern B: change amount D right before the percentage.
			wm := changeAmRE.FindStringSubmatch(preceding(s, last.Start))
			sign := decimal.NewFromInt(1)
			if isDecrease(wm[1]) {
				sign = sign.Neg()
			}
			agree := isDecrease(wm[1]) == isDecrease(word)
			set := false
			cands := before[:len(before)-1]
			for i := len(cands) - 1; i >= 0; i-- {
				cd := cands[i]
				lo, hi, ok := changeBounds(cd, last, sign)
				if !ok {
					continue
				}
				if !set {
					c.Min, c.Max, c.Current, set = lo, hi, cd.Value, true
					c.Prior = cd.Value.Sub(sign.Mul(last.Value))
				}
				if agree && overlaps(lo, hi, stated, sp) {
					c.Min, c.Max, c.Current = lo, hi, cd.Value
					c.Prior = cd.Value.Sub(sign.Mul(last.Value))
					c.Consistent = true
					break
				}
				// The amount may be the prior year's, stated in passing
				// (“(上年为8,648.07万元)，增加498.72万元，增长5.77%”).
				if plo, phi, ok := priorBounds(cd, last, sign); ok && agree && overlaps(plo, phi, stated, sp) {
					c.Min, c.Max, c.Prior = plo, phi, cd.Value
					c.Current = cd.Value.Add(sign.Mul(last.Value))
					c.Consistent = true
					break
				}
			}
			if !set {
				continue
			}
			out = append(out, c)
			continue
		}
		// Pattern A: prior then current, "比" between current and the word.
		if len(before) < 2 || !strings.Contains(gap, "比") {
			continue
		}
		prior, cur := before[len(before)-2], last
		if prior.Value.Sub(prior.Prec).Sign() <= 0 {
			continue
		}
		c.Prior, c.Current = prior.Value, cur.Value
		c.Min = pctOf(cur.Value.Sub(cur.Prec).Sub(prior.Value.Add(prior.Prec)), prior.Value.Add(prior.Prec))
		c.Max = pctOf(cur.Value.Add(cur.Prec).Sub(prior.Value.Sub(prior.Prec)), prior.Value.Sub(prior.Prec))
		if c.Min.GreaterThan(c.Max) {
			c.Min, c.Max = c.Max, c.Min
		}
		c.Consistent = overlaps(c.Min, c.Max, stated, sp)
		out = append(out, c)
	}
	return out
}

// changeBounds bounds |D| / prior × 100 where prior = C − sign·D.
func changeBounds(cur, d money, sign decimal.Decimal) (decimal.Decimal, decimal.Decimal, bool) {
	var vals []decimal.Decimal
	for _, cv := range []decimal.Decimal{cur.Value.Sub(cur.Prec), cur.Value.Add(cur.Prec)} {
		for _, dv := range []decimal.Decimal{d.Value.Sub(d.Prec), d.Value.Add(d.Prec)} {
			if dv.Sign() < 0 {
				dv = decimal.Zero
			}
			prior := cv.Sub(sign.Mul(dv))
			if prior.Sign() <= 0 {
				return decimal.Zero, decimal.Zero, false
			}
			vals = append(vals, pctOf(sign.Mul(dv), prior))
		}
	}
	sort.Slice(vals, func(i, j int) bool { return vals[i].LessThan(vals[j]) })
	return vals[0], vals[len(vals)-1], true
}

// priorBounds bounds sign·|D| / P × 100 where P is the prior amount.
func priorBounds(prior, d money, sign decimal.Decimal) (decimal.Decimal, decimal.Decimal, bool) {
	plo, phi := prior.Value.Sub(prior.Prec), prior.Value.Add(prior.Prec)
	dlo, dhi := d.Value.Sub(d.Prec), d.Value.Add(d.Prec)
	if plo.Sign() <= 0 {
		return decimal.Zero, decimal.Zero, false
	}
	if dlo.Sign() < 0 {
		dlo = decimal.Zero
	}
	lo, hi := pctOf(dlo, phi), pctOf(dhi, plo)
	if sign.Sign() < 0 {
		lo, hi = hi.Neg(), lo.Neg()
	}
	return lo, hi, true
}

func pctOf(num, den decimal.Decimal) decimal.Decimal {
	if den.IsZero() {
		return decimal.Zero
	}
	return num.Mul(hundred).DivRound(den, ratioScale)
}

// overlaps reports whether [lo,hi] meets [v-p, v+p].
func overlaps(lo, hi, v, p decimal.Decimal) bool {
	return !hi.LessThan(v.Sub(p)) && !lo.GreaterThan(v.Add(p))
}

// share is "X万元，占P%" and the wholes it may be a share of.
type share struct {
	Part     money
	Whole    money // the first candidate whole (for messages)
	Stated   decimal.Decimal
	StatedP  decimal.Decimal
	Min, Max decimal.Decimal // bounds against Whole
	// Consistent is true when some whole before it in the sentence gives
	// the stated percentage.
	Consistent bool
	Label      string
}

var shareRE = regexp.MustCompile(`^[,，:：]?占(?:比)?(?:为)?(\d+(?:\.\d+)?)%`)

// shareBounds bounds part / whole × 100 over the printed rounding of both.
func shareBounds(part, whole money) (decimal.Decimal, decimal.Decimal, bool) {
	wlo, whi := whole.Value.Sub(whole.Prec), whole.Value.Add(whole.Prec)
	plo, phi := part.Value.Sub(part.Prec), part.Value.Add(part.Prec)
	if plo.Sign() < 0 {
		plo = decimal.Zero
	}
	if wlo.Sign() <= 0 || plo.GreaterThan(whi) {
		return decimal.Zero, decimal.Zero, false
	}
	return pctOf(plo, whi), pctOf(phi, wlo), true
}

// scanShares finds shares in a sentence. The wholes are the amounts before
// a share that are not shares themselves (“本年支出合计2940.05万元，其中：
// 基本支出2336.91万元，占79.49%”); the first one is the sentence's whole,
// and a sentence whose first amount is itself a share has its whole in an
// earlier sentence (PDF text often breaks there) and is skipped.
func scanShares(s string) []share {
	ms := moneyIn(s)
	if len(ms) < 2 || shareRE.MatchString(s[ms[0].End:]) {
		return nil
	}
	var wholes []money
	var out []share
	for _, part := range ms {
		m := shareRE.FindStringSubmatch(s[part.End:])
		if m == nil {
			wholes = append(wholes, part)
			continue
		}
		v, p, ok := pctValue(m[1])
		if !ok || len(wholes) == 0 {
			continue
		}
		// Published shares are sometimes nudged by one unit of their last
		// digit so that they add up to 100%: allow that unit.
		p = p.Mul(decimal.NewFromInt(3))
		sh := share{Part: part, Stated: v, StatedP: p, Label: labelBefore(s, part.Start)}
		set := false
		for _, w := range wholes {
			lo, hi, ok := shareBounds(part, w)
			if !ok {
				continue
			}
			if !set {
				sh.Whole, sh.Min, sh.Max, set = w, lo, hi, true
			}
			if overlaps(lo, hi, v, p) {
				sh.Whole, sh.Min, sh.Max, sh.Consistent = w, lo, hi, true
				break
			}
		}
		if set {
			out = append(out, sh)
		}
	}
	return out
}

// labelBefore returns the words right before byte offset i, back to the
// previous punctuation (at most 24 runes).
func labelBefore(s string, i int) string {
	rs := []rune(s[:i])
	j := len(rs)
	for j > 0 && len(rs)-j < 24 {
		r := rs[j-1]
		if strings.ContainsRune("，,；;：:。、", r) || isDigit(r) {
			break
		}
		j--
	}
	return string(rs[j:])
}

// labelled is an amount introduced by a known label.
type labelled struct {
	Key   string
	Label string
	M     money
}

// labelPattern maps a label regexp (matched right before an amount) to a key.
type labelPattern struct {
	key string
	re  *regexp.Regexp
}

// scanLabelled finds amounts whose preceding words match one of the
// patterns (anchored at the end, i.e. right before the number); words in
// stop immediately before the label disqualify it.
func scanLabelled(s string, pats []labelPattern, stop []string) []labelled {
	return scanLabelledLead(s, pats, stop, nil)
}

// scanLabelledLead is scanLabelled with a test on the text before the label
// (nil accepts any).
func scanLabelledLead(s string, pats []labelPattern, stop []string, lead func(pre string) bool) []labelled {
	var out []labelled
	for _, m := range moneyIn(s) {
		head := preceding(s, m.Start)
		for _, p := range pats {
			loc := p.re.FindStringIndex(head)
			if loc == nil {
				continue
			}
			pre := head[:loc[0]]
			bad := false
			for _, w := range stop {
				if strings.HasSuffix(pre, w) {
					bad = true
				}
			}
			if bad || (lead != nil && !lead(pre)) {
				break
			}
			out = append(out, labelled{Key: p.key, Label: head[loc[0]:loc[1]], M: m})
			break
		}
	}
	return out
}

// funcMention is "名称(204类)名称(06款)名称(01项)X万元 … 预算安排B万元".
type funcMention struct {
	Code    string
	Names   []string // names as printed, class first
	Levels  []string // codes of each named level
	Amount  *money   // amount right after the chain
	Planned *money   // "预算安排B万元" later in the item
	Text    string
}

var chainRE = regexp.MustCompile(`((?:[^()\d、，,。；;：:]{1,30}\((\d{3})类\))(?:[^()\d、，,。；;：:]{1,30}\((\d{2})款\))?(?:[^()\d、，,。；;：:]{1,30}\((\d{2})项\))?)`)
var partRE = regexp.MustCompile(`([^()\d、，,。；;：:]{1,30})\((\d{2,3})(类|款|项)\)`)
var plannedRE = regexp.MustCompile(`预算安排(?:为)?$`)

// scanFuncMentions finds functional-code chains and the amounts of each.
func scanFuncMentions(s string) []funcMention {
	if !strings.Contains(s, "类)") {
		return nil // every chain starts with a class "(204类)": skip the regexp
	}
	locs := chainRE.FindAllStringSubmatchIndex(s, -1)
	var out []funcMention
	for k, l := range locs {
		fm := funcMention{}
		chain := s[l[2]:l[3]]
		for _, p := range partRE.FindAllStringSubmatch(chain, -1) {
			fm.Code += p[2]
			fm.Names = append(fm.Names, p[1])
			fm.Levels = append(fm.Levels, fm.Code)
		}
		end := len(s)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		seg := s[l[1]:end]
		fm.Text = s[l[0]:end]
		for _, m := range moneyIn(seg) {
			mm := m
			if m.Start == 0 && fm.Amount == nil {
				fm.Amount = &mm
				continue
			}
			if fm.Planned == nil && plannedRE.MatchString(preceding(seg, m.Start)) {
				fm.Planned = &mm
			}
		}
		out = append(out, fm)
	}
	return out
}
