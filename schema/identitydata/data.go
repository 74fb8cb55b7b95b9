// Package identitydata embeds the identity data files kept beside it: the
// department alias file (aliases.csv) and the functional-classification
// crosswalk between editions of 《政府收支分类科目》 (func_crosswalk.csv).
// Package identity parses them; the crosswalk also reaches the warehouse
// through a generated migration (see identity's TestCrosswalkMigration).
package identitydata

import _ "embed"

// AliasesCSV is aliases.csv: action,name_or_key,target,reason.
//
//go:embed aliases.csv
var AliasesCSV string

// FuncCrosswalkCSV is func_crosswalk.csv.
//
//go:embed func_crosswalk.csv
var FuncCrosswalkCSV string
