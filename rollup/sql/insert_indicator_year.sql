-- name: insert_indicator_year
-- description: performance indicator statistics of a fiscal year.
INSERT INTO rollup_indicator_year
SELECT $1::INTEGER, doc_kind, scope, level1, level2,
       count(*)::INTEGER,
       count(value_num)::INTEGER,
       count(comparator)::INTEGER,
       count(*) FILTER (WHERE value_num IS NULL)::INTEGER,
       count(DISTINCT CASE WHEN project IS NOT NULL THEN doc_id || '|' || project END)::INTEGER,
       count(DISTINCT department_id)::INTEGER
FROM indicators
WHERE fiscal_year = $1
GROUP BY doc_kind, scope, level1, level2;
