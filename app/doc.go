// Package app holds the logic of the budgetwh verbs as plain functions that
// tests call without cobra: Ingest (discover → concurrent parse → single
// writer, one transaction per document), SQL (ad-hoc queries in table, csv
// or json), Schema (the data dictionary) and Check (the findings view).
// Nothing here prints except to the io.Writer it is given, and nothing exits.
package app
