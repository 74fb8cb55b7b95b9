INSERT INTO core.findings (doc_id, seq, rule, severity, message, expected, actual, source_ref)
VALUES (?, ?, ?, ?, ?, ?, ?, ?);
