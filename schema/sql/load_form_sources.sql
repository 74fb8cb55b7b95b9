-- PerfForm.Sources of one document's forms, form by form, in order.
SELECT form_seq, seq, COALESCE(scope, ''), COALESCE(label, ''), amount_yuan::VARCHAR
FROM core.form_sources
WHERE doc_id = ?
ORDER BY form_seq, seq;
