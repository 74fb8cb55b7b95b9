package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/budgetwh/budgetwh/notebook"
	"github.com/budgetwh/budgetwh/queries"
)

func init() { register("notebook", newNotebookCmd) }

func newNotebookCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "notebook",
		Short: "Analyst notebooks: Markdown with sql cells rendered to one self-contained HTML page",
	}
	var (
		out   string
		write bool
		dir   string
	)
	render := &cobra.Command{
		Use:   "render FILE --out report.html",
		Short: "Run each sql cell of a notebook against the warehouse and write HTML with tables and SVG charts",
		Long: `Runs every ` + "```sql" + ` cell of the Markdown notebook FILE against the warehouse
(read-only unless --write) and writes one HTML file that opens without a
network: prose, result tables, and inline SVG charts for cells annotated
with chart=line|bar|hist. A cell with query=NAME param.K=V runs a query of
the library (with --queries DIR, a team's too). A failing cell is shown on the page and makes the
exit code 1.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("%w: --out FILE is required", ErrUsage)
			}
			src, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("%w: %v", ErrUsage, err)
			}
			nb, err := notebook.Parse(filepath.Base(args[0]), src)
			if err != nil {
				return fmt.Errorf("%w: %v", ErrUsage, err)
			}
			lib, err := queries.Load(dir)
			if err != nil {
				return fmt.Errorf("%w: %v", ErrUsage, err)
			}
			w, err := openWarehouse(cmd.Context(), env, write)
			if err != nil {
				return err
			}
			defer w.Close()
			var rendErr error
			err = queryWriteOut(out, cmd.OutOrStdout(), func(wr io.Writer) error {
				_, rendErr = notebook.Render(cmd.Context(), w.DB(), nb, wr, notebook.Options{Library: &lib})
				if rendErr != nil && !errors.Is(rendErr, notebook.ErrCellsFailed) {
					return rendErr
				}
				return nil
			})
			if err != nil {
				return err
			}
			if env.Logger != nil {
				env.Logger.Info("notebook rendered", "notebook", args[0], "out", out)
			}
			return rendErr
		},
	}
	render.Flags().StringVar(&out, "out", "", "HTML file to write (required)")
	render.Flags().BoolVar(&write, "write", false, "open the warehouse for writing")
	render.Flags().StringVar(&dir, "queries", "", "directory of a team's own *.sql queries for query= cells")
	cmd.AddCommand(render)
	return cmd
}
