// Package schema owns the DuckDB warehouse: the embedded, numbered
// migrations (internal tables in the "core" schema and the public views of
// docs/warehouse-contract.md), the data dictionary, and the writer — the only
// code that writes documents into DuckDB.
//
// Migrations live in migrations/NNNN_name.sql and are applied in order, each
// in its own transaction, and recorded in schema_migrations. Number ranges:
// 0001-0099 core tables and contract views, 0100-0199 identity
// (departments, func_codes), 0200-0299 rollups.
//
// Write stores one model.Disclosure per transaction: a doc_id already stored
// is left unchanged; a new version of the same (department, fiscal year,
// kind, level) supersedes the loaded one; a disclosure with Quarantine
// reasons is stored as quarantined with its findings and raw text only.
package schema
