package synth

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
)

func TestGenerate_Deterministic(t *testing.T) {
	ctx := context.Background()
	a, b := t.TempDir(), t.TempDir()
	opts := Options{Departments: 3, YearFrom: 2022, YearTo: 2024, Seed: 7, DefectRate: 0.3, Variants: true}
	if _, err := Generate(ctx, opts, a); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(ctx, opts, b); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(a, "*"))
	if len(files) != 3*3+1 {
		t.Fatalf("got %d files, want 10", len(files))
	}
	for _, f := range files {
		x, _ := os.ReadFile(f)
		y, err := os.ReadFile(filepath.Join(b, filepath.Base(f)))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", filepath.Base(f))
		}
	}
}

func TestGenerate_Consistent(t *testing.T) {
	dir := t.TempDir()
	m, err := Generate(context.Background(), Options{Departments: 10, YearFrom: 2020, YearTo: 2024, Seed: 1, Variants: true}, dir)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var back Manifest
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Documents) != 50 || len(m.Documents) != 50 {
		t.Fatalf("documents = %d, want 50", len(back.Documents))
	}
	for _, d := range back.Documents {
		dec := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
		total := dec(d.Totals["expenditure_total"])
		if !dec(d.Totals["basic"]).Add(dec(d.Totals["project"])).Equal(total) {
			t.Errorf("%s: basic + project != total", d.File)
		}
		sum := decimal.Zero
		for _, v := range d.FuncClasses {
			sum = sum.Add(dec(v))
		}
		if !sum.Equal(total) {
			t.Errorf("%s: Σ classes %s != total %s", d.File, sum, total)
		}
		ps := decimal.Zero
		for _, p := range d.Projects {
			ps = ps.Add(dec(p.AmountYuan))
		}
		if !ps.Equal(dec(d.Totals["project"])) {
			t.Errorf("%s: Σ projects %s != project %s", d.File, ps, d.Totals["project"])
		}
		if !dec(d.Econ["personnel"]).Add(dec(d.Econ["public"])).Equal(dec(d.Econ["total"])) {
			t.Errorf("%s: personnel + public != econ total", d.File)
		}
		if len(d.Defects) != 0 {
			t.Errorf("%s: defects with rate 0: %v", d.File, d.Defects)
		}
	}
}

func TestGenerate_DefectRate(t *testing.T) {
	m, err := Generate(context.Background(), Options{Departments: 40, YearFrom: 2023, YearTo: 2024, Seed: 3, DefectRate: 0.25}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	kinds := map[string]int{}
	for _, d := range m.Documents {
		n += len(d.Defects)
		for _, x := range d.Defects {
			kinds[x.Kind]++
		}
	}
	if n < 8 || n > 35 {
		t.Errorf("defects = %d of 80 documents at rate 0.25", n)
	}
	if len(kinds) != 3 {
		t.Errorf("defect kinds = %v, want all three", kinds)
	}
}

func TestGenerate_BadOptions(t *testing.T) {
	for _, o := range []Options{{}, {Departments: 1, YearFrom: 2024, YearTo: 2023}, {Departments: 1, YearFrom: 2024, YearTo: 2024, DefectRate: 2}} {
		if _, err := Generate(context.Background(), o, t.TempDir()); err == nil {
			t.Errorf("Generate(%+v) succeeded", o)
		}
	}
}
