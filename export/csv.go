package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
)

// bom is the UTF-8 byte-order mark written at the start of CSV files unless
// Options.NoBOM is set.
const bom = "\uFEFF"

// csvPart writes one CSV file: a header row, then one line per row; NULL is
// an empty cell, decimals keep their scale, nested values are JSON.
type csvPart struct {
	sf   *stagedFile
	bw   *bufio.Writer
	w    *csv.Writer
	cols []Column
	rec  []string
	rows int64
}

func newCSVPart(sf *stagedFile, cols []Column, withBOM bool) (*csvPart, error) {
	bw := bufio.NewWriterSize(sf, 1<<16)
	if withBOM {
		if _, err := bw.WriteString(bom); err != nil {
			return nil, fmt.Errorf("write %s: %w", sf.rel, err)
		}
	}
	p := &csvPart{sf: sf, bw: bw, w: csv.NewWriter(bw), cols: cols, rec: make([]string, len(cols))}
	for i, c := range cols {
		p.rec[i] = c.Name
	}
	if err := p.w.Write(p.rec); err != nil {
		return nil, fmt.Errorf("write %s: %w", sf.rel, err)
	}
	return p, nil
}

func (p *csvPart) write(vals []any) error {
	for i, v := range vals {
		if v == nil {
			p.rec[i] = ""
			continue
		}
		s, err := p.cols[i].text(v)
		if err != nil {
			return fmt.Errorf("write %s row %d: %w", p.sf.rel, p.rows+1, err)
		}
		p.rec[i] = s
	}
	p.rows++
	if err := p.w.Write(p.rec); err != nil {
		return fmt.Errorf("write %s: %w", p.sf.rel, err)
	}
	return nil
}

func (p *csvPart) finish() (FileEntry, error) {
	p.w.Flush()
	if err := p.w.Error(); err != nil {
		p.sf.abort()
		return FileEntry{}, fmt.Errorf("write %s: %w", p.sf.rel, err)
	}
	if err := p.bw.Flush(); err != nil {
		p.sf.abort()
		return FileEntry{}, fmt.Errorf("write %s: %w", p.sf.rel, err)
	}
	return p.sf.finish(p.rows)
}

func (p *csvPart) abort() { p.sf.abort() }
