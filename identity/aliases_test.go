package identity

import (
	"errors"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/model"
)

func mustAliases(t *testing.T, s string) *Aliases {
	t.Helper()
	a, err := LoadAliases(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

const aliasHeader = "action,name_or_key,target,reason\n"

func TestLoadAliases(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		rows    int
		wantErr string
	}{
		{"header only", aliasHeader, 0, ""},
		{"comment and row", "# c\n" + aliasHeader + "merge,江苏省人大办公厅,江苏省人大常委会办公厅,short\n", 1, ""},
		{"three fields", aliasHeader + "split,上海市普陀区司法局,上海市普陀区司法局（单位）\n", 1, ""},
		{"bom header", "\ufeff" + aliasHeader, 0, ""},
		{"no header", "merge,a,b,c\n", 0, "aliases:1: bad alias row: want header"},
		{"bad action", aliasHeader + "join,a,b,c\n", 0, "aliases:2: bad alias row: action \"join\""},
		{"empty target", aliasHeader + "merge,a,,c\n", 0, "aliases:2: bad alias row: empty"},
		{"too many fields", aliasHeader + "merge,a,b,c,d\n", 0, "aliases:2: bad alias row: want 3 or 4 fields"},
		{"doc target", aliasHeader + "merge,a,doc:x,c\n", 0, "is a document"},
		{"self merge", aliasHeader + "merge,中共江苏省委办公厅,江苏省委办公厅,same\n", 0, "aliases:2: bad alias row: merge"},
		{"bad quoting", aliasHeader + "merge,\"a,b,c\n", 0, "bad alias row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := LoadAliases(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrBadAlias) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Rows()) != tt.rows {
				t.Errorf("rows = %d, want %d", len(a.Rows()), tt.rows)
			}
		})
	}
}

func TestDefaultAliases(t *testing.T) {
	a, err := DefaultAliases()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range a.Rows() {
		if r.Reason == "" {
			t.Errorf("%s: alias without a reason", r.Source)
		}
	}
	// The shipped row merges the short form used in the source repository's
	// file names with the department's published name.
	x, y := identityOf("江苏省人大办公厅"), identityOf("江苏省人大常委会办公厅")
	Assign(&x, a)
	Assign(&y, a)
	if x.DepartmentID != y.DepartmentID {
		t.Errorf("江苏省人大办公厅 %s, 江苏省人大常委会办公厅 %s: want one id", x.DepartmentID, y.DepartmentID)
	}
}

func TestExplain_aliases(t *testing.T) {
	a := mustAliases(t, aliasHeader+
		"merge,侯马经济开发区经济发展局,code:侯马经济开发区:604,renamed in 2025\n"+
		"split,doc:sh12,上海市普陀区司法局机关,the unit is kept apart on purpose\n"+
		"merge,江苏省甲局,江苏省乙局,chain step 1\n"+
		"merge,江苏省乙局,江苏省丙局,chain step 2\n"+
		"merge,江苏省丁局,江苏省戊局,cycle 1\n"+
		"merge,江苏省戊局,江苏省丁局,cycle 2\n")
	houma := model.Identity{Department: "侯马经济开发区管理委员会经济科技发展部", DepartmentCode: "604", Region: "侯马经济开发区"}
	tests := []struct {
		name      string
		id        model.Identity
		sameAs    model.Identity
		same      bool
		basis     string
		evidenceW string
	}{
		{"merge name into code key", identityOf("侯马经济开发区经济发展局"), houma, true, BasisAlias, "renamed in 2025"},
		{"split one document", model.Identity{DocID: "sh12", Department: "上海市普陀区司法局"}, model.Identity{DocID: "sh11", Department: "上海市普陀区司法局"}, false, BasisSplit, "kept apart"},
		{"chain", identityOf("江苏省甲局"), identityOf("江苏省丙局"), true, BasisAlias, "chain step 2"},
		{"narrative wording matches alias", model.Identity{Department: "江苏省某某", DepartmentNames: []string{"江苏省甲局"}}, identityOf("江苏省丙局"), true, BasisAlias, "chain step 1"},
		{"cycle stops", identityOf("江苏省丁局"), identityOf("江苏省戊局"), false, BasisAlias, "cycle 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Explain(tt.id, a)
			o := Explain(tt.sameAs, a)
			if (r.ID == o.ID) != tt.same {
				t.Errorf("%s (%s) vs %s (%s): same=%v, want %v", r.ID, r.Key, o.ID, o.Key, r.ID == o.ID, tt.same)
			}
			if r.Basis != tt.basis {
				t.Errorf("basis = %s, want %s", r.Basis, tt.basis)
			}
			if !strings.Contains(strings.Join(r.Evidence, "\n"), tt.evidenceW) {
				t.Errorf("evidence %q lacks %q", r.Evidence, tt.evidenceW)
			}
		})
	}
}

func TestAliases_With(t *testing.T) {
	def := mustAliases(t, aliasHeader+"merge,江苏省甲局,江苏省乙局,default\n")
	user := mustAliases(t, aliasHeader+"split,江苏省甲局,江苏省甲局（独立）,user says no\n")
	r := Explain(identityOf("江苏省甲局"), def.With(user))
	if r.Basis != BasisSplit {
		t.Errorf("user row did not take precedence: basis %s, evidence %q", r.Basis, r.Evidence)
	}
	if got := len(def.With(user).Rows()); got != 2 {
		t.Errorf("rows = %d, want 2", got)
	}
	var nilA *Aliases
	if got := len(nilA.With(user).Rows()); got != 1 {
		t.Errorf("nil.With rows = %d", got)
	}
}

func FuzzLoadAliases(f *testing.F) {
	f.Add(aliasHeader + "merge,江苏省人大办公厅,江苏省人大常委会办公厅,short\n")
	f.Add(aliasHeader + "split,\"a,b\",c\n")
	f.Add("#x\n" + aliasHeader)
	f.Fuzz(func(t *testing.T, s string) {
		a, err := LoadAliases(strings.NewReader(s))
		if err != nil {
			if !errors.Is(err, ErrBadAlias) {
				t.Fatalf("error %v does not wrap ErrBadAlias", err)
			}
			return
		}
		for _, r := range a.Rows() {
			if r.Action != ActionMerge && r.Action != ActionSplit || r.NameOrKey == "" || r.Target == "" {
				t.Fatalf("invalid row accepted: %+v", r)
			}
		}
		Explain(identityOf("江苏省甲局", "江苏省乙局"), a)
	})
}
