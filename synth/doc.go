// Package synth generates a deterministic, internally consistent synthetic
// corpus of budget publications in the extracted-text dialect (the layout of
// the Shanxi corpus file), with format variants (元 and 万元 tables, GBK,
// CRLF, other table-numbering styles, tables split across pages) and a
// manifest holding the ground-truth facts of every document and the defects
// injected into some of them at a known rate.
//
// Documents are generated one at a time and written straight to disk, so a
// corpus of any size is produced in constant memory (only the manifest, a few
// hundred bytes per document, is kept).
package synth
