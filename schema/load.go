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

// loader reads documents' rows within a transaction.
type loader struct {
	ctx  context.Context
	tx   *sql.Tx
	args []any // the statement's parameters
	docs map[string]*docState
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
	l := &loader{ctx: ctx, tx: tx, docs: map[string]*docState{}}
	for _, id := range docIDs {
		if _, ok := l.docs[id]; !ok {
			l.docs[id] = &docState{d: &model.Disclosure{}, projects: map[int]int{}, forms: map[int]int{}}
			ids = append(ids, id)
		}
	}
	l.args = []any{ids}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"document", l.document},
		{"raw text", l.rawText},
		{"tables", l.tables},
		{"totals", l.totals},
		{"func amounts", l.funcAmounts},
		{"econ amounts", l.econAmounts},
		{"three_public", l.threePublic},
		{"forms", l.perfForms},
		{"projects", l.projectRows},
		{"project funds", l.projectFunds},
		{"form sources", l.formSources},
		{"form fields", l.formFields},
		{"indicators", l.indicators},
		{"narrative facts", l.narrative},
		{"paragraphs", l.paragraphs},
		{"unaccounted lines", l.unaccounted},
		{"generic cells", l.cells},
		{"findings", l.findings},
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
	rows, err := l.tx.QueryContext(l.ctx, stmt(name), l.args...)
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
	return l.each("load_raw_text", func(r *sql.Rows) error {
		var docID, text string
		if err := r.Scan(&docID, &text); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		st.d.Raw = text
		return nil
	})
}

// amount parses a DECIMAL rendered as text.
func amount(s string) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("parse amount %q: %w", s, err)
	}
	return d, nil
}

// amountPtr parses a nullable DECIMAL rendered as text (NULL → nil).
func amountPtr(s sql.NullString) (*decimal.Decimal, error) {
	if !s.Valid {
		return nil, nil
	}
	d, err := amount(s.String)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

func (l *loader) tables() error {
	return l.each("load_tables", func(r *sql.Rows) error {
		var (
			docID string
			seq   int
			t     model.TableMeta
		)
		if err := r.Scan(&docID, &seq, &t.Kind, &t.Title, &t.Number, &t.Unit, &t.Rows, &t.Empty, &t.Note, &t.SourceRef); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		// Cells refer to tables by index: the writer numbers them 0, 1, 2, …
		if seq != len(st.d.Tables) {
			return fmt.Errorf("table seq %d where %d was expected", seq, len(st.d.Tables))
		}
		st.d.Tables = append(st.d.Tables, t)
		return nil
	})
}

func (l *loader) totals() error {
	return l.each("load_totals", func(r *sql.Rows) error {
		var (
			docID, a string
			seq      int
			t        model.Total
		)
		if err := r.Scan(&docID, &seq, &t.Key, &t.Label, &t.SourceTable, &t.Measure, &a, &t.SourceRef); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		if t.Amount, err = amount(a); err != nil {
			return err
		}
		st.d.Totals = append(st.d.Totals, t)
		return nil
	})
}

func (l *loader) funcAmounts() error {
	return l.each("load_func_amounts", func(r *sql.Rows) error {
		var (
			docID, a string
			seq      int
			f        model.FuncAmount
		)
		if err := r.Scan(&docID, &seq, &f.SourceTable, &f.Code, &f.Name, &f.Level, &f.Measure, &a, &f.SourceRef); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		if f.Amount, err = amount(a); err != nil {
			return err
		}
		st.d.FuncAmounts = append(st.d.FuncAmounts, f)
		return nil
	})
}

func (l *loader) econAmounts() error {
	return l.each("load_econ_amounts", func(r *sql.Rows) error {
		var (
			docID, a string
			seq      int
			e        model.EconAmount
		)
		if err := r.Scan(&docID, &seq, &e.SourceTable, &e.Scheme, &e.Code, &e.Name, &e.ParentCode, &e.Measure, &a, &e.SourceRef); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		if e.Amount, err = amount(a); err != nil {
			return err
		}
		st.d.EconAmounts = append(st.d.EconAmounts, e)
		return nil
	})
}

func (l *loader) threePublic() error {
	return l.each("load_three_public", func(r *sql.Rows) error {
		var (
			docID, a string
			seq      int
			t        model.ThreePublic
		)
		if err := r.Scan(&docID, &seq, &t.SourceTable, &t.Item, &t.Label, &t.Measure, &a, &t.SourceRef); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		if t.Amount, err = amount(a); err != nil {
			return err
		}
		st.d.ThreePublic = append(st.d.ThreePublic, t)
		return nil
	})
}

// projectRows reads the projects; Form holds the stored form seq until
// resolve maps it to an index.
func (l *loader) projectRows() error {
	return l.each("load_projects", func(r *sql.Rows) error {
		var (
			docID, a string
			seq      int
			form     sql.NullInt64
			score    sql.NullFloat64
			p        = model.Project{Form: -1}
		)
		if err := r.Scan(&docID, &seq, &p.SourceTable, &p.BudgetUnit, &p.Name, &a, &form, &score, &p.SourceRef); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		if p.Amount, err = amount(a); err != nil {
			return err
		}
		if form.Valid {
			p.Form, p.MatchScore = int(form.Int64), score.Float64
		}
		st.projects[seq] = len(st.d.Projects)
		st.d.Projects = append(st.d.Projects, p)
		return nil
	})
}

func (l *loader) projectFunds() error {
	return l.each("load_project_funds", func(r *sql.Rows) error {
		var (
			docID, a  string
			pseq, seq int
			m         model.Measured
		)
		if err := r.Scan(&docID, &pseq, &seq, &m.Measure, &a); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		i, ok := st.projects[pseq]
		if !ok {
			return fmt.Errorf("fund of project %d, which is not stored", pseq)
		}
		if m.Amount, err = amount(a); err != nil {
			return err
		}
		st.d.Projects[i].Funds = append(st.d.Projects[i].Funds, m)
		return nil
	})
}

// perfForms reads the forms; ProjectIndex holds the stored project seq
// until resolve maps it to an index.
func (l *loader) perfForms() error {
	return l.each("load_forms", func(r *sql.Rows) error {
		var (
			docID          string
			seq            int
			period, annual sql.NullString
			proj           sql.NullInt64
			score          sql.NullFloat64
			f              = model.PerfForm{ProjectIndex: -1}
		)
		if err := r.Scan(&docID, &seq, &f.Scope, &f.Title, &f.Project, &f.Department, &f.DepartmentCode, &f.Implementer,
			&f.Attribute, &f.Period, &period, &annual, &f.Overview, &f.Basis, &f.Necessity, &f.Safeguards,
			&f.Plan, &f.PeriodGoal, &f.AnnualGoal, &proj, &score, &f.SourceRef); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		if f.PeriodTotal, err = amountPtr(period); err != nil {
			return err
		}
		if f.AnnualTotal, err = amountPtr(annual); err != nil {
			return err
		}
		if proj.Valid {
			f.ProjectIndex, f.MatchScore = int(proj.Int64), score.Float64
		}
		st.forms[seq] = len(st.d.Forms)
		st.d.Forms = append(st.d.Forms, f)
		return nil
	})
}

// form returns the form of document docID stored with seq.
func (l *loader) form(docID string, seq int) (*model.PerfForm, error) {
	st, err := l.doc(docID)
	if err != nil {
		return nil, err
	}
	i, ok := st.forms[seq]
	if !ok {
		return nil, fmt.Errorf("row of form %d, which is not stored", seq)
	}
	return &st.d.Forms[i], nil
}

func (l *loader) formSources() error {
	return l.each("load_form_sources", func(r *sql.Rows) error {
		var (
			docID     string
			fseq, seq int
			a         sql.NullString
			s         model.FormSource
		)
		if err := r.Scan(&docID, &fseq, &seq, &s.Scope, &s.Label, &a); err != nil {
			return err
		}
		f, err := l.form(docID, fseq)
		if err != nil {
			return err
		}
		if s.Amount, err = amountPtr(a); err != nil {
			return err
		}
		f.Sources = append(f.Sources, s)
		return nil
	})
}

func (l *loader) formFields() error {
	return l.each("load_form_fields", func(r *sql.Rows) error {
		var (
			docID     string
			fseq, seq int
			fl        model.Field
		)
		if err := r.Scan(&docID, &fseq, &seq, &fl.Label, &fl.Value, &fl.SourceRef); err != nil {
			return err
		}
		f, err := l.form(docID, fseq)
		if err != nil {
			return err
		}
		f.Fields = append(f.Fields, fl)
		return nil
	})
}

func (l *loader) indicators() error {
	return l.each("load_indicators", func(r *sql.Rows) error {
		var (
			docID     string
			fseq, seq int
			num       sql.NullString
			in        model.Indicator
		)
		if err := r.Scan(&docID, &fseq, &seq, &in.Scope, &in.Level1, &in.Level2, &in.Level3, &in.ValueText,
			&in.Comparator, &num, &in.ValueUnit, &in.SourceRef); err != nil {
			return err
		}
		f, err := l.form(docID, fseq)
		if err != nil {
			return err
		}
		if in.ValueNum, err = amountPtr(num); err != nil {
			return err
		}
		f.Indicators = append(f.Indicators, in)
		return nil
	})
}

func (l *loader) narrative() error {
	return l.each("load_narrative_facts", func(r *sql.Rows) error {
		var (
			docID, v string
			seq      int
			n        model.NarrativeFact
		)
		if err := r.Scan(&docID, &seq, &n.Fact, &v, &n.Unit, &n.Text, &n.SourceRef); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		if n.Value, err = amount(v); err != nil {
			return err
		}
		st.d.Narrative = append(st.d.Narrative, n)
		return nil
	})
}

func (l *loader) paragraphs() error {
	return l.each("load_paragraphs", func(r *sql.Rows) error {
		var (
			docID string
			seq   int
			p     model.Paragraph
		)
		if err := r.Scan(&docID, &seq, &p.Section, &p.Text, &p.SourceRef); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		st.d.Paragraphs = append(st.d.Paragraphs, p)
		return nil
	})
}

func (l *loader) unaccounted() error {
	return l.each("load_unaccounted_lines", func(r *sql.Rows) error {
		var (
			docID string
			seq   int
			u     model.Unaccounted
		)
		if err := r.Scan(&docID, &seq, &u.Text, &u.Reason, &u.SourceRef); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		st.d.Unaccounted = append(st.d.Unaccounted, u)
		return nil
	})
}

func (l *loader) cells() error {
	return l.each("load_generic_cells", func(r *sql.Rows) error {
		var (
			docID string
			seq   int
			c     model.Cell
		)
		if err := r.Scan(&docID, &seq, &c.TableIndex, &c.Row, &c.Col, &c.Text, &c.SourceRef); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		st.d.Cells = append(st.d.Cells, c)
		return nil
	})
}

func (l *loader) findings() error {
	return l.each("load_parse_findings", func(r *sql.Rows) error {
		var (
			docID string
			f     model.Finding
		)
		if err := r.Scan(&docID, &f.Rule, &f.Severity, &f.Message, &f.Expected, &f.Actual, &f.SourceRef); err != nil {
			return err
		}
		st, err := l.doc(docID)
		if err != nil {
			return err
		}
		st.d.Findings = append(st.d.Findings, f)
		return nil
	})
}
