package synth

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
)

func TestGenerate_Deterministic(t *testing.T) {
	ctx := context.Background()
	a, b := t.TempDir(), t.TempDir()
	opts := Options{Departments: 3, YearFrom: 2022, YearTo: 2024, Seed: 7, DefectRate: 0.3, Variants: true, FinalShare: 0.5}
	if _, err := Generate(ctx, opts, a); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(ctx, opts, b); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(a, "*"))
	// 3 departments × 3 years of budgets, round(0.5 × 3) = 2 departments'
	// final accounts, the manifest
	if len(files) != 3*3+2*3+1 {
		t.Fatalf("got %d files, want 16", len(files))
	}
	for _, f := range files {
		x, _ := os.ReadFile(f)
		y, err := os.ReadFile(filepath.Join(b, filepath.Base(f)))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", filepath.Base(f))
		}
	}
}

// TestGenerate_FinalShareKeepsBudgets: final accounts draw on their own
// random stream, so adding them leaves every budget byte for byte the same.
func TestGenerate_FinalShareKeepsBudgets(t *testing.T) {
	ctx := context.Background()
	a, b := t.TempDir(), t.TempDir()
	opts := Options{Departments: 4, YearFrom: 2023, YearTo: 2024, Seed: 11, DefectRate: 0.2, Variants: true}
	ma, err := Generate(ctx, opts, a)
	if err != nil {
		t.Fatal(err)
	}
	opts.FinalShare = 1
	mb, err := Generate(ctx, opts, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(ma.Documents) != 8 || len(mb.Documents) != 16 {
		t.Fatalf("documents = %d and %d, want 8 and 16", len(ma.Documents), len(mb.Documents))
	}
	for _, d := range ma.Documents {
		x, _ := os.ReadFile(filepath.Join(a, d.File))
		y, err := os.ReadFile(filepath.Join(b, d.File))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs when final accounts are added", d.File)
		}
	}
}

func TestMarkFinals(t *testing.T) {
	for _, tt := range []struct {
		n     int
		share float64
		want  int
	}{{10, 0, 0}, {10, 1, 10}, {10, 0.25, 3}, {800, 0.25, 200}, {25, 0.6, 15}, {3, 0.5, 2}} {
		depts := make([]*deptState, tt.n)
		for i := range depts {
			depts[i] = &deptState{}
		}
		markFinals(depts, tt.share)
		got := 0
		for _, d := range depts {
			if d.finals {
				got++
			}
		}
		if got != tt.want {
			t.Errorf("markFinals(%d, %v) marked %d, want %d", tt.n, tt.share, got, tt.want)
		}
	}
}

func TestGenerate_Consistent(t *testing.T) {
	dir := t.TempDir()
	m, err := Generate(context.Background(), Options{Departments: 10, YearFrom: 2020, YearTo: 2024, Seed: 1, Variants: true, FinalShare: 0.5}, dir)
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
	if len(back.Documents) != 75 || len(m.Documents) != 75 {
		t.Fatalf("documents = %d, want 75", len(back.Documents))
	}
	dec := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	// carry-overs chain from one final account to the next
	lastCarry := map[string]DocTruth{}
	for _, d := range back.Documents {
		if d.Kind != "final_account" {
			continue
		}
		tot, fis := d.Totals, d.FiscalTotals
		if !dec(tot["income_total"]).Add(dec(tot["carryover_in"])).Equal(dec(tot["grand_income_total"])) ||
			!dec(tot["expenditure_total"]).Add(dec(tot["carryover_out"])).Equal(dec(tot["grand_expenditure_total"])) ||
			tot["grand_income_total"] != tot["grand_expenditure_total"] {
			t.Errorf("%s: summary does not balance: %v", d.File, tot)
		}
		if !dec(fis["income_total"]).Add(dec(fis["carryover_in"])).Equal(dec(fis["expenditure_total"]).Add(dec(fis["carryover_out"]))) {
			t.Errorf("%s: fiscal summary does not balance: %v", d.File, fis)
		}
		if prev, ok := lastCarry[d.Department]; ok {
			if prev.FiscalYear != d.FiscalYear-1 || prev.Totals["carryover_out"] != tot["carryover_in"] || prev.FiscalTotals["carryover_out"] != fis["carryover_in"] {
				t.Errorf("%s: 年初结转和结余 %s/%s, the %d final account's 年末 %s/%s", d.File, tot["carryover_in"], fis["carryover_in"],
					prev.FiscalYear, prev.Totals["carryover_out"], prev.FiscalTotals["carryover_out"])
			}
		}
		lastCarry[d.Department] = d
		if len(d.Projects) != 0 || d.Measure != "final_account" {
			t.Errorf("%s: final account with projects %v, measure %s", d.File, d.Projects, d.Measure)
		}
	}
	if len(lastCarry) != 5 {
		t.Errorf("%d departments publish final accounts, want 5", len(lastCarry))
	}
	for _, d := range back.Documents {
		total := dec(d.Totals["expenditure_total"])
		sum := decimal.Zero
		for _, v := range d.FuncClasses {
			sum = sum.Add(dec(v))
		}
		if !sum.Equal(total) {
			t.Errorf("%s: Σ classes %s != total %s", d.File, sum, total)
		}
		basic := dec(d.Narrative["basic_expenditure"])
		if !dec(d.Econ["personnel"]).Add(dec(d.Econ["public"])).Equal(basic) {
			t.Errorf("%s: personnel + public != basic expenditure %s", d.File, basic)
		}
		if len(d.Defects) != 0 {
			t.Errorf("%s: defects with rate 0: %v", d.File, d.Defects)
		}
		if d.Kind == "final_account" {
			continue
		}
		if !dec(d.Totals["basic"]).Add(dec(d.Totals["project"])).Equal(total) || !dec(d.Totals["basic"]).Equal(basic) {
			t.Errorf("%s: basic + project != total", d.File)
		}
		ps := decimal.Zero
		for _, p := range d.Projects {
			ps = ps.Add(dec(p.AmountYuan))
		}
		if !ps.Equal(dec(d.Totals["project"])) {
			t.Errorf("%s: Σ projects %s != project %s", d.File, ps, d.Totals["project"])
		}
		if !dec(d.Econ["total"]).Equal(basic) {
			t.Errorf("%s: econ total != basic", d.File)
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
	for _, o := range []Options{{}, {Departments: 1, YearFrom: 2024, YearTo: 2023}, {Departments: 1, YearFrom: 2024, YearTo: 2024, DefectRate: 2}, {Departments: 1, YearFrom: 2024, YearTo: 2024, FinalShare: 1.5}} {
		if _, err := Generate(context.Background(), o, t.TempDir()); err == nil {
			t.Errorf("Generate(%+v) succeeded", o)
		}
	}
}

// TestMakeDepartments_uniqueCodes: department codes never repeat (identity
// keys a department on region + code, so a repeated code would merge two
// departments and one would supersede the other), beyond 900 departments too.
func TestMakeDepartments_uniqueCodes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	seen := map[string]string{}
	for _, d := range makeDepartments(rng, 2500) {
		key := d.region + "|" + d.code
		if other, ok := seen[key]; ok {
			t.Fatalf("code %s in %s used by %s and %s", d.code, d.region, other, d.name)
		}
		seen[key] = d.name
	}
}
