-- The identity and counts of the given stored documents (Warehouse.LoadDisclosures).
-- Lists come back as JSON text; NULL text as ''.
SELECT doc_id, to_json(source_paths)::VARCHAR, source_format, COALESCE(department, ''),
       to_json(COALESCE(department_names, []::VARCHAR[]))::VARCHAR,
       COALESCE(department_code, ''), COALESCE(department_id, ''), COALESCE(region, ''),
       COALESCE(fiscal_year, 0), COALESCE(kind, ''), COALESCE(level, ''), COALESCE(table_unit, ''),
       status, to_json(COALESCE(quarantine, []::VARCHAR[]))::VARCHAR, lines, consumed, bytes
FROM core.documents
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]));
