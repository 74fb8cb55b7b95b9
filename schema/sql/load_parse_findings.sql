-- The parse-time findings (rule parse.*) of the given documents, in order: the
-- findings the interpreter made, which no rule re-run can recreate.
SELECT doc_id, rule, severity, COALESCE(message, ''), COALESCE(expected, ''), COALESCE(actual, ''),
       COALESCE(source_ref, '')
FROM core.findings
WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) AND starts_with(rule, 'parse.')
ORDER BY doc_id, seq;
