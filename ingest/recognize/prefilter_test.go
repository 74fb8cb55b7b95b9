package recognize

import (
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/values"
)

// The cheap tests in front of IsNumberLine's and isPageNumber's regexps
// must not change any answer: compare with the regexps alone.
var lineCases = []string{"", "表1", "预算公开表1", "部门公开表9", "表一", "公开01表", "附表3", "表十二", "（表1）", "表 1",
	"1", "- 12 -", "第 3 页", "第3页，共12页", "3/12", "１２", "—５—", "第１页", "一般公共服务支出", "2024年", "表１", "\xff表1"}

func TestIsNumberLine_prefilter(t *testing.T) {
	for _, s := range lineCases {
		if got, want := IsNumberLine(s), numberLineRE.MatchString(NormText(values.NormalizeWidth(s))); got != want {
			t.Errorf("IsNumberLine(%q) = %v, want %v", s, got, want)
		}
		if got, want := isPageNumber(s), pageNumberRE.MatchString(strings.TrimSpace(values.NormalizeWidth(s))); got != want {
			t.Errorf("isPageNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzIsNumberLine(f *testing.F) {
	for _, s := range lineCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsNumberLine(s), numberLineRE.MatchString(NormText(values.NormalizeWidth(s))); got != want {
			t.Fatalf("IsNumberLine(%q) = %v, want %v", s, got, want)
		}
		if got, want := isPageNumber(s), pageNumberRE.MatchString(strings.TrimSpace(values.NormalizeWidth(s))); got != want {
			t.Fatalf("isPageNumber(%q) = %v, want %v", s, got, want)
		}
	})
}
