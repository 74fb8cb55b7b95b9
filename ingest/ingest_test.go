package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/google/go-cmp/cmp"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func names(t *testing.T, root string, srcs []Source) [][]string {
	var out [][]string
	for _, s := range srcs {
		var ps []string
		for _, p := range s.Parts {
			rel, err := filepath.Rel(root, p.Path)
			if err != nil {
				t.Fatal(err)
			}
			ps = append(ps, filepath.ToSlash(rel)+":"+p.Format)
		}
		out = append(out, ps)
	}
	return out
}

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.PDF":                   "x",
		"a.txt":                   "x",
		"x.part2.pdf":             "x",
		"x.part1.pdf":             "x",
		"x.part10.xlsx":           "x",
		"y.Part1.txt":             "x",
		"sub/c.md":                "x",
		"sub/d.text":              "x",
		".hidden/e.txt":           "x",
		".f.txt":                  "x",
		"README.md":               "x",
		"notes.docx":              "x",
		"w.review-checklist.xlsx": "x",
	})
	srcs, err := Discover([]string{dir, filepath.Join(dir, "a.txt"), filepath.Join(dir, "notes.docx")})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"a.txt:text"},
		{"b.PDF:pdf"},
		{"notes.docx:"},
		{"sub/c.md:text"},
		{"sub/d.text:text"},
		{"w.review-checklist.xlsx:xlsx"},
		{"x.part1.pdf:pdf", "x.part2.pdf:pdf", "x.part10.xlsx:xlsx"},
		{"y.Part1.txt:text"},
	}
	if diff := cmp.Diff(want, names(t, dir, srcs)); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	// A lone part keeps number 0; grouped parts keep theirs.
	for _, s := range srcs {
		if len(s.Parts) == 1 && s.Parts[0].Number != 0 {
			t.Errorf("single-part source %s has part number %d", s.Name(), s.Parts[0].Number)
		}
	}
}

func TestDiscover_errors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"only.docx": "x"})
	tests := []struct {
		name  string
		paths []string
		want  error
	}{
		{"missing", []string{filepath.Join(dir, "nope.txt")}, os.ErrNotExist},
		{"nothing readable", []string{dir}, ErrNoSources},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Discover(tt.paths); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p1 := "# 标题一\n第一段\n"
	p2 := "收入\t100\n支出\t100\n"
	writeFiles(t, dir, map[string]string{"d.part1.txt": p1, "d.part2.txt": p2, "single.txt": p2})
	srcs, err := Discover([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 2 {
		t.Fatalf("got %d sources, want 2", len(srcs))
	}
	multi, err := Load(ctx, srcs[0])
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(p1 + p2))
	if multi.DocID != hex.EncodeToString(sum[:]) {
		t.Errorf("DocID = %s, want sha256 of the parts in order", multi.DocID)
	}
	if id, err := DocID(srcs[0]); err != nil || id != multi.DocID {
		t.Errorf("DocID() = %s, %v; want %s", id, err, multi.DocID)
	}
	d := multi.Doc
	if d.Format != "text" || d.Bytes != int64(len(p1+p2)) || d.Lines != 4 || len(d.Paths) != 2 {
		t.Errorf("doc = format %s bytes %d lines %d paths %v", d.Format, d.Bytes, d.Lines, d.Paths)
	}
	var refs []string
	for _, b := range d.Blocks {
		if b.Kind == doc.Table {
			for _, r := range b.Rows {
				refs = append(refs, r.Ref.String())
			}
			continue
		}
		refs = append(refs, b.Ref.String())
	}
	// Part 1 refs carry no file prefix (doc.Ref.String prints it from part 2 on).
	want := []string{"line 1", "line 2", "d.part2.txt: line 1", "d.part2.txt: line 2"}
	if diff := cmp.Diff(want, refs); diff != "" {
		t.Errorf("refs (-want +got):\n%s", diff)
	}
	if b := d.Blocks[0]; b.Ref.Part != 1 || b.Ref.File != "d.part1.txt" {
		t.Errorf("first block ref = %+v, want part 1 of d.part1.txt", b.Ref)
	}
	single, err := Load(ctx, srcs[1])
	if err != nil {
		t.Fatal(err)
	}
	if r := single.Doc.Blocks[0].Rows[0].Ref; r.Part != 0 || r.File != "" {
		t.Errorf("single-file ref = %+v, want no part", r)
	}
}

func TestLoad_errors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.docx": "x", "bad.txt": "\xff\xfe\xfd\x00\x81"})
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	Readers["panicky"] = func(context.Context, string, []byte) (*doc.Document, error) { panic("boom") }
	defer delete(Readers, "panicky")
	tests := []struct {
		name string
		src  Source
		want error
		text string
	}{
		{"unsupported extension", Source{Parts: []Part{{Path: filepath.Join(dir, "a.docx")}}}, ErrUnsupportedFormat, `extension ".docx"`},
		{"reader not built", Source{Parts: []Part{{Path: filepath.Join(dir, "a.docx"), Format: "nosuch"}}}, ErrUnsupportedFormat, "no nosuch reader"},
		{"too large", Source{Parts: []Part{{Path: big, Format: FormatText}}}, ErrTooLarge, "big.txt"},
		{"missing", Source{Parts: []Part{{Path: filepath.Join(dir, "gone.txt"), Format: FormatText}}}, os.ErrNotExist, "gone.txt"},
		{"panic", Source{Parts: []Part{{Path: filepath.Join(dir, "a.docx"), Format: "panicky"}}}, nil, "reader panic: boom"},
		{"no parts", Source{}, nil, "no files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(ctx, tt.src)
			if err == nil {
				t.Fatal("Load succeeded, want error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("err = %v, want it to mention %q", err, tt.text)
			}
		})
	}
}

func TestLoad_canceled(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "x\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, Source{Parts: []Part{{Path: filepath.Join(dir, "a.txt"), Format: FormatText}}}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func FuzzGroup(f *testing.F) {
	f.Add("x.part1.pdf", "x.part2.pdf", "x.PART3.txt")
	f.Add("a.txt", "a.part1.txt", "b.part01.md")
	f.Add(".part1.", "..part2..pdf", "x.part999.pdf")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		in := []string{"d/" + a, "d/" + b, "d/" + c}
		srcs := group(in)
		count := map[string]int{}
		for _, s := range srcs {
			if len(s.Parts) == 0 {
				t.Fatal("empty source")
			}
			for i, p := range s.Parts {
				count[p.Path]++
				if i > 0 && s.Parts[i-1].Number > p.Number {
					t.Fatalf("parts out of order: %+v", s.Parts)
				}
			}
		}
		for _, p := range in {
			count[p]--
		}
		for p, n := range count {
			if n != 0 {
				t.Fatalf("file %q appears %+d times too many", p, n)
			}
		}
	})
}
