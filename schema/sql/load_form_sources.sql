-- PerfForm.Sources of the given documents' forms, form by form, in order.
SELECT doc_id, form_seq, seq, COALESCE(scope, ''), COALESCE(label, ''), amount_yuan::VARCHAR
FROM core.form_sources
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, form_seq, seq;
