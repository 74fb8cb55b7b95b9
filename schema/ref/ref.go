// Package ref holds reference classification data as embedded CSV files and
// a small loader: the economic classification of expenditure in its two
// schemes (econ.csv: 部门预算支出经济分类 3xx codes, 政府预算支出经济分类 5xx
// codes) and the class level of the functional classification
// (func_class.csv: 201 一般公共服务支出 … 234). Each file states its source in
// its header comment. Names are matched after NormName (width, brackets,
// quotes, punctuation and spaces normalised). The package imports no
// database code; the warehouse may load the same rows into tables.
package ref

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Schemes of the economic classification.
const (
	SchemeDepartment = "department"
	SchemeGovernment = "government"
)

//go:embed econ.csv
var econCSV []byte

//go:embed func_class.csv
var funcClassCSV []byte

// Econ is one code of the economic classification.
type Econ struct {
	Scheme     string
	Code       string
	Name       string
	ParentCode string
	Aliases    []string
}

// FuncClass is one class (类) of the functional classification.
type FuncClass struct {
	Code    string
	Name    string
	Aliases []string
}

type tables struct {
	econ      []Econ
	econByKey map[string][]int // scheme + "\x00" + normalised name → indices (list order)
	econCode  map[string]int   // scheme + "\x00" + code
	funcs     []FuncClass
	funcByKey map[string]int
	funcCode  map[string]int
}

var (
	once   sync.Once
	loaded *tables
	// loadErr is non-nil only if an embedded file is malformed, which the
	// package tests rule out.
	loadErr error
)

func data() *tables {
	once.Do(func() { loaded, loadErr = parse(econCSV, funcClassCSV) })
	if loadErr != nil {
		panic(loadErr) // embedded data is fixed at build time and tested
	}
	return loaded
}

func readCSV(b []byte, fields int) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.Comment = '#'
	r.FieldsPerRecord = fields
	var out [][]string
	first := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if first { // header
			first = false
			continue
		}
		out = append(out, rec)
	}
}

func splitAliases(s string) []string {
	var out []string
	for _, a := range strings.Split(s, "|") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func parse(econB, funcB []byte) (*tables, error) {
	t := &tables{econByKey: map[string][]int{}, econCode: map[string]int{}, funcByKey: map[string]int{}, funcCode: map[string]int{}}
	recs, err := readCSV(econB, 5)
	if err != nil {
		return nil, fmt.Errorf("parse econ.csv: %w", err)
	}
	for _, r := range recs {
		e := Econ{Scheme: r[0], Code: r[1], Name: r[2], ParentCode: r[3], Aliases: splitAliases(r[4])}
		if e.Scheme != SchemeDepartment && e.Scheme != SchemeGovernment {
			return nil, fmt.Errorf("parse econ.csv: code %s: unknown scheme %q", e.Code, e.Scheme)
		}
		ck := e.Scheme + "\x00" + e.Code
		if _, dup := t.econCode[ck]; dup {
			return nil, fmt.Errorf("parse econ.csv: duplicate code %s %s", e.Scheme, e.Code)
		}
		i := len(t.econ)
		t.econ = append(t.econ, e)
		t.econCode[ck] = i
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			k := e.Scheme + "\x00" + NormName(n)
			if !containsInt(t.econByKey[k], i) {
				t.econByKey[k] = append(t.econByKey[k], i)
			}
		}
	}
	for _, e := range t.econ {
		if e.ParentCode != "" {
			if _, ok := t.econCode[e.Scheme+"\x00"+e.ParentCode]; !ok {
				return nil, fmt.Errorf("parse econ.csv: code %s: unknown parent %s", e.Code, e.ParentCode)
			}
		}
	}
	recs, err = readCSV(funcB, 3)
	if err != nil {
		return nil, fmt.Errorf("parse func_class.csv: %w", err)
	}
	for _, r := range recs {
		f := FuncClass{Code: r[0], Name: r[1], Aliases: splitAliases(r[2])}
		if _, dup := t.funcCode[f.Code]; dup {
			return nil, fmt.Errorf("parse func_class.csv: duplicate code %s", f.Code)
		}
		i := len(t.funcs)
		t.funcs = append(t.funcs, f)
		t.funcCode[f.Code] = i
		for _, n := range append([]string{f.Name}, f.Aliases...) {
			k := NormName(n)
			if j, ok := t.funcByKey[k]; ok && j != i {
				return nil, fmt.Errorf("parse func_class.csv: name %q used by %s and %s", n, t.funcs[j].Code, f.Code)
			}
			t.funcByKey[k] = i
		}
	}
	return t, nil
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// NormName normalises a classification name for matching: full-width ASCII
// to half-width, every kind of bracket to '(' ')', quotes, spaces and
// punctuation removed, a leading list marker (一、 (一) 1. ① …) removed.
// It is on the parsers' hot path (every cell label): one allocation at most,
// none when the name is already normal.
func NormName(s string) string {
	return NormChars(StripListMarker(s))
}

// NormChars is NormName without the list-marker stripping: full-width
// ASCII to half-width, brackets unified, quotes, spaces and punctuation
// removed.
func NormChars(s string) string {
	var buf [256]byte
	b := buf[:0]
	same := true // nothing dropped or changed so far: b == s[:len(b)]
	for _, r := range s {
		orig := r
		switch {
		case r == '\u3000' || unicode.IsSpace(r):
			same = false
			continue
		case r >= '\uFF01' && r <= '\uFF5E':
			r -= 0xFEE0
		}
		switch r {
		case '（', '〔', '[', '【', '(':
			r = '('
		case '）', '〕', ']', '】', ')':
			r = ')'
		case '"', '\'', '“', '”', '‘', '’', '「', '」', '『', '』', ':', '：', ',', '，', '、', '.', '。', ';', '；', '*', '·':
			same = false
			continue
		}
		if r != orig || r == utf8.RuneError {
			same = false // changed, or an invalid byte written as U+FFFD
		}
		b = utf8.AppendRune(b, r)
	}
	if same && len(b) == len(s) {
		return s
	}
	return string(b)
}

const cnNumerals = "一二三四五六七八九十百零〇两"

// StripListMarker removes a leading enumeration marker: "一、", "十二、",
// "(一)", "（二）", "1、", "1.", "①" … and any following space.
func StripListMarker(s string) string {
	t := strings.TrimSpace(s)
	if !utf8.ValidString(t) {
		return stripListMarkerRunes(t)
	}
	// The first runes of t and their byte offsets (at most 6 are looked at).
	var rs [6]rune
	var at [7]int
	n := 0
	for i, r := range t {
		if n == len(rs) {
			break
		}
		rs[n], at[n] = r, i
		n++
	}
	if n == 0 {
		return t
	}
	if n < len(rs) {
		at[n] = len(t)
	} else {
		_, w := utf8.DecodeRuneInString(t[at[n-1]:])
		at[n] = at[n-1] + w
	}
	if rs[0] >= '①' && rs[0] <= '⑳' {
		return strings.TrimSpace(t[at[1]:])
	}
	// (一) / （一） / (1)
	if rs[0] == '(' || rs[0] == '（' {
		for i := 1; i < n && i <= 4; i++ {
			if rs[i] == ')' || rs[i] == '）' {
				if i > 1 && allMarker(rs[1:i]) {
					return strings.TrimSpace(t[at[i+1]:])
				}
				break
			}
		}
		return t
	}
	for i := 0; i < n && i < 5; i++ {
		if rs[i] == '、' || ((rs[i] == '.' || rs[i] == '．') && i > 0 && isDigitRune(rs[i-1])) {
			if i > 0 && allMarker(rs[:i]) {
				return strings.TrimSpace(t[at[i+1]:])
			}
			break
		}
	}
	return t
}

// stripListMarkerRunes is StripListMarker on runes, for text that is not
// valid UTF-8 (each invalid byte of the rest becomes U+FFFD, as it always
// did).
func stripListMarkerRunes(t string) string {
	rs := []rune(t)
	if len(rs) == 0 {
		return t
	}
	if rs[0] >= '①' && rs[0] <= '⑳' {
		return strings.TrimSpace(string(rs[1:]))
	}
	if rs[0] == '(' || rs[0] == '（' {
		for i := 1; i < len(rs) && i <= 4; i++ {
			if rs[i] == ')' || rs[i] == '）' {
				if i > 1 && allMarker(rs[1:i]) {
					return strings.TrimSpace(string(rs[i+1:]))
				}
				break
			}
		}
		return t
	}
	for i := 0; i < len(rs) && i < 5; i++ {
		if rs[i] == '、' || ((rs[i] == '.' || rs[i] == '．') && i > 0 && isDigitRune(rs[i-1])) {
			if i > 0 && allMarker(rs[:i]) {
				return strings.TrimSpace(string(rs[i+1:]))
			}
			break
		}
	}
	return t
}

func isDigitRune(r rune) bool { return (r >= '0' && r <= '9') || (r >= '０' && r <= '９') }

func allMarker(rs []rune) bool {
	for _, r := range rs {
		if !isDigitRune(r) && !strings.ContainsRune(cnNumerals, r) {
			return false
		}
	}
	return true
}

// EconAll returns every row of the economic classification, in file order.
func EconAll() []Econ { return append([]Econ(nil), data().econ...) }

// FuncClasses returns every functional class, in file order.
func FuncClasses() []FuncClass { return append([]FuncClass(nil), data().funcs...) }

// EconByCode returns the economic code of a scheme.
func EconByCode(scheme, code string) (Econ, bool) {
	t := data()
	i, ok := t.econCode[scheme+"\x00"+code]
	if !ok {
		return Econ{}, false
	}
	return t.econ[i], true
}

// EconByName maps a published name to its code in scheme. When a name
// exists under several parents (房屋建筑物购建 under 309 and 310), the first
// in file order wins; use EconByNameUnder to prefer a parent.
func EconByName(scheme, name string) (Econ, bool) {
	return EconByNameUnder(scheme, name, "")
}

// EconByNameUnder maps a name to its code in scheme, preferring a code whose
// parent is parent (or a group code when parent is "" and a group matches).
func EconByNameUnder(scheme, name, parent string) (Econ, bool) {
	t := data()
	idx := t.econByKey[scheme+"\x00"+NormName(name)]
	if len(idx) == 0 {
		return Econ{}, false
	}
	for _, i := range idx {
		if t.econ[i].ParentCode == parent {
			return t.econ[i], true
		}
	}
	return t.econ[idx[0]], true
}

// FuncClassByName maps a class name (一、一般公共服务支出, 卫生健康支出,
// 医疗卫生与计划生育支出 …) to its 3-digit class.
func FuncClassByName(name string) (FuncClass, bool) {
	t := data()
	i, ok := t.funcByKey[NormName(name)]
	if !ok {
		return FuncClass{}, false
	}
	return t.funcs[i], true
}

// FuncClassByCode returns the class with the given 3-digit code.
func FuncClassByCode(code string) (FuncClass, bool) {
	t := data()
	i, ok := t.funcCode[code]
	if !ok {
		return FuncClass{}, false
	}
	return t.funcs[i], true
}
