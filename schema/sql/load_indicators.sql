-- PerfForm.Indicators of the given documents' forms, form by form, in order.
SELECT doc_id, form_seq, seq, scope, COALESCE(level1, ''), COALESCE(level2, ''), COALESCE(level3, ''),
       COALESCE(value_text, ''), COALESCE(comparator, ''), value_num::VARCHAR, COALESCE(value_unit, ''),
       COALESCE(source_ref, '')
FROM core.indicators
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, form_seq, seq;
