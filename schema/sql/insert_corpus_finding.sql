INSERT INTO core.corpus_findings (doc_id, seq, rule, severity, message, expected, actual, source_ref)
VALUES (?, ?, ?, ?, ?, ?, ?, ?);
