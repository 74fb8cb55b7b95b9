-- Disclosure.Forms of the given documents, in order; project_seq and match_score
-- are NULL for a form without a matched project.
SELECT doc_id, seq, scope, COALESCE(title, ''), COALESCE(project, ''), COALESCE(department, ''),
       COALESCE(department_code, ''), COALESCE(implementer, ''), COALESCE(attribute, ''),
       COALESCE(period, ''), period_total_yuan::VARCHAR, annual_total_yuan::VARCHAR,
       COALESCE(overview, ''), COALESCE(basis, ''), COALESCE(necessity, ''), COALESCE(safeguards, ''),
       COALESCE(plan, ''), COALESCE(period_goal, ''), COALESCE(annual_goal, ''),
       project_seq, match_score, COALESCE(source_ref, '')
FROM core.perf_forms
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, seq;
