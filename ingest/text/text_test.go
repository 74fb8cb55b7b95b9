package text

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// dump renders blocks compactly: one line per block or row.
func dump(d *doc.Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case doc.Table:
			for _, r := range bl.Rows {
				fmt.Fprintf(&b, "%s row %q\n", r.Ref, r.Texts())
			}
		case doc.Heading:
			fmt.Fprintf(&b, "%s h%d %q\n", bl.Ref, bl.Level, bl.Text)
		default:
			fmt.Fprintf(&b, "%s %s %q\n", bl.Ref, bl.Kind, bl.Text)
		}
	}
	fmt.Fprintf(&b, "lines=%d\n", d.Lines)
	return b.String()
}

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{
			name: "heading levels and bold",
			in:   "# 目 录\n\n## <b>第一部分</b> 概况\n### **六、财政专户管理资金：**\n",
			want: "line 1 h1 \"目 录\"\nline 2 pagebreak \"\"\nline 3 h2 \"第一部分 概况\"\nline 4 h3 \"六、财政专户管理资金：\"\nlines=3\n",
		},
		{
			name: "table rows keep empty cells and merge",
			in:   "项目\t\t合计\n合计\t\t1146.30\n\n201\t一般公共服务支出\t493.40\n",
			want: "line 1 row [\"项目\" \"\" \"合计\"]\nline 2 row [\"合计\" \"\" \"1146.30\"]\nline 3 pagebreak \"\"\nline 4 row [\"201\" \"一般公共服务支出\" \"493.40\"]\nlines=3\n",
		},
		{
			name: "blank runs collapse and nbsp lines are blank",
			in:   "甲\n\n \u00a0\n\u3000\n乙",
			want: "line 1 paragraph \"甲\"\nline 2 pagebreak \"\"\nline 5 paragraph \"乙\"\nlines=2\n",
		},
		{
			name: "CR and CRLF line ends",
			in:   "甲\r\n乙\r丙\n",
			want: "line 1 paragraph \"甲\"\nline 2 paragraph \"乙\"\nline 3 paragraph \"丙\"\nlines=3\n",
		},
		{
			name: "hash without space before digit is prose",
			in:   "#1 号\n#标题",
			want: "line 1 paragraph \"#1 号\"\nline 2 h1 \"标题\"\nlines=2\n",
		},
		{
			name: "bold toc line with tab is a row",
			in:   "<b>第一部分 概况</b> .....\t<b>1</b>",
			want: "line 1 row [\"第一部分 概况 .....\" \"1\"]\nlines=1\n",
		},
		{
			name: "empty input",
			in:   "",
			want: "lines=0\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read(context.Background(), "x.txt", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, dump(d)); diff != "" {
				t.Errorf("blocks (-want +got):\n%s", diff)
			}
			if d.Format != "text" || len(d.Paths) != 1 || d.Paths[0] != "x.txt" {
				t.Errorf("format %q paths %q", d.Format, d.Paths)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	const s = "单位：万元\t１１４６.３０\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	gb18030, err := simplifiedchinese.GB18030.NewEncoder().String(s + "𠀀")
	if err != nil {
		t.Fatal(err)
	}
	u16, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		in      []byte
		want    string
		wantErr error
	}{
		{"utf-8", []byte(s), s, nil},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, s...), s, nil},
		{"gbk", []byte(gbk), s, nil},
		{"gb18030 four-byte", []byte(gb18030), s + "𠀀", nil},
		{"utf-16le bom", []byte(u16), s, nil},
		{"garbage", []byte{0x81, 0x20, 0xFF, 0xFF, 0x80}, "", ErrEncoding},
		{"bom then invalid", []byte{0xEF, 0xBB, 0xBF, 0xC3, 0x28}, "", ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRead_errorNamesFile(t *testing.T) {
	_, err := Read(context.Background(), "bad.txt", []byte{0x81, 0x20, 0xFF})
	if err == nil || !strings.Contains(err.Error(), "bad.txt") || !errors.Is(err, ErrEncoding) {
		t.Fatalf("err = %v, want ErrEncoding naming bad.txt", err)
	}
}

func TestRead_cancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, "x.txt", []byte("a")); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestRead_corpus reads the real corpus text and checks its shape: every
// non-blank line becomes exactly one heading, paragraph or row, and the
// encoding and line-end variants give identical blocks.
func TestRead_corpus(t *testing.T) {
	data, err := os.ReadFile(testutil.CorpusText(t))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(context.Background(), "houma.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	nonBlank := 0
	for _, l := range SplitLines(string(data)) {
		if !isBlank(StripMarkup(l)) {
			nonBlank++
		}
	}
	units := 0
	for _, b := range d.Blocks {
		switch b.Kind {
		case doc.Table:
			units += len(b.Rows)
		case doc.Heading, doc.Paragraph:
			units++
		}
	}
	if d.Lines != nonBlank || units != nonBlank {
		t.Errorf("Lines=%d units=%d, want %d non-blank lines", d.Lines, units, nonBlank)
	}
	if d.Lines < 800 {
		t.Errorf("Lines=%d, expected the whole publication", d.Lines)
	}
	want := dump(d)
	gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string][]byte{
		"bom":          append([]byte{0xEF, 0xBB, 0xBF}, data...),
		"crlf":         []byte(strings.ReplaceAll(string(data), "\n", "\r\n")),
		"cr":           []byte(strings.ReplaceAll(string(data), "\n", "\r")),
		"gb18030+crlf": []byte(strings.ReplaceAll(string(gbk), "\n", "\r\n")),
	}
	for name, v := range variants {
		got, err := Read(context.Background(), "houma.txt", v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, dump(got)); diff != "" {
			t.Errorf("%s variant differs (-want +got):\n%s", name, diff)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("# 标题\n\n项目\t合计\n合计\t1.00\r\n<b>x</b>\r"))
	f.Add([]byte{0xEF, 0xBB, 0xBF, '#', '\t'})
	f.Add([]byte{0xB5, 0xA5, 0xCE, 0xBB})
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(context.Background(), "f.txt", data)
		if err != nil {
			if !errors.Is(err, ErrEncoding) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		units := 0
		for _, b := range d.Blocks {
			if b.Ref.Line < 1 {
				t.Fatalf("block without line ref: %+v", b)
			}
			switch b.Kind {
			case doc.Table:
				if len(b.Rows) == 0 {
					t.Fatal("empty table block")
				}
				units += len(b.Rows)
			case doc.Heading, doc.Paragraph:
				units++
			}
		}
		if units != d.Lines {
			t.Fatalf("units %d != lines %d", units, d.Lines)
		}
	})
}
