package cli

import (
	"fmt"
	"io"

	"github.com/budgetwh/budgetwh/app"
)

// shardUsage documents ingest --shard.
const shardUsage = "load only shard K of N of the inputs (1-based, e.g. 2/8): the sources whose doc_id " +
	"(sha256 of the content) read as a big-endian uint64 from its first 8 bytes is K-1 modulo N; " +
	"N runs over the same inputs load disjoint shares that together are all of them (see budgetwh merge)"

// parseShardFlag parses --shard K/N ("" for none); a bad value is a usage error.
func parseShardFlag(s string) (app.Shard, error) {
	if s == "" {
		return app.Shard{}, nil
	}
	sh, err := app.ParseShard(s)
	if err != nil {
		return app.Shard{}, fmt.Errorf("%w: --shard: %v", ErrUsage, err)
	}
	return sh, nil
}

// printShardSkipped reports the sources left to the other shards.
func printShardSkipped(w io.Writer, rep app.IngestReport, sh app.Shard) {
	if !sh.Enabled() {
		return
	}
	fmt.Fprintf(w, "shard %s: %d source%s skipped as other shards'\n", sh, rep.OtherShards, pluralS(rep.OtherShards))
}
