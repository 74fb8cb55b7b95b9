-- The parse-time findings (rule parse.*) of one document, in order: the
-- findings the interpreter made, which no rule re-run can recreate.
SELECT rule, severity, COALESCE(message, ''), COALESCE(expected, ''), COALESCE(actual, ''),
       COALESCE(source_ref, '')
FROM core.findings
WHERE doc_id = ? AND starts_with(rule, 'parse.')
ORDER BY seq;
