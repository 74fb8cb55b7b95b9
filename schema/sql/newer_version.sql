-- The latest loaded version of a publication ingested after the given time.
SELECT doc_id FROM core.documents
WHERE version_key = ? AND status = 'loaded' AND doc_id <> ? AND ingested_at > ?
ORDER BY ingested_at DESC, doc_id
LIMIT 1;
