// Package prose extracts the figures stated in the narrative of a budget
// disclosure (情况说明) as narrative facts: year-on-year changes, structure
// shares, 三公, 政府采购, performance-target counts and amounts, assets and
// staff numbers. Input is the block model; paragraphs are read sentence by
// sentence, every "label + number + unit" mention is classified by the words
// of its label and by the section it sits in (taken from the headings above
// it), never by its position.
//
// Values: amounts stated in 万元 (or 元, 千元, 亿元) are converted to yuan
// (Unit "元"); percentages have Unit "%"; counts keep their unit word (个, 辆,
// 人, 平方米, 台套). Changes are signed: 减少/下降 give a negative value,
// "与上年预算数相同"/持平 gives 0. Text is the clause the figure came from
// (trimmed, at most 200 characters) and SourceRef the paragraph's line. The
// same fact stated twice with the same value is kept once (the first); a
// fact stated twice with different values is kept twice, so that checks can
// see the contradiction.
//
// A change names its subject either before it ("基本支出预算数为…。与上年相比
// 增加…") or in its own words ("基本支出增加498.72万元"); figures inside a
// stated reason ("主要原因是…增加人员经费1408.29万元") are not facts.
//
// Fact names (a name with a ":" carries a qualifier as published after it;
// suffixes go before the colon: class_amount:X → class_change:X):
//
//	total_income, total_expenditure          收入总计 / 支出总计 (预算收入, 支出预算);
//	    "收入、支出预算总计" gives both, as does a 决算's "收入支出总计"
//	income_current_year, expenditure_current_year   本年收入 / 本年预算安排
//	total_change, total_change_pct, total_change_reason
//	    the year-on-year change of 收入总计 (signed yuan, signed %, reason in
//	    Text with Value 0); when only the expenditure total's change is
//	    stated, that one.
//	total_expenditure_change, total_expenditure_change_pct, total_expenditure_change_reason
//	income_source_<key>, income_source_<key>_share_pct, income_source_<key>_change
//	    key: general_public_budget, government_fund, state_capital,
//	    special_account, unit_funds, business_income, operating_income,
//	    other_income, carryover, fiscal_appropriation, other_funds (其他资金)
//	expenditure_carryover                    上年结转 on the expenditure side
//	basic_expenditure, basic_share_pct, project_expenditure, project_share_pct,
//	reserve_expenditure (单位预留机动经费), each with _change where stated
//	personnel_expenditure, public_expenditure   人员经费 / 公用经费
//	fiscal_total, fiscal_change, fiscal_general_public_budget, fiscal_government_fund,
//	fiscal_state_capital, fiscal_current_year, fiscal_carryover, fiscal_expenditure
//	    财政拨款收支总预算 (a 决算's 财政拨款收入支出总计) and its parts
//	general_budget_total, general_budget_change, general_budget_change_pct
//	    一般公共预算当年支出 and its change
//	general_budget_basic, general_budget_project
//	class_amount:<类名>, class_share_pct:<类名>, class_change:<类名>
//	    class amounts of the narrative, the name as published without the
//	    (类) marker (class_amount:科学技术支出); fiscal_class_amount:<类名> in
//	    the 财政拨款 section
//	econ_class_amount:<类名>                 economic classes (工资福利支出（类）) in a
//	    基本支出 section
//	item_amount:<类款项>, item_change:…, item_change_pct:…, item_prior_execution:…
//	    款/项 lines ("公共安全支出(204类)司法(06款)行政运行(01项)"), with last
//	    year's execution where stated; fiscal_item_amount:… in the 财政拨款
//	    section
//	<fact>_completion_pct                    完成年初预算的 N% (final accounts);
//	    年初预算 figures themselves are not facts
//	government_fund_expenditure, government_fund_income
//	three_public_total, three_public_change, three_public_change_pct, three_public_change_reason
//	three_public_outbound, three_public_reception, three_public_vehicle_total,
//	three_public_vehicle_operation, three_public_vehicle_purchase,
//	three_public_meeting, three_public_training, each with _change (signed
//	yuan; 0 for "与上年预算数相同") and _share_pct where stated
//	operating_costs                          机关运行经费 (0 for "无机关运行经费")
//	procurement_total, procurement_goods, procurement_works, procurement_services,
//	procurement_sme_reserved, procurement_small_micro_reserved,
//	procurement_awarded_sme, procurement_awarded_small_micro,
//	procurement_awarded_sme_other (final accounts: contracts won by SMEs)
//	perf_department_amount, perf_department_basic, perf_department_project
//	    整体支出绩效目标: the budget it covers
//	perf_project_count, perf_project_amount  projects with performance targets
//	perf_project_operating_count/_amount, perf_project_specific_count/_amount
//	    其他运转类 / 特定目标类 split
//	perf_disclosed_count, perf_disclosed_amount, perf_disclosed_share_pct
//	perf_disclosed_operating_count/_amount, perf_disclosed_specific_count/_amount
//	vehicles_authorized, vehicles_total, vehicles:<类别> (e.g. vehicles:领导用车),
//	vehicles_purchase_total, vehicles_purchase:<类别>
//	office_area_m2 (办公用房), floor_area_m2 (other floor areas of the assets section)
//	equipment_over_<N>w, equipment_special_over_<N>w   设备 over N 万元 (台套);
//	equipment_count, equipment_general_count, equipment_special_count
//	assets_current, assets_fixed, assets_intangible, assets_construction,
//	assets_long_term_investment, assets_total
//	staff_authorized, staff_active, staff_on_payroll, staff_other, staff_retired
//	internal_departments, budget_units       内设职能部门数 / 所属预算单位数
//
// Staff numbers have one source: Extract reads them from the department-wide
// performance form (整体支出绩效目标申报表: 核定的人员编制数, 实际在职人员总数,
// 其中:在编人员数, 其他人员数) through forms.Parse, and from sentences such
// as "编制人数23人，实有人数23人" where documents state them in prose. Extract
// therefore expects all blocks of the document, including those consumed by
// forms.Parse.
package prose
