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

// TestDocument_shanxi checks the hand-built Shanxi Disclosure: the known
// defects of the text are reported, nothing else is an error or warning.
func TestDocument_shanxi(t *testing.T) {
	fs := Document(shanxi())
	testutil.Golden(t, "testdata/shanxi.findings.golden.json", findingsJSON(t, fs))
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
}
