-- Hand-made stand-ins for the public views read by the rewritten queries
-- (TestRewrites_sameResults): same column names and types as the views,
-- rows chosen for the edge cases of each rewrite.
CREATE TABLE documents (
    doc_id VARCHAR, department_id VARCHAR, department VARCHAR, fiscal_year INTEGER,
    kind VARCHAR, level VARCHAR, status VARCHAR
);
INSERT INTO documents VALUES
    ('d1', 'A', '甲局', 2023, 'budget', 'department', 'loaded'),
    ('d2', 'A', '甲局', 2024, 'budget', 'department', 'loaded'),
    ('d3', 'B', '乙局机关', 2024, 'budget', 'unit', 'loaded'),
    ('d4', 'B', NULL, 2024, 'budget', 'department', 'loaded'),
    ('d5', 'C', '丙局', 2024, 'final_account', 'department', 'loaded'),
    ('d6', 'B', '乙局', 2023, 'budget', 'department', 'loaded'),
    ('d7', NULL, '无名局', 2024, 'budget', 'department', 'loaded');

CREATE TABLE indicators (
    doc_id VARCHAR, department_id VARCHAR, department VARCHAR, fiscal_year INTEGER,
    project VARCHAR, scope VARCHAR, level1 VARCHAR, level2 VARCHAR, level3 VARCHAR,
    value_text VARCHAR, comparator VARCHAR, value_num DECIMAL(24,6), source_ref VARCHAR, form_seq INTEGER
);
INSERT INTO indicators VALUES
    -- d1, project P1: one dimension filled, one blank, one truncated label, a NULL 二级指标
    ('d1', 'A', '甲局', 2023, 'P1', 'annual', '效益指标', '经济效益指标', '带动就业', '≥100人', '≥', 100, 'd1:10', 0),
    ('d1', 'A', '甲局', 2023, 'P1', 'annual', '效益指标', '社会效益指标', '', '', NULL, NULL, 'd1:11', 0),
    ('d1', 'A', '甲局', 2023, 'P1', 'annual', '效益指标', '可持续影响指', '长期效益', '持续发挥', NULL, NULL, 'd1:12', 0),
    ('d1', 'A', '甲局', 2023, 'P1', 'annual', NULL, NULL, 'x', '提升', NULL, NULL, 'd1:13', 0),
    ('d1', 'A', '甲局', 2023, 'P1', 'annual', '满意度指标', '服务对象满意度指标', '满意度', '≥95%', '≥', 95, 'd1:14', 0),
    -- d1, P1 period target: blank 三级指标 but a value (counts as present)
    ('d1', 'A', '甲局', 2023, 'P1', 'period', '效益指标', '生态效益指标', ' ', ' 提高 ', NULL, NULL, 'd1:15', 0),
    -- d1, department-wide form (project NULL)
    ('d1', 'A', '甲局', 2023, NULL, 'annual', '产出指标', '数量指标', '完成率', '完成', NULL, NULL, 'd1:20', 1),
    ('d1', 'A', '甲局', 2023, NULL, 'annual', '产出指标', '数量指标', '覆盖率', '100', NULL, 100, 'd1:21', 1),
    -- d2, P1: two identical rows, words of different and of equal length, a NULL value
    ('d2', 'A', '甲局', 2024, 'P1', 'annual', '效益指标', '社会效益指标', '群众获得感', '进一步提升', NULL, NULL, 'd2:10', 0),
    ('d2', 'A', '甲局', 2024, 'P1', 'annual', '效益指标', '社会效益指标', '群众获得感', '进一步提升', NULL, NULL, 'd2:10', 0),
    ('d2', 'A', '甲局', 2024, 'P1', 'annual', '效益指标', '经济效益指标', '收入', '明显改善', NULL, NULL, 'd2:11', 0),
    ('d2', 'A', '甲局', 2024, 'P1', 'annual', '效益指标', '经济效益', '收益', NULL, NULL, NULL, 'd2:12', 0),
    ('d2', 'A', '甲局', 2024, 'P1', 'annual', '产出指标', '质量指标', '带动就业。', '≥100人', '≥', 100.5, 'd2:13', 0),
    -- d2, a second form with the same project name (grouped with the first)
    ('d2', 'A', '甲局', 2024, 'P1', 'annual', '效益指标', '生态效益指标', '绿化', '良好', NULL, NULL, 'd2:30', 2),
    -- d3 (unit level), P2: the same texts as d1 with other punctuation and width
    ('d3', 'B', '乙局机关', 2024, 'P2', 'annual', '效益指标', '经济效益指标', '带动就业，', '≥１００人', NULL, NULL, 'd3:10', 0),
    ('d3', 'B', '乙局机关', 2024, 'P2', 'annual', '效益指标', '可持续影响指标', '长期效益', '持续发挥', NULL, NULL, 'd3:11', 0),
    -- d4 (department NULL), P3
    ('d4', 'B', NULL, 2024, 'P3', 'annual', '效益指标', '经济效益指标', ' 带动就业 ', '≥100人', '≥', 100, 'd4:10', 0),
    ('d4', 'B', NULL, 2024, 'P3', 'period', '效益指标', '经济效益指标', '带动 就业', '≥100人', '≥', 100, 'd4:11', 0),
    ('d4', 'B', NULL, 2024, 'P3', 'annual', '产出指标', '时效指标', '及时率', '及时完成', NULL, NULL, 'd4:12', 0),
    -- d6, d7: more departments for the shares and the department counts
    ('d6', 'B', '乙局', 2023, 'P4', 'annual', '效益指标', '社会效益指标', '带动就业', '≥100人', '≥', 100, 'd6:10', 0),
    ('d7', NULL, '无名局', 2024, 'P5', 'annual', '效益指标', '社会效益指标', '带动就业', '≥100人', '≥', 100, 'd7:10', 0),
    ('d7', NULL, '无名局', 2024, 'P5', 'annual', NULL, NULL, NULL, NULL, NULL, NULL, 'd7:11', 0);

CREATE TABLE perf_forms (
    doc_id VARCHAR, department_id VARCHAR, project VARCHAR, scope VARCHAR,
    period_goal VARCHAR, annual_goal VARCHAR
);
INSERT INTO perf_forms VALUES
    ('d1', 'A', 'P1', 'project', '完成任务', '完成年度任务。'),
    ('d1', 'A', NULL, 'department', '部门目标', '部门目标'),
    ('d2', 'A', 'P1', 'project', '完成任务', NULL),
    ('d2', 'A', 'P1', 'project', '完成任务', '完成年度任务'),
    ('d3', 'B', 'P2', 'project', NULL, '完成年度任务'),
    ('d4', 'B', 'P3', 'project', '', ' 完成年度任务 '),
    ('d6', 'B', 'P4', 'project', '完成 任务', '完成年度任务!'),
    ('d7', NULL, 'P5', 'project', '完成任务', '完成年度任务');

CREATE TABLE three_public (
    doc_id VARCHAR, item VARCHAR, measure VARCHAR, amount_yuan DECIMAL(20,2)
);
INSERT INTO three_public VALUES
    ('d1', 'total', 'total', 1000.00), ('d1', 'reception', 'total', 300.00),
    ('d1', 'total', 'final_account', 900.00),
    ('d2', 'total', 'total', 1200.00), ('d2', 'reception', 'total', 250.00), ('d2', 'vehicles', 'total', 0.00),
    ('d3', 'total', 'total', 55.00),
    ('d4', 'total', 'total', 123456789012345.67), ('d4', 'reception', 'total', 0.01),
    ('d5', 'total', 'total', 77.00),
    ('d6', 'total', 'total', 0.00),
    ('d7', 'total', 'total', 10.00);

CREATE TABLE narrative_facts (
    doc_id VARCHAR, fact VARCHAR, value DECIMAL(24,4), unit VARCHAR
);
INSERT INTO narrative_facts VALUES
    ('d2', 'three_public_change', -1234.5678, '元'),
    ('d2', 'three_public_vehicles_change', -0.0050, '元'),
    ('d4', 'three_public_change', 100000000000000.1250, '元'),
    ('d4', 'three_public_reception_change', 0.0050, 'yuan'),
    ('d4', 'three_public_reception_change', -0.0150, 'yuan'),
    ('d5', 'three_public_change', 12.3456, '万元'),
    ('d7', 'three_public_change', -99999999999999.9950, '元'),
    ('d7', 'three_public_total', 10, '元');
