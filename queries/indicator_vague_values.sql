-- name: indicator_vague_values
-- description: Indicators whose target value is a vague word (提升, 提高, 可持续, 完成, … kept in data/vague_words.csv) rather than a number, one row per indicator with the word matched.
-- params: fiscal_year int null, department_id text null
-- data: vague_words
--
-- The word reported is the longest one the value contains (on a tie, the
-- first in data/vague_words.csv). Words are matched once per distinct value
-- text, from one list (longest first), and joined back to the indicators;
-- identical indicator rows are reported once.
WITH i AS (
    SELECT * FROM indicators
    WHERE value_num IS NULL
      AND ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
      AND ($department_id IS NULL OR department_id = $department_id)
),
words AS (
    SELECT list(word ORDER BY length(word) DESC, rowid) AS words FROM vague_words
),
v AS (
    SELECT value_text, list_filter(w.words, x -> contains(value_text, x))[1] AS vague_word
    FROM (SELECT DISTINCT value_text FROM indicators WHERE value_num IS NULL) CROSS JOIN words w
)
SELECT
    i.department_id,
    any_value(i.department) AS department,
    any_value(i.fiscal_year) AS fiscal_year,
    coalesce(i.project, '(department)') AS project,
    i.scope,
    i.level2,
    i.level3,
    i.value_text,
    any_value(v.vague_word) AS vague_word,
    i.source_ref,
    i.doc_id
FROM i JOIN v USING (value_text)
WHERE v.vague_word IS NOT NULL
GROUP BY i.doc_id, i.department_id, coalesce(i.project, '(department)'), i.scope, i.level2, i.level3, i.value_text, i.source_ref
ORDER BY i.department_id, any_value(i.fiscal_year), project, i.scope, i.source_ref, i.level3, i.doc_id;
