package readertest

import (
	"context"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/doc"
	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/model"
)

// ReadFunc is a reader's entry point (text.Read, pdf.Read, xlsx.Read).
type ReadFunc func(ctx context.Context, name string, data []byte) (*doc.Document, error)

// Source is one reading of a publication: a reader and the bytes it reads.
type Source struct {
	Name string // file name given to the reader (its extension is informative only)
	Data []byte
	Read ReadFunc
}

// Interpret reads src and interprets the document, failing the test on a
// read error.
func Interpret(t testing.TB, src Source) *model.Disclosure {
	t.Helper()
	d, err := src.Read(context.Background(), src.Name, src.Data)
	if err != nil {
		t.Fatalf("read %s: %v", src.Name, err)
	}
	return interpret.Interpret(context.Background(), d)
}

// Equivalent fails the test when the fact rows of the given kinds differ
// between a and b (named in the message), or when a has fewer than min
// rows over those kinds (a comparison of two empty readings proves
// nothing).
func Equivalent(t testing.TB, aName string, a *model.Disclosure, bName string, b *model.Disclosure, kinds []Kind, min int) {
	t.Helper()
	EquivalentKnown(t, aName, a, bName, b, kinds, min, nil)
}

// EquivalentKnown is Equivalent with documented known differences
// (DiffKnown).
func EquivalentKnown(t testing.TB, aName string, a *model.Disclosure, bName string, b *model.Disclosure, kinds []Kind, min int, known []Known) {
	t.Helper()
	n := Count(Facts(a, kinds))
	if n < min {
		t.Errorf("%s: only %d fact rows of kinds %v, want at least %d", aName, n, kinds, min)
	}
	t.Logf("%s vs %s: %d fact rows of %d kinds compared, %d known differences", aName, bName, n, len(kinds), len(known))
	if d := DiffKnown(a, b, kinds, known); d != "" {
		t.Errorf("facts differ between %s and %s (-%s +%s):\n%s", aName, bName, aName, bName, d)
	}
}

// Case is one pairing the suite checks: the reference reading, the other
// readings of the same publication, the fact kinds they must agree on (and
// why a kind is left out, in Note), and the minimum number of reference
// fact rows.
type Case struct {
	Name   string
	Ref    Source
	Others []Source
	Kinds  []Kind
	Min    int
	Note   string // why Kinds is what it is
	// Known lists documented differences (defects not fixed yet).
	Known []Known
}

// Run checks every case in a subtest: each other reading gives the same
// fact rows of the case's kinds as the reference reading.
func Run(t *testing.T, cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			if len(c.Kinds) == 0 {
				t.Fatal("no fact kinds to compare: list them explicitly")
			}
			if len(c.Others) == 0 {
				t.Fatal("no reading to compare with the reference")
			}
			ref := Interpret(t, c.Ref)
			for _, o := range c.Others {
				EquivalentKnown(t, c.Ref.Name, ref, o.Name, Interpret(t, o), c.Kinds, c.Min, c.Known)
			}
		})
	}
}
