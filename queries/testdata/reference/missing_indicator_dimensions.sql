-- name: ref_missing_indicator_dimensions
-- description: Performance forms whose 效益指标 leave sub-levels empty (经济/社会/生态效益, 可持续影响 — listed in data/benefit_dimensions.csv), one row per form and target scope with the missing dimensions.
-- params: fiscal_year int null, scope text null
-- data: benefit_dimensions
--
-- A dimension counts as present when the form has an indicator under it
-- (二级指标 starting with the dimension's prefix — truncated labels such as
-- 可持续影响指 still count) with a non-empty 三级指标 or value.
WITH forms AS (
    SELECT DISTINCT doc_id, department_id, department, fiscal_year, coalesce(project, '(department)') AS project, scope
    FROM indicators
    WHERE ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
      AND ($scope IS NULL OR scope = $scope)
),
present AS (
    SELECT DISTINCT i.doc_id, coalesce(i.project, '(department)') AS project, i.scope, b.dimension
    FROM indicators i
    JOIN benefit_dimensions b ON starts_with(coalesce(i.level2, ''), b.prefix)
    WHERE coalesce(trim(i.level3), '') <> '' OR coalesce(trim(i.value_text), '') <> ''
),
missing AS (
    SELECT f.*, b.dimension
    FROM forms f CROSS JOIN benefit_dimensions b
    WHERE NOT EXISTS (SELECT 1 FROM present p
                      WHERE p.doc_id = f.doc_id AND p.project = f.project AND p.scope = f.scope AND p.dimension = b.dimension)
)
SELECT
    department_id,
    department,
    fiscal_year,
    project,
    scope,
    count(*) AS missing_dimensions,
    string_agg(dimension, '；' ORDER BY dimension) AS missing,
    doc_id
FROM missing
GROUP BY ALL
ORDER BY department_id, fiscal_year, missing_dimensions DESC, project, scope, doc_id;
