package prose

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// Info tells Extract what the document is, so that labels can be read
// without the department name and year that prefix most sentences.
type Info struct {
	FiscalYear int
	Department string
}

// maxText bounds NarrativeFact.Text (in characters).
const maxText = 200

// Section contexts, taken from headings.
const (
	ctxNone        = ""
	ctxTotals      = "totals"
	ctxIncome      = "income"
	ctxExpenditure = "expenditure"
	ctxFiscal      = "fiscal"
	ctxGeneral     = "general"
	ctxBasic       = "basic"
	ctxFund        = "government_fund"
	ctxThree       = "three_public"
	ctxOperating   = "operating"
	ctxProcurement = "procurement"
	ctxPerf        = "perf"
	ctxAssets      = "assets"
	ctxGlossary    = "glossary"
	ctxOther       = "other"
)

// classifyHeading maps a heading to a section context ("" when the heading
// names none of them).
func classifyHeading(t string) string {
	t = values.NormalizeWidth(t)
	has := func(w ...string) bool {
		for _, x := range w {
			if strings.Contains(t, x) {
				return true
			}
		}
		return false
	}
	switch {
	case has("名词解释"):
		return ctxGlossary
	case has("三公"):
		return ctxThree
	case has("机关运行经费"):
		return ctxOperating
	case has("政府采购"):
		return ctxProcurement
	case has("绩效"):
		return ctxPerf
	case has("国有资产", "资产占有", "车辆情况", "房屋情况", "资产情况"):
		return ctxAssets
	case has("基本支出"):
		return ctxBasic
	case has("政府性基金"):
		return ctxFund
	case has("一般公共预算"):
		return ctxGeneral
	case has("财政拨款"):
		return ctxFiscal
	case has("收支", "收入支出"):
		return ctxTotals
	case has("收入"):
		return ctxIncome
	case has("支出"):
		return ctxExpenditure
	case has("其他说明", "政府购买服务", "附件", "项目经费情况", "项目概况", "部门职能", "机构设置", "目录"):
		return ctxOther
	}
	return ctxNone
}

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

// extractor holds the state of one Extract call.
type extractor struct {
	info  Info
	out   []model.NarrativeFact
	seen  map[string]bool
	ctx   string
	level int
	// section state
	perfGroup, perfSub string
	side               string // income / expenditure: the total last named
	vehicleGroup       string
	// prior is the unit's text before the mention being classified
	prior string
}

// Extract returns the narrative facts of the blocks (see the package
// comment for the fact names). Paragraphs are read in runs (a paragraph
// that does not end a sentence continues in the next one, across page
// breaks); tables are not read, except the department-wide performance
// form, whose staff numbers become facts.
func Extract(blocks []doc.Block, info Info) []model.NarrativeFact {
	e := &extractor{info: info, seen: map[string]bool{}}
	var u *unit
	flush := func() {
		if u != nil && e.ctx != ctxGlossary {
			e.unit(u)
		}
		u = nil
	}
	for _, b := range blocks {
		switch b.Kind {
		case doc.Heading:
			flush()
			e.heading(b.Text, b.Level)
		case doc.Paragraph:
			if pageNumber.MatchString(values.NormalizeWidth(strings.TrimSpace(b.Text))) {
				continue // a page number inside a sentence wrapped over pages
			}
			if r := titleRank(b.Text); r >= 0 {
				flush()
				e.heading(b.Text, 10+r)
				continue
			}
			// a finished sentence, or a numbered list item, starts a new run
			if u != nil && (terminated(string(u.orig)) || listStart.MatchString(values.NormalizeWidth(strings.TrimSpace(b.Text)))) {
				flush()
			}
			if u == nil {
				u = &unit{}
			}
			u.add(b.Text, b.Ref)
		case doc.Table:
			flush()
		}
	}
	flush()
	e.staffFromForms(blocks)
	e.fallbackTotalChange()
	return e.out
}

// fallbackTotalChange copies the expenditure total's change to total_change
// when the document states no change of 收入总计.
func (e *extractor) fallbackTotalChange() {
	for _, f := range e.out {
		if f.Fact == "total_change" {
			return
		}
	}
	for _, f := range e.out {
		if rest, ok := strings.CutPrefix(f.Fact, "total_expenditure_change"); ok {
			e.out = append(e.out, model.NarrativeFact{Fact: "total_change" + rest, Value: f.Value, Unit: f.Unit, Text: f.Text, SourceRef: f.SourceRef})
		}
	}
}

// heading sets the section context. level orders headings: markdown or PDF
// heading levels (0 = top), paragraph titles 10 + rank. An unclassified
// heading below the current section keeps it; any other ends it.
func (e *extractor) heading(t string, level int) {
	c := classifyHeading(t)
	switch {
	case c != ctxNone:
		e.ctx, e.level = c, level
	case e.ctx != ctxNone && level > e.level:
	default:
		e.ctx, e.level = ctxNone, level
	}
	e.perfGroup, e.perfSub, e.side, e.vehicleGroup = "", "", "", ""
}

func (e *extractor) add(fact string, v decimal.Decimal, unit, text string, ref doc.Ref) {
	e.addRef(fact, v, unit, text, ref.String())
}

func (e *extractor) addRef(fact string, v decimal.Decimal, unit, text, ref string) {
	k := fact + "|" + v.String() + "|" + unit
	if e.seen[k] {
		return
	}
	e.seen[k] = true
	e.out = append(e.out, model.NarrativeFact{Fact: fact, Value: v, Unit: unit, Text: trimText(text), SourceRef: ref})
}

func trimText(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > maxText {
		s = string(r[:maxText])
	}
	return s
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

var (
	changeRE = regexp.MustCompile(`((减少|增加|增长|下降|上升|降低|缩减|压减)了?|(比|较|同比|与上年).*(增|减|多|少)了?)$`)
	// compRE is the comparison a change is stated against ("比2025年预算执行数")
	compRE    = regexp.MustCompile(`(与|比|较|同比).*?(上年|\d{4}年度?)(同期)?(预算执行数|预算数|决算数|执行数|预算|决算|数)?(相比)?`)
	negWordRE = regexp.MustCompile(`(减少|下降|降低|缩减|压减|减|少)了?$`)
	sameRE    = regexp.MustCompile(`(相同|持平|一致|无变化|没有变化|不变|零增长)`)
	reasonRE  = regexp.MustCompile(`(主要原因是|主要原因为|主要原因:|原因是|原因为|主要是由于|主要是因为)`)
	thresh    = regexp.MustCompile(`(\d+)万元`)
	// listStart is a list number opening a paragraph ("1、", "（二）", "3."
	// but not the "198." of an amount wrapped onto a new line)
	listStart = regexp.MustCompile(`^([(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[、．]|\d+\.(\D|$))`)
	numbering = regexp.MustCompile(`^([(（][一二三四五六七八九十\d]+[)）][、.．]?|[一二三四五六七八九十\d]+[、.．])+`)
)

// components of a total never carry the total's change.
func isComponent(fact string) bool {
	if strings.Contains(fact, "_prior_execution") {
		return true
	}
	switch fact {
	case "income_current_year", "expenditure_current_year", "income_source_carryover", "expenditure_carryover", "fiscal_current_year", "fiscal_carryover":
		return true
	}
	return false
}

// withSuffix appends a suffix to a fact name, before the qualifier of a
// qualified name (class_amount:X + _change → class_change:X).
func withSuffix(fact, suffix string) string {
	if i := strings.IndexByte(fact, ':'); i >= 0 {
		return strings.TrimSuffix(fact[:i], "_amount") + suffix + fact[i:]
	}
	return fact + suffix
}

func changeBase(subject string) string {
	switch subject {
	case "total_income":
		return "total_change"
	case "total_expenditure":
		return "total_expenditure_change"
	case "general_budget_total":
		return "general_budget_change"
	case "three_public_total":
		return "three_public_change"
	case "fiscal_total":
		return "fiscal_change"
	}
	return withSuffix(subject, "_change")
}

func shareName(subject string) string {
	switch subject {
	case "basic_expenditure":
		return "basic_share_pct"
	case "project_expenditure":
		return "project_share_pct"
	}
	if strings.IndexByte(subject, ':') >= 0 {
		return withSuffix(subject, "_share_pct")
	}
	return strings.TrimSuffix(subject, "_amount") + "_share_pct"
}

// unit reads the figures of one run of paragraphs.
func (e *extractor) unit(u *unit) {
	n := u.norm
	u.index()
	ms := findMentions(n)
	e.noFigureFacts(u)
	var subject, changeSubject string
	clauseStart := 0
	for i, m := range ms {
		// a new clause (after ;) forgets the subject of the previous one
		if j := after(u.semis, m.start); j > clauseStart {
			clauseStart = j
			changeSubject, subject = "", ""
		}
		// figures inside a stated reason explain, they are not facts
		sentence := u.window(after(u.stops, m.start), m.start, lookBehind)
		if loc := reasonRE.FindStringIndex(sentence); loc != nil && !strings.Contains(sentence[loc[1]:], ":") {
			continue
		}
		before := u.window(after(u.fulls, m.start), m.start, lookBehind)
		text := u.clause(m.start)
		ref := u.refAt(m.start)
		v, unit := value(m)
		lab := e.cleanLabel(m.label)
		nextStart := len(n)
		if i+1 < len(ms) {
			nextStart = ms[i+1].start
		}
		changed := ""
		// a change may name its own subject ("基本支出增加498.72万元")
		own := ""
		if changeRE.MatchString(lab) {
			rest := compRE.ReplaceAllString(changeRE.ReplaceAllString(lab, ""), "")
			if rest = strings.Trim(rest, ",: 各"); rest != "" {
				e.prior = n[:m.start]
				if fs := e.classify(rest, mention{unit: moneyUnit(m.unit)}, before); len(fs) > 0 {
					own = fs[0]
					// "一般公共服务支出减少…" names a class, not the total
					if own == "total_expenditure" && !strings.ContainsAny(rest, "总计") && !strings.Contains(rest, "预算") && !strings.Contains(rest, "本年") {
						own = "class_amount:" + className(rest)
					}
				}
			}
		}
		switch {
		case changeRE.MatchString(lab) && (changeSubject != "" || own != ""):
			if negWordRE.MatchString(lab) {
				v = v.Neg()
			}
			cs := changeSubject
			if own != "" {
				cs = own
			}
			base := changeBase(cs)
			if unit == "%" {
				e.add(withSuffix(base, "_pct"), v, "%", text, ref)
			} else {
				e.add(base, v, unit, text, ref)
			}
			changed = base
		case strings.HasPrefix(lab, "占") && unit == "%" && subject != "":
			e.add(shareName(subject), v, "%", text, ref)
		case strings.Contains(lab, "完成") && strings.Contains(lab, "预算") && unit == "%" && subject != "":
			e.add(withSuffix(subject, "_completion_pct"), v, "%", text, ref)
		default:
			e.prior = n[:m.start]
			fs := e.classify(lab, m, before)
			if len(fs) == 0 {
				continue
			}
			for _, f := range fs {
				e.add(f, v, unit, text, ref)
			}
			f := fs[0]
			subject = f
			if !isComponent(f) {
				changeSubject = f
			}
			if sameYear(n[m.end:nextStart]) {
				e.add(changeBase(f), decimal.Zero, unit, text, ref)
				changed = changeBase(f)
			}
		}
		if changed != "" {
			e.reason(u, m.end, changed, ref)
		}
	}
}

// sameYear reports whether the text after a figure says it is unchanged
// from last year ("，与上年预算数相同", "。比2022年预算持平").
func sameYear(t string) bool {
	t = strings.TrimLeft(t, ",。 ")
	loc := sameRE.FindStringIndex(t)
	if loc == nil {
		return false
	}
	pre := t[:loc[0]]
	return utf8.RuneCountInString(pre) <= 14 && !strings.ContainsAny(pre, ";。") &&
		(strings.Contains(pre, "上年") || strings.Contains(pre, "年") || strings.Contains(pre, "同比") || pre == "")
}

// reason records the stated reason of a change ("主要原因是…") that follows
// the figure at offset end, before the next clause.
func (e *extractor) reason(u *unit, end int, change string, ref doc.Ref) {
	rest := u.norm[end:]
	if len(rest) > lookBehind {
		rest = rest[:u.align(end+lookBehind)-end]
	}
	t := strings.TrimLeft(rest, ",。 ")
	off := end + len(rest) - len(t)
	loc := reasonRE.FindStringIndex(t)
	if loc == nil || strings.ContainsAny(t[:loc[0]], ";。") || utf8.RuneCountInString(t[:loc[0]]) > 20 || mentionRE.MatchString(t[:loc[0]]) {
		return
	}
	r := t[loc[1]:]
	if j := strings.IndexAny(r, ";。"); j >= 0 {
		r = r[:j]
	}
	a := off + loc[1]
	b := a + len(r)
	text := strings.Trim(u.origText(a, b), ",，:： ")
	if text == "" {
		return
	}
	e.add(withSuffix(change, "_reason"), decimal.Zero, "", text, ref)
}

// cleanLabel strips the department name, a leading year or date, list
// numbering, brackets and "其中" from a label.
func (e *extractor) cleanLabel(l string) string {
	if d := values.NormalizeWidth(e.info.Department); d != "" {
		if i := strings.LastIndex(l, d); i >= 0 {
			l = l[i+len(d):]
		}
	}
	l = strings.TrimSpace(l)
	l = yearPrefix.ReplaceAllString(l, "")
	l = numbering.ReplaceAllString(l, "")
	l = strings.TrimLeft(l, "(（“\"” ")
	l = strings.TrimPrefix(l, "其中")
	return strings.Trim(l, ": ")
}

var yearPrefix = regexp.MustCompile(`^(截至|截止)?\d{4}年(度)?(\d{1,2}月\d{1,2}日)?`)

// noFigureFacts records statements that carry a fact without a number:
// "无机关运行经费支出".
func (e *extractor) noFigureFacts(u *unit) {
	n := u.norm
	for _, w := range []string{"无机关运行经费", "未安排机关运行经费", "不涉及机关运行经费", "没有机关运行经费"} {
		if i := strings.Index(n, w); i >= 0 && !mentionRE.MatchString(n) {
			e.add("operating_costs", decimal.Zero, "元", u.clause(i), u.refAt(i))
			return
		}
	}
}

// classify maps a mention's label to fact names in the current section
// (none when the figure is not one this package names). before is the
// sentence up to the mention.
func (e *extractor) classify(l string, m mention, before string) []string {
	one := func(f string) []string {
		if f == "" {
			return nil
		}
		return []string{f}
	}
	switch m.unit {
	case "人":
		return one(staffFact(l))
	case "辆":
		return one(e.vehicleFact(l))
	case "平方米":
		switch {
		case strings.Contains(l, "办公"):
			return one("office_area_m2")
		case e.ctx == ctxAssets || strings.Contains(l, "房屋"):
			return one("floor_area_m2")
		}
		return nil
	case "台(套)", "台/套", "台套", "台":
		return one(equipmentFact(l))
	case "%":
		return nil // shares and changes are handled by the caller
	}
	ctx := e.ctx
	// sentence words override a missing or generic section
	switch {
	case strings.Contains(before+l, "三公"):
		ctx = ctxThree
	case strings.Contains(before+l, "政府采购"):
		ctx = ctxProcurement
	case strings.Contains(l, "机关运行经费"):
		ctx = ctxOperating
	}
	count := m.unit == "个" || m.unit == "项" || m.unit == "家"
	switch ctx {
	case ctxThree:
		if count {
			return nil
		}
		return one(threePublicFact(l))
	case ctxProcurement:
		if count {
			return nil
		}
		return one(procurementFact(l))
	case ctxOperating:
		if !count && strings.Contains(l, "运行经费") {
			return one("operating_costs")
		}
		return nil
	case ctxPerf:
		return one(e.perfFact(l, count, before))
	case ctxAssets:
		if count {
			return nil
		}
		return one(assetFact(l))
	}
	if count {
		return nil
	}
	both := strings.Contains(before+l, "收入、支出") || strings.Contains(before+l, "收、支") || strings.Contains(l, "收支") || strings.Contains(l, "收入支出")
	// a budget figure beside a final-account one: only the final account
	// is the document's fact
	if strings.Contains(l, "年初预算") || strings.Contains(l, "调整预算") || strings.Contains(l, "调整后预算") {
		return nil
	}
	switch {
	case priorExec.MatchString(l):
		if it := itemBefore(e.prior); it != "" {
			return one(withSuffix(itemPrefix(ctx)+it, "_prior_execution"))
		}
		return nil
	case planned.MatchString(l):
		if it := itemBefore(e.prior); it != "" {
			return one(itemPrefix(ctx) + it)
		}
	}
	if measureOnly.MatchString(l) {
		if it := itemBefore(e.prior); it != "" {
			return one(itemPrefix(ctx) + it)
		}
		if ctx != ctxGeneral && ctx != ctxFiscal && ctx != ctxExpenditure {
			return nil
		}
	}
	classMode := strings.Contains(before, "用于") || strings.Contains(before, "支出包括") || strings.Contains(before, "包括:")
	isClass := strings.HasSuffix(l, "支出") && !strings.Contains(l, "基本支出") && !strings.Contains(l, "项目支出") && !strings.Contains(l, "当年支出")
	switch {
	case itemMark.MatchString(l):
		return one(itemPrefix(ctx) + itemName(l))
	case classMark.MatchString(l) && ctx == ctxBasic:
		return one("econ_class_amount:" + className(l))
	case classMark.MatchString(l):
		return one(classPrefix(ctx) + className(l))
	case isClass && (classMode || numbering.MatchString(strings.TrimSpace(m.label)) && !strings.Contains(l, "预算") && !strings.Contains(l, "总")) &&
		(ctx == ctxFiscal || ctx == ctxGeneral || ctx == ctxExpenditure || ctx == ctxTotals):
		return one(classPrefix(ctx) + className(l))
	}
	switch ctx {
	case ctxFiscal:
		switch {
		case strings.Contains(l, "总预算") || strings.Contains(l, "总计") || strings.Contains(l, "收支预算") || both:
			return one("fiscal_total")
		case strings.Contains(l, "当年拨款"):
			return one("fiscal_current_year")
		case strings.Contains(l, "上年结转"):
			return one("fiscal_carryover")
		case strings.Contains(l, "一般公共预算"):
			return one("fiscal_general_public_budget")
		case strings.Contains(l, "政府性基金"):
			return one("fiscal_government_fund")
		case strings.Contains(l, "国有资本"):
			return one("fiscal_state_capital")
		case strings.Contains(l, "支出"):
			return one("fiscal_expenditure")
		}
		return nil
	case ctxGeneral:
		switch {
		case strings.Contains(l, "基本支出"):
			return one("general_budget_basic")
		case strings.Contains(l, "项目支出"):
			return one("general_budget_project")
		case strings.Contains(l, "人员经费"):
			return one("personnel_expenditure")
		case strings.Contains(l, "公用经费"):
			return one("public_expenditure")
		case strings.Contains(l, "支出"):
			return one("general_budget_total")
		}
		return nil
	case ctxBasic:
		switch {
		case strings.Contains(l, "人员经费"):
			return one("personnel_expenditure")
		case strings.Contains(l, "公用经费"):
			return one("public_expenditure")
		case strings.Contains(l, "一般公共预算") && strings.Contains(l, "基本支出"):
			return one("general_budget_basic")
		case strings.Contains(l, "基本支出"):
			return one("basic_expenditure")
		}
		return nil
	case ctxFund:
		if strings.Contains(l, "支出") {
			return one("government_fund_expenditure")
		}
		if strings.Contains(l, "收入") {
			return one("government_fund_income")
		}
		return nil
	}
	// totals, income, expenditure and unknown sections
	switch {
	case both && (strings.Contains(l, "总计") || strings.Contains(l, "总预算")):
		e.side = "income"
		return []string{"total_income", "total_expenditure"}
	case incomeSource(l) != "" && !strings.Contains(l, "支出"):
		return one("income_source_" + incomeSource(l))
	case strings.Contains(l, "收入总计") || strings.Contains(l, "收入预算总计"):
		e.side = "income"
		return one("total_income")
	case strings.Contains(l, "支出总计") || strings.Contains(l, "支出预算总计"):
		e.side = "expenditure"
		return one("total_expenditure")
	case strings.Contains(l, "本年收入"):
		e.side = "income"
		return one("income_current_year")
	case strings.Contains(l, "本年预算安排") || strings.Contains(l, "本年支出"):
		e.side = "expenditure"
		return one("expenditure_current_year")
	case strings.Contains(l, "上年结转"):
		if e.side == "expenditure" {
			return one("expenditure_carryover")
		}
		return one("income_source_carryover")
	case strings.Contains(l, "基本支出"):
		return one("basic_expenditure")
	case strings.Contains(l, "项目支出"):
		return one("project_expenditure")
	case strings.Contains(l, "预留机动经费"):
		return one("reserve_expenditure")
	case strings.Contains(l, "人员经费"):
		return one("personnel_expenditure")
	case strings.Contains(l, "公用经费"):
		return one("public_expenditure")
	}
	if !strings.Contains(l, "支出") {
		if src := incomeSource(l); src != "" {
			return one("income_source_" + src)
		}
	}
	switch {
	case strings.HasSuffix(l, "收入") || strings.HasSuffix(l, "收入预算") || strings.HasSuffix(l, "预算收入") || strings.HasSuffix(l, "收入预算合计") || strings.HasSuffix(l, "收入合计"):
		if ctx == ctxIncome || ctx == ctxTotals || ctx == ctxNone {
			e.side = "income"
			return one("total_income")
		}
	case strings.HasSuffix(l, "支出预算") || strings.HasSuffix(l, "预算支出") || strings.HasSuffix(l, "支出") || strings.HasSuffix(l, "支出预算合计") || strings.HasSuffix(l, "支出合计"):
		if ctx == ctxExpenditure || ctx == ctxTotals {
			e.side = "expenditure"
			return one("total_expenditure")
		}
	}
	return nil
}

// itemName is a 款/项 label without quotes and the trailing 支出.
func itemName(l string) string {
	l = strings.Trim(l, "“”\" ")
	l = strings.TrimSuffix(l, "支出")
	return strings.Trim(l, "“”\" ")
}

// measureOnly matches labels that name a measure but no subject
// ("支出决算为", "决算数为"): the subject is the item named before.
var (
	measureOnly = regexp.MustCompile(`^(支出)?(决算|预算|执行)(数)?(为|是)?$`)
	// "2025年当年预算执行数为…": last year's execution of the item
	priorExec = regexp.MustCompile(`(上年|当年)?(预算)?执行数?(为|是)?$`)
	// "2026年预算安排…": this year's amount of the item
	planned = regexp.MustCompile(`^(本年)?预算(安排|数)(为|是)?$`)
	// 类/款/项 markers, with or without their code: "(类)", "(204类)"
	codeMark  = regexp.MustCompile(`\(\d*[类款项]\)`)
	classMark = regexp.MustCompile(`\(\d*类\)`)
	itemMark  = regexp.MustCompile(`\(\d*[款项]\)`)
	itemEnd   = regexp.MustCompile(`\(\d*项\)`)
)

// maxLookBack bounds how far back (bytes) an item name is searched.
const maxLookBack = 1500

// itemBefore returns the last 款/项 item named in text ("…行政运行（项）。主要用于…").
func itemBefore(text string) string {
	// the item is named in the same paragraph, shortly before
	if len(text) > maxLookBack {
		cut := len(text) - maxLookBack
		for cut < len(text) && !utf8.RuneStart(text[cut]) {
			cut++
		}
		text = text[cut:]
	}
	locs := itemEnd.FindAllStringIndex(text, -1)
	if locs == nil {
		return ""
	}
	t := text[:locs[len(locs)-1][1]]
	t = t[afterLast(t, "。;,:"):]
	return itemName(numbering.ReplaceAllString(strings.TrimSpace(t), ""))
}

func classPrefix(ctx string) string {
	if ctx == ctxFiscal {
		return "fiscal_class_amount:"
	}
	return "class_amount:"
}

func itemPrefix(ctx string) string {
	if ctx == ctxFiscal {
		return "fiscal_item_amount:"
	}
	return "item_amount:"
}

func incomeSource(l string) string {
	switch {
	case strings.Contains(l, "一般公共预算"):
		return "general_public_budget"
	case strings.Contains(l, "政府性基金"):
		return "government_fund"
	case strings.Contains(l, "国有资本"):
		return "state_capital"
	case strings.Contains(l, "财政专户"):
		return "special_account"
	case strings.Contains(l, "单位资金"):
		return "unit_funds"
	case strings.Contains(l, "事业收入"):
		return "business_income"
	case strings.Contains(l, "经营收入"):
		return "operating_income"
	case strings.Contains(l, "其他收入"):
		return "other_income"
	case strings.Contains(l, "财政拨款"):
		return "fiscal_appropriation"
	case strings.Contains(l, "其他资金"):
		return "other_funds"
	}
	return ""
}

// className keeps the class name as published, without list words and the
// "(类)" marker.
func className(l string) string {
	for _, p := range []string{"主要用于以下方面", "主要用于", "支出包括", "包括", "以下方面"} {
		if i := strings.LastIndex(l, p); i >= 0 {
			l = l[i+len(p):]
		}
	}
	l = strings.Trim(l, ": ")
	if classMark.MatchString(l) {
		l = classMark.ReplaceAllString(l, "")
		if !strings.HasSuffix(l, "支出") {
			l += "支出"
		}
	}
	return l
}

func threePublicFact(l string) string {
	switch {
	case strings.Contains(l, "购置及运行"):
		return "three_public_vehicle_total"
	case strings.Contains(l, "出国"):
		return "three_public_outbound"
	case strings.Contains(l, "接待"):
		return "three_public_reception"
	case strings.Contains(l, "运行维护") || strings.Contains(l, "运行费"):
		return "three_public_vehicle_operation"
	case strings.Contains(l, "购置"):
		return "three_public_vehicle_purchase"
	case strings.Contains(l, "会议费"):
		return "three_public_meeting"
	case strings.Contains(l, "培训费"):
		return "three_public_training"
	case strings.Contains(l, "三公"):
		return "three_public_total"
	}
	return ""
}

func procurementFact(l string) string {
	switch {
	case strings.Contains(l, "小型和微型") || strings.Contains(l, "小微"):
		return "procurement_small_micro_reserved"
	case strings.Contains(l, "中小企业"):
		return "procurement_sme_reserved"
	case strings.Contains(l, "货物"):
		return "procurement_goods"
	case strings.Contains(l, "工程"):
		return "procurement_works"
	case strings.Contains(l, "服务"):
		return "procurement_services"
	case strings.Contains(l, "采购"), strings.Contains(l, "总额"), strings.Contains(l, "合计"), strings.Contains(l, "总计"), strings.Contains(l, "总金额"):
		return "procurement_total"
	}
	return ""
}

func (e *extractor) perfFact(l string, count bool, before string) string {
	if strings.Contains(before+l, "整体") {
		switch {
		case count:
			return ""
		case strings.Contains(l, "基本支出"):
			return "perf_department_basic"
		case strings.Contains(l, "项目支出"):
			return "perf_department_project"
		default:
			return "perf_department_amount"
		}
	}
	if strings.Contains(l, "公开") {
		e.perfGroup = "disclosed"
	}
	if e.perfGroup == "" {
		e.perfGroup = "project"
	}
	if count {
		if !strings.Contains(l, "项目") && !strings.Contains(l, "目标") {
			return ""
		}
		switch {
		case strings.Contains(l, "运转类"):
			e.perfSub = "_operating"
		case strings.Contains(l, "特定目标类"):
			e.perfSub = "_specific"
		default:
			e.perfSub = ""
		}
		return "perf_" + e.perfGroup + e.perfSub + "_count"
	}
	return "perf_" + e.perfGroup + e.perfSub + "_amount"
}

func assetFact(l string) string {
	switch {
	case strings.Contains(l, "流动资产"):
		return "assets_current"
	case strings.Contains(l, "固定资产"):
		return "assets_fixed"
	case strings.Contains(l, "无形资产"):
		return "assets_intangible"
	case strings.Contains(l, "在建工程"):
		return "assets_construction"
	case strings.Contains(l, "长期投资"):
		return "assets_long_term_investment"
	case strings.Contains(l, "资产总额") || strings.Contains(l, "资产总计") || strings.Contains(l, "资产合计"):
		return "assets_total"
	}
	return ""
}

func equipmentFact(l string) string {
	kind := ""
	if strings.Contains(l, "专用设备") {
		kind = "_special"
	}
	if t := thresh.FindStringSubmatch(l); t != nil {
		return "equipment" + kind + "_over_" + t[1] + "w"
	}
	if strings.Contains(l, "通用设备") {
		return "equipment_general_count"
	}
	return "equipment" + kind + "_count"
}

func staffFact(l string) string {
	switch {
	case strings.Contains(l, "离退休") || strings.Contains(l, "退休"):
		return "staff_retired"
	case strings.Contains(l, "编外") || strings.Contains(l, "其他人员"):
		return "staff_other"
	case strings.Contains(l, "在编"):
		return "staff_on_payroll"
	case strings.Contains(l, "编制"):
		return "staff_authorized"
	case strings.Contains(l, "在职") || strings.Contains(l, "实有"):
		return "staff_active"
	}
	return ""
}

// vehicleFact names a vehicle count; categories listed after a purchase
// plan ("安排购置车辆0辆，其中：…") are purchases.
func (e *extractor) vehicleFact(l string) string {
	switch {
	case strings.Contains(l, "购置"):
		e.vehicleGroup = "_purchase"
		return "vehicles_purchase_total"
	case strings.Contains(l, "编制"):
		e.vehicleGroup = ""
		return "vehicles_authorized"
	case strings.Contains(l, "实有") || strings.Contains(l, "共有") || strings.Contains(l, "车辆总数") || l == "车辆" || l == "公务用车":
		e.vehicleGroup = ""
		return "vehicles_total"
	case strings.HasSuffix(l, "用车") || strings.HasSuffix(l, "车辆"):
		return "vehicles" + e.vehicleGroup + ":" + l
	}
	return ""
}

// parseCount reads "23人", "6个" into number and unit word.
func parseCount(s string) (decimal.Decimal, string, bool) {
	t := strings.TrimSpace(values.NormalizeWidth(s))
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	if i == 0 {
		return decimal.Zero, "", false
	}
	d, err := decimal.NewFromString(t[:i])
	if err != nil {
		return decimal.Zero, "", false
	}
	return d, strings.TrimSpace(t[i:]), true
}
