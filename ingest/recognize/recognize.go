// Package recognize finds the logical tables of a document and says what
// kind each one is. Kinds come from a registry of title words, header words
// and column → measure words (registry.go; other template families add
// entries in their own files). A logical table is: an optional number line
// (预算公开表1, 部门公开表9, 表一, 公开01表), a title (heading or paragraph),
// optional 部门名称 and 单位 lines, header rows (multi-row headers merged
// into column labels), data rows, and an optional note (注：本表无数据).
// Table blocks separated only by page breaks or page numbers are one table;
// a header repeated after a break is dropped as structure. Recognition is by
// words, never by table number or position.
package recognize

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/schema/ref"
)

// Rule matches a normalised text: it must contain every All word, at least
// one Any word (when Any is non-empty) and no None word.
type Rule struct {
	All  []string
	Any  []string
	None []string
}

// Match reports whether s (already normalised) satisfies the rule, with a
// score: the total length in runes of the matched words (more specific
// rules score higher).
func (r Rule) Match(s string) (int, bool) {
	if len(r.All) == 0 && len(r.Any) == 0 {
		return 0, false
	}
	score := 0
	for _, w := range r.None {
		if strings.Contains(s, normWord(w)) {
			return 0, false
		}
	}
	for _, w := range r.All {
		if !strings.Contains(s, normWord(w)) {
			return 0, false
		}
		score += utf8.RuneCountInString(w)
	}
	if len(r.Any) > 0 {
		best := 0
		for _, w := range r.Any {
			if strings.Contains(s, normWord(w)) {
				if n := utf8.RuneCountInString(w); n > best {
					best = n
				}
			}
		}
		if best == 0 {
			return 0, false
		}
		score += best
	}
	return score, true
}

// Measure maps header words to a measure word.
type Measure struct {
	Measure string
	Words   []string
}

// Kind is one registry entry.
type Kind struct {
	ID          string
	Family      string // template family: generic, shanxi, jiangsu, shanghai, …
	Description string
	// Title recognises the kind from its title.
	Title Rule
	// Header, when set, recognises an untitled table from its header text.
	Header Rule
	// Measures are tried before DefaultMeasures.
	Measures []Measure
	// DefaultMeasure is given to an amount column none of whose header
	// words maps to a measure ("" leaves it unmapped).
	DefaultMeasure string
	// Structure marks kinds that are parsed elsewhere (performance forms).
	Structure bool
}

var registry []Kind

// Register adds kinds to the registry (call from an init function).
func Register(k ...Kind) { registry = append(registry, k...) }

// Kinds returns the registry entries in registration order.
func Kinds() []Kind { return append([]Kind(nil), registry...) }

// KindByID returns the first registered kind with the id.
func KindByID(id string) (Kind, bool) {
	for _, k := range registry {
		if k.ID == id {
			return k, true
		}
	}
	return Kind{}, false
}

// NormText normalises text for word matching: full-width to half-width,
// brackets unified, quotes, spaces and punctuation removed (ref.NormName
// without the list-marker stripping).
func NormText(s string) string {
	return ref.NormChars(s) // == ref.NormName("x" + s)[1:]
}

// normWords caches NormText of registry words (a small fixed set, looked
// up for every cell and title: normalising them again each time was a
// tenth of the parse).
var normWords sync.Map // string → string

// normWord is NormText for a registry word.
func normWord(w string) string {
	if n, ok := normWords.Load(w); ok {
		return n.(string)
	}
	n := NormText(w)
	normWords.Store(w, n)
	return n
}

// Classify returns the best-matching kind for a title, or ok=false.
func Classify(title string) (Kind, bool) {
	return classify(NormText(title), func(k Kind) Rule { return k.Title })
}

// ClassifyHeader returns the best-matching kind for the joined header text
// of an untitled table, using the kinds' Header rules.
func ClassifyHeader(header string) (Kind, bool) {
	return classify(NormText(header), func(k Kind) Rule { return k.Header })
}

func classify(s string, rule func(Kind) Rule) (Kind, bool) {
	best, bestScore, found := Kind{}, -1, false
	for _, k := range registry {
		if sc, ok := rule(k).Match(s); ok && sc > bestScore {
			best, bestScore, found = k, sc, true
		}
	}
	return best, found
}

// Column is one column of a logical table.
type Column struct {
	Index   int
	Label   string // header texts of the column, top to bottom, joined by "/"
	Measure string // measure word, "" for label columns or unmapped columns
	IsLabel bool   // a code or name column
}

// Table is one logical table.
type Table struct {
	Kind       string
	Structure  bool // parsed elsewhere (forms) or table of contents
	Title      string
	TitleRef   doc.Ref
	Number     string // 预算公开表1, 表一 …; "" if none
	Department string // from the 部门名称 line
	Unit       string // 万元, 元 … from the 单位 line; "" if none
	UnitRef    doc.Ref
	Header     []doc.Row
	Columns    []Column
	Rows       []doc.Row // data rows
	// Structural holds refs of lines consumed as structure: title, number,
	// department and unit lines, repeated header rows, column-number rows,
	// page numbers, notes.
	Structural []doc.Ref
	Note       string
	NoteRef    doc.Ref
	// NoData is set when a note says the table has no data (本表无数据).
	NoData bool
	// Blocks are the indices of the document blocks this table consumed.
	Blocks []int
	Ref    doc.Ref // first line of the table (title if any)

	segments [][]doc.Row
}

// Empty reports whether the table has no amount in any data row: in its
// measured columns when it has any (codes such as 201 are not amounts),
// else in any cell.
func (t *Table) Empty() bool {
	if t.NoData {
		return true
	}
	measured := map[int]bool{}
	for _, c := range t.Columns {
		if !c.IsLabel && c.Measure != "" {
			measured[c.Index] = true
		}
	}
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if len(measured) > 0 && !coversAny(c, measured) {
				continue
			}
			if values.LooksLikeAmount(c.Text) {
				return false
			}
		}
	}
	return true
}

func coversAny(c doc.Cell, cols map[int]bool) bool {
	for j := c.Col; j < c.Col+max(c.Span, 1); j++ {
		if cols[j] {
			return true
		}
	}
	return false
}

// Tables finds the logical tables of d.
func Tables(d *doc.Document) []Table { return TablesSkipping(d, nil) }

type pending struct {
	title, number, dept, unit int // block indices, -1 if none
	deptFrag                  int // the department name's wrapped end, -1 if none
	extra                     []int
	kind                      Kind
	hasKind                   bool
	titleText                 string // the title when joined from two lines
}

func newPending() pending { return pending{title: -1, number: -1, dept: -1, unit: -1, deptFrag: -1} }

func (p pending) active() bool { return p.title >= 0 || p.number >= 0 }

// TablesSkipping finds the logical tables of d, ignoring the blocks whose
// indices are in skip (consumed by another parser, e.g. forms).
func TablesSkipping(d *doc.Document, skip map[int]bool) []Table {
	var out []Table
	var cur *Table
	var gap []int // page breaks / page numbers since the current table's last rows
	p := newPending()
	closeCur := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
		gap = nil
	}
	startFromPending := func() *Table {
		t := &Table{Kind: KindUnknown}
		if p.number >= 0 {
			b := d.Blocks[p.number]
			t.Number = strings.TrimSpace(b.Text)
			t.Structural = append(t.Structural, b.Ref)
			t.Blocks = append(t.Blocks, p.number)
			t.Ref = b.Ref
		}
		if p.title >= 0 {
			b := d.Blocks[p.title]
			t.Title = strings.TrimSpace(b.Text)
			if p.titleText != "" {
				t.Title = p.titleText
			}
			t.TitleRef = b.Ref
			if t.Number == "" {
				t.Number = numberPrefix(t.Title)
			}
			t.Structural = append(t.Structural, b.Ref)
			t.Blocks = append(t.Blocks, p.title)
			if t.Ref.Line == 0 && t.Ref.Page == 0 && t.Ref.Row == 0 {
				t.Ref = b.Ref
			}
		}
		if p.hasKind {
			t.Kind, t.Structure = p.kind.ID, p.kind.Structure
		}
		if p.dept >= 0 {
			b := d.Blocks[p.dept]
			t.Department = deptName(b.Text)
			t.Structural = append(t.Structural, b.Ref)
			t.Blocks = append(t.Blocks, p.dept)
			if p.deptFrag >= 0 {
				f := d.Blocks[p.deptFrag]
				t.Department += strings.TrimSpace(f.Text)
				t.Structural = append(t.Structural, f.Ref)
				t.Blocks = append(t.Blocks, p.deptFrag)
			}
		}
		if p.unit >= 0 {
			b := d.Blocks[p.unit]
			t.Unit = values.ExtractUnit(b.Text)
			if u := metaUnit(b.Text); u != "" {
				t.Unit = u
			}
			t.UnitRef = b.Ref
			if p.unit != p.dept {
				t.Structural = append(t.Structural, b.Ref)
				t.Blocks = append(t.Blocks, p.unit)
			}
		}
		for _, i := range p.extra {
			t.Structural = append(t.Structural, d.Blocks[i].Ref)
			t.Blocks = append(t.Blocks, i)
		}
		p = newPending()
		return t
	}
	joined := map[int]bool{} // title fragments already joined to the line above
	for i, b := range d.Blocks {
		if skip[i] {
			closeCur()
			p = newPending()
			continue
		}
		if joined[i] {
			continue
		}
		switch b.Kind {
		case doc.PageBreak:
			if cur != nil {
				gap = append(gap, i)
			}
			continue
		case doc.Table:
			if isTOC(b) {
				closeCur()
				t := Table{Kind: KindTOC, Structure: true, Blocks: []int{i}, Ref: b.Rows[0].Ref}
				for _, r := range b.Rows {
					t.Structural = append(t.Structural, r.Ref)
				}
				out = append(out, t)
				continue
			}
			if p.active() {
				closeCur()
				cur = startFromPending()
			} else if cur != nil {
				// continuation after page breaks only
				cur.Blocks = append(cur.Blocks, gap...)
				gap = nil
			} else {
				cur = &Table{Kind: KindUnknown}
			}
			if cur.Ref.Line == 0 && cur.Ref.Page == 0 && cur.Ref.Row == 0 {
				cur.Ref = b.Rows[0].Ref
			}
			cur.Blocks = append(cur.Blocks, i)
			cur.segments = append(cur.segments, b.Rows)
			continue
		}
		// heading or paragraph
		text := strings.TrimSpace(b.Text)
		if cur != nil && isPageNumber(text) {
			gap = append(gap, i)
			cur.Structural = append(cur.Structural, b.Ref)
			continue
		}
		if cur != nil && isNote(text) {
			cur.Blocks = append(cur.Blocks, gap...)
			gap = nil
			cur.Blocks = append(cur.Blocks, i)
			cur.Structural = append(cur.Structural, b.Ref)
			if cur.Note != "" {
				cur.Note += "\n"
			} else {
				cur.NoteRef = b.Ref
			}
			cur.Note += text
			if strings.Contains(NormText(text), "无数据") || strings.Contains(NormText(text), "无此项") {
				cur.NoData = true
			}
			continue
		}
		if IsNumberLine(text) {
			closeCur()
			if p.title >= 0 || p.number >= 0 {
				p = newPending()
			}
			p.number = i
			continue
		}
		// a title wrapped onto two lines: "…培训费支出预算" + "表"
		if j := i + 1; j < len(d.Blocks) && !skip[j] && (d.Blocks[j].Kind == doc.Heading || d.Blocks[j].Kind == doc.Paragraph) {
			frag := strings.TrimSpace(d.Blocks[j].Text)
			if k0, ok0 := titleKind(text); (!ok0 || k0.ID == KindUnknown) && frag != "" && utf8.RuneCountInString(frag) <= 4 {
				if k, ok := titleKind(text + frag); ok && k.ID != KindUnknown {
					closeCur()
					p = newPending()
					p.title = i
					p.kind, p.hasKind = k, true
					p.extra = append(p.extra, j)
					p.titleText = text + frag
					joined[j] = true
					continue
				}
			}
		}
		if k, ok := titleKind(text); ok {
			closeCur()
			num := p.number
			if p.title >= 0 {
				num = -1 // a number line belongs to the title right after it
			}
			p = newPending()
			p.number, p.title = num, i
			p.kind, p.hasKind = k, k.ID != ""
			continue
		}
		if p.active() {
			switch {
			case IsDeptLine(text):
				p.dept = i
				if metaUnit(text) != "" {
					p.unit = i
				}
				continue
			case IsUnitLine(text):
				p.unit = i
				continue
			case p.dept >= 0 && p.deptFrag < 0 && (i-1 == p.dept || i-1 == p.unit && p.unit-1 == p.dept) &&
				isNameFragment(text) && i+1 < len(d.Blocks) && !skip[i+1] && d.Blocks[i+1].Kind == doc.Table:
				// the department name wrapped in its caption box:
				// "部门：…委员会办" [单位：万元] "公厅", then the table
				p.deptFrag = i
				continue
			case IsYearLine(text):
				p.extra = append(p.extra, i)
				continue
			case isNote(text) && p.title >= 0:
				// a titled table printed without a grid
				closeCur()
				t := startFromPending()
				t.Blocks = append(t.Blocks, i)
				t.Structural = append(t.Structural, b.Ref)
				t.Note, t.NoteRef = text, b.Ref
				t.NoData = strings.Contains(NormText(text), "无数据")
				out = append(out, *t)
				continue
			}
		}
		if cur != nil && IsUnitLine(text) && cur.Unit == "" && len(cur.segments) == 0 {
			cur.Unit = values.ExtractUnit(text)
			continue
		}
		closeCur()
		p = newPending()
	}
	closeCur()
	for i := range out {
		out[i].finish()
	}
	return out
}

// titleKind reports whether text is a table title and its kind (Kind{} with
// ok=true for a title-like line of no known kind).
func titleKind(text string) (Kind, bool) {
	n := NormText(text)
	if n == "" || utf8.RuneCountInString(n) > 70 || strings.ContainsAny(text, "。；;") {
		return Kind{}, false
	}
	if !strings.Contains(n, "表") && !strings.Contains(n, "目录") {
		return Kind{}, false
	}
	if strings.Contains(n, "见附件") || strings.Contains(n, "情况说明") {
		return Kind{}, false
	}
	k, ok := Classify(text)
	if !ok {
		// title-like but unknown: only when it ends like a table title
		if strings.HasSuffix(n, "表") || strings.HasSuffix(n, "目录") || strings.Contains(n, "表(") {
			return Kind{ID: KindUnknown}, true
		}
		return Kind{}, false
	}
	return k, true
}

var (
	numberLineRE  = regexp.MustCompile(`^(?:[\p{Han}]{0,6}公开)?表[0-9一二三四五六七八九十]{1,4}$|^(?:[\p{Han}]{0,6})?公开[0-9]{1,3}表$|^附表[0-9一二三四五六七八九十]{1,4}$`)
	numberPrefixR = regexp.MustCompile(`^(表[一二三四五六七八九十]{1,3}|(?:[\p{Han}]{0,6})?公开[0-9]{1,3}表|附表[0-9]{1,2})`)
	pageNumberRE  = regexp.MustCompile(`^(?:[-—–]\s*)?[0-9]{1,4}(?:\s*[-—–])?$|^第\s*[0-9]{1,4}\s*页(?:\s*[,，]?\s*共\s*[0-9]{1,4}\s*页)?$|^[0-9]{1,4}\s*/\s*[0-9]{1,4}$`)
	yearLineRE    = regexp.MustCompile(`^\(?\s*\(?[0-9]{4}\)?\s*年度?\s*\)?$`)
)

// IsNumberLine reports whether a line is a table number (预算公开表1,
// 部门公开表9, 表一, 公开01表, 附表3).
func IsNumberLine(s string) bool {
	// Every form has 表, which normalising neither adds nor removes.
	if !strings.Contains(s, "表") {
		return false
	}
	return numberLineRE.MatchString(NormText(values.NormalizeWidth(s)))
}

func numberPrefix(title string) string {
	return numberPrefixR.FindString(NormText(title))
}

// deptPrefixes open a line naming the department.
var deptPrefixes = []string{"部门名称", "编制部门", "编制单位", "单位名称", "编报单位", "填报单位", "预算单位", "预算主管部门", "主管部门", "部门:", "单位:"}

// IsDeptLine reports whether a line names the department (部门名称：…,
// 编制部门：…, 编制单位：…), possibly followed by the unit on the same line
// (编制部门：上海市普陀区司法局 单位：元).
func IsDeptLine(s string) bool {
	dept, _ := splitMeta(s)
	return dept != ""
}

// splitMeta splits a "部门名称：X  单位：万元" line into its department and
// unit parts ("" when absent).
func splitMeta(s string) (dept, unit string) {
	t := strings.TrimSpace(values.NormalizeWidth(s))
	if IsUnitLine(t) {
		return "", values.ExtractUnit(t)
	}
	rest := t
	for _, p := range []string{"金额单位", "计量单位", "单位"} {
		if i := strings.LastIndex(t, p); i > 0 {
			if u := values.ExtractUnit(t[i:]); u != "" && utf8.RuneCountInString(NormText(t[i:])) <= 12 {
				unit, rest = u, strings.TrimSpace(t[:i])
				break
			}
		}
	}
	for _, p := range deptPrefixes {
		if strings.HasPrefix(rest, p) && strings.Contains(rest, ":") {
			if d := strings.TrimSpace(rest[strings.IndexByte(rest, ':')+1:]); d != "" {
				return d, unit
			}
		}
	}
	return "", unit
}

func deptName(s string) string {
	d, _ := splitMeta(s)
	return d
}

// isNameFragment reports whether s can be the wrapped end of a department
// name: a few Han characters and nothing else.
func isNameFragment(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n > 0 && n <= 8
}

// metaUnit returns the unit of a combined department + unit line.
func metaUnit(s string) string {
	_, u := splitMeta(s)
	return u
}

// IsUnitLine reports whether a line states the unit (单位：万元, 金额单位：元).
func IsUnitLine(s string) bool {
	t := NormText(values.NormalizeWidth(s))
	if !strings.HasPrefix(t, "单位") && !strings.HasPrefix(t, "金额单位") && !strings.HasPrefix(t, "(单位") && !strings.HasPrefix(t, "计量单位") {
		return false
	}
	return values.ExtractUnit(s) != "" && utf8.RuneCountInString(t) <= 12
}

// IsYearLine reports whether a line is a bare year line under a title
// ("(2024)年度", "(2024年度)", "2024年度").
func IsYearLine(s string) bool {
	return yearLineRE.MatchString(strings.TrimSpace(values.NormalizeWidth(s)))
}

func isPageNumber(s string) bool {
	// Every form has a digit (ASCII, or full-width before normalising).
	if !strings.ContainsAny(s, "0123456789０１２３４５６７８９") {
		return false
	}
	return pageNumberRE.MatchString(strings.TrimSpace(values.NormalizeWidth(s)))
}

// IsPageNumber reports whether a line is a printed page number.
func IsPageNumber(s string) bool { return isPageNumber(s) }

func isNote(s string) bool {
	t := strings.TrimSpace(values.NormalizeWidth(s))
	return strings.HasPrefix(t, "注:") || strings.HasPrefix(t, "注：") || strings.HasPrefix(t, "备注:") || strings.HasPrefix(t, "备注：") || strings.HasPrefix(t, "说明:") || strings.HasPrefix(t, "说明：") || t == "本表无数据" || t == "此表无数据"
}

// isTOC reports whether a table block is a table of contents: every row's
// text holds a dotted leader (.....) or ends in a page number after one.
func isTOC(b doc.Block) bool {
	if len(b.Rows) == 0 {
		return false
	}
	leaders := 0
	for i, r := range b.Rows {
		j := r.Joined()
		if i == 0 && NormText(j) == "目录" {
			continue
		}
		if !IsLeaderLine(j) {
			return false
		}
		leaders++
	}
	return leaders > 0
}

// IsLeaderLine reports whether a line holds a dotted leader (.... or …),
// as table-of-contents lines do, or is nothing but leader characters.
func IsLeaderLine(s string) bool {
	return strings.Contains(s, "....") || strings.Contains(s, "…") || strings.Contains(s, "···") || strings.Contains(s, "．．．")
}

// stripMarker removes a leading enumeration marker (一、, (一), ①, 1、).
func stripMarker(s string) string { return ref.StripListMarker(s) }
