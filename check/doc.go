// Package check reconciles one Disclosure against the identities a correct
// publication satisfies (domain.md, "Identities a correct publication
// satisfies") and decides whether a document must be quarantined.
//
// Every rule is a value (Rule) with a stable id, a severity, the identity it
// checks and its tolerance; the rules are grouped one file per family
// (summary, func, econ, three_public, projects, forms, prose). Rules are pure
// functions of the Disclosure: they never do I/O, never print and never
// return errors. Arithmetic is exact decimal arithmetic in yuan with an
// explicit tolerance per rule: a published figure is rounded to 0.01 of its
// table's unit, so a sum of n printed terms may be off by n × 0.01 unit
// (100 yuan per term for a table in 万元); percentages are compared against
// the interval that the printed rounding of their operands allows.
//
// Rules fail closed: when the table unit is unknown, or the facts a rule
// needs are absent, the rule emits an info finding whose message ends in
// "insufficient data" instead of guessing.
//
// What the rules read (the conventions of ingest/interpret):
//   - Totals: the summary table's keys (income_total, expenditure_total,
//     grand_*_total, income-source keys, personnel/public); the 合计 row of a
//     coded table as a Total with that table's SourceTable and key
//     table_total (or expenditure_total / income_total), one per measure,
//     or as a FuncAmount with an empty Code.
//   - FuncAmounts keyed by 3/5/7-digit codes with a measure per column.
//   - EconAmounts (the department scheme where printed); the 合计 row of the
//     economic table as an EconAmount with an empty Code named 合计, or as
//     Totals of that table (table_total per measure, personnel, public).
//   - ThreePublic items (outbound, reception, vehicle_total, vehicle_purchase,
//     vehicle_operation, total, meeting, training, total_with_meeting_training).
//   - Projects with their Form index (-1 when no form) and match score, and
//     PerfForms with their indicators (成本指标 under Level1/Level2).
//   - Prose: the text of Paragraphs and NarrativeFacts, scanned by the small
//     sentence parsers in prosescan.go.
//
// Tables are identified by their SourceTable kind and, where the kind is not
// one of the registry's known words, by the words of their published title
// (see tables.go).
package check
