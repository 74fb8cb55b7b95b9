-- Disclosure.FuncAmounts of one document, in order.
SELECT seq, COALESCE(source_table, ''), code, COALESCE(name, ''), COALESCE(level, ''), measure,
       amount_yuan::VARCHAR, COALESCE(source_ref, '')
FROM core.func_amounts
WHERE doc_id = ?
ORDER BY seq;
