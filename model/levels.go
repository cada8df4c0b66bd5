package model

import "iter"

// AnswerLevel is the part of an answer that figures need: its level and review
// flag, without the note or times. Lists of many assessments load only these.
type AnswerLevel struct {
	Framework  string
	QuestionID string
	Level      Level
	Flagged    bool
}

// Summaries scores a list of assessments from their answer levels (levels
// yields those of one assessment): the figures Summarize gives, without the
// answers behind each (Sources). Each framework's questions are indexed once
// for the whole list, so an assessment costs no map of its own.
func Summaries(list []Assessment, levels func(assessmentID string) iter.Seq[AnswerLevel], c *Catalog) []Summary {
	tables := map[string]*levelTable{}
	table := func(f *Framework) *levelTable {
		t := tables[f.ID]
		if t == nil {
			t = newLevelTable(f)
			tables[f.ID] = t
		}
		return t
	}
	out := make([]Summary, len(list))
	for i, a := range list {
		for _, af := range a.Frameworks {
			if f, ok := c.Framework(af.ID); ok {
				table(f).clear()
			}
		}
		for l := range levels(a.ID) {
			if t := tables[l.Framework]; t != nil {
				t.set(l)
			}
		}
		out[i] = summarize(a, c, func(f *Framework) (scorer, lookup) {
			t := table(f)
			return t.scorer, t.get
		}, false)
	}
	return out
}

// levelTable holds one assessment's levels and flags in one framework, by
// question position.
type levelTable struct {
	scorer
	byID    map[string]int    // question ID -> position
	byQ     map[*Question]int // question -> position
	level   []Level
	flagged []bool
}

func newLevelTable(f *Framework) *levelTable {
	qs := f.Questions()
	t := &levelTable{scorer: newScorer(f), byID: make(map[string]int, len(qs)), byQ: make(map[*Question]int, len(qs)),
		level: make([]Level, len(qs)), flagged: make([]bool, len(qs))}
	for i, q := range qs {
		t.byID[q.ID], t.byQ[q] = i, i
	}
	return t
}

func (t *levelTable) clear() {
	for i := range t.level {
		t.level[i], t.flagged[i] = Unanswered, false
	}
}

// set records one answer's level; an answer to a question the framework no
// longer has counts nowhere, as in Summarize.
func (t *levelTable) set(l AnswerLevel) {
	if i, ok := t.byID[l.QuestionID]; ok {
		t.level[i], t.flagged[i] = l.Level, l.Flagged
	}
}

func (t *levelTable) get(q *Question) (Level, bool) {
	i := t.byQ[q]
	return t.level[i], t.flagged[i]
}
