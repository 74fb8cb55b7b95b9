-- PerfForm.Fields of one document's forms, form by form, in order.
SELECT form_seq, seq, COALESCE(label, ''), COALESCE(value, ''), COALESCE(source_ref, '')
FROM core.form_fields
WHERE doc_id = ?
ORDER BY form_seq, seq;
