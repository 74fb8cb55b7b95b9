package identity

import (
	"regexp"
	"strings"
)

// titleLead strips what precedes a department name in a title: a part
// number (第二部分), a list number (一、 1. (一)), a year (2017年度).
var titleLead = regexp.MustCompile(`^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\d+[.、]|\([一二三四五六七八九十\d]+\)|\d{4}年度?)+`)

// titleTail marks where a department name ends in a title.
var titleTail = regexp.MustCompile(`(?:\d{4}年度?|部门预算|部门决算|单位预算|单位决算|预算公开|决算公开|预决算公开|概况$|部门收支|部门收入|部门支出|收支预算总表|预算表|决算表)`)

// deptSuffix is how department names end.
var deptSuffix = regexp.MustCompile(`(?:局|厅|院|委|办|室|处|部|会|中心|所|站|队|馆|校|团|社|协|政府|办事处|法院|检察院|集团|公司|机关|总队|支队|大队|研究院|学院|学校|医院)$`)

var titleFold = strings.NewReplacer("（", "(", "）", ")", "．", ".")

// NameFromTitle extracts a department name from a title or cover line such
// as 2017年度江苏省高级人民法院部门预算公开, 第二部分江苏省高级人民法院2017年度
// 部门预算表, 第一部分上海市普陀区财政局概况 or 一、2017 年度江苏省高级人民法院
// 部门收支预算总表. A bare cover line (上海市普陀区财政局) counts when it
// starts with a recognised region. It returns "" when the line holds no
// department name. Spaces are removed; the name is otherwise as published.
func NameFromTitle(line string) string {
	s := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' {
			return -1
		}
		return r
	}, strings.TrimSpace(line))
	s = titleFold.Replace(s)
	if s == "" || len(s) > 300 {
		return ""
	}
	s = titleLead.ReplaceAllString(s, "")
	name := s
	bare := true
	if loc := titleTail.FindStringIndex(s); loc != nil {
		name, bare = s[:loc[0]], false
	}
	name = strings.TrimRight(name, "的")
	if name == "" || strings.ContainsAny(name, "，。；：,;:") || strings.Contains(name, "预算") || strings.Contains(name, "决算") {
		return ""
	}
	if n := len([]rune(name)); n < 3 || n > 40 {
		return ""
	}
	if !deptSuffix.MatchString(name) {
		return ""
	}
	if bare {
		if region, rest := RegionOf(name); region == "" || rest == "" {
			return ""
		}
	}
	return name
}
