package ref

import (
	"testing"
)

func TestEconByNameUnder(t *testing.T) {
	tests := []struct {
		scheme, name, parent string
		want                 string
		ok                   bool
	}{
		{SchemeDepartment, "工资福利支出", "", "301", true},
		{SchemeDepartment, "基本工资", "301", "30101", true},
		{SchemeDepartment, "机关事业单位基本养老保险缴费", "301", "30108", true},
		{SchemeDepartment, "职业年金缴费", "301", "30109", true},
		{SchemeDepartment, "因公出国(境)费", "302", "30212", true},
		{SchemeDepartment, "因公出国（境）费用", "", "30212", true},
		{SchemeDepartment, "公务接待费", "302", "30217", true},
		{SchemeDepartment, "其他交通费用", "302", "30239", true},
		{SchemeDepartment, "奖励金", "303", "30309", true},
		{SchemeDepartment, "房屋建筑物购建", "309", "30901", true},
		{SchemeDepartment, "房屋建筑物购建", "", "31001", true},
		{SchemeDepartment, "其他支出", "", "399", true},
		{SchemeDepartment, " 办 公 费 ", "", "30201", true},
		{SchemeGovernment, "工资福利支出", "", "50501", true},
		{SchemeGovernment, "商品和服务支出", "", "50502", true},
		{SchemeGovernment, "公务接待费", "", "50206", true},
		{SchemeGovernment, "社会福利和救助", "", "50901", true},
		{SchemeGovernment, "基本工资", "", "", false},
		{SchemeDepartment, "不存在的科目", "", "", false},
		{"nope", "基本工资", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.scheme+"/"+tt.name, func(t *testing.T) {
			got, ok := EconByNameUnder(tt.scheme, tt.name, tt.parent)
			if ok != tt.ok || got.Code != tt.want {
				t.Errorf("EconByNameUnder(%q, %q, %q) = %q, %v; want %q, %v", tt.scheme, tt.name, tt.parent, got.Code, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestFuncClassByName(t *testing.T) {
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"一、一般公共服务支出", "201", true},
		{"十、卫生健康支出", "210", true},
		{"医疗卫生与计划生育支出", "210", true},
		{"二十三、灾害防治及应急管理支出", "224", true},
		{"二十四、预备费", "227", true},
		{"三十、抗疫特别国债安排的支出", "234", true},
		{"（一）国防支出", "203", true},
		{"二十九、债务发行费用支出", "233", true},
		{"十五、资源勘探工业信息等支出", "215", true},
		{"本年支出合计", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := FuncClassByName(tt.name)
			if ok != tt.ok || got.Code != tt.want {
				t.Errorf("FuncClassByName(%q) = %q, %v; want %q, %v", tt.name, got.Code, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestStripListMarker(t *testing.T) {
	tests := map[string]string{
		"一、一般公共预算":   "一般公共预算",
		"二十八、债务付息支出": "债务付息支出",
		"(一) 政府购买服务": "政府购买服务",
		"（二）其他":      "其他",
		"①公务用车购置费":   "公务用车购置费",
		"1、整体绩效目标":   "整体绩效目标",
		"1. 通过工信部平台": "通过工信部平台",
		"一般公共预算":     "一般公共预算",
		"十分重要、必要":    "十分重要、必要",
		"(2024)年度":   "(2024)年度",
		"2024年度":     "2024年度",
		"":           "",
	}
	for in, want := range tests {
		if got := StripListMarker(in); got != want {
			t.Errorf("StripListMarker(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestData(t *testing.T) {
	econ := EconAll()
	if len(econ) < 150 {
		t.Errorf("only %d economic codes", len(econ))
	}
	for _, e := range econ {
		want := 3
		if e.ParentCode != "" {
			want = 5
			if e.Code[:3] != e.ParentCode {
				t.Errorf("%s %s: parent %s is not its prefix", e.Scheme, e.Code, e.ParentCode)
			}
		}
		if len(e.Code) != want {
			t.Errorf("%s %s: code length %d, want %d", e.Scheme, e.Code, len(e.Code), want)
		}
		if (e.Scheme == SchemeDepartment) != (e.Code[0] == '3') {
			t.Errorf("%s %s: scheme and code disagree", e.Scheme, e.Code)
		}
		got, ok := EconByCode(e.Scheme, e.Code)
		if !ok || got.Name != e.Name {
			t.Errorf("EconByCode(%s, %s) = %v, %v", e.Scheme, e.Code, got, ok)
		}
	}
	if n := len(FuncClasses()); n != 30 {
		t.Errorf("%d functional classes, want 30", n)
	}
	if c, ok := FuncClassByCode("210"); !ok || c.Name != "卫生健康支出" {
		t.Errorf("FuncClassByCode(210) = %v, %v", c, ok)
	}
}

func TestParse_errors(t *testing.T) {
	tests := map[string][2]string{
		"bad scheme":     {"h\nx,301,a,,\n", "code,name,aliases\n"},
		"unknown parent": {"h\ndepartment,30101,a,301,\n", "code,name,aliases\n"},
		"dup code":       {"h\ndepartment,301,a,,\ndepartment,301,b,,\n", "code,name,aliases\n"},
		"dup class name": {"h\n", "h\n201,甲,\n202,乙,甲\n"},
		"short row":      {"h\ndepartment,301\n", "h\n"},
	}
	for name, in := range tests {
		if _, err := parse([]byte(in[0]), []byte(in[1])); err == nil {
			t.Errorf("%s: parse succeeded", name)
		}
	}
}

func FuzzNormName(f *testing.F) {
	f.Add("一、一般公共服务支出")
	f.Add("（一）因公出国（境）费")
	f.Add("①")
	f.Fuzz(func(t *testing.T, s string) {
		n := NormName(s)
		if NormName(n) != NormName(NormName(n)) {
			t.Fatalf("NormName not stable for %q", s)
		}
		_, _ = FuncClassByName(s)
		_, _ = EconByName(SchemeDepartment, s)
	})
}
