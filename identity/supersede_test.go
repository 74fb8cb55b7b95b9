package identity

import (
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/model"
)

func TestSameDepartmentName(t *testing.T) {
	aliases, err := LoadAliases(strings.NewReader("action,name_or_key,target,reason\nmerge,侯马经济开发区社会事务局,侯马经济开发区经济科技发展部,test\n"))
	if err != nil {
		t.Fatal(err)
	}
	id := func(name, code string, names ...string) model.Identity {
		return model.Identity{Department: name, DepartmentNames: names, DepartmentCode: code, Region: "侯马经济开发区"}
	}
	const houma = "侯马经济开发区管理委员会经济科技发展部"
	tests := []struct {
		name string
		x, y model.Identity
		a    *Aliases
		want bool
	}{
		{"equal", id(houma, "604"), id(houma, "604"), nil, true},
		{"normalised equal", id("侯马经济开发区管委会经济科技发展部", "604"), id(houma+"(本级)", "604"), nil, true},
		{"region missing", id("经济科技发展部", "604"), id(houma, "604"), nil, true},
		{"contained", id("侯马经济开发区科技发展部", "604"), id(houma, "604"), nil, true},
		{"different", id("侯马经济开发区管理委员会社会事务局", "604"), id(houma, "604"), nil, false},
		{"different, no region in the name", id("社会事务局", "604"), id(houma, "604"), nil, false},
		{"different, other codes", id("社会事务局", "605"), id(houma, "604"), nil, false},
		{"merged by an alias", id("侯马经济开发区管理委员会社会事务局", "604"), id(houma, "604"), aliases, true},
		{"placeholder", id("XX局", "604"), id(houma, "604"), nil, true},
		{"no name", id("", "604"), id(houma, "604"), nil, true},
		{"party organ", id("中共江苏省委办公厅", ""), id("江苏省委办公厅", ""), nil, true},
		{"office variants differ", id("江苏省财政厅", "101"), id("江苏省教育厅", "101"), nil, false},
		{"other wording of the document ignored", id("社会事务局", "604", houma), id(houma, "604"), nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameDepartmentName(tt.x, tt.y, tt.a); got != tt.want {
				t.Errorf("SameDepartmentName(%q, %q) = %v, want %v", tt.x.Department, tt.y.Department, got, tt.want)
			}
			if got := SameDepartmentName(tt.y, tt.x, tt.a); got != tt.want {
				t.Errorf("SameDepartmentName(%q, %q) = %v, want %v (not symmetric)", tt.y.Department, tt.x.Department, got, tt.want)
			}
		})
	}
}

func TestConflictOf(t *testing.T) {
	newer := model.Identity{DocID: "new", Department: "侯马经济开发区管理委员会社会事务局", DepartmentCode: "604", Region: "侯马经济开发区", FiscalYear: 2024, DepartmentID: "d_1"}
	older := model.Identity{DocID: "old", Department: "侯马经济开发区管理委员会经济科技发展部", DepartmentCode: "604", Region: "侯马经济开发区", FiscalYear: 2024, DepartmentID: "d_1"}
	f, ok := ConflictOf(newer, older, nil)
	if !ok {
		t.Fatal("no conflict between two different names")
	}
	if f.Rule != RuleSupersededOtherName || f.Severity != model.SeverityWarning || f.Expected != older.Department || f.Actual != newer.Department {
		t.Errorf("finding %+v", f)
	}
	for _, want := range []string{"doc old", newer.Department, older.Department, "2024", "d_1", "code 604", "split,doc:old"} {
		if !strings.Contains(f.Message, want) {
			t.Errorf("message %q does not contain %q", f.Message, want)
		}
	}
	if _, ok := ConflictOf(older, older, nil); ok {
		t.Error("conflict between a document and itself")
	}
}

// FuzzSameDepartmentName: never panics, is symmetric, and a name is always
// the same department as itself.
func FuzzSameDepartmentName(f *testing.F) {
	for _, s := range [][2]string{
		{"侯马经济开发区管理委员会经济科技发展部", "侯马经济开发区管理委员会社会事务局"},
		{"中共江苏省委办公厅", "江苏省委办公厅"},
		{"XX局", ""},
		{"上海市普陀区财政局", "上海市财政局"},
	} {
		f.Add(s[0], s[1], "604")
	}
	f.Fuzz(func(t *testing.T, a, b, code string) {
		x := model.Identity{Department: a, DepartmentCode: code, Region: "侯马经济开发区"}
		y := model.Identity{Department: b, DepartmentCode: code, Region: "侯马经济开发区"}
		if SameDepartmentName(x, y, nil) != SameDepartmentName(y, x, nil) {
			t.Errorf("not symmetric for %q, %q", a, b)
		}
		if !SameDepartmentName(x, x, nil) {
			t.Errorf("%q differs from itself", a)
		}
	})
}
