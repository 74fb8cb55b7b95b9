package schema

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/budgetwh/budgetwh/model"
)

// ErrNoDocument is returned by LoadDisclosure for a doc_id that is not stored.
var ErrNoDocument = errors.New("no such document")

// ParseRulePrefix starts the rule ids of the findings the interpreter makes
// while parsing (parse.bad_amount, …). LoadDisclosure returns those findings
// only: every other finding is a rule's, and re-running the rules recreates
// it.
const ParseRulePrefix = "parse."

// LoadDisclosure rebuilds the model.Disclosure of a stored document from the
// core tables, inverting what Write stored: identity and line counts
// (documents), Tables, Totals, FuncAmounts, EconAmounts, ThreePublic,
// Projects with their Funds and Form index, Forms with Sources, Fields,
// Indicators and ProjectIndex, Narrative, Paragraphs, Cells, Unaccounted,
// the stored Quarantine reasons, Raw (kept for quarantined documents only)
// and the parse-time findings (rule prefix ParseRulePrefix).
//
// What is not stored comes back as follows: amounts are rounded to the
// column's scale (yuan to 0.01, narrative values to 0.0001, indicator
// values to 0.000001); a project's or form's MatchScore is 0 where it has
// no match (Form / ProjectIndex -1); Raw is empty for a loaded document;
// Findings hold no rule finding. A quarantined document has no fact rows,
// so its Disclosure has its identity, reasons and raw text only.
//
// The rows are read in one transaction (a consistent snapshot); it works on
// a read-only warehouse. An unknown doc_id yields ErrNoDocument.
func (w *Warehouse) LoadDisclosure(ctx context.Context, docID string) (*model.Disclosure, error) {
	ds, err := w.LoadDisclosures(ctx, []string{docID})
	if err != nil {
		return nil, err
	}
	return ds[0], nil
}

// LoadDisclosures is LoadDisclosure for several documents, read with one
// query per core table for all of them (the tables have no index on doc_id,
// so a query per document would scan them once per document). The result
// is in the order of docIDs (a doc_id given twice yields the same value
// twice); an unknown doc_id yields ErrNoDocument.
func (w *Warehouse) LoadDisclosures(ctx context.Context, docIDs []string) ([]*model.Disclosure, error) {
	name := "documents"
	if len(docIDs) == 1 {
		name = docIDs[0]
	}
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("load document %s: %w", name, err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only transaction
	ds, err := loadDisclosures(ctx, tx, docIDs)
	if err != nil {
		return nil, fmt.Errorf("load document %s: %w", name, err)
	}
	return ds, nil
}

// loader reads documents' rows, within a transaction or not.
type loader struct {
	ctx  context.Context
	q    querier // *sql.Tx or *sql.DB
	args []any   // the statement's parameters
	docs map[string]*docState
}

// querier runs a query: *sql.Tx or *sql.DB.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// docState is one document being rebuilt.
type docState struct {
	d *model.Disclosure
	// projects and forms map a stored seq to its index in the slice.
	projects, forms map[int]int
}

func (l *loader) doc(docID string) (*docState, error) {
	st, ok := l.docs[docID]
	if !ok {
		return nil, fmt.Errorf("row of document %s, which was not asked for", docID)
	}
	return st, nil
}

func loadDisclosures(ctx context.Context, tx *sql.Tx, docIDs []string) ([]*model.Disclosure, error) {
	ids := make([]string, 0, len(docIDs))
	l := &loader{ctx: ctx, q: tx, docs: map[string]*docState{}}
	for _, id := range docIDs {
		if _, ok := l.docs[id]; !ok {
			l.docs[id] = &docState{d: &model.Disclosure{}, projects: map[int]int{}, forms: map[int]int{}}
			ids = append(ids, id)
		}
	}
	l.args = []any{ids}
	// One step a core table, in an order where the rows a table refers to
	// (forms and projects, by seq) are read before it.
	steps := []struct {
		name string
		fn   func() error
	}{
		{"document", l.document},
		{"raw text", l.rawText},
		{"tables", l.tables},
		{"totals", loadSlice(l, "load_totals", func(d *model.Disclosure) *[]model.Total { return &d.Totals },
			func(t *model.Total, d []any) []any {
				return append(d, skip, &t.Key, &t.Label, &t.SourceTable, &t.Measure, amountTo(&t.Amount), &t.SourceRef)
			})},
		{"func amounts", loadSlice(l, "load_func_amounts", func(d *model.Disclosure) *[]model.FuncAmount { return &d.FuncAmounts },
			func(f *model.FuncAmount, d []any) []any {
				return append(d, skip, &f.SourceTable, &f.Code, &f.Name, &f.Level, &f.Measure, amountTo(&f.Amount), &f.SourceRef)
			})},
		{"econ amounts", loadSlice(l, "load_econ_amounts", func(d *model.Disclosure) *[]model.EconAmount { return &d.EconAmounts },
			func(e *model.EconAmount, d []any) []any {
				return append(d, skip, &e.SourceTable, &e.Scheme, &e.Code, &e.Name, &e.ParentCode, &e.Measure, amountTo(&e.Amount), &e.SourceRef)
			})},
		{"three_public", loadSlice(l, "load_three_public", func(d *model.Disclosure) *[]model.ThreePublic { return &d.ThreePublic },
			func(t *model.ThreePublic, d []any) []any {
				return append(d, skip, &t.SourceTable, &t.Item, &t.Label, &t.Measure, amountTo(&t.Amount), &t.SourceRef)
			})},
		{"forms", l.perfForms},
		{"projects", l.projectRows},
		{"project funds", l.projectFunds},
		{"form sources", loadFormSlice(l, "load_form_sources", func(f *model.PerfForm) *[]model.FormSource { return &f.Sources },
			func(s *model.FormSource, d []any) []any {
				return append(d, skip, &s.Scope, &s.Label, amountPtrTo(&s.Amount))
			})},
		{"form fields", loadFormSlice(l, "load_form_fields", func(f *model.PerfForm) *[]model.Field { return &f.Fields },
			func(fl *model.Field, d []any) []any {
				return append(d, skip, &fl.Label, &fl.Value, &fl.SourceRef)
			})},
		{"indicators", loadFormSlice(l, "load_indicators", func(f *model.PerfForm) *[]model.Indicator { return &f.Indicators },
			func(in *model.Indicator, d []any) []any {
				return append(d, skip, &in.Scope, &in.Level1, &in.Level2, &in.Level3, &in.ValueText,
					&in.Comparator, amountPtrTo(&in.ValueNum), &in.ValueUnit, &in.SourceRef)
			})},
		{"narrative facts", loadSlice(l, "load_narrative_facts", func(d *model.Disclosure) *[]model.NarrativeFact { return &d.Narrative },
			func(n *model.NarrativeFact, d []any) []any {
				return append(d, skip, &n.Fact, amountTo(&n.Value), &n.Unit, &n.Text, &n.SourceRef)
			})},
		{"paragraphs", loadSlice(l, "load_paragraphs", func(d *model.Disclosure) *[]model.Paragraph { return &d.Paragraphs },
			func(p *model.Paragraph, d []any) []any {
				return append(d, skip, &p.Section, &p.Text, &p.SourceRef)
			})},
		{"unaccounted lines", loadSlice(l, "load_unaccounted_lines", func(d *model.Disclosure) *[]model.Unaccounted { return &d.Unaccounted },
			func(u *model.Unaccounted, d []any) []any {
				return append(d, skip, &u.Text, &u.Reason, &u.SourceRef)
			})},
		{"generic cells", loadSlice(l, "load_generic_cells", func(d *model.Disclosure) *[]model.Cell { return &d.Cells },
			func(c *model.Cell, d []any) []any {
				return append(d, skip, &c.TableIndex, &c.Row, &c.Col, &c.Text, &c.SourceRef)
			})},
		{"findings", loadSlice(l, "load_parse_findings", func(d *model.Disclosure) *[]model.Finding { return &d.Findings },
			func(f *model.Finding, d []any) []any {
				return append(d, &f.Rule, &f.Severity, &f.Message, &f.Expected, &f.Actual, &f.SourceRef)
			})},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	out := make([]*model.Disclosure, len(docIDs))
	for i, id := range docIDs {
		st := l.docs[id]
		if st.d.Identity.DocID == "" {
			return nil, fmt.Errorf("%s: %w", id, ErrNoDocument)
		}
		if err := st.resolve(); err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		out[i] = st.d
	}
	return out, nil
}

// resolve maps the stored seqs of the project↔form cross references to
// slice indexes, once both sides are read.
func (st *docState) resolve() error {
	for i := range st.d.Projects {
		p := &st.d.Projects[i]
		if p.Form >= 0 {
			idx, ok := st.forms[p.Form]
			if !ok {
				return fmt.Errorf("project %d: form %d is not stored", i, p.Form)
			}
			p.Form = idx
		}
	}
	for i := range st.d.Forms {
		f := &st.d.Forms[i]
		if f.ProjectIndex >= 0 {
			idx, ok := st.projects[f.ProjectIndex]
			if !ok {
				return fmt.Errorf("form %d: project %d is not stored", i, f.ProjectIndex)
			}
			f.ProjectIndex = idx
		}
	}
	return nil
}

// each runs the statement name with l.args and calls scan for every row.
func (l *loader) each(name string, scan func(*sql.Rows) error) error {
	rows, err := l.q.QueryContext(l.ctx, stmt(name), l.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// load runs the statement name with l.args. Every row is a doc_id followed
// by the columns whose destinations in a row value (which starts as init)
// cols appends to its second argument; add stores the value in its
// document.
func load[T any](l *loader, name string, init T, cols func(*T, []any) []any, add func(*docState, T) error) error {
	var docID string
	dest := make([]any, 0, 32) // reused: one allocation a table, not a row
	return l.each(name, func(r *sql.Rows) error {
		v := init
		dest = cols(&v, append(dest[:0], &docID))
		if err := r.Scan(dest...); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		return add(st, v)
	})
}

// loadSlice is the step of a table whose rows, in order, are a slice of
// the Disclosure (list returns it).
func loadSlice[T any](l *loader, name string, list func(*model.Disclosure) *[]T, cols func(*T, []any) []any) func() error {
	return func() error {
		var zero T
		return load(l, name, zero, cols, func(st *docState, v T) error {
			s := list(st.d)
			*s = append(*s, v)
			return nil
		})
	}
}

// loadFormSlice is the step of a table whose rows, in order, are a slice of a
// form (list returns it); each row's first column after doc_id is the
// form's seq.
func loadFormSlice[T any](l *loader, name string, list func(*model.PerfForm) *[]T, cols func(*T, []any) []any) func() error {
	type row struct {
		form int
		v    T
	}
	return func() error {
		return load(l, name, row{}, func(r *row, d []any) []any { return cols(&r.v, append(d, &r.form)) },
			func(st *docState, r row) error {
				f, err := st.form(r.form)
				if err != nil {
					return err
				}
				s := list(f)
				*s = append(*s, r.v)
				return nil
			})
	}
}

// skip is the destination of a column that is read and dropped (the seq
// that orders the rows).
var skip = discard{}

type discard struct{}

func (discard) Scan(any) error { return nil }

// amountCol scans a DECIMAL rendered as text into dst; nullAmountCol a
// nullable one (NULL → nil). Each is a single pointer, so that it goes into
// the []any of a row without an allocation.
type (
	amountCol     struct{ dst *decimal.Decimal }
	nullAmountCol struct{ dst **decimal.Decimal }
)

func amountTo(dst *decimal.Decimal) amountCol         { return amountCol{dst} }
func amountPtrTo(dst **decimal.Decimal) nullAmountCol { return nullAmountCol{dst} }

func (a amountCol) Scan(src any) error {
	if src == nil {
		return errors.New("parse amount: NULL")
	}
	return parseAmount(src, a.dst)
}

func (a nullAmountCol) Scan(src any) error {
	if src == nil {
		*a.dst = nil
		return nil
	}
	d := new(decimal.Decimal)
	if err := parseAmount(src, d); err != nil {
		return err
	}
	*a.dst = d
	return nil
}

// parseAmount parses DECIMAL text (string or []byte) into dst.
func parseAmount(src any, dst *decimal.Decimal) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("parse amount: %T is not text", src)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return fmt.Errorf("parse amount %q: %w", s, err)
	}
	*dst = d
	return nil
}

func (l *loader) document() error {
	return l.each("load_document", func(r *sql.Rows) error {
		var (
			docID, paths, names, quarantine, status string
			d                                       = &model.Disclosure{}
			id                                      = &d.Identity
		)
		if err := r.Scan(&docID, &paths, &id.SourceFormat, &id.Department, &names, &id.DepartmentCode, &id.DepartmentID,
			&id.Region, &id.FiscalYear, &id.Kind, &id.Level, &id.TableUnit, &status, &quarantine, &d.Lines, &d.Consumed,
			&id.Bytes); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		id.DocID = docID
		for _, p := range []struct {
			src string
			dst *[]string
		}{{paths, &id.SourcePaths}, {names, &id.DepartmentNames}, {quarantine, &d.Quarantine}} {
			if err := jsonList(p.src, p.dst); err != nil {
				return err
			}
		}
		st.d = d
		return nil
	})
}

// jsonList decodes a JSON array of strings; an empty array leaves dst nil,
// as the writer stores a nil list as an empty one.
func jsonList(src string, dst *[]string) error {
	var out []string
	if err := json.Unmarshal([]byte(src), &out); err != nil {
		return fmt.Errorf("decode list %q: %w", src, err)
	}
	if len(out) > 0 {
		*dst = out
	}
	return nil
}

func (l *loader) rawText() error {
	return load(l, "load_raw_text", "", func(s *string, d []any) []any { return append(d, s) },
		func(st *docState, text string) error {
			st.d.Raw = text
			return nil
		})
}

func (l *loader) tables() error {
	type row struct {
		seq int
		t   model.TableMeta
	}
	return load(l, "load_tables", row{}, func(r *row, d []any) []any {
		t := &r.t
		return append(d, &r.seq, &t.Kind, &t.Title, &t.Number, &t.Unit, &t.Rows, &t.Empty, &t.Note, &t.SourceRef)
	}, func(st *docState, r row) error {
		// Cells refer to tables by index: the writer numbers them 0, 1, 2, …
		if r.seq != len(st.d.Tables) {
			return fmt.Errorf("table seq %d where %d was expected", r.seq, len(st.d.Tables))
		}
		st.d.Tables = append(st.d.Tables, r.t)
		return nil
	})
}

// projectRows reads the projects; Form holds the stored form seq until
// resolve maps it to an index.
func (l *loader) projectRows() error {
	type row struct {
		seq   int
		form  sql.NullInt64
		score sql.NullFloat64
		p     model.Project
	}
	return load(l, "load_projects", row{p: model.Project{Form: -1}}, func(r *row, d []any) []any {
		p := &r.p
		return append(d, &r.seq, &p.SourceTable, &p.BudgetUnit, &p.Name, amountTo(&p.Amount), &r.form, &r.score, &p.SourceRef)
	}, func(st *docState, r row) error {
		if r.form.Valid {
			r.p.Form, r.p.MatchScore = int(r.form.Int64), r.score.Float64
		}
		st.projects[r.seq] = len(st.d.Projects)
		st.d.Projects = append(st.d.Projects, r.p)
		return nil
	})
}

func (l *loader) projectFunds() error {
	type row struct {
		project int
		m       model.Measured
	}
	return load(l, "load_project_funds", row{}, func(r *row, d []any) []any {
		return append(d, &r.project, skip, &r.m.Measure, amountTo(&r.m.Amount))
	}, func(st *docState, r row) error {
		i, ok := st.projects[r.project]
		if !ok {
			return fmt.Errorf("fund of project %d, which is not stored", r.project)
		}
		st.d.Projects[i].Funds = append(st.d.Projects[i].Funds, r.m)
		return nil
	})
}

// perfForms reads the forms; ProjectIndex holds the stored project seq
// until resolve maps it to an index.
func (l *loader) perfForms() error {
	type row struct {
		seq   int
		proj  sql.NullInt64
		score sql.NullFloat64
		f     model.PerfForm
	}
	return load(l, "load_forms", row{f: model.PerfForm{ProjectIndex: -1}}, func(r *row, d []any) []any {
		f := &r.f
		return append(d, &r.seq, &f.Scope, &f.Title, &f.Project, &f.Department, &f.DepartmentCode, &f.Implementer,
			&f.Attribute, &f.Period, amountPtrTo(&f.PeriodTotal), amountPtrTo(&f.AnnualTotal), &f.Overview, &f.Basis,
			&f.Necessity, &f.Safeguards, &f.Plan, &f.PeriodGoal, &f.AnnualGoal, &r.proj, &r.score, &f.SourceRef)
	}, func(st *docState, r row) error {
		if r.proj.Valid {
			r.f.ProjectIndex, r.f.MatchScore = int(r.proj.Int64), r.score.Float64
		}
		st.forms[r.seq] = len(st.d.Forms)
		st.d.Forms = append(st.d.Forms, r.f)
		return nil
	})
}

// form returns the document's form stored with seq.
func (st *docState) form(seq int) (*model.PerfForm, error) {
	i, ok := st.forms[seq]
	if !ok {
		return nil, fmt.Errorf("row of form %d, which is not stored", seq)
	}
	return &st.d.Forms[i], nil
}
