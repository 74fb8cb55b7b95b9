package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// smallDisk returns a directory on a 64 KiB tmpfs (root only), or skips.
func smallDisk(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size=64k"); err != nil {
		t.Skipf("cannot mount a small tmpfs (needs root): %v", err)
	}
	t.Cleanup(func() { unix.Unmount(dir, 0) })
	return dir
}

// TestRun_diskFull: an export that runs out of space fails with a clear
// error, leaves no staging directory behind and keeps the previous export.
func TestRun_diskFull(t *testing.T) {
	db := openRO(t)
	for _, format := range []string{FormatParquet, FormatCSV, FormatXLSX} {
		t.Run(format, func(t *testing.T) {
			disk := smallDisk(t)
			out := filepath.Join(disk, "out")
			first := export(t, db, Options{Out: out, Format: FormatCSV, Views: []string{"documents"}})

			_, err := Run(context.Background(), db, Options{Out: out, Warehouse: testWarehouse(t), Format: format})
			if err == nil {
				t.Fatal("an export larger than the disk succeeded")
			}
			if !errors.Is(err, syscall.ENOSPC) {
				t.Errorf("err = %v, want one wrapping ENOSPC (no space left on device)", err)
			}
			t.Logf("error shown: %v", err)
			ents, _ := os.ReadDir(disk)
			if len(ents) != 1 || ents[0].Name() != "out" {
				var names []string
				for _, e := range ents {
					names = append(names, e.Name())
				}
				t.Errorf("disk holds %v after the failure, want only the previous export", names)
			}
			checkManifest(t, out, first.Manifest)
		})
	}
}
