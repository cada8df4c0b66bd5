package model

import (
	"iter"
	"runtime"
	"sync"
)

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
//
// A long list is scored in two halves on two goroutines, each with its own
// tables (scoring was a tenth of assay list's time with 200 assessments;
// issue 13), so levels may be called from two goroutines at once.
func Summaries(list []Assessment, levels func(assessmentID string) iter.Seq[AnswerLevel], c *Catalog) []Summary {
	out := make([]Summary, len(list))
	score := func(from, to int) {
		l := NewSummaryList(list[from:to], levels, c)
		for i := range to - from {
			out[from+i] = l.Summary(i)
		}
	}
	if len(list) < scoreInHalvesFrom || runtime.GOMAXPROCS(0) < 2 {
		score(0, len(list))
		return out
	}
	half := len(list) / 2
	var wg sync.WaitGroup
	wg.Go(func() { score(0, half) })
	score(half, len(list))
	wg.Wait()
	return out
}

// scoreInHalvesFrom is the shortest list Summaries splits: below it a
// goroutine costs more than it saves.
const scoreInHalvesFrom = 64

// SummaryList is Summaries scored one assessment at a time, when first
// asked for: a screen that shows thirty of two hundred assessments scores
// thirty (issue 13). The figures are Summaries' own.
type SummaryList struct {
	list   []Assessment
	levels func(assessmentID string) iter.Seq[AnswerLevel]
	c      *Catalog
	tables map[string]*levelTable // per framework, reused for every assessment
	sums   []Summary
	scored []bool
}

// NewSummaryList scores nothing yet; see Summaries for levels.
func NewSummaryList(list []Assessment, levels func(assessmentID string) iter.Seq[AnswerLevel], c *Catalog) *SummaryList {
	return &SummaryList{list: list, levels: levels, c: c, tables: map[string]*levelTable{},
		sums: make([]Summary, len(list)), scored: make([]bool, len(list))}
}

// ScoredList is a SummaryList of figures already made.
func ScoredList(sums []Summary) *SummaryList {
	l := &SummaryList{sums: sums, scored: make([]bool, len(sums)), list: make([]Assessment, len(sums))}
	for i, s := range sums {
		l.list[i], l.scored[i] = s.Assessment, true
	}
	return l
}

// Len is the number of assessments; a nil list has none.
func (l *SummaryList) Len() int {
	if l == nil {
		return 0
	}
	return len(l.list)
}

// Assessment is the i-th assessment, without scoring it.
func (l *SummaryList) Assessment(i int) Assessment { return l.list[i] }

// Summary scores the i-th assessment, once.
func (l *SummaryList) Summary(i int) Summary {
	if !l.scored[i] {
		l.sums[i], l.scored[i] = l.score(l.list[i]), true
	}
	return l.sums[i]
}

func (l *SummaryList) table(f *Framework) *levelTable {
	t := l.tables[f.ID]
	if t == nil {
		t = newLevelTable(f)
		l.tables[f.ID] = t
	}
	return t
}

func (l *SummaryList) score(a Assessment) Summary {
	for _, af := range a.Frameworks {
		if f, ok := l.c.Framework(af.ID); ok {
			l.table(f).clear()
		}
	}
	for lv := range l.levels(a.ID) {
		if t := l.tables[lv.Framework]; t != nil {
			t.set(lv)
		}
	}
	return summarize(a, l.c, func(f *Framework) (scorer, lookup) {
		t := l.table(f)
		return t.scorer, t.get
	}, false)
}

// levelTable holds one assessment's levels and flags in one framework, by
// question position.
type levelTable struct {
	scorer
	byID    map[string]int // question ID -> position
	qs      []*Question    // the framework's questions, by position
	level   []Level
	flagged []bool
}

func newLevelTable(f *Framework) *levelTable {
	qs := f.Questions()
	t := &levelTable{scorer: newScorer(f), byID: make(map[string]int, len(qs)), qs: qs,
		level: make([]Level, len(qs)), flagged: make([]bool, len(qs))}
	for i, q := range qs {
		t.byID[q.ID] = i
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
	if i := q.pos; i >= 0 && i < len(t.qs) && t.qs[i] == q {
		return t.level[i], t.flagged[i]
	}
	return Unanswered, false
}
