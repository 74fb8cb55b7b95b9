package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/budgetwh/budgetwh/queries"
)

func init() { register("query", newQueryCmd) }

func newQueryCmd(env *Env) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "query",
		Short: "The analysts' query library: list, show and run named SQL queries",
		Long: `The query library: named, documented SQL queries over the warehouse's
public views, embedded in the binary. --queries DIR adds a team's own *.sql
files (same header format; CSV data tables in DIR/data/).`,
	}
	cmd.PersistentFlags().StringVar(&dir, "queries", "", "directory of a team's own *.sql queries")
	load := func() (queries.Library, error) {
		lib, err := queries.Load(dir)
		if err != nil {
			return lib, fmt.Errorf("%w: %v", ErrUsage, err)
		}
		return lib, nil
	}
	// get loads the library and finds the named query (an unknown name is
	// a usage error).
	get := func(name string) (queries.Query, error) {
		lib, err := load()
		if err != nil {
			return queries.Query{}, err
		}
		q, err := lib.Get(name)
		if err != nil {
			return q, fmt.Errorf("%w: %v", ErrUsage, err)
		}
		return q, nil
	}

	list := &cobra.Command{
		Use:   "list",
		Short: "List every query with its description and parameters",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			lib, err := load()
			if err != nil {
				return err
			}
			w := bufio.NewWriter(cmd.OutOrStdout())
			for _, q := range lib.List() {
				fmt.Fprintf(w, "%s\n    %s\n", q.Name, q.Description)
				if len(q.Params) > 0 {
					fmt.Fprintf(w, "    params: %s\n", queryParamsText(q))
				}
			}
			return w.Flush()
		},
	}

	show := &cobra.Command{
		Use:   "show NAME",
		Short: "Print a query's description, parameters and SQL",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			q, err := get(args[0])
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "name:        %s\ndescription: %s\nsource:      %s\n", q.Name, q.Description, q.Source)
			if len(q.Params) > 0 {
				fmt.Fprintf(out, "params:      %s\n", queryParamsText(q))
			}
			if len(q.Data) > 0 {
				fmt.Fprintf(out, "data:        %s\n", strings.Join(q.Data, ", "))
			}
			fmt.Fprintf(out, "\n%s", q.SQL)
			if !strings.HasSuffix(q.SQL, "\n") {
				fmt.Fprintln(out)
			}
			return nil
		},
	}

	var (
		params []string
		format string
		out    string
		write  bool
	)
	run := &cobra.Command{
		Use:   "run NAME [--param k=v ...] [--format table|csv|json|parquet] [--out FILE]",
		Short: "Run a query against the warehouse (read-only unless --write)",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, queries.FormatTable, queries.FormatCSV, queries.FormatJSON, queries.FormatParquet); err != nil {
				return err
			}
			q, err := get(args[0])
			if err != nil {
				return err
			}
			pm := map[string]string{}
			for _, p := range params {
				k, v, ok := strings.Cut(p, "=")
				if !ok || strings.TrimSpace(k) == "" {
					return fmt.Errorf("%w: --param %q: want name=value", ErrUsage, p)
				}
				pm[strings.TrimSpace(k)] = v
			}
			// Check parameters before opening the warehouse.
			if _, err := queries.Bind(q, pm); err != nil {
				return fmt.Errorf("%w: %v", ErrUsage, err)
			}
			w, err := openWarehouse(cmd.Context(), env, write)
			if err != nil {
				return err
			}
			defer w.Close()
			res, err := queries.Run(cmd.Context(), w.DB(), q, pm)
			if err != nil {
				return err
			}
			return queryWriteOut(out, cmd.OutOrStdout(), func(wr io.Writer) error { return queries.Write(wr, format, res) })
		},
	}
	run.Flags().StringArrayVarP(&params, "param", "p", nil, "query parameter name=value (repeatable; the word null is SQL NULL)")
	run.Flags().StringVar(&format, "format", queries.FormatTable, "output format: table, csv, json or parquet")
	run.Flags().StringVar(&out, "out", "", "write to FILE (atomically) instead of stdout")
	run.Flags().BoolVar(&write, "write", false, "open the warehouse for writing")

	cmd.AddCommand(list, show, run)
	return cmd
}

func queryParamsText(q queries.Query) string {
	parts := make([]string, len(q.Params))
	for i, p := range q.Params {
		parts[i] = fmt.Sprintf("%s %s (default %s)", p.Name, p.Type, p.Default)
	}
	return strings.Join(parts, ", ")
}

// queryWriteOut runs render into path atomically (temp file + rename), or into
// stdout when path is empty.
func queryWriteOut(path string, stdout io.Writer, render func(io.Writer) error) error {
	if path == "" {
		return render(stdout)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := render(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
