package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/budgetwh/budgetwh/rollup"
	"github.com/budgetwh/budgetwh/schema"
)

func init() { register("rollup", newRollupCmd) }

func newRollupCmd(env *Env) *cobra.Command {
	var (
		years []int
		all   bool
		wait  time.Duration
	)
	cmd := &cobra.Command{
		Use:   "rollup --year Y [--year Y2] | --all-years [--wait DURATION]",
		Short: "Materialise the yearly summary tables (idempotent; safe to schedule)",
		Long: `Fill rollup_department_year, rollup_region_year, rollup_three_public_year and
rollup_indicator_year for the fiscal years given, from the public views.

Each year's inputs (its loaded documents) are fingerprinted and compared with
rollup_state: an unchanged year prints "year Y: unchanged" and writes nothing;
a changed year has its rows replaced in one transaction. The warehouse lock is
held for the run: a second run fails at once naming the holder, or waits with
--wait. Exit codes: 0 done, 1 failed, 2 usage, 3 locked.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(years) == 0 && !all {
				return fmt.Errorf("%w: give --year Y or --all-years", ErrUsage)
			}
			opts := rollup.Options{Years: years, AllYears: all, Logger: env.Logger, Progress: cmd.ErrOrStderr(), Quiet: env.Quiet}
			command := commandLine(cmd)
			rep, err := runLocked(cmd.Context(), env, wait, command, false, func(w *schema.Warehouse) (rollup.Report, error) {
				return rollup.Run(cmd.Context(), w.DB(), opts)
			})
			for _, y := range rep.Years {
				fmt.Fprintln(cmd.OutOrStdout(), y.String())
			}
			if err != nil {
				return err
			}
			if len(rep.Years) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), "no fiscal year in the warehouse")
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntSliceVar(&years, "year", nil, "fiscal year to roll up (repeatable or comma-separated)")
	f.BoolVar(&all, "all-years", false, "every fiscal year with documents or rollup rows")
	f.DurationVar(&wait, "wait", 0, "wait this long for a warehouse locked by another run (default: fail at once)")
	return cmd
}
