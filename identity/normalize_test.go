package identity

import (
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"中国共产党江苏省委员会办公厅", "中共江苏省委办公厅"},
		{"江苏省委办公厅", "中共江苏省委办公厅"},
		{"中共江苏省委办公厅", "中共江苏省委办公厅"},
		{"中共 江苏省委 办公厅", "中共江苏省委办公厅"},
		{"江苏省人民代表大会常务委员会办公厅", "江苏省人大常委会办公厅"},
		{"中国人民政治协商会议江苏省委员会办公厅", "江苏省政协办公厅"},
		{"江苏省政协办公厅", "江苏省政协办公厅"},
		{"江苏省高级人民法院", "江苏省高级人民法院"},
		{"上海市普陀区司法局（本级）", "上海市普陀区司法局"},
		{"上海市普陀区人民政府万里街道办事处", "上海市普陀区万里街道办事处"},
		{"上海市普陀区万里街道", "上海市普陀区万里街道办事处"},
		{"普陀区政府办公室", "普陀区人民政府办公室"},
		{"普陀区政府办", "普陀区人民政府办公室"},
		{"侯马经济开发区管理委员会经济科技发展部", "侯马经济开发区经济科技发展部"},
		{"侯马经济开发区管委会经济科技发展部", "侯马经济开发区经济科技发展部"},
		{"侯马经济开发区管理委员会", "侯马经济开发区管委会"},
		{"上海市 XX 局", "上海市XX局"},
		{"ＸＸＸ局", "XXX局"},
		{"江苏省财政厅办公室（厅）", "江苏省财政厅办公室"},
		{"中共江苏省纪律检查委员会", "中共江苏省纪委"},
		{"\u3000江苏省　人民检察院 ", "江苏省人民检察院"},
		{"上海市普陀区人民政府办公室（上海市普陀区人民政府外事办公室）", "上海市普陀区人民政府办公室"},
		{"中共江苏省委办公厅(省档案局)(本级)", "中共江苏省委办公厅"},
		{"中共上海市普陀区委员会办公室", "中共上海市普陀区委办公室"},
		{"（本级）", ""},
		{"(X)", "X"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRegionOf(t *testing.T) {
	tests := []struct{ in, region, rest string }{
		{"江苏省高级人民法院", "江苏省", "高级人民法院"},
		{"上海市普陀区财政局", "上海市普陀区", "财政局"},
		{"上海市财政局", "上海市", "财政局"},
		{"侯马经济开发区管理委员会经济科技发展部", "侯马经济开发区", "管理委员会经济科技发展部"},
		{"中共江苏省委办公厅", "江苏省", "中共委办公厅"},
		{"中国共产党江苏省委员会办公厅", "江苏省", "中共委员会办公厅"},
		{"中国人民政治协商会议江苏省委员会办公厅", "江苏省", "中国人民政治协商会议委员会办公厅"},
		{"江苏省市场监督管理局", "江苏省", "市场监督管理局"},
		{"江苏省人大常委会办公厅", "江苏省", "人大常委会办公厅"},
		{"徐州市沛县财政局", "徐州市沛县", "财政局"},
		{"上海市浦东新区财政局", "上海市浦东新区", "财政局"},
		{"苏州工业园区财政局", "苏州工业园区", "财政局"},
		{"广西壮族自治区南宁市青秀区教育局", "广西壮族自治区南宁市青秀区", "教育局"},
		{"上海市普陀区", "上海市普陀区", ""},
		{"人民检察院", "", "人民检察院"},
		{"上海市 XX 局", "上海市", "XX局"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			region, rest := RegionOf(tt.in)
			if region != tt.region || rest != tt.rest {
				t.Errorf("RegionOf(%q) = (%q, %q), want (%q, %q)", tt.in, region, rest, tt.region, tt.rest)
			}
		})
	}
}

func TestIsPlaceholder(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"上海市 XX 局", true},
		{"上海市普陀区XX局", true},
		{"XXX", true},
		{"ｘｘ部门", true},
		{"××单位", true},
		{"某某局", true},
		{"上海市普陀区财政局", false},
		{"侯马经济开发区管理委员会经济科技发展部", false},
		{"X局", false},
	}
	for _, tt := range tests {
		if got := IsPlaceholder(tt.in); got != tt.want {
			t.Errorf("IsPlaceholder(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"中国共产党江苏省委员会办公厅", "江苏省委办公厅", "上海市普陀区人民政府万里街道办事处",
		"侯马经济开发区管理委员会经济科技发展部", "上海市 XX 局", "普陀区政府办", "中国人民政治协商会议江苏省委员会办公厅", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize not idempotent: %q → %q → %q", s, n, again)
		}
		region, rest := RegionOf(s)
		if len(region)+len(rest) > len(s)*3+len("中共") {
			t.Fatalf("RegionOf(%q) grew: %q %q", s, region, rest)
		}
		id := Explain(identityOf(s), nil)
		if len(id.ID) != 18 {
			t.Fatalf("bad id %q", id.ID)
		}
	})
}
