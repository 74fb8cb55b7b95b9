-- name: check_tables
-- description: how many of the rollup tables (and rollup_state) exist.
SELECT count(*)
FROM information_schema.tables
WHERE table_catalog = current_database() AND table_schema = current_schema()
  AND table_name IN ('rollup_state', 'rollup_department_year', 'rollup_region_year',
                     'rollup_three_public_year', 'rollup_indicator_year');
