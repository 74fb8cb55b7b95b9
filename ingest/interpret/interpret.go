// Package interpret turns a read document (blocks) into the typed
// Disclosure of one publication: it recognises the tables (package
// recognize), interprets each by its kind into facts (totals, functional and
// economic amounts, 三公 items, projects), parses the performance forms
// (package forms) and the prose facts (package prose), matches projects to
// forms by a fuzzy name match, derives the document identity, and accounts
// for every non-blank line: each becomes a fact, recognised structure (title,
// number, unit and header lines, table of contents, page numbers, headings)
// or an Unaccounted line with a reason. Interpret never fails: problems
// become findings (rule ids parse.*) and, when the core tables are missing,
// quarantine reasons.
//
// Totals keys (model.Total.Key) written here: income sources
// (general_public_budget, government_fund, state_capital, special_account,
// unit_funds, business_income, operating_income, other_income, …),
// income_total (本年收入合计), expenditure_total (本年支出合计),
// grand_income_total (收入总计), grand_expenditure_total (支出总计),
// carryover_in (上年结转, 年初结转和结余), carryover_out (年终结转,
// 年末结转和结余), use_of_balance (使用非财政拨款结余),
// balance_distribution (结余分配), basic and project (the
// expenditure table's 合计 row), personnel and public (the basic_econ
// table's 合计 row), operating_costs (机关运行经费 合计), and table_total:
// the 合计 row of every coded table (SourceTable says which), one per
// measure column; reserve (单位预留机动经费), other_funds, debt_funds and
// income_item (a source row of an income table keyed by source) where
// templates print them.
//
// Extending: interpreters are looked up by table kind in tableInterpreters
// (tables.go). A template family that introduces a new kind in the
// recognize registry adds its interpreter from an init function in its own
// file of this package (e.g. interpret_jiangsu.go):
//
//	func init() { tableInterpreters["procurement"] = interpretProcurement }
//
// Dump renders a Disclosure as stable text for golden files.
package interpret

import (
	"context"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/recognize"
	"github.com/budgetwh/budgetwh/ingest/values"
	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// Rule ids of the findings raised here.
const (
	RuleUnknownTable      = "parse.unknown_table"
	RuleBadAmount         = "parse.bad_amount"
	RuleUnmappedEcon      = "parse.unmapped_econ"
	RuleUnmappedFuncClass = "parse.unmapped_func_class"
	RuleMissingUnit       = "parse.missing_unit"
	RuleNoExpenditure     = "parse.no_expenditure_table"
	RuleUnknownUnit       = "parse.unknown_unit"
	RuleUnaccounted       = "parse.unaccounted_lines"
	RuleFormUnparsed      = "parse.form_unparsed"
	RuleCancelled         = "parse.cancelled"
	RuleNoAmounts         = "parse.no_amounts"
)

// state is the work in progress of one Interpret call.
type state struct {
	d   *doc.Document
	out *model.Disclosure
	// consumed are refs of lines consumed as facts or structure;
	// unaccounted those that were looked at but not understood (reason).
	consumed    map[doc.Ref]bool
	unaccounted map[doc.Ref]string
	docUnit     string
	dept        string
}

func (s *state) consume(r doc.Ref) { s.consumed[r] = true }

func (s *state) reject(r doc.Ref, reason string) {
	if _, ok := s.unaccounted[r]; !ok {
		s.unaccounted[r] = reason
	}
}

func (s *state) finding(rule, severity, msg, expected, actual string, r doc.Ref) {
	s.out.AddFinding(model.Finding{Rule: rule, Severity: severity, Message: msg, Expected: expected, Actual: actual, SourceRef: r.String()})
}

// Interpret builds the Disclosure of d. It never fails.
func Interpret(ctx context.Context, d *doc.Document) *model.Disclosure {
	out := &model.Disclosure{Lines: d.Lines, Raw: d.Raw}
	out.Identity.SourcePaths = append([]string(nil), d.Paths...)
	out.Identity.SourceFormat = d.Format
	out.Identity.Bytes = d.Bytes
	s := &state{d: d, out: out, consumed: map[doc.Ref]bool{}, unaccounted: map[doc.Ref]string{}}

	// Performance forms first: their blocks are theirs.
	forms, formBlocks := parseForms(d.Blocks)
	out.Forms = forms
	for i := range formBlocks {
		consumeBlock(s, d.Blocks[i])
	}
	if err := ctx.Err(); err != nil {
		s.finding(RuleCancelled, model.SeverityError, "interpretation cancelled: "+err.Error(), "", "", doc.Ref{})
		out.Quarantine = append(out.Quarantine, "interpretation cancelled")
		return out
	}

	tables := recognize.TablesSkipping(d, formBlocks)
	s.docUnit = commonUnit(tables)
	s.dept = commonDept(tables)
	inTable := map[int]bool{}
	for ti := range tables {
		for _, bi := range tables[ti].Blocks {
			inTable[bi] = true
		}
		s.interpretTable(&tables[ti])
	}

	s.walkProse(formBlocks, inTable)
	s.identity(tables)
	out.Narrative = extractProse(d.Blocks, out.Identity.FiscalYear, out.Identity.Department, out.Forms)
	matchForms(out)
	s.account()
	s.quarantine(tables)
	return out
}

// consumeBlock marks every line of a block consumed.
func consumeBlock(s *state, b doc.Block) {
	switch b.Kind {
	case doc.Table:
		for _, r := range b.Rows {
			s.consume(r.Ref)
		}
	case doc.Heading, doc.Paragraph:
		s.consume(b.Ref)
	}
}

// walkProse handles the blocks outside tables and forms: headings are
// structure; paragraphs before the first heading are the cover; page numbers
// are structure; other paragraphs are kept verbatim with their section.
func (s *state) walkProse(formBlocks, inTable map[int]bool) {
	section := ""
	seenHeading := false
	for i, b := range s.d.Blocks {
		if b.Kind == doc.Heading {
			section = b.Text
			seenHeading = true
		}
		if formBlocks[i] || inTable[i] {
			continue
		}
		switch b.Kind {
		case doc.Heading:
			s.consume(b.Ref)
		case doc.Paragraph:
			switch {
			case recognize.IsPageNumber(b.Text), isLeaderOnly(b.Text):
				s.consume(b.Ref)
			case !seenHeading && isCoverLine(b.Text):
				s.consume(b.Ref) // cover title lines
			default:
				s.out.Paragraphs = append(s.out.Paragraphs, model.Paragraph{Section: section, Text: b.Text, SourceRef: b.Ref.String()})
				s.consume(b.Ref)
			}
		case doc.Table:
			// a table block no logical table took (cannot happen with the
			// current recognizer; kept honest)
			for _, r := range b.Rows {
				s.reject(r.Ref, "table rows outside any recognised table")
			}
		}
	}
}

// account lists every non-blank line not consumed as Unaccounted, in
// document order, and counts the consumed lines.
func (s *state) account() {
	seen := map[doc.Ref]bool{}
	visit := func(r doc.Ref, text string) {
		if seen[r] {
			return
		}
		seen[r] = true
		if reason, bad := s.unaccounted[r]; bad {
			s.out.Unaccounted = append(s.out.Unaccounted, model.Unaccounted{Text: text, Reason: reason, SourceRef: r.String()})
			return
		}
		if !s.consumed[r] {
			s.out.Unaccounted = append(s.out.Unaccounted, model.Unaccounted{Text: text, Reason: "not interpreted", SourceRef: r.String()})
		}
	}
	for _, b := range s.d.Blocks {
		switch b.Kind {
		case doc.Table:
			for _, r := range b.Rows {
				visit(r.Ref, strings.Join(r.Texts(), "\t"))
			}
		case doc.Heading, doc.Paragraph:
			visit(b.Ref, b.Text)
		}
	}
	// Consumed counts source lines: readers may merge several lines into one
	// block (a PDF paragraph), so it is the document's line count minus the
	// unaccounted entries, which keeps Lines = Consumed + len(Unaccounted).
	s.out.Consumed = s.out.Lines - len(s.out.Unaccounted)
	if s.out.Consumed < 0 {
		s.out.Consumed = 0
	}
	if n := len(s.out.Unaccounted); n > 0 {
		s.finding(RuleUnaccounted, model.SeverityInfo, strconv.Itoa(n)+" non-blank lines were neither facts nor recognised structure (see unaccounted)", "0", strconv.Itoa(n), doc.Ref{})
	}
}

// quarantine records the reasons the document must not contribute facts.
func (s *state) quarantine(tables []recognize.Table) {
	hasExp := false
	for _, t := range tables {
		if (t.Kind == recognize.KindExpenditure || t.Kind == recognize.KindSummary) && len(t.Rows) > 0 {
			hasExp = true
		}
	}
	data, amounts := 0, 0
	for _, t := range tables {
		if t.Structure || t.Kind == recognize.KindUnknown || t.Kind == recognize.KindPurchaseCatalogue || t.Kind == recognize.KindProcurement {
			continue
		}
		data++
		if !t.Empty() {
			amounts++
		}
	}
	if data > 0 && amounts == 0 {
		s.finding(RuleNoAmounts, model.SeverityWarning, "every table is blank: the document states no amounts (a blank template?)", "", strconv.Itoa(data)+" tables", doc.Ref{})
	}
	if !hasExp {
		msg := "no expenditure summary table (支出总表 or 收支总表) was recognised"
		s.out.Quarantine = append(s.out.Quarantine, msg)
		s.finding(RuleNoExpenditure, model.SeverityError, msg, "", "", doc.Ref{})
	}
	if s.out.Identity.TableUnit == "" {
		msg := "no table states its unit (单位：万元 / 元)"
		s.out.Quarantine = append(s.out.Quarantine, msg)
		s.finding(RuleUnknownUnit, model.SeverityError, msg, "", "", doc.Ref{})
	}
}

// commonUnit is the unit most tables state ("" if none states one).
func commonUnit(tables []recognize.Table) string {
	count := map[string]int{}
	for _, t := range tables {
		if t.Unit != "" {
			count[t.Unit]++
		}
	}
	return mostCommon(count)
}

func commonDept(tables []recognize.Table) string {
	count := map[string]int{}
	for _, t := range tables {
		if t.Department != "" {
			count[t.Department]++
		}
	}
	return mostCommon(count)
}

func mostCommon(count map[string]int) string {
	best, n := "", 0
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if count[k] > n {
			best, n = k, count[k]
		}
	}
	return best
}

var (
	yearRE       = regexp.MustCompile(`(20[0-9]{2}|19[0-9]{2})\s*年`)
	deptCodeRE   = regexp.MustCompile(`^\s*([0-9]{3,})\s*[-—－_]\s*(\S.*)$`)
	devZoneRE    = regexp.MustCompile(`^(\p{Han}{2,12}?(?:经济技术开发区|高新技术产业开发区|经济开发区|高新区|开发区|新区|园区))管理委员会`)
	adminPrefixR = regexp.MustCompile(`^((?:\p{Han}{2,4}?(?:省|自治区))?(?:\p{Han}{2,4}?市)?(?:\p{Han}{2,4}?(?:区|县|旗))?)`)
)

// identity derives department, code, region, fiscal year, kind, level and
// table unit from the tables, cover and forms.
func (s *state) identity(tables []recognize.Table) {
	id := &s.out.Identity
	id.TableUnit = s.docUnit
	var cover []string
	for _, b := range s.d.Blocks {
		if b.Kind == doc.Heading {
			break
		}
		if b.Kind == doc.Paragraph && isCoverLine(b.Text) && !recognize.IsNumberLine(b.Text) {
			// a table number above the first title (表一) is not cover text
			cover = append(cover, strings.TrimSpace(b.Text))
		}
	}
	coverText := strings.Join(cover, "")
	// fiscal year: most common year in table titles, else the cover
	years := map[string]int{}
	var titles []string
	for _, t := range tables {
		if t.Title != "" && t.Kind != recognize.KindTOC {
			titles = append(titles, t.Title)
			if m := yearRE.FindStringSubmatch(values.NormalizeWidth(t.Title)); m != nil {
				years[m[1]]++
			}
		}
	}
	y := mostCommon(years)
	if y == "" {
		if m := yearRE.FindStringSubmatch(values.NormalizeWidth(coverText)); m != nil {
			y = m[1]
		}
	}
	if y != "" {
		id.FiscalYear, _ = strconv.Atoi(y)
	}
	// kind: 决算 words anywhere in the titles or cover
	all := coverText + strings.Join(titles, "")
	id.Kind = model.KindBudget
	if strings.Contains(all, "决算") && !strings.Contains(coverText, "预算公开") {
		id.Kind = model.KindFinalAccount
	}
	// level: 单位预算/决算 against 部门预算/决算 wordings in the front matter
	// (lines before the first table) and the table titles
	id.Level = model.LevelDepartment
	front := coverText
	for _, b := range s.d.Blocks {
		if b.Kind == doc.Table {
			break
		}
		if b.Kind == doc.Heading || b.Kind == doc.Paragraph {
			front += "\n" + b.Text
		}
	}
	unitWords, deptWords := 0, 0
	for _, txt := range append([]string{front}, titles...) {
		n := recognize.NormText(txt)
		for _, w := range []string{"单位预算", "单位决算", "单位财务收支", "单位收入", "单位支出"} {
			unitWords += strings.Count(n, w)
		}
		for _, w := range []string{"部门预算", "部门决算", "部门财务收支", "部门收入", "部门支出"} {
			deptWords += strings.Count(n, w)
		}
	}
	if unitWords > deptWords {
		id.Level = model.LevelUnit
	}
	// department
	id.Department = s.dept
	names := map[string]bool{}
	addName := func(n string) {
		n = strings.TrimSpace(n)
		if n != "" && n != id.Department && !names[n] {
			names[n] = true
			id.DepartmentNames = append(id.DepartmentNames, n)
		}
	}
	if coverText != "" {
		cd := coverDepartment(coverText)
		if cd == "" {
			// nothing to add
		} else if id.Department == "" {
			id.Department = cd
		} else if !strings.HasPrefix(id.Department, cd) {
			// a cover that names only the region (上海市普陀区2026年区级部门预算
			// for 上海市普陀区司法局) gives no wording of the department
			addName(cd)
		}
	}
	for _, f := range s.out.Forms {
		if id.DepartmentCode == "" && f.DepartmentCode != "" {
			id.DepartmentCode = f.DepartmentCode
		}
		if id.Department == "" {
			id.Department = f.Department
		} else {
			addName(f.Department)
		}
	}
	for _, t := range tables {
		if t.Kind == recognize.KindPurchaseCatalogue && t.Title != "" {
			if i := strings.Index(t.Title, "政府购买服务"); i > 0 {
				addName(t.Title[:i])
			}
		}
	}
	if id.DepartmentCode == "" {
		// 主管部门及代码 rows of forms the forms parser did not take
		for _, b := range s.d.Blocks {
			if b.Kind != doc.Table {
				continue
			}
			for _, r := range b.Rows {
				if len(r.Cells) > 0 && strings.Contains(r.Joined(), "主管部门及代码") {
					for _, c := range r.Cells {
						if m := deptCodeRE.FindStringSubmatch(values.NormalizeWidth(c.Text)); m != nil {
							id.DepartmentCode = m[1]
							break
						}
					}
				}
				if id.DepartmentCode != "" {
					break
				}
			}
		}
	}
	id.Region = regionOf(id.Department)
}

var (
	leadingYearRE = regexp.MustCompile(`^\s*(?:19|20)[0-9]{2}\s*年度?\s*`)
	coverCutRE    = regexp.MustCompile(`(?:19|20)[0-9]{2}\s*年|部门预算|单位预算|部门决算|单位决算|预算公开|决算公开|预算信息公开|决算信息公开|预算|决算`)
)

// coverDepartment extracts the department from a cover title such as
// "侯马经济开发区管理委员会经济科技发展部2024年度部门预算公开" or
// "2018年度江苏省高级人民法院预算公开2018年2月24日": a leading year is
// dropped and the text is cut at the first year or budget word.
func coverDepartment(cover string) string {
	t := leadingYearRE.ReplaceAllString(values.NormalizeWidth(cover), "")
	if loc := coverCutRE.FindStringIndex(t); loc != nil {
		t = t[:loc[0]]
	}
	return strings.TrimSpace(t)
}

// regionOf derives the region from a department name prudently: a
// development zone's name before 管理委员会, or a leading province / city /
// county prefix; "" when unsure.
func regionOf(dept string) string {
	if dept == "" || strings.HasPrefix(dept, "中共") || strings.HasPrefix(dept, "中国") {
		return ""
	}
	if m := devZoneRE.FindStringSubmatch(dept); m != nil {
		return m[1]
	}
	m := adminPrefixR.FindString(dept)
	if m == "" || len(m) == len(dept) {
		return ""
	}
	return m
}

// factor returns the yuan factor of a table's unit (the document's common
// unit when the table states none), with the unit used.
func (s *state) factor(t *recognize.Table) (decimal.Decimal, string, bool) {
	u := t.Unit
	if u == "" {
		u = s.docUnit
	}
	f, ok := values.UnitFactor(u)
	return f, u, ok
}

// isCoverLine reports whether a line before the first heading is part of
// the cover title (short, not a sentence); longer prose there is kept as a
// paragraph.
func isCoverLine(t string) bool {
	t = strings.TrimSpace(t)
	return utf8.RuneCountInString(t) <= 40 && !strings.ContainsAny(t, "。；;，,")
}

// isLeaderOnly reports whether a line is nothing but dotted-leader
// characters (a table of contents' leaders split off by a PDF reader).
func isLeaderOnly(t string) bool {
	t = strings.TrimSpace(t)
	return t != "" && strings.Trim(t, ".…·．。 \u3000") == ""
}
