package schema

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	// The DuckDB driver; this package is the only writer.
	_ "github.com/duckdb/duckdb-go/v2"
)

// ErrReadOnly is returned by Write on a warehouse opened read-only.
var ErrReadOnly = errors.New("warehouse opened read-only")

// ErrNoWarehouse is returned when a warehouse opened read-only does not exist.
var ErrNoWarehouse = errors.New("warehouse does not exist (run budgetwh ingest first)")

// DefaultParserVersion is recorded in documents.parser_version when the
// caller does not set Options.ParserVersion.
const DefaultParserVersion = "dev"

// Options configure Open.
type Options struct {
	// ReadOnly opens DuckDB with access_mode=READ_ONLY: no migration, no
	// write; DuckDB itself refuses any statement that would change data.
	// Migrations the file lacks are listed in Warehouse.Pending.
	ReadOnly bool
	// ParserVersion is stored with every document written (default "dev").
	ParserVersion string
	// Now is the clock for ingested_at and applied_at (default time.Now).
	Now func() time.Time
	// MemoryLimit caps DuckDB's buffer manager (its memory_limit setting,
	// e.g. "512MB"); "" keeps DuckDB's default, 80% of the machine's RAM.
	MemoryLimit string
	// CheckpointThreshold is the WAL size at which a commit checkpoints
	// (DuckDB's checkpoint_threshold, e.g. "256MB"); "" keeps DuckDB's
	// 16MB. A bulk load checkpoints less often with a larger one: fewer
	// rewrites of the tables' last row groups (less CPU, fewer bytes
	// written, a smaller file) for more memory holding the rows not yet
	// checkpointed. Crash safety is unchanged: the WAL holds every
	// committed transaction and is replayed on the next open.
	CheckpointThreshold string
}

// config returns the DuckDB settings of opts as a DSN query ("" for none).
func (o Options) config() string {
	v := url.Values{}
	if o.ReadOnly {
		v.Set("access_mode", "READ_ONLY")
	}
	if o.MemoryLimit != "" {
		v.Set("memory_limit", o.MemoryLimit)
	}
	if o.CheckpointThreshold != "" && !o.ReadOnly {
		v.Set("checkpoint_threshold", o.CheckpointThreshold)
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// Warehouse is an open DuckDB warehouse.
type Warehouse struct {
	db       *sql.DB
	path     string
	readOnly bool
	version  string
	now      func() time.Time
	// Applied lists the migrations this Open applied (empty when up to date).
	Applied []string
	// Pending lists the migrations a read-only open found unapplied: the
	// warehouse was written by an older budgetwh, and views those
	// migrations add or change are missing or old until it is opened for
	// writing once. See CheckCurrent.
	Pending []string
}

// CheckCurrent returns an error wrapping ErrSchemaOutdated when migrations
// are pending (read-only opens only; a writable open applies them).
func (w *Warehouse) CheckCurrent() error {
	if len(w.Pending) == 0 {
		return nil
	}
	return fmt.Errorf("warehouse %s: %w: %s not applied", w.path, ErrSchemaOutdated, strings.Join(w.Pending, ", "))
}

// Open opens (creating if needed) the warehouse at path and applies pending
// migrations. An empty path or ":memory:" opens an in-memory warehouse. A new
// warehouse is built under a temporary name and linked into place once its
// migrations are committed, so a process killed while creating it never
// leaves a half-made file at path.
func Open(ctx context.Context, path string, opts Options) (*Warehouse, error) {
	var created []string
	if !opts.ReadOnly && path != "" && path != ":memory:" && !strings.ContainsRune(path, '?') {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			if created, err = create(ctx, path, opts); err != nil {
				return nil, err
			}
		}
	}
	w, err := open(ctx, path, opts)
	if err == nil && len(w.Applied) == 0 {
		w.Applied = created // applied while creating it
	}
	return w, err
}

// create builds a new warehouse at path.creating-PID, closes it (DuckDB
// checkpoints on close) and hard-links it to path, which fails rather than
// replace a warehouse another process created meanwhile (that one is then
// used). Leftovers of a killed creation are ignored by every later run.
func create(ctx context.Context, path string, opts Options) ([]string, error) {
	tmp := fmt.Sprintf("%s.creating-%d", path, os.Getpid())
	cleanup := func() {
		for _, p := range []string{tmp, tmp + ".wal"} {
			os.Remove(p)
		}
	}
	cleanup()
	w, err := open(ctx, tmp, opts)
	if err != nil {
		cleanup()
		return nil, err
	}
	applied := w.Applied
	if err := w.Close(); err != nil {
		cleanup()
		return nil, fmt.Errorf("create warehouse %s: %w", path, err)
	}
	defer cleanup()
	if _, err := os.Stat(tmp + ".wal"); err == nil {
		return nil, fmt.Errorf("create warehouse %s: the new file was not checkpointed", path)
	}
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil, nil // another process created it meanwhile: use theirs
		}
		return nil, fmt.Errorf("create warehouse %s: %w", path, err)
	}
	return applied, nil
}

func open(ctx context.Context, path string, opts Options) (*Warehouse, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ParserVersion == "" {
		opts.ParserVersion = DefaultParserVersion
	}
	if path == ":memory:" {
		path = ""
	}
	if strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("open warehouse %s: the path may not contain '?'", path)
	}
	dsn := path
	if opts.ReadOnly {
		if path == "" {
			return nil, fmt.Errorf("open warehouse: a read-only warehouse needs a file path")
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("open warehouse %s: %w", path, ErrNoWarehouse)
		}
	}
	dsn += opts.config()
	db, err := sql.Open("duckdb", dsn)
	if err != nil {
		return nil, fmt.Errorf("open warehouse %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open warehouse %s: %w", path, err)
	}
	w := &Warehouse{db: db, path: path, readOnly: opts.ReadOnly, version: opts.ParserVersion, now: opts.Now}
	ms, err := Migrations()
	if err != nil {
		db.Close()
		return nil, err
	}
	if opts.ReadOnly {
		done, err := applied(ctx, db)
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("open warehouse %s: %w (%v)", path, ErrNotWarehouse, err)
		}
		for _, m := range ms {
			if _, ok := done[m.Version]; !ok {
				w.Pending = append(w.Pending, m.Name)
			}
		}
		return w, nil
	}
	ran, err := migrate(ctx, db, ms, opts.Now)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate warehouse %s: %w", path, err)
	}
	w.Applied = ran
	return w, nil
}

// DB returns the underlying database handle (for reads: the public views).
func (w *Warehouse) DB() *sql.DB { return w.db }

// Path returns the file the warehouse was opened from ("" for in-memory).
func (w *Warehouse) Path() string { return w.path }

// ReadOnly reports whether the warehouse was opened read-only.
func (w *Warehouse) ReadOnly() bool { return w.readOnly }

// Close closes the database (DuckDB checkpoints the WAL on close).
func (w *Warehouse) Close() error {
	if err := w.db.Close(); err != nil {
		return fmt.Errorf("close warehouse: %w", err)
	}
	return nil
}
