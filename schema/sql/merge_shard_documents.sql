-- The shard's documents in version order, with their status in the output
-- warehouse before the merge (NULL: not there yet).
SELECT s.doc_id, s.source_path, s.department, s.fiscal_year, s.kind, s.level, s.status, o.status
FROM budgetwh_shard.core.documents s
LEFT JOIN core.documents o ON o.doc_id = s.doc_id
ORDER BY s.ingested_at, s.doc_id;
