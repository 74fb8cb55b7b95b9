package check

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/internal/testutil"
)

const rulesHeader = `# Reconciliation rules (package check)

This file is generated from the rule set (` + "`go test ./check -run TestRules_doc -update`" + `);
the test fails when it and the code disagree.

Every document is checked on ingest (` + "`check.Document`" + `) and the findings land in the
` + "`findings`" + ` view with the rule id below. Amounts are compared in yuan with exact decimal
arithmetic. **Tolerance**: a table figure is rounded to 0.01 of its table's unit, so a sum of
n printed terms may be off by n × 0.01 unit (100 yuan per term in a 万元 table, 0.01 yuan in a
元 table); two tables in different units are compared at the coarser unit. Prose figures are
allowed half their last printed digit (1146.3万元 ± 0.05万元). Percentages are recomputed as the
interval the printed rounding of their operands allows and compared with the printed
percentage ± half its last digit.

**Fail-closed**: when a table's unit is unknown, or the facts a rule needs are absent, the rule
emits an ` + "`info`" + ` finding whose message ends in "insufficient data" instead of guessing.
A rule never returns an error.

**Severity**: ` + "`error`" + ` — the publication contradicts itself arithmetically; ` + "`warning`" + ` — a
completeness or consistency defect a reader should look at (a missing form, a name that
differs, a cost indicator that is not the annual amount); ` + "`info`" + ` — the rule could not be
applied. ` + "`ingest --strict`" + ` fails a document with any error finding.

**Quarantine** (` + "`check.Quarantine`" + `): a document is stored with status ` + "`quarantined`" + ` (its raw
text and findings kept, no facts) when ingest/interpret found its structure unreadable, or
when it has no expenditure summary with amounts, no known table unit, no fiscal year or no
department.

`

func rulesMarkdown() []byte {
	var b bytes.Buffer
	b.WriteString(rulesHeader)
	b.WriteString("| rule | severity | identity checked | tolerance |\n|---|---|---|---|\n")
	row := func(r Rule) {
		esc := func(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.ID, r.Severity, esc(r.Description), esc(r.Tolerance))
	}
	for _, r := range Rules() {
		row(r)
	}
	b.WriteString("\nCross-document rule (`check.Corpus`, SQL in `check/corpus.sql` over the views\n`func_amounts` and `documents`; findings carry the doc_id of the deviating document):\n\n")
	b.WriteString("| rule | severity | identity checked | tolerance |\n|---|---|---|---|\n")
	row(CorpusRule)
	return b.Bytes()
}

// TestRules_doc keeps RULES.md in step with the rule set.
func TestRules_doc(t *testing.T) {
	testutil.Golden(t, "RULES.md", rulesMarkdown())
}
