-- Attach a shard warehouse read-only for Warehouse.MergeShard. DuckDB does
-- not accept a bound parameter for the ATTACH path, so the Go code replaces
-- {{path}} with the path as a SQL string literal body (single quotes doubled,
-- NUL refused; see quoteLiteral). The alias is fixed.
ATTACH '{{path}}' AS budgetwh_shard (READ_ONLY);
