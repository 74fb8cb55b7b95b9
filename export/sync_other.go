//go:build !linux

package export

import (
	"fmt"
	"io/fs"
	"path/filepath"
)

// perFileSync: without syncfs(2), every file is fsynced as it is closed and
// every directory by syncTree.
const perFileSync = true

// syncTree fsyncs every directory under dir, deepest first.
func syncTree(dir string) error {
	var dirs []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sync staging directory: %w", err)
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		if err := syncDir(dirs[i]); err != nil {
			return err
		}
	}
	return nil
}

func renameNoReplace(src, dst string) error { return renameNoReplaceFallback(src, dst) }

func renameExchange(src, dst string) error { return errExchangeUnsupported }
