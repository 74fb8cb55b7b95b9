-- Disclosure.Tables of the given documents, in order.
SELECT doc_id, seq, kind, COALESCE(title, ''), COALESCE(number, ''), COALESCE(unit, ''), data_rows, empty,
       COALESCE(note, ''), COALESCE(source_ref, '')
FROM core.doc_tables
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, seq;
