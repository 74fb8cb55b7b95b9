package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/lock"
)

// shanxiDefects are the corpus text's real defects (issue 4, point 4): the
// rule and how many findings of it check lists.
var shanxiDefects = map[string]int{
	"projects.form_missing":       1,
	"projects.form_name_mismatch": 1,
	"forms.cost_indicator":        4,
}

// ruleCounts counts the findings of each rule in check's JSON output.
func ruleCounts(t *testing.T, out string) map[string]int {
	t.Helper()
	var rows []struct {
		Rule string `json:"rule"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("check --format json output is not JSON: %v\n%s", err, out)
	}
	n := map[string]int{}
	for _, r := range rows {
		n[r.Rule]++
	}
	return n
}

func wantDefects(t *testing.T, got map[string]int) {
	t.Helper()
	for rule, want := range shanxiDefects {
		if got[rule] != want {
			t.Errorf("%d %s finding(s), want %d (all: %v)", got[rule], rule, want, got)
		}
	}
}

func TestMain_checkRerun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	if code, out, errOut := run(t, "ingest", "--db", db, testutil.CorpusText(t)); code != ExitOK {
		t.Fatalf("ingest exit %d\n%s\n%s", code, out, errOut)
	}
	check := func(args ...string) (int, string, string) {
		t.Helper()
		return run(t, append([]string{"check", "--db", db}, args...)...)
	}

	// As ingested: the defects, read-only.
	code, out, errOut := check("--format", "json")
	if code != ExitOK {
		t.Fatalf("check exit %d: %s", code, errOut)
	}
	wantDefects(t, ruleCounts(t, out))

	// Re-running unchanged rules changes nothing.
	code, out, errOut = check("--rerun")
	if code != ExitOK || !strings.HasPrefix(out, "rechecked 1 document(s): 0 finding(s) added, 0 removed") ||
		!strings.Contains(out, "forms.cost_indicator") {
		t.Errorf("check --rerun exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}

	// A finding deleted by hand is gone until --rerun restores it.
	if code, _, errOut := run(t, "sql", "--db", db, "--write", "DELETE FROM core.findings WHERE rule = 'projects.form_missing'"); code != ExitOK {
		t.Fatalf("sql --write: exit %d: %s", code, errOut)
	}
	if _, out, _ = check("--format", "json"); ruleCounts(t, out)["projects.form_missing"] != 0 {
		t.Fatalf("the deleted finding is still listed:\n%s", out)
	}
	code, out, errOut = check("--rerun", "--format", "json")
	if code != ExitOK {
		t.Fatalf("check --rerun --format json exit %d: %s", code, errOut)
	}
	wantDefects(t, ruleCounts(t, out)) // stdout is JSON only
	if !strings.Contains(errOut, "1 added, 0 removed") || !strings.Contains(errOut, "+ warning projects.form_missing: project 科技研发平台认定奖励") {
		t.Errorf("the change report (stderr with --format json) does not name the restored finding:\n%s", errOut)
	}

	// --doc selects by prefix on the re-run too.
	code, out, _ = check("--rerun", "--doc", ruleDocPrefix(t, db))
	if code != ExitOK || !strings.HasPrefix(out, "rechecked 1 document(s): 0 finding(s) added, 0 removed") {
		t.Errorf("check --rerun --doc: exit %d\n%s", code, out)
	}

	// Listing takes no lock; --rerun does, and fails at once or waits.
	lk, err := lock.Acquire(context.Background(), db, lock.Options{Command: "test holder"})
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := check(); code != ExitOK {
		t.Errorf("check beside a lock holder: exit %d: %s", code, errOut)
	}
	code, _, errOut = check("--rerun")
	if code != ExitLocked || !strings.Contains(errOut, "test holder") {
		t.Errorf("check --rerun beside a lock holder: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = check("--rerun", "--wait", "200ms")
	if code != ExitLocked || !strings.Contains(errOut, "gave up after waiting") {
		t.Errorf("check --rerun --wait 200ms beside a lock holder: exit %d, stderr %q", code, errOut)
	}
	lk.Close()

	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown document", []string{"--rerun", "--doc", "zzz"}, "no such document"},
		{"--wait without --rerun", []string{"--wait", "1s"}, "--wait needs --rerun"},
		{"bad format", []string{"--rerun", "--format", "xml"}, "--format"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := check(tt.args...)
			if code != ExitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d naming %q", code, errOut, ExitUsage, tt.want)
			}
		})
	}
}

// ruleDocPrefix returns the first 10 characters of the only document's doc_id.
func ruleDocPrefix(t *testing.T, db string) string {
	t.Helper()
	code, out, errOut := run(t, "sql", "--db", db, "--format", "csv", "SELECT left(doc_id, 10) FROM documents")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != ExitOK || len(lines) != 2 {
		t.Fatalf("sql: exit %d: %s %s", code, out, errOut)
	}
	return lines[1]
}
