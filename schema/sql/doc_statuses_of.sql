-- The status of each of the given documents that is stored (WriteBatch).
SELECT doc_id, status FROM core.documents WHERE list_contains(?::VARCHAR[], doc_id);
