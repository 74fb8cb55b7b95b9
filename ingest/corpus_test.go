package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/internal/testutil"
)

// TestDiscover_corpus: the development corpus folder holds 15 publications
// (three of them in two parts) and two review-checklist workbooks; the
// README is skipped.
func TestDiscover_corpus(t *testing.T) {
	dir := filepath.Join(testutil.CorpusDir(t), "real")
	srcs, err := Discover([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 17 {
		t.Errorf("got %d sources, want 17", len(srcs))
	}
	var multi []string
	for _, s := range srcs {
		if strings.HasSuffix(strings.ToLower(s.Name()), "readme.md") {
			t.Errorf("README discovered: %s", s.Name())
		}
		if len(s.Parts) > 1 {
			if len(s.Parts) != 2 || !strings.HasSuffix(s.Parts[0].Path, ".part1.pdf") || !strings.HasSuffix(s.Parts[1].Path, ".part2.pdf") {
				t.Errorf("bad grouping: %v", s.Paths())
			}
			multi = append(multi, filepath.Base(s.Name()))
		}
	}
	want := []string{"js-shengweibangongting-2017-bumen-yusuan.part1.pdf", "js-shengweibangongting-2018-bumen-yusuan.part1.pdf", "js-zhengxiebangongting-2017-bumen-yusuan.part1.pdf"}
	if strings.Join(multi, " ") != strings.Join(want, " ") {
		t.Errorf("multi-part sources = %v, want %v", multi, want)
	}
}

// TestLoad_corpusParts reads a two-part PDF publication: one document, its
// doc_id the sha256 of both files in order, part 2's refs naming its file.
func TestLoad_corpusParts(t *testing.T) {
	if testing.Short() {
		t.Skip("reads PDFs")
	}
	dir := filepath.Join(testutil.CorpusDir(t), "real")
	stem := filepath.Join(dir, "js-shengweibangongting-2018-bumen-yusuan")
	srcs, err := Discover([]string{stem + ".part2.pdf", stem + ".part1.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 1 {
		t.Fatalf("got %d sources, want 1", len(srcs))
	}
	l, err := Load(context.Background(), srcs[0])
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	var size int64
	for _, p := range []string{stem + ".part1.pdf", stem + ".part2.pdf"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
		size += int64(len(b))
	}
	if want := hex.EncodeToString(h.Sum(nil)); l.DocID != want {
		t.Errorf("DocID = %s, want %s", l.DocID, want)
	}
	if l.Doc.Format != FormatPDF || l.Doc.Bytes != size || len(l.Doc.Paths) != 2 {
		t.Errorf("doc: format %s, bytes %d (want %d), paths %v", l.Doc.Format, l.Doc.Bytes, size, l.Doc.Paths)
	}
	parts := map[int]bool{}
	for _, b := range l.Doc.Blocks {
		parts[b.Ref.Part] = true
		if b.Ref.Part == 2 && !strings.HasPrefix(b.Ref.String(), "js-shengweibangongting-2018-bumen-yusuan.part2.pdf: page ") {
			t.Fatalf("part 2 ref = %q", b.Ref.String())
		}
	}
	if !parts[1] || !parts[2] || len(parts) != 2 {
		t.Errorf("block parts = %v, want 1 and 2", parts)
	}
}
