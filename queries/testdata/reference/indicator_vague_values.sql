-- name: ref_indicator_vague_values
-- description: Indicators whose target value is a vague word (提升, 提高, 可持续, 完成, … kept in data/vague_words.csv) rather than a number, one row per indicator with the word matched.
-- params: fiscal_year int null, department_id text null
-- data: vague_words
SELECT
    i.department_id,
    i.department,
    i.fiscal_year,
    coalesce(i.project, '(department)') AS project,
    i.scope,
    i.level2,
    i.level3,
    i.value_text,
    arg_min(w.word, length(w.word) * -1) AS vague_word,
    i.source_ref,
    i.doc_id
FROM indicators i
JOIN vague_words w ON contains(i.value_text, w.word)
WHERE i.value_num IS NULL
  AND ($fiscal_year IS NULL OR i.fiscal_year = $fiscal_year)
  AND ($department_id IS NULL OR i.department_id = $department_id)
GROUP BY ALL
ORDER BY i.department_id, i.fiscal_year, project, i.scope, i.source_ref, i.level3, i.doc_id;
