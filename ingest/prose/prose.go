package prose

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// Info tells Extract what the document is.
type Info struct {
	// FiscalYear is the document's year. The rules read any leading year
	// off a label ("2024年度…预算收入总计") and take "比上年", "比2023年" and
	// "比2024年" alike as the year-on-year comparison, so it is not needed
	// today; a wrong comparison year is a finding for package check.
	FiscalYear int
	// Department, when known, is cut off labels ("侯马…发展部政府采购预算总额"
	// reads as "政府采购预算总额").
	Department string
}

// maxText bounds NarrativeFact.Text (in characters).
const maxText = 200

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
	return extract(blocks, info, nil, false)
}

// ExtractWithForms is Extract for a caller that already ran forms.Parse on
// the same blocks: fs are its forms, whose staff numbers are read instead
// of parsing the forms a second time (that was ~10% of ingest CPU).
func ExtractWithForms(blocks []doc.Block, info Info, fs []model.PerfForm) []model.NarrativeFact {
	return extract(blocks, info, fs, true)
}

func extract(blocks []doc.Block, info Info, fs []model.PerfForm, parsed bool) []model.NarrativeFact {
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
	if parsed {
		for _, f := range fs {
			if f.Scope == model.FormDepartment {
				e.staffFacts(f)
			}
		}
	} else {
		e.staffFromForms(blocks)
	}
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
// from last year ("，与上年预算数相同", "。比2022年预算持平", "。与2023年度相比，
// 财政拨款收入支出总计持平").
func sameYear(t string) bool {
	t = strings.TrimLeft(t, ",。 ")
	loc := sameRE.FindStringIndex(t)
	if loc == nil {
		return false
	}
	pre := t[:loc[0]]
	// "与2023年度相比，财政拨款收入支出总计持平": the comparison restates its
	// subject (a 总计) after 相比; the year is judged on the part before it.
	if i := strings.LastIndex(pre, ","); i >= 0 && strings.HasSuffix(pre[:i], "相比") && strings.HasSuffix(pre[i:], "总计") && !strings.ContainsAny(pre[i:], ";。") {
		pre = pre[:i]
	}
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
