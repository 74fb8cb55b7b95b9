-- name: cost_indicator_mismatch
-- description: Projects whose cost indicator (成本指标), converted to yuan, differs from the annual funding of their performance form (年度资金总额) — e.g. a multi-year total stated as the annual cost.
-- params: scope text annual, min_ratio_diff decimal 0.05
--
-- Units: 元 ×1, 千/千元 ×1000, 万/万元 ×10000, 亿/亿元 ×100000000 (first
-- character of value_unit). Indicators with another unit are skipped.
-- ratio = cost indicator / annual funding; a row is reported when it is off
-- by more than min_ratio_diff (0.05 = 5%). Indicators name the project as
-- its form does; projects.form_project is that name for the matched line.
WITH cost AS (
    SELECT i.doc_id, i.department_id, i.department, i.fiscal_year, i.project, i.level3, i.value_text, i.comparator,
           i.value_num * CASE
               WHEN i.value_unit LIKE '亿%' THEN 100000000
               WHEN i.value_unit LIKE '万%' THEN 10000
               WHEN i.value_unit LIKE '千%' THEN 1000
               WHEN i.value_unit LIKE '元%' THEN 1
           END AS cost_yuan,
           i.source_ref
    FROM indicators i
    WHERE contains(coalesce(i.level2, ''), '成本') AND i.scope = $scope AND i.project IS NOT NULL AND i.value_num IS NOT NULL
)
SELECT
    c.department_id,
    c.department,
    c.fiscal_year,
    c.project,
    c.level3,
    c.value_text,
    CAST(c.cost_yuan AS DECIMAL(20,2)) AS cost_indicator_yuan,
    p.annual_total_yuan,
    p.period_total_yuan,
    CAST(round(c.cost_yuan / nullif(p.annual_total_yuan, 0), 4) AS DECIMAL(12,4)) AS ratio,
    CASE
        WHEN p.period_total_yuan IS NOT NULL AND c.cost_yuan = p.period_total_yuan AND p.period_total_yuan <> p.annual_total_yuan THEN 'equals_period_total'
        WHEN c.cost_yuan > p.annual_total_yuan THEN 'above_annual'
        ELSE 'below_annual'
    END AS kind,
    c.source_ref
FROM cost c
JOIN projects p ON p.doc_id = c.doc_id AND c.project = coalesce(p.form_project, p.project)
WHERE c.cost_yuan IS NOT NULL AND p.annual_total_yuan IS NOT NULL
  AND abs(c.cost_yuan / nullif(p.annual_total_yuan, 0) - 1) > CAST($min_ratio_diff AS DOUBLE)
ORDER BY ratio DESC, c.department_id, c.project, c.fiscal_year, c.source_ref, c.doc_id;
