INSERT INTO core.raw_text (doc_id, text) VALUES (?, ?);
