-- Disclosure.Projects of the given documents, in order; form_seq and match_score
-- are NULL for a project without a matched form.
SELECT doc_id, seq, COALESCE(source_table, ''), COALESCE(budget_unit, ''), project, amount_yuan::VARCHAR,
       form_seq, match_score, COALESCE(source_ref, '')
FROM core.projects
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, seq;
