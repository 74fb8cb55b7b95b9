package identity

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
)

func identityOf(name string, more ...string) model.Identity {
	return model.Identity{Department: name, DepartmentNames: more}
}

// corpus lists the department wordings of the real development corpus
// (shared/corpus/real/README.md) and the Shanxi text publication, one entry
// per document, with the department each belongs to.
var corpus = []struct {
	doc  string
	dept string // expected grouping label
	id   model.Identity
}{
	{"js-rendabangongting-2017", "江苏省人大常委会办公厅", model.Identity{DocID: "js1", Department: "江苏省人大常委会办公厅", FiscalYear: 2017, Level: model.LevelDepartment}},
	{"js-renminjianchayuan-2017", "江苏省人民检察院", model.Identity{DocID: "js2", Department: "江苏省人民检察院", FiscalYear: 2017}},
	{"js-shengweibangongting-2017", "中共江苏省委办公厅", model.Identity{DocID: "js3", Department: "中国共产党江苏省委员会办公厅", DepartmentNames: []string{"江苏省委办公厅"}, FiscalYear: 2017}},
	{"js-zhengxiebangongting-2017", "江苏省政协办公厅", model.Identity{DocID: "js4", Department: "江苏省政协办公厅", FiscalYear: 2017}},
	{"js-gaojirenminfayuan-2017", "江苏省高级人民法院", model.Identity{DocID: "js5", Department: "江苏省高级人民法院", FiscalYear: 2017}},
	{"js-gaojirenminfayuan-2018", "江苏省高级人民法院", model.Identity{DocID: "js6", Department: "江苏省高级人民法院", FiscalYear: 2018}},
	{"js-shengweibangongting-2018", "中共江苏省委办公厅", model.Identity{DocID: "js7", Department: "中共江苏省委办公厅", FiscalYear: 2018}},
	{"sh-putuo-wanlijiedao-2023", "上海市普陀区万里街道办事处", model.Identity{DocID: "sh8", Department: "上海市普陀区人民政府万里街道办事处", FiscalYear: 2023}},
	{"sh-putuo-caizhengju-2024", "上海市普陀区财政局", model.Identity{DocID: "sh9", Department: "上海市普陀区财政局", FiscalYear: 2024, Kind: model.KindFinalAccount}},
	{"sh-putuo-caizhengju-2024-defects", "上海市普陀区财政局", model.Identity{DocID: "sh10", Department: "上海市普陀区XX局", DepartmentNames: []string{"上海市普陀区财政局"}, FiscalYear: 2024}},
	{"sh-putuo-sifaju-2026-bumen", "上海市普陀区司法局", model.Identity{DocID: "sh11", Department: "上海市普陀区司法局", FiscalYear: 2026, Level: model.LevelDepartment}},
	{"sh-putuo-sifaju-2026-danwei", "上海市普陀区司法局", model.Identity{DocID: "sh12", Department: "上海市普陀区司法局", FiscalYear: 2026, Level: model.LevelUnit}},
	{"sh-putuo-zhengfubangongshi-2025-bumen", "上海市普陀区人民政府办公室", model.Identity{DocID: "sh13", Department: "上海市普陀区人民政府办公室", FiscalYear: 2025, Level: model.LevelDepartment}},
	{"sh-putuo-zhengfubangongshi-2025-danwei", "上海市普陀区人民政府办公室", model.Identity{DocID: "sh14", Department: "上海市普陀区人民政府办公室", FiscalYear: 2025, Level: model.LevelUnit}},
	{"sh-xxju-2024-template", "placeholder", model.Identity{DocID: "sh15", Department: "上海市 XX 局", FiscalYear: 2024}},
	{"houma-jjkjfzb-2024", "侯马经济开发区经济科技发展部", model.Identity{DocID: "sx1", Department: "侯马经济开发区管理委员会经济科技发展部", DepartmentNames: []string{"侯马经济开发区经济科技发展部"}, DepartmentCode: "604", Region: "侯马经济开发区", FiscalYear: 2024}},
}

func TestAssign_corpus(t *testing.T) {
	a, err := DefaultAliases()
	if err != nil {
		t.Fatal(err)
	}
	byDept := map[string]string{} // expected label → id
	byID := map[string]string{}   // id → label
	for _, c := range corpus {
		id := c.id
		Assign(&id, a)
		if !strings.HasPrefix(id.DepartmentID, "d_") || len(id.DepartmentID) != 18 {
			t.Fatalf("%s: bad id %q", c.doc, id.DepartmentID)
		}
		if prev, ok := byDept[c.dept]; ok && prev != id.DepartmentID {
			t.Errorf("%s: %s got %s, another document of it got %s", c.doc, c.dept, id.DepartmentID, prev)
		}
		byDept[c.dept] = id.DepartmentID
		if other, ok := byID[id.DepartmentID]; ok && other != c.dept {
			t.Errorf("%s: id %s shared by %s and %s", c.doc, id.DepartmentID, other, c.dept)
		}
		byID[id.DepartmentID] = c.dept
	}
	if len(byID) != 11 {
		t.Errorf("got %d identities, want 11 (10 real departments and the placeholder)", len(byID))
	}
}

func TestAssign_pairs(t *testing.T) {
	tests := []struct {
		name string
		a, b model.Identity
		same bool
	}{
		{"jiangsu table vs 2018 wording", identityOf("中国共产党江苏省委员会办公厅"), identityOf("中共江苏省委办公厅"), true},
		{"jiangsu narrative vs 2018 wording", identityOf("江苏省委办公厅"), identityOf("中共江苏省委办公厅"), true},
		{"court 2017 vs 2018", model.Identity{Department: "江苏省高级人民法院", FiscalYear: 2017}, model.Identity{Department: "江苏省高级人民法院", FiscalYear: 2018}, true},
		{"putuo justice department vs unit", model.Identity{Department: "上海市普陀区司法局", Level: model.LevelDepartment}, model.Identity{Department: "上海市普陀区司法局", Level: model.LevelUnit}, true},
		{"putuo office department vs unit", model.Identity{Department: "上海市普陀区人民政府办公室", Level: model.LevelDepartment}, model.Identity{Department: "上海市普陀区人民政府办公室（本级）", Level: model.LevelUnit}, true},
		{"putuo finance vs shanghai finance", identityOf("上海市普陀区财政局"), identityOf("上海市财政局"), false},
		{"district name without city in a district document", model.Identity{Department: "普陀区司法局", Region: "上海市普陀区"}, identityOf("上海市普陀区司法局"), true},
		{"two placeholders", model.Identity{Department: "上海市XX局", DocID: "a"}, model.Identity{Department: "上海市XX局", DocID: "b"}, false},
		{"placeholder vs real", model.Identity{Department: "上海市XX局", DocID: "a"}, identityOf("上海市财政局"), false},
		{"houma code vs another region's 604", model.Identity{Department: "侯马经济开发区管理委员会经济科技发展部", DepartmentCode: "604", Region: "侯马经济开发区"}, model.Identity{Department: "某县财政局", DepartmentCode: "604", Region: "曲沃县"}, false},
		{"houma code renamed department", model.Identity{Department: "侯马经济开发区管理委员会经济科技发展部", DepartmentCode: "604", Region: "侯马经济开发区"}, model.Identity{Department: "侯马经济开发区经济发展局", DepartmentCode: "６０４"}, true},
		{"code and region without a name", model.Identity{DepartmentCode: "604", Region: "侯马经济开发区", DocID: "a"}, model.Identity{Department: "侯马经济开发区管理委员会经济科技发展部", DepartmentCode: "604", Region: "侯马经济开发区"}, true},
		{"region-only table name", model.Identity{Department: "上海市普陀区", DocID: "a"}, model.Identity{Department: "上海市普陀区", DocID: "b"}, false},
		{"region-only table name with a narrative wording", model.Identity{Department: "上海市普陀区", DepartmentNames: []string{"上海市普陀区司法局"}}, identityOf("上海市普陀区司法局"), true},
		{"nothing published", model.Identity{DocID: "a"}, model.Identity{DocID: "b"}, false},
		{"code without region falls back to name", model.Identity{Department: "人民检察院", DepartmentCode: "105"}, identityOf("人民检察院"), true},
		{"street office wording", identityOf("上海市普陀区人民政府万里街道办事处"), identityOf("上海市普陀区万里街道办事处"), true},
		{"cppcc full name", identityOf("中国人民政治协商会议江苏省委员会办公厅"), identityOf("江苏省政协办公厅"), true},
		{"narrative wording only", model.Identity{DepartmentNames: []string{"江苏省委办公厅"}}, identityOf("中共江苏省委办公厅"), true},
		{"office vs general office are not merged", identityOf("上海市普陀区人民政府办公室"), identityOf("上海市普陀区人民政府办公厅"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := tt.a, tt.b
			Assign(&a, nil)
			Assign(&b, nil)
			if (a.DepartmentID == b.DepartmentID) != tt.same {
				t.Errorf("ids %s (%s) and %s (%s): same=%v, want %v", a.DepartmentID, Explain(tt.a, nil).Key,
					b.DepartmentID, Explain(tt.b, nil).Key, a.DepartmentID == b.DepartmentID, tt.same)
			}
		})
	}
}

func TestAssign_region(t *testing.T) {
	id := identityOf("上海市普陀区司法局")
	Assign(&id, nil)
	if id.Region != "上海市普陀区" {
		t.Errorf("region = %q, want 上海市普陀区", id.Region)
	}
	id = model.Identity{Department: "江苏省高级人民法院", Region: "江苏省"}
	Assign(&id, nil)
	if id.Region != "江苏省" {
		t.Errorf("stated region changed to %q", id.Region)
	}
}

// TestExplain_golden pins the key, id, basis and evidence of every corpus
// document: ids must never change between releases (shards and old
// warehouses rely on them).
func TestExplain_golden(t *testing.T) {
	a, err := DefaultAliases()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range corpus {
		r := Explain(c.id, a)
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", c.doc, r.ID, r.Basis, r.Key)
		for _, e := range r.Evidence {
			fmt.Fprintf(&b, "\t%s\n", e)
		}
	}
	testutil.Golden(t, "testdata/corpus_ids.golden", []byte(b.String()))
}

func TestIDOf(t *testing.T) {
	// sha256("name:江苏省:高级人民法院")[:16], computed independently.
	if got := IDOf("name:江苏省:高级人民法院"); got != "d_"+sha16("name:江苏省:高级人民法院") {
		t.Errorf("IDOf = %s", got)
	}
	if IDOf("a") == IDOf("b") {
		t.Error("distinct keys share an id")
	}
}

// TestAssign_houmaText reads every wording of the department in the Shanxi
// text publication (部门名称 lines, 主管部门及代码 cells, catalogue
// headings) and checks that they all give one id.
func TestAssign_houmaText(t *testing.T) {
	f, err := os.Open(testutil.CorpusText(t))
	if err != nil {
		t.Skipf("corpus text: %v", err)
	}
	defer f.Close()
	re := regexp.MustCompile(`(?:部门名称：|\d{3}-)(侯马[^\t ]*?部)(?:\t|$| )|^#*\s*(侯马经济开发区[^\t]*?部)政府购买服务`)
	names := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		for _, m := range re.FindAllStringSubmatch(sc.Text(), -1) {
			for _, g := range m[1:] {
				if g != "" {
					names[g] = true
				}
			}
		}
	}
	if len(names) < 2 {
		t.Fatalf("found %d wordings in the corpus text, want at least 2: %v", len(names), names)
	}
	ids := map[string][]string{}
	for n := range names {
		id := model.Identity{Department: n, DepartmentCode: "604", Region: "侯马经济开发区"}
		noCode := model.Identity{Department: n}
		for _, x := range []*model.Identity{&id, &noCode} {
			Assign(x, nil)
		}
		ids[id.DepartmentID] = append(ids[id.DepartmentID], n)
		ids["name "+noCode.DepartmentID] = append(ids["name "+noCode.DepartmentID], n)
	}
	if len(ids) != 2 {
		var ks []string
		for k, v := range ids {
			sort.Strings(v)
			ks = append(ks, k+"="+strings.Join(v, "/"))
		}
		sort.Strings(ks)
		t.Errorf("wordings split into %d ids (want one by code and one by name):\n%s", len(ids), strings.Join(ks, "\n"))
	}
}

func sha16(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

func BenchmarkAssign(b *testing.B) {
	a, err := DefaultAliases()
	if err != nil {
		b.Fatal(err)
	}
	id := model.Identity{DocID: "x", Department: "中国共产党江苏省委员会办公厅", DepartmentNames: []string{"江苏省委办公厅"}}
	for b.Loop() {
		x := id
		Assign(&x, a)
	}
}

// TestAssign_otherYears: publications of the corpus departments from years
// not in the corpus, in the wordings such publications use, join the
// corpus identities.
func TestAssign_otherYears(t *testing.T) {
	a, err := DefaultAliases()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, c := range corpus {
		id := c.id
		Assign(&id, a)
		ids[c.dept] = id.DepartmentID
	}
	tests := []struct {
		dept string
		id   model.Identity
	}{
		{"江苏省人大常委会办公厅", model.Identity{Department: "江苏省人民代表大会常务委员会办公厅", FiscalYear: 2019}},
		{"江苏省人大常委会办公厅", model.Identity{Department: "江苏省人大办公厅", FiscalYear: 2016}}, // shipped alias row
		{"江苏省人民检察院", model.Identity{Department: "江苏省人民检察院（本级）", FiscalYear: 2019, Level: model.LevelUnit}},
		{"中共江苏省委办公厅", model.Identity{Department: "中共江苏省委员会办公厅", FiscalYear: 2020}},
		{"江苏省政协办公厅", model.Identity{Department: "中国人民政治协商会议江苏省委员会办公厅", FiscalYear: 2018}},
		{"江苏省高级人民法院", model.Identity{Department: "江苏省 高级人民法院", FiscalYear: 2019}},
		{"上海市普陀区万里街道办事处", model.Identity{Department: "上海市普陀区万里街道办事处", FiscalYear: 2024}},
		{"上海市普陀区财政局", model.Identity{Department: "普陀区财政局", Region: "上海市普陀区", FiscalYear: 2023, Kind: model.KindFinalAccount}},
		{"上海市普陀区司法局", model.Identity{Department: "上海市普陀区司法局", DepartmentNames: []string{"普陀区司法局"}, FiscalYear: 2025}},
		{"上海市普陀区人民政府办公室", model.Identity{Department: "上海市普陀区政府办公室", FiscalYear: 2024}},
		{"侯马经济开发区经济科技发展部", model.Identity{Department: "侯马经济开发区管委会经济科技发展部", DepartmentCode: "604", Region: "侯马经济开发区", FiscalYear: 2025}},
	}
	for _, tt := range tests {
		t.Run(tt.dept+"/"+tt.id.Department, func(t *testing.T) {
			id := tt.id
			Assign(&id, a)
			if id.DepartmentID != ids[tt.dept] {
				t.Errorf("%s (%d) got %s (%s), want the corpus id %s", tt.id.Department, tt.id.FiscalYear,
					id.DepartmentID, Explain(tt.id, a).Key, ids[tt.dept])
			}
		})
	}
}
