-- Stored single-file documents that an ingest may join with another file of
-- the same folder (app/join.go): loaded tables-only documents (no narrative
-- fact, at most ? paragraphs, some total) and quarantined documents whose
-- department and year are known (possibly a narrative without its tables).
SELECT d.doc_id, d.status, d.department, coalesce(d.department_id, ''),
       d.fiscal_year, coalesce(d.kind, ''), coalesce(d.level, '')
FROM core.documents d
WHERE len(d.source_paths) = 1
  AND d.department IS NOT NULL AND d.department <> ''
  AND d.fiscal_year IS NOT NULL AND d.fiscal_year > 0
  AND (d.status = 'quarantined'
       OR (d.status = 'loaded'
           AND NOT EXISTS (SELECT 1 FROM core.narrative_facts n WHERE n.doc_id = d.doc_id)
           AND EXISTS (SELECT 1 FROM core.totals t WHERE t.doc_id = d.doc_id)
           AND (SELECT count(*) FROM core.paragraphs p WHERE p.doc_id = d.doc_id) <= ?));
