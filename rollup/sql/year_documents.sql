-- name: year_documents
-- description: the loaded documents of a fiscal year, the input of its fingerprint.
SELECT doc_id, parser_version, CAST(ingested_at AS VARCHAR)
FROM documents
WHERE status = 'loaded' AND fiscal_year = $1
ORDER BY doc_id;
