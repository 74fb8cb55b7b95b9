package identity_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/identity"
	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/ingest/pdf"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
)

// realDepartment maps a corpus file name prefix to its department, from
// shared/corpus/real/README.md.
var realDepartment = map[string]string{
	"js-rendabangongting-2017":    "江苏省人大常委会办公厅",
	"js-renminjianchayuan-2017":   "江苏省人民检察院",
	"js-shengweibangongting-2017": "中共江苏省委办公厅",
	"js-shengweibangongting-2018": "中共江苏省委办公厅",
	"js-zhengxiebangongting-2017": "江苏省政协办公厅",
	"js-gaojirenminfayuan-2017":   "江苏省高级人民法院",
	"js-gaojirenminfayuan-2018":   "江苏省高级人民法院",
	"sh-putuo-wanlijiedao-2023":   "上海市普陀区万里街道办事处",
	"sh-putuo-caizhengju-2024":    "上海市普陀区财政局",
	"sh-putuo-sifaju-2026":        "上海市普陀区司法局",
	"sh-putuo-zhengfubangongshi":  "上海市普陀区人民政府办公室",
	"sh-xxju-2024":                "placeholder",
	"houma-jjkjfzb-2024":          "侯马经济开发区经济科技发展部",
}

// TestAssign_realCorpus reads every publication of the development corpus
// (PDFs and the Shanxi text) through the real readers and interpreter and
// checks that identity.Assign gives exactly one id per real department plus
// one for the blank template. A document in which the interpreter finds no
// department name at all fails the test (identity would have nothing to go
// on); every other document must land on its department's single id.
// Slow (PDF reading): skipped with -short.
func TestAssign_realCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every corpus PDF")
	}
	dir := testutil.CorpusDir(t)
	ingest.Readers[ingest.FormatPDF] = pdf.Read
	srcs, err := ingest.Discover([]string{filepath.Join(dir, "real"), testutil.CorpusText(t)})
	if err != nil {
		t.Fatal(err)
	}
	a, err := identity.DefaultAliases()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	byDept := map[string]map[string][]string{} // expected → id → files
	var idents []model.Identity
	var report strings.Builder
	var unnamed []string
	seen := map[string]bool{} // every department read, named or not
	for _, src := range srcs {
		if src.Parts[0].Format == ingest.FormatXLSX {
			continue // review checklists, not publications
		}
		base := filepath.Base(src.Parts[0].Path)
		want := ""
		for p, d := range realDepartment {
			if strings.HasPrefix(base, p) {
				want = d
			}
		}
		if want == "" {
			t.Errorf("%s: not in the corpus list", base)
			continue
		}
		l, err := ingest.Load(ctx, src)
		if err != nil {
			t.Errorf("%s: %v", base, err)
			continue
		}
		d := interpret.Interpret(ctx, l.Doc)
		d.Identity.DocID = l.DocID
		identity.Assign(&d.Identity, a)
		idents = append(idents, d.Identity)
		r := identity.Explain(d.Identity, a)
		fmt.Fprintf(&report, "%s\t%s\t%q %q code=%q region=%q\t%s\n", base, d.Identity.DepartmentID, d.Identity.Department,
			d.Identity.DepartmentNames, d.Identity.DepartmentCode, d.Identity.Region, r.Key)
		seen[want] = true
		if want != "placeholder" && d.Identity.Department == "" && len(d.Identity.DepartmentNames) == 0 {
			// The interpreter found no department name: nothing for
			// identity to work with (the id is unknown:<doc_id>).
			unnamed = append(unnamed, base)
			continue
		}
		if byDept[want] == nil {
			byDept[want] = map[string][]string{}
		}
		byDept[want][d.Identity.DepartmentID] = append(byDept[want][d.Identity.DepartmentID], base)
	}
	t.Logf("identities:\n%s", report.String())
	owner := map[string]string{}
	for dept, ids := range byDept {
		if len(ids) != 1 {
			t.Errorf("%s split into %d identities: %v", dept, len(ids), ids)
		}
		for id, files := range ids {
			if o, ok := owner[id]; ok {
				t.Errorf("id %s shared by %s and %s (%v)", id, o, dept, files)
			}
			owner[id] = dept
		}
	}
	if len(unnamed) > 0 {
		t.Errorf("interpreter found no department name in %d documents: %v", len(unnamed), unnamed)
	}
	if len(seen) != 11 {
		var ks []string
		for k := range seen {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		t.Errorf("read %d departments, want 11: %v", len(seen), ks)
	}
	for _, f := range identity.Ambiguities(idents) {
		t.Errorf("ambiguity on the corpus: %s", f.Message)
	}
}
