package export

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/duckdb/duckdb-go/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/budgetwh/budgetwh/internal/whtest"
	"github.com/budgetwh/budgetwh/schema"
)

var (
	whOnce sync.Once
	whDir  string
	whPath string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if whDir != "" {
		os.RemoveAll(whDir)
	}
	os.Exit(code)
}

// testWarehouse returns the path of a warehouse holding the corpus
// publication (2024), a 2023 variant and a variant with a hostile
// department name, built once per test binary.
func testWarehouse(t *testing.T) string {
	t.Helper()
	whOnce.Do(func() {
		dir, err := os.MkdirTemp("", "budgetwh-export-test-")
		if err != nil {
			t.Fatal(err)
		}
		whDir, whPath = dir, filepath.Join(dir, "w.duckdb")
		base := whtest.Corpus(t)
		whtest.Build(t, whPath, base,
			whtest.Variant(t, base, "y2023", 2023, ""),
			whtest.Variant(t, base, "hostile", 0, whtest.HostileDepartment))
	})
	if whPath == "" {
		t.Fatal("test warehouse was not built")
	}
	return whPath
}

func openRO(t *testing.T) *sql.DB {
	t.Helper()
	w, err := schema.Open(context.Background(), testWarehouse(t), schema.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w.DB()
}

func export(t *testing.T, db *sql.DB, opts Options) *Result {
	t.Helper()
	opts.Warehouse = testWarehouse(t)
	res, err := Run(context.Background(), db, opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

// canon formats a value scanned from DuckDB in a form that does not depend
// on the export's own conversions.
func canon(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case duckdb.Decimal:
		return decimal.NewFromBigInt(x.Value, -int32(x.Scale)).String()
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return strconv.FormatInt(x.UnixMicro(), 10)
	case []any, map[string]any:
		return canonJSON(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

func canonJSON(v any) string {
	var norm func(any) any
	norm = func(v any) any {
		switch x := v.(type) {
		case []any:
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = norm(e)
			}
			return out
		case map[string]any:
			out := map[string]any{}
			for k, e := range x {
				out[k] = norm(e)
			}
			return out
		case *big.Int:
			return x.String()
		case duckdb.Decimal:
			return decimal.NewFromBigInt(x.Value, -int32(x.Scale)).String()
		case json.Number:
			return x.String()
		case nil:
			return nil
		}
		return fmt.Sprint(v)
	}
	b, _ := json.Marshal(norm(v))
	return string(b)
}

func canonJSONText(s string) string {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return "BAD JSON " + s
	}
	return canonJSON(v)
}

// viewRows returns every row of a view, canonical, sorted.
func viewRows(t *testing.T, db *sql.DB, q string) (rows []string, nested []bool) {
	t.Helper()
	r, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer r.Close()
	cts, _ := r.ColumnTypes()
	nested = make([]bool, len(cts))
	for i, ct := range cts {
		n := ct.DatabaseTypeName()
		nested[i] = strings.HasSuffix(n, "]") || strings.HasPrefix(n, "STRUCT") || strings.HasPrefix(n, "MAP")
	}
	vals := make([]any, len(cts))
	ptrs := make([]any, len(cts))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for r.Next() {
		if err := r.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		cells := make([]string, len(vals))
		for i, v := range vals {
			cells[i] = canon(v)
		}
		rows = append(rows, strings.Join(cells, " | "))
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(rows)
	return rows, nested
}

// arrowCell formats one value of an Arrow column like canon.
func arrowCell(t *testing.T, col arrow.Array, i int, nested bool) string {
	if col.IsNull(i) {
		return "NULL"
	}
	switch a := col.(type) {
	case *array.String:
		if nested {
			return canonJSONText(a.Value(i))
		}
		return a.Value(i)
	case *array.Int32:
		return strconv.FormatInt(int64(a.Value(i)), 10)
	case *array.Int64:
		return strconv.FormatInt(a.Value(i), 10)
	case *array.Boolean:
		return strconv.FormatBool(a.Value(i))
	case *array.Float64:
		return strconv.FormatFloat(a.Value(i), 'g', -1, 64)
	case *array.Decimal128:
		dt := a.DataType().(*arrow.Decimal128Type)
		return decimal.NewFromBigInt(a.Value(i).BigInt(), -dt.Scale).String()
	case *array.Date32:
		return a.Value(i).ToTime().Format("2006-01-02")
	case *array.Timestamp:
		return strconv.FormatInt(int64(a.Value(i)), 10)
	case *array.List, *array.Struct:
		return canonJSON(arrowValue(t, col, i))
	}
	t.Fatalf("unexpected arrow column %T", col)
	return ""
}

// arrowValue converts a nested Arrow value into Go lists and maps of
// canonical scalar strings.
func arrowValue(t *testing.T, col arrow.Array, i int) any {
	if col.IsNull(i) {
		return nil
	}
	switch a := col.(type) {
	case *array.List:
		start, end := a.ValueOffsets(i)
		out := []any{}
		for j := start; j < end; j++ {
			out = append(out, arrowValue(t, a.ListValues(), int(j)))
		}
		return out
	case *array.Struct:
		out := map[string]any{}
		st := a.DataType().(*arrow.StructType)
		for f := range st.NumFields() {
			out[st.Field(f).Name] = arrowValue(t, a.Field(f), i)
		}
		return out
	}
	return arrowCell(t, col, i, false)
}

// parquetRows reads every Parquet file of a view with pqarrow (no DuckDB)
// and returns its rows, canonical, sorted, and the Arrow schema of the
// first file.
func parquetRows(t *testing.T, dir string, nested []bool) ([]string, *arrow.Schema) {
	t.Helper()
	var rows []string
	var schema *arrow.Schema
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".parquet") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		tbl, err := pqarrow.ReadTable(context.Background(), f, parquet.NewReaderProperties(memory.DefaultAllocator), pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		defer tbl.Release()
		if schema == nil {
			schema = tbl.Schema()
		}
		tr := array.NewTableReader(tbl, 1<<20)
		defer tr.Release()
		for tr.Next() {
			rec := tr.RecordBatch()
			for r := 0; r < int(rec.NumRows()); r++ {
				cells := make([]string, rec.NumCols())
				for c := range cells {
					cells[c] = arrowCell(t, rec.Column(c), r, nested[c])
				}
				rows = append(rows, strings.Join(cells, " | "))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(rows)
	return rows, schema
}

func TestRun_parquetRoundTrip(t *testing.T) {
	db := openRO(t)
	tests := []struct {
		name        string
		partitionBy []string
	}{
		{"unpartitioned", nil},
		{"by year and department", []string{"fiscal_year", "department"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			res := export(t, db, Options{Out: out, PartitionBy: tc.partitionBy, ToolVersion: "test"})
			if len(res.Manifest.Views) != len(PublicViews) {
				t.Errorf("exported %d views, want all %d public views", len(res.Manifest.Views), len(PublicViews))
			}
			for _, vm := range res.Manifest.Views {
				want, nested := viewRows(t, db, "SELECT * FROM "+vm.Name)
				got, schema := parquetRows(t, filepath.Join(out, vm.Name), nested)
				if len(want) == 0 && vm.Name != "findings" {
					t.Errorf("view %s is empty in the test warehouse: the test proves nothing for it", vm.Name)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("view %s: parquet differs from the warehouse (-want +got):\n%s", vm.Name, diff)
				}
				if vm.Rows != int64(len(want)) {
					t.Errorf("manifest rows of %s = %d, want %d", vm.Name, vm.Rows, len(want))
				}
				if schema != nil {
					for i, f := range schema.Fields() {
						if vm.Columns[i].DBType == "DECIMAL(20,2)" {
							if dt, ok := f.Type.(*arrow.Decimal128Type); !ok || dt.Precision != 20 || dt.Scale != 2 {
								t.Errorf("%s.%s: arrow type %s, want decimal(20, 2)", vm.Name, f.Name, f.Type)
							}
						}
						if strings.HasSuffix(vm.Columns[i].DBType, "[]") && f.Type.ID() != arrow.LIST {
							t.Errorf("%s.%s: arrow type %s, want a list", vm.Name, f.Name, f.Type)
						}
						if vm.Columns[i].DBType == "TIMESTAMP" && f.Type.ID() != arrow.TIMESTAMP {
							t.Errorf("%s.%s: arrow type %s, want timestamp", vm.Name, f.Name, f.Type)
						}
					}
				}
				if tc.partitionBy != nil && vm.Name == "totals" && !strings.Contains(strings.Join(vm.Files, ","), "totals/fiscal_year=2023/department=") {
					t.Errorf("totals files %v are not partitioned by year and department", vm.Files)
				}
			}
			checkManifest(t, out, res.Manifest)
			checkParquetMeta(t, filepath.Join(out, res.Manifest.Views[3].Files[0]))
		})
	}
}

// checkManifest verifies the manifest on disk: every file listed exists with
// its size and sha256, and nothing else is in the directory.
func checkManifest(t *testing.T, out string, want *Manifest) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	if m.Tool != "budgetwh" || m.ToolVersion == "" || len(m.DocIDs) != 3 {
		t.Errorf("manifest header: tool %q version %q doc_ids %d (want 3)", m.Tool, m.ToolVersion, len(m.DocIDs))
	}
	listed := map[string]bool{ManifestName: true}
	for _, f := range m.Files {
		listed[f.Path] = true
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Errorf("manifest lists %s: %v", f.Path, err)
			continue
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(b)) != f.Bytes {
			t.Errorf("%s: sha256/size in manifest do not match the file", f.Path)
		}
	}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			if !listed[filepath.ToSlash(rel)] {
				t.Errorf("file %s is not in the manifest", rel)
			}
		}
		return nil
	})
	for _, v := range m.Views {
		if v.Name == "totals" && len(v.DocIDs) != 3 {
			t.Errorf("totals doc_ids = %d, want 3", len(v.DocIDs))
		}
		if len(v.Columns) == 0 {
			t.Errorf("view %s has no schema in the manifest", v.Name)
		}
	}
}

// checkParquetMeta checks the Parquet-level metadata with the low-level
// reader: ZSTD compression and the DECIMAL logical type of amount_yuan.
func checkParquetMeta(t *testing.T, p string) {
	t.Helper()
	r, err := file.OpenParquetFile(p, false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sc := r.MetaData().Schema
	idx := sc.ColumnIndexByName("amount_yuan")
	if idx < 0 {
		t.Fatalf("%s has no amount_yuan column", p)
	}
	if lt := sc.Column(idx).LogicalType().String(); !strings.Contains(lt, "Decimal") || !strings.Contains(lt, "precision=20") {
		t.Errorf("amount_yuan logical type = %s, want Decimal(precision=20, scale=2)", lt)
	}
	if r.NumRowGroups() == 0 {
		t.Fatalf("%s has no row group", p)
	}
	cc, err := r.MetaData().RowGroup(0).ColumnChunk(idx)
	if err != nil {
		t.Fatal(err)
	}
	if cc.Compression() != compress.Codecs.Zstd {
		t.Errorf("compression = %v, want ZSTD", cc.Compression())
	}
}

func TestRun_duckdbHivePartitions(t *testing.T) {
	db := openRO(t)
	out := filepath.Join(t.TempDir(), "out")
	res := export(t, db, Options{Out: out, PartitionBy: []string{"fiscal_year", "department"}})
	for _, vm := range res.Manifest.Views {
		t.Run(vm.Name, func(t *testing.T) {
			want, _ := viewRows(t, db, "SELECT * FROM "+vm.Name)
			cols := make([]string, len(vm.Columns))
			for i, c := range vm.Columns {
				cols[i] = `"` + c.Name + `"`
			}
			glob := filepath.Join(out, vm.Name) + "/**/*.parquet"
			q := fmt.Sprintf("SELECT %s FROM read_parquet('%s', hive_partitioning=true)", strings.Join(cols, ", "), glob)
			got, _ := viewRows(t, db, q)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("read_parquet(hive) differs from the view (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRun_hostilePartitionStaysInside(t *testing.T) {
	db := openRO(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	res := export(t, db, Options{Out: out, PartitionBy: []string{"department", "fiscal_year"}, Views: []string{"documents", "totals"}})
	found := false
	for _, f := range res.Manifest.Files {
		local := filepath.FromSlash(f.Path)
		if !filepath.IsLocal(local) {
			t.Errorf("manifest path %q is not local", f.Path)
		}
		if strings.Contains(f.Path, "%2F") && strings.Contains(f.Path, "%2E%2E") {
			found = true
		}
	}
	if !found {
		t.Errorf("no file for the hostile department; files: %v", res.Manifest.Files)
	}
	ents, _ := os.ReadDir(parent)
	if len(ents) != 1 || ents[0].Name() != "out" {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("parent holds %v, want only out", names)
	}
	var depth0 []string
	es, _ := os.ReadDir(filepath.Join(out, "totals"))
	for _, e := range es {
		depth0 = append(depth0, e.Name())
	}
	for _, n := range depth0 {
		if !strings.HasPrefix(n, "department=") {
			t.Errorf("totals/%s is not a department partition", n)
		}
	}
	var dept string
	q := fmt.Sprintf("SELECT DISTINCT department FROM read_parquet('%s/totals/**/*.parquet', hive_partitioning=true) WHERE department LIKE '%%evil%%'", out)
	if err := db.QueryRow(q).Scan(&dept); err != nil || dept != whtest.HostileDepartment {
		t.Errorf("hostile department read back as %q (%v), want %q", dept, err, whtest.HostileDepartment)
	}
}

func TestRun_csv(t *testing.T) {
	db := openRO(t)
	tests := []struct {
		name    string
		noBOM   bool
		wantBOM bool
	}{
		{"with BOM by default", false, true},
		{"without BOM", true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			export(t, db, Options{Out: out, Format: FormatCSV, NoBOM: tc.noBOM, Views: []string{"totals", "documents"}})
			b, err := os.ReadFile(filepath.Join(out, "totals.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.HasPrefix(string(b), bom); got != tc.wantBOM {
				t.Fatalf("BOM present = %v, want %v", got, tc.wantBOM)
			}
			lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(string(b), bom), "\n"), "\n")
			if !strings.HasPrefix(lines[0], "doc_id,department_id,fiscal_year,department,") {
				t.Errorf("header = %q", lines[0])
			}
			want, _ := viewRows(t, db, "SELECT count(*) FROM totals")
			if strconv.Itoa(len(lines)-1) != want[0] {
				t.Errorf("csv has %d data lines, view has %s rows", len(lines)-1, want[0])
			}
			// Amounts keep two decimals.
			var amt string
			if err := db.QueryRow("SELECT amount_yuan::VARCHAR FROM totals WHERE fiscal_year = 2023 ORDER BY ALL LIMIT 1").Scan(&amt); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), ","+amt+",") {
				t.Errorf("csv lacks the amount %s written with two decimals", amt)
			}
		})
	}
}

func TestRun_csvPartitioned(t *testing.T) {
	db := openRO(t)
	out := filepath.Join(t.TempDir(), "out")
	res := export(t, db, Options{Out: out, Format: FormatCSV, PartitionBy: []string{"fiscal_year"}, Views: []string{"totals"}})
	if got := res.Manifest.Views[0].Files; len(got) != 2 || got[0] != "totals/fiscal_year=2023/part-0.csv" || got[1] != "totals/fiscal_year=2024/part-0.csv" {
		t.Errorf("files = %v", got)
	}
	var n, years int
	q := fmt.Sprintf("SELECT count(*), count(DISTINCT fiscal_year) FROM read_csv('%s/totals/**/*.csv', hive_partitioning=true)", out)
	if err := db.QueryRow(q).Scan(&n, &years); err != nil {
		t.Fatal(err)
	}
	var want int
	db.QueryRow("SELECT count(*) FROM totals").Scan(&want)
	if n != want || years != 2 {
		t.Errorf("read_csv gives %d rows in %d years, want %d in 2", n, years, want)
	}
}

func TestRun_xlsx(t *testing.T) {
	db := openRO(t)
	out := filepath.Join(t.TempDir(), "out")
	res := export(t, db, Options{Out: out, Format: FormatXLSX, Views: []string{"totals", "three_public", "documents"}, maxSheetRows: 40})
	f, err := excelize.OpenFile(filepath.Join(out, WorkbookName))
	if err != nil {
		t.Fatalf("excelize cannot open the export: %v", err)
	}
	defer f.Close()
	for _, vm := range res.Manifest.Views {
		var total int64
		wantRows, _ := viewRows(t, db, "SELECT count(*) FROM "+vm.Name)
		n, _ := strconv.ParseInt(wantRows[0], 10, 64)
		if n > 40 && len(vm.Sheets) < 2 {
			t.Errorf("%s: %d rows in %d sheet(s), want a split at 40", vm.Name, n, len(vm.Sheets))
		}
		for i, sh := range vm.Sheets {
			if i > 0 && sh != fmt.Sprintf("%s_%d", vm.Name, i+1) {
				t.Errorf("sheet %d of %s is named %s", i+1, vm.Name, sh)
			}
			rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			total += int64(len(rows) - 1)
			if rows[0][0] != "doc_id" {
				t.Errorf("%s header starts with %q", sh, rows[0][0])
			}
			st, _ := f.GetCellStyle(sh, "A1")
			style, _ := f.GetStyle(st)
			if style == nil || style.Font == nil || !style.Font.Bold {
				t.Errorf("%s header is not bold", sh)
			}
			panes, err := f.GetPanes(sh)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("%s panes = %+v (%v), want header row frozen", sh, panes, err)
			}
		}
		if total != n {
			t.Errorf("%s: %d rows across sheets, want %d", vm.Name, total, n)
		}
	}
	// Timestamps are dates with a date-time format.
	docs := res.Manifest.Views[0].Sheets[0] // documents
	rows, _ := f.GetRows(docs)
	col := -1
	for i, h := range rows[0] {
		if h == "ingested_at" {
			col = i
		}
	}
	cell, _ := excelize.CoordinatesToCellName(col+1, 2)
	if typ, _ := f.GetCellType(docs, cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber && typ != excelize.CellTypeDate {
		t.Errorf("ingested_at cell type %v, want a date number", typ)
	}
	if v := rows[1][col]; len(v) < 16 || v[4] != '-' || v[13] != ':' {
		t.Errorf("ingested_at shows %q, want yyyy-mm-dd hh:mm:ss", v)
	}

	// Amounts are numbers with two decimals, equal to the warehouse.
	want, _ := viewRows(t, db, "SELECT source_ref || ' ' || key || ' ' || measure, amount_yuan FROM totals")
	var got []string
	for _, sh := range res.Manifest.Views[1].Sheets { // totals
		rows, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
		head := rows[0]
		idx := map[string]int{}
		for i, h := range head {
			idx[h] = i
		}
		for r, row := range rows[1:] {
			cell, _ := excelize.CoordinatesToCellName(idx["amount_yuan"]+1, r+2)
			typ, _ := f.GetCellType(sh, cell)
			if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Fatalf("%s!%s type %v, want a number", sh, cell, typ)
			}
			st, _ := f.GetCellStyle(sh, cell)
			style, _ := f.GetStyle(st)
			if style == nil || style.CustomNumFmt == nil || *style.CustomNumFmt != "0.00" {
				t.Fatalf("%s!%s number format %+v, want 0.00", sh, cell, style)
			}
			d, err := decimal.NewFromString(row[idx["amount_yuan"]])
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, row[idx["source_ref"]]+" "+row[idx["key"]]+" "+row[idx["measure"]]+" | "+d.String())
		}
	}
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("xlsx amounts differ from the warehouse (-want +got):\n%s", diff)
	}
}

func TestRun_refusesUnsafeOut(t *testing.T) {
	db := openRO(t)
	dir := t.TempDir()
	notExport := filepath.Join(dir, "notes")
	os.MkdirAll(notExport, 0o755)
	os.WriteFile(filepath.Join(notExport, "thesis.docx"), []byte("precious"), 0o644)
	aFile := filepath.Join(dir, "file.txt")
	os.WriteFile(aFile, []byte("x"), 0o644)
	link := filepath.Join(dir, "link")
	os.Symlink(filepath.Join(dir, "elsewhere"), link)
	whLink := filepath.Join(dir, "whlink")
	os.Symlink(filepath.Dir(testWarehouse(t)), whLink)
	wd, _ := os.Getwd()
	tests := []struct {
		name string
		out  string
	}{
		{"the warehouse file", testWarehouse(t)},
		{"the directory holding the warehouse", filepath.Dir(testWarehouse(t))},
		{"a symlink to the warehouse directory", whLink},
		{"a symbolic link", link},
		{"an existing file", aFile},
		{"a directory that is not an export", notExport},
		{"the root", "/"},
		{"the working directory", wd},
		{"a parent of the working directory", filepath.Dir(wd)},
		{"empty", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run(context.Background(), db, Options{Out: tc.out, Warehouse: testWarehouse(t), Views: []string{"documents"}})
			if !errors.Is(err, ErrUnsafeOut) {
				t.Fatalf("err = %v, want ErrUnsafeOut", err)
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(notExport, "thesis.docx")); err != nil || string(b) != "precious" {
		t.Error("the user's directory was touched")
	}
	if _, err := os.Stat(filepath.Join(dir, "elsewhere")); err == nil {
		t.Error("the symlink target was created")
	}
}

func TestRun_replacesAtomically(t *testing.T) {
	db := openRO(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	first := export(t, db, Options{Out: out, PartitionBy: []string{"fiscal_year"}, Views: []string{"totals"}})
	if first.Replaced {
		t.Error("first export says it replaced something")
	}
	if _, err := os.Stat(filepath.Join(out, "totals", "fiscal_year=2023")); err != nil {
		t.Fatal(err)
	}
	// A failing export (cancelled) leaves the previous one untouched.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, db, Options{Out: out, Warehouse: testWarehouse(t), Views: []string{"totals"}}); err == nil {
		t.Fatal("cancelled export succeeded")
	}
	if _, err := os.Stat(filepath.Join(out, "totals", "fiscal_year=2023")); err != nil {
		t.Errorf("previous export damaged by a failed one: %v", err)
	}
	second := export(t, db, Options{Out: out, Views: []string{"totals", "documents"}})
	if !second.Replaced {
		t.Error("second export did not report replacing the first")
	}
	if _, err := os.Stat(filepath.Join(out, "totals", "fiscal_year=2023")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("old partition survived the re-export: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "documents", "part-0.parquet")); err != nil {
		t.Errorf("new export incomplete: %v", err)
	}
	ents, _ := os.ReadDir(parent)
	if len(ents) != 1 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("leftovers beside the export: %v", names)
	}
	checkManifest(t, out, second.Manifest)
}

func TestRun_badOptions(t *testing.T) {
	db := openRO(t)
	tests := []struct {
		name string
		opts Options
	}{
		{"unknown format", Options{Format: "json"}},
		{"unknown view", Options{Views: []string{"core.documents"}}},
		{"partition xlsx", Options{Format: FormatXLSX, PartitionBy: []string{"fiscal_year"}}},
		{"bad partition column", Options{PartitionBy: []string{"fiscal_year; DROP TABLE x"}}},
		{"partition column in no view", Options{PartitionBy: []string{"fiscal_yaer"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Out = filepath.Join(t.TempDir(), "out")
			if _, err := Run(context.Background(), db, tc.opts); !errors.Is(err, ErrBadOption) {
				t.Errorf("err = %v, want ErrBadOption", err)
			}
		})
	}
}
