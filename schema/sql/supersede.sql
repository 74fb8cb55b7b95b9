UPDATE core.documents
SET status = 'superseded', superseded_by = ?
WHERE version_key = ? AND status = 'loaded' AND doc_id <> ?
RETURNING doc_id;
