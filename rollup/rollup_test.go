package rollup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/budgetwh/budgetwh/internal/whtest"
	"github.com/budgetwh/budgetwh/schema"
)

// clock returns increasing times so that a rewrite shows in computed_at.
func clock() func() time.Time {
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(time.Minute); return t }
}

func open(t *testing.T, path string) *sql.DB {
	t.Helper()
	w, err := schema.Open(context.Background(), path, schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w.DB()
}

// snapshot returns every row of every rollup table and of rollup_state.
func snapshot(t *testing.T, db *sql.DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, tbl := range append([]string{"rollup_state"}, Tables...) {
		rows, err := db.Query("SELECT * FROM " + tbl + " ORDER BY ALL")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			cells := make([]string, len(vals))
			for i, v := range vals {
				cells[i] = fmt.Sprint(v)
			}
			out[tbl] = append(out[tbl], strings.Join(cells, "|"))
		}
		rows.Close()
	}
	return out
}

// yearRows keeps the rows of one fiscal year (first column).
func yearRows(s map[string][]string, year int) map[string][]string {
	out := map[string][]string{}
	p := fmt.Sprintf("%d|", year)
	for k, rows := range s {
		for _, r := range rows {
			if strings.HasPrefix(r, p) {
				out[k] = append(out[k], r)
			}
		}
	}
	return out
}

func statuses(rep Report) map[int]string {
	out := map[int]string{}
	for _, y := range rep.Years {
		out[y.Year] = y.Status
	}
	return out
}

func run(t *testing.T, db *sql.DB, opts Options) Report {
	t.Helper()
	rep, err := Run(context.Background(), db, opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return rep
}

func TestRun_idempotentAndIncremental(t *testing.T) {
	base := whtest.Corpus(t)
	path := filepath.Join(t.TempDir(), "w.duckdb")
	whtest.Build(t, path, base, whtest.Variant(t, base, "y2023", 2023, ""))
	now := clock()

	db := open(t, path)
	rep := run(t, db, Options{AllYears: true, Now: now})
	if diff := cmp.Diff(map[int]string{2023: StatusUpdated, 2024: StatusUpdated}, statuses(rep)); diff != "" {
		t.Fatalf("first run (-want +got):\n%s", diff)
	}
	first := snapshot(t, db)

	// A rerun with the same inputs writes nothing.
	rep = run(t, db, Options{AllYears: true, Now: now})
	if diff := cmp.Diff(map[int]string{2023: StatusUnchanged, 2024: StatusUnchanged}, statuses(rep)); diff != "" {
		t.Errorf("rerun (-want +got):\n%s", diff)
	}
	if rep.Changed() {
		t.Error("rerun reports a change")
	}
	if got := rep.Years[1].String(); got != "year 2024: unchanged (1 documents)" {
		t.Errorf("message = %q", got)
	}
	if diff := cmp.Diff(first, snapshot(t, db)); diff != "" {
		t.Errorf("rerun changed the tables (-before +after):\n%s", diff)
	}
	db.Close()

	// A document of another year (2022) and one more of 2024 arrive.
	whtest.Build(t, path, whtest.Variant(t, base, "y2022", 2022, ""), whtest.Variant(t, base, "other", 2024, "侯马经济开发区测试部"))
	db = open(t, path)
	rep = run(t, db, Options{AllYears: true, Now: now})
	if diff := cmp.Diff(map[int]string{2022: StatusUpdated, 2023: StatusUnchanged, 2024: StatusUpdated}, statuses(rep)); diff != "" {
		t.Errorf("run after new documents (-want +got):\n%s", diff)
	}
	after := snapshot(t, db)
	if diff := cmp.Diff(yearRows(first, 2023), yearRows(after, 2023)); diff != "" {
		t.Errorf("2023 rows changed though no 2023 document arrived (-before +after):\n%s", diff)
	}
	if cmp.Equal(yearRows(first, 2024), yearRows(after, 2024)) {
		t.Error("2024 rows unchanged though a 2024 document arrived")
	}
	var gen2024, gen2023 int64
	db.QueryRow("SELECT generation FROM rollup_state WHERE fiscal_year = 2024").Scan(&gen2024)
	db.QueryRow("SELECT generation FROM rollup_state WHERE fiscal_year = 2023").Scan(&gen2023)
	if gen2024 != 2 || gen2023 != 1 {
		t.Errorf("generations 2024=%d 2023=%d, want 2 and 1", gen2024, gen2023)
	}

	// Only the year asked for is looked at.
	rep = run(t, db, Options{Years: []int{2023}, Now: now})
	if diff := cmp.Diff(map[int]string{2023: StatusUnchanged}, statuses(rep)); diff != "" {
		t.Errorf("--year 2023 (-want +got):\n%s", diff)
	}
	rep = run(t, db, Options{Years: []int{1999}, Now: now})
	if diff := cmp.Diff(map[int]string{1999: StatusEmpty}, statuses(rep)); diff != "" {
		t.Errorf("--year 1999 (-want +got):\n%s", diff)
	}

	// Every 2022 document leaves the loaded set (simulated on the internal
	// table): the year's rows and state go, the other years stay.
	if _, err := db.Exec("UPDATE core.documents SET status = 'quarantined' WHERE fiscal_year = 2022"); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, db)
	rep = run(t, db, Options{AllYears: true, Now: now})
	if diff := cmp.Diff(map[int]string{2022: StatusRemoved, 2023: StatusUnchanged, 2024: StatusUnchanged}, statuses(rep)); diff != "" {
		t.Errorf("run after 2022 left (-want +got):\n%s", diff)
	}
	final := snapshot(t, db)
	if rows := yearRows(final, 2022); len(rows) != 0 {
		t.Errorf("2022 rows left: %v", rows)
	}
	for _, y := range []int{2023, 2024} {
		if diff := cmp.Diff(yearRows(before, y), yearRows(final, y)); diff != "" {
			t.Errorf("%d rows changed (-before +after):\n%s", y, diff)
		}
	}
	rep = run(t, db, Options{AllYears: true, Now: now})
	if diff := cmp.Diff(map[int]string{2022: StatusEmpty, 2023: StatusUnchanged, 2024: StatusUnchanged}, statuses(rep)); diff != "" {
		t.Errorf("rerun after removal (-want +got):\n%s", diff)
	}
}

// TestRun_figures checks the rollup of the corpus publication against the
// figures it publishes (万元 × 10,000): 收支总计 1146.30, 基本支出 438.50,
// 项目支出 707.80, 人员经费 388.89, 公用经费 49.61, 三公 2.98 (公务接待费),
// 14 projects of which 13 have a performance form.
func TestRun_figures(t *testing.T) {
	base := whtest.Corpus(t)
	path := filepath.Join(t.TempDir(), "w.duckdb")
	whtest.Build(t, path, base, whtest.Variant(t, base, "hostile", 0, whtest.HostileDepartment))
	db := open(t, path)
	run(t, db, Options{Years: []int{2024}})
	tests := []struct {
		query string
		want  string
	}{
		{`SELECT income_total_yuan, expenditure_total_yuan, basic_yuan, project_yuan, personnel_yuan, public_yuan,
		         three_public_total_yuan, projects, projects_with_form, project_amount_yuan, documents
		  FROM rollup_department_year WHERE department LIKE '%经济科技发展部'`,
			"11463000|11463000|4385000|7078000|3888900|496100|29800|14|13|7078000|1"},
		{`SELECT count(*), sum(documents), sum(income_total_yuan) FROM rollup_department_year WHERE fiscal_year = 2024`,
			"2|2|22926000"},
		{`SELECT region, kind, level, departments, documents, income_total_yuan, three_public_total_yuan, projects FROM rollup_region_year`,
			"侯马经济开发区|budget|department|2|2|22926000|59600|28"},
		{`SELECT departments, documents, amount_yuan FROM rollup_three_public_year WHERE item = 'total' AND measure = 'total'`,
			"2|2|59600"},
		{`SELECT sum(indicators) = (SELECT count(*) FROM indicators), sum(numeric) + sum(qualitative) = sum(indicators) FROM rollup_indicator_year`,
			"true|true"},
	}
	for _, tc := range tests {
		rows, err := db.Query(tc.query)
		if err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		var got []string
		for rows.Next() {
			rows.Scan(ptrs...)
			cells := make([]string, len(vals))
			for i, v := range vals {
				cells[i] = fmt.Sprint(v)
				if s, ok := v.(fmt.Stringer); ok {
					cells[i] = s.String()
				}
			}
			got = append(got, strings.Join(cells, "|"))
		}
		rows.Close()
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("%s\n got %v\nwant [%s]", tc.query, got, tc.want)
		}
	}
}

func TestRun_errors(t *testing.T) {
	ctx := context.Background()
	plain, err := sql.Open("duckdb", filepath.Join(t.TempDir(), "plain.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	wh := open(t, filepath.Join(t.TempDir(), "w.duckdb"))
	tests := []struct {
		name string
		db   *sql.DB
		opts Options
		want error
	}{
		{"not a warehouse", plain, Options{Years: []int{2024}}, ErrNoTables},
		{"no year", wh, Options{}, ErrNoYear},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Run(ctx, tc.db, tc.opts); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	rep, err := Run(ctx, wh, Options{AllYears: true})
	if err != nil || len(rep.Years) != 0 {
		t.Errorf("--all-years on an empty warehouse: %v, %v", rep, err)
	}
}

func TestStatements(t *testing.T) {
	tests := []struct {
		name string
		want int
	}{
		{"delete_year", 4},
		{"insert_department_year", 1},
		{"upsert_state", 1},
	}
	for _, tc := range tests {
		if got := statements(tc.name); len(got) != tc.want {
			t.Errorf("statements(%s) = %d statements, want %d", tc.name, len(got), tc.want)
		}
	}
}
