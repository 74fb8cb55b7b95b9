-- name: missing_indicator_dimensions
-- description: Performance forms whose 效益指标 leave sub-levels empty (经济/社会/生态效益, 可持续影响 — listed in data/benefit_dimensions.csv), one row per form and target scope with the missing dimensions.
-- params: fiscal_year int null, scope text null
-- data: benefit_dimensions
--
-- A dimension counts as present when the form has an indicator under it
-- (二级指标 starting with the dimension's prefix — truncated labels such as
-- 可持续影响指 still count) with a non-empty 三级指标 or value.
--
-- One pass over the indicators: each form (doc_id, project, scope) collects
-- the dimensions it fills; the missing ones are the rest of the data list
-- (kept with its duplicates and in dimension order, as a cross join of
-- forms and dimensions would give them).
WITH dims AS (
    SELECT list(dimension ORDER BY dimension) AS all_dims FROM benefit_dimensions
),
forms AS (
    SELECT i.doc_id, any_value(i.department_id) AS department_id, any_value(i.department) AS department,
           any_value(i.fiscal_year) AS fiscal_year, coalesce(i.project, '(department)') AS project, i.scope,
           list(DISTINCT b.dimension) FILTER (WHERE b.dimension IS NOT NULL) AS present
    FROM indicators i
    LEFT JOIN benefit_dimensions b
           ON starts_with(coalesce(i.level2, ''), b.prefix)
          AND (coalesce(trim(i.level3), '') <> '' OR coalesce(trim(i.value_text), '') <> '')
    WHERE ($fiscal_year IS NULL OR i.fiscal_year = $fiscal_year)
      AND ($scope IS NULL OR i.scope = $scope)
    GROUP BY i.doc_id, coalesce(i.project, '(department)'), i.scope
),
missing AS (
    SELECT f.*, list_filter(d.all_dims, x -> NOT list_contains(coalesce(f.present, []), x)) AS dims
    FROM forms f CROSS JOIN dims d
)
SELECT
    department_id,
    department,
    fiscal_year,
    project,
    scope,
    len(dims) AS missing_dimensions,
    array_to_string(dims, '；') AS missing,
    doc_id
FROM missing
WHERE len(dims) > 0
ORDER BY department_id, fiscal_year, missing_dimensions DESC, project, scope, doc_id;
