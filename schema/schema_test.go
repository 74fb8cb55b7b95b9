package schema

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/budgetwh/budgetwh/model"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

var fixedNow = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }

func openTemp(t *testing.T) (*Warehouse, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := Open(context.Background(), path, Options{Now: fixedNow, ParserVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w, path
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }
func decp(s string) *decimal.Decimal {
	d := dec(s)
	return &d
}

// sample builds a disclosure touching every part of the model.
func sample(docID string) *model.Disclosure {
	return &model.Disclosure{
		Identity: model.Identity{
			DocID: docID, SourcePaths: []string{"a/doc.txt"}, SourceFormat: "text",
			Department: "侯马经济开发区经济技术发展部", DepartmentNames: []string{"经济技术发展部"},
			DepartmentCode: "604", DepartmentID: "dept-604", Region: "侯马经济开发区",
			FiscalYear: 2024, Kind: model.KindBudget, Level: model.LevelDepartment, TableUnit: "万元", Bytes: 1234,
		},
		Tables: []model.TableMeta{
			{Kind: "summary", Title: "预算收支总表", Number: "表一", Unit: "万元", Rows: 30, SourceRef: "line 10"},
			{Kind: "government_fund_income", Title: "政府性基金预算收入表", Unit: "万元", Empty: true, Note: "注：本表无数据", SourceRef: "line 90"},
			{Kind: "unknown", Title: "某表", SourceRef: "line 95"},
		},
		Totals: []model.Total{
			{Key: "income_total", Label: "本年收入合计", SourceTable: "summary", Measure: "total", Amount: dec("11463000"), SourceRef: "line 40"},
			{Key: "basic", Label: "基本支出", SourceTable: "expenditure", Measure: "total", Amount: dec("4385000.00"), SourceRef: "line 60"},
		},
		FuncAmounts: []model.FuncAmount{
			{SourceTable: "expenditure", Code: "201", Name: "一般公共服务支出", Level: "class", Measure: "total", Amount: dec("10461200.01"), SourceRef: "line 61"},
			{SourceTable: "expenditure", Code: "2010101", Name: "行政运行", Level: "item", Measure: "basic", Amount: dec("-12.3"), SourceRef: "line 62"},
		},
		EconAmounts: []model.EconAmount{
			{SourceTable: "basic_econ", Scheme: "department", Code: "30101", Name: "基本工资", ParentCode: "301", Measure: "personnel", Amount: dec("1000000"), SourceRef: "line 70"},
			{SourceTable: "basic_econ", Scheme: "government", Name: "奇怪科目", Measure: "total", Amount: dec("1"), SourceRef: "line 71"},
		},
		ThreePublic: []model.ThreePublic{
			{SourceTable: "three_public", Item: "reception", Label: "公务接待费", Measure: "total", Amount: dec("29800"), SourceRef: "line 80"},
		},
		Projects: []model.Project{
			{SourceTable: "projects_current", BudgetUnit: "本级", Name: "数字双创建运营费", Amount: dec("500000"),
				Funds: []model.Measured{{Measure: "general_public_budget", Amount: dec("500000")}}, SourceRef: "line 100", Form: 0, MatchScore: 0.93},
			{SourceTable: "projects_current", BudgetUnit: "本级", Name: "科技研发平台认定奖励", Amount: dec("450000"), SourceRef: "line 101", Form: -1},
		},
		Forms: []model.PerfForm{
			{Scope: model.FormProject, Title: "项目支出绩效目标表", Project: "数字双创建设运营费", Department: "经济技术发展部", DepartmentCode: "604",
				PeriodTotal: decp("500000"), AnnualTotal: decp("500000"),
				Sources:    []model.FormSource{{Scope: "annual", Label: "财政拨款", Amount: decp("500000")}, {Scope: "period", Label: "其他"}},
				Fields:     []model.Field{{Label: "项目属性", Value: "经常性项目", SourceRef: "line 201"}},
				Indicators: []model.Indicator{{Scope: model.ScopeAnnual, Level1: "产出指标", Level2: "数量指标", Level3: "服务企业数", ValueText: "≥95%", Comparator: ">=", ValueNum: decp("95"), ValueUnit: "%", SourceRef: "line 220"}},
				SourceRef:  "line 200", ProjectIndex: 0, MatchScore: 0.93},
			{Scope: model.FormDepartment, Title: "整体支出绩效目标申报表", ProjectIndex: -1, SourceRef: "line 300",
				Indicators: []model.Indicator{{Scope: model.ScopeDepartment, Level1: "效益指标", ValueText: "提升", SourceRef: "line 310"}}},
		},
		Narrative:   []model.NarrativeFact{{Fact: "total_change", Value: dec("-723400"), Unit: "元", Text: "比上年减少72.34万元", SourceRef: "line 400"}},
		Paragraphs:  []model.Paragraph{{Section: "一、部门职责", Text: "负责……", SourceRef: "line 5"}},
		Cells:       []model.Cell{{TableIndex: 2, Row: 0, Col: 1, Text: "x", SourceRef: "line 96"}},
		Unaccounted: []model.Unaccounted{{Text: "???", Reason: "no rule", SourceRef: "line 500"}},
		Findings:    []model.Finding{{Rule: "form.missing", Severity: model.SeverityWarning, Message: "project has no form", SourceRef: "line 101"}},
		Lines:       600, Consumed: 599,
	}
}

func query(t *testing.T, db *sql.DB, q string, args ...any) [][]string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			if v.Valid {
				row[i] = v.String
			} else {
				row[i] = "NULL"
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var coreTables = []string{"corpus_findings", "documents", "doc_tables", "totals", "func_amounts", "econ_amounts", "three_public", "projects",
	"project_funds", "perf_forms", "form_sources", "form_fields", "indicators", "narrative_facts", "paragraphs",
	"unaccounted_lines", "generic_cells", "findings", "raw_text"}

// counts returns the row count of every core table.
func counts(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tb := range coreTables {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM core." + tb).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tb] = n
	}
	return out
}

func TestOpen_migrations(t *testing.T) {
	ctx := context.Background()
	w, path := openTemp(t)
	ms, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Applied) != len(ms) {
		t.Fatalf("first open applied %v, want all %d migrations", w.Applied, len(ms))
	}
	w.Close()
	w2, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	if len(w2.Applied) != 0 {
		t.Errorf("second open applied %v, want none", w2.Applied)
	}
	var n int
	if err := w2.DB().QueryRow("SELECT count(*) FROM schema_migrations").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(ms) {
		t.Errorf("schema_migrations has %d rows, want %d", n, len(ms))
	}
}

func TestLoadMigrations(t *testing.T) {
	tests := []struct {
		name    string
		files   fstest.MapFS
		want    []string
		wantErr error
	}{
		{"sorted", fstest.MapFS{"m/0200_b.sql": {Data: []byte("x")}, "m/0001_a.sql": {Data: []byte("y")}}, []string{"0001_a.sql", "0200_b.sql"}, nil},
		{"duplicate number", fstest.MapFS{"m/0100_a.sql": {}, "m/0100_b.sql": {}}, nil, ErrMigration},
		{"bad name", fstest.MapFS{"m/1_a.sql": {}}, nil, ErrMigration},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := loadMigrations(tt.files, "m")
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.Name)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Error(diff)
			}
		})
	}
}

func TestWarehouse_Write_roundTrip(t *testing.T) {
	ctx := context.Background()
	w, _ := openTemp(t)
	d := sample("doc1")
	res, err := w.Write(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != WriteLoaded || res.Facts != d.Facts() {
		t.Errorf("result = %+v, want loaded with %d facts", res, d.Facts())
	}
	db := w.DB()
	tests := []struct {
		query string
		want  [][]string
	}{
		{"SELECT doc_id, source_path, source_format, department_id, department, department_code, region, fiscal_year, kind, level, table_unit, status, ingested_at, parser_version, lines, consumed, unaccounted, facts, tables, bytes FROM documents",
			[][]string{{"doc1", "a/doc.txt", "text", "dept-604", "侯马经济开发区经济技术发展部", "604", "侯马经济开发区", "2024", "budget", "department", "万元", "loaded", "2026-01-02T03:04:05Z", "test", "600", "599", "1", "12", "3", "1234"}}},
		{"SELECT key, label, source_table, measure, amount_yuan::VARCHAR, source_ref, fiscal_year, department_id FROM totals ORDER BY key",
			[][]string{{"basic", "基本支出", "expenditure", "total", "4385000.00", "line 60", "2024", "dept-604"}, {"income_total", "本年收入合计", "summary", "total", "11463000.00", "line 40", "2024", "dept-604"}}},
		{"SELECT code, name, level, measure, amount_yuan::VARCHAR FROM func_amounts ORDER BY code",
			[][]string{{"201", "一般公共服务支出", "class", "total", "10461200.01"}, {"2010101", "行政运行", "item", "basic", "-12.30"}}},
		{"SELECT scheme, code, name, parent_code, measure, amount_yuan::VARCHAR FROM econ_amounts ORDER BY scheme",
			[][]string{{"department", "30101", "基本工资", "301", "personnel", "1000000.00"}, {"government", "NULL", "奇怪科目", "NULL", "total", "1.00"}}},
		{"SELECT item, label, measure, amount_yuan::VARCHAR FROM three_public", [][]string{{"reception", "公务接待费", "total", "29800.00"}}},
		{"SELECT project, amount_yuan::VARCHAR, has_performance_form, period_total_yuan::VARCHAR, annual_total_yuan::VARCHAR, form_project, match_score FROM projects ORDER BY project_seq",
			[][]string{{"数字双创建运营费", "500000.00", "true", "500000.00", "500000.00", "数字双创建设运营费", "0.93"}, {"科技研发平台认定奖励", "450000.00", "false", "NULL", "NULL", "NULL", "NULL"}}},
		{"SELECT project, measure, amount_yuan::VARCHAR FROM project_funds", [][]string{{"数字双创建运营费", "general_public_budget", "500000.00"}}},
		{"SELECT project, scope, level1, level2, level3, value_text, comparator, value_num::VARCHAR, value_unit, source_ref FROM indicators ORDER BY source_ref",
			[][]string{{"数字双创建设运营费", "annual", "产出指标", "数量指标", "服务企业数", "≥95%", ">=", "95.000000", "%", "line 220"}, {"NULL", "department", "效益指标", "NULL", "NULL", "提升", "NULL", "NULL", "NULL", "line 310"}}},
		{"SELECT fact, value::VARCHAR, unit, source_ref FROM narrative_facts", [][]string{{"total_change", "-723400.0000", "元", "line 400"}}},
		{"SELECT rule, severity, message, status FROM findings", [][]string{{"form.missing", "warning", "project has no form", "loaded"}}},
		{"SELECT table_seq, kind, empty, note FROM doc_tables ORDER BY table_seq", [][]string{{"0", "summary", "false", "NULL"}, {"1", "government_fund_income", "true", "注：本表无数据"}, {"2", "unknown", "false", "NULL"}}},
		{"SELECT table_kind, row_no, col_no, text FROM generic_cells", [][]string{{"unknown", "0", "1", "x"}}},
		{"SELECT label, amount_yuan::VARCHAR FROM form_sources ORDER BY label", [][]string{{"其他", "NULL"}, {"财政拨款", "500000.00"}}},
		{"SELECT label, value FROM form_fields", [][]string{{"项目属性", "经常性项目"}}},
		{"SELECT matched_project, form_department_code FROM perf_forms ORDER BY form_seq", [][]string{{"数字双创建运营费", "604"}, {"NULL", "NULL"}}},
		{"SELECT text, reason FROM unaccounted_lines", [][]string{{"???", "no rule"}}},
		{"SELECT section, text FROM paragraphs", [][]string{{"一、部门职责", "负责……"}}},
		{"SELECT count(*) FROM raw_text", [][]string{{"0"}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, query(t, db, tt.query)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.query, diff)
		}
	}
}

func TestWarehouse_Write_idempotent(t *testing.T) {
	ctx := context.Background()
	w, _ := openTemp(t)
	if _, err := w.Write(ctx, sample("doc1")); err != nil {
		t.Fatal(err)
	}
	before := counts(t, w.DB())
	res, err := w.Write(ctx, sample("doc1"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != WriteUnchanged || res.Existing != model.StatusLoaded {
		t.Errorf("second write = %+v, want unchanged (existing loaded)", res)
	}
	if diff := cmp.Diff(before, counts(t, w.DB())); diff != "" {
		t.Errorf("re-write changed row counts (-before +after):\n%s", diff)
	}
}

func TestWarehouse_Write_supersede(t *testing.T) {
	ctx := context.Background()
	w, _ := openTemp(t)
	if _, err := w.Write(ctx, sample("v1")); err != nil {
		t.Fatal(err)
	}
	other := sample("other-level")
	other.Identity.Level = model.LevelUnit
	if _, err := w.Write(ctx, other); err != nil {
		t.Fatal(err)
	}
	v2 := sample("v2")
	v2.Totals[0].Amount = dec("1")
	res, err := w.Write(ctx, v2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"v1"}, res.Superseded); diff != "" {
		t.Errorf("superseded (-want +got):\n%s", diff)
	}
	db := w.DB()
	if diff := cmp.Diff([][]string{{"other-level", "loaded", "NULL"}, {"v1", "superseded", "v2"}, {"v2", "loaded", "NULL"}},
		query(t, db, "SELECT doc_id, status, superseded_by FROM documents ORDER BY doc_id")); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]string{{"other-level", "11463000.00"}, {"v2", "1.00"}},
		query(t, db, "SELECT doc_id, amount_yuan::VARCHAR FROM totals WHERE key = 'income_total' ORDER BY doc_id")); diff != "" {
		t.Errorf("totals (-want +got):\n%s", diff)
	}
	// The superseded version's rows stay in the core tables: nothing is lost.
	if got := query(t, db, "SELECT count(*) FROM core.totals WHERE doc_id = 'v1'"); got[0][0] != "2" {
		t.Errorf("core.totals rows of v1 = %s, want 2", got[0][0])
	}
}

func TestWarehouse_Write_quarantine(t *testing.T) {
	ctx := context.Background()
	w, _ := openTemp(t)
	if _, err := w.Write(ctx, sample("good")); err != nil {
		t.Fatal(err)
	}
	q := sample("bad")
	q.Quarantine = []string{"no expenditure summary table"}
	q.Raw = "原文\n第二行"
	res, err := w.Write(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != WriteQuarantined || res.Facts != 0 || len(res.Superseded) != 0 {
		t.Errorf("result = %+v, want quarantined, no facts, nothing superseded", res)
	}
	db := w.DB()
	if diff := cmp.Diff([][]string{{"bad", "quarantined", "[no expenditure summary table]"}, {"good", "loaded", "[]"}},
		query(t, db, "SELECT doc_id, status, quarantine::VARCHAR FROM documents ORDER BY doc_id")); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]string{{"form.missing", "warning"}, {"quarantine", "error"}},
		query(t, db, "SELECT rule, severity FROM findings WHERE doc_id = 'bad' ORDER BY rule")); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]string{{"原文\n第二行"}}, query(t, db, "SELECT text FROM raw_text WHERE doc_id = 'bad'")); diff != "" {
		t.Errorf("raw_text (-want +got):\n%s", diff)
	}
	for _, v := range []string{"totals", "func_amounts", "econ_amounts", "three_public", "projects", "indicators", "narrative_facts", "doc_tables", "paragraphs"} {
		if got := query(t, db, "SELECT count(*) FROM "+v+" WHERE doc_id = 'bad'"); got[0][0] != "0" {
			t.Errorf("%s has %s rows of the quarantined document", v, got[0][0])
		}
	}
}

func TestWarehouse_Write_atomic(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		mutate func(*model.Disclosure)
		hook   func(*model.Disclosure) error
	}{
		{"hook fails after facts", nil, func(*model.Disclosure) error { return errors.New("injected") }},
		{"check constraint", func(d *model.Disclosure) {
			d.Findings = append(d.Findings, model.Finding{Rule: "x", Severity: "fatal"})
		}, nil},
		{"amount out of range", func(d *model.Disclosure) {
			d.Narrative = append(d.Narrative, model.NarrativeFact{Fact: "x", Value: dec("1e30")})
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, _ := openTemp(t)
			if _, err := w.Write(ctx, sample("old")); err != nil {
				t.Fatal(err)
			}
			before := counts(t, w.DB())
			d := sample("new")
			if tt.mutate != nil {
				tt.mutate(d)
			}
			testHookAfterFacts = tt.hook
			defer func() { testHookAfterFacts = nil }()
			if _, err := w.Write(ctx, d); err == nil {
				t.Fatal("write succeeded, want error")
			}
			if diff := cmp.Diff(before, counts(t, w.DB())); diff != "" {
				t.Errorf("failed write left rows (-before +after):\n%s", diff)
			}
			if got := query(t, w.DB(), "SELECT status FROM documents WHERE doc_id = 'old'"); got[0][0] != "loaded" {
				t.Errorf("old document status = %s after a failed supersede, want loaded", got[0][0])
			}
			// The connection is still usable: the same document now loads.
			testHookAfterFacts = nil
			if res, err := w.Write(ctx, sample("new")); err != nil || res.Status != WriteLoaded {
				t.Errorf("write after failure = %+v, %v", res, err)
			}
		})
	}
}

func TestOpen_readOnly(t *testing.T) {
	ctx := context.Background()
	w, path := openTemp(t)
	if _, err := w.Write(ctx, sample("doc1")); err != nil {
		t.Fatal(err)
	}
	w.Close()
	ro, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Write(ctx, sample("doc2")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Write on read-only = %v, want ErrReadOnly", err)
	}
	if _, err := ro.DB().Exec("DELETE FROM core.totals"); err == nil || !strings.Contains(strings.ToLower(err.Error()), "read-only") {
		t.Errorf("DELETE on read-only = %v, want a read-only error", err)
	}
	if got := query(t, ro.DB(), "SELECT count(*) FROM totals"); got[0][0] != "2" {
		t.Errorf("totals rows = %s, want 2", got[0][0])
	}
}

func TestOpen_readOnlyPending(t *testing.T) {
	ctx := context.Background()
	w, path := openTemp(t)
	if _, err := w.DB().Exec("DELETE FROM schema_migrations WHERE version = 2"); err != nil {
		t.Fatal(err)
	}
	w.Close()
	ro, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"0002_contract_views.sql"}, ro.Pending); diff != "" {
		t.Errorf("pending (-want +got):\n%s", diff)
	}
	if err := ro.CheckCurrent(); !errors.Is(err, ErrSchemaOutdated) {
		t.Errorf("CheckCurrent = %v, want ErrSchemaOutdated", err)
	}
	ro.Close()
	ro, err = Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.CheckCurrent(); !errors.Is(err, ErrSchemaOutdated) {
		t.Errorf("still pending: CheckCurrent = %v", err)
	}
}

func TestOpen_readOnlyMissing(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "none.duckdb"), Options{ReadOnly: true})
	if !errors.Is(err, ErrNoWarehouse) {
		t.Errorf("err = %v, want ErrNoWarehouse", err)
	}
}

func TestOpen_readOnlyNotWarehouse(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "plain.duckdb")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE x (a INT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(ctx, path, Options{ReadOnly: true}); !errors.Is(err, ErrNotWarehouse) {
		t.Errorf("err = %v, want ErrNotWarehouse", err)
	}
}

func TestVersionKey(t *testing.T) {
	tests := []struct {
		id   model.Identity
		want string
	}{
		{model.Identity{DepartmentID: "d1", Department: "x", FiscalYear: 2024, Kind: "budget", Level: "unit"}, "id:d1|2024|budget|unit"},
		{model.Identity{Department: "x", FiscalYear: 2024, Kind: "budget", Level: "department"}, "name:x|2024|budget|department"},
		{model.Identity{Department: "x", Kind: "budget"}, ""},
		{model.Identity{FiscalYear: 2024, Kind: "budget"}, ""},
		{model.Identity{Department: "x", FiscalYear: 2024}, ""},
	}
	for _, tt := range tests {
		if got := VersionKey(tt.id); got != tt.want {
			t.Errorf("VersionKey(%+v) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestDecValue(t *testing.T) {
	tests := []struct {
		in      string
		width   int32
		scale   int32
		want    string
		wantErr bool
	}{
		{"1146.30", 20, 2, "114630", false},
		{"0.005", 20, 2, "1", false},
		{"-0.005", 20, 2, "-1", false},
		{"-12.3", 20, 2, "-1230", false},
		{"999999999999999999.99", 20, 2, "99999999999999999999", false},
		{"1000000000000000000", 20, 2, "", true},
		{"1e309", 20, 2, "", true},
		{"95", 24, 6, "95000000", false},
	}
	for _, tt := range tests {
		v, err := decValue(dec(tt.in), tt.width, tt.scale)
		if (err != nil) != tt.wantErr {
			t.Errorf("decValue(%s) err = %v", tt.in, err)
			continue
		}
		if err == nil && v.(interface{ String() string }).String() != tt.want {
			t.Errorf("decValue(%s) = %v, want %s", tt.in, v, tt.want)
		}
	}
}

func TestWarehouse_Write_invalidUTF8(t *testing.T) {
	w, _ := openTemp(t)
	d := sample("bad-utf8")
	d.Paragraphs[0].Text = "ok\xffbad\x00nul"
	d.Identity.Department = "部\xfe门"
	d.Identity.SourcePaths = []string{"a\xff.txt"}
	d.Totals[0].Key = "income\xff"
	if _, err := w.Write(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"部\ufffd门", "a\ufffd.txt", "ok\ufffdbad\x00nul", "income\ufffd"}}
	got := query(t, w.DB(), "SELECT d.department, d.source_path, p.text, (SELECT max(key) FROM totals) FROM documents d, paragraphs p")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestWarehouse_ReplaceCorpusFindings(t *testing.T) {
	ctx := context.Background()
	w, _ := openTemp(t)
	if _, err := w.Write(ctx, sample("doc1")); err != nil {
		t.Fatal(err)
	}
	f := func(rule string) DocFinding {
		return DocFinding{DocID: "doc1", Finding: model.Finding{Rule: rule, Severity: model.SeverityWarning, Message: "m", SourceRef: "line 1"}}
	}
	for _, fs := range [][]DocFinding{{f("corpus.a"), f("corpus.b")}, {f("corpus.c")}} {
		if err := w.ReplaceCorpusFindings(ctx, fs); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff([][]string{{"corpus.c"}, {"form.missing"}}, query(t, w.DB(), "SELECT rule FROM findings ORDER BY rule")); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	// A bad finding leaves the previous set in place.
	bad := f("corpus.d")
	bad.Severity = "fatal"
	if err := w.ReplaceCorpusFindings(ctx, []DocFinding{f("corpus.e"), bad}); err == nil {
		t.Error("bad severity accepted")
	}
	if diff := cmp.Diff([][]string{{"corpus.c"}}, query(t, w.DB(), "SELECT rule FROM findings WHERE rule LIKE 'corpus.%'")); diff != "" {
		t.Errorf("after a failed replace (-want +got):\n%s", diff)
	}
}
