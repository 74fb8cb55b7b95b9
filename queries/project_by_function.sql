-- name: project_by_function
-- description: Project spending by functional class (类) per year across all departments, with each class's share of the year's project spending; classes are joined across years through the code crosswalk.
-- params: fiscal_year int null, measure text project
--
-- A class amount is printed by several tables of one document; per
-- document the largest printed figure for the class is taken (the general
-- budget table only repeats a part of it). Codes are mapped to their
-- successor where func_codes gives one, and named with the latest name.
WITH docs AS (
    SELECT doc_id FROM documents
    WHERE status = 'loaded' AND ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
),
per_doc AS (
    SELECT f.doc_id, f.fiscal_year, f.code, max(f.amount_yuan) AS amount_yuan
    FROM func_amounts f JOIN docs USING (doc_id)
    WHERE f.level = 'class' AND f.measure = $measure
    GROUP BY ALL
),
mapped AS (
    SELECT p.*, coalesce(c.successor_code, p.code) AS class_code
    FROM per_doc p
    LEFT JOIN func_codes c ON c.code = p.code AND c.fiscal_year = p.fiscal_year
),
names AS (
    SELECT code, arg_max(name, fiscal_year) AS class_name FROM func_codes GROUP BY code
)
SELECT
    m.fiscal_year,
    m.class_code,
    n.class_name,
    count(DISTINCT m.doc_id) AS documents,
    CAST(sum(m.amount_yuan) AS DECIMAL(20,2)) AS project_yuan,
    CAST(round(100 * sum(m.amount_yuan) / sum(sum(m.amount_yuan)) OVER (PARTITION BY m.fiscal_year), 2) AS DECIMAL(9,2)) AS share_of_year_pct
FROM mapped m
LEFT JOIN names n ON n.code = m.class_code
GROUP BY m.fiscal_year, m.class_code, n.class_name
ORDER BY m.fiscal_year, project_yuan DESC, m.class_code;
