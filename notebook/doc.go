// Package notebook runs analyst notebooks — Markdown files with ```sql
// cells — against the warehouse and renders them as one self-contained HTML
// page: prose, result tables and inline SVG charts (no scripts, no external
// URLs, every value HTML-escaped).
//
// A cell's fence line may carry a chart spec:
//
//	```sql chart=line x=fiscal_year y=total series=department title="三公 total"
//	```sql chart=bar x=department y=project_share_pct
//	```sql chart=hist x=value_num bins=10
//
// line draws one polyline per series value (trends), bar draws horizontal
// bars (ratios, rankings), hist draws a histogram of one numeric column
// (distributions). Without chart= a cell shows its result table only.
//
// A cell may run a query of the library instead of its own SQL (its body
// then stays empty):
//
//	```sql query=three_public_trend param.kind=budget chart=line x=fiscal_year y=amount_yuan series=item
//	```
package notebook
