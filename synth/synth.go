package synth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/shopspring/decimal"
)

// Defect kinds injected into documents, with the identity each breaks.
const (
	// DefectChangedTotal changes one class row of the 预算支出总表 so that
	// Σ 款 ≠ 类 and Σ 类 ≠ 合计.
	DefectChangedTotal = "changed_total"
	// DefectMissingForm drops one project's performance form.
	DefectMissingForm = "missing_form"
	// DefectProseMismatch makes the prose state a basic-expenditure figure
	// that disagrees with the tables.
	DefectProseMismatch = "prose_mismatch"
)

// Options control the generator.
type Options struct {
	Departments int
	YearFrom    int
	YearTo      int
	Seed        uint64
	// DefectRate is the share of documents that receive one defect (0..1).
	DefectRate float64
	// Variants enables format variants (元 tables, GBK, CRLF, numbering
	// styles, split tables). Without it every document uses the corpus layout.
	Variants bool
}

// Manifest is the ground truth of a generated corpus.
type Manifest struct {
	Generator string     `json:"generator"`
	Options   Options    `json:"options"`
	Documents []DocTruth `json:"documents"`
}

// DocTruth holds what one generated document prints. Amounts are decimal
// strings in yuan.
type DocTruth struct {
	File           string            `json:"file"`
	Department     string            `json:"department"`
	DepartmentCode string            `json:"department_code"`
	Region         string            `json:"region"`
	FiscalYear     int               `json:"fiscal_year"`
	Kind           string            `json:"kind"`
	Level          string            `json:"level"`
	Unit           string            `json:"unit"`
	Encoding       string            `json:"encoding"`
	LineEnd        string            `json:"line_end"`
	Numbering      string            `json:"numbering"`
	SplitTables    bool              `json:"split_tables"`
	Bytes          int               `json:"bytes"`
	Totals         map[string]string `json:"totals"`
	ThreePublic    map[string]string `json:"three_public"`
	FuncClasses    map[string]string `json:"func_classes"`
	Econ           map[string]string `json:"econ"`
	Projects       []ProjectTruth    `json:"projects"`
	Narrative      map[string]string `json:"narrative"`
	Defects        []Defect          `json:"defects"`
}

// ProjectTruth is one project line and its form.
type ProjectTruth struct {
	Name       string `json:"name"`
	AmountYuan string `json:"amount_yuan"`
	HasForm    bool   `json:"has_form"`
	AnnualYuan string `json:"annual_yuan"`
	PeriodYuan string `json:"period_yuan"`
}

// Defect is one injected defect.
type Defect struct {
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
}

// ErrBadOptions is returned for invalid options.
var ErrBadOptions = errors.New("bad synth options")

// u is an amount in units of 0.01万元 (100 yuan), so that both 万元 with two
// decimals and 元 print exactly.
type u int64

func (a u) yuan() decimal.Decimal { return decimal.NewFromInt(int64(a) * 100) }
func (a u) yuanStr() string       { return a.yuan().StringFixed(2) }
func (a u) wan() string           { return decimal.New(int64(a), -2).StringFixed(2) }

// deptState is a department across years.
type deptState struct {
	name, region, code string
	prof               profile
	size               int64 // scale of personnel
	staff              int
	prevTotal          u
	prevThree          u
	prevReception      u
	projects           []string
}

// Generate writes the corpus and manifest.json into dir and returns the manifest.
func Generate(ctx context.Context, opts Options, dir string) (*Manifest, error) {
	if opts.Departments <= 0 || opts.YearFrom <= 0 || opts.YearTo < opts.YearFrom || opts.DefectRate < 0 || opts.DefectRate > 1 {
		return nil, fmt.Errorf("generate corpus: %w: need departments > 0, years A-B with A <= B, defect rate in [0,1]", ErrBadOptions)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("generate corpus: %w", err)
	}
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	m := &Manifest{Generator: "budgetwh synth v1", Options: opts}
	depts := makeDepartments(rng, opts.Departments)
	for _, d := range depts {
		for y := opts.YearFrom; y <= opts.YearTo; y++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			g := &docGen{rng: rng, d: d, year: y, opts: opts}
			truth, data := g.build()
			name := fmt.Sprintf("%s-%s-%d-budget.txt", d.code, slug(d), y)
			truth.File = name
			truth.Bytes = len(data)
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				return nil, fmt.Errorf("generate corpus: %w", err)
			}
			m.Documents = append(m.Documents, truth)
		}
	}
	f, err := os.Create(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, fmt.Errorf("generate corpus: %w", err)
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", " ")
	if err := enc.Encode(m); err != nil {
		f.Close()
		return nil, fmt.Errorf("generate corpus: write manifest: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("generate corpus: write manifest: %w", err)
	}
	return m, nil
}

func slug(d *deptState) string {
	return fmt.Sprintf("r%02d-p%02d", indexOf(regions, d.region), indexOfProfile(d.prof))
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

func indexOfProfile(p profile) int {
	for i, x := range profiles {
		if x.suffix == p.suffix {
			return i
		}
	}
	return -1
}

func makeDepartments(rng *rand.Rand, n int) []*deptState {
	seen := map[string]bool{}
	var out []*deptState
	for i := 0; len(out) < n; i++ {
		r := regions[i%len(regions)]
		p := profiles[(i/len(regions)+i)%len(profiles)]
		name := r + p.suffix
		if seen[name] {
			// more departments than region×profile pairs: number them
			name = fmt.Sprintf("%s第%d%s", r, i/(len(regions)*len(profiles))+1, p.suffix)
		}
		seen[name] = true
		d := &deptState{
			name: name, region: r, prof: p,
			code:  fmt.Sprintf("%03d", 100+i%900),
			size:  int64(8 + rng.IntN(40)),
			staff: 0,
		}
		d.staff = int(d.size) + rng.IntN(5)
		k := 3 + rng.IntN(6)
		perm := rng.Perm(len(projectStems))
		for j := 0; j < k; j++ {
			d.projects = append(d.projects, projectStems[perm[j]])
		}
		out = append(out, d)
	}
	return out
}
