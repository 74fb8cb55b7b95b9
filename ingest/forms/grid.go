// This file holds the indicator grid: its header, the word grammar of its
// rows, and the levels carried down.

package forms

import (
	"strings"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/model"
)

// isGridHeader recognises the header row of an indicator grid.
func isGridHeader(toks []tok) bool {
	l1, val := false, false
	for _, t := range toks {
		k := key(t.text)
		if k == "一级指标" {
			l1 = true
		}
		if strings.Contains(k, "指标值") || strings.Contains(k, "目标值") {
			val = true
		}
	}
	return l1 && val
}

func (b *builder) startGrid(toks []tok) {
	if b.section == secGrid && len(b.scopes) > 0 {
		return // a header repeated after a page break
	}
	b.section = secGrid
	n := 0
	var named []string // scope named by each value column's header, "" if none
	for _, t := range toks {
		k := key(t.text)
		if strings.Contains(k, "指标值") || strings.Contains(k, "目标值") {
			n++
			switch {
			case strings.Contains(k, "实施期") || strings.Contains(k, "中期") || strings.Contains(k, "中长期"):
				named = append(named, model.ScopePeriod)
			case strings.HasPrefix(k, "年度"):
				named = append(named, model.ScopeAnnual)
			default:
				named = append(named, "")
			}
		}
	}
	first := key(toks[0].text)
	switch {
	case b.isDepartment():
		b.scopes = []string{model.ScopeDepartment}
	case n >= 2 && len(named) >= 2 && named[0] == model.ScopeAnnual && (named[1] == model.ScopePeriod || named[1] == ""):
		// value columns headed 年度指标值 then 实施期指标值
		b.scopes = []string{model.ScopeAnnual, model.ScopePeriod}
	case n >= 2:
		b.scopes = []string{model.ScopePeriod, model.ScopeAnnual}
	case strings.Contains(first, "实施期") || strings.Contains(first, "中长期"):
		b.scopes = []string{model.ScopePeriod}
	default:
		b.scopes = []string{model.ScopeAnnual}
	}
	b.l1 = ""
	b.l2 = make([]string, len(b.scopes))
}

var level1Words = map[string]bool{"产出指标": true, "效益指标": true, "满意度指标": true}

var level2Words = []string{
	"数量指标", "质量指标", "时效指标", "成本指标",
	"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标",
	"服务对象满意度指标", "服务对象满意度", "其他满意度指标",
	"经济成本指标", "社会成本指标", "生态环境成本指标",
}

// minPrefixRunes is the shortest truncated level-2 name recognised
// ("可持续影响指", "服务对象满意" are printed in narrow columns).
const minPrefixRunes = 5

func isLevel2(s string) bool {
	k := key(s)
	for _, w := range level2Words {
		if k == w {
			return true
		}
	}
	if utf8.RuneCountInString(k) < minPrefixRunes {
		return false
	}
	for _, w := range level2Words {
		if strings.HasPrefix(w, k) {
			return true
		}
	}
	return false
}

func isCostLevel2(s string) bool {
	switch key(s) {
	case "经济成本指标", "社会成本指标", "生态环境成本指标":
		return true
	}
	return false
}

type half struct {
	l2, l3, v *tok
}

// gridRow parses one indicator row: [一级指标] then per scope
// [二级指标] 三级指标 指标值.
func (b *builder) gridRow(toks []tok, ref doc.Ref) {
	if len(b.scopes) == 0 {
		b.scopes = []string{model.ScopeAnnual}
		b.l2 = make([]string, 1)
	}
	// a label cell of the grid itself ("绩效指标" beside the first row)
	if k := key(toks[0].text); strings.HasSuffix(k, "绩效指标") || k == "绩效目标" {
		toks = toks[1:]
		if len(toks) == 0 {
			return
		}
	}
	k0 := key(toks[0].text)
	if level1Words[k0] || (k0 == "成本指标" && len(toks) > 1 && isCostLevel2(toks[1].text)) {
		// a new level1 resets the level2s carried down; the first level1
		// of a grid (or the same one printed again, as PDF readers do with
		// merged cells) does not
		if b.l1 != "" && b.l1 != toks[0].text {
			for i := range b.l2 {
				b.l2[i] = ""
			}
		}
		b.l1 = toks[0].text
		toks = toks[1:]
	}
	n := len(b.scopes)
	halves := make([]half, n)
	h, state := 0, 0 // state: 0 start, 1 after level2, 2 after level3, 3 after value
	for idx := 0; idx < len(toks) && h < n; idx++ {
		t := toks[idx]
		l2 := isLevel2(t.text)
		switch state {
		case 0:
			if l2 {
				halves[h].l2 = &toks[idx]
				state = 1
			} else {
				halves[h].l3 = &toks[idx]
				state = 2
			}
		case 1:
			if l2 && t.col != halves[h].l2.col+1 && h+1 < n {
				h, state = h+1, 0
				idx--
				continue
			}
			last := idx+1 >= len(toks) || (h+1 < n && isLevel2(toks[idx+1].text))
			if last && t.col >= halves[h].l2.col+2 && isValue(t.text) {
				halves[h].v = &toks[idx]
				state = 3
			} else {
				halves[h].l3 = &toks[idx]
				state = 2
			}
		case 2:
			if l2 && h+1 < n {
				h, state = h+1, 0
				idx--
				continue
			}
			halves[h].v = &toks[idx]
			state = 3
		case 3:
			h, state = h+1, 0
			idx--
		}
	}
	for i, hv := range halves {
		if hv.l2 == nil && hv.l3 == nil && hv.v == nil {
			continue
		}
		if hv.l2 != nil {
			b.l2[i] = hv.l2.text
		}
		ind := model.Indicator{Scope: b.scopes[i], Level1: b.l1, Level2: b.l2[i], SourceRef: ref.String()}
		if hv.l3 != nil {
			ind.Level3 = hv.l3.text
		}
		if hv.v != nil {
			ind.ValueText = hv.v.text
			ind.Comparator, ind.ValueNum, ind.ValueUnit = ParseIndicatorValue(hv.v.text)
		}
		b.f.Indicators = append(b.f.Indicators, ind)
	}
}

// isValue reports whether a lone cell after a level-2 name reads as a value
// (a number or a short qualitative word) rather than an indicator name.
func isValue(s string) bool {
	if _, n, _ := ParseIndicatorValue(s); n != nil {
		return true
	}
	return utf8.RuneCountInString(s) <= 4
}

// backfill gives the leading indicators of each scope that have no level1
// or level2 the first level printed below them. PDF readers place the text
// of a vertically merged cell in the middle of its span, so the rows above
// that text carry nothing down.
func backfill(inds []model.Indicator) {
	for _, level := range []func(*model.Indicator) *string{
		func(in *model.Indicator) *string { return &in.Level1 },
		func(in *model.Indicator) *string { return &in.Level2 },
	} {
		done := map[string]bool{}
		for i := range inds {
			sc := inds[i].Scope
			if done[sc] {
				continue
			}
			if *level(&inds[i]) != "" {
				done[sc] = true
				continue
			}
			for j := i + 1; j < len(inds); j++ {
				if inds[j].Scope == sc && *level(&inds[j]) != "" {
					*level(&inds[i]) = *level(&inds[j])
					break
				}
			}
		}
	}
}
