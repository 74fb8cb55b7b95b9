package identity

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/budgetwh/budgetwh/model"
)

//go:embed sql/*.sql
var sqlFS embed.FS

func query(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic("identity: missing embedded statement " + name) // programming error, caught by tests
	}
	return string(b)
}

// RuleStale is the finding rule for a document whose stored department_id
// differs from the one the current alias file gives.
const RuleStale = "identity.stale"

// Department is one identity of a warehouse with its wordings and evidence.
type Department struct {
	ID            string      `json:"department_id"`
	CanonicalName string      `json:"canonical_name"`
	Region        string      `json:"region"`
	Code          string      `json:"department_code"`
	Names         []Wording   `json:"names"`
	Evidence      []string    `json:"evidence"`
	Documents     []DocumentI `json:"documents"`
}

// Wording is a published wording with the years it was used.
type Wording struct {
	Name   string `json:"name"`
	Years  []int  `json:"years"`
	Source string `json:"source"` // table or other
}

// DocumentI is one document of a department and how its identity arose.
type DocumentI struct {
	DocID      string `json:"doc_id"`
	FiscalYear int    `json:"fiscal_year"`
	Kind       string `json:"kind"`
	Level      string `json:"level"`
	Status     string `json:"status"`
	Basis      string `json:"basis"`
	Key        string `json:"key"`
}

// Listing is what `budgetwh departments` prints.
type Listing struct {
	Departments []Department    `json:"departments"`
	Findings    []model.Finding `json:"findings"`
}

// List reads the departments of a warehouse (views departments and
// department_wordings), re-derives each document's identity with a to state
// the evidence of every merge (alias rows included), and adds findings:
// identity.ambiguous for look-alike departments and identity.stale for
// documents whose stored id the current aliases would change.
func List(ctx context.Context, db *sql.DB, a *Aliases) (*Listing, error) {
	rows, err := db.QueryContext(ctx, query("departments"))
	if err != nil {
		return nil, fmt.Errorf("list departments: %w", err)
	}
	var out Listing
	index := map[string]int{}
	for rows.Next() {
		var d Department
		if err := rows.Scan(&d.ID, &d.CanonicalName, &d.Region, &d.Code); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list departments: %w", err)
		}
		index[d.ID] = len(out.Departments)
		out.Departments = append(out.Departments, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list departments: %w", err)
	}

	type docRow struct {
		dept string
		id   model.Identity
		info DocumentI
	}
	docs := map[string]*docRow{}
	var order []string
	rows, err = db.QueryContext(ctx, query("department_wordings"))
	if err != nil {
		return nil, fmt.Errorf("list department wordings: %w", err)
	}
	years := map[string]map[string]map[int]bool{} // dept → wording → years
	sources := map[string]map[string]string{}     // dept → wording → source
	for rows.Next() {
		var dept, docID, kind, level, status, code, region, wording, source string
		var year int
		if err := rows.Scan(&dept, &docID, &year, &kind, &level, &status, &code, &region, &wording, &source); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list department wordings: %w", err)
		}
		r := docs[docID]
		if r == nil {
			r = &docRow{dept: dept, id: model.Identity{DocID: docID, DepartmentCode: code, Region: region, FiscalYear: year,
				Kind: kind, Level: level, DepartmentID: dept},
				info: DocumentI{DocID: docID, FiscalYear: year, Kind: kind, Level: level, Status: status}}
			docs[docID] = r
			order = append(order, docID)
		}
		if source == "table" && r.id.Department == "" {
			r.id.Department = wording
		} else {
			r.id.DepartmentNames = append(r.id.DepartmentNames, wording)
		}
		if years[dept] == nil {
			years[dept], sources[dept] = map[string]map[int]bool{}, map[string]string{}
		}
		if years[dept][wording] == nil {
			years[dept][wording] = map[int]bool{}
		}
		if year != 0 {
			years[dept][wording][year] = true
		}
		if source > sources[dept][wording] {
			sources[dept][wording] = source
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list department wordings: %w", err)
	}

	evidence := map[string]map[string]bool{}
	var idents []model.Identity
	for _, docID := range order {
		r := docs[docID]
		res := Explain(r.id, a)
		r.info.Basis, r.info.Key = res.Basis, res.Key
		if res.ID != r.dept {
			out.Findings = append(out.Findings, model.Finding{
				Rule: RuleStale, Severity: model.SeverityWarning,
				Message: fmt.Sprintf("document %s is stored under %s but the current alias file gives %s (%s): re-ingest it to apply the aliases",
					docID, r.dept, res.ID, res.Key),
				Expected: res.ID, Actual: r.dept, SourceRef: docID,
			})
		}
		if evidence[r.dept] == nil {
			evidence[r.dept] = map[string]bool{}
		}
		for _, e := range res.Evidence {
			evidence[r.dept][e] = true
		}
		i, ok := index[r.dept]
		if !ok {
			continue
		}
		out.Departments[i].Documents = append(out.Departments[i].Documents, r.info)
		idents = append(idents, r.id)
	}
	for i := range out.Departments {
		d := &out.Departments[i]
		d.Evidence = sortedKeys(evidence[d.ID])
		for w, ys := range years[d.ID] {
			wd := Wording{Name: w, Source: sources[d.ID][w], Years: []int{}}
			for y := range ys {
				wd.Years = append(wd.Years, y)
			}
			sort.Ints(wd.Years)
			d.Names = append(d.Names, wd)
		}
		sort.Slice(d.Names, func(a, b int) bool {
			x, y := d.Names[a], d.Names[b]
			if x.Source != y.Source {
				return x.Source > y.Source // table first
			}
			if fx, fy := firstYear(x), firstYear(y); fx != fy {
				return fx < fy
			}
			return x.Name < y.Name
		})
		if n := len(d.Documents); n > 1 {
			d.Evidence = append(d.Evidence, fmt.Sprintf("%d documents share key %s", n, strings.Join(distinctKeys(d.Documents), " / ")))
		}
	}
	out.Findings = append(out.Findings, Ambiguities(idents)...)
	return &out, nil
}

func firstYear(w Wording) int {
	if len(w.Years) == 0 {
		return 1 << 30
	}
	return w.Years[0]
}

func distinctKeys(ds []DocumentI) []string {
	m := map[string]bool{}
	for _, d := range ds {
		m[d.Key] = true
	}
	return sortedKeys(m)
}

// AssignFunc returns an Assign stage bound to a, for app.Pipeline.Assign.
func AssignFunc(a *Aliases) func(*model.Identity) {
	return func(id *model.Identity) { Assign(id, a) }
}

// LoadAliasesWith returns the shipped aliases, overridden by the user's
// alias file at path when path is not empty (the --aliases flag).
func LoadAliasesWith(path string) (*Aliases, error) {
	def, err := DefaultAliases()
	if err != nil {
		return nil, err
	}
	if path == "" {
		return def, nil
	}
	user, err := LoadAliasesFile(path)
	if err != nil {
		return nil, err
	}
	return def.With(user), nil
}

// MarshalJSON writes the listing with lower-case finding fields, like the
// findings view's columns.
func (l Listing) MarshalJSON() ([]byte, error) {
	type finding struct {
		Rule      string `json:"rule"`
		Severity  string `json:"severity"`
		Message   string `json:"message"`
		Expected  string `json:"expected"`
		Actual    string `json:"actual"`
		SourceRef string `json:"source_ref"`
	}
	out := struct {
		Departments []Department `json:"departments"`
		Findings    []finding    `json:"findings"`
	}{Departments: l.Departments, Findings: []finding{}}
	if out.Departments == nil {
		out.Departments = []Department{}
	}
	for _, f := range l.Findings {
		out.Findings = append(out.Findings, finding(f))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
