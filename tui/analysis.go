package tui

import (
	"maps"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// gapsShown is how many of the biggest gaps the dashboard lists (as many as
// `assay show` lists per framework).
const gapsShown = 10

// analysis is what the dashboard and the differences screen show: scores,
// gaps and the theme comparison of the confirmed answers, all computed by
// model. It is rebuilt after an update that leaves one of those screens in
// front while the answers changed (see Model.update), so it is worked out
// once per change while they are looked at, never while drawing and never
// on the questionnaire's keystrokes. It is never changed once built, so
// screens can hold it by pointer.
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
	if f := an.framework(id); f != nil {
		return f.name
	}
	return cells.Inert(id)
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

// analysis is the figures of the confirmed answers, rebuilt if they changed.
func (s *session) analysis() *analysis {
	if !s.ready() {
		return nil
	}
	if s.an != nil && !s.stale {
		return s.an
	}
	s.stale = false
	an := &analysis{a: s.a, answers: maps.Clone(s.answers)}
	var all [][]model.QuestionGap
	for _, v := range s.fws {
		an.fws = append(an.fws, fwAnalysis{fw: v.fw, name: v.name, score: v.score, refWidth: v.refWidth, tops: v.tops})
		g := model.Gaps(v.fw, an.answers, s.a.Targets())
		an.nGaps += len(g)
		all = append(all, g)
	}
	an.gaps = model.BiggestGaps(all, gapsShown)
	if cw := s.crosswalk(); cw != nil {
		d := model.CompareThemes(cw, s.c.catalog, an.answers)
		an.diff = &d
	}
	s.an = an
	return an
}

// crosswalk is the crosswalk between the first two of the assessment's
// loaded frameworks that have one, or nil.
func (s *session) crosswalk() *model.Crosswalk {
	for i, a := range s.fws {
		for _, b := range s.fws[i+1:] {
			if cw, ok := s.c.catalog.Crosswalk(a.fw.ID, b.fw.ID); ok {
				return cw
			}
		}
	}
	return nil
}
