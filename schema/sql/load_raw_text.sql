-- The raw text kept for the given documents that are quarantined.
SELECT doc_id, text FROM core.raw_text WHERE doc_id IN (SELECT unnest(?::VARCHAR[]));
