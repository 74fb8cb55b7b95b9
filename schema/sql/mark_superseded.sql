UPDATE core.documents SET status = 'superseded', superseded_by = ? WHERE doc_id = ?;
