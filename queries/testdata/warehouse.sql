-- Test warehouse for the query library: tables named and shaped like the
-- public views of docs/warehouse-contract.md, filled by hand from real
-- documents (no synthetic figures):
--   houma-2024   ../shared/corpus/houma-jjkjfzb-2024-budget.txt (Shanxi, 万元)
--   fayuan-2017  real/js-gaojirenminfayuan-2017-bumen-yusuan.pdf (Jiangsu 高院, 万元)
--   fayuan-2018  real/js-gaojirenminfayuan-2018-bumen-yusuan.pdf
-- Amounts are yuan (万元 × 10000). Only the rows the queries need are here,
-- the tests switch to a warehouse built by the real pipeline once
-- schema.Open and app.Ingest exist.

CREATE TABLE documents (
    doc_id VARCHAR, source_path VARCHAR, source_format VARCHAR, department_id VARCHAR,
    department VARCHAR, department_code VARCHAR, region VARCHAR, fiscal_year INTEGER,
    kind VARCHAR, level VARCHAR, table_unit VARCHAR, status VARCHAR,
    ingested_at TIMESTAMP, parser_version VARCHAR);
INSERT INTO documents VALUES
('houma-2024', 'houma-jjkjfzb-2024-budget.txt', 'text', 'dep-houma-604', '侯马经济开发区管理委员会经济科技发展部', '604', '侯马经济开发区', 2024, 'budget', 'department', '万元', 'loaded', TIMESTAMP '2026-11-28 00:00:00', 'test'),
('fayuan-2017', 'real/js-gaojirenminfayuan-2017-bumen-yusuan.pdf', 'pdf', 'dep-js-fayuan', '江苏省高级人民法院', NULL, '江苏省', 2017, 'budget', 'department', '万元', 'loaded', TIMESTAMP '2026-11-28 00:00:00', 'test'),
('fayuan-2018', 'real/js-gaojirenminfayuan-2018-bumen-yusuan.pdf', 'pdf', 'dep-js-fayuan', '江苏省高级人民法院', NULL, '江苏省', 2018, 'budget', 'department', '万元', 'loaded', TIMESTAMP '2026-11-28 00:00:00', 'test'),
('fayuan-2018-old', 'old/fayuan-2018.pdf', 'pdf', 'dep-js-fayuan', '江苏省高级人民法院', NULL, '江苏省', 2018, 'budget', 'department', '万元', 'superseded', TIMESTAMP '2026-11-27 00:00:00', 'test');

CREATE TABLE departments (
    department_id VARCHAR, canonical_name VARCHAR, region VARCHAR, department_code VARCHAR,
    names VARCHAR, evidence VARCHAR);
INSERT INTO departments VALUES
('dep-houma-604', '侯马经济开发区管理委员会经济科技发展部', '侯马经济开发区', '604', '侯马经济开发区管理委员会经济科技发展部 (2024)', 'code 604'),
('dep-js-fayuan', '江苏省高级人民法院', '江苏省', NULL, '江苏省高级人民法院 (2017, 2018)', 'normalised name');

CREATE TABLE func_codes (
    code VARCHAR, fiscal_year INTEGER, name VARCHAR, level VARCHAR, renamed_from VARCHAR,
    successor_code VARCHAR, documents INTEGER);
INSERT INTO func_codes VALUES
('201', 2024, '一般公共服务支出', 'class', NULL, NULL, 1),
('206', 2024, '科学技术支出', 'class', NULL, NULL, 1),
('208', 2024, '社会保障和就业支出', 'class', NULL, NULL, 1),
('210', 2024, '卫生健康支出', 'class', NULL, NULL, 1),
('211', 2024, '节能环保支出', 'class', NULL, NULL, 1),
('215', 2024, '资源勘探工业信息等支出', 'class', NULL, NULL, 1),
('221', 2024, '住房保障支出', 'class', NULL, NULL, 1),
('224', 2024, '灾害防治及应急管理支出', 'class', NULL, NULL, 1),
('204', 2017, '公共安全支出', 'class', NULL, NULL, 1),
('208', 2017, '社会保障和就业支出', 'class', NULL, NULL, 1),
('221', 2017, '住房保障支出', 'class', NULL, NULL, 1),
('204', 2018, '公共安全支出', 'class', NULL, NULL, 1),
('208', 2018, '社会保障和就业支出', 'class', NULL, NULL, 1),
('221', 2018, '住房保障支出', 'class', NULL, NULL, 1);

CREATE TABLE totals (
    doc_id VARCHAR, fiscal_year INTEGER, department VARCHAR, department_id VARCHAR, key VARCHAR,
    label VARCHAR, source_table VARCHAR, measure VARCHAR, amount_yuan DECIMAL(20,2), source_ref VARCHAR);
INSERT INTO totals VALUES
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'income_total', '本年收入合计', 'summary', 'total', 11463000.00, 'line 107'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure_total', '本年支出合计', 'summary', 'total', 11463000.00, 'line 107'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'grand_income_total', '收入总计', 'summary', 'total', 11463000.00, 'line 109'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'grand_expenditure_total', '支出总计', 'summary', 'total', 11463000.00, 'line 109'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'general_public_budget', '一、一般公共预算', 'summary', 'total', 11463000.00, 'line 75'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'basic', '合计', 'expenditure', 'total', 4385000.00, 'line 166'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'project', '合计', 'expenditure', 'total', 7078000.00, 'line 166'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'personnel', '合计', 'basic_econ', 'total', 3888900.00, 'line 285'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'public', '合计', 'basic_econ', 'total', 496100.00, 'line 285'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'income_total', '收入总计', 'summary', 'total', 288493800.00, 'page 6 line 52'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'expenditure_total', '合计', 'expenditure', 'total', 288493800.00, 'page 7 line 8'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'basic', '基本支出', 'expenditure', 'total', 171231900.00, 'page 7 line 8'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'project', '项目支出', 'expenditure', 'total', 115432700.00, 'page 7 line 8'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'reserve', '单位预留机动经费', 'expenditure', 'total', 1829200.00, 'page 7 line 8'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'income_total', '收入总计', 'summary', 'total', 331721500.00, 'page 5 line 40'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'expenditure_total', '合计', 'expenditure', 'total', 331721500.00, 'page 6 line 4'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'basic', '基本支出', 'expenditure', 'total', 185708200.00, 'page 6 line 4'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'project', '项目支出', 'expenditure', 'total', 113432700.00, 'page 6 line 4'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'reserve', '单位预留机动经费', 'expenditure', 'total', 32580600.00, 'page 6 line 4');

CREATE TABLE func_amounts (
    doc_id VARCHAR, fiscal_year INTEGER, department VARCHAR, department_id VARCHAR, source_table VARCHAR,
    code VARCHAR, name VARCHAR, level VARCHAR, measure VARCHAR, amount_yuan DECIMAL(20,2), source_ref VARCHAR);
INSERT INTO func_amounts VALUES
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '201', '一般公共服务支出', 'class', 'total', 4934000.00, 'line 167'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '201', '一般公共服务支出', 'class', 'basic', 3466000.00, 'line 167'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '201', '一般公共服务支出', 'class', 'project', 1468000.00, 'line 167'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '206', '科学技术支出', 'class', 'total', 4350000.00, 'line 174'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '206', '科学技术支出', 'class', 'project', 4350000.00, 'line 174'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '208', '社会保障和就业支出', 'class', 'total', 390200.00, 'line 177'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '208', '社会保障和就业支出', 'class', 'basic', 390200.00, 'line 177'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '210', '卫生健康支出', 'class', 'total', 118000.00, 'line 181'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '210', '卫生健康支出', 'class', 'basic', 118000.00, 'line 181'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '211', '节能环保支出', 'class', 'total', 150000.00, 'line 186'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '211', '节能环保支出', 'class', 'project', 150000.00, 'line 186'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '215', '资源勘探工业信息等支出', 'class', 'total', 1000000.00, 'line 189'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '215', '资源勘探工业信息等支出', 'class', 'project', 1000000.00, 'line 189'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '221', '住房保障支出', 'class', 'total', 410700.00, 'line 192'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '221', '住房保障支出', 'class', 'basic', 410700.00, 'line 192'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '224', '灾害防治及应急管理支出', 'class', 'total', 110000.00, 'line 195'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '224', '灾害防治及应急管理支出', 'class', 'project', 110000.00, 'line 195'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'income', '201', '一般公共服务支出', 'class', 'total', 4934000.00, 'line 129'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'expenditure', '20104', '发展与改革事务', 'section', 'total', 3934000.00, 'line 168'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'fiscal_expenditure', '204', '公共安全支出', 'class', 'total', 235131100.00, 'page 8 line 5'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'fiscal_expenditure', '208', '社会保障和就业支出', 'class', 'total', 23471300.00, 'page 8 line 13'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'fiscal_expenditure', '221', '住房保障支出', 'class', 'total', 29891400.00, 'page 8 line 16'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'expenditure', '204', '公共安全支出', 'class', 'total', 262008800.00, 'page 5 line 10'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'expenditure', '208', '社会保障和就业支出', 'class', 'total', 22547600.00, 'page 5 line 18'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'expenditure', '221', '住房保障支出', 'class', 'total', 47165100.00, 'page 5 line 23');

CREATE TABLE econ_amounts (
    doc_id VARCHAR, fiscal_year INTEGER, department VARCHAR, department_id VARCHAR, scheme VARCHAR,
    code VARCHAR, name VARCHAR, parent_code VARCHAR, measure VARCHAR, amount_yuan DECIMAL(20,2), source_ref VARCHAR);
INSERT INTO econ_amounts VALUES
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'department', '301', '工资福利支出', NULL, 'total', 3884700.00, 'line 287'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'department', '302', '商品和服务支出', NULL, 'total', 496100.00, 'line 296'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'department', '30215', '会议费', '302', 'total', 10000.00, 'line 301'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'department', '30216', '培训费', '302', 'total', 10000.00, 'line 302'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'department', '30217', '公务接待费', '302', 'total', 29800.00, 'line 303'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'department', '30217', '公务接待费', '302', 'public', 29800.00, 'line 303'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'department', '30217', '公务接待费', '302', 'total', 507200.00, 'page 9 line 21'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'department', '30231', '公务用车运行维护费', '302', 'total', 3044000.00, 'page 9 line 25');

CREATE TABLE three_public (
    doc_id VARCHAR, fiscal_year INTEGER, department VARCHAR, department_id VARCHAR, item VARCHAR,
    measure VARCHAR, amount_yuan DECIMAL(20,2), source_ref VARCHAR);
INSERT INTO three_public VALUES
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'reception', 'total', 29800.00, 'line 360'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'reception', 'general_public_budget', 29800.00, 'line 360'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'total', 'total', 29800.00, 'line 364'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'total', 'general_public_budget', 29800.00, 'line 364'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'outbound', 'total', 1800000.00, 'page 11 line 9'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'vehicle_total', 'total', 3044000.00, 'page 11 line 9'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'vehicle_operation', 'total', 3044000.00, 'page 11 line 9'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'reception', 'total', 1857200.00, 'page 11 line 9'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'total', 'total', 6701200.00, 'page 11 line 9'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'meeting', 'total', 2280000.00, 'page 11 line 9'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'training', 'total', 17012500.00, 'page 11 line 9'),
('fayuan-2017', 2017, '江苏省高级人民法院', 'dep-js-fayuan', 'total_with_meeting_training', 'total', 25993700.00, 'page 11 line 9'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'outbound', 'total', 1700000.00, 'page 9 line 9'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'vehicle_total', 'total', 2668000.00, 'page 9 line 9'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'vehicle_operation', 'total', 2668000.00, 'page 9 line 9'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'reception', 'total', 1839500.00, 'page 9 line 9'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'total', 'total', 6207500.00, 'page 9 line 9'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'meeting', 'total', 2712600.00, 'page 9 line 9'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'training', 'total', 16662500.00, 'page 9 line 9'),
('fayuan-2018', 2018, '江苏省高级人民法院', 'dep-js-fayuan', 'total_with_meeting_training', 'total', 25582600.00, 'page 9 line 9');

CREATE TABLE projects (
    doc_id VARCHAR, fiscal_year INTEGER, department VARCHAR, department_id VARCHAR, budget_unit VARCHAR,
    project VARCHAR, amount_yuan DECIMAL(20,2), has_performance_form BOOLEAN,
    period_total_yuan DECIMAL(20,2), annual_total_yuan DECIMAL(20,2), source_ref VARCHAR);
INSERT INTO projects
SELECT 'houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', '侯马经济开发区管理委员会经济科技发展部', p, a, f, pt, anl, r
FROM (VALUES
('安全生产月系列宣传活动', 60000.00, true, 60000.00, 60000.00, 'line 391'),
('“一区三园”应急预案编制费用', 50000.00, true, 100000.00, 50000.00, 'line 392'),
('安全生产应急演练', 50000.00, true, 50000.00, 50000.00, 'line 393'),
('生态环境治理', 20000.00, true, 20000.00, 20000.00, 'line 394'),
('环保宣传', 30000.00, true, 30000.00, 30000.00, 'line 395'),
('环保管家服务费', 100000.00, true, 100000.00, 100000.00, 'line 396'),
('高新技术企业认定奖励', 3400000.00, true, 3400000.00, 3400000.00, 'line 397'),
('科技研发平台认定奖励', 450000.00, false, NULL, NULL, 'line 398'),
('提质升级奖励', 1000000.00, true, 1000000.00, 1000000.00, 'line 399'),
('侯马开发区数字双创建运营费及评审费', 1000000.00, true, 2897900.00, 1000000.00, 'line 400'),
('国家级绿色园区运行管理', 40000.00, true, 80000.00, 40000.00, 'line 401'),
('侯马经济开发区“十四五”产业发展规划（修编）', 278000.00, true, 278000.00, 278000.00, 'line 402'),
('科技孵化认定奖励', 500000.00, true, 500000.00, 500000.00, 'line 403'),
('聘用律师费', 100000.00, true, 200000.00, 100000.00, 'line 404')
) AS t(p, a, f, pt, anl, r);

CREATE TABLE indicators (
    doc_id VARCHAR, fiscal_year INTEGER, department VARCHAR, department_id VARCHAR, project VARCHAR,
    scope VARCHAR, level1 VARCHAR, level2 VARCHAR, level3 VARCHAR, value_text VARCHAR,
    comparator VARCHAR, value_num DECIMAL(24,6), value_unit VARCHAR, source_ref VARCHAR);
INSERT INTO indicators
SELECT 'houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', p, s, l1, l2, l3, v, c, n, u, r
FROM (VALUES
-- the department-wide form (整体支出绩效目标申报表), lines 516-531
(NULL, 'department', '产出指标', '数量指标', '招引现代服务业项目', '45个', NULL, 45, '个', 'line 516'),
(NULL, 'department', '产出指标', '数量指标', '召开安全生产例会', '1月/次', NULL, 1, '月/次', 'line 517'),
(NULL, 'department', '产出指标', '数量指标', '引进工业类项目', '6亿', NULL, 6, '亿', 'line 518'),
(NULL, 'department', '产出指标', '质量指标', '临汾市定考核指标任务', '完成', NULL, NULL, NULL, 'line 519'),
(NULL, 'department', '产出指标', '质量指标', '省定工业投资增速任务', '完成', NULL, NULL, NULL, 'line 520'),
(NULL, 'department', '产出指标', '时效指标', '完成期限', '全年', NULL, NULL, NULL, 'line 521'),
(NULL, 'department', '产出指标', '成本指标', '公用经费', '49.61万', NULL, 49.61, '万', 'line 522'),
(NULL, 'department', '产出指标', '成本指标', '人员经费', '388.89万', NULL, 388.89, '万', 'line 523'),
(NULL, 'department', '产出指标', '成本指标', '项目经费', '707.8万', NULL, 707.8, '万', 'line 524'),
(NULL, 'department', '效益指标', '经济效益指标', '储备一批重点项目', '争取国家及省专项资金支持', NULL, NULL, NULL, 'line 525'),
(NULL, 'department', '效益指标', '社会效益指标', '工作作风', '提高', NULL, NULL, NULL, 'line 526'),
(NULL, 'department', '满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%', '>=', 90, '%', 'line 529'),
-- 聘用律师费, annual targets, lines 555-563
('聘用律师费', 'annual', '产出指标', '数量指标', '委托代理费案件', '2件', NULL, 2, '件', 'line 555'),
('聘用律师费', 'annual', '产出指标', '质量指标', '按法律法规要求完成', '及时完成', NULL, NULL, NULL, 'line 556'),
('聘用律师费', 'annual', '产出指标', '时效指标', '按照法院规定时间内', '2024年', NULL, 2024, '年', 'line 557'),
('聘用律师费', 'annual', '产出指标', '成本指标', '卓峰钛业重复申报', '≥20万', '>=', 20, '万', 'line 558'),
('聘用律师费', 'annual', '效益指标', '经济效益指标', '市场经济秩序', '维护', NULL, NULL, NULL, 'line 559'),
('聘用律师费', 'annual', '效益指标', '社会效益指标', '正当权益', '维护', NULL, NULL, NULL, 'line 560'),
('聘用律师费', 'annual', '效益指标', '可持续影响指', '依法行政', '加强', NULL, NULL, NULL, 'line 562'),
('聘用律师费', 'annual', '满意度指标', '服务对象满意', '满意度', '≥95%', '>=', 95, '%', 'line 563'),
-- 数字双创 (table name 侯马开发区数字双创建运营费及评审费; form 侯马经济开发区数字双创建设运营费及评审费), lines 587-595
('侯马开发区数字双创建运营费及评审费', 'annual', '产出指标', '数量指标', '建设数字双创服务平台', '1平台', NULL, 1, '平台', 'line 587'),
('侯马开发区数字双创建运营费及评审费', 'annual', '产出指标', '质量指标', '平台质量', '≥90%', '>=', 90, '%', 'line 588'),
('侯马开发区数字双创建运营费及评审费', 'annual', '产出指标', '时效指标', '全年', '2024年', NULL, 2024, '年', 'line 589'),
('侯马开发区数字双创建运营费及评审费', 'annual', '产出指标', '成本指标', '平台建设服务费', '≥289.79万', '>=', 289.79, '万', 'line 590'),
('侯马开发区数字双创建运营费及评审费', 'annual', '效益指标', '社会效益指标', '提高我区知名度', '提高', NULL, NULL, NULL, 'line 592'),
('侯马开发区数字双创建运营费及评审费', 'annual', '效益指标', '可持续影响指标', '项目持续性', '可持续', NULL, NULL, NULL, 'line 594'),
('侯马开发区数字双创建运营费及评审费', 'annual', '满意度指标', '服务对象满意度', '群众满意度', '≥95%', '>=', 95, '%', 'line 595'),
-- 国家级绿色园区运行管理, lines 619-628
('国家级绿色园区运行管理', 'annual', '产出指标', '数量指标', '1. 通过工信部平台动态管理', '1项', NULL, 1, '项', 'line 619'),
('国家级绿色园区运行管理', 'annual', '产出指标', '数量指标', '2. 对绿色园区评价指标', '1项', NULL, 1, '项', 'line 620'),
('国家级绿色园区运行管理', 'annual', '产出指标', '质量指标', '通过工信部平台动态管理', '通过', NULL, NULL, NULL, 'line 621'),
('国家级绿色园区运行管理', 'annual', '产出指标', '时效指标', '2024全年', '2024年', NULL, 2024, '年', 'line 622'),
('国家级绿色园区运行管理', 'annual', '产出指标', '成本指标', '通过平台动态管理申报', '8万元一年', NULL, 8, '万元', 'line 623'),
('国家级绿色园区运行管理', 'annual', '效益指标', '社会效益指标', '国家级绿色园区知名度营造', '提升', NULL, NULL, NULL, 'line 625'),
('国家级绿色园区运行管理', 'annual', '效益指标', '生态效益指标', '绿色发展理念，提高企业认同', '提高', NULL, NULL, NULL, 'line 626'),
('国家级绿色园区运行管理', 'annual', '效益指标', '可持续影响指标', '提高园区绿色化管理服务水平', '可持续', NULL, NULL, NULL, 'line 627'),
('国家级绿色园区运行管理', 'annual', '满意度指标', '服务对象满意度', '群众满意度', '≥95%', '>=', 95, '%', 'line 628'),
-- the other ten forms: cost, benefit and satisfaction rows of the annual targets
('“一区三园”应急预案编制费用', 'annual', '产出指标', '成本指标', '综合预案', '10万', NULL, 10, '万', 'line 658'),
('“一区三园”应急预案编制费用', 'annual', '效益指标', '社会效益指标', '提升、提高全民安全意识', '提升', NULL, NULL, NULL, 'line 660'),
('“一区三园”应急预案编制费用', 'annual', '效益指标', '生态效益指标', '提高安全管理能力', '提升', NULL, NULL, NULL, 'line 661'),
('“一区三园”应急预案编制费用', 'annual', '满意度指标', '服务对象满意度', '群体满意度', '≥95%', '>=', 95, '%', 'line 663'),
('科技孵化认定奖励', 'annual', '产出指标', '成本指标', '企业科技孵化认定奖励', '50万', NULL, 50, '万', 'line 692'),
('科技孵化认定奖励', 'annual', '效益指标', '经济效益指标', '企业效益', '提升', NULL, NULL, NULL, 'line 693'),
('科技孵化认定奖励', 'annual', '满意度指标', '服务对象满意度', '满意度', '≥95%', '>=', 95, '%', 'line 697'),
('高新技术企业认定奖励', 'annual', '产出指标', '成本指标', '高新技术企业奖励', '340万', NULL, 340, '万', 'line 726'),
('高新技术企业认定奖励', 'annual', '效益指标', '社会效益指标', '增加高新技术企业', '提高', NULL, NULL, NULL, 'line 728'),
('高新技术企业认定奖励', 'annual', '满意度指标', '服务对象满意度', '受益企业满意度', '≥95%', '>=', 95, '%', 'line 731'),
('环保宣传', 'annual', '产出指标', '成本指标', '入企宣传品采购', '≥3万', '>=', 3, '万', 'line 758'),
('环保宣传', 'annual', '效益指标', '社会效益指标', '企业环境保护意识', '提升', NULL, NULL, NULL, 'line 760'),
('环保宣传', 'annual', '满意度指标', '服务对象满意度', '企业满意度', '≥95%', '>=', 95, '%', 'line 763'),
('安全生产月系列宣传活动', 'annual', '产出指标', '成本指标', '安全生产宣传宣传活动：“3”', '>6万', '>', 6, '万', 'line 793'),
('安全生产月系列宣传活动', 'annual', '效益指标', '社会效益指标', '提升、提高全民安全意识', '提升', NULL, NULL, NULL, 'line 795'),
('安全生产月系列宣传活动', 'annual', '满意度指标', '服务对象满意度指标', '企业满意度', '≥95%', '>=', 95, '%', 'line 798'),
('提质升级奖励', 'annual', '产出指标', '成本指标', '提质升级奖励', '100万', NULL, 100, '万', 'line 825'),
('提质升级奖励', 'annual', '效益指标', '经济效益指标', '奖励区内企业', '100万', NULL, 100, '万', 'line 826'),
('提质升级奖励', 'annual', '效益指标', '社会效益指标', '鼓励更多区内企业提质升级', '提升', NULL, NULL, NULL, 'line 827'),
('提质升级奖励', 'annual', '满意度指标', '服务对象满意度', '企业满意度', '≥95%', '>=', 95, '%', 'line 830'),
('生态环境治理', 'annual', '产出指标', '成本指标', '密网', '2万', NULL, 2, '万', 'line 857'),
('生态环境治理', 'annual', '效益指标', '生态效益指标', '扬尘治理', '改善', NULL, NULL, NULL, 'line 860'),
('生态环境治理', 'annual', '满意度指标', '服务对象满意度', '上级满意度', '≥90%', '>=', 90, '%', 'line 862'),
('环保管家服务费', 'annual', '产出指标', '数量指标', '园区生态环境提升管理咨询', '达到省、市要求', NULL, NULL, NULL, 'line 888'),
('环保管家服务费', 'annual', '产出指标', '成本指标', '技术咨询服务费', '≥10万', '>=', 10, '万', 'line 891'),
('环保管家服务费', 'annual', '效益指标', '社会效益指标', '企业环保意识', '提升', NULL, NULL, NULL, 'line 893'),
('环保管家服务费', 'annual', '效益指标', '生态效益指标', '园区、企业生态环境', '增强', NULL, NULL, NULL, 'line 894'),
('环保管家服务费', 'annual', '满意度指标', '服务对象满意度指标', '园区满意度', '≥90%', '>=', 90, '%', 'line 896'),
('安全生产应急演练', 'annual', '产出指标', '成本指标', '所需人工物料', '5万', NULL, 5, '万', 'line 923'),
('安全生产应急演练', 'annual', '效益指标', '社会效益指标', '提升安全生产应急能力', '提升', NULL, NULL, NULL, 'line 925'),
('安全生产应急演练', 'annual', '满意度指标', '服务对象满意度', '参与企业和群众满意率', '≥95%', '>=', 95, '%', 'line 928'),
('侯马经济开发区“十四五”产业发展规划（修编）', 'annual', '产出指标', '成本指标', '基础人力、物料成本', '≥27.8万', '>=', 27.8, '万', 'line 955'),
('侯马经济开发区“十四五”产业发展规划（修编）', 'annual', '效益指标', '经济效益指标', '引领我区产业高效', '可持续发展', NULL, NULL, NULL, 'line 956'),
('侯马经济开发区“十四五”产业发展规划（修编）', 'annual', '满意度指标', '服务对象满意度', '群众满意度', '≥95%', '>=', 95, '%', 'line 959')
) AS t(p, s, l1, l2, l3, v, c, n, u, r);

CREATE TABLE narrative_facts (
    doc_id VARCHAR, fiscal_year INTEGER, department VARCHAR, department_id VARCHAR, fact VARCHAR,
    value DECIMAL(24,4), unit VARCHAR, source_ref VARCHAR);
INSERT INTO narrative_facts VALUES
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'total_change', -723400, '元', 'line 421'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'total_change_pct', -5.94, '%', 'line 421'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'basic_share_pct', 38.25, '%', 'line 431'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'three_public_total', 29800, '元', 'line 463'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'three_public_change', -11000, '元', 'line 463'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'procurement_total', 63500, '元', 'line 477'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'staff_authorized', 23, '人', 'line 499'),
('houma-2024', 2024, '侯马经济开发区管理委员会经济科技发展部', 'dep-houma-604', 'staff_active', 23, '人', 'line 499');

CREATE TABLE findings (
    doc_id VARCHAR, rule VARCHAR, severity VARCHAR, message VARCHAR, expected VARCHAR,
    actual VARCHAR, source_ref VARCHAR);
INSERT INTO findings VALUES
('houma-2024', 'form.missing', 'warning', 'project 科技研发平台认定奖励 has no performance form', '1 form', '0 forms', 'line 398'),
('houma-2024', 'form.name_fuzzy', 'info', 'project name matched fuzzily: 侯马开发区数字双创建运营费及评审费 ~ 侯马经济开发区数字双创建设运营费及评审费', NULL, NULL, 'line 400');
