package pdf

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/internal/testutil"
)

var (
	readMu    sync.Mutex
	readCache = map[string]*doc.Document{}
)

// readCorpus reads a corpus PDF once per test binary.
func readCorpus(t testing.TB, name string) *doc.Document {
	t.Helper()
	path := filepath.Join(testutil.CorpusDir(t), "real", name)
	readMu.Lock()
	defer readMu.Unlock()
	if d, ok := readCache[path]; ok {
		return d
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(context.Background(), path, data)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	readCache[path] = d
	return d
}

// findRow returns the first table row whose first non-blank cell is label.
func findRow(d *doc.Document, label string) (doc.Row, bool) {
	for _, b := range d.Blocks {
		if b.Kind != doc.Table {
			continue
		}
		for _, r := range b.Rows {
			if ne := nonEmpty(r); len(ne) > 0 && ne[0].Text == label {
				return r, true
			}
		}
	}
	return doc.Row{}, false
}

func hasCell(d *doc.Document, text string) bool {
	for _, b := range d.Blocks {
		for _, r := range b.Rows {
			for _, c := range r.Cells {
				if c.Text == text {
					return true
				}
			}
		}
	}
	return false
}

func hasText(d *doc.Document, kind doc.Kind, text string) bool {
	for _, b := range d.Blocks {
		if b.Kind == kind && strings.Contains(b.Text, text) {
			return true
		}
	}
	return false
}

// TestRead_corpus reads every PDF of the real corpus and checks, per
// document, that the summary table's totals sit on the row with the right
// label (values transcribed from the PDFs), that split 类/款/项 codes are
// joined and that 决算 vertical headers are merged into one cell.
func TestRead_corpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 18 PDFs")
	}
	tests := []struct {
		file   string
		label  string   // first cell of the totals row
		want   []string // cells that row must contain, in order
		cells  []string // cells that must exist somewhere in a table
		titles []string // heading/paragraph texts that must exist
	}{
		{"js-rendabangongting-2017-bumen-yusuan.pdf", "收入合计", []string{"13,649.07", "支出合计", "13,649.07"},
			[]string{"2010101", "单位预留机动经费", "公务用车购置及运行维护费"}, []string{"收支预算总表"}},
		{"js-renminjianchayuan-2017-bumen-yusuan.pdf", "收入合计", []string{"17,996.68", "支出合计", "17,996.68"},
			[]string{"三、单位预留机动经费"}, []string{"收支预算总表"}},
		{"js-shengweibangongting-2017-bumen-yusuan.part2.pdf", "收入合计", []string{"20,849.45", "支出合计", "20,849.45"}, nil, nil},
		{"js-shengweibangongting-2018-bumen-yusuan.part2.pdf", "收入合计", nil, nil, nil},
		{"js-zhengxiebangongting-2017-bumen-yusuan.part2.pdf", "收入合计", []string{"9,146.79", "支出合计", "9,146.79"}, nil, nil},
		{"js-gaojirenminfayuan-2017-bumen-yusuan.pdf", "收入合计", []string{"28,849.38", "支出合计", "28,849.38"},
			[]string{"当年收入小计"}, []string{"2017年度江苏省高级人民法院部门收支预算总表"}},
		{"js-gaojirenminfayuan-2018-bumen-yusuan.pdf", "收入合计", nil, nil, nil},
		{"sh-putuo-wanlijiedao-2023-bumen-yusuan.pdf", "收入总计", []string{"164,978,640", "支出总计", "164,978,640"}, nil, nil},
		{"sh-putuo-caizhengju-2024-bumen-juesuan.pdf", "总计", []string{"2,995.39", "总计", "2,995.39"},
			[]string{"2010601", "本年收入合计", "附属单位上缴收入", "年初结转和结余"}, []string{"收入支出决算总表"}},
		{"sh-putuo-caizhengju-2024-bumen-juesuan-defects-inserted.pdf", "总计", []string{"2,995.39", "总计", "2,995.39"},
			[]string{"2010601"}, nil},
		{"sh-putuo-sifaju-2026-bumen-yusuan.pdf", "收入总计", []string{"96,282,213.44", "支出总计", "96,282,213.44"},
			[]string{"2040601", "87267272.44", "10.81", "217.83"}, []string{"2026年部门财务收支预算总表"}},
		{"sh-putuo-sifaju-2026-danwei-yusuan.pdf", "收入总计", []string{"86,959,408.34", "支出总计", "86,959,408.34", "20,374,181", "1,744,680", "64,840,547"}, nil, nil},
		{"sh-putuo-zhengfubangongshi-2025-bumen-yusuan.pdf", "收入总计", []string{"91,016,775.35", "支出总计", "91,016,775.35"}, nil, nil},
		{"sh-putuo-zhengfubangongshi-2025-danwei-yusuan.pdf", "收入总计", []string{"91,016,775.35", "支出总计", "91,016,775.35", "22,473,997.81", "2,132,777.54", "66,410,000.00"}, nil, nil},
		{"sh-xxju-2024-bumen-juesuan-blank-template.pdf", "总计", nil, []string{"本年收入合计"}, nil},
		{"js-shengweibangongting-2017-bumen-yusuan.part1.pdf", "", nil, nil, []string{"江苏省委办公厅"}},
		{"js-shengweibangongting-2018-bumen-yusuan.part1.pdf", "", nil, nil, nil},
		{"js-zhengxiebangongting-2017-bumen-yusuan.part1.pdf", "", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d := readCorpus(t, tt.file)
			if d.Lines == 0 || len(d.Blocks) == 0 {
				t.Fatalf("no lines/blocks")
			}
			if tt.label != "" {
				r, ok := findRow(d, tt.label)
				if !ok {
					t.Fatalf("no table row labelled %q", tt.label)
				}
				got := r.Texts()
				i := 0
				for _, c := range nonEmpty(r)[1:] {
					if i < len(tt.want) && c.Text == tt.want[i] {
						i++
					}
				}
				if i < len(tt.want) {
					t.Errorf("row %q = %q, want cells %q in order", tt.label, got, tt.want)
				}
			}
			for _, c := range tt.cells {
				if !hasCell(d, c) {
					t.Errorf("no table cell %q", c)
				}
			}
			for _, s := range tt.titles {
				if !hasText(d, doc.Heading, s) && !hasText(d, doc.Paragraph, s) {
					t.Errorf("no heading/paragraph containing %q", s)
				}
			}
		})
	}
}

// TestRead_golden compares the blocks of one Jiangsu table PDF and one
// Shanghai budget PDF with golden dumps (checked by hand against the PDFs).
func TestRead_golden(t *testing.T) {
	if testing.Short() {
		t.Skip("reads corpus PDFs")
	}
	for _, name := range []string{"js-shengweibangongting-2018-bumen-yusuan.part2.pdf", "sh-putuo-sifaju-2026-bumen-yusuan.pdf"} {
		t.Run(name, func(t *testing.T) {
			d := readCorpus(t, name)
			testutil.Golden(t, filepath.Join("testdata", strings.TrimSuffix(name, ".pdf")+".blocks.golden"), []byte(dumpBlocks(d)))
		})
	}
}

func TestRead_errors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"garbage.pdf", []byte("this is not a pdf at all"), ErrCorrupt},
		{"empty.pdf", nil, ErrCorrupt},
		{"truncated.pdf", []byte("%PDF-1.4\n1 0 obj\n<<"), ErrCorrupt},
	}
	if enc, err := os.ReadFile(filepath.Join("testdata", "encrypted.pdf")); err == nil {
		tests = append(tests, struct {
			name string
			data []byte
			want error
		}{"encrypted.pdf", enc, ErrEncrypted})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(context.Background(), "/some/dir/"+tt.name, tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Read error = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.name) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

// TestRead_noGlyphLost checks that every character PDFium gives for a page
// (within the page box) reaches the document text (d.Raw): nothing inside or
// outside a table is silently dropped. 类/款/项 are exempt (their header cells become 科目编码).
func TestRead_noGlyphLost(t *testing.T) {
	if testing.Short() {
		t.Skip("reads corpus PDFs")
	}
	entries, err := filepath.Glob(filepath.Join(testutil.CorpusDir(t), "real", "*.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range entries {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(testutil.CorpusDir(t), "real", name))
			if err != nil {
				t.Fatal(err)
			}
			pages, err := extract(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			glyphs := map[rune]int{}
			for _, rp := range pages {
				// Off-page glyphs are not shown, so not read (clipToPage).
				p := clipToPage(Page{Width: rp.Width, Height: rp.Height, Glyphs: rp.Glyphs})
				for _, g := range p.Glyphs {
					if !unicode.IsSpace(g.R) && !strings.ContainsRune("类款项", g.R) {
						glyphs[g.R]++
					}
				}
			}
			raw := map[rune]int{}
			for _, r := range readCorpus(t, name).Raw {
				raw[r]++
			}
			for r, n := range glyphs {
				if raw[r] < n {
					t.Errorf("%q: %d glyphs on the pages, %d in the document text", r, n, raw[r])
				}
			}
		})
	}
}
