package e2e

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Bounds every hostile batch must respect. Time is bounded twice: CPU time
// (user + system, independent of how busy the shared machine is) and a
// wall-clock limit that catches hangs.
const (
	maxBatchCPU  = 2 * time.Minute
	maxBatchTime = 10 * time.Minute
	maxRSS       = 1 << 30 // 1 GiB
)

var baseOnce struct {
	sync bool
	docs []string
}

// baseDocs returns 8 clean UTF-8 synthetic publications (one per department,
// fiscal year 2024, no format variants), generated once per run: the good
// documents of the hostile batches and the material the derived cases
// modify. Each case uses its own department so that documents never
// supersede each other.
func baseDocs(t *testing.T) []string {
	t.Helper()
	if !baseOnce.sync {
		out := filepath.Join(shared, "base")
		mustCLI(t, shared, 0, "synth", "--departments", "8", "--years", "2024-2024", "--variants=false", "--defect-rate", "0", "--out", out)
		docs, _ := filepath.Glob(filepath.Join(out, "*.txt"))
		if len(docs) != 8 {
			t.Fatalf("synth wrote %d documents, want 8", len(docs))
		}
		baseOnce.docs, baseOnce.sync = docs, true
	}
	return baseOnce.docs
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// deptName is the department named on the first line of a synthetic document.
func deptName(text string) string {
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// withAmount replaces the first amount of the 一般公共预算 income row of the
// 收支总表 by v and returns the text and the 1-based line number changed.
func withAmount(t *testing.T, text, v string) (string, int) {
	t.Helper()
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if f := strings.Split(l, "\t"); len(f) > 2 && f[0] == "一、一般公共预算" && f[1] != "" {
			f[1] = v
			lines[i] = strings.Join(f, "\t")
			return strings.Join(lines, "\n"), i + 1
		}
	}
	t.Fatal("no 一般公共预算 row in the base document")
	return "", 0
}

// writeXLSX writes a small budget-like workbook; opts may set a password.
func writeXLSX(t *testing.T, path string, opts ...excelize.Options) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"2024年部门收支预算总表"}, {"单位：万元"}, {"项目", "预算数"}, {"一、一般公共预算", 100.5}, {"合计", 100.5}}
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path, opts...); err != nil {
		t.Fatal(err)
	}
}

// writeZipBomb writes an .xlsx whose sheet XML unpacks to size bytes (mostly
// one repeated character) from a small zip; the other parts are those of a
// valid workbook.
func writeZipBomb(t *testing.T, path string, size int64) {
	t.Helper()
	small := filepath.Join(t.TempDir(), "small.xlsx")
	writeXLSX(t, small)
	zr, err := zip.OpenReader(small)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "xl/worksheets/sheet1.xml" {
			head := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`
			io.WriteString(w, head)
			chunk := bytes.Repeat([]byte("A"), 1<<20)
			for n := int64(0); n < size; n += int64(len(chunk)) {
				w.Write(chunk)
			}
			io.WriteString(w, `</t></is></c></row></sheetData></worksheet>`)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, buf.Bytes())
}

// docLine is the document line ingest printed for a file name, and its status.
func docLine(stdout, name string) (status, line string) {
	sc := bufio.NewScanner(strings.NewReader(stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		if strings.Contains(l, string(filepath.Separator)+name+" ") || strings.HasSuffix(l, string(filepath.Separator)+name) {
			return f[0], l
		}
	}
	return "", ""
}

// hostileCase is one row of the hostile-input catalogue.
type hostileCase struct {
	name   string                       // catalogue case
	file   string                       // file name in the batch folder
	make   func(t *testing.T, p string) // writes the file (may return a line to expect)
	status string                       // failed, quarantined or loaded
	// stderr (failed) or the document line (quarantined, loaded) must
	// contain every one of these.
	want []string
	// after runs further checks on the warehouse and the batch folder.
	after func(t *testing.T, db, batch string, r result)
}

// runBatch writes the cases and one good document into a folder, ingests it
// in one run with bounded time and memory, and checks each file's outcome.
// It returns the warehouse path and the ingest result.
func runBatch(t *testing.T, cases []hostileCase, good string) (string, string, result) {
	t.Helper()
	dir := t.TempDir()
	batch := filepath.Join(dir, "batch")
	os.Mkdir(batch, 0o755)
	goodName := "good-" + filepath.Base(good)
	writeFile(t, filepath.Join(batch, goodName), []byte(readText(t, good)))
	for _, c := range cases {
		c.make(t, filepath.Join(batch, c.file))
	}
	db := filepath.Join(dir, "w.duckdb")
	r := cli(t, dir, maxBatchTime, "ingest", "-q", "--db", db, batch)
	t.Logf("ingest of %d hostile files + 1 good: exit %d in %s (CPU %s), peak RSS %d MiB", len(cases), r.Code, r.Elapsed.Round(time.Millisecond), r.CPU.Round(time.Millisecond), r.MaxRSS>>20)
	if r.CPU > maxBatchCPU {
		t.Errorf("CPU time %s exceeds %s", r.CPU, maxBatchCPU)
	}
	if r.MaxRSS > maxRSS {
		t.Errorf("peak RSS %d MiB exceeds %d MiB", r.MaxRSS>>20, maxRSS>>20)
	}
	if st, l := docLine(r.Stdout, goodName); st != "loaded" {
		t.Errorf("the good document was not loaded: %q\n%s", l, r)
	}
	wantCode := 0
	for _, c := range cases {
		if c.status == "failed" {
			wantCode = 1
		}
	}
	if r.Code != wantCode {
		t.Errorf("exit %d, want %d", r.Code, wantCode)
	}
	for _, c := range cases {
		st, l := docLine(r.Stdout, c.file)
		if st != c.status {
			t.Errorf("%s (%s): status %q, want %q; line %q", c.name, c.file, st, c.status, l)
			continue
		}
		where := l
		if c.status == "failed" {
			where = ""
			for _, el := range strings.Split(r.Stderr, "\n") {
				if strings.Contains(el, c.file) {
					where = el
					break
				}
			}
		}
		for _, w := range c.want {
			if !strings.Contains(where, w) {
				t.Errorf("%s (%s): message %q lacks %q", c.name, c.file, clipText(where), w)
			}
		}
		t.Logf("%-28s %-11s %s", c.name, st, clipText(where))
		if c.after != nil {
			c.after(t, db, batch, r)
		}
	}
	if t.Failed() {
		t.Logf("ingest output: %s", r)
	}
	return db, batch, r
}

// TestHostile_small: the small hostile files in one batch with a good
// document.
func TestHostile_small(t *testing.T) {
	docs := baseDocs(t)
	garbage := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(8, 8))
	for i := range garbage {
		garbage[i] = byte(rng.UintN(256))
	}
	// amountCase puts v in the 一般公共预算 income cell (line 24) of doc and
	// checks what the warehouse holds for that cell (want: the amount in
	// yuan, or "" for no fact) and that `check` names the line.
	amountCase := func(doc, file, v, wantYuan string, finding bool) hostileCase {
		return hostileCase{
			name: "amount " + v + " in a table", file: file, status: "loaded", want: []string{file},
			make: func(t *testing.T, p string) {
				text, line := withAmount(t, readText(t, doc), v)
				if line != 24 {
					t.Fatalf("the 一般公共预算 row is on line %d, want 24", line)
				}
				writeFile(t, p, []byte(text))
			},
			after: func(t *testing.T, db, batch string, r result) {
				got := sqlCSV(t, db, "SELECT t.amount_yuan FROM core.totals t JOIN core.documents d USING (doc_id) WHERE d.source_path LIKE '%/"+file+"' AND t.label = '一、一般公共预算' AND t.source_ref = 'line 24'")
				if strings.TrimSpace(got) != wantYuan {
					t.Errorf("%s: the warehouse holds %q for the cell, want %q", file, got, wantYuan)
				}
				if !finding {
					return
				}
				chk := sqlCSV(t, db, "SELECT f.source_ref || ': ' || f.message FROM core.findings f JOIN core.documents d USING (doc_id) WHERE d.source_path LIKE '%/"+file+"' AND f.rule = 'parse.bad_amount'")
				if !strings.Contains(chk, "line 24: cell 「"+v+"」") {
					t.Errorf("%s: no parse.bad_amount finding naming line 24 and the cell; findings: %q", file, chk)
				}
			},
		}
	}
	encrypted, err := os.ReadFile(filepath.Join("testdata", "hostile", "encrypted.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []hostileCase{
		{name: "empty file", file: "empty.txt", make: func(t *testing.T, p string) { writeFile(t, p, nil) }, status: "quarantined", want: []string{"empty.txt", "no text could be read"}},
		{name: "binary garbage", file: "garbage.txt", make: func(t *testing.T, p string) { writeFile(t, p, garbage) }, status: "failed", want: []string{"garbage.txt", "unknown text encoding"}},
		{name: "HTML saved as .pdf", file: "page.pdf", make: func(t *testing.T, p string) {
			writeFile(t, p, []byte("<!DOCTYPE html><html><head><title>部门预算</title></head><body><p>404 Not Found</p></body></html>\n"))
		}, status: "failed", want: []string{"page.pdf", "not a pdf"}},
		{name: "encrypted PDF", file: "encrypted.pdf", make: func(t *testing.T, p string) { writeFile(t, p, encrypted) }, status: "failed", want: []string{"encrypted.pdf", "encrypted"}},
		{name: "password-protected xlsx", file: "protected.xlsx", make: func(t *testing.T, p string) {
			writeXLSX(t, p, excelize.Options{Password: "secret"})
		}, status: "failed", want: []string{"protected.xlsx", "password"}},
		{name: "corrupt xlsx", file: "corrupt.xlsx", make: func(t *testing.T, p string) {
			tmp := filepath.Join(t.TempDir(), "x.xlsx")
			writeXLSX(t, tmp)
			b, _ := os.ReadFile(tmp)
			writeFile(t, p, b[:len(b)/2])
		}, status: "failed", want: []string{"corrupt.xlsx", "not an xlsx workbook"}},
		amountCase(docs[1], "amount-1e309.txt", "1e309", "", true),
		amountCase(docs[2], "amount-dashes.txt", "--", "0.00", false),
		amountCase(docs[3], "amount-25digits.txt", "1234567890123456789012345", "", true),
		amountCase(docs[4], "amount-paren.txt", "(12.30)", "-123000.00", false),
		{name: "department name with quotes, slashes and ../", file: "dept-name.txt", status: "loaded", want: []string{hostileDept},
			make: func(t *testing.T, p string) {
				text := readText(t, docs[6])
				writeFile(t, p, []byte(strings.ReplaceAll(text, deptName(text), hostileDept)))
			},
			after: checkPartitionExport,
		},
		{name: "file name with spaces and Chinese", file: "预算 公开 2024 (副本).txt", make: func(t *testing.T, p string) {
			writeFile(t, p, []byte(readText(t, docs[5])))
		}, status: "loaded", want: []string{"预算 公开 2024 (副本).txt"}},
	}
	runBatch(t, cases, docs[0])
}

// hostileDept is a department name made to escape a partition directory.
const hostileDept = `临汾市"引号"局/科室\\..\\../../逃逸办公室`

// sqlCSV runs a read-only query through the CLI and returns its CSV rows
// without the header.
func sqlCSV(t *testing.T, db, query string) string {
	t.Helper()
	r := mustCLI(t, filepath.Dir(db), 0, "--db", db, "sql", "--format", "csv", query)
	out := strings.TrimPrefix(r.Stdout, "\ufeff")
	if _, rest, ok := strings.Cut(out, "\n"); ok {
		return strings.TrimRight(rest, "\n")
	}
	return ""
}

// checkPartitionExport exports with --partition-by department and checks
// that every file is inside --out and nothing was written beside it.
func checkPartitionExport(t *testing.T, db, batch string, _ result) {
	dir := filepath.Dir(db)
	before, _ := os.ReadDir(dir)
	parent, _ := os.ReadDir(filepath.Dir(dir))
	out := filepath.Join(dir, "out")
	mustCLI(t, dir, 0, "--db", db, "export", "-q", "--format", "csv", "--partition-by", "department", "--views", "documents,totals", "--out", out)
	var files int
	found := false
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(out, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
			t.Errorf("export wrote %s outside --out", p)
		}
		if !d.IsDir() {
			files++
		}
		if strings.Contains(p, "department=") && strings.Contains(p, "%") {
			found = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 || !found {
		t.Errorf("export --partition-by department wrote %d files, hostile name encoded: %v", files, found)
	}
	after, _ := os.ReadDir(dir)
	if len(after) != len(before)+1 {
		t.Errorf("export changed the folder beside --out: %d entries before, %d after", len(before), len(after))
	}
	if p2, _ := os.ReadDir(filepath.Dir(dir)); len(p2) != len(parent) {
		t.Errorf("export wrote into the parent folder")
	}
	// The name is stored as printed (quotes and slashes are data, not syntax).
	got := sqlCSV(t, db, "SELECT count(*) FROM documents WHERE department = '"+strings.ReplaceAll(hostileDept, "'", "''")+"'")
	if got != "1" {
		t.Errorf("documents with the hostile department name: %q, want 1", got)
	}
}

// TestHostile_large: the big hostile files, each in a batch with a good
// document: a 200 MB text file, a 100,000-row table, a 10 MB line and an
// xlsx zip bomb, all generated here (nothing large is committed).
func TestHostile_large(t *testing.T) {
	if testing.Short() {
		t.Skip("writes ~250 MB of hostile files; skipped with -short")
	}
	docs := baseDocs(t)
	cases := []hostileCase{
		{name: "200 MB text file", file: "huge.txt", status: "failed", want: []string{"huge.txt", "file too large"},
			make: func(t *testing.T, p string) {
				f, err := os.Create(p)
				if err != nil {
					t.Fatal(err)
				}
				w := bufio.NewWriterSize(f, 1<<20)
				line := strings.Repeat("本部门2024年度一般公共预算财政拨款支出较上年增加12.30万元。", 4) + "\n"
				w.WriteString("某某局\n\n2024年度部门预算公开\n\n")
				for n := 0; n < 200<<20; n += len(line) {
					w.WriteString(line)
				}
				if err := w.Flush(); err != nil {
					t.Fatal(err)
				}
				f.Close()
			}},
		{name: "100,000-row table", file: "rows100k.txt", status: "loaded", want: []string{"rows100k.txt", "unaccounted 0 of"},
			make: func(t *testing.T, p string) {
				var b strings.Builder
				b.WriteString(readText(t, docs[7]))
				b.WriteString("\n## 2024年项目支出预算表（本年预算）\n\n单位：万元\n\n项目名称\t合计\t一般公共预算\n")
				for i := range 100000 {
					fmt.Fprintf(&b, "项目%d\t%d.%02d\t%d.%02d\n", i, i%1000, i%100, i%1000, i%100)
				}
				writeFile(t, p, []byte(b.String()))
			},
			after: func(t *testing.T, db, _ string, _ result) {
				got := sqlCSV(t, db, "SELECT count(*) FROM core.projects p JOIN core.documents d USING (doc_id) WHERE d.source_path LIKE '%/rows100k.txt' AND p.project LIKE '项目%'")
				if got != "100000" {
					t.Errorf("100,000-row table: %s project rows stored, want 100000", got)
				}
			}},
		{name: "a code given 20,000 names", file: "names20k.txt", status: "loaded", want: []string{"names20k.txt"},
			make: func(t *testing.T, p string) {
				// Nine codes under 20,000 different names: the cross-document
				// rule corpus.func_name reports each row; it used to repeat
				// the list of every wording on every finding (gigabytes).
				var b strings.Builder
				b.WriteString(readText(t, docs[2]))
				b.WriteString("\n## 2024年一般公共预算支出表\n\n单位：万元\n\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n")
				for i := range 20000 {
					fmt.Fprintf(&b, "%07d\t名称%d\t1.00\t1.00\t\n", 2010101+i%9, i)
				}
				writeFile(t, p, []byte(b.String()))
			},
			after: func(t *testing.T, db, _ string, _ result) {
				got := sqlCSV(t, db, "SELECT max(length(x.message)) FROM core.corpus_findings x JOIN core.documents d USING (doc_id) WHERE d.source_path LIKE '%/names20k.txt'")
				if n, err := strconv.Atoi(got); err != nil || n > 4000 {
					t.Errorf("cross-document findings of names20k.txt: longest message %q characters, want bounded (≤ 4000)", got)
				}
			}},
		{name: "a line of 10 MB", file: "longline.txt", status: "loaded", want: []string{"longline.txt"},
			make: func(t *testing.T, p string) {
				lines := strings.Split(readText(t, docs[1]), "\n")
				long := strings.Repeat("长", 10<<20/3)
				lines = append(lines[:10], append([]string{long}, lines[10:]...)...)
				writeFile(t, p, []byte(strings.Join(lines, "\n")))
			}},
		{name: "xlsx zip bomb", file: "bomb.xlsx", status: "failed", want: []string{"bomb.xlsx", "workbook too large when unpacked"},
			make: func(t *testing.T, p string) { writeZipBomb(t, p, 300<<20) }},
	}
	// One batch per case (each with the good document): the memory bound
	// then applies to each hostile file, not to their sum (a group commit
	// holds a group's parsed documents until it is written).
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) { runBatch(t, []hostileCase{c}, docs[0]) })
	}
}
