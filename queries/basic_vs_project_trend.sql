-- name: basic_vs_project_trend
-- description: Basic (基本支出) versus project (项目支出) spending per department and year, with each one's share and its change against the department's previous loaded year.
-- params: department_id text null, kind text budget, measure text total
WITH docs AS (
    SELECT doc_id, department_id, department, fiscal_year
    FROM documents
    WHERE status = 'loaded' AND kind = $kind AND level = 'department'
      AND ($department_id IS NULL OR department_id = $department_id)
),
y AS (
    SELECT d.department_id, d.department, d.fiscal_year,
           max(t.amount_yuan) FILTER (WHERE t.key = 'basic') AS basic_yuan,
           max(t.amount_yuan) FILTER (WHERE t.key = 'project') AS project_yuan,
           coalesce(max(t.amount_yuan) FILTER (WHERE t.key = 'expenditure_total'), max(t.amount_yuan) FILTER (WHERE t.key = 'grand_expenditure_total')) AS expenditure_yuan
    FROM docs d JOIN totals t USING (doc_id)
    WHERE t.measure = $measure
    GROUP BY ALL
)
SELECT
    y.department_id,
    y.department,
    y.fiscal_year,
    y.basic_yuan,
    y.project_yuan,
    y.expenditure_yuan,
    CAST(round(100 * y.basic_yuan / nullif(y.expenditure_yuan, 0), 2) AS DECIMAL(9,2)) AS basic_share_pct,
    CAST(round(100 * y.project_yuan / nullif(y.expenditure_yuan, 0), 2) AS DECIMAL(9,2)) AS project_share_pct,
    CAST(y.basic_yuan - p.basic_yuan AS DECIMAL(20,2)) AS basic_change_yuan,
    CAST(y.project_yuan - p.project_yuan AS DECIMAL(20,2)) AS project_change_yuan,
    CAST(round(100 * (y.project_yuan - p.project_yuan) / nullif(p.project_yuan, 0), 2) AS DECIMAL(9,2)) AS project_change_pct
FROM y
LEFT JOIN y p ON p.department_id = y.department_id AND p.fiscal_year = y.fiscal_year - 1
ORDER BY y.department_id, y.fiscal_year, y.department;
