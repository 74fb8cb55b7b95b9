package app

import (
	"context"
	"fmt"
	"time"

	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema"
)

// Group commit defaults: a transaction holds at most this many documents
// or fact rows. Committing one document at a time spent most of the
// writer's time in per-transaction work (a connection, ~15 appenders and
// their flushes, the commit's WAL sync) for ~400 rows.
const (
	defaultGroupDocs = 64
	groupRows        = 200_000
	groupWait        = 2 * time.Second
)

// DuckDB settings of an ingest (IngestOptions.warehouseOptions).
const (
	// DefaultMemoryLimit bounds DuckDB's buffer manager during an ingest.
	// DuckDB's own default is 80% of the machine's RAM, and its cache of
	// the warehouse's blocks grew with the corpus (peak RSS +25 MiB per
	// 1,000 documents); with a limit it stays flat whatever the corpus
	// size. The Go side is bounded by the parse-ahead window and
	// GOMEMLIMIT (the CLI's 512 MiB soft limit).
	DefaultMemoryLimit = "384MB"
	// ingestCheckpointThreshold lets the WAL grow to this size before a
	// commit checkpoints (DuckDB's default: 16MB). Each checkpoint
	// rewrites the last, partly filled row group of every table, so
	// fewer of them cut bytes written and CPU, and the file is smaller;
	// the rows not yet checkpointed are held in memory (within
	// MemoryLimit, spilled to a temporary file beyond it). A killed run
	// still leaves whole documents: the WAL is replayed on the next open.
	ingestCheckpointThreshold = "128MB"
)

// warehouseOptions returns the options Ingest opens the warehouse with.
// An in-memory warehouse keeps DuckDB's defaults (its data is all in
// memory: a limit would only push it to a temporary file).
func (o IngestOptions) warehouseOptions() schema.Options {
	so := schema.Options{ParserVersion: o.ParserVersion}
	if o.DB == "" || o.DB == ":memory:" {
		return so
	}
	so.MemoryLimit, so.CheckpointThreshold = o.MemoryLimit, ingestCheckpointThreshold
	if so.MemoryLimit == "" {
		so.MemoryLimit = DefaultMemoryLimit
	}
	return so
}

// groupWriter is the single writer of Ingest. It collects parsed documents
// in input order and writes them in groups, one transaction per group
// (schema.Warehouse.WriteBatch); when a group fails it rolls back and
// writes the group's documents one by one, so a bad document fails alone.
// Results are emitted in input order once their transaction committed, so
// that every emitted result is stored and a canceled or killed run leaves
// only whole documents.
type groupWriter struct {
	w       *schema.Warehouse
	opts    schema.WriteOptions
	maxDocs int
	emit    func(DocResult)

	pending []pendingDoc
	docs    int       // documents to write in pending
	rows    int       // their rows (approximate: facts)
	since   time.Time // when the first pending document arrived
}

type pendingDoc struct {
	d   *model.Disclosure // nil: nothing to write (failed, unchanged)
	res DocResult
}

func newGroupWriter(w *schema.Warehouse, opts schema.WriteOptions, maxDocs int, emit func(DocResult)) *groupWriter {
	if maxDocs <= 0 {
		maxDocs = defaultGroupDocs
	}
	if opts.Replace {
		maxDocs = 1 // replacing deletes with SQL, which cannot see buffered rows
	}
	return &groupWriter{w: w, opts: opts, maxDocs: maxDocs, emit: emit}
}

// add queues one document (d nil: a result only) and writes the group when
// it is full.
func (g *groupWriter) add(ctx context.Context, d *model.Disclosure, res DocResult) {
	if d == nil && g.docs == 0 {
		// Nothing waits for a commit before this result (an unchanged
		// re-ingest reports as it goes).
		g.pending = append(g.pending, pendingDoc{d, res})
		g.flush(ctx)
		return
	}
	if len(g.pending) == 0 {
		g.since = time.Now()
	}
	g.pending = append(g.pending, pendingDoc{d, res})
	if d != nil {
		g.docs++
		g.rows += res.Facts + len(d.Paragraphs) + len(d.Findings)
	}
	if g.docs >= g.maxDocs || g.rows >= groupRows || time.Since(g.since) >= groupWait {
		g.flush(ctx)
	}
}

// flush writes the pending documents and emits every pending result.
func (g *groupWriter) flush(ctx context.Context) {
	if len(g.pending) == 0 {
		return
	}
	var ds []*model.Disclosure
	for _, p := range g.pending {
		if p.d != nil {
			ds = append(ds, p.d)
		}
	}
	var results []schema.WriteResult
	var elapsed time.Duration
	if len(ds) > 1 {
		t0 := time.Now()
		rs, err := safeBatch(ctx, g.w, ds, g.opts)
		elapsed = time.Since(t0)
		if err == nil {
			results = rs
		}
	}
	k := 0
	for _, p := range g.pending {
		res := p.res
		if p.d != nil {
			var wr schema.WriteResult
			var err error
			if results != nil {
				wr = results[k]
				res.Write = elapsed / time.Duration(len(ds))
			} else {
				// A single document, or a failed group: one transaction each.
				t0 := time.Now()
				wr, err = safeWrite(ctx, g.w, p.d, g.opts)
				res.Write = time.Since(t0)
			}
			k++
			applyWrite(&res, wr, err)
		}
		g.emit(res)
	}
	g.pending, g.docs, g.rows = g.pending[:0], 0, 0
}

// applyWrite records the outcome of writing a document in its result.
func applyWrite(res *DocResult, wr schema.WriteResult, err error) {
	switch {
	case err != nil:
		fail(res, err)
	case wr.Status == schema.WriteUnchanged:
		res.Status, res.Existing = StatusUnchanged, wr.Existing
	default:
		res.Status, res.Existing, res.Replaced = wr.Status, wr.Existing, wr.Replaced
		res.Supersedes = wr.Superseded
		if wr.Status != schema.WriteLoaded {
			res.Facts = 0
		}
	}
}

// safeBatch is WriteBatch with a panic turned into an error.
func safeBatch(ctx context.Context, w *schema.Warehouse, ds []*model.Disclosure, o schema.WriteOptions) (res []schema.WriteResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error writing a group: %v", r)
		}
	}()
	return w.WriteBatch(ctx, ds, o)
}

// statusLookup says whether a document is stored, and its status.
type statusLookup interface {
	Status(ctx context.Context, docID string) (string, bool, error)
}

// storedSet is a snapshot of the stored documents' statuses.
type storedSet map[string]string

func (s storedSet) Status(_ context.Context, docID string) (string, bool, error) {
	st, ok := s[docID]
	return st, ok, nil
}
