-- name: three_public_year_summary
-- description: For each year, the 三公 total of all departments, how many departments can be compared with their previous year, and the share of those that cut their 三公 spending.
-- params: kind text budget, measure text total
--
-- The previous year comes from the prior year's loaded document of the same
-- department_id, else from the change the prose states (as in
-- three_public_trend).
WITH docs AS (
    SELECT doc_id, department_id, fiscal_year
    FROM documents
    WHERE status = 'loaded' AND kind = $kind AND level = 'department'
),
cur AS (
    SELECT d.department_id, d.fiscal_year, sum(t.amount_yuan) AS amount_yuan
    FROM three_public t JOIN docs d USING (doc_id)
    WHERE t.item = 'total' AND t.measure = $measure
    GROUP BY ALL
),
stated AS (
    SELECT d.department_id, d.fiscal_year, max(n.value) AS change_yuan
    FROM narrative_facts n JOIN docs d USING (doc_id)
    WHERE n.fact = 'three_public_change' AND n.unit IN ('元', 'yuan')
    GROUP BY ALL
),
chg AS (
    SELECT c.fiscal_year, c.department_id, c.amount_yuan,
           coalesce(c.amount_yuan - p.amount_yuan, s.change_yuan) AS change_yuan,
           coalesce(p.amount_yuan, c.amount_yuan - s.change_yuan) AS prior_yuan
    FROM cur c
    LEFT JOIN cur p ON p.department_id = c.department_id AND p.fiscal_year = c.fiscal_year - 1
    LEFT JOIN stated s ON s.department_id = c.department_id AND s.fiscal_year = c.fiscal_year
)
SELECT
    fiscal_year,
    count(*) AS departments,
    CAST(sum(amount_yuan) AS DECIMAL(20,2)) AS three_public_yuan,
    CAST(sum(prior_yuan) FILTER (WHERE change_yuan IS NOT NULL) AS DECIMAL(20,2)) AS comparable_prior_yuan,
    count(change_yuan) AS comparable_departments,
    count(*) FILTER (WHERE change_yuan < 0) AS departments_cut,
    count(*) FILTER (WHERE change_yuan > 0) AS departments_raised,
    CAST(round(100.0 * count(*) FILTER (WHERE change_yuan < 0) / nullif(count(change_yuan), 0), 2) AS DECIMAL(9,2)) AS share_cut_pct
FROM chg
GROUP BY fiscal_year
ORDER BY fiscal_year;
