-- Disclosure.EconAmounts of one document, in order.
SELECT seq, COALESCE(source_table, ''), scheme, COALESCE(code, ''), COALESCE(name, ''),
       COALESCE(parent_code, ''), measure, amount_yuan::VARCHAR, COALESCE(source_ref, '')
FROM core.econ_amounts
WHERE doc_id = ?
ORDER BY seq;
