-- name: doc_ids
-- description: the loaded documents of the warehouse (the sources of an export).
SELECT doc_id FROM documents WHERE status = 'loaded' ORDER BY doc_id;
