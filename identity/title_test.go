package identity

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNameFromTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		// Real title and cover lines of the corpus (pdf.Read output).
		{"2017年度江苏省高级人民法院部门预算公开", "江苏省高级人民法院"},
		{"第二部分江苏省高级人民法院2017年度部门预算表", "江苏省高级人民法院"},
		{"第三部分江苏省高级人民法院2017年度部门预算情况说明", "江苏省高级人民法院"},
		{"一、2017 年度江苏省高级人民法院部门收支预算总表", "江苏省高级人民法院"},
		{"上海市普陀区财政局", "上海市普陀区财政局"},
		{"第一部分上海市普陀区财政局概况", "上海市普陀区财政局"},
		{"第二部分上海市普陀区财政局2024年度部门决算表", "上海市普陀区财政局"},
		{"上海市XX 局", "上海市XX局"},
		{"第二部分上海市 XX 局2024年度部门决算表", "上海市XX局"},
		{"侯马经济开发区管理委员会经济科技发展部", "侯马经济开发区管理委员会经济科技发展部"},
		{"江苏省委办公厅2017年部门预算", "江苏省委办公厅"},
		// Not department titles.
		{"2024年度部门决算", ""},
		{"目录", ""},
		{"一、主要职能", ""},
		{"一、收支预算总表", ""},
		{"第四部分名词解释", ""},
		{"江苏省高级人民法院是国家审判机关，依法独立行使审判权", ""},
		{"五、 一般公共预算财政拨款支出决算表", ""},
		{"人民检察院", ""}, // a bare line without a region
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := NameFromTitle(tt.in); got != tt.want {
				t.Errorf("NameFromTitle(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzNameFromTitle(f *testing.F) {
	for _, s := range []string{"2017年度江苏省高级人民法院部门预算公开", "第一部分上海市普陀区财政局概况", "上海市XX 局", "一、2017 年度江苏省高级人民法院部门收支预算总表"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NameFromTitle(s)
		if n == "" {
			return
		}
		if !utf8.ValidString(n) || strings.ContainsAny(n, " \t") {
			t.Fatalf("NameFromTitle(%q) = %q", s, n)
		}
		// A name with a region must be stable when read again.
		if r, _ := RegionOf(n); r != "" && NameFromTitle(n) != n {
			t.Fatalf("NameFromTitle not stable on its output: %q → %q → %q", s, n, NameFromTitle(n))
		}
	})
}
