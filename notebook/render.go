package notebook

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/budgetwh/budgetwh/queries"
)

// ErrCellsFailed is returned (with a full page) when some cells failed.
var ErrCellsFailed = errors.New("notebook cells failed")

// MaxTableRows is how many result rows a cell's table shows.
const MaxTableRows = 200

// CellResult is the outcome of one SQL cell.
type CellResult struct {
	Line   int
	Rows   int
	Points int // data points drawn in the chart (0 without a chart)
	Err    error
}

// Report summarises a rendering.
type Report struct {
	Cells []CellResult // SQL cells in order
}

// Options tune Render.
type Options struct {
	// Now is printed in the page footer (default time.Now; tests fix it).
	Now func() time.Time
	// Library resolves query=NAME cells (default: the embedded library).
	Library *queries.Library
}

type cellView struct {
	Markdown  template.HTML
	SQL       string
	QueryName string
	Params    string
	Line      int
	Chart     template.HTML
	Columns   []colView
	Rows      [][]cellValue
	More      int
	Total     int
	Err       string
}

type colView struct {
	Name    string
	Numeric bool
}

type cellValue struct {
	Text    string
	Null    bool
	Numeric bool
}

// Render runs every SQL cell of nb against db and writes one
// self-contained HTML page to w. A failing cell is shown with its error and
// the page is still written; the error is then ErrCellsFailed naming the
// cells as file:line.
func Render(ctx context.Context, db *sql.DB, nb *Notebook, w io.Writer, opts Options) (Report, error) {
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	lib := opts.Library
	if lib == nil {
		l, err := queries.Load("")
		if err != nil {
			return Report{}, fmt.Errorf("render %s: %w", nb.Name, err)
		}
		lib = &l
	}
	var rep Report
	var views []cellView
	var failed []string
	for i, c := range nb.Cells {
		if c.Kind == "markdown" {
			views = append(views, cellView{Markdown: template.HTML(markdownHTML(c.Text))}) // #nosec: markdownHTML escapes all text
			continue
		}
		cr := CellResult{Line: c.Line}
		v := cellView{SQL: c.Text, Line: c.Line}
		q := queries.Query{Name: fmt.Sprintf("%s cell %d", nb.Name, i+1), SQL: c.Text}
		var res *queries.Result
		var err error
		if c.Query != "" {
			if q, err = lib.Get(c.Query); err == nil {
				v.SQL = q.SQL
				v.QueryName = c.Query
				v.Params = paramsText(c.Params)
			}
		}
		if err == nil {
			res, err = queries.Run(ctx, db, q, c.Params)
		}
		if err == nil && c.Chart != nil {
			var svg string
			svg, cr.Points, err = renderChart(c.Chart, res)
			v.Chart = template.HTML(svg) // #nosec: renderChart escapes every value
		}
		if err != nil {
			cr.Err = fmt.Errorf("%s:%d: %w", nb.Name, c.Line, err)
			v.Err = cr.Err.Error()
			failed = append(failed, fmt.Sprintf("%s:%d", nb.Name, c.Line))
		}
		if res != nil {
			cr.Rows = len(res.Rows)
			v.Total = len(res.Rows)
			for _, col := range res.Columns {
				v.Columns = append(v.Columns, colView{Name: col.Name, Numeric: numericType(col.Type)})
			}
			for ri, r := range res.Rows {
				if ri == MaxTableRows {
					v.More = len(res.Rows) - MaxTableRows
					break
				}
				row := make([]cellValue, len(r))
				for j, x := range r {
					row[j] = cellValue{Text: queries.Text(res.Columns[j], x), Null: x == nil, Numeric: v.Columns[j].Numeric}
				}
				v.Rows = append(v.Rows, row)
			}
		}
		rep.Cells = append(rep.Cells, cr)
		views = append(views, v)
	}
	data := struct {
		Title     string
		Name      string
		Generated string
		Cells     []cellView
	}{nb.Title, nb.Name, now().UTC().Format("2006-01-02 15:04 UTC"), views}
	if err := pageTmpl.Execute(w, data); err != nil {
		return rep, fmt.Errorf("render %s: %w", nb.Name, err)
	}
	if len(failed) > 0 {
		return rep, fmt.Errorf("render %s: %w: %s", nb.Name, ErrCellsFailed, strings.Join(failed, ", "))
	}
	return rep, nil
}

func paramsText(p map[string]string) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + p[k]
	}
	return strings.Join(parts, ", ")
}

func numericType(t string) bool {
	return strings.HasPrefix(t, "DECIMAL") || strings.Contains(t, "INT") || t == "DOUBLE" || t == "FLOAT"
}

var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.55}
h1,h2,h3{line-height:1.25}
pre,code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em}
pre{background:#f6f8fa;padding:.8em;overflow-x:auto;border-radius:4px}
details{margin:.6em 0}
summary{cursor:pointer;color:#555}
table.result,table.md{border-collapse:collapse;margin:.6em 0;font-size:.88em}
table.result th,table.result td,table.md th,table.md td{border:1px solid #ddd;padding:.25em .5em}
table.result th{background:#f0f3f6;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.null{color:#aaa}
.scroll{max-height:420px;overflow:auto}
.error{background:#fdecea;border:1px solid #f5c2c0;color:#8a1c15;padding:.6em;border-radius:4px;white-space:pre-wrap}
.cell{margin:1.4em 0}
.note{color:#666;font-size:.85em}
blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1em;color:#555}
svg.chart{display:block;margin:.6em 0;max-width:100%;height:auto;font-size:11px}
svg .grid{stroke:#e5e5e5}
svg .ylab{text-anchor:end;fill:#555}
svg .xlab{text-anchor:middle;fill:#555}
svg .blab{text-anchor:end;fill:#333}
svg .bval{fill:#555}
svg .axis{text-anchor:middle;fill:#333;font-weight:600}
svg .ctitle{font-weight:600;font-size:13px}
svg .legend{fill:#333}
svg .nodata{fill:#a00}
footer{margin-top:3em;color:#888;font-size:.8em}
</style>
</head>
<body>
{{range .Cells}}{{if .Markdown}}<section class="prose">{{.Markdown}}</section>
{{else}}<section class="cell" data-line="{{.Line}}">
<details><summary>{{if .QueryName}}query {{.QueryName}}{{if .Params}} ({{.Params}}){{end}}{{else}}SQL{{end}} (line {{.Line}})</summary><pre><code>{{.SQL}}</code></pre></details>
{{if .Err}}<div class="error">{{.Err}}</div>
{{end}}{{if .Chart}}{{.Chart}}
{{end}}{{if .Columns}}<div class="scroll"><table class="result">
<thead><tr>{{range .Columns}}<th>{{.Name}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range .}}<td{{if .Null}} class="null"{{else if .Numeric}} class="num"{{end}}>{{if .Null}}NULL{{else}}{{.Text}}{{end}}</td>{{end}}</tr>
{{end}}</tbody></table></div>
<p class="note">{{.Total}} rows{{if .More}}; the first 200 shown{{end}}.</p>
{{end}}</section>
{{end}}{{end}}
<footer>{{.Name}} — rendered by budgetwh notebook render, {{.Generated}}. Amounts are yuan (元) unless a column says otherwise.</footer>
</body>
</html>
`))
