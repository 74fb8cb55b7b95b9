-- Disclosure.Tables of one document, in order.
SELECT seq, kind, COALESCE(title, ''), COALESCE(number, ''), COALESCE(unit, ''), data_rows, empty,
       COALESCE(note, ''), COALESCE(source_ref, '')
FROM core.doc_tables
WHERE doc_id = ?
ORDER BY seq;
