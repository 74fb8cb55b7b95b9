-- name: multi_year_projects
-- description: Projects whose performance form gives a whole-period budget (实施期资金总额) larger than this year's (年度资金总额), with what remains committed for later years.
-- params: fiscal_year int null, department_id text null
SELECT
    d.department_id,
    d.department,
    d.fiscal_year,
    p.project,
    p.amount_yuan,
    p.period_total_yuan,
    p.annual_total_yuan,
    CAST(p.period_total_yuan - p.annual_total_yuan AS DECIMAL(20,2)) AS remaining_yuan,
    CAST(round(100 * p.annual_total_yuan / nullif(p.period_total_yuan, 0), 2) AS DECIMAL(9,2)) AS annual_share_pct,
    p.amount_yuan <> p.annual_total_yuan AS annual_differs_from_table,
    p.source_ref
FROM projects p JOIN documents d USING (doc_id)
WHERE d.status = 'loaded'
  AND p.period_total_yuan > p.annual_total_yuan
  AND ($fiscal_year IS NULL OR d.fiscal_year = $fiscal_year)
  AND ($department_id IS NULL OR d.department_id = $department_id)
ORDER BY remaining_yuan DESC, d.department_id, p.project, d.fiscal_year, d.level, p.doc_id;
