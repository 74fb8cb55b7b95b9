-- Disclosure.Paragraphs of the given documents, in order.
SELECT doc_id, seq, COALESCE(section, ''), text, COALESCE(source_ref, '')
FROM core.paragraphs
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, seq;
