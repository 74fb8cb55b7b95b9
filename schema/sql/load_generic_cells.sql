-- Disclosure.Cells of one document, in order.
SELECT seq, table_seq, row_no, col_no, COALESCE(text, ''), COALESCE(source_ref, '')
FROM core.generic_cells
WHERE doc_id = ?
ORDER BY seq;
