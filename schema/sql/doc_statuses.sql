-- Every stored document and its status (Warehouse.Statuses).
SELECT doc_id, status FROM core.documents;
