package cli

import (
	"context"
	"errors"
	"fmt"

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
	var opts app.CheckOptions
	cmd := &cobra.Command{
		Use:   "check [--doc ID] [--format table|json]",
		Short: "List the findings stored for every document (or one, by doc_id prefix)",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(opts.Format, app.FormatTable, app.FormatJSON, app.FormatCSV); err != nil {
				return err
			}
			w, err := openWarehouse(cmd.Context(), env, false)
			if err != nil {
				return err
			}
			defer w.Close()
			err = app.Check(cmd.Context(), w.DB(), opts, cmd.OutOrStdout())
			if errors.Is(err, app.ErrNoDocument) {
				return fmt.Errorf("%w: %v", ErrUsage, err)
			}
			return err
		},
	}
	cmd.Flags().StringVar(&opts.DocID, "doc", "", "only the document whose doc_id starts with ID")
	cmd.Flags().StringVar(&opts.Format, "format", app.FormatTable, "output format: table, json or csv")
	return cmd
}
