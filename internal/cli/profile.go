package cli

import (
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
)

// Garbage collector settings for bulk verbs (ingest). The parsers allocate
// many short-lived strings; collecting at 4× the live heap instead of 2×
// cut ~12% of ingest CPU, and the soft limit makes the collector run
// earlier again before the process nears the 1 GiB budget: Go's memory is
// held under 512 MiB, DuckDB's under its memory_limit (384MB by default,
// ingest --memory-limit), and the rest (binary, C heap outside DuckDB's
// buffer manager) is ~85 MiB.
const (
	bulkGCPercent   = 400
	bulkMemoryLimit = 512 << 20
)

// tuneGCForBulk applies the bulk settings unless GOGC or GOMEMLIMIT is set
// in the environment (an explicit choice wins).
func tuneGCForBulk() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(bulkGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(bulkMemoryLimit)
	}
}

// startCPUProfile writes a CPU profile to path until the returned stop is
// called ("" : no profile, stop does nothing).
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
