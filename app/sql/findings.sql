-- Findings of every document, or of the documents whose doc_id starts with
-- the parameter ('' = all), errors first.
SELECT doc_id, department, fiscal_year, status, rule, severity, message, expected, actual, source_ref
FROM findings
WHERE starts_with(doc_id, ?)
ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
         department, fiscal_year, doc_id, rule, source_ref;
