package identity

import (
	"errors"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/internal/testutil"
)

func TestCrosswalk(t *testing.T) {
	rows, err := Crosswalk()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if r.Code == "210" && r.Name == "医疗卫生与计划生育支出" && r.SuccessorName == "卫生健康支出" && r.Relation == RelationRename {
			found = true
		}
	}
	if !found {
		t.Error("crosswalk lacks 210 医疗卫生与计划生育支出 → 卫生健康支出")
	}
}

// TestCrosswalkMigration keeps the generated migration in step with the
// CSV: run with -update after editing func_crosswalk.csv.
func TestCrosswalkMigration(t *testing.T) {
	rows, err := Crosswalk()
	if err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, "../schema/migrations/0110_func_crosswalk.sql", []byte(CrosswalkMigration(rows)))
}

func TestLoadCrosswalk(t *testing.T) {
	h := "code,name,until_year,successor_code,successor_name,relation,source\n"
	tests := []struct {
		name, in, wantErr string
		rows              int
	}{
		{"ok", h + "210,a,2018,210,b,rename,src\n", "", 1},
		{"move", h + "22004,a,2018,22405,b,move,src\n", "", 1},
		{"bad header", "code,name\n", "want header", 0},
		{"bad year", h + "210,a,18,210,b,rename,src\n", "until_year", 0},
		{"rename changes code", h + "210,a,2018,211,b,rename,src\n", "keeps its code", 0},
		{"bad code", h + "21,a,2018,210,b,move,src\n", "3, 5 or 7 digits", 0},
		{"bad relation", h + "210,a,2018,210,b,renamed,src\n", "relation", 0},
		{"no source", h + "210,a,2018,210,b,rename,\n", "empty", 0},
		{"short row", h + "210,a,2018\n", "want 7 fields", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := LoadCrosswalk(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !errors.Is(err, ErrBadCrosswalk) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || len(rows) != tt.rows {
				t.Fatalf("rows %d err %v, want %d rows", len(rows), err, tt.rows)
			}
		})
	}
}

func FuzzLoadCrosswalk(f *testing.F) {
	f.Add("code,name,until_year,successor_code,successor_name,relation,source\n210,a,2018,210,b,rename,src\n")
	f.Fuzz(func(t *testing.T, s string) {
		rows, err := LoadCrosswalk(strings.NewReader(s))
		if err != nil {
			if !errors.Is(err, ErrBadCrosswalk) {
				t.Fatalf("error %v does not wrap ErrBadCrosswalk", err)
			}
			return
		}
		_ = CrosswalkMigration(rows)
	})
}
