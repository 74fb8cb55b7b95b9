package identity

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// provinces are the provincial-level divisions as they prefix names.
var provinces = []string{
	"北京市", "天津市", "上海市", "重庆市",
	"河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省",
	"福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
	"四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
	"内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
	"新疆生产建设兵团", "香港特别行政区", "澳门特别行政区",
}

// regionSegment matches one sub-provincial division at the start of a
// string: two to four Han characters and a division suffix (prefectures,
// cities, districts, counties, banners, development zones). The lazy prefix
// takes the shortest match, so 普陀区财政局 yields 普陀区.
var regionSegment = regexp.MustCompile(`^\p{Han}{2,4}?(?:经济技术开发区|经济开发区|高新技术产业开发区|高新区|开发区|工业园区|新区|自治州|自治县|自治旗|地区|市|区|县|州|盟|旗)`)

// countySegment matches a one-character county (沛县), allowed only after
// another region segment.
var countySegment = regexp.MustCompile(`^\p{Han}县`)

// zoneSuffixes mark development zones, whose 管委会 is the government.
var zoneSuffixes = []string{"经济技术开发区", "经济开发区", "高新技术产业开发区", "高新区", "开发区", "工业园区", "新区"}

// qualifier strips bracketed scope words such as (本级) that do not change
// the department.
var qualifier = regexp.MustCompile(`\((?:本级|机关本级|部门本级|部门|单位|汇总|部门汇总|机关)\)`)

// bracketFold maps other brackets to parentheses.
var bracketFold = strings.NewReplacer("【", "(", "】", ")", "〔", "(", "〕", ")", "[", "(", "]", ")")

// trailingBracket is a bracketed suffix after a name.
var trailingBracket = regexp.MustCompile(`\([^()]*\)$`)

// officeVariant is 办公厅(室) / 办公室(厅): one office named both ways.
var officeVariant = regexp.MustCompile(`办公(厅|室)\((?:厅|室)\)`)

// streetOffice is 人民政府X街道办事处 / 人民政府X镇办事处 → X街道办事处.
var streetOffice = regexp.MustCompile(`^人民政府(\p{Han}+?(?:街道|镇|乡))办事处$`)

// cpcPPCC is the full name of a CPPCC committee: 中国人民政治协商会议X委员会.
var cpcPPCC = regexp.MustCompile(`中国人民政治协商会议(\p{Han}+?)委员会`)

// phrase replacements applied to the whole cleaned name, in order.
var phrases = []struct{ from, to string }{
	{"中国共产党", "中共"},
	{"政治协商会议", "政协"},
	{"人民代表大会常务委员会", "人大常委会"},
	{"人民代表大会", "人大"},
	{"管理委员会", "管委会"},
	{"纪律检查委员会", "纪委"},
	{"政法委员会", "政法委"},
}

// placeholder marks template names.
var placeholderMarks = []string{"XX", "某某", "**", "××", "○○", "□□"}

// clean folds full-width forms to half-width, upper-cases Latin letters,
// strips bracketed qualifiers, and removes spaces, punctuation and symbols.
func clean(name string) string {
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "")
	}
	s := width.Fold.String(name)
	s = strings.ReplaceAll(s, "×", "X")
	s = strings.ToUpper(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	s = bracketFold.Replace(s)
	s = qualifier.ReplaceAllString(s, "")
	s = officeVariant.ReplaceAllString(s, "办公$1")
	// A trailing bracket names a co-located body (挂牌机构) or a scope:
	// 上海市普陀区人民政府办公室(上海市普陀区人民政府外事办公室) is the office.
	for i := 0; i < 3; i++ {
		t := trailingBracket.ReplaceAllString(s, "")
		if t == s || t == "" {
			break
		}
		s = t
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return s
}

// IsPlaceholder reports whether a name is a template placeholder such as
// 上海市XX局 or XXX部门 (XX, XXX, ××, 某某, **).
func IsPlaceholder(name string) bool {
	s := strings.ToUpper(width.Fold.String(name))
	s = strings.ReplaceAll(s, " ", "")
	for _, m := range placeholderMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// RegionOf splits a department name into its region prefix (province,
// city, district or county, development zone: 江苏省, 上海市普陀区,
// 侯马经济开发区) and the rest. The name is cleaned first (full-width forms,
// spaces and punctuation). A leading 中共/中国共产党 is kept on the rest, so
// 中共江苏省委办公厅 gives (江苏省, 中共委办公厅); 中国人民政治协商会议 is
// kept likewise. A name without a
// recognised region gives ("", cleaned name).
func RegionOf(name string) (region, rest string) {
	s := clean(name)
	party := ""
	for _, p := range []string{"中国共产党", "中共", "中国人民政治协商会议"} {
		if strings.HasPrefix(s, p) {
			party, s = p, s[len(p):]
			if p == "中国共产党" {
				party = "中共"
			}
			break
		}
	}
	region, s = splitRegion(s)
	if region == "" {
		return "", party + s
	}
	return region, party + s
}

// splitRegion takes region segments off the front of a cleaned name.
func splitRegion(s string) (region, rest string) {
	for _, p := range provinces {
		if strings.HasPrefix(s, p) {
			region, s = p, s[len(p):]
			break
		}
	}
	for i := 0; i < 4 && s != ""; i++ {
		m := regionSegment.FindString(s)
		if m == "" && region != "" {
			m = countySegment.FindString(s)
		}
		if m == "" || m == s {
			// A name that is nothing but a region (上海市普陀区) keeps its
			// last segment as the department part only when no region was
			// found before it; otherwise the region is the whole name.
			if m != "" && m == s && region != "" {
				region, s = region+m, ""
			} else if m != "" && m == s {
				region, s = m, ""
			}
			break
		}
		region, s = region+m, s[len(m):]
	}
	return region, s
}

// isZone reports whether a region ends with a development-zone suffix.
func isZone(region string) bool {
	for _, z := range zoneSuffixes {
		if strings.HasSuffix(region, z) {
			return true
		}
	}
	return false
}

// split normalises a name and returns its region and the normalised rest.
// The rest of a party organ starts with 中共 (中共委办公厅).
func split(name string) (region, rest string) {
	s := clean(name)
	s = cpcPPCC.ReplaceAllString(s, "${1}政协")
	for _, p := range phrases {
		s = strings.ReplaceAll(s, p.from, p.to)
	}
	region, rest = RegionOf(s)
	party := strings.HasPrefix(rest, "中共")
	if party {
		rest = strings.TrimPrefix(rest, "中共")
	}
	if region != "" {
		// The rules feed each other (政府 → 人民政府 enables the street
		// office rule), so apply them until nothing changes.
		for i := 0; i < 4; i++ {
			var next string
			next, party = restRules(region, rest, party)
			if next == rest {
				break
			}
			rest = next
		}
	}
	if party {
		rest = "中共" + rest
	}
	return region, rest
}

// restRules applies one round of the region-relative rewrites.
func restRules(region, rest string, party bool) (string, bool) {
	switch {
	case strings.HasPrefix(rest, "委员会"):
		// 中共江苏省委员会办公厅 → 中共江苏省委办公厅.
		rest, party = "委"+strings.TrimPrefix(rest, "委员会"), true
	case strings.HasPrefix(rest, "委"):
		// 江苏省委办公厅 (a party committee organ) → 中共江苏省委办公厅.
		party = true
	case rest == "政府办":
		rest = "人民政府办公室"
	case strings.HasPrefix(rest, "政府"):
		rest = "人民" + rest
	}
	if strings.HasSuffix(rest, "街道") && len(rest) > len("街道") {
		rest += "办事处"
	}
	if m := streetOffice.FindStringSubmatch(rest); m != nil {
		rest = m[1] + "办事处"
	}
	if isZone(region) && strings.HasPrefix(rest, "管委会") && len(rest) > len("管委会") {
		// 侯马经济开发区管委会经济科技发展部 → 侯马经济开发区经济科技发展部.
		rest = strings.TrimPrefix(rest, "管委会")
	}
	return rest, party
}

// Normalize returns the canonical spelling of a department name: half-width
// forms, no spaces or punctuation, 中国共产党→中共, 中共X委员会→中共X委,
// 江苏省委办公厅→中共江苏省委办公厅, 人民代表大会常务委员会→人大常委会,
// 中国人民政治协商会议X委员会→X政协, 管理委员会→管委会, X区政府办公室→
// X区人民政府办公室, X区人民政府Y街道办事处→X区Y街道办事处, and the
// 管委会 of a development zone dropped before its departments. Two names
// with the same normalised form and region are the same department.
func Normalize(name string) string {
	region, rest := split(name)
	if strings.HasPrefix(rest, "中共") {
		return "中共" + region + strings.TrimPrefix(rest, "中共")
	}
	return region + rest
}
