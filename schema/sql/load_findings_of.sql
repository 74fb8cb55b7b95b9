-- Every stored finding of the given documents, document by document, in
-- order (Warehouse.ReplaceFindingsBatch compares them before writing).
SELECT doc_id, rule, severity, COALESCE(message, ''), COALESCE(expected, ''), COALESCE(actual, ''),
       COALESCE(source_ref, '')
FROM core.findings
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, seq;
