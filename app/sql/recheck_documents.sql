-- The documents a rule re-run considers: every document, or those whose
-- doc_id starts with the parameter ('' = all), in doc_id order.
SELECT doc_id, status, COALESCE(department, ''), COALESCE(fiscal_year, 0)
FROM documents
WHERE starts_with(doc_id, ?)
ORDER BY doc_id;
