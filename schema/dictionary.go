package schema

import (
	"bufio"
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
)

//go:embed dictionary/*.tsv
var dictionaryFS embed.FS

// Entry is one line of the data dictionary.
type Entry struct {
	Kind    string // view, column or word
	View    string // view name, or the word group for kind word
	Name    string // column or word ("" for a view)
	Meaning string
	Type    string // DuckDB type of a column (filled by Describe)
}

// Dictionary returns the merged data dictionary (dictionary/*.tsv, in name
// order; a later entry with the same kind, view and name replaces an
// earlier one), in file order of first appearance.
func Dictionary() ([]Entry, error) {
	return loadDictionary(dictionaryFS, "dictionary")
}

func loadDictionary(fsys fs.FS, dir string) ([]Entry, error) {
	files, err := fs.Glob(fsys, dir+"/*.tsv")
	if err != nil {
		return nil, fmt.Errorf("read dictionary: %w", err)
	}
	sort.Strings(files)
	var out []Entry
	index := map[[3]string]int{}
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("read dictionary %s: %w", f, err)
		}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		line := 0
		for sc.Scan() {
			line++
			t := sc.Text()
			if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
				continue
			}
			p := strings.Split(t, "\t")
			if len(p) != 4 {
				return nil, fmt.Errorf("%s:%d: want 4 tab-separated fields, got %d", f, line, len(p))
			}
			e := Entry{Kind: p[0], View: p[1], Name: p[2], Meaning: p[3]}
			switch {
			case e.Kind == "view" && e.View != "" && e.Name == "":
			case (e.Kind == "column" || e.Kind == "word") && e.View != "" && e.Name != "":
			default:
				return nil, fmt.Errorf("%s:%d: bad entry %q", f, line, t)
			}
			if e.Meaning == "" {
				return nil, fmt.Errorf("%s:%d: %s %s.%s has no meaning", f, line, e.Kind, e.View, e.Name)
			}
			k := [3]string{e.Kind, e.View, e.Name}
			if i, ok := index[k]; ok {
				out[i] = e
				continue
			}
			index[k] = len(out)
			out = append(out, e)
		}
	}
	return out, nil
}

// ViewColumn is a column of a public view as DuckDB reports it.
type ViewColumn struct {
	View, Column, Type string
}

// ViewColumns lists the columns of every public view of the warehouse.
func (w *Warehouse) ViewColumns(ctx context.Context) ([]ViewColumn, error) {
	rows, err := w.db.QueryContext(ctx, stmt("view_columns"))
	if err != nil {
		return nil, fmt.Errorf("list view columns: %w", err)
	}
	defer rows.Close()
	var out []ViewColumn
	for rows.Next() {
		var c ViewColumn
		if err := rows.Scan(&c.View, &c.Column, &c.Type); err != nil {
			return nil, fmt.Errorf("list view columns: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Describe returns the data dictionary with the column types of a fresh
// in-memory warehouse filled in. Views and columns that exist in the
// warehouse but not in the dictionary are included with meaning
// "(undocumented)" so that nothing is hidden.
func Describe(ctx context.Context) ([]Entry, error) {
	dict, err := Dictionary()
	if err != nil {
		return nil, err
	}
	w, err := Open(ctx, "", Options{})
	if err != nil {
		return nil, err
	}
	defer w.Close()
	cols, err := w.ViewColumns(ctx)
	if err != nil {
		return nil, err
	}
	return merge(dict, cols), nil
}

// merge orders the dictionary by view (in dictionary order, then
// undocumented views), columns in the view's order, then word groups.
func merge(dict []Entry, cols []ViewColumn) []Entry {
	meaning := map[[3]string]string{}
	var viewOrder []string
	seenView := map[string]bool{}
	for _, e := range dict {
		meaning[[3]string{e.Kind, e.View, e.Name}] = e.Meaning
		if e.Kind == "view" && !seenView[e.View] {
			seenView[e.View] = true
			viewOrder = append(viewOrder, e.View)
		}
	}
	byView := map[string][]ViewColumn{}
	for _, c := range cols {
		if !seenView[c.View] {
			seenView[c.View] = true
			viewOrder = append(viewOrder, c.View)
		}
		byView[c.View] = append(byView[c.View], c)
	}
	var out []Entry
	for _, v := range viewOrder {
		m, ok := meaning[[3]string{"view", v, ""}]
		if !ok {
			m = "(undocumented)"
		}
		out = append(out, Entry{Kind: "view", View: v, Meaning: m})
		for _, c := range byView[v] {
			m, ok := meaning[[3]string{"column", v, c.Column}]
			if !ok {
				m = "(undocumented)"
			}
			out = append(out, Entry{Kind: "column", View: v, Name: c.Column, Type: c.Type, Meaning: m})
		}
	}
	for _, e := range dict {
		if e.Kind == "word" {
			out = append(out, e)
		}
	}
	return out
}

// WriteDictionary prints entries as text: each view with its columns
// (name, type, meaning), then each group of words.
func WriteDictionary(w io.Writer, entries []Entry) error {
	bw := bufio.NewWriter(w)
	group := ""
	for _, e := range entries {
		switch e.Kind {
		case "view":
			fmt.Fprintf(bw, "\nVIEW %s\n  %s\n", e.View, e.Meaning)
		case "column":
			fmt.Fprintf(bw, "  %-22s %-14s %s\n", e.Name, e.Type, e.Meaning)
		case "word":
			if e.View != group {
				group = e.View
				fmt.Fprintf(bw, "\nWORDS %s\n", group)
			}
			fmt.Fprintf(bw, "  %-28s %s\n", e.Name, e.Meaning)
		}
	}
	return bw.Flush()
}
