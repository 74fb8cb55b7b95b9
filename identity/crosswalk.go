package identity

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/budgetwh/budgetwh/schema/identitydata"
)

// ErrBadCrosswalk marks a malformed crosswalk row.
var ErrBadCrosswalk = errors.New("bad crosswalk row")

// Crosswalk relations.
const (
	RelationRename = "rename"
	RelationMove   = "move"
	RelationSplit  = "split"
	RelationMerge  = "merge"
)

// CrosswalkRow says that a functional code published as Name up to fiscal
// year UntilYear continues as SuccessorCode SuccessorName from the next
// edition of 《政府收支分类科目》.
type CrosswalkRow struct {
	Code          string
	Name          string
	UntilYear     int
	SuccessorCode string
	SuccessorName string
	Relation      string
	Source        string
}

var crosswalkHeader = []string{"code", "name", "until_year", "successor_code", "successor_name", "relation", "source"}

// Crosswalk returns the shipped crosswalk (schema/identitydata/func_crosswalk.csv).
func Crosswalk() ([]CrosswalkRow, error) {
	return LoadCrosswalk(strings.NewReader(identitydata.FuncCrosswalkCSV))
}

// LoadCrosswalk parses a crosswalk file (CSV, header
// code,name,until_year,successor_code,successor_name,relation,source;
// # comments).
func LoadCrosswalk(r io.Reader) ([]CrosswalkRow, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	var out []CrosswalkRow
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
			return nil, fmt.Errorf("line %d: %w: %v", line, ErrBadCrosswalk, err)
		}
		line, _ := cr.FieldPos(0)
		if header {
			header = false
			if strings.Join(rec, ",") != strings.Join(crosswalkHeader, ",") {
				return nil, fmt.Errorf("line %d: %w: want header %s", line, ErrBadCrosswalk, strings.Join(crosswalkHeader, ","))
			}
			continue
		}
		if len(rec) != len(crosswalkHeader) {
			return nil, fmt.Errorf("line %d: %w: want %d fields, got %d", line, ErrBadCrosswalk, len(crosswalkHeader), len(rec))
		}
		y, err := strconv.Atoi(rec[2])
		if err != nil || y < 1990 || y > 2100 {
			return nil, fmt.Errorf("line %d: %w: until_year %q", line, ErrBadCrosswalk, rec[2])
		}
		row := CrosswalkRow{Code: rec[0], Name: rec[1], UntilYear: y, SuccessorCode: rec[3], SuccessorName: rec[4], Relation: rec[5], Source: rec[6]}
		if !isFuncCode(row.Code) || !isFuncCode(row.SuccessorCode) {
			return nil, fmt.Errorf("line %d: %w: codes must have 3, 5 or 7 digits", line, ErrBadCrosswalk)
		}
		switch row.Relation {
		case RelationRename:
			if row.Code != row.SuccessorCode {
				return nil, fmt.Errorf("line %d: %w: a rename keeps its code", line, ErrBadCrosswalk)
			}
		case RelationMove, RelationSplit, RelationMerge:
		default:
			return nil, fmt.Errorf("line %d: %w: relation %q", line, ErrBadCrosswalk, row.Relation)
		}
		if row.Name == "" || row.SuccessorName == "" || row.Source == "" {
			return nil, fmt.Errorf("line %d: %w: empty name, successor_name or source", line, ErrBadCrosswalk)
		}
		out = append(out, row)
	}
	return out, nil
}

func isFuncCode(s string) bool {
	if len(s) != 3 && len(s) != 5 && len(s) != 7 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// CrosswalkMigration renders the crosswalk as the SQL migration that loads
// it into the warehouse table core.func_crosswalk (public view
// func_crosswalk). The file
// schema/migrations/0110_func_crosswalk.sql is this text; a test keeps the
// two in step (go test ./identity -run TestCrosswalkMigration -update).
func CrosswalkMigration(rows []CrosswalkRow) string {
	var b strings.Builder
	b.WriteString("-- Generated from schema/identitydata/func_crosswalk.csv by package identity\n")
	b.WriteString("-- (go test ./identity -run TestCrosswalkMigration -update). Do not edit. Migrations\n")
	b.WriteString("-- run once per warehouse: once this file has shipped, crosswalk changes need a\n")
	b.WriteString("-- new migration number as well (see identity.CrosswalkMigration).\n")
	b.WriteString("CREATE OR REPLACE TABLE core.func_crosswalk (\n")
	b.WriteString("    code VARCHAR NOT NULL,\n    name VARCHAR NOT NULL,\n    until_year INTEGER NOT NULL,\n")
	b.WriteString("    successor_code VARCHAR NOT NULL,\n    successor_name VARCHAR NOT NULL,\n")
	b.WriteString("    relation VARCHAR NOT NULL,\n    source VARCHAR NOT NULL\n);\n")
	b.WriteString("CREATE OR REPLACE VIEW func_crosswalk AS SELECT * FROM core.func_crosswalk;\n")
	if len(rows) == 0 {
		return b.String()
	}
	b.WriteString("INSERT INTO core.func_crosswalk VALUES\n")
	for i, r := range rows {
		fmt.Fprintf(&b, "    (%s, %s, %d, %s, %s, %s, %s)", sqlString(r.Code), sqlString(r.Name), r.UntilYear,
			sqlString(r.SuccessorCode), sqlString(r.SuccessorName), sqlString(r.Relation), sqlString(r.Source))
		if i < len(rows)-1 {
			b.WriteString(",\n")
		}
	}
	b.WriteString(";\n")
	return b.String()
}

// sqlString quotes a constant for the generated migration.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
