-- The migrations recorded in the attached shard.
SELECT version, name FROM budgetwh_shard.main.schema_migrations ORDER BY version;
