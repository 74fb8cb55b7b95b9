package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/budgetwh/budgetwh/bench"
)

func init() { register("bench", newBenchCmd) }

func newBenchCmd(env *Env) *cobra.Command {
	var opts bench.Options
	cmd := &cobra.Command{
		Use:   "bench [--docs N] [--work DIR]",
		Short: "Measure ingest on a synthetic corpus against DuckDB's CSV load and a naive loader",
		Long: "Generates (or reuses) a synthetic corpus of --docs documents in --work, then measures in one run:\n" +
			"a full ingest (documents/s, MB/s, peak RSS, CPU use), an unchanged re-ingest, DuckDB loading the\n" +
			"same facts from CSV with COPY/read_csv (the floor), and a naive loader that parses the same way but\n" +
			"inserts row by row through database/sql (on --naive-docs documents). Prints the ratios.",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Work == "" {
				return fmt.Errorf("%w: --work is required", ErrUsage)
			}
			exe, err := os.Executable()
			if err != nil {
				return fmt.Errorf("bench: %w", err)
			}
			opts.Binary = exe
			opts.Log = env.Stderr
			res, err := bench.Run(cmd.Context(), opts)
			if err != nil {
				return err
			}
			res.Report(cmd.OutOrStdout())
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Docs, "docs", 10000, "number of synthetic documents")
	f.StringVar(&opts.Work, "work", "", "work folder for the corpus, warehouses and CSV files")
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the synthetic corpus")
	f.IntVar(&opts.NaiveDocs, "naive-docs", 300, "documents loaded by the naive baseline")
	return cmd
}
