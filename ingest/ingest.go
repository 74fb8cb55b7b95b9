// Package ingest finds publications on disk and reads them into the block
// model: Discover expands files and folders into Sources (grouping
// X.part1.pdf + X.part2.pdf into one), Read dispatches each part to the
// reader for its extension (ingest/text, ingest/pdf, ingest/xlsx) and joins
// the parts' blocks, and DocID is the sha256 of the parts' bytes in order.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/pdf"
	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/ingest/xlsx"
)

// Size limits for hostile input.
const (
	// MaxFileSize is the largest source file read (512 MiB).
	MaxFileSize int64 = 512 << 20
	// MaxSourceSize is the largest total of a multi-part source (1 GiB).
	MaxSourceSize int64 = 1 << 30
	// MaxTextSize is the largest text-dialect file read (32 MiB). Text
	// publications are a few hundred KiB; parsing holds about ten times the
	// file size in memory, so a 200 MiB text file would need gigabytes.
	MaxTextSize int64 = 32 << 20
)

// sizeLimit is the largest file read for part p.
func sizeLimit(p Part) int64 {
	format := p.Format
	if format == "" {
		format = FormatOf(p.Path)
	}
	if format == FormatText {
		return MaxTextSize
	}
	return MaxFileSize
}

// ErrUnsupportedFormat is returned for a file whose format has no reader
// (an unknown extension, or a reader not built in).
var ErrUnsupportedFormat = errors.New("unsupported format")

// ErrTooLarge is returned for a file over MaxFileSize (MaxTextSize for text).
var ErrTooLarge = errors.New("file too large")

// ReadFunc is the signature of a format reader.
type ReadFunc func(ctx context.Context, name string, data []byte) (*doc.Document, error)

// Readers maps a format to its reader. Formats without an entry fail with
// ErrUnsupportedFormat.
var Readers = map[string]ReadFunc{
	FormatText: text.Read,
	FormatPDF:  pdf.Read,
	FormatXLSX: xlsx.Read,
}

// Loaded is a source read into blocks, with its document id.
type Loaded struct {
	Doc   *doc.Document
	DocID string
}

// Read reads every part of src and returns one document (see Load).
func Read(ctx context.Context, src Source) (*doc.Document, error) {
	l, err := Load(ctx, src)
	if err != nil {
		return nil, err
	}
	return l.Doc, nil
}

// Load reads every part of src with the reader of its format and joins them
// into one document: blocks in part order, refs of a multi-part document
// carrying Part (1-based) and File (base name), Lines, Bytes and Raw summed.
// DocID is the hex sha256 of the parts' bytes concatenated in order. A
// reader that panics yields an error, never a crash.
func Load(ctx context.Context, src Source) (*Loaded, error) {
	if len(src.Parts) == 0 {
		return nil, fmt.Errorf("read source: no files")
	}
	h := sha256.New()
	out := &doc.Document{}
	var total int64
	formats := map[string]bool{}
	for i, p := range src.Parts {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("read %s: %w", p.Path, err)
		}
		data, err := readFile(p.Path, sizeLimit(p))
		if err != nil {
			return nil, err
		}
		total += int64(len(data))
		if total > MaxSourceSize {
			return nil, fmt.Errorf("read %s: %w: the parts exceed %d MiB together", p.Path, ErrTooLarge, MaxSourceSize>>20)
		}
		h.Write(data)
		d, err := readPart(ctx, p, data)
		if err != nil {
			return nil, err
		}
		if len(src.Parts) > 1 {
			setPart(d, i+1, filepath.Base(p.Path))
		}
		formats[d.Format] = true
		if out.Format == "" {
			out.Format = d.Format
		}
		out.Paths = append(out.Paths, p.Path)
		out.Blocks = append(out.Blocks, d.Blocks...)
		out.Lines += d.Lines
		out.Bytes += int64(len(data))
		if i > 0 && out.Raw != "" {
			out.Raw += "\n"
		}
		out.Raw += d.Raw
	}
	if len(formats) > 1 {
		out.Format = "mixed"
	}
	return &Loaded{Doc: out, DocID: hex.EncodeToString(h.Sum(nil))}, nil
}

// DocID returns the document id of src without parsing it.
func DocID(src Source) (string, error) {
	h := sha256.New()
	for _, p := range src.Parts {
		data, err := readFile(p.Path, sizeLimit(p))
		if err != nil {
			return "", err
		}
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func readFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("read %s: not a regular file", path)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("read %s: %w: %d bytes (limit %d MiB)", path, ErrTooLarge, st.Size(), limit>>20)
	}
	// Read at most limit+1 bytes: the file may grow after Stat.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("read %s: %w (limit %d MiB)", path, ErrTooLarge, limit>>20)
	}
	return data, nil
}

func readPart(ctx context.Context, p Part, data []byte) (d *doc.Document, err error) {
	format := p.Format
	if format == "" {
		format = FormatOf(p.Path)
	}
	read, ok := Readers[format]
	if !ok {
		ext := filepath.Ext(p.Path)
		if format != "" {
			return nil, fmt.Errorf("read %s: %w: no %s reader in this build", p.Path, ErrUnsupportedFormat, format)
		}
		return nil, fmt.Errorf("read %s: %w: extension %q (want .txt, .text, .md, .pdf or .xlsx)", p.Path, ErrUnsupportedFormat, ext)
	}
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("read %s: reader panic: %v", p.Path, r)
		}
	}()
	d, err = read(ctx, p.Path, data)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fmt.Errorf("read %s: reader returned no document", p.Path)
	}
	if d.Format == "" {
		d.Format = format
	}
	return d, nil
}

// setPart stamps every ref of d with the part number and file name.
func setPart(d *doc.Document, part int, file string) {
	for i := range d.Blocks {
		b := &d.Blocks[i]
		b.Ref.Part, b.Ref.File = part, file
		for j := range b.Rows {
			b.Rows[j].Ref.Part, b.Rows[j].Ref.File = part, file
		}
	}
}
