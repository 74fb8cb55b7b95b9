package cli

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestExitCode(t *testing.T) {
	held := errors.New("warehouse locked: w.duckdb is held by pid 42")
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, ExitOK},
		{"usage", fmt.Errorf("%w: bad flag", ErrUsage), ExitUsage},
		{"our lock", asLocked(held), ExitLocked},
		{"DuckDB's own file lock", errors.New(`open warehouse: IO Error: Could not set lock on file "w.duckdb": Conflicting lock is held`), ExitLocked},
		{"partial", ErrPartial, ExitFailed},
		{"other", errors.New("boom"), ExitFailed},
	}
	for _, tt := range tests {
		if got := exitCode(context.Background(), tt.err); got != tt.want {
			t.Errorf("%s: exitCode = %d, want %d", tt.name, got, tt.want)
		}
	}
	if got := asLocked(held).Error(); got != held.Error() {
		t.Errorf("asLocked changed the message: %q", got)
	}
}
