-- Every superseded document with the document that superseded it (same
-- version key), and both documents' identity fields, for the
-- ingest.superseded_other_name rule (identity.SupersedeConflicts).
SELECT n.doc_id, coalesce(n.department_id, ''), coalesce(n.department, ''), to_json(coalesce(n.department_names, []::VARCHAR[]))::VARCHAR,
       coalesce(n.department_code, ''), coalesce(n.region, ''), coalesce(n.fiscal_year, 0), coalesce(n.kind, ''),
       o.doc_id, coalesce(o.department, ''), to_json(coalesce(o.department_names, []::VARCHAR[]))::VARCHAR,
       coalesce(o.department_code, ''), coalesce(o.region, '')
FROM core.documents o
JOIN core.documents n ON n.doc_id = o.superseded_by AND n.version_key = o.version_key
WHERE o.status = 'superseded'
ORDER BY n.doc_id, o.doc_id;
