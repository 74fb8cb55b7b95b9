-- Project.Funds of one document's projects, project by project, in order.
SELECT project_seq, seq, measure, amount_yuan::VARCHAR
FROM core.project_funds
WHERE doc_id = ?
ORDER BY project_seq, seq;
