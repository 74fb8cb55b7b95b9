SELECT count(*) FROM documents WHERE starts_with(doc_id, ?);
