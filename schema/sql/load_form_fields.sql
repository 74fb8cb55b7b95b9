-- PerfForm.Fields of the given documents' forms, form by form, in order.
SELECT doc_id, form_seq, seq, COALESCE(label, ''), COALESCE(value, ''), COALESCE(source_ref, '')
FROM core.form_fields
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, form_seq, seq;
