//go:build linux

package export

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// perFileSync is false on Linux: one syncfs(2) on the staging directory's
// file system (syncTree) replaces an fsync per file and directory, which
// costs seconds for exports of thousands of partitions.
const perFileSync = false

// syncTree makes everything written under dir durable.
func syncTree(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync staging directory: %w", err)
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		return fmt.Errorf("sync staging directory: %w", err)
	}
	return nil
}

// renameNoReplace renames src to dst unless dst exists.
func renameNoReplace(src, dst string) error {
	err := unix.Renameat2(unix.AT_FDCWD, src, unix.AT_FDCWD, dst, unix.RENAME_NOREPLACE)
	if err == unix.EINVAL || err == unix.ENOSYS {
		return renameNoReplaceFallback(src, dst)
	}
	if err != nil {
		return &os.LinkError{Op: "rename", Old: src, New: dst, Err: err}
	}
	return nil
}

// renameExchange swaps src and dst atomically; errExchangeUnsupported when
// the file system cannot.
func renameExchange(src, dst string) error {
	err := unix.Renameat2(unix.AT_FDCWD, src, unix.AT_FDCWD, dst, unix.RENAME_EXCHANGE)
	if err == unix.EINVAL || err == unix.ENOSYS {
		return errExchangeUnsupported
	}
	if err != nil {
		return &os.LinkError{Op: "exchange", Old: src, New: dst, Err: err}
	}
	return nil
}
