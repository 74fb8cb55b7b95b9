// Package bench measures ingest at scale on a synthetic corpus, in one run,
// against two baselines: DuckDB's own CSV loader reading the same facts (the
// floor), and a naive loader that parses the same way but inserts row by row
// through database/sql (what a user would otherwise write). It also measures
// an unchanged re-ingest, peak RSS and CPU use of the ingest process.
package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/budgetwh/budgetwh/app"
	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/schema"
	"github.com/budgetwh/budgetwh/synth"
)

// Options configure a benchmark run.
type Options struct {
	// Docs is the corpus size (default 10,000: ten years of departments).
	Docs int
	// Work is the folder for the corpus, warehouses and CSV files.
	Work string
	// Seed of the synthetic corpus.
	Seed uint64
	// NaiveDocs is how many documents the naive loader loads (its rate is
	// what is compared; loading all would take hours). Default 300.
	NaiveDocs int
	// Binary is the budgetwh executable run for the ingest phases (so that
	// their peak RSS and CPU are the process's own). Empty: run in-process.
	Binary string
	// Log receives progress lines.
	Log io.Writer
}

// Phase is one measurement.
type Phase struct {
	Name    string
	Docs    int
	Rows    int64
	Bytes   int64
	Elapsed time.Duration
	CPU     time.Duration // user + system, subprocess phases only
	PeakRSS int64         // bytes, subprocess phases only
}

// DocsPerSec is the phase's document rate.
func (p Phase) DocsPerSec() float64 { return float64(p.Docs) / p.Elapsed.Seconds() }

// Result is a whole run.
type Result struct {
	Options  Options
	Cores    int
	Ingest   Phase
	Reingest Phase
	CSV      Phase
	Naive    Phase
}

// Run generates the corpus (or reuses one generated with the same options)
// and measures every phase.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Docs <= 0 {
		opts.Docs = 10000
	}
	if opts.NaiveDocs <= 0 {
		opts.NaiveDocs = 300
	}
	if opts.NaiveDocs > opts.Docs {
		opts.NaiveDocs = opts.Docs
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Work == "" {
		return nil, fmt.Errorf("run benchmark: no work folder")
	}
	res := &Result{Options: opts, Cores: runtime.NumCPU()}
	corpus := filepath.Join(opts.Work, fmt.Sprintf("corpus-%d-%d", opts.Docs, opts.Seed))
	bytes, err := ensureCorpus(ctx, opts, corpus)
	if err != nil {
		return nil, err
	}
	db := filepath.Join(opts.Work, "ingest.duckdb")
	removeDB(db)
	fmt.Fprintf(opts.Log, "ingest %d documents (%.1f MB)…\n", opts.Docs, float64(bytes)/1e6)
	if res.Ingest, err = ingestPhase(ctx, opts, "ingest", db, corpus); err != nil {
		return nil, err
	}
	res.Ingest.Bytes = bytes
	fmt.Fprintf(opts.Log, "re-ingest unchanged…\n")
	if res.Reingest, err = ingestPhase(ctx, opts, "re-ingest (unchanged)", db, corpus); err != nil {
		return nil, err
	}
	fmt.Fprintf(opts.Log, "DuckDB read_csv of the same facts…\n")
	if res.CSV, err = csvPhase(ctx, opts, db); err != nil {
		return nil, err
	}
	res.Ingest.Rows = res.CSV.Rows
	res.CSV.Docs, res.CSV.Bytes = res.Ingest.Docs, bytes
	fmt.Fprintf(opts.Log, "naive loader on %d documents…\n", opts.NaiveDocs)
	if res.Naive, err = naivePhase(ctx, opts, corpus); err != nil {
		return nil, err
	}
	return res, nil
}

func ensureCorpus(ctx context.Context, opts Options, dir string) (int64, error) {
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		years := 10
		if opts.Docs < years {
			years = 1
		}
		perYear := (opts.Docs + years - 1) / years
		// a fifth of the documents are final accounts (决算): budgets of
		// `depts` departments and the final accounts of perYear − depts of
		// them, so the corpus keeps its size (10,000 = 800 departments ×
		// 10 years of budgets + 200 × 10 final accounts)
		depts := int(math.Round(float64(perYear) / 1.25))
		share := float64(perYear-depts) / float64(depts)
		to := 2024
		if _, err := synth.Generate(ctx, synth.Options{Departments: depts, YearFrom: to - years + 1, YearTo: to, Seed: opts.Seed, DefectRate: 0.02, Variants: true, FinalShare: share}, dir); err != nil {
			return 0, err
		}
	}
	var total int64
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		info, err := e.Info()
		if err == nil {
			total += info.Size()
		}
		return err
	})
	return total, err
}

func removeDB(path string) {
	for _, p := range []string{path, path + ".wal", path + ".lock"} {
		os.Remove(p)
	}
}

func ingestPhase(ctx context.Context, opts Options, name, db, corpus string) (Phase, error) {
	ph := Phase{Name: name}
	start := time.Now()
	if opts.Binary != "" {
		cmd := exec.CommandContext(ctx, opts.Binary, "ingest", "--quiet", "--db", db, corpus)
		cmd.Stdout = io.Discard
		cmd.Stderr = opts.Log
		err := cmd.Run()
		ph.Elapsed = time.Since(start)
		if err != nil {
			return ph, fmt.Errorf("run %s: %w", name, err)
		}
		ps := cmd.ProcessState
		ph.CPU = ps.UserTime() + ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			ph.PeakRSS = ru.Maxrss * 1024
		}
	} else {
		rep, err := app.Ingest(ctx, app.IngestOptions{DB: db}, []string{corpus})
		ph.Elapsed = time.Since(start)
		if err != nil {
			return ph, fmt.Errorf("run %s: %w", name, err)
		}
		_ = rep
	}
	n, err := countDocs(ctx, db)
	ph.Docs = n
	return ph, err
}

func countDocs(ctx context.Context, db string) (int, error) {
	w, err := schema.Open(ctx, db, schema.Options{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer w.Close()
	var n int
	err = w.DB().QueryRowContext(ctx, "SELECT count(*) FROM documents").Scan(&n)
	return n, err
}

// csvPhase dumps every core table of the ingested warehouse to CSV (not
// timed) and times DuckDB loading those files into a fresh, migrated
// warehouse with COPY … FROM (read_csv).
func csvPhase(ctx context.Context, opts Options, db string) (Phase, error) {
	ph := Phase{Name: "DuckDB read_csv (floor)"}
	dir := filepath.Join(opts.Work, "csv")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ph, err
	}
	src, err := schema.Open(ctx, db, schema.Options{ReadOnly: true})
	if err != nil {
		return ph, err
	}
	tables, err := coreTables(ctx, src.DB())
	if err != nil {
		src.Close()
		return ph, err
	}
	for _, t := range tables {
		// t comes from the catalog; the path is the benchmark's own folder
		if _, err := src.DB().ExecContext(ctx, fmt.Sprintf("COPY core.%s TO '%s' (HEADER true)", t, sqlString(filepath.Join(dir, t+".csv")))); err != nil {
			src.Close()
			return ph, fmt.Errorf("dump %s: %w", t, err)
		}
	}
	src.Close()
	dst := filepath.Join(opts.Work, "csv.duckdb")
	removeDB(dst)
	w, err := schema.Open(ctx, dst, schema.Options{})
	if err != nil {
		return ph, err
	}
	defer w.Close()
	start := time.Now()
	for _, t := range tables {
		if _, err := w.DB().ExecContext(ctx, fmt.Sprintf("COPY core.%s FROM '%s' (HEADER true)", t, sqlString(filepath.Join(dir, t+".csv")))); err != nil {
			return ph, fmt.Errorf("load %s: %w", t, err)
		}
	}
	ph.Elapsed = time.Since(start)
	for _, t := range tables {
		var n int64
		if err := w.DB().QueryRowContext(ctx, "SELECT count(*) FROM core."+t).Scan(&n); err != nil {
			return ph, err
		}
		ph.Rows += n
	}
	return ph, nil
}

// sqlString escapes a path for a single-quoted SQL literal: DuckDB's COPY
// takes its file name as a literal, never as a bound parameter. Table names
// come from the catalog.
func sqlString(s string) string { return strings.ReplaceAll(s, "'", "''") }

func coreTables(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'core' AND table_type = 'BASE TABLE' ORDER BY table_name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// naivePhase parses the first NaiveDocs documents exactly as ingest does,
// one after another, and inserts every row with its own INSERT.
func naivePhase(ctx context.Context, opts Options, corpus string) (Phase, error) {
	ph := Phase{Name: "naive row-by-row loader"}
	srcs, err := ingest.Discover([]string{corpus})
	if err != nil {
		return ph, err
	}
	if len(srcs) > opts.NaiveDocs {
		srcs = srcs[:opts.NaiveDocs]
	}
	dst := filepath.Join(opts.Work, "naive.duckdb")
	removeDB(dst)
	w, err := schema.Open(ctx, dst, schema.Options{})
	if err != nil {
		return ph, err
	}
	defer w.Close()
	p, err := app.DefaultPipeline("")
	if err != nil {
		return ph, err
	}
	start := time.Now()
	for _, src := range srcs {
		d, res := app.Parse(ctx, w, p, src)
		if d == nil {
			return ph, fmt.Errorf("naive loader: %s: %s", src.Name(), res.Reason)
		}
		n, err := w.WriteNaive(ctx, d)
		if err != nil {
			return ph, err
		}
		ph.Rows += int64(n) + 1 // + its documents row, as the CSV phase counts
		ph.Docs++
	}
	ph.Elapsed = time.Since(start)
	return ph, nil
}

// Report writes the measurements and their ratios.
func (r *Result) Report(w io.Writer) {
	fmt.Fprintf(w, "budgetwh bench: %d synthetic documents (seed %d), %d cores\n\n", r.Ingest.Docs, r.Options.Seed, r.Cores)
	fmt.Fprintf(w, "%-26s %8s %10s %10s %9s %9s %10s %9s\n", "phase", "docs", "rows", "seconds", "docs/s", "MB/s", "peak RSS", "CPU use")
	for _, p := range []Phase{r.Ingest, r.Reingest, r.CSV, r.Naive} {
		mbs, rss, cpu := "", "", ""
		if p.Bytes > 0 {
			mbs = fmt.Sprintf("%.2f", float64(p.Bytes)/1e6/p.Elapsed.Seconds())
		}
		if p.PeakRSS > 0 {
			rss = fmt.Sprintf("%d MiB", p.PeakRSS>>20)
		}
		if p.CPU > 0 {
			cpu = fmt.Sprintf("%.2f cores", p.CPU.Seconds()/p.Elapsed.Seconds())
		}
		rows := ""
		if p.Rows > 0 {
			rows = fmt.Sprint(p.Rows)
		}
		fmt.Fprintf(w, "%-26s %8d %10s %10.2f %9.1f %9s %10s %9s\n", p.Name, p.Docs, rows, p.Elapsed.Seconds(), p.DocsPerSec(), mbs, rss, cpu)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "ingest vs naive loader:        %.1f× faster (target ≥ 20×)\n", r.Ingest.DocsPerSec()/r.Naive.DocsPerSec())
	fmt.Fprintf(w, "ingest vs DuckDB read_csv:     %.2f× the time of the floor (target ≤ 3×)\n", r.Ingest.Elapsed.Seconds()/r.CSV.Elapsed.Seconds())
	fmt.Fprintf(w, "unchanged re-ingest:           %.1f%% of a full load (target ≤ 5%%)\n", 100*r.Reingest.Elapsed.Seconds()/r.Ingest.Elapsed.Seconds())
	if r.Ingest.PeakRSS > 0 {
		fmt.Fprintf(w, "ingest peak RSS:               %d MiB (target < 1024 MiB)\n", r.Ingest.PeakRSS>>20)
	}
	if r.Ingest.CPU > 0 {
		fmt.Fprintf(w, "ingest CPU use:                %.2f of %d cores\n", r.Ingest.CPU.Seconds()/r.Ingest.Elapsed.Seconds(), r.Cores)
	}
}
