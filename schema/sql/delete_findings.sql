-- Every stored finding of one document (Warehouse.ReplaceFindings re-inserts
-- the kept ones and the new ones in the same transaction).
DELETE FROM core.findings WHERE doc_id = ?;
