-- Every document's wordings (view department_wordings), with what
-- identity.Explain needs to re-derive the identity.
SELECT department_id, doc_id, coalesce(fiscal_year, 0), coalesce(kind, ''), coalesce(level, ''),
       coalesce(status, ''), coalesce(department_code, ''), coalesce(region, ''), wording, source
FROM department_wordings
ORDER BY department_id, fiscal_year NULLS LAST, doc_id, source DESC, wording;
