package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/schema"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// factViews are the contract's fact views; their rows minus doc_id must not
// depend on the bytes' encoding or line ends.
var factViews = []string{"totals", "func_amounts", "econ_amounts", "three_public", "projects", "indicators", "narrative_facts", "doc_tables", "paragraphs", "unaccounted_lines"}

// snapshot returns every loaded fact row as text, doc_id excluded, sorted.
func snapshot(t *testing.T, db string) map[string][]string {
	t.Helper()
	w, err := schema.Open(context.Background(), db, schema.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	out := map[string][]string{}
	for _, v := range factViews {
		var buf bytes.Buffer
		q := "SELECT * EXCLUDE (doc_id) FROM " + v + " ORDER BY ALL"
		if err := SQL(context.Background(), w.DB(), q, FormatCSV, &buf); err != nil {
			t.Fatal(err)
		}
		out[v] = strings.Split(buf.String(), "\n")
	}
	return out
}

func TestIngest_corpusText(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus end-to-end test")
	}
	ctx := context.Background()
	corpus := testutil.CorpusText(t)
	raw, err := os.ReadFile(corpus)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	rep, err := Ingest(ctx, IngestOptions{DB: db}, []string{corpus})
	if err != nil {
		t.Fatal(err)
	}
	d := rep.Docs[0]
	if d.Status != StatusLoaded || d.FiscalYear != 2024 || d.Facts == 0 || d.Tables < 13 {
		t.Fatalf("corpus result = %+v", d)
	}
	first := snapshot(t, db)
	if n := len(first["totals"]); n < 10 {
		t.Fatalf("only %d totals rows", n)
	}

	// Re-ingest: unchanged, no row added.
	rep, err = Ingest(ctx, IngestOptions{DB: db}, []string{corpus})
	if err != nil || rep.Docs[0].Status != StatusUnchanged {
		t.Fatalf("re-ingest: %v %+v", err, rep.Docs)
	}
	if diff := cmp.Diff(first, snapshot(t, db)); diff != "" {
		t.Errorf("re-ingest changed the fact views (-before +after):\n%s", diff)
	}

	// A GBK + CRLF copy: new bytes, same publication. It supersedes the
	// original and the fact views hold the same rows.
	crlf := strings.ReplaceAll(strings.TrimPrefix(string(raw), "\ufeff"), "\n", "\r\n")
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(crlf)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "houma-gbk-crlf.txt")
	if err := os.WriteFile(copyPath, []byte(gbk), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err = Ingest(ctx, IngestOptions{DB: db}, []string{copyPath})
	if err != nil {
		t.Fatal(err)
	}
	if c := rep.Docs[0]; c.Status != StatusLoaded || len(c.Supersedes) != 1 || c.Supersedes[0] != d.DocID {
		t.Fatalf("GBK copy result = %+v, want loaded superseding %s", c, d.DocID)
	}
	if diff := cmp.Diff(first, snapshot(t, db)); diff != "" {
		t.Errorf("GBK+CRLF copy gives different fact rows (-utf8 +gbk):\n%s", diff)
	}
}

// wordsQuery lists (dictionary group, word) for every enumerated value the
// warehouse holds.
const wordsQuery = `
SELECT DISTINCT 'totals.key', key FROM totals
UNION SELECT DISTINCT 'measure', measure FROM totals
UNION SELECT DISTINCT 'measure', measure FROM func_amounts
UNION SELECT DISTINCT 'measure', measure FROM econ_amounts
UNION SELECT DISTINCT 'measure', measure FROM three_public
UNION SELECT DISTINCT 'measure', measure FROM project_funds
UNION SELECT DISTINCT 'three_public.item', item FROM three_public
UNION SELECT DISTINCT 'func_amounts.level', level FROM func_amounts
UNION SELECT DISTINCT 'econ_amounts.scheme', scheme FROM econ_amounts
UNION SELECT DISTINCT 'indicators.scope', scope FROM indicators
UNION SELECT DISTINCT 'source_table', kind FROM doc_tables
UNION SELECT DISTINCT 'source_table', source_table FROM totals
UNION SELECT DISTINCT 'source_table', source_table FROM func_amounts
UNION SELECT DISTINCT 'source_table', source_table FROM econ_amounts
UNION SELECT DISTINCT 'source_table', source_table FROM three_public
UNION SELECT DISTINCT 'source_table', source_table FROM projects
UNION SELECT DISTINCT 'status', status FROM documents
UNION SELECT DISTINCT 'kind', kind FROM documents
UNION SELECT DISTINCT 'level', level FROM documents
UNION SELECT DISTINCT 'severity', severity FROM findings
UNION SELECT DISTINCT 'source_format', source_format FROM documents`

// TestDictionary_corpusWords fails when the corpus text yields a key,
// measure, item, table kind or other enumerated word that the data
// dictionary (schema/dictionary/*.tsv) does not explain. Whoever adds a
// word adds its meaning there (any engineer may add a file).
func TestDictionary_corpusWords(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus end-to-end test")
	}
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "w.duckdb")
	if _, err := Ingest(ctx, IngestOptions{DB: db}, []string{testutil.CorpusText(t)}); err != nil {
		t.Fatal(err)
	}
	dict, err := schema.Dictionary()
	if err != nil {
		t.Fatal(err)
	}
	known := map[[2]string]bool{}
	for _, e := range dict {
		if e.Kind == "word" {
			known[[2]string{e.View, e.Name}] = true
		}
	}
	r := openDB(t, db)
	rows := rowsOf(t, r, wordsQuery)
	if len(rows) < 20 {
		t.Fatalf("only %d words found", len(rows))
	}
	for _, row := range rows {
		group, word, _ := strings.Cut(row, "|")
		if word != "NULL" && !known[[2]string{group, word}] {
			t.Errorf("word %q of %s is not in the data dictionary (schema/dictionary/*.tsv)", word, group)
		}
	}
}
