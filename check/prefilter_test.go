package check

import (
	"strings"
	"testing"
)

var scanCases = []string{"", "一般公共服务支出(201类)行政运行(01项)12.5万元", "收入12万元，支出3元", "无金额", "1,234.5亿元",
	"教育支出(205类)普通教育(02款)小学教育(02项)100万元，预算安排90万元", "(201类", "类)", "元", "12元"}

// The literal tests in front of moneyIn's and scanFuncMentions' regexps
// must not change any result.
func TestScan_prefilter(t *testing.T) {
	for _, s := range scanCases {
		checkScanPrefilter(t, s)
	}
}

func FuzzScan_prefilter(f *testing.F) {
	for _, s := range scanCases {
		f.Add(s)
	}
	f.Fuzz(checkScanPrefilter)
}

func checkScanPrefilter(t *testing.T, s string) {
	// The literals the prefilters test for are in every match.
	if moneyRE.MatchString(s) && !strings.Contains(s, "元") {
		t.Fatalf("moneyRE matches %q without 元", s)
	}
	if chainRE.MatchString(s) && !strings.Contains(s, "类)") {
		t.Fatalf("chainRE matches %q without 类)", s)
	}
	// And the functions agree with their regexps on whether there is anything.
	if moneyRE.MatchString(s) != (len(moneyRE.FindAllStringIndex(s, -1)) > 0) || (len(moneyIn(s)) > 0 && !moneyRE.MatchString(s)) {
		t.Fatalf("moneyIn(%q) = %v without a regexp match", s, moneyIn(s))
	}
	if got, want := len(scanFuncMentions(s)), len(chainRE.FindAllStringIndex(s, -1)); got != want {
		t.Fatalf("scanFuncMentions(%q): %d chains, the regexp finds %d", s, got, want)
	}
}
