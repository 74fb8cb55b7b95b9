package queries_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/budgetwh/budgetwh/app"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/schema"
)

// Test warehouses are built once per test binary by the real pipeline
// (app.Ingest) and shared read-only by every test:
//
//	text    the Shanxi text publication alone (fast; always built)
//	corpus  the text publication plus the development corpus of real PDFs
//	        (about 20 s; skipped with -short)
const (
	modeText   = "text"
	modeCorpus = "corpus"
)

var (
	whRoot string
	whMu   sync.Mutex
	whOpen = map[string]*schema.Warehouse{}
	whErr  = map[string]error{}
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "budgetwh-queries-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	whRoot = dir
	code := m.Run()
	for _, w := range whOpen {
		w.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// warehouse returns the read-only test warehouse of the given mode.
func warehouse(t testing.TB, mode string) *sql.DB {
	t.Helper()
	if mode == modeCorpus && testing.Short() {
		t.Skip("corpus warehouse (real PDFs) skipped in -short mode")
	}
	paths := []string{testutil.CorpusText(t)}
	if mode == modeCorpus {
		paths = append(paths, filepath.Join(testutil.CorpusDir(t), "real"))
	}
	whMu.Lock()
	defer whMu.Unlock()
	if w, ok := whOpen[mode]; ok {
		return w.DB()
	}
	if err, ok := whErr[mode]; ok {
		t.Fatalf("build %s warehouse: %v", mode, err)
	}
	ctx := context.Background()
	path := filepath.Join(whRoot, mode+".duckdb")
	rep, err := app.Ingest(ctx, app.IngestOptions{DB: path, Workers: 2}, paths)
	if errors.Is(err, app.ErrSomeFailed) {
		err = nil // failed documents are absent from the views; goldens show it
	}
	if err == nil && rep.Count(app.StatusLoaded) == 0 {
		err = fmt.Errorf("no document loaded")
	}
	var w *schema.Warehouse
	if err == nil {
		w, err = schema.Open(ctx, path, schema.Options{ReadOnly: true})
	}
	if err != nil {
		whErr[mode] = err
		t.Fatalf("build %s warehouse: %v", mode, err)
	}
	whOpen[mode] = w
	return w.DB()
}
