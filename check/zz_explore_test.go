package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/internal/testutil"
)

func TestZZExplore(t *testing.T) {
	if os.Getenv("CHECK_EXPLORE") == "" {
		t.Skip()
	}
	srcs, err := ingest.Discover([]string{filepath.Join(testutil.CorpusDir(t), "real")})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		dd, err := ingest.Read(context.Background(), s)
		if err != nil {
			t.Logf("%v: %v", s, err)
			continue
		}
		d := interpret.Interpret(context.Background(), dd)
		name := filepath.Base(s.Paths()[0])
		os.WriteFile("/tmp/ckx/"+name+".dump", interpret.Dump(d), 0o644)
		fs := Document(d)
		var out []byte
		for _, f := range fs {
			out = append(out, fmt.Sprintf("%s %s %s: %s\n", f.Severity, f.Rule, f.SourceRef, f.Message)...)
		}
		out = append(out, fmt.Sprintf("quarantine %q\n", Quarantine(d))...)
		os.WriteFile("/tmp/ckx/"+name+".findings", out, 0o644)
	}
}
