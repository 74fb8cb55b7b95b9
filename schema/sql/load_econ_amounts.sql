-- Disclosure.EconAmounts of the given documents, in order.
SELECT doc_id, seq, COALESCE(source_table, ''), scheme, COALESCE(code, ''), COALESCE(name, ''),
       COALESCE(parent_code, ''), measure, amount_yuan::VARCHAR, COALESCE(source_ref, '')
FROM core.econ_amounts
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, seq;
