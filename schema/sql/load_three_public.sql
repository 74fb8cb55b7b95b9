-- Disclosure.ThreePublic of one document, in order.
SELECT seq, COALESCE(source_table, ''), item, COALESCE(label, ''), measure, amount_yuan::VARCHAR,
       COALESCE(source_ref, '')
FROM core.three_public
WHERE doc_id = ?
ORDER BY seq;
