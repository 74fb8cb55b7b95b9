-- Disclosure.Unaccounted of the given documents, in order.
SELECT doc_id, seq, text, COALESCE(reason, ''), COALESCE(source_ref, '')
FROM core.unaccounted_lines
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, seq;
