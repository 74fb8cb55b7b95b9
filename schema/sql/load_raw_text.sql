-- The raw text kept for a quarantined document (none for others).
SELECT text FROM core.raw_text WHERE doc_id = ?;
