package app

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/budgetwh/budgetwh/check"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema"
)

// RecheckDoc is what a rule re-run did to one document.
type RecheckDoc struct {
	DocID      string
	Department string
	FiscalYear int
	Status     string // stored status, unchanged by the re-run
	// Added and Removed are the rule findings that appeared and
	// disappeared; Findings is how many rule findings the document has now
	// and Kept how many parse-time and quarantine findings were left as
	// they were.
	Added, Removed []model.Finding
	Findings, Kept int
	// Quarantine lists the reasons check.Quarantine now gives for the
	// document. They are reported only: the status is not changed (a
	// re-ingest with --reparse would quarantine it).
	Quarantine []string
	// Load is the time spent rebuilding the Disclosure and Write comparing
	// and replacing findings (each its batch's time shared evenly), Check
	// running the rules.
	Load, Check, Write time.Duration
}

// RecheckReport is the outcome of Recheck.
type RecheckReport struct {
	Docs []RecheckDoc
	// Skipped lists the quarantined documents that matched: they store no
	// facts to check.
	Skipped []string
	// CorpusFindings is the number of cross-document findings stored after
	// the run (-1 when the run stopped before the cross-document rules).
	CorpusFindings int
}

// Added returns the number of findings added over all documents.
func (r RecheckReport) Added() int {
	n := 0
	for _, d := range r.Docs {
		n += len(d.Added)
	}
	return n
}

// Removed returns the number of findings removed over all documents.
func (r RecheckReport) Removed() int {
	n := 0
	for _, d := range r.Docs {
		n += len(d.Removed)
	}
	return n
}

// RecheckBatch is how many documents Recheck rebuilds per read (one query
// per core table for the batch): the core tables have no index on doc_id,
// so each query scans them.
const RecheckBatch = 256

// keptOnRecheck tells the findings a rule re-run leaves as they are: the
// interpreter's (parse.*), which need the source to recreate, and the
// quarantine reasons, which belong to the status the re-run does not change.
func keptOnRecheck(f model.Finding) bool {
	return strings.HasPrefix(f.Rule, schema.ParseRulePrefix) || f.Rule == ruleQuarantine
}

// ruleQuarantine is the rule id of quarantine-reason findings (check's
// policy rule and the writer's findings for reasons without one).
const ruleQuarantine = "quarantine"

// Recheck re-runs the rules over stored documents without their source
// files: every loaded or superseded document (or those whose doc_id starts
// with docPrefix) is rebuilt with Warehouse.LoadDisclosure, check.Document
// runs on it, and its rule findings are replaced in one transaction per
// document (parse.* and quarantine findings are kept); check.Quarantine
// runs too and its reasons are reported, never applied. Then the
// cross-document rules (check.Corpus) run and their findings replace the
// stored ones. Quarantined documents are skipped (they store no facts).
//
// Recheck writes: the caller holds the warehouse lock (lock.Acquire) and
// opened w for writing. A docPrefix that matches no document yields
// ErrNoDocument. On error or cancellation the report holds the documents
// done so far, each of them committed.
func Recheck(ctx context.Context, w *schema.Warehouse, docPrefix string) (RecheckReport, error) {
	rep := RecheckReport{CorpusFindings: -1}
	type docRow struct {
		id, status, dept string
		year             int
	}
	rows, err := w.DB().QueryContext(ctx, stmt("recheck_documents"), docPrefix)
	if err != nil {
		return rep, fmt.Errorf("recheck: list documents: %w", err)
	}
	var docs []docRow
	for rows.Next() {
		var d docRow
		if err := rows.Scan(&d.id, &d.status, &d.dept, &d.year); err != nil {
			rows.Close()
			return rep, fmt.Errorf("recheck: list documents: %w", err)
		}
		docs = append(docs, d)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return rep, fmt.Errorf("recheck: list documents: %w", err)
	}
	if docPrefix != "" && len(docs) == 0 {
		return rep, fmt.Errorf("recheck: %w: %s", ErrNoDocument, docPrefix)
	}
	var batch []docRow
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		defer func() { batch = batch[:0] }()
		ids := make([]string, len(batch))
		for i, doc := range batch {
			ids[i] = doc.id
		}
		t0 := time.Now()
		ds, err := w.LoadDisclosures(ctx, ids)
		if err != nil {
			return err
		}
		load := time.Since(t0) / time.Duration(len(ds))
		news := make([]schema.DocFindings, len(ds))
		quarantine := make([][]string, len(ds))
		checked := make([]time.Duration, len(ds))
		for i, d := range ds {
			if err := ctx.Err(); err != nil {
				return context.Cause(ctx)
			}
			t1 := time.Now()
			news[i].DocID = batch[i].id
			for _, f := range check.Document(d) {
				if f.Rule != ruleQuarantine { // reported as Quarantine
					news[i].Findings = append(news[i].Findings, f)
				}
			}
			quarantine[i] = check.Quarantine(d)
			checked[i] = time.Since(t1)
		}
		t2 := time.Now()
		chs, err := w.ReplaceFindingsBatch(ctx, news, keptOnRecheck)
		write := time.Since(t2) / time.Duration(len(ds))
		for i, ch := range chs { // the documents replaced before an error too
			doc := batch[i]
			rep.Docs = append(rep.Docs, RecheckDoc{
				DocID: doc.id, Department: doc.dept, FiscalYear: doc.year, Status: doc.status,
				Added: ch.Added, Removed: ch.Removed, Findings: len(news[i].Findings), Kept: ch.Kept,
				Quarantine: quarantine[i], Load: load, Check: checked[i], Write: write,
			})
		}
		return err
	}
	for _, doc := range docs {
		if doc.status == model.StatusQuarantined {
			rep.Skipped = append(rep.Skipped, doc.id)
			continue
		}
		batch = append(batch, doc)
		if len(batch) == RecheckBatch {
			if err := flush(); err != nil {
				return rep, fmt.Errorf("recheck: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return rep, fmt.Errorf("recheck: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return rep, fmt.Errorf("recheck: %w", context.Cause(ctx))
	}
	n, err := refreshCorpusFindings(ctx, w, corpusFindings)
	if err != nil {
		return rep, fmt.Errorf("recheck: %w", err)
	}
	rep.CorpusFindings = n
	return rep, nil
}

// WriteRecheckReport prints what a rule re-run changed: one line per
// document whose findings changed, each added (+) and removed (-) finding
// under it, the quarantine reasons a document would now get, and a summary
// line.
func WriteRecheckReport(w io.Writer, rep RecheckReport) error {
	var b strings.Builder
	for _, d := range rep.Docs {
		if len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Quarantine) == 0 {
			continue
		}
		fmt.Fprintf(&b, "%s %s %d: %d added, %d removed, %d rule finding(s) now\n",
			shortID(d.DocID), orDash(d.Department), d.FiscalYear, len(d.Added), len(d.Removed), d.Findings)
		for _, f := range d.Removed {
			fmt.Fprintf(&b, "  - %s\n", findingLine(f))
		}
		for _, f := range d.Added {
			fmt.Fprintf(&b, "  + %s\n", findingLine(f))
		}
		for _, q := range d.Quarantine {
			fmt.Fprintf(&b, "  ! would be quarantined (status %s kept; re-ingest with --reparse to apply): %s\n", d.Status, q)
		}
	}
	fmt.Fprintf(&b, "rechecked %d document(s): %d finding(s) added, %d removed", len(rep.Docs), rep.Added(), rep.Removed())
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(&b, "; %d quarantined document(s) skipped", len(rep.Skipped))
	}
	if rep.CorpusFindings >= 0 {
		fmt.Fprintf(&b, "; %d cross-document finding(s)", rep.CorpusFindings)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func findingLine(f model.Finding) string {
	s := f.Severity + " " + f.Rule + ": " + f.Message
	if f.SourceRef != "" {
		s += " (" + f.SourceRef + ")"
	}
	return s
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
