package interpret

import (
	"sort"

	"github.com/budgetwh/budgetwh/ingest/recognize"
	"github.com/budgetwh/budgetwh/model"
)

// MatchThreshold is the least name similarity at which a project and a
// performance form are matched.
const MatchThreshold = 0.5

// Similarity is the Dice coefficient of the character bigrams of two names
// after normalisation (NormText), in [0, 1]; 1 for equal names.
func Similarity(a, b string) float64 {
	ra, rb := []rune(recognize.NormText(a)), []rune(recognize.NormText(b))
	if len(ra) == 0 || len(rb) == 0 {
		return 0
	}
	if string(ra) == string(rb) {
		return 1
	}
	if len(ra) < 2 || len(rb) < 2 {
		return 0
	}
	grams := map[[2]rune]int{}
	for i := 0; i+1 < len(ra); i++ {
		grams[[2]rune{ra[i], ra[i+1]}]++
	}
	common := 0
	for i := 0; i+1 < len(rb); i++ {
		g := [2]rune{rb[i], rb[i+1]}
		if grams[g] > 0 {
			grams[g]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(ra)-1+len(rb)-1)
}

// matchForms pairs project forms with projects greedily by descending
// similarity (ties: document order), each at most once, at or above
// MatchThreshold. Unmatched projects keep Form -1, unmatched forms
// ProjectIndex -1.
func matchForms(d *model.Disclosure) {
	type pair struct {
		p, f  int
		score float64
	}
	var pairs []pair
	for fi, f := range d.Forms {
		if f.Scope != model.FormProject || f.Project == "" {
			continue
		}
		for pi, p := range d.Projects {
			if sc := Similarity(p.Name, f.Project); sc >= MatchThreshold {
				pairs = append(pairs, pair{pi, fi, sc})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		if pairs[i].score != pairs[j].score {
			return pairs[i].score > pairs[j].score
		}
		if pairs[i].p != pairs[j].p {
			return pairs[i].p < pairs[j].p
		}
		return pairs[i].f < pairs[j].f
	})
	for i := range d.Projects {
		d.Projects[i].Form, d.Projects[i].MatchScore = -1, 0
	}
	for i := range d.Forms {
		d.Forms[i].ProjectIndex, d.Forms[i].MatchScore = -1, 0
	}
	for _, pr := range pairs {
		if d.Projects[pr.p].Form >= 0 || d.Forms[pr.f].ProjectIndex >= 0 {
			continue
		}
		d.Projects[pr.p].Form, d.Projects[pr.p].MatchScore = pr.f, pr.score
		d.Forms[pr.f].ProjectIndex, d.Forms[pr.f].MatchScore = pr.p, pr.score
	}
}
