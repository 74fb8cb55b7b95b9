-- Disclosure.FuncAmounts of the given documents, in order.
SELECT doc_id, seq, COALESCE(source_table, ''), code, COALESCE(name, ''), COALESCE(level, ''), measure,
       amount_yuan::VARCHAR, COALESCE(source_ref, '')
FROM core.func_amounts
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, seq;
