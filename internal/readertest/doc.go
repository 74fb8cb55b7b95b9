// Package readertest is the shared test suite every source reader must pass
// (team rule 7: text, PDF and XLSX give the same facts). It renders the fact
// rows of a model.Disclosure per fact kind — every fact view's columns, with
// source refs and doc_id left out — and compares two or more readings of one
// publication kind by kind with a precise diff (Equivalent, Run). The kinds
// compared are always an explicit list: a reading that cannot carry some
// facts (a tables-only workbook has no prose) is compared on a documented
// subset, never silently skipped.
//
// It also builds the fixtures the suite runs on: a publisher-style workbook
// from any document's tables (Workbook), the text publication re-encoded as
// GBK with CRLF line ends (GBKCRLF), and the text with its tables split by
// page breaks and repeated headers (PageSplit).
//
// A new reader joins the suite with a Case in suite_test.go: a reference
// reading (an existing reader on a corpus document), the new reader's
// reading of the same publication, and the kinds they must agree on. A
// difference that is a defect not fixed yet goes into the case's Known list
// with the exact rows and the cause (Differences prints them); a known
// difference that disappears fails the test, so the list stays true.
//
// The package is imported by tests only; it never imports a reader, so the
// readers' own tests can use it (ingest/xlsx's TestRead_sameFactsAsPDF does).
package readertest
