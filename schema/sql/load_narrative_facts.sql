-- Disclosure.Narrative of the given documents, in order.
SELECT doc_id, seq, fact, value::VARCHAR, COALESCE(unit, ''), COALESCE(text, ''), COALESCE(source_ref, '')
FROM core.narrative_facts
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, seq;
