package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// proseRules compare the figures of the narrative with the tables and
// recompute the narrative's percentages.
var proseRules = []Rule{
	{
		ID:          "prose.totals",
		Severity:    "error",
		Description: "totals named in the prose (收入支出总计 = the summary table's 总计, 财政拨款收入支出总计 = the fiscal summary table's 总计, 收入预算/预算收入总计, 支出预算/支出总计, 基本支出, 项目支出, 人员经费, 公用经费) equal the tables' figures",
		Tolerance:   "half the last printed digit of the prose figure plus 0.01 of the table unit",
		check:       checkProseTotals,
	},
	{
		ID:          "prose.shares",
		Severity:    "error",
		Description: "“X万元，占P%”: P = X / whole × 100, the whole being the sentence's first amount or another amount before X that is not itself a share (“本年支出合计…，其中：基本支出X万元，占P%”)",
		Tolerance:   "the interval of percentages the printed rounding of X and the whole allows, widened by 1.5 units of the last printed digit of P (half a unit of rounding plus the one-unit nudge that makes published shares add up to 100%)",
		check:       checkProseShares,
	},
	{
		ID:          "prose.three_public",
		Severity:    "error",
		Description: "“三公”经费 figures in the prose (合计, 因公出国（境）费, 公务接待费, 公务用车购置及运行费, 购置费, 运行(维护)费) equal the “三公” table (any of its measure columns)",
		Tolerance:   "half the last printed digit of the prose figure plus 0.01 of the table unit",
		check:       checkProseThreePublic,
	},
	{
		ID:          "prose.projects",
		Severity:    "warning",
		Description: "the prose's count and amount of projects with performance targets (项目N个，涉及/共计金额X万元) equal the project table (count of projects; Σ amounts); not checked without a project table (projects with targets may be a subset of 项目支出)",
		Tolerance:   "half the last printed digit of the prose figure plus 0.01 of the table unit per project",
		check:       checkProseProjects,
	},
	{
		ID:          "prose.pct_recomputed",
		Severity:    "error",
		Description: "a year-on-year percentage in the prose (…A万元…B万元，比…增加/减少P% or …比上年减少D万元，下降P%) is recomputed from the amounts printed before it: P = (B − A) / A × 100 with the printed direction",
		Tolerance:   "the interval of percentages the printed rounding of the amounts allows, widened by half the last printed digit of P",
		check:       checkProsePct,
	},
	{
		ID:          "prose.func_items",
		Severity:    "error",
		Description: "a functional item described in the prose (名称(204类)名称(06款)名称(01项)X万元 … 预算安排B万元) has the table's amount for that code, both X and B",
		Tolerance:   "half the last printed digit of the prose figure plus 0.01 of the table unit",
		check:       checkProseFuncItems,
	},
	{
		ID:          "prose.func_names",
		Severity:    "warning",
		Description: "the name the prose gives a functional code (医疗卫生与计划生育支出(210类)) is the name the tables print for it",
		Tolerance:   "names compared after removing spaces, quotes and brackets",
		check:       checkProseFuncNames,
	},
	{
		ID:          "prose.year_reference",
		Severity:    "warning",
		Description: "a budget of fiscal year Y compares itself with the previous year, not with “Y年预算” (比/与/较 Y年预算 compares the budget with itself)",
		Tolerance:   "none; needs the fiscal year (insufficient data without it)",
		check:       checkProseYearReference,
	},
	{
		ID:          "prose.level_wording",
		Severity:    "warning",
		Description: "a unit budget (单位预算) does not call its own figures 部门预算 (“部门预算安排…” in a unit-level publication)",
		Tolerance:   "none",
		check:       checkProseLevelWording,
	},
	{
		ID:          "prose.punctuation",
		Severity:    "warning",
		Description: "the prose has no doubled full stop (“。。”) and its quotation marks pair up (“ ” matched over the whole prose in reading order: a ” without an open “, or a “ never closed)",
		Tolerance:   "none",
		check:       checkProsePunctuation,
	},
	{
		ID:          "prose.template_text",
		Severity:    "warning",
		Description: "the prose has no template text left unresolved: alternatives such as “增加（减少）” or placeholders such as XX/XXX",
		Tolerance:   "none",
		check:       checkProseTemplateText,
	},
	{
		ID:          "prose.empty_reason",
		Severity:    "warning",
		Description: "a stated reason is not left empty (“主要原因是。”)",
		Tolerance:   "none",
		check:       checkProseEmptyReason,
	},
}

// closeTo compares a prose figure with a table figure.
func closeTo(m money, table decimal.Decimal, tableTol decimal.Decimal) bool {
	return within(m.Value, table, m.Prec.Add(tableTol))
}

// candidate is a table figure a prose figure may equal.
type candidate struct {
	amountRef
	table string
}

// proseCompare reports a prose figure that equals none of the candidates.
func proseCompare(r *run, ref, what string, m money, cands []candidate, terms int) {
	if len(cands) == 0 {
		return
	}
	var alts []string
	for _, c := range cands {
		if c.Amount.IsZero() && !m.Value.IsZero() && len(cands) > 1 {
			// A total reading 0 (blank or unread) is no evidence
			// against a nonzero prose figure when others exist.
			continue
		}
		tol, ok := r.tol(ref, terms, c.table)
		if !ok {
			return
		}
		if closeTo(m, c.Amount, tol) {
			return
		}
		alts = append(alts, fmt.Sprintf("%s %s yuan (%s, %s)", orDefault(c.Label, what), yuan(c.Amount), tableName(r.ix, c.table), c.Ref))
	}
	r.fail(ref, yuan(cands[0].Amount), yuan(m.Value),
		"prose states %s %s (%s yuan) but the tables print %s", what, m.Text, yuan(m.Value), strings.Join(alts, " / "))
}

var totalPatterns = []labelPattern{
	// “财政拨款收入支出总计” before “收入支出总计”: the first pattern that
	// matches decides, and 拨款 before 收入支出总计 is a stop word.
	{"fiscal_grand", regexp.MustCompile(`财政拨款(收入支出|收支)(决算|预算)?总计(为|是)?$`)},
	{"grand", regexp.MustCompile(`(收入支出|收支)(决算|预算)?总计(为|是)?$`)},
	{"income", regexp.MustCompile(`(预算收入总计|收入预算总计|收入总预算|收入总计|收入预算|预算收入)(为|是)?$`)},
	{"expenditure", regexp.MustCompile(`(部门预算支出总计|预算支出总计|支出预算总计|支出总计|支出预算|预算支出)(为|是)?$`)},
	{"basic", regexp.MustCompile(`基本支出(预算)?(为|是)?$`)},
	{"project", regexp.MustCompile(`项目支出(预算)?(为|是)?$`)},
	{"personnel", regexp.MustCompile(`人员经费(预算)?(为|是)?$`)},
	{"public", regexp.MustCompile(`公用经费(预算)?(为|是)?$`)},
}

// totalStop are words that make a label a part, not the whole.
var totalStop = []string{"拨款", "基金", "经营", "专户", "资金", "结转", "财政", "当年", "本年", "一般公共预算"}

func totalCandidates(r *run, key string) []candidate {
	var out []candidate
	addTotal := func(role, k, measure string) {
		for _, t := range r.ix.byRole[role] {
			if a, ok := findTotal(r.d, t, measure, k); ok {
				out = append(out, candidate{a, t})
			}
		}
	}
	addFunc := func(role, measure string) {
		for _, t := range r.ix.byRole[role] {
			if a, ok := funcTotal(r.d, r.ix, t, measure); ok {
				out = append(out, candidate{a, t})
			}
		}
	}
	switch key {
	case "grand", "fiscal_grand":
		// 收入支出总计 is the summary table's 总计 (income side equals
		// expenditure side); 财政拨款收入支出总计 the fiscal summary's.
		role := roleSummary
		if key == "fiscal_grand" {
			role = roleFiscalSummary
		}
		addTotal(role, "grand_income_total", "")
		addTotal(role, "grand_expenditure_total", "")
		if len(out) == 0 {
			addTotal(role, "income_total", "")
			addTotal(role, "expenditure_total", "")
		}
		// Both sides usually print on one 总计 row: name it once.
		if len(out) == 2 && out[0].Ref == out[1].Ref && out[0].Amount.Equal(out[1].Amount) {
			out = out[:1]
		}
	case "income":
		addTotal(roleSummary, "income_total", "")
		addTotal(roleSummary, "grand_income_total", "")
	case "expenditure":
		addTotal(roleSummary, "expenditure_total", "")
		addTotal(roleSummary, "grand_expenditure_total", "")
		// The sum of the class rows: when a table's 合计 disagrees with
		// its rows (func.class_sum reports that), a prose total equal to
		// the rows agrees with the tables.
		for _, role := range []string{roleSummary, roleExpenditure} {
			for _, t := range r.ix.byRole[role] {
				if sum, ref, ok := topLevelSum(r.ix, t, "total"); ok {
					out = append(out, candidate{amountRef{Label: "Σ 类 rows", Amount: sum, Ref: ref}, t})
				}
			}
		}
	case "basic", "project":
		addTotal(roleSummary, key, "")
		addFunc(roleExpenditure, key)
		addFunc(roleGPB, key)
	case "personnel", "public":
		if t := econTable(r); t != "" {
			if e, ok := econRows(r, t)[key][""]; ok {
				out = append(out, candidate{amountRef{Label: e.Name, Amount: e.Amount, Ref: e.SourceRef}, t})
			}
		}
		addTotal(roleSummary, key, "")
	}
	return out
}

var keyLabels = map[string]string{"grand": "收入支出总计", "fiscal_grand": "财政拨款收入支出总计", "income": "收入", "expenditure": "支出", "basic": "基本支出", "project": "项目支出", "personnel": "人员经费", "public": "公用经费"}

// yearLeadRE matches a year right before a label (“2024年度…”).
var yearLeadRE = regexp.MustCompile(`\d{4}年度?$`)

// totalLead accepts a label that starts a clause: after punctuation, 其中,
// a year, or the department's own name (本部门/本单位 included). A label
// after other words (因公出国（境）费预算支出…, 一般公共预算拨款支出预算…)
// names a part, not the total.
func totalLead(d *model.Disclosure) func(pre string) bool {
	names := []string{"本部门", "本单位", "本级"}
	for _, n := range append([]string{d.Identity.Department}, d.Identity.DepartmentNames...) {
		if n = compact(n); n != "" {
			names = append(names, n)
		}
	}
	return func(pre string) bool {
		if pre == "" || yearLeadRE.MatchString(pre) || strings.HasSuffix(pre, "其中") {
			return true
		}
		if r := []rune(pre); strings.ContainsRune("，,。；;：:、(（", r[len(r)-1]) {
			return true
		}
		for _, n := range names {
			if strings.HasSuffix(pre, n) {
				return true
			}
		}
		return false
	}
}

func checkProseTotals(r *run) {
	lead := totalLead(r.d)
	for _, s := range r.prose() {
		for _, l := range scanLabelledLead(s.Text, totalPatterns, totalStop, lead) {
			proseCompare(r, s.Ref, l.Label, l.M, totalCandidates(r, l.Key), 1)
		}
	}
}

func checkProseShares(r *run) {
	for _, s := range r.prose() {
		for _, sent := range splitSentences(s.Text) {
			for _, sh := range scanShares(sent) {
				if sh.Consistent {
					continue
				}
				mid := pctOf(sh.Part.Value, sh.Whole.Value)
				r.fail(s.Ref, mid.StringFixed(2)+"%", sh.Stated.String()+"%",
					"prose: %s%s is %s%% of %s, the prose says %s%% (allowed %s%%–%s%%)",
					sh.Label, sh.Part.Text, mid.StringFixed(2), sh.Whole.Text, sh.Stated.String(), sh.Min.StringFixed(3), sh.Max.StringFixed(3))
			}
		}
	}
}

var threePublicPatterns = []labelPattern{
	{"total", regexp.MustCompile(`三公["”」』]?经费(支出)?(预算|决算)?数?(为|是)?$`)},
	{"outbound", regexp.MustCompile(`因公出国\(境\)费(用)?(预算|决算)?数?(为|是)?$`)},
	{"reception", regexp.MustCompile(`公务接待费(预算|决算)?数?(为|是)?$`)},
	{"vehicle_total", regexp.MustCompile(`公务用车购置及运行(维护)?费(预算|决算)?数?(为|是)?$`)},
	{"vehicle_operation", regexp.MustCompile(`公务用车运行(维护)?费(预算|决算)?数?(为|是)?$`)},
	{"vehicle_purchase", regexp.MustCompile(`公务用车购置费(预算|决算)?数?(为|是)?$`)},
}

func checkProseThreePublic(r *run) {
	table, items := threePublicItems(r)
	if table == "" {
		return
	}
	for _, s := range r.prose() {
		for _, l := range scanLabelled(s.Text, threePublicPatterns, nil) {
			// A cell the table leaves blank is 0.
			var cands []candidate
			for _, m := range sortedKeys(items) {
				it, ok := items[m][l.Key]
				if !ok {
					it.Label, it.SourceRef = l.Label+" (blank, "+m+")", ""
				}
				cands = append(cands, candidate{amountRef{Label: it.Label, Amount: it.Amount, Ref: it.SourceRef}, table})
			}
			proseCompare(r, s.Ref, l.Label, l.M, cands, 1)
		}
	}
}

var projectsRE = regexp.MustCompile(`([^类])项目(?:绩效目标)?(?:共)?(\d+)个[,，]?(?:共计金额|涉及项目预算资金|涉及项目金额|涉及金额|涉及资金|共计|金额)(?:为)?$`)

func checkProseProjects(r *run) {
	for _, s := range r.prose() {
		for _, m := range moneyIn(s.Text) {
			sub := projectsRE.FindStringSubmatch(preceding(s.Text, m.Start))
			if sub == nil {
				continue
			}
			var n int
			fmt.Sscan(sub[2], &n)
			if len(r.d.Projects) > 0 {
				if n != len(r.d.Projects) {
					r.fail(s.Ref, fmt.Sprint(len(r.d.Projects)), fmt.Sprint(n),
						"prose counts %d projects with performance targets, the project table lists %d", n, len(r.d.Projects))
				}
				sum := decimal.Zero
				tables := map[string]bool{}
				for _, p := range r.d.Projects {
					sum = sum.Add(p.Amount)
					tables[p.SourceTable] = true
				}
				proseCompare(r, s.Ref, "项目金额", m, []candidate{{amountRef{Label: "Σ projects", Amount: sum, Ref: r.d.Projects[0].SourceRef}, r.d.Projects[0].SourceTable}}, len(r.d.Projects))
			}
			// Without a project table there is nothing to count: the
			// projects with targets may be a subset of 项目支出.
		}
	}
}

func checkProsePct(r *run) {
	for _, s := range r.prose() {
		for _, sent := range splitSentences(s.Text) {
			for _, c := range scanChanges(sent) {
				if c.Consistent {
					continue
				}
				mid := c.Min.Add(c.Max).Div(decimal.NewFromInt(2))
				r.fail(s.Ref, mid.StringFixed(2)+"%", c.Stated.String()+"%",
					"prose: “%s”: from %s to %s yuan is %s%% (allowed %s%%–%s%%), the prose says %s%%",
					tail(c.Text, 60), yuan(c.Prior), yuan(c.Current), mid.StringFixed(2), c.Min.StringFixed(3), c.Max.StringFixed(3), c.Stated.String())
			}
		}
	}
}

// tail returns the last n runes of s.
func tail(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return "…" + string(rs[len(rs)-n:])
}

// funcCodeAmount returns the table amount of a code: the 一般公共预算支出表's
// total column, else the 支出总表's, else the 收入总表's.
func funcCodeAmount(r *run, code string) (candidate, bool) {
	for _, role := range []string{roleGPB, roleExpenditure, roleIncome, roleSummary} {
		for _, t := range r.ix.byRole[role] {
			if f, ok := r.ix.funcs[t]["total"][code]; ok {
				return candidate{amountRef{Label: f.Name, Amount: f.Amount, Ref: f.SourceRef}, t}, true
			}
		}
	}
	return candidate{}, false
}

func checkProseFuncItems(r *run) {
	for _, s := range r.prose() {
		for _, fm := range scanFuncMentions(s.Text) {
			c, ok := funcCodeAmount(r, fm.Code)
			if !ok {
				continue
			}
			what := fmt.Sprintf("%s %s", fm.Code, strings.Join(fm.Names, "/"))
			if fm.Amount != nil {
				proseCompare(r, s.Ref, what, *fm.Amount, []candidate{c}, 1)
			}
			if fm.Planned != nil {
				proseCompare(r, s.Ref, what+" 预算安排", *fm.Planned, []candidate{c}, 1)
			}
		}
	}
}

func checkProseFuncNames(r *run) {
	names := map[string]string{}
	for _, t := range r.ix.funcTables {
		for _, cs := range r.ix.funcs[t] {
			for code, f := range cs {
				if _, ok := names[code]; !ok && code != "" && f.Name != "" {
					names[code] = f.Name
				}
			}
		}
	}
	reported := map[string]bool{}
	for _, s := range r.prose() {
		for _, fm := range scanFuncMentions(s.Text) {
			for i, code := range fm.Levels {
				want, ok := names[code]
				got := fm.Names[i]
				if !ok || normName(want) == normName(got) || reported[code+got] {
					continue
				}
				reported[code+got] = true
				r.fail(s.Ref, want, got, "prose names code %s “%s”, the tables name it “%s”", code, got, want)
			}
		}
	}
}

var emptyReasonRE = regexp.MustCompile(`(主要)?原因(是|为)[:：]?[。；;]`)

func checkProseEmptyReason(r *run) {
	for _, s := range r.prose() {
		for _, loc := range emptyReasonRE.FindAllStringIndex(s.Text, -1) {
			r.fail(s.Ref, "a reason", "none", "prose leaves the reason empty: “…%s”", around(s.Text, loc[0], loc[1], 20))
		}
	}
}

func checkProseYearReference(r *run) {
	texts := r.prose()
	if len(texts) == 0 || r.d.Identity.Kind == model.KindFinalAccount {
		return
	}
	y := r.d.Identity.FiscalYear
	if y == 0 {
		r.insufficient("", "fiscal year unknown")
		return
	}
	re := regexp.MustCompile(fmt.Sprintf(`(比|与|较)%d年(度)?(部门|单位)?预算`, y))
	for _, s := range texts {
		for _, loc := range re.FindAllStringIndex(s.Text, -1) {
			r.fail(s.Ref, fmt.Sprintf("%d年", y-1), fmt.Sprintf("%d年", y),
				"the %d budget compares itself with “%s”: “…%s”", y, s.Text[loc[0]:loc[1]], around(s.Text, loc[0], loc[1], 30))
		}
	}
}

var (
	deptWordingRE = regexp.MustCompile(`部门预算安排`)
	doubleStopRE  = regexp.MustCompile(`。。+`)
)

func checkProseLevelWording(r *run) {
	if r.d.Identity.Level != model.LevelUnit {
		return
	}
	for _, s := range r.prose() {
		for _, loc := range deptWordingRE.FindAllStringIndex(s.Text, -1) {
			r.fail(s.Ref, "单位预算安排", "部门预算安排", "a unit budget (单位预算) says 部门预算: “…%s…”", around(s.Text, loc[0], loc[1], 20))
		}
	}
}

func checkProsePunctuation(r *run) {
	// Quotation marks are balanced over the prose in reading order, not per
	// paragraph: PDF text breaks paragraphs inside quotations.
	depth := 0
	var openRef, openText string
	for _, s := range r.prose() {
		for _, loc := range doubleStopRE.FindAllStringIndex(s.Text, -1) {
			r.fail(s.Ref, "。", s.Text[loc[0]:loc[1]], "doubled full stop: “…%s”", around(s.Text, loc[0], loc[1], 20))
		}
		for i, c := range s.Text {
			switch c {
			case '“':
				if depth == 0 {
					openRef, openText = s.Ref, s.Text[i:]
				}
				depth++
			case '”':
				if depth == 0 {
					r.fail(s.Ref, "“…”", "”", "closing quotation mark without an opening one: “…%s”", around(s.Text, i, i+len("”"), 30))
					continue
				}
				depth--
			}
		}
	}
	if depth > 0 {
		r.fail(openRef, "“…”", "“", "opening quotation mark never closed: “%s…”", head(openText, 30))
	}
}

// head returns the first n runes of s.
func head(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n])
}

// around returns s[i:j] with up to n runes of context before it.
func around(s string, i, j, n int) string {
	rs := []rune(s[:i])
	if len(rs) > n {
		rs = rs[len(rs)-n:]
	}
	return string(rs) + s[i:j]
}

var templateRE = regexp.MustCompile(`(增加|减少|上升|下降)\((减少|增加|下降|上升)\)|XX+|ＸＸ+`)

func checkProseTemplateText(r *run) {
	for _, s := range r.prose() {
		for _, loc := range templateRE.FindAllStringIndex(s.Text, -1) {
			r.fail(s.Ref, "", s.Text[loc[0]:loc[1]], "template text left in the prose: “…%s”", around(s.Text, loc[0], loc[1], 20))
		}
	}
}
