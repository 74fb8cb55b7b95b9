package resultfmt

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"math"
	"math/big"
	"path/filepath"
	"strings"
	"testing"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/budgetwh/budgetwh/internal/testutil"
)

var formats = []string{FormatTable, FormatCSV, FormatJSON}

func dec(unscaled int64, scale uint8) duckdb.Decimal {
	return duckdb.Decimal{Width: 20, Scale: scale, Value: big.NewInt(unscaled)}
}

// scanned is a result as database/sql scans it from DuckDB: what `sql` and
// `check` pass.
func scanned() ([]string, [][]any) {
	cols := []string{"department", "amount_yuan", "fiscal_year", "note", "tags", "at", "big", "ratio", "blank"}
	rows := [][]any{
		{"甲部门", dec(1146300000, 2), int32(2024), nil, []any{"a", nil, dec(150, 2)}, time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), new(big.Int).Lsh(big.NewInt(1), 100), 0.25, ""},
		{"b\tc\nd\re", dec(-10, 2), int64(2023), `x,"y" <&>`, []any{}, time.Date(2024, 1, 2, 3, 4, 5, 600, time.UTC), big.NewInt(-7), 1e21, ""},
		{strings.Repeat("预算", 40), dec(5, 4), uint64(1) << 63, map[string]any{"k": dec(100, 2), "a": nil}, []any{map[string]any{"x": int32(1)}}, duckdb.Interval{Months: 1, Days: 2, Micros: 3}, []byte("raw"), float32(0.1), ""},
	}
	return cols, rows
}

// normalized is a result as queries.Run normalizes it: what `query run`
// passes.
func normalized() ([]Column, [][]any) {
	cols := []Column{
		{Name: "department", Type: "VARCHAR"},
		{Name: "amount_yuan", Type: "DECIMAL(20,2)", Scale: 2},
		{Name: "fiscal_year", Type: "INTEGER"},
		{Name: "day", Type: "DATE"},
		{Name: "at", Type: "TIMESTAMP"},
		{Name: "share", Type: "DOUBLE"},
		{Name: "ok", Type: "BOOLEAN"},
		{Name: "note", Type: "VARCHAR"},
	}
	rows := [][]any{
		{"甲部门", decimal.New(1146300000, -2), int64(2024), time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), 0.125, true, "a\tb\nc"},
		{"b <&>", decimal.New(-10, -2), int64(-1), time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 2, 3, 4, 5, 600, time.UTC), 1e21, false, "trailing  "},
		{nil, nil, nil, nil, nil, nil, nil, ""},
	}
	return cols, rows
}

func names(cols []string) []Column {
	out := make([]Column, len(cols))
	for i, c := range cols {
		out[i] = Column{Name: c}
	}
	return out
}

func refCols(cols []Column) []refColumn {
	out := make([]refColumn, len(cols))
	for i, c := range cols {
		out[i] = refColumn{Name: c.Name, Type: c.Type, Scale: c.Scale}
	}
	return out
}

func render(t testing.TB, format string, cols []Column, rows [][]any, o Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, cols, rows, o); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return b.String()
}

// TestWrite pins both styles' output of a result with the awkward values
// (CJK, tabs and newlines, long text, NULL inside lists, decimals of
// several scales, times at and after midnight) in golden files.
func TestWrite(t *testing.T) {
	sc, sr := scanned()
	nc, nr := normalized()
	tests := []struct {
		name string
		cols []Column
		rows [][]any
		o    Options
	}{
		{"sql", names(sc), sr, StyleSQL},
		{"sql_empty", names(sc), nil, StyleSQL},
		{"sql_one", names(sc), sr[:1], StyleSQL},
		{"query", nc, nr, StyleQuery},
		{"query_empty", nc, nil, StyleQuery},
		{"query_one", nc, nr[:1], StyleQuery},
	}
	for _, tt := range tests {
		for _, f := range formats {
			t.Run(tt.name+"_"+f, func(t *testing.T) {
				got := render(t, f, tt.cols, tt.rows, tt.o)
				testutil.Golden(t, filepath.Join("testdata", tt.name+"_"+f+".golden"), []byte(got))
			})
		}
	}
}

func refSQLString(t testing.TB, format string, cols []string, rows [][]any) (string, error) {
	t.Helper()
	var b bytes.Buffer
	err := refSQLWrite(cols, rows, format, &b)
	return b.String(), err
}

func refQueryString(t testing.TB, format string, cols []Column, rows [][]any) (string, error) {
	t.Helper()
	var b bytes.Buffer
	err := refQueryWrite(&b, format, &refResult{Columns: refCols(cols), Rows: rows})
	return b.String(), err
}

// sameAsReference fails when Write differs from the formatter it replaced
// (refSQL* for StyleSQL, refQuery* for StyleQuery), output or error.
func sameAsReference(t testing.TB, format string, cols []Column, rows [][]any, o Options) {
	t.Helper()
	var want string
	var wantErr error
	if o == StyleSQL {
		plain := make([]string, len(cols))
		for i, c := range cols {
			plain[i] = c.Name
		}
		want, wantErr = refSQLString(t, format, plain, rows)
	} else {
		want, wantErr = refQueryString(t, format, cols, rows)
	}
	var b bytes.Buffer
	err := Write(&b, format, cols, rows, o)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%s: error %v, reference error %v", format, err, wantErr)
	}
	if err != nil {
		return
	}
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("%s: output differs from the reference (-reference +got):\n%s", format, diff)
	}
}

// TestWrite_reference checks the shared formatter against the two it
// replaced on hand-made results, including the edge cases where the two
// styles differ (trailing spaces, empty last cells, one row, NaN).
func TestWrite_reference(t *testing.T) {
	sc, sr := scanned()
	nc, nr := normalized()
	tests := []struct {
		name string
		cols []Column
		rows [][]any
		o    Options
	}{
		{"sql", names(sc), sr, StyleSQL},
		{"sql empty", names(sc), nil, StyleSQL},
		{"sql one row", names(sc), sr[1:2], StyleSQL},
		{"sql no columns", nil, nil, StyleSQL},
		{"sql empty last cells", names([]string{"a", "b", "c"}), [][]any{{"x ", "", ""}, {"1", nil, ""}}, StyleSQL},
		{"sql numbers as text", names([]string{"n", "m", "k"}), [][]any{{"12", "1e5", "-"}, {"-0.5", nil, "+1"}, {nil, "3", "0x1"}}, StyleSQL},
		{"sql NaN", names([]string{"f"}), [][]any{{math.NaN()}}, StyleSQL},
		{"sql infinity", names([]string{"f"}), [][]any{{math.Inf(1)}}, StyleSQL},
		{"query", nc, nr, StyleQuery},
		{"query empty", nc, nil, StyleQuery},
		{"query one row", nc, nr[:1], StyleQuery},
		{"query empty last cells", []Column{{Name: "a", Type: "VARCHAR"}, {Name: "b", Type: "VARCHAR"}}, [][]any{{"x ", ""}, {"", nil}}, StyleQuery},
		{"query numeric last", []Column{{Name: "a", Type: "VARCHAR"}, {Name: "n", Type: "BIGINT"}}, [][]any{{"x", int64(1)}, {"yyyy", int64(-100)}}, StyleQuery},
		{"query NaN", []Column{{Name: "f", Type: "DOUBLE"}}, [][]any{{math.NaN()}}, StyleQuery},
		{"query HUGEINT", []Column{{Name: "h", Type: "HUGEINT", Scale: 0}}, [][]any{{decimal.NewFromBigInt(new(big.Int).Lsh(big.NewInt(1), 100), 0)}}, StyleQuery},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, f := range formats {
				sameAsReference(t, f, tt.cols, tt.rows, tt.o)
			}
		})
	}
}

// TestWrite_duckdb scans values of every kind DuckDB returns and checks the
// sql style against its reference.
func TestWrite_duckdb(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const q = `SELECT * FROM (VALUES
	('甲部门', CAST(11463000.00 AS DECIMAL(20,2)), 2024::INTEGER, NULL::VARCHAR, ['a', 'b'], DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05.678',
	 TIMESTAMPTZ '2024-01-02 03:04:05+08', TIME '12:30:00', INTERVAL 3 DAY, 170141183460469231731687303715884105727::HUGEINT, 1.5::DOUBLE, 2.5::FLOAT,
	 true, 'blob'::BLOB, '5fbd9a0c-0000-4000-8000-000000000001'::UUID, {'x': 1.50::DECIMAL(5,2), 'y': NULL}, MAP {'k': 2}, [1.5::DECIMAL(4,1), NULL], 255::UTINYINT, 'e'::ENUM('e','f')),
	('b', CAST(-0.10 AS DECIMAL(20,2)), 2023, 'x,"y"', []::VARCHAR[], NULL, NULL, NULL, NULL, NULL, -1, 'NaN'::DOUBLE, NULL, false, NULL, NULL, NULL, NULL, NULL, 0, 'f')
) t(department, amount_yuan, fiscal_year, note, tags, day, ts, tstz, tm, iv, huge, dbl, flt, ok, bl, id, st, mp, ld, ut, en)`
	for _, nan := range []bool{false, true} {
		query := q
		if !nan {
			query += ` WHERE department <> 'b'`
		}
		rows, err := db.QueryContext(context.Background(), query)
		if err != nil {
			t.Fatal(err)
		}
		cols, data, err := Read(rows)
		if err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if len(data) == 0 {
			t.Fatal("no rows")
		}
		for _, f := range formats {
			sameAsReference(t, f, cols, data, StyleSQL)
		}
	}
}

func TestWrite_badFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "xml", nil, nil, StyleSQL); !errors.Is(err, ErrFormat) {
		t.Errorf("Write(xml) error = %v, want ErrFormat", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWrite_writeError(t *testing.T) {
	nc, nr := normalized()
	for _, f := range formats {
		if err := Write(failWriter{}, f, nc, nr, StyleQuery); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("Write(%s) to a failing writer: error %v", f, err)
		}
	}
}

func TestDecimalText(t *testing.T) {
	tests := []struct {
		v     int64
		scale uint8
		want  string
	}{{1146300000, 2, "11463000.00"}, {-10, 2, "-0.10"}, {5, 4, "0.0005"}, {0, 2, "0.00"}, {7, 0, "7"}, {-1230, 2, "-12.30"}, {-5, 4, "-0.0005"}}
	for _, tt := range tests {
		if got := DecimalText(dec(tt.v, tt.scale)); got != tt.want {
			t.Errorf("DecimalText(%d, %d) = %s, want %s", tt.v, tt.scale, got, tt.want)
		}
	}
	if got := DecimalText(duckdb.Decimal{Scale: 2}); got != "NULL" {
		t.Errorf("DecimalText(no value) = %s, want NULL", got)
	}
}

func FuzzDecimalText(f *testing.F) {
	f.Add("1146300000", uint8(2))
	f.Add("-10", uint8(2))
	f.Add("0", uint8(0))
	f.Add("-170141183460469231731687303715884105727", uint8(38))
	f.Fuzz(func(t *testing.T, digits string, scale uint8) {
		n, ok := new(big.Int).SetString(digits, 10)
		if !ok || scale > 38 {
			return
		}
		d := duckdb.Decimal{Width: 38, Scale: scale, Value: n}
		if got, want := DecimalText(d), refDecString(d); got != want {
			t.Errorf("DecimalText(%s, %d) = %s, reference %s", digits, scale, got, want)
		}
	})
}

func TestText(t *testing.T) {
	midnight := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	later := time.Date(2024, 1, 2, 3, 4, 5, 600, time.FixedZone("CST", 8*3600))
	tests := []struct {
		name string
		c    Column
		v    any
		o    Options
		want string
	}{
		{"null", Column{}, nil, StyleSQL, ""},
		{"null in a list", Column{}, []any{nil, "a"}, StyleSQL, "[NULL, a]"},
		{"struct keys sorted", Column{}, map[string]any{"b": 1, "a": dec(100, 2)}, StyleSQL, "{a: 1.00, b: 1}"},
		{"midnight by value", Column{}, midnight, StyleSQL, "2024-01-02"},
		{"time by value in whole seconds", Column{}, later, StyleSQL, "2024-01-01T19:04:05Z"},
		{"timestamp at midnight by type", Column{Type: "TIMESTAMP"}, midnight, StyleQuery, "2024-01-02T00:00:00Z"},
		{"date by type", Column{Type: "DATE"}, midnight, StyleQuery, "2024-01-02"},
		{"time by type with fraction", Column{Type: "TIMESTAMP"}, later, StyleQuery, "2024-01-01T19:04:05.0000006Z"},
		{"decimal.Decimal at column scale", Column{Scale: 3}, decimal.New(15, -1), StyleQuery, "1.500"},
		{"float without exponent", Column{}, 1e21, StyleSQL, "1000000000000000000000"},
		{"interval", Column{}, duckdb.Interval{Months: 1, Days: 2, Micros: 3}, StyleSQL, "1 months 2 days 3 µs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.c, tt.v, tt.o); got != tt.want {
				t.Errorf("Text(%v) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}

func TestIsNumber(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{{"12", true}, {"-0.10", true}, {"", false}, {"-", false}, {"1e5", false}, {"0x1", false}, {"Inf", false}, {"NaN", false}, {"12a", false}, {"甲", false}}
	for _, tt := range tests {
		if got := IsNumber(tt.in); got != tt.want {
			t.Errorf("IsNumber(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestNumericType(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{{"DECIMAL(20,2)", true}, {"BIGINT", true}, {"INTEGER", true}, {"HUGEINT", true}, {"DOUBLE", true}, {"FLOAT", true}, {"VARCHAR", false}, {"DATE", false}, {"BOOLEAN", false}}
	for _, tt := range tests {
		if got := NumericType(tt.in); got != tt.want {
			t.Errorf("NumericType(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzWrite checks both styles against their references on one row of
// arbitrary text and numbers.
func FuzzWrite(f *testing.F) {
	f.Add("甲部门", "x\ty", int64(1146300000), uint8(2), 0.5, true)
	f.Add("", " ", int64(-1), uint8(0), math.Inf(-1), false)
	f.Add("12", "a\r\nb", int64(0), uint8(4), 1e300, true)
	f.Fuzz(func(t *testing.T, a, b string, unscaled int64, scale uint8, fl float64, null bool) {
		if scale > 18 {
			return
		}
		var last any = b
		if null {
			last = nil
		}
		sqlRow := [][]any{{a, dec(unscaled, scale), fl, []any{a, nil}, last}, {b, nil, int32(unscaled), []any{}, a}}
		for _, f := range formats {
			sameAsReference(t, f, names([]string{a, "amount", "f", "list", b}), sqlRow, StyleSQL)
		}
		cols := []Column{{Name: a, Type: "VARCHAR"}, {Name: "amount", Type: "DECIMAL(18,2)", Scale: int(scale)}, {Name: "f", Type: "DOUBLE"}, {Name: b, Type: "VARCHAR"}}
		queryRow := [][]any{{a, decimal.New(unscaled, -int32(scale)), fl, last}, {b, nil, nil, a}}
		for _, f := range formats {
			sameAsReference(t, f, cols, queryRow, StyleQuery)
		}
	})
}
