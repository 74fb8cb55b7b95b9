// Package model holds the typed value of one publication, the Disclosure:
// identity, tables, facts, performance forms, prose facts, unaccounted lines
// and findings. Interpreters build it, checks read it, the writer stores it,
// and tests compare it against golden files. It imports no database code.
package model

import (
	"github.com/shopspring/decimal"
)

// Kinds of publication.
const (
	KindBudget       = "budget"
	KindFinalAccount = "final_account"
)

// Levels of publication.
const (
	LevelDepartment = "department"
	LevelUnit       = "unit"
)

// Severities of findings.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
	SeverityInfo    = "info"
)

// Document statuses.
const (
	StatusLoaded      = "loaded"
	StatusQuarantined = "quarantined"
	StatusSuperseded  = "superseded"
)

// Identity says which publication this is.
type Identity struct {
	DocID        string   // sha256 hex of the source bytes, parts concatenated in order
	SourcePaths  []string // files in part order
	SourceFormat string   // text, pdf, xlsx
	// Department is the name as published in the tables (部门名称, title).
	Department string
	// DepartmentNames are every other wording of the department seen in the
	// document (narrative title, form header), without duplicates.
	DepartmentNames []string
	DepartmentCode  string // e.g. "604" from 主管部门及代码; "" when unpublished
	DepartmentID    string // stable identity, assigned by package identity
	Region          string // e.g. 侯马经济开发区, 上海市普陀区, 江苏省; "" when not stated
	FiscalYear      int    // 0 when unknown
	Kind            string // budget / final_account
	Level           string // department / unit
	TableUnit       string // the unit most tables print: 元, 万元, 千元
	Bytes           int64
}

// TableMeta records one recognised table, empty or not.
type TableMeta struct {
	Kind      string // registry kind, e.g. "summary", "income", "expenditure", "three_public", "unknown"
	Title     string // as published
	Number    string // as printed before the title (表一, 公开01表, 预算公开表1), "" if none
	Unit      string // 万元, 元, …
	Rows      int    // data rows (header rows excluded)
	Empty     bool   // present with no data (本表无数据 or no amounts)
	Note      string // 注：… lines attached to the table
	SourceRef string
}

// Total is a document-level total (contract view `totals`).
type Total struct {
	Key         string // income_total, expenditure_total, basic, project, general_public_budget, …
	Label       string // as published
	SourceTable string // table kind
	Measure     string // total, budget, final_account, …
	Amount      decimal.Decimal
	SourceRef   string
}

// FuncAmount is an amount keyed by a functional classification code.
type FuncAmount struct {
	SourceTable string
	Code        string // 3/5/7 digits
	Name        string
	Level       string // class / section / item
	Measure     string
	Amount      decimal.Decimal
	SourceRef   string
}

// EconAmount is an amount keyed by an economic classification.
type EconAmount struct {
	SourceTable string
	Scheme      string // department / government
	Code        string // "" where unmapped
	Name        string
	ParentCode  string
	Measure     string // total / personnel / public / …
	Amount      decimal.Decimal
	SourceRef   string
}

// ThreePublic is one 三公 item × measure.
type ThreePublic struct {
	SourceTable string
	Item        string // outbound/reception/vehicle_total/vehicle_purchase/vehicle_operation/total/meeting/training/total_with_meeting_training
	Label       string
	Measure     string
	Amount      decimal.Decimal
	SourceRef   string
}

// Project is one project line of a project-expenditure table.
type Project struct {
	SourceTable string // projects_current / projects_carryover
	BudgetUnit  string
	Name        string
	Amount      decimal.Decimal // 合计, in yuan
	// Funds holds the other amount columns by measure word.
	Funds     []Measured
	SourceRef string
	// Form is the index into Disclosure.Forms of the performance form matched
	// to this project, or -1; MatchScore is the fuzzy name-match score in [0,1].
	Form       int
	MatchScore float64
}

// Measured is an amount with its measure word.
type Measured struct {
	Measure string
	Amount  decimal.Decimal
}

// Form scopes.
const (
	FormProject    = "project"
	FormDepartment = "department"
)

// PerfForm is a performance-target form (项目支出绩效目标表 or
// 整体支出绩效目标申报表) with its header fields and indicators.
type PerfForm struct {
	Scope          string // project / department
	Title          string
	Project        string // 项目名称 (empty for a department form)
	Department     string // 主管部门 as printed (code stripped)
	DepartmentCode string
	Implementer    string           // 实施单位
	Attribute      string           // 项目属性
	Period         string           // 项目期
	PeriodTotal    *decimal.Decimal // 实施期资金总额, yuan
	AnnualTotal    *decimal.Decimal // 年度资金总额, yuan
	Sources        []FormSource
	Overview       string // 项目概况
	Basis          string // 立项依据
	Necessity      string // 项目设立必要性
	Safeguards     string // 保证项目实施的制度、措施
	Plan           string // 项目实施计划
	PeriodGoal     string // 总体目标, 实施期
	AnnualGoal     string // 总体目标, 年度
	// Fields holds every other labelled field (department forms: 部门职责,
	// 编制数, …) as published.
	Fields     []Field
	Indicators []Indicator
	SourceRef  string
	// Project is the index into Disclosure.Projects this form was matched
	// to, or -1.
	ProjectIndex int
	MatchScore   float64
}

// FormSource is one funding-source line of a form, in yuan.
type FormSource struct {
	Scope  string // period / annual
	Label  string
	Amount *decimal.Decimal
}

// Field is a labelled value of a form.
type Field struct {
	Label     string
	Value     string
	SourceRef string
}

// Indicator scopes.
const (
	ScopePeriod     = "period"
	ScopeAnnual     = "annual"
	ScopeDepartment = "department"
)

// Indicator is one performance indicator.
type Indicator struct {
	Scope      string
	Level1     string
	Level2     string
	Level3     string
	ValueText  string
	Comparator string // >=, >, =, <=, <, or ""
	ValueNum   *decimal.Decimal
	ValueUnit  string
	SourceRef  string
}

// NarrativeFact is a figure stated in the prose.
type NarrativeFact struct {
	Fact      string // total_change, total_change_pct, basic_share_pct, three_public_change, …
	Value     decimal.Decimal
	Unit      string // 元 (amounts are converted to yuan), %, 辆, 平方米, 台套, 人, 个
	Text      string // the sentence it came from (trimmed)
	SourceRef string
}

// Paragraph is a piece of prose kept verbatim, with the heading it sits
// under, so that narrative without figures still lands in the warehouse.
type Paragraph struct {
	Section   string // nearest heading above
	Text      string
	SourceRef string
}

// Unaccounted is a non-blank source line that was neither consumed into a
// fact nor recognised as structure.
type Unaccounted struct {
	Text      string
	Reason    string
	SourceRef string
}

// Cell is a cell of a table of unknown kind, kept generically.
type Cell struct {
	TableIndex int // into Disclosure.Tables
	Row        int
	Col        int
	Text       string
	SourceRef  string
}

// Finding is a reconciliation or parse finding.
type Finding struct {
	Rule      string
	Severity  string
	Message   string
	Expected  string
	Actual    string
	SourceRef string
}

// Disclosure is one publication as a typed value.
type Disclosure struct {
	Identity    Identity
	Tables      []TableMeta
	Totals      []Total
	FuncAmounts []FuncAmount
	EconAmounts []EconAmount
	ThreePublic []ThreePublic
	Projects    []Project
	Forms       []PerfForm
	Narrative   []NarrativeFact
	Paragraphs  []Paragraph
	Cells       []Cell
	Unaccounted []Unaccounted
	Findings    []Finding
	// Lines is the number of non-blank source lines; Consumed how many of
	// them became facts or recognised structure.
	Lines    int
	Consumed int
	// Raw is the decoded source text, kept for quarantined documents.
	Raw string
	// Quarantine, when non-empty, gives the reasons the document must not
	// contribute facts (also recorded as error findings).
	Quarantine []string
}

// Facts counts the fact rows the disclosure contributes.
func (d *Disclosure) Facts() int {
	n := len(d.Totals) + len(d.FuncAmounts) + len(d.EconAmounts) + len(d.ThreePublic) + len(d.Projects) + len(d.Narrative)
	for _, f := range d.Forms {
		n += len(f.Indicators)
	}
	return n
}

// AddFinding appends a finding.
func (d *Disclosure) AddFinding(f Finding) { d.Findings = append(d.Findings, f) }
