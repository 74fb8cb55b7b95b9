-- Project.Funds of the given documents' projects, project by project, in order.
SELECT doc_id, project_seq, seq, measure, amount_yuan::VARCHAR
FROM core.project_funds
WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY doc_id, project_seq, seq;
