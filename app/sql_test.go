package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/schema"
	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/google/go-cmp/cmp"
)

func memDB(t *testing.T) *schema.Warehouse {
	t.Helper()
	w, err := schema.Open(context.Background(), "", schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

const sampleQuery = `SELECT * FROM (VALUES
	('甲部门', CAST(11463000.00 AS DECIMAL(20,2)), 2024, NULL, ['a', 'b']),
	('b', CAST(-0.10 AS DECIMAL(20,2)), 2023, 'x,"y"', []::VARCHAR[])
) t(department, amount_yuan, fiscal_year, note, tags)`

func TestSQL(t *testing.T) {
	w := memDB(t)
	tests := []struct {
		format string
		want   string
	}{
		{FormatTable, `department  amount_yuan  fiscal_year  note   tags
----------  -----------  -----------  -----  ------
甲部门      11463000.00         2024  NULL   [a, b]
b                 -0.10         2023  x,"y"  []
(2 rows)
`},
		{FormatCSV, `department,amount_yuan,fiscal_year,note,tags
甲部门,11463000.00,2024,,"[a, b]"
b,-0.10,2023,"x,""y""",[]
`},
		{FormatJSON, `[
  {
    "department": "甲部门",
    "amount_yuan": 11463000.00,
    "fiscal_year": 2024,
    "note": null,
    "tags": [
      "a",
      "b"
    ]
  },
  {
    "department": "b",
    "amount_yuan": -0.10,
    "fiscal_year": 2023,
    "note": "x,\"y\"",
    "tags": []
  }
]
`},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := SQL(context.Background(), w.DB(), sampleQuery, tt.format, &buf); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSQL_errors(t *testing.T) {
	w := memDB(t)
	var buf bytes.Buffer
	if err := SQL(context.Background(), w.DB(), "SELECT 1", "xml", &buf); !errors.Is(err, ErrFormat) {
		t.Errorf("bad format: err = %v", err)
	}
	if err := SQL(context.Background(), w.DB(), "SELECT * FROM nosuch", FormatTable, &buf); err == nil || !strings.Contains(err.Error(), "nosuch") {
		t.Errorf("bad query: err = %v", err)
	}
	if err := SQL(context.Background(), w.DB(), "SELECT 1 WHERE false", FormatJSON, &buf); err != nil || buf.String() != "[]\n" {
		t.Errorf("empty json = %q, %v", buf.String(), err)
	}
}

func TestCheck(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write(t, dir, "src/b.txt", "# 乙 2024\nincome_total\t1\n!x.rule\twarning\n!a.rule\terror\n")
	write(t, dir, "src/c.txt", "# 丙 2024\nincome_total\t1\n")
	db := filepath.Join(dir, "w.duckdb")
	rep, err := Ingest(ctx, IngestOptions{DB: db, Pipeline: fakePipeline}, []string{filepath.Join(dir, "src")})
	if err != nil {
		t.Fatal(err)
	}
	r := openDB(t, db)
	var buf bytes.Buffer
	if err := Check(ctx, r, CheckOptions{Format: FormatJSON}, &buf); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, f := range got {
		rules = append(rules, f["rule"].(string)+"/"+f["severity"].(string)+"/"+f["source_ref"].(string))
	}
	if diff := cmp.Diff([]string{"a.rule/error/line 4", "x.rule/warning/line 3"}, rules); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	buf.Reset()
	if err := Check(ctx, r, CheckOptions{DocID: rep.Docs[1].DocID[:10]}, &buf); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "(0 rows)\n") {
		t.Errorf("findings of the clean document:\n%s", buf.String())
	}
	if err := Check(ctx, r, CheckOptions{DocID: "zzz"}, &buf); !errors.Is(err, ErrNoDocument) {
		t.Errorf("unknown doc: err = %v", err)
	}
}

func TestSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := Schema(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"VIEW documents", "VIEW totals", "VIEW departments", "WORDS measure"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("schema output lacks %q", want)
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{{"abc", 3}, {"甲部门", 6}, {"１２", 4}, {"a（b）", 6}, {"", 0}}
	for _, tt := range tests {
		if got := displayWidth(tt.in); got != tt.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestDecString(t *testing.T) {
	tests := []struct {
		v     int64
		scale uint8
		want  string
	}{{1146300000, 2, "11463000.00"}, {-10, 2, "-0.10"}, {5, 4, "0.0005"}, {0, 2, "0.00"}, {7, 0, "7"}, {-1230, 2, "-12.30"}}
	for _, tt := range tests {
		if got := decString(duckdb.Decimal{Width: 20, Scale: tt.scale, Value: big.NewInt(tt.v)}); got != tt.want {
			t.Errorf("decString(%d, %d) = %s, want %s", tt.v, tt.scale, got, tt.want)
		}
	}
}
