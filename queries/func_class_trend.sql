-- name: func_class_trend
-- description: Spending by functional class (类) per year across all loaded documents, with the change against the previous year; classes are joined across years through the code crosswalk (func_codes.successor_code), never through names.
-- params: measure text total, department_id text null
--
-- A class amount is printed by several tables of one document; per
-- document the largest printed figure is taken. Only department-level
-- publications are summed, so 部门 and 单位 budgets are not counted twice.
WITH docs AS (
    SELECT doc_id FROM documents
    WHERE status = 'loaded' AND level = 'department'
      AND ($department_id IS NULL OR department_id = $department_id)
),
per_doc AS (
    SELECT f.doc_id, f.fiscal_year, f.code, max(f.amount_yuan) AS amount_yuan
    FROM func_amounts f JOIN docs USING (doc_id)
    WHERE f.level = 'class' AND f.measure = $measure
    GROUP BY ALL
),
mapped AS (
    SELECT p.fiscal_year, coalesce(c.successor_code, p.code) AS class_code, p.doc_id, p.amount_yuan
    FROM per_doc p
    LEFT JOIN func_codes c ON c.code = p.code AND c.fiscal_year = p.fiscal_year
),
names AS (
    SELECT code, arg_max(name, fiscal_year) AS class_name FROM func_codes GROUP BY code
),
y AS (
    SELECT fiscal_year, class_code, count(DISTINCT doc_id) AS documents, sum(amount_yuan) AS amount_yuan
    FROM mapped GROUP BY ALL
)
SELECT
    y.fiscal_year,
    y.class_code,
    n.class_name,
    y.documents,
    CAST(y.amount_yuan AS DECIMAL(20,2)) AS amount_yuan,
    CAST(y.amount_yuan - p.amount_yuan AS DECIMAL(20,2)) AS change_yuan,
    CAST(round(100 * (y.amount_yuan - p.amount_yuan) / nullif(p.amount_yuan, 0), 2) AS DECIMAL(9,2)) AS change_pct
FROM y
LEFT JOIN y p ON p.class_code = y.class_code AND p.fiscal_year = y.fiscal_year - 1
LEFT JOIN names n ON n.code = y.class_code
ORDER BY y.fiscal_year, y.class_code;
