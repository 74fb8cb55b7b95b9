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
