SELECT status FROM core.documents WHERE doc_id = ?;
