// Package forms reads performance-target forms out of the block model:
// project forms (项目支出绩效目标表, 项目支出绩效目标申报表, 绩效目标填报表 …)
// and the department-wide form (整体支出绩效目标申报表/表). A form is found by
// the words of its title, never by its position; its title, its year line
// "(2024年度)" and its table blocks (possibly split by page breaks) are
// consumed, and their block indices are returned so that the interpreter can
// account for every line.
//
// Cells are recognised by their words, not by fixed columns: the forms of the
// corpus text use at least three column layouts, and rows lose their leading
// empty cells. A row is read as a sequence of non-empty cells; labels
// (项目名称, 主管部门及代码, 实施期资金总额 …) take the next cell as their value,
// and indicator rows are parsed by a small grammar per scope:
// [一级指标] then, per scope (实施期, 年度), [二级指标] 三级指标 指标值, with
// the levels carried down from the rows above.
//
// Amounts in the funding block are converted to yuan using the unit stated
// in the 项目资金（元）label (元 when none is stated); the department form's
// 年度预算情况 block uses the unit of its 资金总额(万元) header.
//
// Indicator values are kept verbatim; ParseIndicatorValue derives comparator,
// number and unit where there is one.
package forms
