// Package export writes the public views of the warehouse (the contract of
// docs/warehouse-contract.md) to files for researchers and analysts:
//
//   - Parquet (arrow-go pqarrow, ZSTD; DECIMAL columns keep the DECIMAL
//     logical type, dates and timestamps keep theirs, lists and structs
//     stay nested; the DuckDB type names are parsed by parseDBType), optionally in
//     Hive-style partitions such as fiscal_year=2024/department=…/part-0.parquet;
//   - CSV (UTF-8, with a byte-order mark by default so that Excel shows
//     Chinese text correctly);
//   - XLSX (excelize; one sheet per view, bold frozen header row, amounts as
//     numbers with two decimals, sheets split past Excel's row limit).
//
// Every export carries _manifest.json (tool version, each view's schema, row
// counts, source doc_ids, the sha256 of every file). Writing is atomic: the
// files are written and fsynced in a temporary directory beside the output
// directory, which is then swapped into place; a previous export is removed
// only after the new one is in place. Partition values come from document
// text, so they are percent-encoded (see EncodePartitionValue) and can never
// name a path outside the output directory; output paths that resolve into
// the warehouse file, or that are not a previous export, are refused.
//
// The package reads the views through a *sql.DB and never writes the
// warehouse; the caller holds the warehouse lock (package lock).
package export
