-- Disclosure.Cells of the given documents, in order.
SELECT doc_id, seq, table_seq, row_no, col_no, COALESCE(text, ''), COALESCE(source_ref, '')
FROM core.generic_cells
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, seq;
