package export

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrUnsafeOut is returned for an output directory the export refuses to
// write or replace.
var ErrUnsafeOut = errors.New("unsafe output directory")

// ManifestName is the manifest file of every export.
const ManifestName = "_manifest.json"

// checkOut validates the output directory and returns its absolute path.
// It refuses: a path that is (or contains) the warehouse file, a symbolic
// link, an existing file, an existing non-empty directory that is not a
// previous export, a file-system root and the working directory or one of
// its parents.
func checkOut(out, warehouse string) (string, error) {
	if strings.TrimSpace(out) == "" {
		return "", fmt.Errorf("check output: %w: --out is empty", ErrUnsafeOut)
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", fmt.Errorf("check output %s: %w", out, err)
	}
	if filepath.Dir(abs) == abs {
		return "", fmt.Errorf("check output %s: %w: a file-system root", out, ErrUnsafeOut)
	}
	real := realPath(abs)
	if warehouse != "" {
		wabs, err := filepath.Abs(warehouse)
		if err == nil {
			wreal := realPath(wabs)
			for _, w := range []string{wabs, wreal} {
				for _, o := range []string{abs, real} {
					if within(o, w) {
						return "", fmt.Errorf("check output %s: %w: it resolves to or contains the warehouse %s", out, ErrUnsafeOut, warehouse)
					}
				}
			}
		}
	}
	if wd, err := os.Getwd(); err == nil {
		for _, o := range []string{abs, real} {
			if within(o, wd) || within(o, realPath(wd)) {
				return "", fmt.Errorf("check output %s: %w: it is the working directory or one of its parents", out, ErrUnsafeOut)
			}
		}
	}
	st, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return abs, nil
	case err != nil:
		return "", fmt.Errorf("check output %s: %w", out, err)
	case st.Mode()&fs.ModeSymlink != 0:
		return "", fmt.Errorf("check output %s: %w: a symbolic link (name the directory it points to)", out, ErrUnsafeOut)
	case !st.IsDir():
		return "", fmt.Errorf("check output %s: %w: an existing file", out, ErrUnsafeOut)
	}
	ents, err := os.ReadDir(abs)
	if err != nil {
		return "", fmt.Errorf("check output %s: %w", out, err)
	}
	if len(ents) == 0 {
		return abs, nil
	}
	if _, err := os.Lstat(filepath.Join(abs, ManifestName)); err != nil {
		return "", fmt.Errorf("check output %s: %w: a non-empty directory that is not a budgetwh export (no %s); refusing to replace it", out, ErrUnsafeOut, ManifestName)
	}
	return abs, nil
}

// within reports whether path p is inside dir (or equal to it).
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// realPath resolves symbolic links in the longest existing prefix of abs.
func realPath(abs string) string {
	rest := ""
	p := abs
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// stage is the temporary directory an export is written into.
type stage struct {
	dir   string // temporary directory beside the output
	out   string // final output directory
	files []FileEntry
}

func newStage(out string) (*stage, error) {
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output parent: %w", err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("create staging directory: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("create staging directory: %w", err)
	}
	return &stage{dir: dir, out: out}, nil
}

// stagedFile is a file being written in the stage; it hashes what it
// writes.
type stagedFile struct {
	f   *os.File
	h   hash.Hash
	n   int64
	rel string
}

// create opens a new file at rel (slash-separated, must stay inside the
// stage).
func (s *stage) create(rel string) (*stagedFile, error) {
	local := filepath.FromSlash(rel)
	if !filepath.IsLocal(local) {
		return nil, fmt.Errorf("create %s: %w: path leaves the output directory", rel, ErrUnsafeOut)
	}
	p := filepath.Join(s.dir, local)
	if !within(s.dir, p) {
		return nil, fmt.Errorf("create %s: %w: path leaves the output directory", rel, ErrUnsafeOut)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", rel, err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", rel, err)
	}
	return &stagedFile{f: f, h: sha256.New(), rel: rel}, nil
}

func (sf *stagedFile) Write(p []byte) (int, error) {
	n, err := sf.f.Write(p)
	sf.h.Write(p[:n])
	sf.n += int64(n)
	return n, err
}

// finish fsyncs and closes the file and returns its manifest entry.
func (sf *stagedFile) finish(rows int64) (FileEntry, error) {
	if perFileSync {
		if err := sf.f.Sync(); err != nil {
			sf.f.Close()
			return FileEntry{}, fmt.Errorf("sync %s: %w", sf.rel, err)
		}
	}
	if err := sf.f.Close(); err != nil {
		return FileEntry{}, fmt.Errorf("close %s: %w", sf.rel, err)
	}
	return FileEntry{Path: sf.rel, Rows: rows, Bytes: sf.n, SHA256: hex.EncodeToString(sf.h.Sum(nil))}, nil
}

func (sf *stagedFile) abort() { sf.f.Close() }

// syncDirs makes the stage durable (see syncTree).
func (s *stage) syncDirs() error { return syncTree(s.dir) }

func syncDir(p string) error {
	d, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("sync directory %s: %w", p, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", p, err)
	}
	return nil
}

// errExchangeUnsupported is returned by renameExchange where the file
// system cannot swap two directories atomically.
var errExchangeUnsupported = errors.New("atomic exchange unsupported")

// renameNoReplaceFallback renames src to dst after checking that dst does
// not exist (not atomic against a concurrent creator of dst).
func renameNoReplaceFallback(src, dst string) error {
	if _, err := os.Lstat(dst); err == nil {
		return &os.LinkError{Op: "rename", Old: src, New: dst, Err: fs.ErrExist}
	}
	return os.Rename(src, dst)
}

// publish moves the stage into place. An existing output directory is
// exchanged atomically with the stage (Linux renameat2 RENAME_EXCHANGE) and
// removed afterwards; where the file system cannot exchange, the old
// directory is renamed aside first and removed only after the new one is in
// place. replaced reports whether a previous export was replaced.
func (s *stage) publish() (replaced bool, err error) {
	parent := filepath.Dir(s.out)
	if _, err := os.Lstat(s.out); errors.Is(err, fs.ErrNotExist) {
		if err := renameNoReplace(s.dir, s.out); err != nil {
			return false, fmt.Errorf("publish export %s: %w", s.out, err)
		}
		return false, syncDir(parent)
	}
	err = renameExchange(s.dir, s.out)
	switch {
	case err == nil:
		// s.dir now holds the previous export.
		if err := syncDir(parent); err != nil {
			return true, err
		}
		if err := os.RemoveAll(s.dir); err != nil {
			return true, fmt.Errorf("remove previous export (now at %s): %w", s.dir, err)
		}
		return true, nil
	case errors.Is(err, errExchangeUnsupported):
		old, err := os.MkdirTemp(parent, "."+filepath.Base(s.out)+".old-")
		if err != nil {
			return false, fmt.Errorf("publish export %s: %w", s.out, err)
		}
		os.Remove(old)
		if err := os.Rename(s.out, old); err != nil {
			return false, fmt.Errorf("publish export %s: move previous aside: %w", s.out, err)
		}
		if err := os.Rename(s.dir, s.out); err != nil {
			os.Rename(old, s.out) // put the previous export back
			return false, fmt.Errorf("publish export %s: %w", s.out, err)
		}
		if err := syncDir(parent); err != nil {
			return true, err
		}
		if err := os.RemoveAll(old); err != nil {
			return true, fmt.Errorf("remove previous export (now at %s): %w", old, err)
		}
		return true, nil
	default:
		return false, fmt.Errorf("publish export %s: %w", s.out, err)
	}
}

// discard removes the stage (after a failure).
func (s *stage) discard() { os.RemoveAll(s.dir) }
