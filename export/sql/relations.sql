-- name: relations
-- description: tables and views of the current schema (the export keeps only
-- the public view names of the warehouse contract).
SELECT table_name
FROM information_schema.tables
WHERE table_catalog = current_database() AND table_schema = current_schema()
ORDER BY table_name;
