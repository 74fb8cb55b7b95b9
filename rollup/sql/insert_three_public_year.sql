-- name: insert_three_public_year
-- description: 三公 items of a fiscal year summed over loaded documents.
INSERT INTO rollup_three_public_year
SELECT $1::INTEGER, doc_kind, doc_level, item, measure,
       count(DISTINCT department_id)::INTEGER, count(DISTINCT doc_id)::INTEGER, sum(amount_yuan)
FROM three_public
WHERE fiscal_year = $1
GROUP BY doc_kind, doc_level, item, measure;
