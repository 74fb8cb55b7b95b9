package notebook

import (
	"bufio"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrBadCell marks a malformed cell or chart spec.
var ErrBadCell = errors.New("bad notebook cell")

// Chart kinds.
const (
	ChartLine = "line"
	ChartBar  = "bar"
	ChartHist = "hist"
)

// Chart is a cell's chart spec.
type Chart struct {
	Kind   string // line, bar, hist
	X      string // column: x axis (line), category (bar), values (hist)
	Y      string // column: y value (line, bar)
	Series string // column: one line / bar group per value (optional)
	Title  string
	Bins   int // hist only (default 10)
}

// Cell is a piece of a notebook: Markdown prose or an SQL query.
type Cell struct {
	Kind  string // "markdown" or "sql"
	Text  string // Markdown text or SQL
	Chart *Chart // SQL cells only; nil for a table only
	Line  int    // 1-based line of the cell's start in the file
	// Query names a query of the library to run instead of Text
	// (fence words query=NAME param.K=V …); Params are its parameters.
	Query  string
	Params map[string]string
}

// Notebook is a parsed notebook file.
type Notebook struct {
	Name  string
	Title string // the first # heading, else Name
	Cells []Cell
}

// Parse splits a Markdown notebook into prose and ```sql cells. Other
// fenced blocks stay prose. Errors carry the file:line position.
func Parse(name string, src []byte) (*Notebook, error) {
	nb := &Notebook{Name: name}
	var md []string
	mdStart := 1
	flush := func() {
		text := strings.Trim(strings.Join(md, "\n"), "\n")
		if strings.TrimSpace(text) != "" {
			nb.Cells = append(nb.Cells, Cell{Kind: "markdown", Text: text, Line: mdStart})
		}
		md = nil
	}
	sc := bufio.NewScanner(strings.NewReader(strings.ReplaceAll(string(src), "\r\n", "\n")))
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	lineNo := 0
	var cell *Cell
	var body []string
	inOther := false
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		trim := strings.TrimSpace(line)
		switch {
		case cell != nil:
			if trim == "```" {
				cell.Text = strings.TrimSpace(strings.Join(body, "\n"))
				if cell.Text == "" && cell.Query == "" {
					return nil, fmt.Errorf("%s:%d: %w: empty sql cell", name, cell.Line, ErrBadCell)
				}
				if cell.Text != "" && cell.Query != "" {
					return nil, fmt.Errorf("%s:%d: %w: a query= cell has no SQL of its own", name, cell.Line, ErrBadCell)
				}
				nb.Cells = append(nb.Cells, *cell)
				cell, body = nil, nil
				mdStart = lineNo + 1
				continue
			}
			body = append(body, line)
		case inOther:
			md = append(md, line)
			if strings.HasPrefix(trim, "```") {
				inOther = false
			}
		case strings.HasPrefix(trim, "```sql"):
			flush()
			spec, err := parseSpec(strings.TrimSpace(strings.TrimPrefix(trim, "```sql")))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, lineNo, err)
			}
			cell = &Cell{Kind: "sql", Chart: spec.chart, Query: spec.query, Params: spec.params, Line: lineNo}
		case strings.HasPrefix(trim, "```"):
			if len(md) == 0 {
				mdStart = lineNo
			}
			md = append(md, line)
			inOther = true
		default:
			if len(md) == 0 {
				mdStart = lineNo
			}
			if nb.Title == "" && strings.HasPrefix(trim, "# ") {
				nb.Title = strings.TrimSpace(strings.TrimPrefix(trim, "# "))
			}
			md = append(md, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if cell != nil {
		return nil, fmt.Errorf("%s:%d: %w: sql cell is not closed with ```", name, cell.Line, ErrBadCell)
	}
	flush()
	if nb.Title == "" {
		nb.Title = name
	}
	return nb, nil
}

type spec struct {
	chart  *Chart
	query  string
	params map[string]string
}

// parseSpec reads the fence's key=value words (values may be "double
// quoted"): chart keys, query=NAME and param.NAME=VALUE.
func parseSpec(s string) (spec, error) {
	var sp spec
	if s == "" {
		return sp, nil
	}
	kv := map[string]string{}
	for s != "" {
		s = strings.TrimSpace(s)
		k, rest, ok := strings.Cut(s, "=")
		if !ok || strings.ContainsAny(k, " \t\"") || k == "" {
			return sp, fmt.Errorf("%w: want key=value on the fence line, got %q", ErrBadCell, s)
		}
		var v string
		if strings.HasPrefix(rest, `"`) {
			end := strings.Index(rest[1:], `"`)
			if end < 0 {
				return sp, fmt.Errorf("%w: unterminated quote on the fence line", ErrBadCell)
			}
			v, s = rest[1:end+1], rest[end+2:]
		} else {
			v, s, _ = strings.Cut(rest, " ")
		}
		if _, dup := kv[k]; dup {
			return sp, fmt.Errorf("%w: %s given twice", ErrBadCell, k)
		}
		if pk, ok := strings.CutPrefix(k, "param."); ok {
			if pk == "" {
				return sp, fmt.Errorf("%w: empty parameter name", ErrBadCell)
			}
			if _, dup := sp.params[pk]; dup {
				return sp, fmt.Errorf("%w: %s given twice", ErrBadCell, k)
			}
			if sp.params == nil {
				sp.params = map[string]string{}
			}
			sp.params[pk] = v
			continue
		}
		kv[k] = v
	}
	if q, ok := kv["query"]; ok {
		if q == "" {
			return sp, fmt.Errorf("%w: empty query=", ErrBadCell)
		}
		sp.query = q
		delete(kv, "query")
	}
	if sp.params != nil && sp.query == "" {
		return sp, fmt.Errorf("%w: param.* without query=", ErrBadCell)
	}
	if len(kv) == 0 {
		return sp, nil
	}
	c := &Chart{Kind: kv["chart"], X: kv["x"], Y: kv["y"], Series: kv["series"], Title: kv["title"], Bins: 10}
	for k := range kv {
		switch k {
		case "chart", "x", "y", "series", "title", "bins":
		default:
			return sp, fmt.Errorf("%w: unknown chart key %q", ErrBadCell, k)
		}
	}
	if b, ok := kv["bins"]; ok {
		n, err := strconv.Atoi(b)
		if err != nil || n < 1 || n > 200 {
			return sp, fmt.Errorf("%w: bins=%q (want 1..200)", ErrBadCell, b)
		}
		c.Bins = n
	}
	switch c.Kind {
	case ChartLine, ChartBar:
		if c.X == "" || c.Y == "" {
			return sp, fmt.Errorf("%w: chart=%s needs x= and y=", ErrBadCell, c.Kind)
		}
	case ChartHist:
		if c.X == "" {
			return sp, fmt.Errorf("%w: chart=hist needs x=", ErrBadCell)
		}
	case "":
		return sp, fmt.Errorf("%w: chart spec without chart=", ErrBadCell)
	default:
		return sp, fmt.Errorf("%w: unknown chart kind %q (want line, bar or hist)", ErrBadCell, c.Kind)
	}
	sp.chart = c
	return sp, nil
}
