package identity

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/budgetwh/budgetwh/model"
)

// RuleSupersededOtherName is the finding rule for a document that
// superseded a stored document of the same version key (department_id,
// fiscal year, kind, level) although the two publish clearly different
// department names: usually two departments of one region that publish the
// same department code (a copied template code, a typo), which the code key
// joins into one department_id. The older document is no longer loaded, so
// the warning is what keeps the loss from being silent.
const RuleSupersededOtherName = "ingest.superseded_other_name"

// Conflict is a RuleSupersededOtherName finding for the document DocID (the
// newer, superseding one).
type Conflict struct {
	DocID string
	model.Finding
}

// SameDepartmentName reports whether two documents' department names can
// denote the same department: they are the same when either has no usable
// name (placeholder, none), when the alias file (a may be nil) resolves
// their names to the same key, or when the name each identity is keyed on
// (Explain's Canonical: the table name, else the most specific wording),
// normalised and without its region, equals or contains the other's. The
// department code is ignored: the point is to catch a code that joins two
// names. A rename between fiscal years never reaches this test (the
// fiscal year is part of the version key).
func SameDepartmentName(x, y model.Identity, a *Aliases) bool {
	if x.Department != "" && x.Department == y.Department {
		// The common case, a new version of the same publication, without
		// the cost of Explain.
		return true
	}
	x.DepartmentCode, y.DepartmentCode = "", ""
	rx, ry := Explain(x, a), Explain(y, a)
	if !named(rx) || !named(ry) || rx.Key == ry.Key {
		return true
	}
	wx, wy := deptPart(rx.Canonical), deptPart(ry.Canonical)
	return wx == "" || wy == "" || strings.Contains(wx, wy) || strings.Contains(wy, wx)
}

// named reports whether a resolution comes from a usable name.
func named(r Resolution) bool {
	return r.Basis == BasisName || r.Basis == BasisAlias || r.Basis == BasisSplit
}

// deptPart returns the normalised department part of a name, without its
// region and without 中共.
func deptPart(name string) string {
	_, r := split(name)
	return strings.TrimPrefix(r, "中共")
}

// ConflictOf returns the RuleSupersededOtherName finding for newer having
// superseded older, and false when their names can denote the same
// department (SameDepartmentName).
func ConflictOf(newer, older model.Identity, a *Aliases) (model.Finding, bool) {
	if SameDepartmentName(newer, older, a) {
		return model.Finding{}, false
	}
	nn, on := displayName(newer), displayName(older)
	code := newer.DepartmentCode
	if code == "" {
		code = older.DepartmentCode
	}
	return model.Finding{
		Rule:     RuleSupersededOtherName,
		Severity: model.SeverityWarning,
		Message: fmt.Sprintf("%s superseded the document of %s (doc %s, fiscal year %d, now hidden from the views): "+
			"both have department_id %s (department code %s); if they are two departments, correct the code or add the alias row "+
			"split,doc:%s,LABEL,REASON and re-ingest with --reparse",
			nn, on, older.DocID, newer.FiscalYear, newer.DepartmentID, orNone(code), older.DocID),
		Expected: on,
		Actual:   nn,
	}, true
}

func displayName(id model.Identity) string {
	if id.Department != "" {
		return id.Department
	}
	if len(id.DepartmentNames) > 0 {
		return id.DepartmentNames[0]
	}
	return "no name"
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// SupersedeConflicts returns a RuleSupersededOtherName finding for every
// superseded document of the warehouse db whose superseding document
// (same version key) publishes a clearly different department name
// (ConflictOf), ordered by the superseding doc_id, then the superseded one.
// It is a cross-document rule: it depends on the whole warehouse, so it
// runs after every ingest, merge and recheck and its findings are stored
// with the other cross-document ones.
func SupersedeConflicts(ctx context.Context, db *sql.DB, a *Aliases) ([]Conflict, error) {
	rows, err := db.QueryContext(ctx, query("superseded_pairs"))
	if err != nil {
		return nil, fmt.Errorf("query superseded documents: %w", err)
	}
	defer rows.Close()
	var out []Conflict
	for rows.Next() {
		var n, o model.Identity
		var nNames, oNames string
		var year int
		if err := rows.Scan(&n.DocID, &n.DepartmentID, &n.Department, &nNames, &n.DepartmentCode, &n.Region, &year, &n.Kind,
			&o.DocID, &o.Department, &oNames, &o.DepartmentCode, &o.Region); err != nil {
			return nil, fmt.Errorf("scan superseded documents: %w", err)
		}
		if err := json.Unmarshal([]byte(nNames), &n.DepartmentNames); err != nil {
			return nil, fmt.Errorf("scan superseded documents: names of %s: %w", n.DocID, err)
		}
		if err := json.Unmarshal([]byte(oNames), &o.DepartmentNames); err != nil {
			return nil, fmt.Errorf("scan superseded documents: names of %s: %w", o.DocID, err)
		}
		n.FiscalYear, o.FiscalYear, o.Kind = year, year, n.Kind
		if f, ok := ConflictOf(n, o, a); ok {
			out = append(out, Conflict{DocID: n.DocID, Finding: f})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read superseded documents: %w", err)
	}
	return out, nil
}
