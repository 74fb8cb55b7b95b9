-- Disclosure.Paragraphs of one document, in order.
SELECT seq, COALESCE(section, ''), text, COALESCE(source_ref, '')
FROM core.paragraphs
WHERE doc_id = ?
ORDER BY seq;
