// Package resultfmt renders a query result — a column list and rows of
// values as database/sql scans them from DuckDB — as an aligned text table,
// CSV or JSON. It is the one formatter behind `budgetwh sql`, `budgetwh
// check` (package app) and `budgetwh query run` (package queries).
//
// The two callers print some things differently (how numbers are detected
// for alignment, how times are written, the JSON layout, …); each difference
// is one field of Options, so that each caller keeps its output byte for
// byte. Amounts are never converted to float: DuckDB decimals are written
// with every digit of their scale (DecimalText), in JSON as numbers.
package resultfmt
