-- name: func_class_trend
-- description: Spending by functional class (类) per year across all loaded department-level documents, with the change against the previous year both in total and like for like (departments present in both years); classes join across years through the code crosswalk and departments through department_id, never through names.
-- params: measure text total, department_id text null
--
-- A class amount is printed by several tables of one document; per
-- document the largest printed figure is taken (the general-budget table
-- repeats only a part of it). Only department-level publications are
-- summed, so 部门 and 单位 budgets are not counted twice. Codes map to their
-- successor where func_codes gives one (renames, moves; a split goes to its
-- first successor) and carry the latest published name.
WITH docs AS (
    SELECT doc_id, department_id FROM documents
    WHERE status = 'loaded' AND level = 'department'
      AND ($department_id IS NULL OR department_id = $department_id)
),
per_doc AS (
    SELECT f.doc_id, d.department_id, f.fiscal_year, f.code, max(f.amount_yuan) AS amount_yuan
    FROM func_amounts f JOIN docs d USING (doc_id)
    WHERE f.level = 'class' AND f.measure = $measure
    GROUP BY ALL
),
per_dep AS (
    SELECT p.department_id, p.fiscal_year, coalesce(c.successor_code, p.code) AS class_code,
           count(DISTINCT p.doc_id) AS documents, sum(p.amount_yuan) AS amount_yuan
    FROM per_doc p
    LEFT JOIN func_codes c ON c.code = p.code AND c.fiscal_year = p.fiscal_year
    GROUP BY ALL
),
names AS (
    SELECT code, arg_max(name, fiscal_year) AS class_name FROM func_codes WHERE name IS NOT NULL GROUP BY code
),
y AS (
    SELECT fiscal_year, class_code, sum(documents) AS documents, count(*) AS departments, sum(amount_yuan) AS amount_yuan
    FROM per_dep GROUP BY ALL
),
lfl AS (
    SELECT c.fiscal_year, c.class_code, count(*) AS comparable_departments,
           sum(c.amount_yuan - p.amount_yuan) AS change_yuan, sum(p.amount_yuan) AS prior_yuan
    FROM per_dep c
    JOIN per_dep p ON p.department_id = c.department_id AND p.class_code = c.class_code AND p.fiscal_year = c.fiscal_year - 1
    GROUP BY ALL
)
SELECT
    y.fiscal_year,
    y.class_code,
    n.class_name,
    y.departments,
    y.documents,
    CAST(y.amount_yuan AS DECIMAL(20,2)) AS amount_yuan,
    CAST(y.amount_yuan - p.amount_yuan AS DECIMAL(20,2)) AS total_change_yuan,
    coalesce(l.comparable_departments, 0) AS comparable_departments,
    CAST(l.change_yuan AS DECIMAL(20,2)) AS like_for_like_change_yuan,
    CAST(round(100 * l.change_yuan / nullif(l.prior_yuan, 0), 2) AS DECIMAL(9,2)) AS like_for_like_change_pct
FROM y
LEFT JOIN y p ON p.class_code = y.class_code AND p.fiscal_year = y.fiscal_year - 1
LEFT JOIN lfl l ON l.class_code = y.class_code AND l.fiscal_year = y.fiscal_year
LEFT JOIN names n ON n.code = y.class_code
ORDER BY y.fiscal_year, y.class_code;
