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
	"github.com/budgetwh/budgetwh/schema"
)

func init() { register("merge", newMergeCmd) }

func newMergeCmd(env *Env) *cobra.Command {
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "merge SHARD.duckdb... --db OUT",
		Short: "Union shard warehouses (from ingest --shard K/N) into one warehouse",
		Long: `Union shard warehouses into the warehouse given by --db (created when
missing), holding its lock.

Every document of a shard that the output does not hold yet (by doc_id) is
copied with all its rows; a document already there is reported unchanged.
Versions are then decided as ingest decides them: of the documents of one
publication (department, fiscal year, kind, level) the most recently
ingested is loaded, older ones superseded; quarantined documents stay
quarantined. Each shard is merged in one transaction. Merging the same shard
twice changes nothing, and the order of the shards does not matter. The
cross-document findings are recomputed afterwards.

Prints one line per shard and a summary. Exit code 0 when every shard
merged, 1 when some could not be merged (the others are), 2 for usage
errors, 3 when the output warehouse is locked by another run.`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			out, errw := cmd.OutOrStdout(), cmd.ErrOrStderr()
			if !cmd.Flags().Changed("db") && os.Getenv(envDB) == "" {
				return fmt.Errorf("%w: merge needs --db OUT (the output warehouse)", ErrUsage)
			}
			opts := app.MergeOptions{
				DB:       env.DB,
				LockWait: wait,
				Command:  "merge " + strings.Join(args, " "),
				Logger:   env.Logger,
				OnShard: func(s app.ShardResult) {
					printShard(out, s)
					if s.Err != nil {
						fmt.Fprintf(errw, "%s: %v\n", s.Shard, s.Err)
					}
				},
			}
			rep, err := app.Merge(cmd.Context(), opts, args)
			if len(rep.Shards) > 0 {
				printMergeSummary(out, rep, env.DB)
			}
			switch {
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
	cmd.Flags().DurationVar(&wait, "wait", 0, "wait this long for an output warehouse locked by another run (default: fail at once)")
	return cmd
}

func printShard(w io.Writer, s app.ShardResult) {
	if s.Err != nil {
		fmt.Fprintf(w, "%-11s %s\n", "failed", s.Shard)
		return
	}
	fmt.Fprintf(w, "%-11s %s | %d document%s: %d copied (%d loaded, %d superseded, %d quarantined), %d unchanged | %d rows in %s\n",
		"merged", s.Shard, len(s.Docs), pluralS(len(s.Docs)), s.Copied,
		s.MergeResult.Count(schema.WriteLoaded), s.MergeResult.Count(app.StatusSuperseded), s.MergeResult.Count(schema.WriteQuarantined),
		s.MergeResult.Count(schema.WriteUnchanged), s.Rows, s.Elapsed.Round(time.Millisecond))
}

func printMergeSummary(w io.Writer, rep app.MergeReport, db string) {
	failed := 0
	for _, s := range rep.Shards {
		if s.Err != nil {
			failed++
		}
	}
	fmt.Fprintf(w, "%d shard%s (%d failed): %d document%s copied, %d unchanged",
		len(rep.Shards), pluralS(len(rep.Shards)), failed, rep.Copied(), pluralS(rep.Copied()), rep.Count(schema.WriteUnchanged))
	if rep.CorpusFindings >= 0 {
		fmt.Fprintf(w, "; %d cross-document finding%s", rep.CorpusFindings, pluralS(rep.CorpusFindings))
	}
	fmt.Fprintf(w, "; in %s into %s\n", rep.Elapsed.Round(time.Millisecond), db)
}
