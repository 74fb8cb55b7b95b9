package identity

import (
	"fmt"
	"sort"
	"strings"

	"github.com/budgetwh/budgetwh/model"
)

// RuleAmbiguous is the finding rule for look-alike departments.
const RuleAmbiguous = "identity.ambiguous"

// dept collects the normalised wordings of one department id.
type dept struct {
	id    string
	key   string            // canonical key when it can be re-derived without aliases
	names map[string]string // region|rest → a published wording
	docs  map[string]bool
}

type qualified struct{ region, rest, wording string }

// Ambiguities compares the identities of many documents and reports, as
// identity.ambiguous warnings, pairs of different department ids whose
// names are suspiciously close: the same normalised name under two keys (a
// code in one year, none in another), names that differ only by 办公室 vs
// 办公厅, or the same name where one region is missing or only the tail of
// the other (普陀区财政局 vs 上海市普陀区财政局). Names whose regions are
// distinct divisions (上海市财政局 vs 上海市普陀区财政局) are not reported.
// Ids are taken from DepartmentID (computed without aliases when empty);
// placeholders are skipped. The result is sorted and deterministic.
func Ambiguities(idents []model.Identity) []model.Finding {
	depts := map[string]*dept{}
	for _, id := range idents {
		did := id.DepartmentID
		if did == "" {
			did = Explain(id, nil).ID
		}
		d := depts[did]
		if d == nil {
			d = &dept{id: did, names: map[string]string{}, docs: map[string]bool{}}
			depts[did] = d
		}
		if d.key == "" {
			if k := Explain(id, nil).Key; IDOf(k) == did {
				d.key = k
			}
		}
		if id.DocID != "" {
			d.docs[id.DocID] = true
		}
		for _, w := range wordings(&id) {
			if IsPlaceholder(w) || clean(w) == "" {
				continue
			}
			r, rest := split(w)
			r = regionFor(r, id.Region)
			if rest == "" {
				continue
			}
			k := r + "|" + rest
			if old, ok := d.names[k]; !ok || w < old {
				d.names[k] = w
			}
		}
	}
	byFull := map[string][]qualifiedID{}
	byRest := map[string][]qualifiedID{}
	byOffice := map[string][]qualifiedID{}
	ids := make([]string, 0, len(depts))
	for id := range depts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		d := depts[id]
		ks := make([]string, 0, len(d.names))
		for k := range d.names {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		for _, k := range ks {
			region, rest, _ := strings.Cut(k, "|")
			q := qualifiedID{id: id, q: qualified{region, rest, d.names[k]}}
			byFull[k] = append(byFull[k], q)
			byRest[rest] = append(byRest[rest], q)
			if strings.Contains(rest, "办公厅") || strings.Contains(rest, "办公室") {
				ok := region + "|" + strings.ReplaceAll(rest, "办公厅", "办公室")
				byOffice[ok] = append(byOffice[ok], q)
			}
		}
	}
	reported := map[[2]string]model.Finding{}
	// report records a pair; from → into is the merge the alias file would
	// need, when one direction is clearly right.
	report := func(a, b qualifiedID, why string, from, into string) {
		if a.id == b.id {
			return
		}
		if b.id < a.id {
			a, b = b, a
		}
		advice := "add a merge or split row to the alias file"
		if from != "" && into != "" {
			if kf, ki := depts[from].key, depts[into].key; kf != "" && ki != "" {
				advice = fmt.Sprintf("if they are one department, add the alias row: merge,%s,%s,<reason>", kf, ki)
			}
		}
		pair := [2]string{a.id, b.id}
		if _, ok := reported[pair]; ok {
			return
		}
		reported[pair] = model.Finding{
			Rule:     RuleAmbiguous,
			Severity: model.SeverityWarning,
			Message: fmt.Sprintf("departments %s (%s) and %s (%s) %s; not merged: %s",
				a.id, a.q.wording, b.id, b.q.wording, why, advice),
			Expected:  a.q.wording,
			Actual:    b.q.wording,
			SourceRef: strings.Join(append(sortedKeys(depts[a.id].docs), sortedKeys(depts[b.id].docs)...), ","),
		}
	}
	eachPair := func(groups map[string][]qualifiedID, f func(a, b qualifiedID)) {
		keys := make([]string, 0, len(groups))
		for k := range groups {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			g := groups[k]
			for i := range g {
				for j := i + 1; j < len(g); j++ {
					f(g[i], g[j])
				}
			}
		}
	}
	eachPair(byFull, func(a, b qualifiedID) {
		// Merge the name-keyed identity into the code-keyed one.
		from, into := a.id, b.id
		if strings.HasPrefix(depts[a.id].key, keyCode) && !strings.HasPrefix(depts[b.id].key, keyCode) {
			from, into = b.id, a.id
		}
		report(a, b, "have the same normalised name", from, into)
	})
	eachPair(byOffice, func(a, b qualifiedID) {
		if a.q.rest != b.q.rest {
			report(a, b, "differ only by 办公室/办公厅", "", "")
		}
	})
	eachPair(byRest, func(a, b qualifiedID) {
		ra, rb := a.q.region, b.q.region
		if ra == rb {
			return
		}
		if ra == "" || rb == "" || strings.HasSuffix(ra, rb) || strings.HasSuffix(rb, ra) {
			// Merge the identity with the shorter region into the fuller one.
			from, into := a.id, b.id
			if len(ra) > len(rb) {
				from, into = b.id, a.id
			}
			report(a, b, "differ only by a region prefix", from, into)
		}
	})
	out := make([]model.Finding, 0, len(reported))
	pairs := make([][2]string, 0, len(reported))
	for p := range reported {
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0] != pairs[j][0] {
			return pairs[i][0] < pairs[j][0]
		}
		return pairs[i][1] < pairs[j][1]
	})
	for _, p := range pairs {
		out = append(out, reported[p])
	}
	return out
}

type qualifiedID struct {
	id string
	q  qualified
}
