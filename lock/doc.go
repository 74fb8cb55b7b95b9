// Package lock provides the advisory warehouse lock: a "<db>.lock" file beside
// the warehouse, held with flock(2), whose content names the holder (pid, host,
// command, start time) so that a second run can say who holds the warehouse.
//
// The kernel releases a flock when its file descriptor is closed, including
// when the holding process dies, so a crashed run never leaves a stale lock;
// the lock file itself is left in place (deleting it would race with a new
// holder) and is emptied on release.
//
// Every verb that writes the warehouse (ingest, rollup) or must see a stable
// warehouse (export) takes the lock before opening DuckDB. DuckDB holds its own
// file lock on read-write opens; this lock adds the clear message and --wait.
package lock
