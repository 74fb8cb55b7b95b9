package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// mountTmpfs mounts a tmpfs of size bytes on a new folder (root only) and
// unmounts it at the end of the test; it skips when the environment cannot
// mount.
func mountTmpfs(t *testing.T, size int64) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%dk", size>>10)); err != nil {
		t.Skipf("cannot simulate a full or read-only disk: mount tmpfs needs root and CAP_SYS_ADMIN: %v", err)
	}
	t.Cleanup(func() { unix.Unmount(dir, unix.MNT_DETACH) })
	return dir
}

func remount(t *testing.T, dir string, flags uintptr, data string) {
	t.Helper()
	if err := unix.Mount("tmpfs", dir, "tmpfs", unix.MS_REMOUNT|flags, data); err != nil {
		t.Fatalf("remount %s: %v", dir, err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, b)
}

// baseRef ingests the base documents into a reference warehouse in dir.
func baseRef(t *testing.T, dir string) (string, state) {
	t.Helper()
	docs := baseDocs(t)
	ref := filepath.Join(dir, "ref.duckdb")
	mustCLI(t, dir, 0, "ingest", "-q", "--db", ref, filepath.Dir(docs[0]))
	return ref, openState(t, ref)
}

// TestIngest_diskFull: an ingest that runs out of disk space fails the
// documents it could not write with a clear error naming the file, leaves
// only whole documents, the warehouse still opens, and a rerun with space
// converges to the state of an uninterrupted run.
func TestIngest_diskFull(t *testing.T) {
	docs := baseDocs(t)
	dir := t.TempDir()
	_, refState := baseRef(t, dir)
	seed := filepath.Join(dir, "seed.duckdb")
	mustCLI(t, dir, 0, "ingest", "-q", "--db", seed, docs[0])
	st, err := os.Stat(seed)
	if err != nil {
		t.Fatal(err)
	}
	// Room for the warehouse and ~256 KiB: a few documents' WAL.
	disk := mountTmpfs(t, st.Size()+256<<10)
	db := filepath.Join(disk, "w.duckdb")
	copyFile(t, seed, db)

	r := cli(t, dir, 3*time.Minute, "ingest", "-q", "--db", db, filepath.Dir(docs[0]))
	t.Logf("ingest on a full disk: %s", r)
	if r.Code != 1 {
		t.Fatalf("ingest on a full disk: want exit 1, got %d", r.Code)
	}
	if !strings.Contains(r.Stderr, "No space left on device") && !strings.Contains(r.Stderr, "no space left on device") {
		t.Errorf("stderr does not say the disk is full:\n%s", r.Stderr)
	}
	for _, l := range strings.Split(strings.TrimSpace(r.Stderr), "\n") {
		if !strings.Contains(l, ".txt") {
			t.Errorf("error line does not name the file: %q", l)
		}
	}
	got := openState(t, db)
	if bad := checkWhole(got, refState); len(bad) > 0 {
		t.Fatalf("after the full disk the warehouse holds partial documents:\n%s", strings.Join(bad, "\n"))
	}
	if len(got.Status) >= len(refState.Status) {
		t.Fatalf("every document was stored: the disk was not full (%d documents)", len(got.Status))
	}

	remount(t, disk, 0, "size=64m")
	mustCLI(t, dir, 0, "ingest", "-q", "--db", db, filepath.Dir(docs[0]))
	if bad := diffState(openState(t, db), refState); len(bad) > 0 {
		t.Fatalf("after freeing space the rerun differs from an uninterrupted run:\n%s", strings.Join(bad, "\n"))
	}
}

// TestIngest_readOnlyPath: ingest into a warehouse on a read-only file
// system fails at once with an error naming the path; the warehouse is
// unchanged and still opens (sql works, read-only).
func TestIngest_readOnlyPath(t *testing.T) {
	docs := baseDocs(t)
	dir := t.TempDir()
	disk := mountTmpfs(t, 64<<20)
	db := filepath.Join(disk, "w.duckdb")
	mustCLI(t, dir, 0, "ingest", "-q", "--db", db, docs[0])
	before := openState(t, db)
	remount(t, disk, unix.MS_RDONLY, "")

	for _, target := range []string{db, filepath.Join(disk, "new.duckdb")} {
		r := cli(t, dir, time.Minute, "ingest", "-q", "--db", target, filepath.Dir(docs[0]))
		if r.Code != 1 || !strings.Contains(r.Stderr, "read-only file system") || !strings.Contains(r.Stderr, target) {
			t.Errorf("ingest into %s on a read-only disk: want exit 1 and an error naming the path and the read-only file system, got %s", target, r)
		}
	}
	if bad := diffState(openState(t, db), before); len(bad) > 0 {
		t.Fatalf("the read-only warehouse changed:\n%s", strings.Join(bad, "\n"))
	}
	r := mustCLI(t, dir, 0, "--db", db, "sql", "--format", "csv", "SELECT count(*) FROM documents")
	if !strings.Contains(r.Stdout, "1") {
		t.Errorf("sql on the read-only warehouse: %s", r)
	}
}
