// Package text reads the extracted-text dialect of budget disclosures (the
// layout of ../shared/corpus/houma-jjkjfzb-2024-budget.txt) into the
// source-independent block model of package doc.
//
// The dialect: markdown '#' headings, tab-separated table rows (empty cells
// kept so column positions survive), <b>…</b> and **…** emphasis, blank lines
// between blocks (which may also be page breaks inside a table), prose lines.
// Encodings: UTF-8 with or without BOM, UTF-16 with BOM, and GB18030/GBK,
// detected (valid UTF-8 is UTF-8; anything else must decode cleanly as
// GB18030). Line ends: LF, CRLF and CR.
package text

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// ErrEncoding is returned when the bytes are neither UTF-8 nor GB18030.
var ErrEncoding = errors.New("unknown text encoding")

// Format is the doc.Document.Format of documents read by this package.
const Format = "text"

// Read decodes data (named name in errors) and splits it into blocks:
// '#' headings become doc.Heading blocks with their level, runs of lines
// holding a tab become one doc.Table block (one row per line, cells split on
// tabs, empty cells kept), each run of blank lines becomes one doc.PageBreak
// block, and every other line becomes its own doc.Paragraph block. Every
// block and row carries doc.Ref{Line: n} with the 1-based source line.
func Read(ctx context.Context, name string, data []byte) (*doc.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read text %s: %w", name, err)
	}
	s, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("read text %s: %w", name, err)
	}
	d := &doc.Document{
		Paths:  []string{name},
		Format: Format,
		Raw:    s,
		Bytes:  int64(len(data)),
	}
	lines := SplitLines(s)
	var table *doc.Block
	flush := func() {
		if table != nil {
			d.Blocks = append(d.Blocks, *table)
			table = nil
		}
	}
	inBreak := false
	for i, raw := range lines {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("read text %s: %w", name, err)
			}
		}
		ref := doc.Ref{Line: i + 1}
		line := StripMarkup(raw)
		if isBlank(line) {
			flush()
			if !inBreak {
				d.Blocks = append(d.Blocks, doc.Block{Kind: doc.PageBreak, Ref: ref})
				inBreak = true
			}
			continue
		}
		inBreak = false
		d.Lines++
		if strings.Contains(line, "\t") {
			row := doc.Row{Ref: ref}
			for j, c := range strings.Split(line, "\t") {
				row.Cells = append(row.Cells, doc.Cell{Text: cleanCell(c), Col: j, Span: 1})
			}
			if table == nil {
				table = &doc.Block{Kind: doc.Table, Ref: ref}
			}
			table.Rows = append(table.Rows, row)
			continue
		}
		flush()
		text := cleanCell(line)
		if level, h, ok := heading(text); ok {
			d.Blocks = append(d.Blocks, doc.Block{Kind: doc.Heading, Level: level, Text: h, Ref: ref})
			continue
		}
		d.Blocks = append(d.Blocks, doc.Block{Kind: doc.Paragraph, Text: text, Ref: ref})
	}
	flush()
	return d, nil
}

// Decode returns data as a string: a UTF-8 BOM is dropped, a UTF-16 BOM
// selects UTF-16, valid UTF-8 is taken as is, and anything else is decoded
// as GB18030 (a superset of GBK and GB2312), which must decode without
// replacement characters or ErrEncoding is returned.
func Decode(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", fmt.Errorf("decode utf-8 after bom: %w", ErrEncoding)
		}
		return string(data), nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", fmt.Errorf("decode utf-16: %w", ErrEncoding)
		}
		return string(out), nil
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", fmt.Errorf("decode gb18030: %w", ErrEncoding)
	}
	return string(out), nil
}

// SplitLines splits s on LF, CRLF and lone CR.
func SplitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

var markup = strings.NewReplacer("<b>", "", "</b>", "", "<B>", "", "</B>", "", "**", "")

// StripMarkup removes <b>…</b> tags and ** emphasis markers.
func StripMarkup(s string) string {
	if !strings.Contains(s, "<") && !strings.Contains(s, "**") {
		return s // nothing to remove (most lines): no copy
	}
	return markup.Replace(s)
}

// isBlank reports whether a line holds nothing but white space (including
// no-break and ideographic spaces) and tabs.
func isBlank(s string) bool {
	return strings.TrimFunc(s, isSpace) == ""
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00A0' || r == '\u3000' || r == '\uFEFF'
}

// cleanCell trims white space (including no-break and ideographic spaces).
func cleanCell(s string) string { return strings.TrimFunc(s, isSpace) }

// heading recognises a markdown heading "## text" and returns its level.
func heading(s string) (int, string, bool) {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 {
		return 0, "", false
	}
	rest := s[n:]
	t := cleanCell(rest)
	if t == "" {
		return 0, "", false
	}
	if rest != "" && !isSpace([]rune(rest)[0]) {
		// "#text" without a space: still a heading in this dialect only when
		// the text is not a number sign in prose ("#1").
		if r := []rune(t)[0]; r < 0x80 && !unicode.IsLetter(r) {
			return 0, "", false
		}
	}
	return n, t, true
}
