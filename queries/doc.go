// Package queries is the analysts' SQL library: named, documented queries
// written against the warehouse's public views (docs/warehouse-contract.md),
// embedded in the binary and extendable with a team's own directory.
//
// Each query is one .sql file whose header declares it:
//
//	-- name: three_public_trend
//	-- description: One sentence an analyst understands.
//	-- params: department_id text null, fiscal_year int null, top_n int 5
//	-- data: project_categories
//
// Parameters are typed (int, decimal, text, bool, date), converted from the
// strings a user types and bound as DuckDB named parameters ($name); they are
// never spliced into SQL text. A "data" line names a CSV file under data/
// (embedded, or DIR/data/ for --queries DIR) that Run loads into a temporary
// table of that name before the query runs, so that keyword lists and other
// analyst-maintained vocabularies stay data, not SQL.
package queries
