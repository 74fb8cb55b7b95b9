-- The version keys among the given ones that have a loaded document
-- (WriteBatch: which documents of a batch may supersede one).
SELECT DISTINCT version_key FROM core.documents
WHERE status = 'loaded' AND list_contains(?::VARCHAR[], version_key);
