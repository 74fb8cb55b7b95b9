-- Disclosure.ThreePublic of the given documents, in order.
SELECT doc_id, seq, COALESCE(source_table, ''), item, COALESCE(label, ''), measure, amount_yuan::VARCHAR,
       COALESCE(source_ref, '')
FROM core.three_public
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, seq;
