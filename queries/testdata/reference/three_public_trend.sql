-- name: ref_three_public_trend
-- description: 三公 spending per department and year, item by item, with the change against the previous year taken from the prior year's loaded document or, where none is loaded, from the change the prose states (column basis says which).
-- params: department_id text null, kind text budget, measure text total
--
-- Years are joined through department_id (never through names), so one
-- department keeps one line whatever its wording in a given year. Only
-- department-level publications are compared (部门 and 单位 budgets of one
-- department would otherwise double count). The prose fallback reads the
-- changes the narrative states, in yuan: three_public_change for the total,
-- three_public_<item>_change (e.g. three_public_reception_change) per item.
-- stated_change_yuan is that stated change wherever the prose gives one, so
-- it can be compared with the change computed from two documents.
WITH docs AS (
    SELECT doc_id, department_id, department, fiscal_year
    FROM documents
    WHERE status = 'loaded' AND kind = $kind AND level = 'department'
      AND ($department_id IS NULL OR department_id = $department_id)
),
cur AS (
    SELECT d.department_id, d.department, d.fiscal_year, t.item, CAST(sum(t.amount_yuan) AS DECIMAL(20,2)) AS amount_yuan
    FROM three_public t JOIN docs d USING (doc_id)
    WHERE t.measure = $measure
    GROUP BY ALL
),
stated AS (
    SELECT d.department_id, d.fiscal_year,
           CASE WHEN n.fact = 'three_public_change' THEN 'total'
                ELSE regexp_extract(n.fact, '^three_public_(.+)_change$', 1) END AS item,
           max(n.value) AS change_yuan
    FROM narrative_facts n JOIN docs d USING (doc_id)
    WHERE regexp_matches(n.fact, '^three_public_(.+_)?change$') AND n.unit IN ('元', 'yuan')
    GROUP BY ALL
)
SELECT
    c.department_id,
    c.department,
    c.fiscal_year,
    c.item,
    c.amount_yuan,
    CAST(CASE
        WHEN p.amount_yuan IS NOT NULL THEN p.amount_yuan
        WHEN s.change_yuan IS NOT NULL THEN c.amount_yuan - s.change_yuan
    END AS DECIMAL(20,2)) AS prior_yuan,
    CAST(CASE
        WHEN p.amount_yuan IS NOT NULL THEN c.amount_yuan - p.amount_yuan
        ELSE s.change_yuan
    END AS DECIMAL(20,2)) AS change_yuan,
    CAST(round(100 * (CASE
        WHEN p.amount_yuan IS NOT NULL THEN c.amount_yuan - p.amount_yuan
        ELSE s.change_yuan
    END) / nullif(CASE
        WHEN p.amount_yuan IS NOT NULL THEN p.amount_yuan
        WHEN s.change_yuan IS NOT NULL THEN c.amount_yuan - s.change_yuan
    END, 0), 2) AS DECIMAL(9,2)) AS change_pct,
    CASE
        WHEN p.amount_yuan IS NOT NULL THEN 'document'
        WHEN s.change_yuan IS NOT NULL THEN 'prose'
    END AS basis,
    CAST(s.change_yuan AS DECIMAL(20,2)) AS stated_change_yuan
FROM cur c
LEFT JOIN cur p
       ON p.department_id = c.department_id AND p.item = c.item AND p.fiscal_year = c.fiscal_year - 1
LEFT JOIN stated s
       ON s.department_id = c.department_id AND s.fiscal_year = c.fiscal_year AND s.item = c.item
ORDER BY c.department_id, c.fiscal_year, c.item, c.department;
