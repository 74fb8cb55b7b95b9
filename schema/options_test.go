package schema

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpen_settings(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	setting := func(w *Warehouse, name string) string {
		t.Helper()
		var v string
		if err := w.DB().QueryRowContext(ctx, "SELECT current_setting('"+name+"')::VARCHAR").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	w, err := Open(ctx, path, Options{MemoryLimit: "300MB", CheckpointThreshold: "128MB"})
	if err != nil {
		t.Fatal(err)
	}
	// DuckDB prints sizes in its own units (300MB → 286.1 MiB).
	if got := setting(w, "memory_limit"); !strings.Contains(got, "286.1 MiB") {
		t.Errorf("memory_limit = %q, want 300MB", got)
	}
	if got := setting(w, "checkpoint_threshold"); !strings.Contains(got, "122.0 MiB") {
		t.Errorf("checkpoint_threshold = %q, want 128MB", got)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// Read-only opens take a memory limit too.
	w, err = Open(ctx, path, Options{ReadOnly: true, MemoryLimit: "200MB"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if got := setting(w, "memory_limit"); !strings.Contains(got, "190.7 MiB") {
		t.Errorf("read-only memory_limit = %q, want 200MB", got)
	}
	if got := setting(w, "access_mode"); !strings.EqualFold(got, "read_only") {
		t.Errorf("access_mode = %q", got)
	}
	if _, err := Open(ctx, filepath.Join(t.TempDir(), "x.duckdb"), Options{MemoryLimit: "lots"}); err == nil {
		t.Error("Open with memory_limit \"lots\" succeeded, want an error")
	}
}
