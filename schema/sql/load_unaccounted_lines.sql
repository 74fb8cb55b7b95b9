-- Disclosure.Unaccounted of one document, in order.
SELECT seq, text, COALESCE(reason, ''), COALESCE(source_ref, '')
FROM core.unaccounted_lines
WHERE doc_id = ?
ORDER BY seq;
