package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/budgetwh/budgetwh/identity"
	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/ingest/recognize"
	"github.com/budgetwh/budgetwh/model"
	"github.com/budgetwh/budgetwh/schema"
)

// Joining the two files of a split publication that are not named
// X.part1.pdf / X.part2.pdf.
//
// Some publishers release a budget as a narrative file (说明, no tables) and
// a tables file (公开表, no prose) under unrelated names. Which files belong
// together is only known after parsing (department, year, kind and level
// are read from the documents; file names are never used), so the join is
// decided after the parse stage, in the writer goroutine of Ingest:
//
//   - Only a single-file source whose folder holds at least two single-file
//     sources in this run is a candidate ("eligible"). Every other source is
//     written exactly as before.
//   - An eligible source is held back (not written yet) only when it has one
//     of the two incomplete shapes (joinRoleOf): a narrative — quarantined,
//     department (not a placeholder) and year known, narrative facts found,
//     no table fact and no recognised table of a known kind; or a tables
//     file — department and year known, totals and a recognised table of a
//     known kind found, no narrative fact and at most tablesOnlyParagraphs
//     paragraphs. A complete publication has neither shape and pays only
//     this test (BenchmarkJoiner_normalPath: ~2 µs a document, against ~10
//     ms to parse and write it).
//   - When the writer has received the last eligible source of a folder,
//     the folder's held sources are paired (pairUp): same fiscal year, kind
//     and level, and the same department (same department_id through the
//     identity aliases, equal or contained normalised names, or the shorter
//     normalised name a subsequence of the longer: 江苏省委办公厅 in
//     中国共产党江苏省委员会办公厅); pairs must be each other's unique best
//     match. Departments whose names do not match are never joined, not
//     even when they are the only narrative and the only tables file of a
//     year/kind/level in the folder: #3's narrative (江苏省委办公厅) next to
//     #4's tables (江苏省政协办公厅) is exactly that shape and two different
//     departments. Both then get an info finding (RuleJoinCandidate) naming
//     the other file and both spellings; an alias line (--aliases) that
//     gives the two names one department_id makes them join.
//   - A pair becomes one ingest.Source with two parts, narrative first (part
//     1), tables second, and is parsed again exactly like an X.part1/X.part2
//     group: the same bytes give the same doc_id and the same fact rows
//     whichever way the files are named (source_ref strings name the actual
//     file of part 2). The joined document carries an info finding
//     (RuleJoined) naming both files and both department spellings. If the
//     joined parse fails, the two files are written alone as before.
//   - A held source left unpaired is written as it would have been: its
//     parsed disclosure is kept while held (at most maxHeldDocs and
//     maxHeldBytes per run; beyond that only its identity is kept and it is
//     parsed again). The worst case is a folder of many tables-only files
//     and no narrative (e.g. workbooks downloaded without their 说明): all
//     are held until the folder's last file, and those beyond the bounds
//     (some hundreds of files, at most 1,024) are parsed twice.
//   - Results go through the group writer as every other (reported once
//     committed; cancellation stops before the next document). Held files
//     are reported when their folder is resolved, so the report is in input
//     order except for them; every file appears in it exactly once, a
//     joined document's DocResult.Paths (and the ingest line) naming both.
//
// Reruns: before parsing, two single-file sources whose paths are those of
// a stored two-file document and whose bytes still give its doc_id are
// regrouped into one source (regroupStored, one query when the warehouse
// is not empty), so an unchanged joined document is skipped unparsed like
// any other; moved or renamed files are parsed and joined again, and found
// unchanged by their joined doc_id before being written. A file stored
// alone earlier (a tables-only document loaded, or a quarantined one) that
// is unchanged is held too when the warehouse says it may have one of the
// shapes (sql/join_candidates.sql; a quarantined one is parsed to check,
// only when a tables file of its year/kind/level waits in the folder), so
// that a half added later joins it: the joined document then supersedes
// the tables-only one through the ordinary version key.
//
// Sharding: shards are chosen per source before parsing (by content hash),
// so the two files of a split publication often fall in different shards.
// The shard filter keeps, by folder, the paths of the single-file sources
// of other shards (Shard.split; only folders with at least two single-file
// sources in all), and eligibility counts them. When a shard resolves a
// folder in which it holds a file (the folder's other-shard files are
// never looked at otherwise: a folder of complete publications costs
// nothing), it parses the folder's other-shard files, keeps those with one
// of the two shapes as foreign candidates, and pairs over both sets in path
// order — the same files and the same order as an unsharded run, so every
// shard reaches the same pairs, ties and lone notes. A pair is written by
// the shard of its narrative file: there the joined document (its Sources
// counts only this shard's file, the tables file being counted in
// OtherShards by the filter); in the tables file's shard nothing is written
// for it and it is counted in OtherShards (joinedElsewhere). Both shards
// parse the joined source, so that when it fails each writes its own file
// alone, as an unsharded run writes both. A foreign file is never written.
// The merged shards then equal one unsharded ingest
// (TestIngest_joinShardsEveryAssignment, TestIngest_joinShardsJiangsu).

// Rule ids of the findings the join adds.
const (
	// RuleJoined (info) is on a joined document: which files, why.
	RuleJoined = "ingest.joined_files"
	// RuleJoinCandidate (info) is on the lone narrative and the lone tables
	// file of a year/kind/level in a folder that were not joined because
	// their department names differ, and on the two files of a pair whose
	// joined parse failed (written alone).
	RuleJoinCandidate = "ingest.join_candidate"
)

const (
	// tablesOnlyParagraphs is the most paragraphs a tables file may have
	// (a cover page, a table index).
	tablesOnlyParagraphs = 5
)

// maxHeldDocs and maxHeldBytes bound the held disclosures kept in memory by
// one run. A held source beyond them keeps only its identity and is parsed
// again if left alone. The bytes are an estimate, heldSize: measured on the
// corpus, a held Jiangsu tables file retains 27 KB (raw text 9.5 KB), a
// narrative 198 KB (raw text 29 KB). (Variables so that tests can make
// every held source be parsed again.)
var (
	maxHeldDocs        = 1024
	maxHeldBytes int64 = 64 << 20
)

// heldSize estimates the memory a held disclosure retains.
func heldSize(d *model.Disclosure) int64 { return 16<<10 + 8*int64(len(d.Raw)) }

type joinRole int

const (
	roleNone joinRole = iota
	roleNarrative
	roleTables
)

func (r joinRole) String() string {
	switch r {
	case roleNarrative:
		return "narrative"
	case roleTables:
		return "tables"
	}
	return "none"
}

// joinRoleOf classifies a parsed single-file disclosure.
func joinRoleOf(d *model.Disclosure) joinRole {
	if d == nil {
		return roleNone
	}
	id := d.Identity
	if id.Department == "" || id.FiscalYear == 0 || identity.IsPlaceholder(id.Department) {
		return roleNone
	}
	tableFacts := len(d.Totals) + len(d.FuncAmounts) + len(d.EconAmounts) + len(d.ThreePublic) + len(d.Projects)
	if len(d.Quarantine) > 0 && tableFacts == 0 && len(d.Narrative) > 0 {
		for _, t := range d.Tables {
			if t.Kind != recognize.KindUnknown {
				return roleNone
			}
		}
		return roleNarrative
	}
	if len(d.Totals) > 0 && len(d.Narrative) == 0 && len(d.Paragraphs) <= tablesOnlyParagraphs {
		for _, t := range d.Tables {
			if t.Kind != recognize.KindUnknown {
				return roleTables
			}
		}
	}
	return roleNone
}

// joinIdent is what pairing compares.
type joinIdent struct {
	dept   string
	deptID string
	names  []string
	year   int
	kind   string
	level  string
}

func identOf(d *model.Disclosure) joinIdent {
	id := d.Identity
	return joinIdent{dept: id.Department, deptID: id.DepartmentID, names: id.DepartmentNames,
		year: id.FiscalYear, kind: id.Kind, level: id.Level}
}

func (j joinIdent) key() string { return fmt.Sprintf("%d|%s|%s", j.year, j.kind, j.level) }

// joinCand is a held source.
type joinCand struct {
	idx    int
	src    ingest.Source
	role   joinRole
	id     joinIdent
	d      *model.Disclosure // nil when dropped (parsed again) or stored
	size   int64             // held bytes of d (see maxHeldBytes)
	res    DocResult
	stored bool // unchanged, stored alone earlier: res is its unchanged result
	// verified: the role comes from a parse (a stored quarantined document
	// is only a possible narrative until parsed).
	verified bool
	// foreign: a file of another shard, parsed only to pair (never written
	// by this shard); idx is then -1.
	foreign bool
}

// storedCand is a stored document that may be half of a publication.
type storedCand struct {
	status string
	id     joinIdent
}

// joiner holds the incomplete sources of Ingest and joins them.
type joiner struct {
	p       Pipeline
	lookup  statusLookup
	strict  bool
	reparse bool
	workers int

	srcs   []ingest.Source
	others map[string][]ingest.Source // other shards' single files, by folder (Shard.split)
	folder []string                   // per source: its folder when eligible, "" otherwise
	lastOf map[int]string             // source index → folder it is the last eligible source of
	held   map[string][]*joinCand
	stored map[string]storedCand // by doc_id
	kept   int                   // held disclosures in memory
	keptB  int64                 // and their bytes
	// elsewhere counts this shard's tables files joined with another
	// shard's narrative file, which that shard writes.
	elsewhere int
}

// joinedElsewhere returns how many of this shard's files another shard
// writes as half of a joined document (0 for a nil joiner).
func (j *joiner) joinedElsewhere() int {
	if j == nil {
		return 0
	}
	return j.elsewhere
}

// newJoiner prepares the join of srcs. others are the single-file sources
// of other shards by folder (nil when not sharded). It returns the sources
// to parse (srcs, with the files of a stored joined document regrouped,
// see regroupStored) and a nil joiner when no folder holds two single-file
// sources (nothing can be joined).
func newJoiner(ctx context.Context, w *schema.Warehouse, srcs []ingest.Source, others map[string][]ingest.Source, lookup statusLookup, p Pipeline, strict, reparse bool, workers int) (*joiner, []ingest.Source, error) {
	set, _ := lookup.(storedSet)
	if len(set) > 0 {
		var err error
		if srcs, err = regroupStored(ctx, w, srcs, set); err != nil {
			return nil, nil, err
		}
	}
	count := map[string]int{}
	for f, o := range others {
		count[f] += len(o)
	}
	for _, s := range srcs {
		if len(s.Parts) == 1 {
			count[filepath.Dir(s.Name())]++
		}
	}
	j := &joiner{p: p, lookup: lookup, strict: strict, reparse: reparse, workers: workers,
		srcs: srcs, others: others, folder: make([]string, len(srcs)), lastOf: map[int]string{}, held: map[string][]*joinCand{}}
	last := map[string]int{}
	for i, s := range srcs {
		if len(s.Parts) != 1 {
			continue
		}
		if f := filepath.Dir(s.Name()); count[f] >= 2 {
			j.folder[i] = f
			last[f] = i
		}
	}
	if len(last) == 0 {
		return nil, srcs, nil
	}
	for f, i := range last {
		j.lastOf[i] = f
	}
	if len(set) > 0 {
		st, err := storedCandidates(ctx, w)
		if err != nil {
			return nil, nil, err
		}
		j.stored = st
	}
	return j, srcs, nil
}

// regroupStored makes one two-part source of two single-file sources of
// one folder that a stored document joined (same paths, in its order) when
// their bytes still give its doc_id: the rerun then finds it unchanged
// without parsing. Other sources are left as they are.
func regroupStored(ctx context.Context, w *schema.Warehouse, srcs []ingest.Source, set storedSet) ([]ingest.Source, error) {
	single := map[string]int{}
	for i, s := range srcs {
		if len(s.Parts) == 1 {
			single[s.Name()] = i
		}
	}
	if len(single) < 2 {
		return srcs, nil
	}
	rows, err := w.DB().QueryContext(ctx, stmt("join_stored_pairs"))
	if err != nil {
		return nil, fmt.Errorf("list stored two-file documents: %w", err)
	}
	type pair struct{ id, a, b string }
	var pairs []pair
	for rows.Next() {
		var p pair
		if err := rows.Scan(&p.id, &p.a, &p.b); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list stored two-file documents: %w", err)
		}
		pairs = append(pairs, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list stored two-file documents: %w", err)
	}
	used, drop := map[int]bool{}, map[int]bool{}
	out := slices.Clone(srcs)
	for _, p := range pairs {
		ia, oka := single[p.a]
		ib, okb := single[p.b]
		if !oka || !okb || ia == ib || used[ia] || used[ib] || filepath.Dir(p.a) != filepath.Dir(p.b) {
			continue
		}
		a, b := srcs[ia].Parts[0], srcs[ib].Parts[0]
		a.Number, b.Number = 1, 2
		joined := ingest.Source{Parts: []ingest.Part{a, b}}
		id, err := ingest.DocID(joined)
		if err != nil || id != p.id {
			continue
		}
		if _, ok := set[id]; !ok {
			continue
		}
		out[min(ia, ib)] = joined
		drop[max(ia, ib)] = true
		used[ia], used[ib] = true, true
	}
	if len(drop) == 0 {
		return srcs, nil
	}
	kept := out[:0]
	for i, s := range out {
		if !drop[i] {
			kept = append(kept, s)
		}
	}
	return kept, nil
}

// storedCandidates reads the stored documents that may be half of a
// publication (sql/join_candidates.sql).
func storedCandidates(ctx context.Context, w *schema.Warehouse) (map[string]storedCand, error) {
	rows, err := w.DB().QueryContext(ctx, stmt("join_candidates"), tablesOnlyParagraphs)
	if err != nil {
		return nil, fmt.Errorf("list join candidates: %w", err)
	}
	defer rows.Close()
	out := map[string]storedCand{}
	for rows.Next() {
		var id string
		var c storedCand
		if err := rows.Scan(&id, &c.status, &c.id.dept, &c.id.deptID, &c.id.year, &c.id.kind, &c.id.level); err != nil {
			return nil, fmt.Errorf("list join candidates: %w", err)
		}
		out[id] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list join candidates: %w", err)
	}
	return out, nil
}

// add takes the parse result of source i from the writer loop: it is held
// when it may be half of a split publication, else queued in gw. When i is
// the last eligible source of its folder, the folder's held sources are
// joined and queued. A nil joiner (nothing can join) queues every result.
// add returns false when ctx was canceled while joining (nothing more is
// queued).
func (j *joiner) add(ctx, wctx context.Context, gw *groupWriter, i int, d *model.Disclosure, res DocResult) bool {
	if j == nil {
		gw.add(wctx, d, res)
		return true
	}
	if c := j.candidate(i, d, res); c != nil {
		f := j.folder[i]
		j.held[f] = append(j.held[f], c)
	} else {
		gw.add(wctx, d, res)
	}
	if f, ok := j.lastOf[i]; ok {
		return j.resolve(ctx, wctx, gw, f)
	}
	return true
}

// candidate returns the held form of source i's result, or nil.
func (j *joiner) candidate(i int, d *model.Disclosure, res DocResult) *joinCand {
	if j.folder[i] == "" {
		return nil
	}
	if d == nil {
		if res.Status != StatusUnchanged || j.stored == nil {
			return nil
		}
		sc, ok := j.stored[res.DocID]
		if !ok || identity.IsPlaceholder(sc.id.dept) {
			return nil
		}
		c := &joinCand{idx: i, src: j.srcs[i], id: sc.id, res: res, stored: true}
		if sc.status == StatusLoaded {
			c.role, c.verified = roleTables, true
		} else {
			c.role = roleNarrative
		}
		return c
	}
	role := joinRoleOf(d)
	if role == roleNone {
		return nil
	}
	c := &joinCand{idx: i, src: j.srcs[i], role: role, id: identOf(d), d: d, res: res, verified: true,
		size: heldSize(d)}
	if j.kept >= maxHeldDocs || j.keptB+c.size > maxHeldBytes {
		c.d = nil // parsed again if left alone
	} else {
		j.kept++
		j.keptB += c.size
	}
	return c
}

// resolve joins the held sources of folder f and queues the results in
// input order (a pair at the place of its first file).
func (j *joiner) resolve(ctx, wctx context.Context, gw *groupWriter, f string) bool {
	cands := j.held[f]
	delete(j.held, f)
	if len(cands) == 0 {
		return true
	}
	defer func() {
		for _, c := range cands {
			if c.d != nil && !c.stored {
				j.kept--
				j.keptB -= c.size
			}
		}
	}()
	// The folder's files of other shards are parsed to learn their shapes
	// (only now: this shard holds a file that may be half of a split
	// publication), so that the folder's pairs are decided on the same
	// files as in an unsharded run.
	if o := j.others[f]; len(o) > 0 {
		fc, ok := j.foreignCands(ctx, o)
		if !ok {
			return false
		}
		cands = append(cands, fc...)
	}
	// A stored quarantined document is parsed to learn its shape, only
	// when a tables file of its year/kind/level waits in the folder.
	tablesKeys := map[string]bool{}
	for _, c := range cands {
		if c.role == roleTables {
			tablesKeys[c.id.key()] = true
		}
	}
	for _, c := range cands {
		if c.verified || !tablesKeys[c.id.key()] {
			continue
		}
		d, _ := parseOne(ctx, storedSet(nil), j.p, j.strict, true, c.src)
		if ctx.Err() != nil {
			return false
		}
		if joinRoleOf(d) == roleNarrative {
			c.id, c.verified = identOf(d), true
		}
	}
	// Pairing sees the files in path order, whichever shard runs it.
	slices.SortStableFunc(cands, func(a, b *joinCand) int { return strings.Compare(a.src.Name(), b.src.Name()) })
	var ns, ts []*joinCand
	for _, c := range cands {
		switch {
		case !c.verified:
		case c.role == roleNarrative:
			ns = append(ns, c)
		case c.role == roleTables:
			ts = append(ts, c)
		}
	}
	pairs := pairUp(ns, ts)
	notes := loneNotes(ns, ts, pairs)

	// Parse the pairs concurrently.
	type joined struct {
		d   *model.Disclosure
		res DocResult
	}
	out := make([]joined, len(pairs))
	sem := make(chan struct{}, max(1, j.workers))
	var wg sync.WaitGroup
	for k, pr := range pairs {
		if pr.n.foreign && pr.t.foreign {
			continue // decided and written by other shards
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			src := ingest.Source{Parts: []ingest.Part{
				{Path: pr.n.src.Parts[0].Path, Format: pr.n.src.Parts[0].Format, Number: 1},
				{Path: pr.t.src.Parts[0].Path, Format: pr.t.src.Parts[0].Format, Number: 2},
			}}
			d, res := parseOne(ctx, j.lookup, j.p, j.strict, j.reparse, src)
			res.Sources = 2
			if pr.t.foreign {
				res.Sources = 1 // the tables file is counted in OtherShards
			}
			if d != nil {
				d.Findings = append(d.Findings, model.Finding{Rule: RuleJoined, Severity: model.SeverityInfo, Message: joinMessage(pr)})
				res.Findings[model.SeverityInfo]++
			}
			out[k] = joined{d, res}
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		return false
	}

	// Queue in input order: a pair at its first file's place; a pair whose
	// joined parse failed falls back to its two files alone. Sharded, a pair
	// is written by the shard of its narrative file: a tables file paired
	// with another shard's narrative is not written here (counted in
	// OtherShards), and another shard's file is never written here.
	type item struct {
		idx int
		c   *joinCand // a single
		k   int       // a pair (c nil)
	}
	var items []item
	paired := map[*joinCand]bool{}
	for k, pr := range pairs {
		if pr.n.foreign && pr.t.foreign {
			paired[pr.n], paired[pr.t] = true, true
			continue
		}
		if r := out[k].res; r.Status == StatusFailed {
			const msg = "joining with %s failed (%s); written alone"
			notes[pr.n] = fmt.Sprintf(msg, filepath.Base(pr.t.src.Name()), r.Reason)
			notes[pr.t] = fmt.Sprintf(msg, filepath.Base(pr.n.src.Name()), r.Reason)
			continue
		}
		paired[pr.n], paired[pr.t] = true, true
		switch {
		case pr.n.foreign:
			j.elsewhere++ // the narrative's shard writes the joined document
		case pr.t.foreign:
			items = append(items, item{idx: pr.n.idx, k: k})
		default:
			items = append(items, item{idx: min(pr.n.idx, pr.t.idx), k: k})
		}
	}
	for _, c := range cands {
		if !paired[c] && !c.foreign {
			items = append(items, item{idx: c.idx, c: c})
		}
	}
	sort.Slice(items, func(a, b int) bool { return items[a].idx < items[b].idx })
	for _, it := range items {
		if ctx.Err() != nil {
			return false // as Ingest's loop: stop before the next document
		}
		if it.c == nil {
			gw.add(wctx, out[it.k].d, out[it.k].res)
			continue
		}
		c := it.c
		d, res := c.d, c.res
		switch {
		case c.stored:
			gw.add(wctx, nil, c.res)
			continue
		case d == nil:
			d, res = parseOne(ctx, j.lookup, j.p, j.strict, j.reparse, c.src)
			if d == nil && res.Status == "" || d != nil && ctx.Err() != nil {
				return false
			}
		}
		if msg, ok := notes[c]; ok && d != nil {
			d.Findings = append(d.Findings, model.Finding{Rule: RuleJoinCandidate, Severity: model.SeverityInfo, Message: msg})
			res.Findings[model.SeverityInfo]++
		}
		gw.add(wctx, d, res)
	}
	return true
}

// foreignCands parses other shards' files of a folder (concurrently, never
// looked up in the warehouse: their shapes are needed) and returns those
// that have one of the two shapes. It returns false when ctx was canceled.
func (j *joiner) foreignCands(ctx context.Context, srcs []ingest.Source) ([]*joinCand, bool) {
	out := make([]*joinCand, len(srcs))
	sem := make(chan struct{}, max(1, j.workers))
	var wg sync.WaitGroup
	for k, src := range srcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			d, _ := parseOne(ctx, storedSet(nil), j.p, j.strict, true, src)
			if role := joinRoleOf(d); role != roleNone {
				out[k] = &joinCand{idx: -1, src: src, role: role, id: identOf(d), verified: true, foreign: true}
			}
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		return nil, false
	}
	kept := out[:0]
	for _, c := range out {
		if c != nil {
			kept = append(kept, c)
		}
	}
	return kept, true
}

// loneNotes returns the messages of the RuleJoinCandidate findings: for the
// only narrative and the only tables file of a year/kind/level in the
// folder that were not joined (different department names).
func loneNotes(ns, ts []*joinCand, pairs []joinPair) map[*joinCand]string {
	paired := map[*joinCand]bool{}
	for _, p := range pairs {
		paired[p.n], paired[p.t] = true, true
	}
	nByKey, tByKey := map[string][]*joinCand{}, map[string][]*joinCand{}
	for _, n := range ns {
		nByKey[n.id.key()] = append(nByKey[n.id.key()], n)
	}
	for _, t := range ts {
		tByKey[t.id.key()] = append(tByKey[t.id.key()], t)
	}
	out := map[*joinCand]string{}
	for k, n := range nByKey {
		t := tByKey[k]
		if len(n) != 1 || len(t) != 1 || paired[n[0]] || paired[t[0]] {
			continue
		}
		const msg = "not joined with %s: it is the only %s file of this year, kind and level in the folder, but its department %s does not match %s (an alias giving both names one department joins them)"
		out[n[0]] = fmt.Sprintf(msg, filepath.Base(t[0].src.Name()), "tables", t[0].id.dept, n[0].id.dept)
		out[t[0]] = fmt.Sprintf(msg, filepath.Base(n[0].src.Name()), "narrative", n[0].id.dept, t[0].id.dept)
	}
	return out
}

// finish joins the folders still held (none after a complete run: every
// folder is resolved at its last source).
func (j *joiner) finish(ctx, wctx context.Context, gw *groupWriter) bool {
	if j == nil {
		return true
	}
	fs := make([]string, 0, len(j.held))
	for f := range j.held {
		fs = append(fs, f)
	}
	sort.Strings(fs)
	for _, f := range fs {
		if !j.resolve(ctx, wctx, gw, f) {
			return false
		}
	}
	return true
}

type joinPair struct {
	n, t *joinCand
	how  string
}

func joinMessage(p joinPair) string {
	return fmt.Sprintf("two files joined as one publication (%s): narrative %s (department %s) and tables %s (department %s)",
		p.how, filepath.Base(p.n.src.Name()), p.n.id.dept, filepath.Base(p.t.src.Name()), p.t.id.dept)
}

// Match strengths of two department identities.
const (
	matchNone = iota
	matchSubsequence
	matchName
	matchID
)

var matchHow = map[int]string{
	matchSubsequence: "one department name abbreviates the other",
	matchName:        "same department name",
	matchID:          "same department identity",
}

// deptMatch compares the departments of a narrative and a tables file.
func deptMatch(a, b joinIdent) int {
	if a.deptID != "" && a.deptID == b.deptID {
		return matchID
	}
	best := matchNone
	for _, x := range append([]string{a.dept}, a.names...) {
		for _, y := range append([]string{b.dept}, b.names...) {
			nx, ny := []rune(identity.Normalize(x)), []rune(identity.Normalize(y))
			if len(nx) < 2 || len(ny) < 2 {
				continue
			}
			sx, sy := string(nx), string(ny)
			switch {
			case sx == sy || strings.Contains(sx, sy) || strings.Contains(sy, sx):
				best = max(best, matchName)
			case len(nx) >= 3 && len(ny) >= 3 && (isSubsequence(nx, ny) || isSubsequence(ny, nx)):
				best = max(best, matchSubsequence)
			}
		}
	}
	return best
}

// isSubsequence reports whether a's runes occur in b in order.
func isSubsequence(a, b []rune) bool {
	i := 0
	for _, r := range b {
		if i < len(a) && a[i] == r {
			i++
		}
	}
	return i == len(a)
}

// pairUp pairs held narratives with held tables files of the same fiscal
// year, kind and level whose departments match (deptMatch), each pair being
// the other's unique best match. Pairs come in narrative order.
func pairUp(ns, ts []*joinCand) []joinPair {
	var pairs []joinPair
	usedN, usedT := map[*joinCand]bool{}, map[*joinCand]bool{}
	score := func(n, t *joinCand) int {
		if n.id.key() != t.id.key() {
			return matchNone
		}
		return deptMatch(n.id, t.id)
	}
	// best returns the unique best partner of x among ys (nil when none or a tie).
	best := func(x *joinCand, ys []*joinCand, used map[*joinCand]bool, sc func(a, b *joinCand) int) (*joinCand, int) {
		var b *joinCand
		bs, tie := matchNone, false
		for _, y := range ys {
			if used[y] {
				continue
			}
			s := sc(x, y)
			switch {
			case s > bs:
				b, bs, tie = y, s, false
			case s == bs && s > matchNone:
				tie = true
			}
		}
		if tie || b == nil {
			return nil, matchNone
		}
		return b, bs
	}
	for changed := true; changed; {
		changed = false
		for _, n := range ns {
			if usedN[n] {
				continue
			}
			t, s := best(n, ts, usedT, score)
			if t == nil {
				continue
			}
			back, _ := best(t, ns, usedN, func(a, b *joinCand) int { return score(b, a) })
			if back != n {
				continue
			}
			usedN[n], usedT[t], changed = true, true, true
			pairs = append(pairs, joinPair{n: n, t: t, how: matchHow[s]})
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].n.idx < pairs[b].n.idx })
	return pairs
}

// Files names the document's files as the report prints them: the paths
// joined by " + " (one path for a single-file document).
func (r DocResult) Files() string {
	if len(r.Paths) <= 1 {
		return r.Path
	}
	return strings.Join(r.Paths, " + ")
}
