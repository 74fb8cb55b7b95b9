package export

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseDBType(t *testing.T) {
	tests := []struct {
		in       string
		wantFile string // Arrow type of the column
		wantErr  bool
	}{
		{"VARCHAR", "utf8", false},
		{"DECIMAL(20,2)", "decimal(20, 2)", false},
		{"DECIMAL(24,6)", "decimal(24, 6)", false},
		{"INTEGER", "int32", false},
		{"BIGINT", "int64", false},
		{"HUGEINT", "decimal(38, 0)", false},
		{"DATE", "date32", false},
		{"TIMESTAMP", "timestamp[us]", false},
		{"TIMESTAMP WITH TIME ZONE", "timestamp[us, tz=UTC]", false},
		{"TIMESTAMPTZ", "timestamp[us, tz=UTC]", false},
		{"VARCHAR[]", "list<item: utf8, nullable>", false},
		{"INTEGER[][]", "list<item: list<item: int32, nullable>, nullable>", false},
		{`STRUCT("name" VARCHAR, "years" INTEGER[], "source" VARCHAR, "documents" BIGINT)[]`,
			"list<item: struct<name: utf8 nullable, years: list<item: int32, nullable> nullable, source: utf8 nullable, documents: int64 nullable>, nullable>", false},
		{`STRUCT("we""ird name" VARCHAR, plain DOUBLE)`, `struct<we"ird name: utf8 nullable, plain: float64 nullable>`, false},
		{"MAP(VARCHAR, INTEGER)", "utf8", false},
		{"ENUM('a', 'b''c')", "utf8", false},
		{"UNION(num INTEGER, str VARCHAR)", "utf8", false},
		{"FLOAT[3]", "list<item: float32, nullable>", false},
		{"STRUCT(", "", true},
		{"DECIMAL(20,2", "", true},
		{"VARCHAR[", "", true},
		{"", "", true},
		{"INTEGER garbage", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			typ, err := parseDBType(tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tc.wantFile, specOf(typ).arrowType().String()); diff != "" {
				t.Errorf("arrow type (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzParseDBType: any type name parses or fails cleanly, and a parsed type
// always has an Arrow type.
func FuzzParseDBType(f *testing.F) {
	for _, s := range []string{"VARCHAR", "DECIMAL(20,2)", `STRUCT("a" INTEGER[], b MAP(VARCHAR, DOUBLE))[]`, "ENUM('x')", "TIMESTAMP WITH TIME ZONE", "UNION(a INTEGER)", "INTEGER[2][3]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		typ, err := parseDBType(s)
		if err != nil {
			return
		}
		if specOf(typ).arrowType() == nil {
			t.Fatalf("%q: no arrow type", s)
		}
		c := columnOf("c", s)
		if c.Type == "" {
			t.Fatalf("%q: empty file type", s)
		}
	})
}
