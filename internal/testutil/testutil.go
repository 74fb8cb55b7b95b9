// Package testutil holds helpers shared by tests: locating the shared corpus
// and golden-file comparison.
package testutil

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Update is the -update flag: rewrite golden files instead of comparing.
var Update = flag.Bool("update", false, "rewrite golden files under testdata/")

// CorpusDir returns the shared corpus directory (../shared/corpus beside the
// repository), or skips the test when it cannot be found. BUDGETWH_CORPUS
// overrides the search.
func CorpusDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("BUDGETWH_CORPUS"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		for _, cand := range []string{filepath.Join(dir, "shared", "corpus"), filepath.Join(dir, "..", "shared", "corpus")} {
			if st, err := os.Stat(cand); err == nil && st.IsDir() {
				return cand
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("shared corpus not found (set BUDGETWH_CORPUS)")
		}
		dir = parent
	}
}

// CorpusText returns the path of the Shanxi corpus text publication.
func CorpusText(t testing.TB) string {
	return filepath.Join(CorpusDir(t), "houma-jjkjfzb-2024-budget.txt")
}

// Golden compares got with the golden file at path (relative to the test's
// package directory), rewriting it when -update is set.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden %s: %v (run with -update to create it)", path, err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}
