package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/budgetwh/budgetwh/app"
	"github.com/budgetwh/budgetwh/schema"
)

func init() {
	register("sql", newSQLCmd)
	register("schema", newSchemaCmd)
	register("check", newCheckCmd)
}

// openWarehouse opens env.DB read-only unless write is set.
func openWarehouse(ctx context.Context, env *Env, write bool) (*schema.Warehouse, error) {
	w, err := schema.Open(ctx, env.DB, schema.Options{ReadOnly: !write, ParserVersion: app.Version()})
	if err != nil {
		return nil, err
	}
	if err := w.CheckCurrent(); err != nil && env.Logger != nil {
		env.Logger.Warn("views may be missing or outdated; open the warehouse for writing once (e.g. budgetwh sql --write 'SELECT 1')", "err", err)
	}
	return w, nil
}

func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return fmt.Errorf("%w: --format %q (want one of %v)", ErrUsage, format, allowed)
}

func newSQLCmd(env *Env) *cobra.Command {
	var (
		format string
		write  bool
	)
	cmd := &cobra.Command{
		Use:   `sql "SELECT …" [--format table|csv|json] [--write]`,
		Short: "Run ad-hoc SQL against the warehouse (read-only unless --write)",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, app.FormatTable, app.FormatCSV, app.FormatJSON); err != nil {
				return err
			}
			w, err := openWarehouse(cmd.Context(), env, write)
			if err != nil {
				return err
			}
			defer w.Close()
			return app.SQL(cmd.Context(), w.DB(), args[0], format, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&format, "format", app.FormatTable, "output format: table, csv or json")
	cmd.Flags().BoolVar(&write, "write", false, "open the warehouse for writing")
	return cmd
}

func newSchemaCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the data dictionary: every view, column and vocabulary word with its meaning",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return app.Schema(cmd.Context(), cmd.OutOrStdout())
		},
	}
}

func newCheckCmd(env *Env) *cobra.Command {
	var (
		opts  app.CheckOptions
		rerun bool
		wait  time.Duration
	)
	cmd := &cobra.Command{
		Use:   "check [--doc ID] [--format table|json] [--rerun] [--wait DURATION]",
		Short: "List the findings stored for every document (or one, by doc_id prefix); --rerun re-runs the rules first",
		Long: `List the findings stored for every document, or for the documents whose
doc_id starts with --doc, errors first. Without --rerun the warehouse is only
read (opened read-only).

With --rerun the rules are run again over the stored documents first, without
their source files: each loaded or superseded document is rebuilt from the
warehouse, the per-document rules run on it and its rule findings are replaced
(parse.* and quarantine findings are kept; the status is never changed, a
document the quarantine policy would now refuse is only reported), then the
cross-document rules run. What changed is printed before the list (on stderr
with --format json or csv, so that stdout stays machine-readable). --rerun
writes: it takes the warehouse lock, fails at once when another run holds it
(exit code 3) or waits --wait for it.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(opts.Format, app.FormatTable, app.FormatJSON, app.FormatCSV); err != nil {
				return err
			}
			if wait != 0 && !rerun {
				return fmt.Errorf("%w: --wait needs --rerun (listing takes no lock)", ErrUsage)
			}
			var err error
			if rerun {
				_, err = runLocked(cmd.Context(), env, wait, commandLine(cmd), false, func(w *schema.Warehouse) (struct{}, error) {
					rep, err := app.Recheck(cmd.Context(), w, opts.DocID)
					out := cmd.OutOrStdout()
					if opts.Format != app.FormatTable {
						out = cmd.ErrOrStderr()
					}
					if err == nil || len(rep.Docs) > 0 {
						if werr := app.WriteRecheckReport(out, rep); err == nil {
							err = werr
						}
					}
					if err != nil {
						return struct{}{}, err
					}
					return struct{}{}, app.Check(cmd.Context(), w.DB(), opts, cmd.OutOrStdout())
				})
			} else {
				var w *schema.Warehouse
				if w, err = openWarehouse(cmd.Context(), env, false); err != nil {
					return err
				}
				defer w.Close()
				err = app.Check(cmd.Context(), w.DB(), opts, cmd.OutOrStdout())
			}
			if errors.Is(err, app.ErrNoDocument) {
				return fmt.Errorf("%w: %v", ErrUsage, err)
			}
			return err
		},
	}
	cmd.Flags().StringVar(&opts.DocID, "doc", "", "only the document whose doc_id starts with ID")
	cmd.Flags().StringVar(&opts.Format, "format", app.FormatTable, "output format: table, json or csv")
	cmd.Flags().BoolVar(&rerun, "rerun", false, "re-run the rules over the stored documents first (writes findings; takes the warehouse lock)")
	cmd.Flags().DurationVar(&wait, "wait", 0, "with --rerun: wait this long for a warehouse locked by another run (default: fail at once)")
	return cmd
}
