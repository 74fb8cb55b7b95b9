-- Disclosure.Forms of one document, in order; project_seq and match_score
-- are NULL for a form without a matched project.
SELECT seq, scope, COALESCE(title, ''), COALESCE(project, ''), COALESCE(department, ''),
       COALESCE(department_code, ''), COALESCE(implementer, ''), COALESCE(attribute, ''),
       COALESCE(period, ''), period_total_yuan::VARCHAR, annual_total_yuan::VARCHAR,
       COALESCE(overview, ''), COALESCE(basis, ''), COALESCE(necessity, ''), COALESCE(safeguards, ''),
       COALESCE(plan, ''), COALESCE(period_goal, ''), COALESCE(annual_goal, ''),
       project_seq, match_score, COALESCE(source_ref, '')
FROM core.perf_forms
WHERE doc_id = ?
ORDER BY seq;
