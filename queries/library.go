package queries

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

//go:embed *.sql data/*.csv
var embedded embed.FS

// Sentinel errors.
var (
	ErrUnknownQuery = errors.New("unknown query")
	ErrUnknownParam = errors.New("unknown parameter")
	ErrBadValue     = errors.New("bad parameter value")
	ErrBadHeader    = errors.New("bad query header")
)

// Param types.
const (
	TypeInt     = "int"
	TypeDecimal = "decimal"
	TypeText    = "text"
	TypeBool    = "bool"
	TypeDate    = "date"
)

// Param is one declared parameter of a query.
type Param struct {
	Name    string
	Type    string // int, decimal, text, bool, date
	Default string // as written in the header; "null" means SQL NULL
}

// Query is one named SQL query.
type Query struct {
	Name        string
	Description string
	Params      []Param
	Data        []string // names of CSV data tables loaded before running
	SQL         string   // the whole file, header included
	Source      string   // "embedded:<file>" or the path of a team's file
	dataFS      fs.FS    // where data/<name>.csv files are looked up
}

// Param returns the declared parameter called name.
func (q Query) Param(name string) (Param, bool) {
	for _, p := range q.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// Library is a set of queries by name.
type Library struct {
	byName map[string]Query
}

// Load returns the embedded queries plus, when extraDir is not empty, every
// *.sql file in extraDir (whose data tables are looked up in extraDir/data
// first, then among the embedded ones). A team's query may replace an
// embedded one of the same name; two team files with one name are an error.
func Load(extraDir string) (Library, error) {
	lib := Library{byName: map[string]Query{}}
	if err := lib.addFS(embedded, "embedded:", embedded, false); err != nil {
		return lib, err
	}
	if extraDir != "" {
		st, err := os.Stat(extraDir)
		if err != nil {
			return lib, fmt.Errorf("load queries: %w", err)
		}
		if !st.IsDir() {
			return lib, fmt.Errorf("load queries: %s is not a directory", extraDir)
		}
		dfs := layeredFS{os.DirFS(extraDir), embedded}
		if err := lib.addFS(os.DirFS(extraDir), filepath.Clean(extraDir)+string(filepath.Separator), dfs, true); err != nil {
			return lib, err
		}
	}
	return lib, nil
}

func (l *Library) addFS(fsys fs.FS, prefix string, dataFS fs.FS, override bool) error {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return fmt.Errorf("load queries: %w", err)
	}
	sort.Strings(names)
	seen := map[string]string{}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return fmt.Errorf("load queries: %w", err)
		}
		q, err := Parse(prefix+n, string(b))
		if err != nil {
			return err
		}
		q.dataFS = dataFS
		if prev, dup := seen[q.Name]; dup {
			return fmt.Errorf("load queries: %s: %w: name %q already used by %s", q.Source, ErrBadHeader, q.Name, prev)
		}
		seen[q.Name] = q.Source
		if _, exists := l.byName[q.Name]; exists && !override {
			return fmt.Errorf("load queries: %s: %w: duplicate name %q", q.Source, ErrBadHeader, q.Name)
		}
		l.byName[q.Name] = q
	}
	return nil
}

// List returns the queries sorted by name.
func (l Library) List() []Query {
	out := make([]Query, 0, len(l.byName))
	for _, q := range l.byName {
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Get returns the query called name.
func (l Library) Get(name string) (Query, error) {
	q, ok := l.byName[name]
	if !ok {
		return Query{}, fmt.Errorf("get query %q: %w", name, ErrUnknownQuery)
	}
	return q, nil
}

var (
	nameRe  = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	placeRe = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
)

// Parse reads a query file: its header lines (-- name:, -- description:,
// -- params:, -- data:) and its SQL. source is used in error positions.
func Parse(source, text string) (Query, error) {
	q := Query{SQL: text, Source: source}
	bad := func(line int, format string, a ...any) error {
		return fmt.Errorf("%s:%d: %w: %s", source, line, ErrBadHeader, fmt.Sprintf(format, a...))
	}
	for i, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, "--") {
			break // the header ends at the first SQL line
		}
		body := strings.TrimSpace(strings.TrimPrefix(t, "--"))
		key, val, ok := strings.Cut(body, ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "name":
			if !nameRe.MatchString(val) {
				return q, bad(i+1, "name %q is not lower_snake_case", val)
			}
			q.Name = val
		case "description":
			q.Description = val
		case "params":
			ps, err := parseParams(val)
			if err != nil {
				return q, bad(i+1, "%v", err)
			}
			q.Params = append(q.Params, ps...)
		case "data":
			for _, d := range strings.Split(val, ",") {
				d = strings.TrimSpace(d)
				if !nameRe.MatchString(d) {
					return q, bad(i+1, "data table %q is not lower_snake_case", d)
				}
				q.Data = append(q.Data, d)
			}
		}
	}
	if q.Name == "" {
		return q, bad(1, "missing -- name:")
	}
	if q.Description == "" {
		return q, bad(1, "missing -- description:")
	}
	declared := map[string]bool{}
	for _, p := range q.Params {
		if declared[p.Name] {
			return q, bad(1, "parameter %q declared twice", p.Name)
		}
		declared[p.Name] = true
	}
	used := map[string]bool{}
	for _, m := range placeRe.FindAllStringSubmatch(stripComments(text), -1) {
		used[m[1]] = true
		if !declared[m[1]] {
			return q, bad(1, "$%s is used but not declared in -- params:", m[1])
		}
	}
	for _, p := range q.Params {
		if !used[p.Name] {
			return q, bad(1, "parameter %q is declared but not used", p.Name)
		}
	}
	return q, nil
}

func parseParams(s string) ([]Param, error) {
	if strings.TrimSpace(s) == "" || strings.TrimSpace(s) == "none" {
		return nil, nil
	}
	var out []Param
	for _, part := range strings.Split(s, ",") {
		f := strings.Fields(part)
		if len(f) != 3 {
			return nil, fmt.Errorf("param %q: want \"name type default\"", strings.TrimSpace(part))
		}
		p := Param{Name: f[0], Type: f[1], Default: f[2]}
		if !nameRe.MatchString(p.Name) {
			return nil, fmt.Errorf("param name %q is not lower_snake_case", p.Name)
		}
		switch p.Type {
		case TypeInt, TypeDecimal, TypeText, TypeBool, TypeDate:
		default:
			return nil, fmt.Errorf("param %s: unknown type %q (want int, decimal, text, bool or date)", p.Name, p.Type)
		}
		if p.Default != "null" {
			if _, err := convert(p, p.Default); err != nil {
				return nil, fmt.Errorf("param %s: default: %v", p.Name, err)
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// stripComments removes -- comments and string literals so that a "$x"
// inside either is not taken for a placeholder.
func stripComments(s string) string {
	var b strings.Builder
	inStr := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr:
			if c == '\'' {
				inStr = false
			}
		case c == '\'':
			inStr = true
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			b.WriteByte('\n')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// layeredFS looks a data file up in a team's directory first, then among
// the embedded files.
type layeredFS []fs.FS

func (l layeredFS) Open(name string) (fs.File, error) {
	var first error
	for _, f := range l {
		file, err := f.Open(name)
		if err == nil {
			return file, nil
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}

// dataPath is the path of a data table's CSV inside a query's data FS.
func dataPath(name string) string { return path.Join("data", name+".csv") }
