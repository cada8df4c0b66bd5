package tui

import (
	"maps"
	"sort"

	"github.com/assaytui/assay/model"
)

// gapsShown is how many of the biggest gaps the dashboard lists (as many as
// `assay show` lists per framework).
const gapsShown = 10

// analysis is what the dashboard and the differences screen show: scores,
// gaps and the theme comparison of the confirmed answers. When the confirmed
// answers change (load, a save result, a refresh) the questionnaire marks it
// stale; the root rebuilds it after an update that leaves the dashboard or
// the differences screen in front (see Model.update), so it is worked out
// once per change while those screens are looked at, never while drawing
// and never on the questionnaire's keystrokes. It is never changed once
// built, so screens can hold it by pointer.
type analysis struct {
	a       model.Assessment
	answers model.Answers // a copy of the confirmed answers it was computed from
	fws     []fwAnalysis  // the assessment's loaded frameworks, in its order
	gaps    []model.QuestionGap
	nGaps   int                // all rated questions below target, across frameworks
	diff    *model.Differences // nil unless two of the frameworks share a crosswalk
}

// fwAnalysis is one framework's figures.
type fwAnalysis struct {
	fw       *model.Framework
	name     string
	score    model.FrameworkScore
	refWidth int
	tops     []string // top-level section titles, drawable
}

// name is a framework's display name, or its ID when it is not loaded.
func (an *analysis) name(id string) string {
	for _, f := range an.fws {
		if f.fw.ID == id {
			return f.name
		}
	}
	return inert(id)
}

// framework is one of the analysed frameworks by ID.
func (an *analysis) framework(id string) *fwAnalysis {
	for i := range an.fws {
		if an.fws[i].fw.ID == id {
			return &an.fws[i]
		}
	}
	return nil
}

// analyse rebuilds the analysis from the confirmed answers. Frameworks are
// scored already (see rescore); this adds gaps and the theme comparison.
func (q *questionnaire) analyse() {
	q.stale = false
	if q.loading || q.id == "" {
		q.an = nil
		return
	}
	an := &analysis{a: q.a, answers: maps.Clone(q.answers)}
	var all [][]model.QuestionGap
	for _, v := range q.fws {
		an.fws = append(an.fws, fwAnalysis{fw: v.fw, name: v.name, score: v.score, refWidth: v.refWidth, tops: v.tops})
		g := model.Gaps(v.fw, an.answers, q.a.Targets())
		an.nGaps += len(g)
		all = append(all, g)
	}
	an.gaps = biggestGaps(all, gapsShown)
	if cw := q.crosswalk(); cw != nil {
		d := model.CompareThemes(cw, q.c.catalog, an.answers)
		an.diff = &d
	}
	q.an = an
}

// biggestGaps merges each framework's gaps (biggest first, then in outline
// order) into the n biggest of all, earlier frameworks first on a tie.
func biggestGaps(perFramework [][]model.QuestionGap, n int) []model.QuestionGap {
	var out []model.QuestionGap
	for _, g := range perFramework {
		out = append(out, g...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Gap() > out[j].Gap() })
	if len(out) > n {
		out = out[:n:n]
	}
	return out
}

// crosswalk is the crosswalk between the first two of the assessment's
// loaded frameworks that have one, or nil.
func (q *questionnaire) crosswalk() *model.Crosswalk {
	for i, a := range q.fws {
		for _, b := range q.fws[i+1:] {
			if cw, ok := q.c.catalog.Crosswalk(a.fw.ID, b.fw.ID); ok {
				return cw
			}
		}
	}
	return nil
}
