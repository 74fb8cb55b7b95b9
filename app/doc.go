// Package app holds the logic of the budgetwh verbs as plain functions that
// tests call without cobra. Nothing here prints except to the io.Writer it
// is given, and nothing exits.
//
// Ingest: ingest.Discover expands the paths into sources (X.partN.* files
// grouped); a bounded pool of workers (runtime.NumCPU()) reads, interprets,
// identifies and checks documents concurrently (Pipeline: ingest.Load,
// interpret.Interpret, identity.Assign, check.Document, check.Quarantine),
// at most a window of documents ahead of the writer; one writer goroutine
// stores them in input order. Identical bytes already stored are reported
// unchanged without being parsed (unless Reparse). A failing document is
// reported as "file:line: reason" and never stops the batch; a canceled
// context stops between documents and never writes a partial
// interpretation. After a run that wrote documents, the cross-document
// rules (Pipeline.Corpus, check.Corpus) run over the warehouse and their
// findings replace the stored ones.
//
// SQL runs ad-hoc queries (table, csv or json; decimals printed exactly);
// Schema prints the data dictionary; Check prints the findings view.
package app
