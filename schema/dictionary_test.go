package schema

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestDictionary_coversViews fails when a view column has no dictionary
// entry or a dictionary column names no existing view column.
func TestDictionary_coversViews(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	cols, err := w.ViewColumns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dict, err := Dictionary()
	if err != nil {
		t.Fatal(err)
	}
	have := map[[2]string]bool{}
	views := map[string]bool{}
	for _, c := range cols {
		have[[2]string{c.View, c.Column}] = true
		views[c.View] = true
	}
	documented := map[[2]string]bool{}
	for _, e := range dict {
		switch e.Kind {
		case "view":
			if !views[e.View] {
				t.Errorf("dictionary documents view %s, which does not exist", e.View)
			}
			documented[[2]string{e.View, ""}] = true
		case "column":
			if !have[[2]string{e.View, e.Name}] {
				t.Errorf("dictionary documents column %s.%s, which does not exist", e.View, e.Name)
			}
			documented[[2]string{e.View, e.Name}] = true
		}
	}
	for v := range views {
		if !documented[[2]string{v, ""}] {
			t.Errorf("view %s is not in the dictionary", v)
		}
	}
	for _, c := range cols {
		if !documented[[2]string{c.View, c.Column}] {
			t.Errorf("column %s.%s is not in the dictionary", c.View, c.Column)
		}
	}
	for _, want := range []string{"documents", "departments", "func_codes", "totals", "func_amounts", "econ_amounts", "three_public", "projects", "indicators", "narrative_facts", "findings"} {
		if !views[want] {
			t.Errorf("contract view %s missing", want)
		}
	}
}

func TestLoadDictionary(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		want    int
		wantErr bool
	}{
		{"merge and override", map[string]string{
			"d/1.tsv": "# c\nview\tv\t\tA view.\ncolumn\tv\tc\tOld.\n",
			"d/2.tsv": "column\tv\tc\tNew.\nword\tg\tw\tA word.\n",
		}, 3, false},
		{"three fields", map[string]string{"d/1.tsv": "view\tv\tno meaning\n"}, 0, true},
		{"column without name", map[string]string{"d/1.tsv": "column\tv\t\tx\n"}, 0, true},
		{"empty meaning", map[string]string{"d/1.tsv": "word\tg\tw\t\n"}, 0, true},
		{"unknown kind", map[string]string{"d/1.tsv": "table\tv\tc\tx\n"}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range tt.files {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			got, err := loadDictionary(fsys, "d")
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if len(got) != tt.want {
				t.Errorf("got %d entries, want %d: %+v", len(got), tt.want, got)
			}
			if tt.name == "merge and override" && got[1].Meaning != "New." {
				t.Errorf("override: got %q", got[1].Meaning)
			}
		})
	}
}

func FuzzLoadDictionary(f *testing.F) {
	f.Add("view\tv\t\tA view.\ncolumn\tv\tc\tx\n")
	f.Add("# comment\n\nword\tg\tw\tmeaning\n")
	f.Add("\t\t\t\n")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := loadDictionary(fstest.MapFS{"d/x.tsv": {Data: []byte(s)}}, "d")
		if err != nil {
			return
		}
		for _, e := range got {
			if e.Meaning == "" || e.View == "" {
				t.Fatalf("accepted incomplete entry %+v", e)
			}
		}
	})
}

func TestWriteDictionary(t *testing.T) {
	entries, err := Describe(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteDictionary(&buf, entries); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"\nVIEW totals\n  Document-level totals",
		"  amount_yuan            DECIMAL(20,2)  Amount in yuan",
		"\nWORDS three_public.item\n",
		"  reception                    公务接待费.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dictionary output lacks %q", want)
		}
	}
	if strings.Contains(out, "(undocumented)") {
		t.Errorf("dictionary output has undocumented entries")
	}
}
