-- The output warehouse's status of every document of the attached shard.
SELECT doc_id, status FROM core.documents
WHERE doc_id IN (SELECT doc_id FROM budgetwh_shard.core.documents);
