package identity

import (
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/model"
)

func TestAmbiguities(t *testing.T) {
	tests := []struct {
		name   string
		idents []model.Identity
		want   []string // substrings of the messages, in order
	}{
		{"corpus has none", corpusIdentities(), nil},
		{"city vs district are distinct divisions", []model.Identity{identityOf("上海市财政局"), identityOf("上海市普陀区财政局")}, nil},
		{"missing city", []model.Identity{identityOf("普陀区财政局"), identityOf("上海市普陀区财政局")},
			[]string{"differ only by a region prefix; not merged: if they are one department, add the alias row: merge,name:普陀区:财政局,name:上海市普陀区:财政局,<reason>"}},
		{"missing region", []model.Identity{identityOf("财政局"), identityOf("上海市普陀区财政局")}, []string{"differ only by a region prefix"}},
		{"office vs general office", []model.Identity{identityOf("上海市普陀区人民政府办公室"), identityOf("上海市普陀区人民政府办公厅")}, []string{"办公室/办公厅; not merged: add a merge or split row to the alias file"}},
		{"code in one year, none in another", []model.Identity{
			{Department: "侯马经济开发区管理委员会经济科技发展部", DepartmentCode: "604", Region: "侯马经济开发区"},
			{Department: "侯马经济开发区经济科技发展部"},
		}, []string{"have the same normalised name; not merged: if they are one department, add the alias row: merge,name:侯马经济开发区:经济科技发展部,code:侯马经济开发区:604,<reason>"}},
		{"placeholders skipped", []model.Identity{{Department: "上海市XX局", DocID: "a"}, {Department: "上海市XX局", DocID: "b"}, identityOf("XX局")}, nil},
		{"same id not reported", []model.Identity{identityOf("江苏省委办公厅"), identityOf("中共江苏省委办公厅")}, nil},
		{"unrelated provinces", []model.Identity{identityOf("江苏省财政厅"), identityOf("浙江省财政厅")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Ambiguities(tt.idents)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d findings %+v, want %d", len(got), got, len(tt.want))
			}
			for i, f := range got {
				if f.Rule != RuleAmbiguous || f.Severity != model.SeverityWarning || !strings.Contains(f.Message, tt.want[i]) {
					t.Errorf("finding %d = %+v, want a warning containing %q", i, f, tt.want[i])
				}
			}
		})
	}
}

func TestAmbiguities_deterministic(t *testing.T) {
	in := []model.Identity{identityOf("普陀区财政局"), identityOf("上海市普陀区财政局"), identityOf("财政局"),
		identityOf("上海市普陀区人民政府办公厅"), identityOf("上海市普陀区人民政府办公室")}
	first := Ambiguities(in)
	if len(first) != 4 {
		t.Fatalf("got %d findings, want 4: %+v", len(first), first)
	}
	for i := 0; i < 5; i++ {
		in[0], in[len(in)-1] = in[len(in)-1], in[0]
		again := Ambiguities(in)
		for j := range first {
			if again[j] != first[j] {
				t.Fatalf("run %d differs at %d: %+v vs %+v", i, j, again[j], first[j])
			}
		}
	}
}

func corpusIdentities() []model.Identity {
	var out []model.Identity
	for _, c := range corpus {
		out = append(out, c.id)
	}
	return out
}

// TestAmbiguities_adviceApplies checks that the alias row a finding
// suggests really merges the two identities.
func TestAmbiguities_adviceApplies(t *testing.T) {
	withCode := model.Identity{Department: "侯马经济开发区管理委员会经济科技发展部", DepartmentCode: "604", Region: "侯马经济开发区"}
	without := model.Identity{Department: "侯马经济开发区经济科技发展部"}
	fs := Ambiguities([]model.Identity{withCode, without})
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	_, row, ok := strings.Cut(fs[0].Message, "add the alias row: ")
	if !ok {
		t.Fatalf("no alias row in %q", fs[0].Message)
	}
	row = strings.Replace(row, "<reason>", "the code is missing from the 2025 publication", 1)
	a := mustAliases(t, aliasHeader+row+"\n")
	if x, y := Explain(withCode, a), Explain(without, a); x.ID != y.ID {
		t.Errorf("after %q: %s (%s) and %s (%s)", row, x.ID, x.Key, y.ID, y.Key)
	}
	if fs := Ambiguities([]model.Identity{assigned(withCode, a), assigned(without, a)}); len(fs) != 0 {
		t.Errorf("still ambiguous after the alias: %+v", fs)
	}
}

func assigned(id model.Identity, a *Aliases) model.Identity {
	Assign(&id, a)
	return id
}
