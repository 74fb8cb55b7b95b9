SELECT table_name, column_name, data_type
FROM information_schema.columns
WHERE table_schema = 'main' AND table_name IN (
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'main' AND table_type = 'VIEW')
ORDER BY table_name, ordinal_position;
