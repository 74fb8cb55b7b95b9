SELECT ingested_at FROM core.documents WHERE doc_id = ?;
