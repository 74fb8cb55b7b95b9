// Package synth generates a deterministic, internally consistent synthetic
// corpus of budget publications in the extracted-text dialect (the layout of
// the Shanxi corpus file), with format variants (元 and 万元 tables, GBK,
// CRLF, other table-numbering styles, tables split across pages) and a
// manifest holding the ground-truth facts of every document and the defects
// injected into some of them at a known rate.
//
// Two kinds of publication are generated: budgets (部门预算, kind budget) for
// every department and year, and, for a share of the departments
// (Options.FinalShare), final accounts (部门决算, kind final_account) of every
// year, modelled on the Shanghai 决算 template of the real corpus: nine
// tables with 年初/年末结转和结余, 决算数 against the year's budget, and the
// 决算 narrative. A final account's 年初结转和结余 is the previous year's
// 年末结转和结余. See final.go.
//
// Documents are generated one at a time and written straight to disk, so a
// corpus of any size is produced in constant memory (only the manifest, a few
// hundred bytes per document, is kept).
package synth
