package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/budgetwh/budgetwh/identity"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/schema"
)

// corpusVariant writes the Shanxi corpus text publication to dir/name with
// the replacements (old, new pairs) applied, and returns its path.
func corpusVariant(t *testing.T, dir, name string, repl ...string) string {
	t.Helper()
	b, err := os.ReadFile(testutil.CorpusText(t))
	if err != nil {
		t.Skipf("corpus text not readable: %v", err)
	}
	s := strings.NewReplacer(repl...).Replace(string(b))
	if len(repl) > 0 && s == string(b) {
		t.Fatalf("replacements %q change nothing", repl)
	}
	return write(t, dir, name, s)
}

// rowsOnce runs q on the warehouse at path, opened read-only and closed
// again before it returns (a later ingest needs the file).
func rowsOnce(t *testing.T, path, q string) []string {
	t.Helper()
	w, err := schema.Open(context.Background(), path, schema.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	return rowsOf(t, w.DB(), q)
}

// TestIngest_supersededOtherName: a document that supersedes another of the
// same version key (here: the same department code 604 under another
// department name, so the same department_id) gets an
// ingest.superseded_other_name warning naming both documents and names,
// whether the two come in one run, in two runs or from two shards through
// a merge; a genuine new version and a rename across fiscal years do not.
func TestIngest_supersededOtherName(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the corpus text publication several times")
	}
	ctx := context.Background()
	src := t.TempDir()
	orig := corpusVariant(t, src, "orig/houma.txt")
	other := corpusVariant(t, src, "other/houma.txt", "经济科技发展部", "社会事务局")
	// Another version of the same publication: a figure corrected, same name.
	again := corpusVariant(t, src, "again/houma.txt", "比上年减少72.34万元", "比上年减少72.43万元")
	// The department renamed in the next fiscal year, code kept.
	renamed := corpusVariant(t, src, "renamed/houma.txt", "经济科技发展部", "经济发展局", "2024", "2025")

	const q = `SELECT d.status || '|' || d.department_id || '|' || coalesce(f.n, 0) || '|' || d.department
		FROM documents d LEFT JOIN (SELECT doc_id, count(*) AS n FROM findings
			WHERE rule = '` + identity.RuleSupersededOtherName + `' GROUP BY doc_id) f USING (doc_id)
		ORDER BY d.fiscal_year, d.department`
	const conflictQ = `SELECT doc_id || '|' || severity || '|' || message || '|' || expected || '|' || actual
		FROM findings WHERE rule = '` + identity.RuleSupersededOtherName + `'`
	ingest := func(t *testing.T, db string, paths ...string) IngestReport {
		t.Helper()
		rep, err := Ingest(ctx, IngestOptions{DB: db, Workers: 2}, paths)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	docID := func(t *testing.T, db, dept string) string {
		t.Helper()
		ids := rowsOnce(t, db, "SELECT doc_id FROM documents WHERE department LIKE '%"+dept+"%'")
		if len(ids) != 1 {
			t.Fatalf("documents of %s: %v", dept, ids)
		}
		return ids[0]
	}
	// checkConflict checks the one finding: on the loaded document, naming
	// the superseded one and both names.
	checkConflict := func(t *testing.T, db string) {
		t.Helper()
		got := rowsOnce(t, db, conflictQ)
		if len(got) != 1 {
			t.Fatalf("superseded_other_name findings: %q, want one", got)
		}
		loaded := rowsOnce(t, db, "SELECT doc_id FROM documents WHERE status = 'loaded'")
		hidden := rowsOnce(t, db, "SELECT doc_id FROM documents WHERE status = 'superseded'")
		if len(loaded) != 1 || len(hidden) != 1 {
			t.Fatalf("loaded %v, superseded %v", loaded, hidden)
		}
		f := strings.Split(got[0], "|")
		if f[0] != loaded[0] || f[1] != "warning" {
			t.Errorf("finding on %s (%s), want on the loaded %s as a warning", f[0], f[1], loaded[0])
		}
		for _, want := range []string{hidden[0], "侯马经济开发区管理委员会经济科技发展部", "侯马经济开发区管理委员会社会事务局", "604"} {
			if !strings.Contains(f[2], want) {
				t.Errorf("message %q does not name %s", f[2], want)
			}
		}
		if f[3] == f[4] || !strings.Contains(f[3]+f[4], "社会事务局") || !strings.Contains(f[3]+f[4], "经济科技发展部") {
			t.Errorf("expected %q, actual %q: want both names", f[3], f[4])
		}
	}

	t.Run("one run", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "w.duckdb")
		rep := ingest(t, db, orig, other)
		checkConflict(t, db)
		if rep.CorpusFindings < 1 {
			t.Errorf("report counts %d cross-document findings", rep.CorpusFindings)
		}
	})
	t.Run("two runs", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "w.duckdb")
		ingest(t, db, orig)
		ingest(t, db, other)
		checkConflict(t, db)
		if diff := cmp.Diff([]string{docID(t, db, "社会事务局")}, rowsOnce(t, db, "SELECT doc_id FROM findings WHERE rule = '"+identity.RuleSupersededOtherName+"'")); diff != "" {
			t.Errorf("finding on (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{docID(t, db, "社会事务局")}, rowsOnce(t, db, "SELECT superseded_by FROM core.documents WHERE status = 'superseded'")); diff != "" {
			t.Errorf("superseded_by (-want +got):\n%s", diff)
		}
	})
	t.Run("split alias and reparse", func(t *testing.T) {
		// The remedy the message names: a split row for the older
		// document, then a re-parse, loads both under separate ids.
		dir := t.TempDir()
		db := filepath.Join(dir, "w.duckdb")
		ingest(t, db, orig)
		ingest(t, db, other)
		checkConflict(t, db)
		old := docID(t, db, "经济科技发展部")
		aliases := write(t, dir, "aliases.csv", "action,name_or_key,target,reason\nsplit,doc:"+old+",经济科技发展部,code 604 shared\n")
		if _, err := Ingest(ctx, IngestOptions{DB: db, Workers: 2, Reparse: true, Aliases: aliases}, []string{orig, other}); err != nil {
			t.Fatal(err)
		}
		got := rowsOnce(t, db, q)
		if len(got) != 2 {
			t.Fatalf("documents: %q", got)
		}
		a, b := strings.Split(got[0], "|"), strings.Split(got[1], "|")
		if a[0] != "loaded" || b[0] != "loaded" || a[1] == b[1] || a[2] != "0" || b[2] != "0" {
			t.Errorf("documents: %q, want both loaded under two ids without the finding", got)
		}
	})
	t.Run("merge", func(t *testing.T) {
		dir := t.TempDir()
		s1, s2, out := filepath.Join(dir, "s1.duckdb"), filepath.Join(dir, "s2.duckdb"), filepath.Join(dir, "out.duckdb")
		ingest(t, s1, orig)
		ingest(t, s2, other)
		for _, s := range []string{s1, s2} {
			if got := rowsOnce(t, s, conflictQ); len(got) != 0 {
				t.Errorf("shard %s: %q", s, got)
			}
		}
		rep := mergeInto(t, out, s1, s2)
		checkConflict(t, out)
		if rep.CorpusFindings < 1 {
			t.Errorf("merge report counts %d cross-document findings", rep.CorpusFindings)
		}
	})
	t.Run("genuine new version", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "w.duckdb")
		ingest(t, db, orig)
		ingest(t, db, again)
		got := rowsOnce(t, db, q)
		if len(got) != 2 || !strings.HasPrefix(got[0], "loaded|") && !strings.HasPrefix(got[1], "loaded|") {
			t.Fatalf("documents: %q", got)
		}
		st := rowsOnce(t, db, "SELECT status FROM documents ORDER BY status")
		if diff := cmp.Diff([]string{"loaded", "superseded"}, st); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
		if n := rowsOnce(t, db, conflictQ); len(n) != 0 {
			t.Errorf("findings: %q", n)
		}
	})
	t.Run("rename across years", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "w.duckdb")
		ingest(t, db, orig, renamed)
		got := rowsOnce(t, db, q)
		if len(got) != 2 {
			t.Fatalf("documents: %q", got)
		}
		a, b := strings.Split(got[0], "|"), strings.Split(got[1], "|")
		if a[0] != "loaded" || b[0] != "loaded" || a[2] != "0" || b[2] != "0" {
			t.Errorf("documents: %q, want both loaded without the finding", got)
		}
		if a[1] != b[1] || a[1] == "" {
			t.Errorf("department_id %s and %s: a rename across years must keep the id", a[1], b[1])
		}
		if !strings.Contains(got[1], "经济发展局") {
			t.Errorf("later document %q is not the renamed one", got[1])
		}
	})
}
