package app

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/budgetwh/budgetwh/lock"
	"github.com/budgetwh/budgetwh/schema"
)

// MergeOptions configure Merge.
type MergeOptions struct {
	// DB is the output warehouse file (created when missing).
	DB string
	// LockWait is how long to wait for the output warehouse's lock.
	LockWait time.Duration
	// Command is recorded as the lock holder's command.
	Command string
	// Logger receives per-shard debug logs (default: discard).
	Logger *slog.Logger
	// OnShard, if set, is called with each shard's result as soon as it is
	// known.
	OnShard func(ShardResult)
	// Corpus runs the cross-document rules over the merged warehouse (as
	// ingest does after a run that wrote documents); nil: the built-in
	// rules (check.Corpus).
	Corpus func(ctx context.Context, db *sql.DB) ([]schema.DocFinding, error)
}

// ShardResult is the outcome of one shard warehouse.
type ShardResult struct {
	schema.MergeResult
	Elapsed time.Duration
	Err     error // the shard could not be merged (nothing of it was copied)
}

// MergeReport is the outcome of Merge.
type MergeReport struct {
	Shards []ShardResult
	// CorpusFindings is the number of cross-document findings stored after
	// the merge (-1 when the rules did not run: the merge was canceled).
	CorpusFindings int
	Elapsed        time.Duration
}

// Copied returns the number of documents copied from all shards.
func (r MergeReport) Copied() int {
	n := 0
	for _, s := range r.Shards {
		n += s.Copied
	}
	return n
}

// Count returns how many shard documents have the given status (loaded,
// superseded, quarantined, unchanged) after the merge.
func (r MergeReport) Count(status string) int {
	n := 0
	for _, s := range r.Shards {
		n += s.MergeResult.Count(status)
	}
	return n
}

// Merge unions the shard warehouses into the warehouse opts.DB (see
// schema.Warehouse.MergeShard: each shard in one transaction, documents
// already present unchanged, versions superseded as ingest does), holding
// its lock throughout, and then recomputes the cross-document findings.
// Merging is idempotent and the result does not depend on the order of
// shards. A shard that cannot be merged is reported and does not stop the
// others; the error is then ErrSomeFailed.
func Merge(ctx context.Context, opts MergeOptions, shards []string) (MergeReport, error) {
	start := time.Now()
	rep := MergeReport{CorpusFindings: -1}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.DB == "" || opts.DB == ":memory:" {
		return rep, fmt.Errorf("merge: the output warehouse must be a file")
	}
	if len(shards) == 0 {
		return rep, fmt.Errorf("merge: no shard warehouse given")
	}
	corpus := opts.Corpus
	if corpus == nil {
		corpus = corpusFindings
	}
	lk, err := lock.Acquire(ctx, opts.DB, lock.Options{Wait: opts.LockWait, Command: opts.Command})
	if err != nil {
		return rep, fmt.Errorf("merge: %w", err)
	}
	defer lk.Close()
	w, err := schema.Open(ctx, opts.DB, schema.Options{})
	if err != nil {
		return rep, fmt.Errorf("merge: %w", err)
	}
	defer w.Close()
	failed := 0
	for _, path := range shards {
		if err := ctx.Err(); err != nil {
			rep.Elapsed = time.Since(start)
			return rep, fmt.Errorf("merge: %w", context.Cause(ctx))
		}
		t0 := time.Now()
		mr, err := w.MergeShard(ctx, path)
		sr := ShardResult{MergeResult: mr, Elapsed: time.Since(t0), Err: err}
		if err != nil {
			failed++
			sr.MergeResult = schema.MergeResult{Shard: path}
		}
		log.Debug("shard", "path", path, "copied", sr.Copied, "rows", sr.Rows, "elapsed", sr.Elapsed, "err", err)
		rep.Shards = append(rep.Shards, sr)
		if opts.OnShard != nil {
			opts.OnShard(sr)
		}
	}
	// The cross-document rules run after every merge, even one that copied
	// nothing: a merge killed between its last shard and this step
	// converges on the next run (as ingest does).
	if ctx.Err() == nil {
		wctx := context.WithoutCancel(ctx)
		n, err := refreshCorpusFindings(wctx, w, corpus)
		if err != nil {
			rep.Elapsed = time.Since(start)
			return rep, fmt.Errorf("merge: %w", err)
		}
		rep.CorpusFindings = n
	}
	rep.Elapsed = time.Since(start)
	if failed > 0 {
		return rep, ErrSomeFailed
	}
	return rep, nil
}
