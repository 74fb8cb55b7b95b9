-- Disclosure.Totals of the given documents, in order; amounts as exact decimal text.
SELECT doc_id, seq, key, COALESCE(label, ''), COALESCE(source_table, ''), measure, amount_yuan::VARCHAR,
       COALESCE(source_ref, '')
FROM core.totals
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, seq;
