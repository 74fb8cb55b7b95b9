package app

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/budgetwh/budgetwh/ingest"
)

// ErrBadShardSpec is returned by ParseShard for a malformed K/N.
var ErrBadShardSpec = errors.New("bad shard")

// Shard selects a deterministic share of an ingest's inputs so that N
// machines given the same inputs each load a disjoint share and together
// all of them: shard K of N (K is 1-based, 1 <= K <= N) takes the sources
// whose doc_id (the sha256 of the source's bytes, parts in order; see
// ingest.DocID), read as a big-endian uint64 from its first 8 bytes,
// is K-1 modulo N. The share depends on content only, never on paths,
// file order or the machine. A source that cannot be read (its doc_id is
// unknown) is assigned by the sha256 of its paths instead, so that exactly
// one shard reports the failure. The zero Shard takes everything.
type Shard struct {
	K, N int
}

// ParseShard parses "K/N" (e.g. "2/8").
func ParseShard(s string) (Shard, error) {
	ks, ns, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Shard{}, fmt.Errorf("parse shard %q: %w: want K/N, e.g. 1/4", s, ErrBadShardSpec)
	}
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("parse shard %q: %w: K and N must be whole numbers", s, ErrBadShardSpec)
	}
	sh := Shard{K: k, N: n}
	if n < 1 || k < 1 || k > n { // Validate accepts the zero Shard; "0/0" is not a share
		return Shard{}, fmt.Errorf("parse shard %q: %w: need 1 <= K <= N", s, ErrBadShardSpec)
	}
	return sh, nil
}

// Validate checks 1 <= K <= N (the zero Shard is valid: no sharding).
func (s Shard) Validate() error {
	if s == (Shard{}) {
		return nil
	}
	if s.N < 1 || s.K < 1 || s.K > s.N {
		return fmt.Errorf("%w: need 1 <= K <= N, got %d/%d", ErrBadShardSpec, s.K, s.N)
	}
	return nil
}

// Enabled reports whether s selects a share (N > 1 or an explicit 1/1).
func (s Shard) Enabled() bool { return s.N > 0 }

// String renders s as K/N ("" for the zero Shard).
func (s Shard) String() string {
	if !s.Enabled() {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// ShardIndex returns the 1-based shard of n that owns the hex sha256
// docID. A docID that is not hex is hashed first.
func ShardIndex(docID string, n int) int {
	if n <= 1 {
		return 1
	}
	b, err := hex.DecodeString(docID)
	if err != nil || len(b) < 8 {
		h := sha256.Sum256([]byte(docID))
		b = h[:]
	}
	return int(binary.BigEndian.Uint64(b[:8])%uint64(n)) + 1
}

// Owns reports whether the source with the given doc_id is in s.
func (s Shard) Owns(docID string) bool {
	return !s.Enabled() || ShardIndex(docID, s.N) == s.K
}

// ownsSource hashes src (or, when it cannot be read, its paths) and reports
// whether it is in s.
func (s Shard) ownsSource(src ingest.Source) bool {
	if !s.Enabled() || s.N == 1 {
		return true
	}
	id, err := ingest.DocID(src)
	if err != nil {
		h := sha256.Sum256([]byte(strings.Join(src.Paths(), "\x00")))
		id = hex.EncodeToString(h[:])
	}
	return s.Owns(id)
}

// filter returns the sources of srcs in s, in their order, and how many
// belong to other shards. Sources are hashed by up to workers goroutines
// (default runtime.NumCPU()).
func (s Shard) filter(ctx context.Context, srcs []ingest.Source, workers int) ([]ingest.Source, int, error) {
	kept, _, n, err := s.split(ctx, srcs, workers)
	return kept, n, err
}

// split is filter that also returns, by folder, the single-file sources
// of other shards dropped from folders that hold at least two single-file
// sources in all (paths only; the joiner parses them only when a file of
// this shard may be half of a split publication, see join.go).
func (s Shard) split(ctx context.Context, srcs []ingest.Source, workers int) ([]ingest.Source, map[string][]ingest.Source, int, error) {
	if err := s.Validate(); err != nil {
		return nil, nil, 0, fmt.Errorf("select shard: %w", err)
	}
	if !s.Enabled() || s.N == 1 {
		return srcs, nil, 0, nil
	}
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	own := make([]bool, len(srcs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				own[i] = s.ownsSource(srcs[i])
			}
		}()
	}
	var err error
feed:
	for i := range srcs {
		select {
		case jobs <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err != nil {
		return nil, nil, 0, fmt.Errorf("select shard %s: %w", s, err)
	}
	kept := make([]ingest.Source, 0, len(srcs)/s.N+1)
	singles := map[string]int{}
	for i, src := range srcs {
		if own[i] {
			kept = append(kept, src)
		}
		if len(src.Parts) == 1 {
			singles[filepath.Dir(src.Name())]++
		}
	}
	others := map[string][]ingest.Source{}
	for i, src := range srcs {
		if f := filepath.Dir(src.Name()); !own[i] && len(src.Parts) == 1 && singles[f] >= 2 {
			others[f] = append(others[f], src)
		}
	}
	return kept, others, len(srcs) - len(kept), nil
}
