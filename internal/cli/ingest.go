package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/budgetwh/budgetwh/app"
	"github.com/budgetwh/budgetwh/lock"
	"github.com/budgetwh/budgetwh/progress"
)

func init() { register("ingest", newIngestCmd) }

func newIngestCmd(env *Env) *cobra.Command {
	var (
		strict  bool
		reparse bool
		workers int
		wait    time.Duration
		aliases string
		shard   string
		cpuprof string
		memory  string
	)
	cmd := &cobra.Command{
		Use:   "ingest [--db FILE] [--strict] PATH...",
		Short: "Load publications (files or folders of .txt/.md/.pdf/.xlsx) into the warehouse",
		Long: `Load publications into the warehouse. Documents are written in groups
(up to 64 per transaction); each document is stored whole or not at all, and
its line is printed once it is stored.

Each document is reported on one line: status (loaded, unchanged,
quarantined, failed), path, department, year, kind, tables recognised, fact
rows, unaccounted lines and findings. Failed documents are listed on stderr
as file:line: reason. Quarantined documents (stored with their findings,
contributing no facts) do not fail the run unless --strict is given. Exit
code 0 when no document failed, 1 when some did, 2 for usage errors, 3 when
the warehouse is locked by another run, 130 when interrupted.`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			out, errw := cmd.OutOrStdout(), cmd.ErrOrStderr()
			sh, err := parseShardFlag(shard)
			if err != nil {
				return err
			}
			tuneGCForBulk()
			stopProfile, err := startCPUProfile(cpuprof)
			if err != nil {
				return err
			}
			defer stopProfile()
			// A progress bar on stderr when it is a terminal (no-op otherwise);
			// document lines clear it before printing.
			var bar progress.Bar = nopBar{}
			// The failed (and, with --strict, quarantined) documents, said
			// again on stderr after the run; the results themselves are
			// streamed, not kept.
			var problems []string
			showBar := !env.Quiet && progress.IsTerminal(errw)
			opts := app.IngestOptions{
				DB:            env.DB,
				Strict:        strict,
				Reparse:       reparse,
				Workers:       workers,
				LockWait:      wait,
				Aliases:       aliases,
				Shard:         sh,
				MemoryLimit:   memory,
				Command:       "ingest " + strings.Join(args, " "),
				ParserVersion: app.Version(),
				Logger:        env.Logger,
				OnStart: func(n int) {
					bar = progress.New(errw, n, "ingest", !showBar)
				},
				StreamResults: true,
				OnDocument: func(r app.DocResult) {
					switch {
					case r.Status == app.StatusFailed:
						problems = append(problems, r.Reason)
					case strict && r.Status == app.StatusQuarantined:
						// --strict fails quarantined documents: say which and why.
						problems = append(problems, fmt.Sprintf("%s: quarantined: %s", r.Path, strings.Join(r.Quarantine, "; ")))
					}
					if showBar {
						fmt.Fprint(errw, "\r\x1b[K")
					}
					printDoc(out, r)
					bar.Add(max(1, r.Sources)) // a joined pair was two sources
				},
			}
			rep, err := app.Ingest(cmd.Context(), opts, args)
			bar.Finish()
			for _, p := range problems {
				fmt.Fprintln(errw, p)
			}
			if rep.Total() > 0 || err == nil || errors.Is(err, app.ErrSomeFailed) {
				printSummary(out, rep, env.DB)
				printShardSkipped(out, rep, sh)
			}
			switch {
			case err == nil && strict && rep.Count(app.StatusQuarantined) > 0:
				// --strict: a quarantined document counts as failed.
				return ErrPartial
			case err == nil:
				return nil
			case errors.Is(err, app.ErrSomeFailed):
				return ErrPartial
			case errors.Is(err, lock.ErrLocked):
				return asLocked(err)
			}
			return err
		},
	}
	f := cmd.Flags()
	f.BoolVar(&strict, "strict", false, "quarantine documents that have error findings")
	f.BoolVar(&reparse, "reparse", false, "re-parse documents already stored and replace their rows (after a parser upgrade)")
	f.IntVar(&workers, "workers", 0, "documents parsed concurrently (default: number of CPUs)")
	f.StringVar(&aliases, "aliases", "", "alias file merged over the shipped one (see budgetwh departments)")
	f.StringVar(&shard, "shard", "", shardUsage)
	f.DurationVar(&wait, "wait", 0, "wait this long for a warehouse locked by another run (default: fail at once)")
	f.StringVar(&memory, "memory-limit", os.Getenv("BUDGETWH_MEMORY_LIMIT"),
		"DuckDB's memory limit during the ingest, e.g. 1GB (default "+app.DefaultMemoryLimit+", or $BUDGETWH_MEMORY_LIMIT)")
	f.StringVar(&cpuprof, "cpuprofile", "", "write a CPU profile to this file (for go tool pprof)")
	_ = f.MarkHidden("cpuprofile")
	return cmd
}

// clip shortens s to at most n runes for display.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

type nopBar struct{}

func (nopBar) Add(int) {}
func (nopBar) Finish() {}

func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// printDoc prints one document's line.
func printDoc(w io.Writer, r app.DocResult) {
	switch r.Status {
	case app.StatusFailed:
		fmt.Fprintf(w, "%-11s %s\n", r.Status, r.Files())
		return
	case app.StatusUnchanged:
		fmt.Fprintf(w, "%-11s %s (doc %s already stored, %s)\n", r.Status, r.Files(), short(r.DocID), r.Existing)
		return
	}
	year := "?"
	if r.FiscalYear != 0 {
		year = fmt.Sprint(r.FiscalYear)
	}
	dept := clip(r.Department, 60)
	if dept == "" {
		dept = "?"
	}
	kind := strings.Trim(r.Kind+"/"+r.Level, "/")
	if kind == "" {
		kind = "?"
	}
	fmt.Fprintf(w, "%-11s %s | %s %s %s | tables %d, facts %d, unaccounted %d of %d lines, findings %s | doc %s",
		r.Status, r.Files(), dept, year, kind, r.Tables, r.Facts, r.Unaccounted, r.Lines, app.SeverityCounts(r.Findings), short(r.DocID))
	if r.Replaced {
		fmt.Fprintf(w, " | re-parsed (was %s)", r.Existing)
	}
	if len(r.Supersedes) > 0 {
		ids := make([]string, len(r.Supersedes))
		for i, s := range r.Supersedes {
			ids[i] = short(s)
		}
		fmt.Fprintf(w, " | supersedes %s", strings.Join(ids, ", "))
	}
	if len(r.Quarantine) > 0 {
		fmt.Fprintf(w, " | quarantined: %s", clip(strings.Join(r.Quarantine, "; "), 300))
	}
	fmt.Fprintln(w)
}

func printSummary(w io.Writer, rep app.IngestReport, db string) {
	fmt.Fprintf(w, "%d document%s: %d loaded, %d unchanged, %d quarantined, %d failed",
		rep.Total(), pluralS(rep.Total()), rep.Count(app.StatusLoaded), rep.Count(app.StatusUnchanged),
		rep.Count(app.StatusQuarantined), rep.Count(app.StatusFailed))
	if n := rep.Count(app.StatusSuperseded); n > 0 {
		fmt.Fprintf(w, ", %d re-parsed as superseded", n)
	}
	fmt.Fprintf(w, "; %d facts loaded in %s into %s", rep.Facts(), rep.Elapsed.Round(time.Millisecond), db)
	if rep.CorpusFindings >= 0 {
		fmt.Fprintf(w, "; %d cross-document finding%s", rep.CorpusFindings, pluralS(rep.CorpusFindings))
	}
	if rep.Canceled {
		fmt.Fprint(w, " (interrupted: the remaining documents were not written)")
	}
	fmt.Fprintln(w)
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
