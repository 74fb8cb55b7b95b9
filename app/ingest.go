package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/lock"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema"
)

// Per-document outcomes (DocResult.Status).
const (
	StatusLoaded      = "loaded"
	StatusUnchanged   = "unchanged"
	StatusQuarantined = "quarantined"
	StatusSuperseded  = "superseded" // a re-parsed old version (--reparse)
	StatusFailed      = "failed"
)

// ErrSomeFailed is returned by Ingest (with the report) when at least one
// document failed.
var ErrSomeFailed = errors.New("some documents failed")

// Pipeline holds the stages between reading and writing. A nil stage is
// skipped (Interpret falls back to a stub that yields no facts).
type Pipeline struct {
	// Load reads a source into blocks and computes its doc_id.
	Load func(ctx context.Context, src ingest.Source) (*ingest.Loaded, error)
	// Interpret turns blocks into a Disclosure.
	Interpret func(ctx context.Context, d *doc.Document) *model.Disclosure
	// Assign sets the department identity.
	Assign func(id *model.Identity)
	// Check returns the reconciliation findings of a disclosure.
	Check func(d *model.Disclosure) []model.Finding
	// Quarantine returns the reasons a disclosure must not load (nil: none
	// beyond those the interpreter set).
	Quarantine func(d *model.Disclosure) []string
	// Corpus runs the cross-document rules over the warehouse after a run
	// that wrote documents; its findings replace the stored ones.
	Corpus func(ctx context.Context, db *sql.DB) ([]schema.DocFinding, error)
}

// IngestOptions configure Ingest.
type IngestOptions struct {
	// DB is the warehouse file ("" or ":memory:" for an in-memory one).
	DB string
	// Warehouse, when set, is used instead of opening DB (the caller closes it).
	Warehouse *schema.Warehouse
	// Strict quarantines documents with error findings.
	Strict bool
	// Reparse re-parses documents already stored and replaces their rows
	// (for a newer parser); without it they are reported unchanged.
	Reparse bool
	// Workers parse documents concurrently (default runtime.NumCPU()).
	Workers int
	// GroupDocs is the most documents written in one transaction (group
	// commit; default 64, 1: one transaction per document). Documents are
	// reported once their transaction committed; a failing group is
	// rolled back and its documents written one by one.
	GroupDocs int
	// LockWait is how long to wait for the warehouse lock (0: fail fast).
	LockWait time.Duration
	// Command is recorded as the lock holder's command.
	Command string
	// ParserVersion is stored with every document.
	ParserVersion string
	// Logger receives per-document debug logs (default: discard).
	Logger *slog.Logger
	// OnStart, if set, is called with the number of sources found before
	// parsing starts.
	OnStart func(total int)
	// OnDocument, if set, is called from the writer goroutine with each
	// document's result, in input order, as soon as it is known (a file
	// held as possibly half of a split publication, see join.go, is
	// reported when the last file of its folder has been parsed).
	OnDocument func(DocResult)
	// StreamResults does not keep the per-document results in
	// IngestReport.Docs: they go only to OnDocument, and the report keeps
	// counts (Count, Facts, Total). Memory then stays flat however many
	// documents a run holds (the CLI streams; a library caller that wants
	// the list leaves it false).
	StreamResults bool
	// Aliases is a user alias file merged over the shipped one (--aliases).
	Aliases string
	// Pipeline overrides the stages (nil: DefaultPipeline(Aliases)).
	Pipeline *Pipeline
	// MemoryLimit caps DuckDB's memory during the run (its memory_limit,
	// e.g. "512MB"; "" : DefaultMemoryLimit). Not used with Warehouse.
	MemoryLimit string
	// Shard, when set, keeps only the sources of shard K of N, chosen by
	// content hash (see Shard); the others are counted in
	// IngestReport.OtherShards.
	Shard Shard
}

// DocResult is the outcome of one document.
type DocResult struct {
	Path        string   // first file of the source
	Paths       []string // all files
	DocID       string
	Status      string // loaded, unchanged, quarantined, failed
	Existing    string // stored status of an unchanged or re-parsed document
	Replaced    bool   // a stored document was re-parsed and replaced
	Supersedes  []string
	Department  string
	FiscalYear  int
	Kind        string
	Level       string
	Tables      int
	Facts       int
	Lines       int
	Unaccounted int
	Findings    map[string]int // by severity
	Quarantine  []string
	// Parse is the time spent reading, interpreting and checking; Write the
	// time of the document's transaction.
	Parse, Write time.Duration
	// Err is set for a failed document; Reason is it as "file:line: reason"
	// (or "file: reason" when no line is known).
	Err    error
	Reason string
	// Sources is how many discovered sources the result stands for: 2 for
	// the two files of a joined split publication (join.go), else 0 or 1.
	Sources int
}

// IngestReport is the outcome of a run.
type IngestReport struct {
	// Docs holds every document's result in report order, unless
	// IngestOptions.StreamResults is set.
	Docs []DocResult
	// counts by status, facts loaded and documents reported, kept as the
	// results arrive (also when Docs is not kept); nil for a report built
	// by hand, whose Count and Facts then read Docs.
	counts map[string]int
	facts  int
	total  int
	// OtherShards is the number of sources skipped as other shards' (Shard),
	// including a tables file of this shard joined with a narrative file of
	// another shard, which that shard writes (join.go). Every discovered
	// source is counted once per shard: here, or in a result (its Sources).
	OtherShards int
	// CorpusFindings is the number of cross-document findings stored after
	// the run (-1 when the rules did not run).
	CorpusFindings int
	Canceled       bool // the run stopped early (context canceled); Docs holds what was done
	Elapsed        time.Duration
}

// Count returns how many documents have the given status.
func (r IngestReport) Count(status string) int {
	if r.counts != nil {
		return r.counts[status]
	}
	n := 0
	for _, d := range r.Docs {
		if d.Status == status {
			n++
		}
	}
	return n
}

// Facts returns the fact rows loaded by the run.
func (r IngestReport) Facts() int {
	if r.counts != nil {
		return r.facts
	}
	n := 0
	for _, d := range r.Docs {
		if d.Status == StatusLoaded {
			n += d.Facts
		}
	}
	return n
}

// Total returns how many documents the run reported.
func (r IngestReport) Total() int {
	if r.counts != nil {
		return r.total
	}
	return len(r.Docs)
}

// record counts one result and keeps it unless the run streams.
func (r *IngestReport) record(res DocResult, keep bool) {
	if r.counts == nil {
		r.counts = map[string]int{}
	}
	r.counts[res.Status]++
	r.total++
	if res.Status == StatusLoaded {
		r.facts += res.Facts
	}
	if keep {
		r.Docs = append(r.Docs, res)
	}
}

// Ingest discovers the sources under paths, parses them concurrently, and
// writes them in input order through one writer, in groups of documents
// per transaction (IngestOptions.GroupDocs; every document is stored whole
// or not at all, and reported once stored). A failing document is reported
// and never stops the batch; canceling ctx stops between documents after
// writing the group in hand. The error is ErrSomeFailed when
// documents failed, or the reason the run could not start or finish (the
// report then holds the documents done so far).
func Ingest(ctx context.Context, opts IngestOptions, paths []string) (IngestReport, error) {
	start := time.Now()
	var rep IngestReport
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	var p Pipeline
	if opts.Pipeline != nil {
		p = *opts.Pipeline
	} else {
		var err error
		if p, err = DefaultPipeline(opts.Aliases); err != nil {
			return rep, fmt.Errorf("ingest: %w", err)
		}
	}
	if p.Load == nil {
		p.Load = ingest.Load
	}
	if p.Interpret == nil {
		p.Interpret = interpret.Interpret
	}
	srcs, err := ingest.Discover(paths)
	if err != nil {
		return rep, err
	}
	var others map[string][]ingest.Source // other shards' single files, by folder (join.go)
	if srcs, others, rep.OtherShards, err = opts.Shard.split(ctx, srcs, opts.Workers); err != nil {
		return rep, fmt.Errorf("ingest: %w", err)
	}
	w := opts.Warehouse
	if w == nil {
		if opts.DB != "" && opts.DB != ":memory:" {
			lk, err := lock.Acquire(ctx, opts.DB, lock.Options{Wait: opts.LockWait, Command: opts.Command})
			if err != nil {
				return rep, fmt.Errorf("ingest: %w", err)
			}
			defer lk.Close()
		}
		w, err = schema.Open(ctx, opts.DB, opts.warehouseOptions())
		if err != nil {
			return rep, fmt.Errorf("ingest: %w", err)
		}
		defer w.Close()
	}
	// The stored documents, read once: an unchanged document is then
	// skipped without a query (the writer checks again in its transaction).
	var lookup statusLookup = w
	if !opts.Reparse {
		st, err := w.Statuses(ctx)
		if err != nil {
			return rep, fmt.Errorf("ingest: %w", err)
		}
		lookup = storedSet(st)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	// Split publications not named *.partN.* are joined after parsing (join.go).
	jn, srcs, err := newJoiner(ctx, w, srcs, others, lookup, p, opts.Strict, opts.Reparse, workers)
	if err != nil {
		return rep, fmt.Errorf("ingest: %w", err)
	}
	if opts.OnStart != nil {
		opts.OnStart(len(srcs))
	}

	type parsed struct {
		d   *model.Disclosure
		res DocResult
	}
	gw := newGroupWriter(w, schema.WriteOptions{Replace: opts.Reparse}, opts.GroupDocs, func(res DocResult) {
		log.Debug("document", "path", res.Path, "status", res.Status, "doc_id", res.DocID, "facts", res.Facts,
			"parse", res.Parse, "write", res.Write)
		rep.record(res, !opts.StreamResults)
		if opts.OnDocument != nil {
			opts.OnDocument(res)
		}
	})
	// At most window documents are parsed ahead of the writer. The window
	// holds a whole group beyond the workers' share, so that the parsers
	// keep working while the writer commits the group it collected
	// (with 2 × workers they stalled for the whole write). Memory: at most
	// window parsed documents wait here, plus the group being written.
	window := gw.maxDocs + 2*workers
	tokens := make(chan struct{}, window)
	// One slot per document in flight, reused round the ring: source i is
	// dispatched only while fewer than window documents are unwritten, so
	// slot i%window was read by the writer before i is parsed (memory does
	// not grow with the number of sources).
	slots := make([]chan parsed, window)
	for i := range slots {
		slots[i] = make(chan parsed, 1)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // dispatcher
		defer wg.Done()
		defer close(jobs)
		for i := range srcs {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				d, res := parseOne(ctx, lookup, p, opts.Strict, opts.Reparse, srcs[i])
				slots[i%window] <- parsed{d, res}
			}
		}()
	}
	defer wg.Wait()

	// The writer: input order, documents grouped into transactions
	// (groupWriter). A write is not interrupted by cancellation (it is
	// short and atomic anyway); the loop stops before the next document and
	// writes the group it holds.
	wctx := context.WithoutCancel(ctx)
	for i := range srcs {
		var pr parsed
		select {
		case pr = <-slots[i%window]:
		case <-ctx.Done():
			rep.Canceled = true
		}
		if rep.Canceled {
			break
		}
		if (pr.d == nil && pr.res.Status == "") || (pr.d != nil && ctx.Err() != nil) {
			// Parsing was cut short by cancellation: not a document failure,
			// and a possibly partial interpretation is never written.
			rep.Canceled = true
			break
		}
		if !jn.add(ctx, wctx, gw, i, pr.d, pr.res) {
			rep.Canceled = true
			break
		}
		<-tokens
	}
	if !rep.Canceled && !jn.finish(ctx, wctx, gw) {
		rep.Canceled = true
	}
	rep.OtherShards += jn.joinedElsewhere()
	gw.flush(wctx)
	rep.CorpusFindings = -1
	// The cross-document rules run after every complete run, even one that
	// wrote nothing: a run killed between its last document and this step
	// must converge on the next (all-unchanged) run.
	if !rep.Canceled && p.Corpus != nil {
		n, err := refreshCorpusFindings(wctx, w, p.Corpus)
		if err != nil {
			rep.Elapsed = time.Since(start)
			return rep, fmt.Errorf("ingest: %w", err)
		}
		rep.CorpusFindings = n
	}
	rep.Elapsed = time.Since(start)
	if rep.Canceled {
		return rep, fmt.Errorf("ingest: %w", context.Cause(ctx))
	}
	if rep.Count(StatusFailed) > 0 {
		return rep, ErrSomeFailed
	}
	return rep, nil
}

// safeWrite writes one document, turning a panic into an error so that one
// document never stops the batch.
func safeWrite(ctx context.Context, w *schema.Warehouse, d *model.Disclosure, o schema.WriteOptions) (res schema.WriteResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error writing the document: %v", r)
		}
	}()
	return w.WriteWith(ctx, d, o)
}

// parseOne reads, interprets, identifies and checks one source. It returns
// a nil disclosure when nothing is to be written (failed, unchanged or
// canceled; res.Status says which, "" for canceled).
func parseOne(ctx context.Context, w statusLookup, p Pipeline, strict, reparse bool, src ingest.Source) (d *model.Disclosure, res DocResult) {
	res = DocResult{Path: src.Name(), Paths: src.Paths(), Findings: map[string]int{}}
	start := time.Now()
	defer func() {
		res.Parse = time.Since(start)
		if r := recover(); r != nil {
			d = nil
			fail(&res, fmt.Errorf("internal error: %v", r))
		}
	}()
	if ctx.Err() != nil {
		return nil, res
	}
	// Identical bytes already stored: skip the parse entirely.
	if id, err := ingest.DocID(src); err == nil && !reparse {
		if st, ok, err := w.Status(ctx, id); err == nil && ok {
			res.DocID, res.Status, res.Existing = id, StatusUnchanged, st
			return nil, res
		}
	}
	l, err := p.Load(ctx, src)
	if err != nil {
		if ctx.Err() != nil {
			return nil, res
		}
		fail(&res, err)
		return nil, res
	}
	res.DocID = l.DocID
	d = p.Interpret(ctx, l.Doc)
	if ctx.Err() != nil {
		return nil, res // canceled: the interpretation may be partial
	}
	if d == nil {
		fail(&res, errors.New("interpreter returned nothing"))
		return nil, res
	}
	id := &d.Identity
	id.DocID = l.DocID
	id.SourcePaths = src.Paths()
	if id.SourceFormat == "" {
		id.SourceFormat = l.Doc.Format
	}
	if id.Bytes == 0 {
		id.Bytes = l.Doc.Bytes
	}
	if d.Lines == 0 {
		d.Lines = l.Doc.Lines
	}
	if d.Raw == "" {
		d.Raw = l.Doc.Raw
	}
	if p.Assign != nil {
		p.Assign(id)
	}
	if p.Check != nil {
		d.Findings = append(d.Findings, p.Check(d)...)
	}
	if p.Quarantine != nil {
		d.Quarantine = p.Quarantine(d)
	}
	if strict && len(d.Quarantine) == 0 {
		if n := countSeverity(d.Findings, model.SeverityError); n > 0 {
			d.Quarantine = append(d.Quarantine, fmt.Sprintf("strict: %d error finding(s)", n))
		}
	}
	res.Department, res.FiscalYear, res.Kind, res.Level = id.Department, id.FiscalYear, id.Kind, id.Level
	res.Tables, res.Facts, res.Lines, res.Unaccounted = len(d.Tables), d.Facts(), d.Lines, len(d.Unaccounted)
	res.Quarantine = d.Quarantine
	for _, f := range d.Findings {
		res.Findings[f.Severity]++
	}
	if len(d.Quarantine) > 0 {
		// Reasons without a finding are added as error findings by the writer.
		for _, q := range d.Quarantine {
			if !mentioned(d.Findings, q) {
				res.Findings[model.SeverityError]++
			}
		}
	}
	return d, res
}

func mentioned(fs []model.Finding, reason string) bool {
	for _, f := range fs {
		if strings.Contains(f.Message, reason) {
			return true
		}
	}
	return false
}

func countSeverity(fs []model.Finding, sev string) int {
	n := 0
	for _, f := range fs {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

var lineRef = regexp.MustCompile(`^line (\d+)$`)

// fail marks res failed with err, formatting the reason as file:line: msg
// where the error carries a source_ref.
func fail(res *DocResult, err error) {
	res.Status, res.Err = StatusFailed, err
	var re *schema.RowError
	if errors.As(err, &re) && re.SourceRef != "" {
		if m := lineRef.FindStringSubmatch(re.SourceRef); m != nil {
			res.Reason = fmt.Sprintf("%s:%s: %v", res.Path, m[1], re.Err)
			return
		}
		res.Reason = fmt.Sprintf("%s: %s: %v", res.Path, re.SourceRef, re.Err)
		return
	}
	msg := err.Error()
	// "read text /x/a.txt: unknown text encoding" → "/x/a.txt: unknown text encoding",
	// naming the part the error is about.
	for _, p := range res.Paths {
		for _, name := range []string{p, filepath.Base(p)} {
			if i := strings.Index(msg, name+": "); i >= 0 {
				res.Reason = fmt.Sprintf("%s: %s", p, msg[i+len(name)+2:])
				return
			}
		}
	}
	res.Reason = fmt.Sprintf("%s: %s", res.Path, msg)
}

// SeverityCounts renders finding counts as "2 error, 1 warning".
func SeverityCounts(m map[string]int) string {
	if len(m) == 0 {
		return "0"
	}
	order := map[string]int{model.SeverityError: 0, model.SeverityWarning: 1, model.SeverityInfo: 2}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		oi, ok := order[keys[i]]
		if !ok {
			oi = 9
		}
		oj, ok := order[keys[j]]
		if !ok {
			oj = 9
		}
		if oi != oj {
			return oi < oj
		}
		return keys[i] < keys[j]
	})
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d %s", m[k], k))
	}
	return strings.Join(parts, ", ")
}
