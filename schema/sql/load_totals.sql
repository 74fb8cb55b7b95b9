-- Disclosure.Totals of one document, in order; amounts as exact decimal text.
SELECT seq, key, COALESCE(label, ''), COALESCE(source_table, ''), measure, amount_yuan::VARCHAR,
       COALESCE(source_ref, '')
FROM core.totals
WHERE doc_id = ?
ORDER BY seq;
