package recognize

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/google/go-cmp/cmp"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		title string
		want  string
	}{
		{"2024年预算收支总表", KindSummary},
		{"2024年部门收支总表", KindSummary},
		{"收入支出决算总表", KindSummary},
		{"2024年预算收入总表", KindIncome},
		{"2024年预算支出总表", KindExpenditure},
		{"2024年财政拨款收支总表", KindFiscalSummary},
		{"财政拨款收入支出决算总表", KindFiscalSummary},
		{"2024年一般公共预算支出预算表（不含上年结转）", KindGeneralBudgetExpenditure},
		{"2024年一般公共预算安排基本支出分经济科目表（不含上年结转）", KindBasicEcon},
		{"2024年政府性基金预算收入表（不含上年结转）", KindGovFundIncome},
		{"2024年政府性基金预算支出表（不含上年结转）", KindGovFundExpenditure},
		{"2024年国有资本经营预算收支预算表（不含上年结转）", KindStateCapital},
		{"2024年财政拨款安排“三公”经费支出预算表", KindThreePublic},
		{"2024年财政拨款安排机关运行经费预算表", KindOperatingCosts},
		{"2024年项目支出预算表（本年预算）", KindProjectsCurrent},
		{"2024年项目支出预算表（上年结转）", KindProjectsCarryover},
		{"侯马经济开发区经济科技发展部政府购买服务指导性目录", KindPurchaseCatalogue},
		{"侯马经济开发区预算部门（单位）项目支出绩效目标表", KindPerfForm},
		{"县(区)级预算部门(单位)整体支出绩效目标申报表", KindPerfForm},
		{"政府性基金预算财政拨款收入支出决算表", KindGovFundExpenditure},
		{"一般公共预算财政拨款支出决算表", KindGeneralBudgetExpenditure},
		{"2026年部门一般公共预算支出功能分类预算表", KindGeneralBudgetExpenditure},
		{"2026年部门收入预算总表", KindIncome},
		{"2026年部门财政拨款收支预算总表", KindFiscalSummary},
		{"五、2017年度江苏省高级人民法院部门财政拨款支出预算表", KindFiscalExpenditure},
		{"财政拨款基本支出预算表", KindBasicEcon},
		{"九、 一般公共预算基本支出预算表", KindBasicEcon},
		{"一般公共预算财政拨款基本支出决算表", KindBasicEcon},
		{"2017年政府采购预算表", KindProcurement},
		{"某某情况表", ""},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			k, ok := Classify(tt.title)
			if got := k.ID; (ok && got != tt.want) || (!ok && tt.want != "") {
				t.Errorf("Classify(%q) = %q, %v; want %q", tt.title, got, ok, tt.want)
			}
		})
	}
}

func TestLineKinds(t *testing.T) {
	tests := []struct {
		s                             string
		number, dept, unit, year, pag bool
	}{
		{s: "预算公开表1", number: true},
		{s: "部门公开表9", number: true},
		{s: "表一", number: true},
		{s: "表十二", number: true},
		{s: "公开01表", number: true},
		{s: "部门名称：侯马经济开发区管理委员会经济科技发展部", dept: true},
		{s: "单位：万元", unit: true},
		{s: "单位:元", unit: true},
		{s: "金额单位：万元", unit: true},
		{s: "(2024)年度", year: true},
		{s: "(2024年度)", year: true},
		{s: "- 3 -", pag: true},
		{s: "12", pag: true},
		{s: "第3页", pag: true},
		{s: "编制部门：上海市普陀区司法局 单位：元", dept: true},
		{s: "单位：元", unit: true},
		{s: "单位资金0万元，占0%；上年结转0万元，占0%。"},
		{s: "表一2024年预算收支总表"},
	}
	for _, tt := range tests {
		got := [5]bool{IsNumberLine(tt.s), IsDeptLine(tt.s), IsUnitLine(tt.s), IsYearLine(tt.s), IsPageNumber(tt.s)}
		want := [5]bool{tt.number, tt.dept, tt.unit, tt.year, tt.pag}
		if got != want {
			t.Errorf("%q: number,dept,unit,year,page = %v, want %v", tt.s, got, want)
		}
	}
}

func read(t *testing.T, s string) *doc.Document {
	t.Helper()
	d, err := text.Read(context.Background(), "t.txt", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestTables_assembly covers page breaks inside a table, repeated headers,
// page numbers, notes, and untitled tables.
func TestTables_assembly(t *testing.T) {
	src := strings.Join([]string{
		"表三",
		"## 2024年预算支出总表",
		"部门名称：某部门",
		"单位：元",
		"项目\t\t2024年预算数\t\t",
		"科目编码\t科目名称\t合计\t基本支出\t项目支出",
		"合计\t\t3.00\t1.00\t2.00",
		"201\t一般公共服务支出\t1.00\t1.00\t",
		"",
		"- 7 -",
		"",
		"项目\t\t2024年预算数\t\t",
		"科目编码\t科目名称\t合计\t基本支出\t项目支出",
		"206\t科学技术支出\t2.00\t\t2.00",
		"",
		"## 2024年项目支出预算表（上年结转）",
		"单位：万元",
		"项目名称\t合计\t一般公共预算",
		"1\t2\t3",
		"",
		"注：本表无数据",
		"",
		"正文一段。",
		"甲\t乙",
	}, "\n")
	ts := Tables(read(t, src))
	if len(ts) != 3 {
		t.Fatalf("got %d tables:\n%s", len(ts), dumpTables(ts))
	}
	e := ts[0]
	if e.Kind != KindExpenditure || e.Number != "表三" || e.Unit != "元" || e.Department != "某部门" || len(e.Header) != 2 {
		t.Errorf("expenditure table: %+v", e)
	}
	var rows []string
	for _, r := range e.Rows {
		rows = append(rows, r.Ref.String())
	}
	if diff := cmp.Diff([]string{"line 7", "line 8", "line 14"}, rows); diff != "" {
		t.Errorf("data rows (-want +got):\n%s", diff)
	}
	var structural []string
	for _, r := range e.Structural {
		structural = append(structural, r.String())
	}
	for _, want := range []string{"line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 10", "line 12", "line 13"} {
		if !strings.Contains(strings.Join(structural, ","), want+",") && !strings.HasSuffix(strings.Join(structural, ","), want) {
			t.Errorf("line %s not structural: %v", want, structural)
		}
	}
	if e.Empty() {
		t.Error("expenditure table reported empty")
	}
	c := ts[1]
	if c.Kind != KindProjectsCarryover || !c.NoData || !c.Empty() || c.Note != "注：本表无数据" || len(c.Rows) != 0 {
		t.Errorf("carryover table: %+v", c)
	}
	u := ts[2]
	if u.Kind != KindUnknown || u.Title != "" || len(u.Rows) != 1 {
		t.Errorf("untitled table: %+v", u)
	}
}

func TestTables_pdfLayout(t *testing.T) {
	src := strings.Join([]string{
		"目录\t",
		"1 2026年部门财务收支预算总表… … … …\t",
		"……",
		"## 2026年部门收入预算总表",
		"编制部门：上海市普陀区司法局 单位：元",
		"项目\t收入预算",
		"功能分类科目编码\t功能分类科目名称\t合计",
		"科目编码\t\t",
		"合计\t\t1,000.00",
		"201\t一般公共服务支出\t1,000.00",
	}, "\n")
	ts := Tables(read(t, src))
	if len(ts) != 2 || ts[0].Kind != KindTOC {
		t.Fatalf("tables:\n%s", dumpTables(ts))
	}
	in := ts[1]
	if in.Kind != KindIncome || in.Department != "上海市普陀区司法局" || in.Unit != "元" || len(in.Header) != 3 || len(in.Rows) != 2 {
		t.Errorf("income table:\n%s", dumpTables(ts[1:]))
	}
}

func TestTables_placeholderAndNoDataRows(t *testing.T) {
	src := strings.Join([]string{
		"## 部门决算支出表",
		"单位：万元",
		"科目编码\t科目名称\t合计",
		"… …\t\t",
		"… … … …\t\t",
		"## 政府性基金预算支出表",
		"单位：万元",
		"科目编码\t科目名称\t合计",
		"无\t\t",
	}, "\n")
	ts := Tables(read(t, src))
	if len(ts) != 2 || len(ts[0].Rows) != 0 || len(ts[0].Structural) != 5 || ts[0].NoData || len(ts[1].Rows) != 0 || !ts[1].NoData {
		t.Fatalf("tables:\n%s", dumpTables(ts))
	}
}

func TestTables_wrappedTitle(t *testing.T) {
	src := strings.Join([]string{
		"## “三公”经费、会议费、培训费支出预算",
		"## 表",
		"部门： 江苏省人大常委会办公厅 单位：万元",
		"合计\t“三公”经费\t会议费",
		"1.00\t0.50\t0.50",
	}, "\n")
	ts := Tables(read(t, src))
	if len(ts) != 1 || ts[0].Kind != KindThreePublic || ts[0].Title != "“三公”经费、会议费、培训费支出预算表" || ts[0].Unit != "万元" || ts[0].Department != "江苏省人大常委会办公厅" || len(ts[0].Structural) != 4 {
		t.Fatalf("tables:\n%s", dumpTables(ts))
	}
}

func TestColumns(t *testing.T) {
	row := func(cells ...string) doc.Row {
		var r doc.Row
		for i, c := range cells {
			r.Cells = append(r.Cells, doc.Cell{Text: c, Col: i, Span: 1})
		}
		return r
	}
	header := []doc.Row{
		row("收入", "", "支出", "", "", ""),
		row("项目", "金额", "项目", "金额", "", ""),
		row("", "", "", "小计", "一般公共预算", "政府性基金预算"),
	}
	got := Columns(KindFiscalSummary, header, nil)
	want := []Column{
		{Index: 0, Label: "收入/项目", IsLabel: true},
		{Index: 1, Label: "收入/金额", Measure: "total"},
		{Index: 2, Label: "支出/项目", IsLabel: true},
		{Index: 3, Label: "支出/金额/小计", Measure: "total"},
		{Index: 4, Label: "支出/金额/一般公共预算", Measure: "general_public_budget"},
		{Index: 5, Label: "支出/金额/政府性基金预算", Measure: "government_fund"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Columns (-want +got):\n%s", diff)
	}
}

// TestColumns_fillStopsAtParentBoundary: in the text dialect a merged
// header cell is its text followed by empty cells, and a child row is
// forward-filled under it; the fill must stop where a cell of a row above
// starts (the 决算 三公 table: 小计/购置费/运行费 under 公务用车购置及运行费,
// then 公务接待费, whose 预算数/决算数 columns are not 运行费).
func TestColumns_fillStopsAtParentBoundary(t *testing.T) {
	row := func(cells ...string) doc.Row {
		var r doc.Row
		for i, c := range cells {
			r.Cells = append(r.Cells, doc.Cell{Text: c, Col: i, Span: 1})
		}
		return r
	}
	header := []doc.Row{
		row("合计", "", "因公出国（境）费", "", "公务用车购置及运行费", "", "", "", "公务接待费", ""),
		row("", "", "", "", "小计", "", "公务用车运行费", "", "", ""),
		row("预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数"),
	}
	var labels []string
	for _, c := range Columns(KindThreePublic, header, nil) {
		labels = append(labels, c.Label)
	}
	want := []string{
		"合计/预算数", "合计/决算数", "因公出国（境）费/预算数", "因公出国（境）费/决算数",
		"公务用车购置及运行费/小计/预算数", "公务用车购置及运行费/小计/决算数",
		"公务用车购置及运行费/公务用车运行费/预算数", "公务用车购置及运行费/公务用车运行费/决算数",
		"公务接待费/预算数", "公务接待费/决算数",
	}
	if diff := cmp.Diff(want, labels); diff != "" {
		t.Errorf("Columns labels (-want +got):\n%s", diff)
	}
}

func TestColumns_spans(t *testing.T) {
	cell := func(text string, col, span int) doc.Cell { return doc.Cell{Text: text, Col: col, Span: span} }
	header := []doc.Row{
		{Cells: []doc.Cell{cell("项目", 0, 4), cell("支出预算", 4, 3)}},
		{Cells: []doc.Cell{cell("功能分类科目编码", 0, 3), cell("功能分类科目名称", 3, 1), cell("合计", 4, 1), cell("基本支出", 5, 1), cell("项目支出", 6, 1)}},
		{Cells: []doc.Cell{cell("科目编码", 0, 3), cell("", 3, 1), cell("", 4, 1), cell("", 5, 1), cell("", 6, 1)}},
	}
	rows := []doc.Row{{Cells: []doc.Cell{cell("204", 0, 3), cell("公共安全支出", 3, 1), cell("1.00", 4, 1), cell("1.00", 5, 1), cell("0.00", 6, 1)}}}
	got := Columns(KindExpenditure, header, rows)
	want := []Column{
		{Index: 0, Label: "项目/功能分类科目编码/科目编码", IsLabel: true},
		{Index: 3, Label: "项目/功能分类科目名称", IsLabel: true},
		{Index: 4, Label: "支出预算/合计", Measure: "total"},
		{Index: 5, Label: "支出预算/基本支出", Measure: "basic"},
		{Index: 6, Label: "支出预算/项目支出", Measure: "project"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Columns with spans (-want +got):\n%s", diff)
	}
}

func TestRegister(t *testing.T) {
	before := len(Kinds())
	Register(Kind{ID: "test_only_kind", Family: "test", Title: Rule{All: []string{"测试专用登记表"}}})
	defer func() { registry = registry[:before] }()
	k, ok := Classify("2024年测试专用登记表")
	if !ok || k.ID != "test_only_kind" {
		t.Fatalf("Classify after Register = %q, %v", k.ID, ok)
	}
}

// TestREADME checks that the README documents every registered kind.
func TestREADME(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Kinds() {
		if !strings.Contains(string(b), "`"+k.ID+"`") {
			t.Errorf("README.md does not document kind %s", k.ID)
		}
	}
}

func TestTables_corpusKinds(t *testing.T) {
	ts := corpusTables(t)
	var kinds []string
	for _, tb := range ts {
		if tb.Kind != KindPerfForm && tb.Kind != KindTOC {
			kinds = append(kinds, tb.Kind)
		}
	}
	want := []string{KindSummary, KindIncome, KindExpenditure, KindFiscalSummary, KindGeneralBudgetExpenditure, KindBasicEcon,
		KindGovFundIncome, KindGovFundExpenditure, KindStateCapital, KindThreePublic, KindOperatingCosts, KindProjectsCurrent,
		KindProjectsCarryover, KindPurchaseCatalogue}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
}

func FuzzTables(f *testing.F) {
	f.Add("## 2024年预算支出总表\n单位：万元\n项目\t合计\n合计\t1.00\n\n项目\t合计\n201\t一\t2\n注：本表无数据")
	f.Add("预算公开表1\n\n表一\n1\t2\t3\n")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := text.Read(context.Background(), "f.txt", []byte(s))
		if err != nil {
			return
		}
		seen := map[int]bool{}
		for _, tb := range Tables(d) {
			for _, i := range tb.Blocks {
				if seen[i] {
					t.Fatalf("block %d in two tables", i)
				}
				seen[i] = true
			}
			if tb.Kind == "" {
				t.Fatal("table without kind")
			}
		}
	})
}

// TestTables_wrappedDepartment: a department name wrapped in its caption box
// ("部门：…委员会办" [单位：万元] "公厅") still leads to the table, and the
// name is joined; a short line not followed by the table is no fragment.
func TestTables_wrappedDepartment(t *testing.T) {
	tests := []struct {
		name      string
		meta      []string
		wantTitle string
		wantDept  string
		wantBlock int // blocks of the table: title, meta lines, rows
	}{
		{"unit between", []string{"## 部门：中国共产党江苏省委员会办", "## 单位：万元", "## 公厅"}, "收入预算总表", "中国共产党江苏省委员会办公厅", 5},
		{"fragment right after the department", []string{"部门：中国共产党江苏省委员会办 单位：万元", "公厅"}, "收入预算总表", "中国共产党江苏省委员会办公厅", 4},
		{"no wrap", []string{"部门：中国共产党江苏省委员会办公厅", "单位：万元"}, "收入预算总表", "中国共产党江苏省委员会办公厅", 4},
		{"fragment not before the table", []string{"部门：某委员会办", "公厅", "单位：万元"}, "", "", 1},
		{"fragment then prose", []string{"部门：某委员会办", "公厅", "正文一段。"}, "", "", 1},
		{"not Han only", []string{"部门：某委员会办", "## 单位：万元", "## 2024"}, "", "", 1},
		{"too long", []string{"部门：某委员会办", "## 单位：万元", "## 一二三四五六七八九"}, "", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := append([]string{"## 收入预算总表"}, tt.meta...)
			lines = append(lines, "项目名称\t金额", "收入总计\t20,849.45")
			ts := Tables(read(t, strings.Join(lines, "\n")))
			if len(ts) == 0 {
				t.Fatal("no table")
			}
			got := ts[len(ts)-1]
			if got.Title != tt.wantTitle || got.Department != tt.wantDept || len(got.Blocks) != tt.wantBlock {
				t.Errorf("title %q department %q blocks %v, want %q %q %d blocks:\n%s", got.Title, got.Department, got.Blocks, tt.wantTitle, tt.wantDept, tt.wantBlock, dumpTables(ts))
			}
		})
	}
}
