package model

import (
	"math"
	"sort"
	"strconv"
)

// Source is one answer that a figure was computed from.
type Source struct {
	Framework  string
	QuestionID string
	Ref        string
	Level      Level
	Weight     float64
}

// Score is a maturity figure with what it came from.
//
// Maturity is the weighted mean of the rated levels; N/A and unanswered
// questions are left out of it. Completion counts rated and N/A questions
// over all questions.
type Score struct {
	Maturity float64
	Rated    int      // questions with a level 0-5
	NA       int      // questions marked not applicable
	Total    int      // all questions
	Sources  []Source // the rated answers behind Maturity
}

// HasMaturity reports whether any rated answer stands behind the figure.
func (s Score) HasMaturity() bool { return s.Rated > 0 }

// Figure is the maturity as every screen and report prints it: one decimal,
// halves rounded away from zero (3.25 is 3.3, as in the JSON export); none
// when nothing is rated.
func (s Score) Figure(none string) string {
	if !s.HasMaturity() {
		return none
	}
	return strconv.FormatFloat(math.Round(s.Maturity*10)/10, 'f', 1, 64)
}

// Answered counts the questions dealt with: rated or N/A.
func (s Score) Answered() int { return s.Rated + s.NA }

// Completion is the share of questions answered or N/A, 0..1; 0 for no questions.
func (s Score) Completion() float64 {
	if s.Total == 0 {
		return 0
	}
	return float64(s.Answered()) / float64(s.Total)
}

// Percent is a share 0..1 as a whole percentage, rounded down so that 100%
// means every question is done; a hair of float error is forgiven, so 29 of 100
// is 29, not 28.
func Percent(share float64) int {
	return int(math.Floor(share*100 + 1e-9))
}

// Gap is target minus maturity; ok is false when there is no maturity yet.
func (s Score) Gap(target Level) (gap float64, ok bool) {
	if !s.HasMaturity() {
		return 0, false
	}
	return float64(target) - s.Maturity, true
}

// ScoreQuestions scores a set of questions of one framework: the weighted mean
// of their rated levels.
func ScoreQuestions(framework string, qs []*Question, as Answers) Score {
	return scoreQuestions(framework, qs, as.in(framework), true)
}

// lookup gives the level and review flag of a question of the framework being
// scored; figures are computed through it from full answers (Summarize) and
// from levels alone (Summaries) alike.
type lookup func(q *Question) (Level, bool)

// in looks answers up in one framework.
func (as Answers) in(framework string) lookup {
	return func(q *Question) (Level, bool) {
		a := as.Get(framework, q.ID)
		return a.Level, a.Flagged
	}
}

// scoreQuestions is ScoreQuestions through a lookup; with sources false it
// leaves out the list of answers behind the figure.
func scoreQuestions(framework string, qs []*Question, get lookup, sources bool) Score {
	var sc Score
	var sum, weights float64
	for _, q := range qs {
		sc.Total++
		level, _ := get(q)
		switch {
		case level.Rated():
			w := q.weight()
			sc.Rated++
			sum += w * float64(level)
			weights += w
			if sources {
				sc.Sources = append(sc.Sources, Source{framework, q.ID, q.Ref, level, w})
			}
		case level == NotApplicable:
			sc.NA++
		}
	}
	if weights > 0 {
		sc.Maturity = sum / weights
	}
	return sc
}

// weight is the question's weight; a missing weight counts as 1.
func (q *Question) weight() float64 {
	if q.Weight > 0 {
		return q.Weight
	}
	return 1
}

// SectionScore is a section's figure.
type SectionScore struct {
	Section *Section
	Score
}

// ScoreSection is the weighted mean of the levels of every question in the
// section and its sub-sections.
func ScoreSection(f *Framework, s *Section, as Answers) SectionScore {
	return SectionScore{s, ScoreQuestions(f.ID, s.AllQuestions(), as)}
}

// FrameworkScore is a framework's figure and the top-level section figures it
// is the mean of.
type FrameworkScore struct {
	Framework *Framework
	Score
	Sections []SectionScore // one per top-level section, in order
}

// ScoreFramework computes a framework's maturity as the plain mean of its
// top-level sections' maturities (sections without any rated answer are left
// out), so a clause with many questions does not outweigh the others.
// Completion and Sources cover every question.
func ScoreFramework(f *Framework, as Answers) FrameworkScore {
	return newScorer(f).score(as.in(f.ID), true)
}

// scorer scores one framework. It lists each top-level section's questions
// once, so that scoring many assessments does not list them again for each.
type scorer struct {
	f    *Framework
	tops [][]*Question // the questions under each top-level section
}

func newScorer(f *Framework) scorer {
	sc := scorer{f: f}
	for _, s := range f.Sections {
		sc.tops = append(sc.tops, s.AllQuestions())
	}
	return sc
}

func (sc scorer) score(get lookup, sources bool) FrameworkScore {
	fs := FrameworkScore{Framework: sc.f, Sections: make([]SectionScore, 0, len(sc.tops))}
	var sum float64
	var n int
	for i, s := range sc.f.Sections {
		ss := SectionScore{s, scoreQuestions(sc.f.ID, sc.tops[i], get, sources)}
		fs.Sections = append(fs.Sections, ss)
		fs.Rated += ss.Rated
		fs.NA += ss.NA
		fs.Total += ss.Total
		fs.Sources = append(fs.Sources, ss.Sources...)
		if ss.HasMaturity() {
			sum += ss.Maturity
			n++
		}
	}
	if n > 0 {
		fs.Maturity = sum / float64(n)
	}
	return fs
}

// QuestionGap is one rated question below target.
type QuestionGap struct {
	Framework string
	Question  *Question
	Level     Level
	Target    Level
}

// Gap is target minus level.
func (g QuestionGap) Gap() int { return int(g.Target) - int(g.Level) }

// Gaps lists the rated questions of a framework that are below their
// effective target, biggest gap first, then in outline order.
func Gaps(f *Framework, as Answers, t Targets) []QuestionGap {
	var gaps []QuestionGap
	for _, q := range f.Questions() {
		a := as.Get(f.ID, q.ID)
		if target := t.Question(f.ID, q); a.Level.Rated() && a.Level < target {
			gaps = append(gaps, QuestionGap{f.ID, q, a.Level, target})
		}
	}
	sort.SliceStable(gaps, func(i, j int) bool { return gaps[i].Gap() > gaps[j].Gap() })
	return gaps
}

// Summary is an assessment with its per-framework figures, as the home screen
// and `assay list` show it.
type Summary struct {
	Assessment Assessment
	Scores     []FrameworkScore // frameworks of the assessment that are loaded
	Missing    []string         // frameworks of the assessment that are not loaded
	Flagged    int              // questions of the loaded frameworks flagged for review
}

// Summarize scores an assessment against the loaded frameworks.
func Summarize(a Assessment, as Answers, c *Catalog) Summary {
	return summarize(a, c, func(f *Framework) (scorer, lookup) { return newScorer(f), as.in(f.ID) }, true)
}

// summarize scores each loaded framework of a with the scorer and lookup that
// prepare gives, and counts the flagged questions.
func summarize(a Assessment, c *Catalog, prepare func(f *Framework) (scorer, lookup), sources bool) Summary {
	s := Summary{Assessment: a}
	for _, af := range a.Frameworks {
		f, ok := c.Framework(af.ID)
		if !ok {
			s.Missing = append(s.Missing, af.ID)
			continue
		}
		sc, get := prepare(f)
		s.Scores = append(s.Scores, sc.score(get, sources))
		for _, q := range f.Questions() {
			if _, flagged := get(q); flagged {
				s.Flagged++
			}
		}
	}
	return s
}

// Completion is the share of all the assessment's questions dealt with, 0..1.
func (s Summary) Completion() float64 {
	var done, total int
	for _, fs := range s.Scores {
		done += fs.Answered()
		total += fs.Total
	}
	if total == 0 {
		return 0
	}
	return float64(done) / float64(total)
}
