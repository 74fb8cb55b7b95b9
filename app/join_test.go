package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/budgetwh/budgetwh/identity"
	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/recognize"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/synth"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// joinInterpret reads a toy dialect with both halves of a publication:
// "# DEPT YEAR [unit]" headings (the first names the department; "unit"
// makes a 单位 publication), "prose …" paragraphs (a narrative fact each),
// and "key<TAB>amount" table rows (totals of a recognised summary table;
// a table after a paragraph saying panic-if-joined panics).
// Without totals the document is quarantined for having no tables.
func joinInterpret(_ context.Context, d *doc.Document) *model.Disclosure {
	out := &model.Disclosure{Identity: model.Identity{Kind: model.KindBudget, Level: model.LevelDepartment, TableUnit: "万元"}}
	for _, b := range d.Blocks {
		switch b.Kind {
		case doc.Heading:
			f := strings.Fields(b.Text)
			if out.Identity.Department == "" {
				out.Identity.Department = f[0]
				fmt.Sscanf(f[1], "%d", &out.Identity.FiscalYear)
				if len(f) > 2 && f[2] == "unit" {
					out.Identity.Level = model.LevelUnit
				}
			}
		case doc.Paragraph:
			out.Paragraphs = append(out.Paragraphs, model.Paragraph{Text: b.Text, SourceRef: b.Ref.String()})
			out.Narrative = append(out.Narrative, model.NarrativeFact{Fact: "prose", Value: decimal.NewFromInt(int64(len(out.Narrative) + 1)), Text: b.Text, SourceRef: b.Ref.String()})
		case doc.Table:
			for _, p := range out.Paragraphs {
				if strings.Contains(p.Text, "panic-if-joined") {
					panic("interpreter bug")
				}
			}
			out.Tables = append(out.Tables, model.TableMeta{Kind: recognize.KindSummary, Title: "收支总表", Unit: "万元", Rows: len(b.Rows), SourceRef: b.Ref.String()})
			for _, r := range b.Rows {
				c := r.Texts()
				a := decimal.RequireFromString(c[1]).Mul(decimal.NewFromInt(10000))
				out.Totals = append(out.Totals, model.Total{Key: c[0], Measure: "total", Amount: a, SourceRef: r.Ref.String()})
			}
		}
	}
	if len(out.Totals) == 0 {
		out.Quarantine = append(out.Quarantine, "no expenditure summary")
	}
	return out
}

func joinPipeline(t *testing.T) *Pipeline {
	t.Helper()
	a, err := identity.DefaultAliases()
	if err != nil {
		t.Fatal(err)
	}
	return &Pipeline{Interpret: joinInterpret, Assign: identity.AssignFunc(a)}
}

func narrative(dept string, year int, extra ...string) string {
	return fmt.Sprintf("# %s %d %s\n\nprose 一、部门职责\n\nprose 二、收支预算总体情况 %s\n", dept, year, strings.Join(extra, " "), strings.Join(extra, ""))
}

func tables(dept string, year int, extra ...string) string {
	return fmt.Sprintf("# %s %d %s\nincome_total\t100\nexpenditure_total\t100\n", dept, year, strings.Join(extra, " "))
}

// complete is a publication with both narrative and tables in one file.
func complete(dept string, year int) string {
	return narrative(dept, year) + "\n" + tables(dept, year)[len(fmt.Sprintf("# %s %d \n", dept, year)):]
}

func sha(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// docLines renders the report as "status files" lines, paths relative to root.
func docLines(rep IngestReport, root string) []string {
	var out []string
	for _, d := range rep.Docs {
		var ps []string
		for _, p := range d.Paths {
			rel, _ := filepath.Rel(root, p)
			ps = append(ps, filepath.ToSlash(rel))
		}
		out = append(out, d.Status+" "+strings.Join(ps, " + "))
	}
	return out
}

func TestJoinRoleOf(t *testing.T) {
	narr := func() *model.Disclosure {
		return &model.Disclosure{Identity: model.Identity{Department: "江苏省委办公厅", FiscalYear: 2017},
			Paragraphs: make([]model.Paragraph, 100), Narrative: make([]model.NarrativeFact, 80), Quarantine: []string{"no expenditure summary"}}
	}
	tab := func() *model.Disclosure {
		return &model.Disclosure{Identity: model.Identity{Department: "中国共产党江苏省委员会办公厅", FiscalYear: 2017},
			Tables: []model.TableMeta{{Kind: recognize.KindSummary}}, Totals: make([]model.Total, 10), Paragraphs: make([]model.Paragraph, 1)}
	}
	tests := []struct {
		name   string
		change func(d *model.Disclosure)
		base   func() *model.Disclosure
		want   joinRole
	}{
		{"narrative", func(*model.Disclosure) {}, narr, roleNarrative},
		{"narrative with an unknown table", func(d *model.Disclosure) { d.Tables = []model.TableMeta{{Kind: recognize.KindUnknown}} }, narr, roleNarrative},
		{"narrative not quarantined", func(d *model.Disclosure) { d.Quarantine = nil }, narr, roleNone},
		{"narrative without narrative facts (a checklist)", func(d *model.Disclosure) { d.Narrative = nil }, narr, roleNone},
		{"narrative with a recognised table (blank template)", func(d *model.Disclosure) { d.Tables = []model.TableMeta{{Kind: recognize.KindSummary, Empty: true}} }, narr, roleNone},
		{"narrative with a table fact", func(d *model.Disclosure) { d.ThreePublic = make([]model.ThreePublic, 1) }, narr, roleNone},
		{"narrative without year", func(d *model.Disclosure) { d.Identity.FiscalYear = 0 }, narr, roleNone},
		{"narrative of a placeholder department", func(d *model.Disclosure) { d.Identity.Department = "上海市XX局" }, narr, roleNone},
		{"tables", func(*model.Disclosure) {}, tab, roleTables},
		{"tables quarantined (strict)", func(d *model.Disclosure) { d.Quarantine = []string{"strict: 1 error finding(s)"} }, tab, roleTables},
		{"tables with a narrative fact (complete)", func(d *model.Disclosure) { d.Narrative = make([]model.NarrativeFact, 1) }, tab, roleNone},
		{"tables with prose (complete)", func(d *model.Disclosure) { d.Paragraphs = make([]model.Paragraph, tablesOnlyParagraphs+1) }, tab, roleNone},
		{"tables of unknown kind only", func(d *model.Disclosure) { d.Tables[0].Kind = recognize.KindUnknown }, tab, roleNone},
		{"tables without department", func(d *model.Disclosure) { d.Identity.Department = "" }, tab, roleNone},
		{"nothing", func(d *model.Disclosure) { *d = model.Disclosure{} }, tab, roleNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.base()
			tt.change(d)
			if got := joinRoleOf(d); got != tt.want {
				t.Errorf("joinRoleOf = %v, want %v", got, tt.want)
			}
		})
	}
	if got := joinRoleOf(nil); got != roleNone {
		t.Errorf("joinRoleOf(nil) = %v", got)
	}
}

func TestDeptMatch(t *testing.T) {
	a, err := identity.DefaultAliases()
	if err != nil {
		t.Fatal(err)
	}
	ident := func(name string) joinIdent {
		id := model.Identity{Department: name}
		identity.Assign(&id, a)
		return joinIdent{dept: name, deptID: id.DepartmentID}
	}
	tests := []struct {
		a, b string
		want int
	}{
		{"江苏省委办公厅", "中国共产党江苏省委员会办公厅", matchID}, // #3, through the alias file
		{"江苏省委办公厅", "中共江苏省委办公厅", matchID},      // #7
		{"江苏省政协办公厅", "江苏省政协办公厅", matchID},
		{"江苏省政协办公厅", "江苏省委办公厅", matchNone},
		{"江苏省委办公厅", "江苏省政协办公厅", matchNone},
		{"江苏省人民检察院", "江苏省高级人民法院", matchNone},
		{"省法院", "江苏省高级人民法院", matchSubsequence},
		{"普陀区司法局", "上海市普陀区司法局", matchName},
		{"上海市普陀区司法局", "上海市普陀区财政局", matchNone},
	}
	for _, tt := range tests {
		if got := deptMatch(ident(tt.a), ident(tt.b)); got != tt.want {
			t.Errorf("deptMatch(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestIsSubsequence(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"", "x", true},
		{"省委办公厅", "中国共产党江苏省委员会办公厅", true},
		{"办公厅省委", "中国共产党江苏省委员会办公厅", false},
		{"江苏省政协办公厅", "中共江苏省委办公厅", false},
	}
	for _, tt := range tests {
		if got := isSubsequence([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("isSubsequence(%s, %s) = %v", tt.a, tt.b, got)
		}
	}
}

func TestPairUp(t *testing.T) {
	c := func(idx int, role joinRole, dept string, year int, level string) *joinCand {
		return &joinCand{idx: idx, role: role, id: joinIdent{dept: dept, year: year, kind: model.KindBudget, level: level}}
	}
	dep := model.LevelDepartment
	tests := []struct {
		name string
		ns   []*joinCand
		ts   []*joinCand
		want [][2]int // idx of narrative, tables
	}{
		{"one pair", []*joinCand{c(0, roleNarrative, "江苏省政协办公厅", 2017, dep)}, []*joinCand{c(1, roleTables, "江苏省政协办公厅", 2017, dep)}, [][2]int{{0, 1}}},
		{"another year", []*joinCand{c(0, roleNarrative, "江苏省政协办公厅", 2017, dep)}, []*joinCand{c(1, roleTables, "江苏省政协办公厅", 2018, dep)}, nil},
		{"another level", []*joinCand{c(0, roleNarrative, "上海市普陀区司法局", 2026, dep)}, []*joinCand{c(1, roleTables, "上海市普陀区司法局", 2026, model.LevelUnit)}, nil},
		{"another department, lone pair of the folder", []*joinCand{c(0, roleNarrative, "江苏省委办公厅", 2017, dep)}, []*joinCand{c(1, roleTables, "江苏省政协办公厅", 2017, dep)}, nil},
		{"two years of one department", []*joinCand{c(0, roleNarrative, "江苏省委办公厅", 2017, dep), c(2, roleNarrative, "江苏省委办公厅", 2018, dep)},
			[]*joinCand{c(3, roleTables, "江苏省委办公厅", 2018, dep), c(1, roleTables, "江苏省委办公厅", 2017, dep)}, [][2]int{{0, 1}, {2, 3}}},
		{"a better match wins", []*joinCand{c(0, roleNarrative, "省法院", 2017, dep), c(2, roleNarrative, "江苏省高级人民法院", 2017, dep)},
			[]*joinCand{c(1, roleTables, "江苏省高级人民法院", 2017, dep)}, [][2]int{{2, 1}}},
		{"a tie is not joined", []*joinCand{c(0, roleNarrative, "江苏省政协办公厅", 2017, dep)},
			[]*joinCand{c(1, roleTables, "江苏省政协办公厅", 2017, dep), c(2, roleTables, "江苏省政协办公厅", 2017, dep)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][2]int
			for _, p := range pairUp(tt.ns, tt.ts) {
				got = append(got, [2]int{p.n.idx, p.t.idx})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("pairs (-want +got):\n%s", diff)
			}
		})
	}
}

// joinFile is a file of a TestIngest_join case.
type joinFile struct{ name, content string }

type joinCase struct {
	name  string
	files []joinFile
	want  []string
	// joined: the files of the one joined document, in part order
	joined []string
	// notes: RuleJoinCandidate findings expected (not joined, lone pair)
	notes int
}

// TestIngest_join runs the join through Ingest with the toy dialect:
// pairs found by content whatever the file order, negatives left alone,
// every file reported once, the joined doc_id equal to the part-named one.
// Each case runs twice: held disclosures kept in memory, and none kept
// (every held source parsed again).
func TestIngest_join(t *testing.T) {
	tests := []joinCase{
		{"narrative then tables", []joinFile{{"a说明.txt", narrative("甲局", 2024)}, {"b表.txt", tables("甲局", 2024)}},
			[]string{"loaded a说明.txt + b表.txt"}, []string{"a说明.txt", "b表.txt"}, 0},
		{"tables sort first", []joinFile{{"a表.txt", tables("甲局", 2024)}, {"b说明.txt", narrative("甲局", 2024)}},
			[]string{"loaded b说明.txt + a表.txt"}, []string{"b说明.txt", "a表.txt"}, 0},
		{"abbreviated department", []joinFile{{"1.txt", narrative("江苏省委办公厅", 2017)}, {"2.txt", tables("中国共产党江苏省委员会办公厅", 2017)}},
			[]string{"loaded 1.txt + 2.txt"}, []string{"1.txt", "2.txt"}, 0},
		{"complete publications and a pair", []joinFile{
			{"a.txt", complete("乙局", 2024)},
			{"b说明.txt", narrative("甲局", 2024)},
			{"c.txt", complete("丙局", 2024)},
			{"d表.txt", tables("甲局", 2024)}},
			[]string{"loaded a.txt", "loaded c.txt", "loaded b说明.txt + d表.txt"}, []string{"b说明.txt", "d表.txt"}, 0},
		{"department and unit", []joinFile{{"a.txt", narrative("甲局", 2024)}, {"b.txt", tables("甲局", 2024, "unit")}},
			[]string{"quarantined a.txt", "loaded b.txt"}, nil, 0},
		{"another department", []joinFile{{"a.txt", narrative("江苏省委办公厅", 2017)}, {"b.txt", tables("江苏省政协办公厅", 2017)}},
			[]string{"quarantined a.txt", "loaded b.txt"}, nil, 2},
		{"narrative without tables", []joinFile{{"a.txt", narrative("甲局", 2024)}, {"b.txt", complete("乙局", 2024)}},
			[]string{"loaded b.txt", "quarantined a.txt"}, nil, 0},
		{"joined parse fails", []joinFile{{"a.txt", narrative("甲局", 2024, "panic-if-joined")}, {"b.txt", tables("甲局", 2024)}},
			[]string{"quarantined a.txt", "loaded b.txt"}, nil, 2},
		{"placeholder department", []joinFile{{"a.txt", narrative("上海市XX局", 2024)}, {"b.txt", tables("上海市XX局", 2024)}},
			[]string{"quarantined a.txt", "loaded b.txt"}, nil, 0},
		{"another folder", []joinFile{{"x/a.txt", narrative("甲局", 2024)}, {"y/b.txt", tables("甲局", 2024)}, {"x/c.txt", tables("乙局", 2024)}, {"y/d.txt", narrative("乙局", 2024)}},
			[]string{"quarantined x/a.txt", "loaded x/c.txt", "loaded y/b.txt", "quarantined y/d.txt"}, nil, 4},
	}
	keep := maxHeldDocs
	defer func() { maxHeldDocs = keep }()
	for _, tt := range tests {
		for _, held := range []int{keep, 0} {
			if held == 0 && tt.joined == nil && tt.notes == 0 {
				continue // the cases without a pair or a note: once is enough
			}
			t.Run(fmt.Sprintf("%s/keep %d", tt.name, held), func(t *testing.T) {
				maxHeldDocs = held
				testIngestJoin(t, tt)
			})
		}
	}
}

func testIngestJoin(t *testing.T, tt joinCase) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	contents := map[string]string{}
	for _, f := range tt.files {
		write(t, src, f.name, f.content)
		contents[f.name] = f.content
	}
	db := filepath.Join(dir, "w.duckdb")
	started := -1
	rep, err := Ingest(ctx, IngestOptions{DB: db, Pipeline: joinPipeline(t), Workers: 2,
		OnStart: func(n int) { started = n }}, []string{src})
	if err != nil {
		t.Fatal(err)
	}
	// A progress bar of OnStart's total, advanced by each result's
	// Sources, ends full: a joined pair counts for its two files.
	done := 0
	for _, d := range rep.Docs {
		done += max(1, d.Sources)
	}
	if done != started {
		t.Errorf("results stand for %d sources, OnStart said %d", done, started)
	}
	if diff := cmp.Diff(tt.want, docLines(rep, src)); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	// Every file exactly once.
	var files []string
	for _, d := range rep.Docs {
		files = append(files, d.Paths...)
	}
	slices.Sort(files)
	if len(files) != len(tt.files) || len(slices.Compact(slices.Clone(files))) != len(files) {
		t.Errorf("files reported = %v, want each of the %d once", files, len(tt.files))
	}
	r := openDB(t, db)
	if got := rowsOf(t, r, "SELECT count(*) FROM findings WHERE rule = '"+RuleJoinCandidate+"'"); got[0] != fmt.Sprint(tt.notes) {
		t.Errorf("%s %s findings, want %d", got[0], RuleJoinCandidate, tt.notes)
	}
	if tt.joined == nil {
		if got := rowsOf(t, r, "SELECT count(*) FROM documents WHERE len(source_paths) > 1"); got[0] != "0" {
			t.Errorf("%s joined documents stored, want none", got[0])
		}
		return
	}
	var j *DocResult
	for i := range rep.Docs {
		if len(rep.Docs[i].Paths) == 2 {
			j = &rep.Docs[i]
		}
	}
	if j == nil {
		t.Fatal("no joined document")
	}
	if want := sha(contents[tt.joined[0]], contents[tt.joined[1]]); j.DocID != want {
		t.Errorf("joined doc_id = %s, want the sha256 of the narrative then the tables (%s)", j.DocID, want)
	}
	if j.Facts != 4 || j.Findings[model.SeverityInfo] != 1 {
		t.Errorf("joined result = %+v, want 4 facts and 1 info finding", *j)
	}
	if got := rowsOf(t, r, "SELECT count(*) FROM findings WHERE rule = '"+RuleJoined+"' AND doc_id = '"+j.DocID+"'"); got[0] != "1" {
		t.Errorf("%d %s findings stored, want 1", len(got), RuleJoined)
	}

	// The same files named X.part1 / X.part2 give the same document.
	parts := filepath.Join(dir, "parts")
	write(t, parts, "p.part1.txt", contents[tt.joined[0]])
	write(t, parts, "p.part2.txt", contents[tt.joined[1]])
	prep, err := Ingest(ctx, IngestOptions{DB: filepath.Join(dir, "p.duckdb"), Pipeline: joinPipeline(t)}, []string{parts})
	if err != nil {
		t.Fatal(err)
	}
	if p := prep.Docs[0]; p.DocID != j.DocID || p.Facts != j.Facts || p.Status != j.Status {
		t.Errorf("part-named ingest = %s %s %d facts, joined = %s %s %d facts", p.Status, p.DocID, p.Facts, j.Status, j.DocID, j.Facts)
	}
}

// TestIngest_joinRerun covers reruns: an unchanged joined document, a
// narrative added to a folder whose tables were loaded alone, tables
// added next to a narrative quarantined alone.
func TestIngest_joinRerun(t *testing.T) {
	ctx := context.Background()
	t.Run("unchanged", func(t *testing.T) {
		dir := t.TempDir()
		src := filepath.Join(dir, "src")
		write(t, src, "a.txt", narrative("甲局", 2024))
		write(t, src, "b.txt", tables("甲局", 2024))
		db := filepath.Join(dir, "w.duckdb")
		p := joinPipeline(t)
		var loads atomic.Int32
		p.Load = func(ctx context.Context, s ingest.Source) (*ingest.Loaded, error) {
			loads.Add(1)
			return ingest.Load(ctx, s)
		}
		opts := IngestOptions{DB: db, Pipeline: p}
		if _, err := Ingest(ctx, opts, []string{src}); err != nil {
			t.Fatal(err)
		}
		// Same paths: regrouped before parsing, skipped unparsed.
		loads.Store(0)
		rep, err := Ingest(ctx, opts, []string{src})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"unchanged a.txt + b.txt"}, docLines(rep, src)); diff != "" {
			t.Errorf("rerun (-want +got):\n%s", diff)
		}
		if n := loads.Load(); n != 0 {
			t.Errorf("rerun read %d sources, want none", n)
		}
		// Moved: each file parsed, joined, and found unchanged by the
		// joined doc_id before the joined source is read.
		moved := filepath.Join(dir, "moved")
		if err := os.Rename(src, moved); err != nil {
			t.Fatal(err)
		}
		loads.Store(0)
		if rep, err = Ingest(ctx, opts, []string{moved}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"unchanged a.txt + b.txt"}, docLines(rep, moved)); diff != "" {
			t.Errorf("rerun of the moved files (-want +got):\n%s", diff)
		}
		if n := loads.Load(); n != 2 {
			t.Errorf("rerun of the moved files read %d sources, want 2", n)
		}
		if got := rowsOf(t, openDB(t, db), "SELECT count(*), count(DISTINCT doc_id) FROM documents"); got[0] != "1|1" {
			t.Errorf("documents = %s, want 1", got[0])
		}
	})
	t.Run("reparse", func(t *testing.T) {
		dir := t.TempDir()
		src := filepath.Join(dir, "src")
		write(t, src, "a.txt", narrative("甲局", 2024))
		write(t, src, "b.txt", tables("甲局", 2024))
		db := filepath.Join(dir, "w.duckdb")
		opts := IngestOptions{DB: db, Pipeline: joinPipeline(t)}
		first, err := Ingest(ctx, opts, []string{src})
		if err != nil {
			t.Fatal(err)
		}
		opts.Reparse = true
		rep, err := Ingest(ctx, opts, []string{src})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"loaded a.txt + b.txt"}, docLines(rep, src)); diff != "" {
			t.Errorf("reparse (-want +got):\n%s", diff)
		}
		if d := rep.Docs[0]; !d.Replaced || d.DocID != first.Docs[0].DocID {
			t.Errorf("reparse result = %+v, want the joined document replaced", d)
		}
		if got := rowsOf(t, openDB(t, db), "SELECT count(*), count(*) FILTER (WHERE status = 'loaded') FROM documents"); got[0] != "1|1" {
			t.Errorf("documents = %s, want 1 loaded", got[0])
		}
	})
	t.Run("narrative added later", func(t *testing.T) {
		dir := t.TempDir()
		src := filepath.Join(dir, "src")
		write(t, src, "b.txt", tables("甲局", 2024))
		write(t, src, "z.txt", narrative("乙局", 2024)+tables("乙局", 2024)[len("# 乙局 2024 \n"):])
		db := filepath.Join(dir, "w.duckdb")
		opts := IngestOptions{DB: db, Pipeline: joinPipeline(t)}
		first, err := Ingest(ctx, opts, []string{src})
		if err != nil {
			t.Fatal(err)
		}
		// b.txt is held (a tables file in a folder of two) and reported last.
		if diff := cmp.Diff([]string{"loaded z.txt", "loaded b.txt"}, docLines(first, src)); diff != "" {
			t.Fatalf("first run (-want +got):\n%s", diff)
		}
		write(t, src, "a.txt", narrative("甲局", 2024))
		rep, err := Ingest(ctx, opts, []string{src})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"unchanged z.txt", "loaded a.txt + b.txt"}, docLines(rep, src)); diff != "" {
			t.Errorf("second run (-want +got):\n%s", diff)
		}
		if j := rep.Docs[1]; len(j.Supersedes) != 1 || j.Supersedes[0] != first.Docs[1].DocID {
			t.Errorf("joined supersedes %v, want the tables-only %s", j.Supersedes, first.Docs[1].DocID)
		}
		want := []string{"乙局|loaded|1", "甲局|loaded|2", "甲局|superseded|1"}
		if diff := cmp.Diff(want, rowsOf(t, openDB(t, db), "SELECT department, status, len(source_paths) FROM documents ORDER BY ALL")); diff != "" {
			t.Errorf("documents (-want +got):\n%s", diff)
		}
	})
	t.Run("tables added next to a quarantined non-narrative", func(t *testing.T) {
		dir := t.TempDir()
		src := filepath.Join(dir, "src")
		write(t, src, "c.txt", complete("乙局", 2024))
		write(t, src, "q.txt", "# 甲局 2024\n") // identified, no prose, no tables
		db := filepath.Join(dir, "w.duckdb")
		opts := IngestOptions{DB: db, Pipeline: joinPipeline(t)}
		if _, err := Ingest(ctx, opts, []string{src}); err != nil {
			t.Fatal(err)
		}
		write(t, src, "t.txt", tables("甲局", 2024))
		rep, err := Ingest(ctx, opts, []string{src})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"unchanged c.txt", "unchanged q.txt", "loaded t.txt"}, docLines(rep, src)); diff != "" {
			t.Errorf("second run (-want +got):\n%s", diff)
		}
	})
	t.Run("tables added later", func(t *testing.T) {
		dir := t.TempDir()
		src := filepath.Join(dir, "src")
		write(t, src, "a.txt", narrative("甲局", 2024))
		db := filepath.Join(dir, "w.duckdb")
		opts := IngestOptions{DB: db, Pipeline: joinPipeline(t)}
		if _, err := Ingest(ctx, opts, []string{src}); err != nil {
			t.Fatal(err)
		}
		write(t, src, "b.txt", tables("甲局", 2024))
		rep, err := Ingest(ctx, opts, []string{src})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"loaded a.txt + b.txt"}, docLines(rep, src)); diff != "" {
			t.Errorf("second run (-want +got):\n%s", diff)
		}
	})
}

// TestIngest_joinShards: a pair whose files fall in different shards is
// joined by the narrative's shard (the tables file's shard writes nothing
// for it); the merged shards equal one unsharded ingest, and an unsharded
// run over the merged warehouse finds everything unchanged.
func TestIngest_joinShards(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	// Vary the narrative until its file and the tables file are in
	// different shards of 2.
	tab := tables("甲局", 2024)
	var narr string
	for i := range 64 {
		narr = narrative("甲局", 2024, fmt.Sprint(i))
		if ShardIndex(sha(narr), 2) != ShardIndex(sha(tab), 2) {
			break
		}
	}
	if ShardIndex(sha(narr), 2) == ShardIndex(sha(tab), 2) {
		t.Fatal("no narrative variant in the other shard")
	}
	write(t, src, "a.txt", narr)
	write(t, src, "b.txt", tab)
	c := narrative("乙局", 2024) + tables("乙局", 2024)[len("# 乙局 2024 \n"):]
	write(t, src, "c.txt", c)
	p := joinPipeline(t)

	whole := filepath.Join(dir, "whole.duckdb")
	if _, err := Ingest(ctx, IngestOptions{DB: whole, Pipeline: p}, []string{src}); err != nil {
		t.Fatal(err)
	}
	var shards []string
	lines := map[int][]string{}
	others := map[int]int{}
	for k := 1; k <= 2; k++ {
		db := filepath.Join(dir, fmt.Sprintf("s%d.duckdb", k))
		rep, err := Ingest(ctx, IngestOptions{DB: db, Pipeline: p, Shard: Shard{K: k, N: 2}}, []string{src})
		if err != nil {
			t.Fatal(err)
		}
		lines[k] = docLines(rep, src)
		others[k] = rep.OtherShards
		shards = append(shards, db)
	}
	nk, tk := ShardIndex(sha(narr), 2), ShardIndex(sha(tab), 2)
	if !slices.Contains(lines[nk], "loaded a.txt + b.txt") || slices.Contains(lines[tk], "loaded b.txt") {
		t.Errorf("narrative's shard %d: %v; tables file's shard %d: %v; want the joined document in the narrative's shard only", nk, lines[nk], tk, lines[tk])
	}
	// Each shard counts every file once: in a result or in OtherShards.
	wantOthers := map[int]int{nk: 1, tk: 2} // b; a and b (joined elsewhere)
	wantOthers[3-ShardIndex(sha(c), 2)]++
	if diff := cmp.Diff(wantOthers, others); diff != "" {
		t.Errorf("OtherShards by shard (-want +got):\n%s", diff)
	}
	// A shard run again over its own warehouse changes nothing.
	for k := 1; k <= 2; k++ {
		before := snapshot(t, shards[k-1])
		rep, err := Ingest(ctx, IngestOptions{DB: shards[k-1], Pipeline: p, Shard: Shard{K: k, N: 2}}, []string{src})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range docLines(rep, src) {
			if !strings.HasPrefix(l, StatusUnchanged+" ") {
				t.Errorf("shard %d rerun: %s, want unchanged", k, l)
			}
		}
		if rep.OtherShards != others[k] {
			t.Errorf("shard %d rerun: OtherShards = %d, want %d", k, rep.OtherShards, others[k])
		}
		if diff := cmp.Diff(before, snapshot(t, shards[k-1])); diff != "" {
			t.Errorf("shard %d rerun changed the fact views (-before +after):\n%s", k, diff)
		}
	}
	merged := filepath.Join(dir, "merged.duckdb")
	if _, err := Merge(ctx, MergeOptions{DB: merged}, shards); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(docStatuses(t, whole), docStatuses(t, merged)); diff != "" {
		t.Errorf("documents of the merged shards (-whole +merged):\n%s", diff)
	}
	if diff := cmp.Diff(snapshot(t, whole), snapshot(t, merged)); diff != "" {
		t.Errorf("merged shards differ from one unsharded ingest (-whole +merged):\n%s", diff)
	}
	rep, err := Ingest(ctx, IngestOptions{DB: merged, Pipeline: p}, []string{src})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"unchanged a.txt + b.txt", "unchanged c.txt"}, docLines(rep, src)); diff != "" {
		t.Errorf("unsharded run over the merged warehouse (-want +got):\n%s", diff)
	}
}

func TestDocResult_Files(t *testing.T) {
	tests := []struct {
		r    DocResult
		want string
	}{
		{DocResult{Path: "a.pdf", Paths: []string{"a.pdf"}}, "a.pdf"},
		{DocResult{Path: "a.pdf"}, "a.pdf"},
		{DocResult{Path: "a.pdf", Paths: []string{"a.pdf", "b.pdf"}}, "a.pdf + b.pdf"},
	}
	for _, tt := range tests {
		if got := tt.r.Files(); got != tt.want {
			t.Errorf("Files() = %q, want %q", got, tt.want)
		}
	}
}

// TestJoinRoleOf_synthetic: complete publications are never held, so the
// normal path pays only the shape test. Every document of a synthetic
// corpus (BenchmarkIngest_synthetic's, plus final accounts) has no join role.
func TestJoinRoleOf_synthetic(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "corpus")
	if _, err := synth.Generate(ctx, synth.Options{Departments: 10, YearFrom: 2015, YearTo: 2024, Seed: 1, DefectRate: 0.02, Variants: true, FinalShare: 0.3}, dir); err != nil {
		t.Fatal(err)
	}
	srcs, err := ingest.Discover([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	p, err := DefaultPipeline("")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, src := range srcs {
		d, res := parseOne(ctx, storedSet(nil), p, false, false, src)
		if d == nil {
			t.Fatalf("%s: %s %s", src.Name(), res.Status, res.Reason)
		}
		if r := joinRoleOf(d); r != roleNone {
			t.Errorf("%s: role %v, want none (a complete publication)", src.Name(), r)
		}
		n++
	}
	if n < 100 {
		t.Errorf("only %d synthetic documents", n)
	}
}

// BenchmarkJoiner_normalPath measures what the join adds to a run of
// 10,000 complete single-file publications in one folder: the folder
// count in newJoiner and the shape test of every parsed document (none is
// held). Compare with the ~10 ms a document takes to parse and write.
func BenchmarkJoiner_normalPath(b *testing.B) {
	const n = 10_000
	srcs := make([]ingest.Source, n)
	for i := range srcs {
		srcs[i] = ingest.Source{Parts: []ingest.Part{{Path: fmt.Sprintf("/corpus/doc-%05d.txt", i), Format: ingest.FormatText}}}
	}
	d := &model.Disclosure{Identity: model.Identity{Department: "侯马经济开发区管理委员会经济科技发展部", FiscalYear: 2024},
		Tables: make([]model.TableMeta, 14), Totals: make([]model.Total, 40), Narrative: make([]model.NarrativeFact, 80), Paragraphs: make([]model.Paragraph, 120)}
	for i := range d.Tables {
		d.Tables[i].Kind = recognize.KindSummary
	}
	b.ResetTimer()
	for range b.N {
		j, _, err := newJoiner(context.Background(), nil, srcs, nil, storedSet(nil), Pipeline{}, false, false, 2)
		if err != nil {
			b.Fatal(err)
		}
		for i := range srcs {
			if c := j.candidate(i, d, DocResult{}); c != nil {
				b.Fatal("a complete publication was held")
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/doc")
}

// TestIngest_joinCancel: canceling while the joined documents of a folder
// are written stops before the next one; exactly the reported documents
// are stored, each whole.
func TestIngest_joinCancel(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	for _, d := range []string{"甲局", "乙局", "丙局"} {
		write(t, src, d+"-说明.txt", narrative(d, 2024))
		write(t, src, d+"-表.txt", tables(d, 2024))
	}
	db := filepath.Join(dir, "w.duckdb")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := IngestOptions{DB: db, Pipeline: joinPipeline(t), Workers: 2, GroupDocs: 1, OnDocument: func(DocResult) { cancel() }}
	rep, err := Ingest(ctx, opts, []string{src})
	if !errors.Is(err, context.Canceled) || !rep.Canceled {
		t.Fatalf("err = %v, canceled = %v; want context.Canceled", err, rep.Canceled)
	}
	if len(rep.Docs) != 1 || len(rep.Docs[0].Paths) != 2 {
		t.Fatalf("reported %v, want one joined document", docLines(rep, src))
	}
	want := []string{rep.Docs[0].DocID + "|2|2"}
	if diff := cmp.Diff(want, rowsOf(t, openDB(t, db), "SELECT d.doc_id, len(d.source_paths), count(t.key) FROM documents d LEFT JOIN core.totals t USING (doc_id) GROUP BY ALL")); diff != "" {
		t.Errorf("stored after cancel (-want +got):\n%s", diff)
	}
}

// FuzzDeptMatch: comparing two department names never panics, is
// symmetric, and a name matches itself.
func FuzzDeptMatch(f *testing.F) {
	f.Add("江苏省委办公厅", "中国共产党江苏省委员会办公厅")
	f.Add("省法院", "江苏省高级人民法院")
	f.Add("", "上海市XX局")
	f.Add("（本级）", "\xff\xfe")
	f.Fuzz(func(t *testing.T, a, b string) {
		x, y := joinIdent{dept: a}, joinIdent{dept: b}
		if m, n := deptMatch(x, y), deptMatch(y, x); m != n {
			t.Errorf("deptMatch(%q, %q) = %d, reversed %d", a, b, m, n)
		}
		if len([]rune(identity.Normalize(a))) >= 2 && deptMatch(x, x) < matchName {
			t.Errorf("deptMatch(%q, itself) = %d", a, deptMatch(x, x))
		}
	})
}
