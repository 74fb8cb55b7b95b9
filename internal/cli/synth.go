package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/budgetwh/budgetwh/synth"
)

func init() { register("synth", newSynthCmd) }

func newSynthCmd(env *Env) *cobra.Command {
	var (
		opts  synth.Options
		years string
		out   string
	)
	cmd := &cobra.Command{
		Use:   "synth --departments N --years A-B --out DIR [--seed S] [--final-share F]",
		Short: "Generate a deterministic synthetic corpus with a ground-truth manifest",
		Long: "Generates budget publications (部门预算, kind budget) for every department and year, and final accounts\n" +
			"(部门决算, kind final_account: the 决算 of year Y, as published in Y+1) for a share of the departments\n" +
			"(--final-share; those departments get both kinds for every year), in the extracted-text dialect, with\n" +
			"manifest.json holding the ground truth of every document and the injected defects (final accounts carry\n" +
			"no performance forms: theirs are a changed total or a prose figure that disagrees).",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			from, to, err := parseYears(years)
			if err != nil {
				return fmt.Errorf("%w: %v", ErrUsage, err)
			}
			if out == "" {
				return fmt.Errorf("%w: --out is required", ErrUsage)
			}
			opts.YearFrom, opts.YearTo = from, to
			m, err := synth.Generate(cmd.Context(), opts, out)
			if errors.Is(err, synth.ErrBadOptions) {
				return fmt.Errorf("%w: %v", ErrUsage, err)
			}
			if err != nil {
				return err
			}
			defects, finals := 0, 0
			for _, d := range m.Documents {
				defects += len(d.Defects)
				if d.Kind == "final_account" {
					finals++
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %d documents (%d final accounts, %d with injected defects) and manifest.json to %s\n", len(m.Documents), finals, defects, out)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Departments, "departments", 10, "number of departments")
	f.StringVar(&years, "years", "2022-2024", "fiscal years, A-B")
	f.StringVar(&out, "out", "", "output folder")
	f.Uint64Var(&opts.Seed, "seed", 1, "random seed (same seed, same corpus)")
	f.Float64Var(&opts.DefectRate, "defect-rate", 0.05, "share of documents with one injected defect")
	f.BoolVar(&opts.Variants, "variants", true, "format variants: 元 tables, GBK, CRLF, numbering styles, split tables")
	f.Float64Var(&opts.FinalShare, "final-share", 0, "share of departments that also publish final accounts (决算) for every year, 0..1 (0: budgets only)")
	return cmd
}

func parseYears(s string) (int, int, error) {
	a, b, found := strings.Cut(s, "-")
	if !found {
		b = a
	}
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || from > to {
		return 0, 0, fmt.Errorf("bad --years %q (want A-B, e.g. 2020-2024)", s)
	}
	return from, to, nil
}
