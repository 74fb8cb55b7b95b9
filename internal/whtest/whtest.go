// Package whtest builds small, real warehouses for the tests of the packages
// that read the contract views (export, rollup): the Shanxi corpus text is
// read, interpreted, identified and checked by the real packages and written
// by schema.Write, and variants of it (another fiscal year, a hostile
// department name) are written as further documents. It is used by tests
// only.
package whtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"sync"
	"testing"

	"github.com/budgetwh/budgetwh/check"
	"github.com/budgetwh/budgetwh/identity"
	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema"
)

// HostileDepartment is a department name that tries to escape an export
// directory through a partition path.
const HostileDepartment = `../../evil/"部门" a\b=c%d..`

var (
	parseOnce sync.Once
	parsed    *model.Disclosure
	parseErr  error
	rawBytes  []byte
)

// Corpus returns the corpus text publication as a loaded-ready disclosure
// (interpreted, identified and checked). Callers must not modify it; use
// Variant for changed copies.
func Corpus(t testing.TB) *model.Disclosure {
	t.Helper()
	path := testutil.CorpusText(t)
	parseOnce.Do(func() {
		ctx := context.Background()
		rawBytes, parseErr = os.ReadFile(path)
		if parseErr != nil {
			return
		}
		d, err := text.Read(ctx, "houma-jjkjfzb-2024-budget.txt", rawBytes)
		if err != nil {
			parseErr = err
			return
		}
		dis := interpret.Interpret(ctx, d)
		sum := sha256.Sum256(rawBytes)
		dis.Identity.DocID = hex.EncodeToString(sum[:])
		dis.Identity.SourcePaths = []string{"corpus/houma-jjkjfzb-2024-budget.txt"}
		if dis.Identity.SourceFormat == "" {
			dis.Identity.SourceFormat = "text"
		}
		aliases, err := identity.DefaultAliases()
		if err != nil {
			parseErr = err
			return
		}
		identity.Assign(&dis.Identity, aliases)
		dis.Findings = append(dis.Findings, check.Document(dis)...)
		dis.Quarantine = nil // the fixture must load whatever the policy of the day says
		parsed = dis
	})
	if parseErr != nil {
		t.Fatalf("build corpus disclosure: %v", parseErr)
	}
	return parsed
}

// Variant returns a shallow copy of d as another publication: a new doc_id
// derived from tag, and the fiscal year and department given (zero values
// keep d's). The department id is reassigned from the new name.
func Variant(t testing.TB, d *model.Disclosure, tag string, year int, department string) *model.Disclosure {
	t.Helper()
	c := *d
	id := c.Identity
	sum := sha256.Sum256([]byte(id.DocID + "|" + tag))
	id.DocID = hex.EncodeToString(sum[:])
	id.SourcePaths = []string{"variants/" + tag + ".txt"}
	if year != 0 {
		id.FiscalYear = year
	}
	if department != "" {
		id.Department = department
		id.DepartmentNames = nil
		id.DepartmentCode = ""
		id.DepartmentID = ""
		aliases, err := identity.DefaultAliases()
		if err != nil {
			t.Fatal(err)
		}
		identity.Assign(&id, aliases)
	}
	c.Identity = id
	return &c
}

// Build creates (or extends) the warehouse at path and writes ds into it,
// each in its own transaction; it fails the test unless every document
// loads.
func Build(t testing.TB, path string, ds ...*model.Disclosure) {
	t.Helper()
	ctx := context.Background()
	w, err := schema.Open(ctx, path, schema.Options{ParserVersion: "whtest"})
	if err != nil {
		t.Fatalf("open test warehouse: %v", err)
	}
	defer w.Close()
	for _, d := range ds {
		res, err := w.Write(ctx, d)
		if err != nil {
			t.Fatalf("write %s: %v", d.Identity.DocID, err)
		}
		if res.Status != schema.WriteLoaded {
			t.Fatalf("write %s: status %s, want loaded", d.Identity.DocID, res.Status)
		}
	}
}
