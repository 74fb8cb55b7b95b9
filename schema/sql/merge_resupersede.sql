-- Re-decide the versions of every publication (version_key) the shard
-- touches, over all of the output warehouse's documents of that key, as
-- sequential ingest runs would have: the most recently ingested version
-- (ingested_at, then doc_id) is loaded, every older one superseded by the
-- next newer one. Quarantined documents take no part. Only rows whose
-- status or superseded_by changes are updated.
UPDATE core.documents AS d
SET status = r.new_status, superseded_by = r.next_id
FROM (
    SELECT doc_id,
           CASE WHEN lead(doc_id) OVER v IS NULL THEN 'loaded' ELSE 'superseded' END AS new_status,
           lead(doc_id) OVER v AS next_id
    FROM core.documents
    WHERE status <> 'quarantined'
      AND version_key IN (SELECT version_key FROM budgetwh_shard.core.documents WHERE version_key IS NOT NULL)
    WINDOW v AS (PARTITION BY version_key ORDER BY ingested_at, doc_id)
) r
WHERE d.doc_id = r.doc_id
  AND (d.status <> r.new_status OR d.superseded_by IS DISTINCT FROM r.next_id);
