package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/budgetwh/budgetwh/app"
	"github.com/budgetwh/budgetwh/export"
	"github.com/budgetwh/budgetwh/lock"
	"github.com/budgetwh/budgetwh/schema"
)

func init() { register("export", newExportCmd) }

func newExportCmd(env *Env) *cobra.Command {
	var (
		opts   export.Options
		noBOM  bool
		wait   time.Duration
		parts  []string
		views  []string
		format string
	)
	cmd := &cobra.Command{
		Use:   "export --format parquet|csv|xlsx --out DIR [--partition-by fiscal_year,department] [--views a,b]",
		Short: "Write the public views to Parquet, CSV or Excel files with a manifest",
		Long: `Write the public views of the warehouse (documents, departments, func_codes,
totals, func_amounts, econ_amounts, three_public, projects, indicators,
narrative_facts, findings) to DIR.

  parquet  DIR/<view>/part-0.parquet, or Hive partitions with --partition-by
           (DIR/<view>/fiscal_year=2024/department=<encoded>/part-0.parquet);
           ZSTD, DECIMAL(20,2) amounts, dates and timestamps typed.
  csv      DIR/<view>.csv (UTF-8 with a byte-order mark unless --no-bom), or
           partitioned like parquet.
  xlsx     DIR/budgetwh.xlsx, one sheet per view (view_2, … past 1,048,575 rows).

DIR/_manifest.json lists the tool version, each view's columns, row counts,
source doc_ids and the sha256 of every file. DIR is written beside itself and
swapped in atomically; an existing DIR is replaced only if it is a previous
export. The warehouse is opened read-only and locked for the run.
Exit codes: 0 done, 1 failed, 2 usage (or a refused --out), 3 locked.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Out == "" {
				return fmt.Errorf("%w: --out DIR is required", ErrUsage)
			}
			opts.Format = format
			opts.PartitionBy = splitList(parts)
			opts.Views = splitList(views)
			opts.NoBOM = noBOM
			opts.Warehouse = env.DB
			opts.ToolVersion = app.Version()
			opts.Progress = cmd.ErrOrStderr()
			opts.Quiet = env.Quiet
			opts.Logger = env.Logger
			command := commandLine(cmd)
			res, err := runLocked(cmd.Context(), env, wait, command, true, func(w *schema.Warehouse) (*export.Result, error) {
				return export.Run(cmd.Context(), w.DB(), opts)
			})
			if err != nil {
				if errors.Is(err, export.ErrBadOption) || errors.Is(err, export.ErrUnsafeOut) {
					return fmt.Errorf("%w: %v", ErrUsage, err)
				}
				return err
			}
			var rows int64
			for _, v := range res.Manifest.Views {
				rows += v.Rows
			}
			verb := "wrote"
			if res.Replaced {
				verb = "replaced"
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s %s: %d views, %d rows, %d files (%s)\n",
				verb, res.Out, len(res.Manifest.Views), rows, len(res.Manifest.Files), res.Manifest.Format)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", export.FormatParquet, "parquet, csv or xlsx")
	f.StringVar(&opts.Out, "out", "", "output directory (created, or replaced if it holds a previous export)")
	f.StringSliceVar(&parts, "partition-by", nil, "columns for Hive-style partition directories (parquet, csv), e.g. fiscal_year,department")
	f.StringSliceVar(&views, "views", nil, "views to export (default: every public view)")
	f.BoolVar(&noBOM, "no-bom", false, "write CSV without the UTF-8 byte-order mark")
	f.DurationVar(&wait, "wait", 0, "wait this long for a warehouse locked by another run (default: fail at once)")
	return cmd
}

// commandLine describes the running verb for the lock file, e.g.
// "budgetwh rollup --year=2024".
func commandLine(cmd *cobra.Command) string {
	parts := []string{cmd.CommandPath()}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		parts = append(parts, "--"+f.Name+"="+f.Value.String())
	})
	return strings.Join(parts, " ")
}

func splitList(in []string) []string {
	var out []string
	for _, s := range in {
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// runLocked takes the warehouse lock, opens the warehouse (read-only or
// not), runs fn and releases both. Lock conflicts, ours or DuckDB's, become
// ErrLocked (exit code 3).
func runLocked[T any](ctx context.Context, env *Env, wait time.Duration, command string, readOnly bool, fn func(*schema.Warehouse) (T, error)) (T, error) {
	var zero T
	if _, err := os.Stat(env.DB); errors.Is(err, fs.ErrNotExist) {
		return zero, fmt.Errorf("open warehouse %s: no such file (create it with budgetwh ingest)", env.DB)
	}
	lk, err := lock.Acquire(ctx, env.DB, lock.Options{Wait: wait, Command: command, ReadOnlyOK: readOnly})
	if err != nil {
		if errors.Is(err, lock.ErrLocked) {
			return zero, asLocked(err)
		}
		return zero, err
	}
	defer lk.Close()
	w, err := schema.Open(ctx, env.DB, schema.Options{ReadOnly: readOnly, ParserVersion: app.Version()})
	if err != nil {
		if strings.Contains(err.Error(), duckDBLockMessage) {
			// A process that does not take our lock holds DuckDB's own.
			return zero, asLocked(err)
		}
		return zero, err
	}
	defer w.Close()
	if readOnly {
		if err := w.CheckCurrent(); err != nil && env.Logger != nil {
			env.Logger.Warn("views may be missing or outdated; open the warehouse for writing once (e.g. budgetwh sql --write 'SELECT 1')", "err", err)
		}
	}
	return fn(w)
}
