package identity

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/budgetwh/budgetwh/schema/identitydata"
)

// ErrBadAlias marks a malformed alias file.
var ErrBadAlias = errors.New("bad alias row")

// Alias actions.
const (
	ActionMerge = "merge"
	ActionSplit = "split"
)

// AliasRow is one row of an alias file.
//
//   - merge: documents whose wording (or key) matches NameOrKey take the
//     identity of Target (a name, or a key such as code:侯马经济开发区:604).
//     NameOrKey may also be doc:<doc_id> to select one document.
//   - split: documents whose wording (or key) matches NameOrKey get an
//     identity of their own, labelled Target, instead of the one their name
//     would give.
type AliasRow struct {
	Action    string
	NameOrKey string
	Target    string
	Reason    string
	Source    string // file:line the row came from
	key       string // aliasKey(NameOrKey), computed once
}

// Aliases is a parsed alias file (or several, the later taking precedence).
type Aliases struct {
	rows []AliasRow
}

// Rows returns the rows in precedence order (first match wins).
func (a *Aliases) Rows() []AliasRow {
	if a == nil {
		return nil
	}
	return append([]AliasRow(nil), a.rows...)
}

// With returns aliases where the rows of user take precedence over a's.
func (a *Aliases) With(user *Aliases) *Aliases {
	out := &Aliases{}
	if user != nil {
		out.rows = append(out.rows, user.rows...)
	}
	if a != nil {
		out.rows = append(out.rows, a.rows...)
	}
	return out
}

// DefaultAliases returns the alias file shipped in schema/identitydata.
func DefaultAliases() (*Aliases, error) {
	return parseAliases("schema/identitydata/aliases.csv", strings.NewReader(identitydata.AliasesCSV))
}

// LoadAliases parses an alias file: CSV with the header
// action,name_or_key,target,reason; lines starting with # are comments.
func LoadAliases(r io.Reader) (*Aliases, error) { return parseAliases("aliases", r) }

// LoadAliasesFile parses the alias file at path; errors carry path:line.
func LoadAliasesFile(path string) (*Aliases, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open aliases: %w", err)
	}
	defer f.Close()
	return parseAliases(path, f)
}

func parseAliases(name string, r io.Reader) (*Aliases, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	a := &Aliases{}
	header := true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, fmt.Errorf("%s:%d: %w: %v", name, line, ErrBadAlias, err)
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = strings.TrimSpace(strings.TrimPrefix(rec[i], "\ufeff"))
		}
		if header {
			header = false
			if len(rec) >= 3 && rec[0] == "action" && rec[1] == "name_or_key" && rec[2] == "target" {
				continue
			}
			return nil, fmt.Errorf("%s:%d: %w: want header action,name_or_key,target,reason", name, line, ErrBadAlias)
		}
		if len(rec) < 3 || len(rec) > 4 {
			return nil, fmt.Errorf("%s:%d: %w: want 3 or 4 fields, got %d", name, line, ErrBadAlias, len(rec))
		}
		row := AliasRow{Action: rec[0], NameOrKey: rec[1], Target: rec[2], Source: fmt.Sprintf("%s:%d", name, line)}
		if len(rec) == 4 {
			row.Reason = rec[3]
		}
		if row.Action != ActionMerge && row.Action != ActionSplit {
			return nil, fmt.Errorf("%s:%d: %w: action %q (want merge or split)", name, line, ErrBadAlias, row.Action)
		}
		if row.NameOrKey == "" || row.Target == "" {
			return nil, fmt.Errorf("%s:%d: %w: empty name_or_key or target", name, line, ErrBadAlias)
		}
		if strings.HasPrefix(row.Target, keyDoc) {
			return nil, fmt.Errorf("%s:%d: %w: target %q is a document, not a department", name, line, ErrBadAlias, row.Target)
		}
		if row.Action == ActionMerge && isKey(row.NameOrKey) == isKey(row.Target) && aliasKey(row.NameOrKey) == aliasKey(row.Target) {
			return nil, fmt.Errorf("%s:%d: %w: merge of %q into itself", name, line, ErrBadAlias, row.NameOrKey)
		}
		row.key = aliasKey(row.NameOrKey)
		a.rows = append(a.rows, row)
	}
	return a, nil
}

// isKey reports whether s is a canonical key rather than a name.
func isKey(s string) bool {
	for _, p := range []string{keyCode, keyName, keySplit, keyDoc} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// aliasKey is the key an alias cell denotes: itself when it is a key, the
// name key of a name otherwise.
func aliasKey(s string) string {
	if isKey(s) {
		return s
	}
	region, rest := split(s)
	return nameKey(region, rest)
}
