-- Disclosure.Narrative of one document, in order.
SELECT seq, fact, value::VARCHAR, COALESCE(unit, ''), COALESCE(text, ''), COALESCE(source_ref, '')
FROM core.narrative_facts
WHERE doc_id = ?
ORDER BY seq;
