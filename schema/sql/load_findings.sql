-- Every stored finding of one document, in order (Warehouse.ReplaceFindings).
SELECT rule, severity, COALESCE(message, ''), COALESCE(expected, ''), COALESCE(actual, ''),
       COALESCE(source_ref, '')
FROM core.findings
WHERE doc_id = ?
ORDER BY seq;
