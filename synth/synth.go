package synth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
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
	// FinalShare is the share of departments (0..1) that also publish final
	// accounts (部门决算): such a department has, for every year Y of the
	// range, its budget of Y and its final account of Y (published in Y+1,
	// kind final_account), so the corpus holds Departments × years budgets
	// plus round(FinalShare × Departments) × years final accounts. Which
	// departments publish them is deterministic (spread evenly over the
	// department list). 0 generates budgets only, byte for byte as before.
	FinalShare float64 `json:",omitempty"`
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
	File           string `json:"file"`
	Department     string `json:"department"`
	DepartmentCode string `json:"department_code"`
	Region         string `json:"region"`
	FiscalYear     int    `json:"fiscal_year"`
	Kind           string `json:"kind"`
	Level          string `json:"level"`
	Unit           string `json:"unit"`
	Encoding       string `json:"encoding"`
	LineEnd        string `json:"line_end"`
	Numbering      string `json:"numbering"`
	SplitTables    bool   `json:"split_tables"`
	// RoundingClass is the class (类) code a final account's two summary
	// tables print 0.01万元 below the detailed tables (rounding within the
	// rules' tolerance, as real publications do); "" for none.
	RoundingClass string `json:"rounding_class,omitempty"`
	Bytes         int    `json:"bytes"`
	// Measure is the measure word under which the warehouse stores the
	// headline figures of Totals and ThreePublic: total for a budget,
	// final_account for a final account.
	Measure string `json:"measure"`
	// TotalsTable is the table whose figures Totals lists: "" for a budget
	// (every table stating a key states the same figure), summary for a
	// final account (收入支出决算总表; the 财政拨款 table states its own, in
	// FiscalTotals).
	TotalsTable string            `json:"totals_table,omitempty"`
	Totals      map[string]string `json:"totals"`
	// FiscalTotals are the figures of a final account's 财政拨款收入支出决算总表
	// (source table fiscal_summary, measure final_account).
	FiscalTotals map[string]string `json:"fiscal_totals,omitempty"`
	ThreePublic  map[string]string `json:"three_public"`
	// ThreePublicBudget is the 预算数 column of a final account's 三公 table
	// (measure budget): the year's budgeted figures.
	ThreePublicBudget map[string]string `json:"three_public_budget,omitempty"`
	// FuncClasses are the class (类) totals of FuncTable: the 收入总表
	// (income) of a budget; the 一般公共预算财政拨款支出决算表
	// (general_budget_expenditure) of a final account, whose income by code
	// differs from its spending by the carry-overs. Neither table is the
	// target of a changed-total defect.
	FuncTable   string            `json:"func_table"`
	FuncClasses map[string]string `json:"func_classes"`
	// FuncBudget holds, for a final account whose FuncTable prints them,
	// the class totals of its 年初预算数 and 调整预算数 columns (measure →
	// code → yuan; measures initial_budget, adjusted_budget).
	FuncBudget map[string]map[string]string `json:"func_budget,omitempty"`
	// Econ are basic-expenditure figures of the economic-classification
	// table: total, personnel and public of its 合计 row (key table_total)
	// for a budget; personnel and public of the 人员经费合计 / 公用经费合计
	// rows (keys personnel, public) for a final account, which prints no 合计.
	Econ      map[string]string `json:"econ"`
	Projects  []ProjectTruth    `json:"projects"`
	Narrative map[string]string `json:"narrative"`
	Defects   []Defect          `json:"defects"`
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
	// final accounts: whether the department publishes them, and the
	// previous final account's figures (年末结转和结余 becomes the next
	// year's 年初结转和结余; totals feed the year-on-year prose)
	finals                bool
	index                 int
	fiscalCarry           u
	otherCarry            u
	prevFinalGrand        u
	prevFinalFiscal       u
	prevFinalExpenditure  u
	prevFinalThree        u
	prevFinalOperatingExp u
}

// Generate writes the corpus and manifest.json into dir and returns the manifest.
func Generate(ctx context.Context, opts Options, dir string) (*Manifest, error) {
	if opts.Departments <= 0 || opts.YearFrom <= 0 || opts.YearTo < opts.YearFrom || opts.DefectRate < 0 || opts.DefectRate > 1 ||
		opts.FinalShare < 0 || opts.FinalShare > 1 {
		return nil, fmt.Errorf("generate corpus: %w: need departments > 0, years A-B with A <= B, defect rate and final share in [0,1]", ErrBadOptions)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("generate corpus: %w", err)
	}
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	m := &Manifest{Generator: "budgetwh synth v1", Options: opts}
	depts := makeDepartments(rng, opts.Departments)
	markFinals(depts, opts.FinalShare)
	write := func(truth DocTruth, data []byte, name string) error {
		truth.File = name
		truth.Bytes = len(data)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return fmt.Errorf("generate corpus: %w", err)
		}
		m.Documents = append(m.Documents, truth)
		return nil
	}
	for _, d := range depts {
		for y := opts.YearFrom; y <= opts.YearTo; y++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			g := &docGen{rng: rng, d: d, year: y, opts: opts}
			truth, data := g.build()
			if err := write(truth, data, fmt.Sprintf("%s-%s-%d-budget.txt", d.code, slug(d), y)); err != nil {
				return nil, err
			}
			if !d.finals {
				continue
			}
			// the final account of Y draws on its own random stream, so
			// that the budgets are the same whatever the final share
			f := newFinalGen(g, opts.Seed)
			truth, data = f.build()
			if err := write(truth, data, fmt.Sprintf("%s-%s-%d-final.txt", d.code, slug(d), y)); err != nil {
				return nil, err
			}
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

// markFinals chooses the departments that publish final accounts:
// round(share × n) of them, spread evenly over the list.
func markFinals(depts []*deptState, share float64) {
	for i, d := range depts {
		d.index = i
		d.finals = math.Floor(float64(i+1)*share+0.5) > math.Floor(float64(i)*share+0.5)
	}
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
			// unique: a department code identifies a department within its
			// finance bureau (identity keys on region + code), so codes
			// never repeat, however many departments (4 digits past 900)
			code:  fmt.Sprintf("%03d", 100+i),
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
