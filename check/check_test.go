package check

import (
	"encoding/json"
	"testing"

	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
)

func findingsJSON(t *testing.T, fs []model.Finding) []byte {
	t.Helper()
	b, err := json.MarshalIndent(fs, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// fixtures are the two Disclosures of the Shanxi corpus text: built by hand
// from the text, and read by ingest/text + ingest/interpret.
var fixtures = []struct {
	name   string
	build  func(testing.TB) *model.Disclosure
	golden string
}{
	{"hand-built", func(testing.TB) *model.Disclosure { return shanxi() }, "testdata/shanxi.findings.golden.json"},
	{"text", shanxiReal, "testdata/shanxi-text.findings.golden.json"},
}

// TestDocument_shanxi checks the Shanxi Disclosures: the known defects of
// the text are reported, nothing else is an error or warning.
func TestDocument_shanxi(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			d := fx.build(t)
			fs := Document(d)
			testutil.Golden(t, fx.golden, findingsJSON(t, fs))
			if q := Quarantine(d); len(q) > 0 {
				t.Errorf("Quarantine = %v, want none", q)
			}
			got := map[string]int{}
			for _, f := range fs {
				if f.Severity != model.SeverityInfo {
					got[f.Rule+"/"+f.Severity]++
				}
			}
			want := map[string]int{
				"projects.form_missing/warning":       1, // 科技研发平台认定奖励
				"projects.form_name_mismatch/warning": 1, // 数字双创
				"forms.cost_indicator/warning":        4, // 聘用律师费, 数字双创, 绿色园区, 应急预案
			}
			for k, n := range want {
				if got[k] != n {
					t.Errorf("%s: got %d findings, want %d", k, got[k], n)
				}
			}
			for k, n := range got {
				if _, ok := want[k]; !ok {
					t.Errorf("unexpected %d findings %s", n, k)
				}
			}
			if t.Failed() {
				for _, f := range fs {
					t.Logf("%s %s %s: %s", f.Severity, f.Rule, f.SourceRef, f.Message)
				}
			}
		})
	}
}

func BenchmarkDocument(b *testing.B) {
	d := shanxiReal(b)
	b.ResetTimer()
	for b.Loop() {
		Document(d)
	}
}
