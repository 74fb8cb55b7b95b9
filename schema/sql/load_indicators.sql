-- PerfForm.Indicators of one document's forms, form by form, in order.
SELECT form_seq, seq, scope, COALESCE(level1, ''), COALESCE(level2, ''), COALESCE(level3, ''),
       COALESCE(value_text, ''), COALESCE(comparator, ''), value_num::VARCHAR, COALESCE(value_unit, ''),
       COALESCE(source_ref, '')
FROM core.indicators
WHERE doc_id = ?
ORDER BY form_seq, seq;
