-- name: project_share
-- description: Project spending as a share of total expenditure for each department and year, with its rank and quartile among the departments of the same year and region (rank 1 = most project-heavy).
-- params: fiscal_year int null, region text null, measure text total
--
-- Totals come from the totals view: key project, and expenditure_total
-- (本年支出合计) or, where a document prints none, grand_expenditure_total
-- (支出总计). Where a document prints no project total the sum of its
-- project lines is used (column project_basis says which). Rank and
-- quartile compare like with like: same year and region, and also the same
-- kind (budget / final_account) and level (department / unit).
WITH docs AS (
    SELECT doc_id, department_id, department, region, fiscal_year, kind, level
    FROM documents
    WHERE status = 'loaded'
      AND ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
      AND ($region IS NULL OR region = $region)
),
t AS (
    SELECT doc_id,
           max(amount_yuan) FILTER (WHERE key = 'project') AS project_yuan,
           coalesce(max(amount_yuan) FILTER (WHERE key = 'expenditure_total'), max(amount_yuan) FILTER (WHERE key = 'grand_expenditure_total')) AS expenditure_yuan
    FROM totals WHERE measure = $measure
    GROUP BY doc_id
),
lines AS (
    SELECT doc_id, sum(amount_yuan) AS lines_yuan FROM projects GROUP BY doc_id
),
s AS (
    SELECT d.*,
           coalesce(t.project_yuan, l.lines_yuan) AS project_yuan,
           CASE WHEN t.project_yuan IS NOT NULL THEN 'totals' WHEN l.lines_yuan IS NOT NULL THEN 'project_lines' END AS project_basis,
           t.expenditure_yuan
    FROM docs d LEFT JOIN t USING (doc_id) LEFT JOIN lines l USING (doc_id)
)
SELECT
    department_id,
    department,
    region,
    fiscal_year,
    kind,
    level,
    CAST(project_yuan AS DECIMAL(20,2)) AS project_yuan,
    expenditure_yuan,
    CAST(round(100 * project_yuan / nullif(expenditure_yuan, 0), 2) AS DECIMAL(9,2)) AS project_share_pct,
    project_basis,
    rank() OVER w AS rank_in_year_region,
    ntile(4) OVER w AS quartile_in_year_region,
    count(*) OVER (PARTITION BY fiscal_year, region, kind, level) AS departments_in_year_region
FROM s
WHERE project_yuan IS NOT NULL AND expenditure_yuan IS NOT NULL
WINDOW w AS (PARTITION BY fiscal_year, region, kind, level ORDER BY project_yuan / nullif(expenditure_yuan, 0) DESC)
ORDER BY fiscal_year, region, kind, level, rank_in_year_region, department_id, doc_id;
