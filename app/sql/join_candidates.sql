-- Stored single-file documents that an ingest may join with another file of
-- the same folder (app/join.go): loaded tables-only documents (at most ?
-- paragraphs, no narrative fact, some total) and quarantined documents whose
-- department and year are known (possibly a narrative without its tables).
-- Aggregates and IN lists rather than correlated subqueries: ~28 ms on a
-- 2,000-document warehouse (the correlated form took ~50 ms).
WITH para AS (SELECT doc_id, count(*) AS n FROM core.paragraphs GROUP BY doc_id)
SELECT d.doc_id, d.status, d.department, coalesce(d.department_id, ''),
       d.fiscal_year, coalesce(d.kind, ''), coalesce(d.level, '')
FROM core.documents d
LEFT JOIN para p ON p.doc_id = d.doc_id
WHERE len(d.source_paths) = 1
  AND d.department IS NOT NULL AND d.department <> ''
  AND d.fiscal_year IS NOT NULL AND d.fiscal_year > 0
  AND (d.status = 'quarantined'
       OR (d.status = 'loaded' AND coalesce(p.n, 0) <= ?
           AND d.doc_id NOT IN (SELECT doc_id FROM core.narrative_facts)
           AND d.doc_id IN (SELECT doc_id FROM core.totals)));
