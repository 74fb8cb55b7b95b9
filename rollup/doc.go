// Package rollup materialises yearly summary tables from the public views
// of the warehouse: rollup_department_year, rollup_region_year,
// rollup_three_public_year and rollup_indicator_year (created by migration
// schema/migrations/0200_rollup_tables.sql).
//
// A run is idempotent. For each fiscal year it fingerprints its inputs (the
// loaded documents of the year: doc_id, parser_version, ingested_at, plus
// the rollup version) and compares the fingerprint with rollup_state: when
// it is unchanged the year is reported "unchanged" and nothing is written;
// otherwise the year's rows of every rollup table are replaced, and its
// rollup_state row updated (generation + 1), in one transaction. Documents
// of another year never touch a year's rows.
//
// The package works on a *sql.DB opened read-write; the caller holds the
// warehouse lock (package lock) for the duration of Run.
package rollup
