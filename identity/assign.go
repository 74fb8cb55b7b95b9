package identity

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/budgetwh/budgetwh/model"
)

// Key prefixes.
const (
	keyCode        = "code:"
	keyName        = "name:"
	keySplit       = "split:"
	keyPlaceholder = "placeholder:"
	keyUnknown     = "unknown:"
	// keyDoc selects one document in an alias file (doc:<doc_id>); it is
	// never a department key itself.
	keyDoc = "doc:"
)

// Bases of an identity (Resolution.Basis).
const (
	BasisCode        = "code"
	BasisName        = "name"
	BasisAlias       = "alias"
	BasisSplit       = "split"
	BasisPlaceholder = "placeholder"
	BasisUnknown     = "unknown"
)

// maxAliasHops bounds merge chains (a→b→c) and breaks cycles.
const maxAliasHops = 8

// Resolution explains how a document's department identity was derived.
type Resolution struct {
	Key       string   // canonical key, hashed into ID
	ID        string   // d_ + 16 hex digits
	Basis     string   // code, name, alias, split, placeholder, unknown
	Canonical string   // the published wording the key was taken from
	Region    string   // region qualifying the key ("" when unknown)
	Code      string   // cleaned department code ("" when unpublished)
	Wordings  []string // every wording of the document, table name first
	Evidence  []string // why: one sentence per fact used
}

// IDOf returns the department id of a canonical key.
func IDOf(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "d_" + hex.EncodeToString(sum[:])[:16]
}

func nameKey(region, rest string) string { return keyName + region + ":" + rest }

// cleanCode keeps the letters and digits of a published department code;
// a placeholder code (XXX) counts as unpublished.
func cleanCode(code string) string {
	c := clean(code)
	if c == "" || IsPlaceholder(code) || strings.Contains(c, "XX") {
		return ""
	}
	return c
}

// wordings returns the document's distinct non-empty wordings, table name
// first.
func wordings(id *model.Identity) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range append([]string{id.Department}, id.DepartmentNames...) {
		w = strings.TrimSpace(w)
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

// usable reports whether a wording can decide an identity: not a
// placeholder, and naming more than a region (上海市普陀区 alone is not a
// department).
func usable(w string) bool {
	if IsPlaceholder(w) {
		return false
	}
	_, rest := split(w)
	return strings.TrimPrefix(rest, "中共") != ""
}

// primary picks the wording the key comes from: the table name when it is
// usable, else the most specific other usable wording (one with a region,
// then the longest normalised form, then the smallest string); "" when no
// wording is usable.
func primary(id *model.Identity, ws []string) string {
	if d := strings.TrimSpace(id.Department); usable(d) {
		return d
	}
	best, bestRegion, bestLen := "", false, -1
	for _, w := range ws {
		if !usable(w) {
			continue
		}
		r, _ := split(w)
		hasRegion, n := r != "", len(Normalize(w))
		switch {
		case best == "",
			hasRegion && !bestRegion,
			hasRegion == bestRegion && n > bestLen,
			hasRegion == bestRegion && n == bestLen && w < best:
			best, bestRegion, bestLen = w, hasRegion, n
		}
	}
	return best
}

// anyPlaceholder returns the first placeholder wording, or "".
func anyPlaceholder(ws []string) string {
	for _, w := range ws {
		if IsPlaceholder(w) {
			return w
		}
	}
	return ""
}

// regionFor qualifies a wording's region with the document's stated region:
// the stated region wins when the name has none or names only its tail
// (普陀区司法局 in a document of 上海市普陀区).
func regionFor(nameRegion, stated string) string {
	s := clean(stated)
	if s == "" {
		return nameRegion
	}
	if nameRegion == "" || len(s) > len(nameRegion) && strings.HasSuffix(s, nameRegion) {
		return s
	}
	return nameRegion
}

// Explain derives the department identity of a document and says why.
// It does not modify id. a may be nil.
func Explain(id model.Identity, a *Aliases) Resolution {
	ws := wordings(&id)
	r := Resolution{Wordings: ws, Code: cleanCode(id.DepartmentCode)}
	p := primary(&id, ws)
	r.Canonical = p
	doc := id.DocID
	if doc == "" {
		doc = strings.Join(id.SourcePaths, "+")
	}
	switch {
	case p == "" && anyPlaceholder(ws) != "":
		w := anyPlaceholder(ws)
		r.Key, r.Basis = keyPlaceholder+doc, BasisPlaceholder
		r.Canonical = w
		nr, _ := split(w)
		r.Region = regionFor(nr, id.Region)
		r.Evidence = append(r.Evidence, fmt.Sprintf("placeholder name %q: an identity of its own, merged with nothing (document %s)", w, short(doc)))
	case p == "" && r.Code != "" && clean(id.Region) != "":
		r.Region = clean(id.Region)
		r.Key, r.Basis = keyCode+r.Region+":"+r.Code, BasisCode
		r.Evidence = append(r.Evidence, fmt.Sprintf("department code %s published in region %s (no name published)", r.Code, r.Region))
	case p == "":
		r.Key, r.Basis = keyUnknown+doc, BasisUnknown
		if len(ws) > 0 {
			r.Canonical = ws[0]
			r.Evidence = append(r.Evidence, fmt.Sprintf("wording %q names no department: an identity of its own (document %s)", ws[0], short(doc)))
		} else {
			r.Evidence = append(r.Evidence, fmt.Sprintf("no department name published: an identity of its own (document %s)", short(doc)))
		}
	default:
		nr, rest := split(p)
		r.Region = regionFor(nr, id.Region)
		if r.Code != "" && r.Region != "" {
			r.Key, r.Basis = keyCode+r.Region+":"+r.Code, BasisCode
			r.Evidence = append(r.Evidence, fmt.Sprintf("department code %s published in region %s", r.Code, r.Region))
		} else {
			r.Key, r.Basis = nameKey(r.Region, rest), BasisName
			ev := fmt.Sprintf("name %q normalises to %s", p, Normalize(p))
			if r.Region == "" {
				ev += " (no region stated)"
			} else if nr == "" {
				ev += fmt.Sprintf(" qualified by the document's region %s", r.Region)
			}
			if r.Code != "" {
				ev += fmt.Sprintf("; code %s ignored without a region", r.Code)
			}
			r.Evidence = append(r.Evidence, ev)
		}
		own := nameKey(r.Region, rest)
		for _, w := range ws {
			if w == p {
				continue
			}
			wr, wrest := split(w)
			switch {
			case IsPlaceholder(w):
				r.Evidence = append(r.Evidence, fmt.Sprintf("placeholder wording %q in the same document ignored", w))
			case wrest == "" || strings.TrimPrefix(wrest, "中共") == "":
				r.Evidence = append(r.Evidence, fmt.Sprintf("wording %q names only the region", w))
			case nameKey(regionFor(wr, id.Region), wrest) == own:
				r.Evidence = append(r.Evidence, fmt.Sprintf("wording %q normalises to the same name", w))
			default:
				r.Evidence = append(r.Evidence, fmt.Sprintf("wording %q is used by the same document", w))
			}
		}
		r.applyAliases(&id, a, rest)
	}
	r.ID = IDOf(r.Key)
	return r
}

// applyAliases rewrites the key by the first matching alias row, following
// merge chains.
func (r *Resolution) applyAliases(id *model.Identity, a *Aliases, rest string) {
	if a == nil || len(a.rows) == 0 {
		return
	}
	cands := map[string]bool{r.Key: true, nameKey(r.Region, rest): true}
	if id.DocID != "" {
		cands[keyDoc+id.DocID] = true
	}
	for _, w := range r.Wordings {
		if IsPlaceholder(w) {
			continue
		}
		wr, wrest := split(w)
		cands[nameKey(wr, wrest)] = true
		cands[nameKey(regionFor(wr, id.Region), wrest)] = true
	}
	seen := map[string]bool{}
	for hop := 0; hop < maxAliasHops; hop++ {
		row, ok := a.match(cands)
		if !ok || seen[row.Source] {
			return
		}
		seen[row.Source] = true
		desc := fmt.Sprintf("alias %s: %s %q into %q", row.Source, row.Action, row.NameOrKey, row.Target)
		if row.Reason != "" {
			desc += " (" + row.Reason + ")"
		}
		r.Evidence = append(r.Evidence, desc)
		if row.Action == ActionSplit {
			r.Key, r.Basis = keySplit+Normalize(row.Target), BasisSplit
			return
		}
		r.Key, r.Basis = aliasKey(row.Target), BasisAlias
		cands = map[string]bool{r.Key: true}
	}
}

// match returns the first row whose name_or_key denotes one of the keys.
func (a *Aliases) match(keys map[string]bool) (AliasRow, bool) {
	for _, row := range a.rows {
		k := row.key
		if k == "" {
			k = aliasKey(row.NameOrKey)
		}
		if keys[k] {
			return row, true
		}
	}
	return AliasRow{}, false
}

// Assign sets id.DepartmentID deterministically (see Explain) and fills
// id.Region from the department name when the document did not state one.
func Assign(id *model.Identity, a *Aliases) {
	r := Explain(*id, a)
	id.DepartmentID = r.ID
	if id.Region == "" {
		id.Region = r.Region
	}
}

// sortedKeys returns the keys of a set in order.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// short abbreviates a doc_id for messages, as the CLI prints it.
func short(docID string) string {
	if len(docID) > 12 {
		return docID[:12]
	}
	return docID
}
