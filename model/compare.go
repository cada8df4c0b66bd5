package model

import (
	"slices"
	"strings"
)

// Delta is one figure in two assessments: maturity then and now.
type Delta struct {
	Old, New       float64
	HasOld, HasNew bool // false when no rated answer stands behind that side
}

// Change is new minus old; ok is false unless both sides have a figure.
func (d Delta) Change() (float64, bool) {
	if !d.HasOld || !d.HasNew {
		return 0, false
	}
	return d.New - d.Old, true
}

func deltaOf(old, new Score, hasOld, hasNew bool) Delta {
	d := Delta{HasOld: hasOld && old.HasMaturity(), HasNew: hasNew && new.HasMaturity()}
	if d.HasOld {
		d.Old = old.Maturity
	}
	if d.HasNew {
		d.New = new.Maturity
	}
	return d
}

// SectionDelta is a top-level section in both assessments.
type SectionDelta struct {
	Section *Section
	Delta
}

// FrameworkDelta is a framework's overall maturity and each top-level
// section's, in both assessments.
type FrameworkDelta struct {
	Framework      *Framework
	InOld, InNew   bool // whether each assessment covers the framework
	Overall        Delta
	Sections       []SectionDelta
	Rated          [2]int // rated questions then and now
	Total          int
	ChangedAnswers int
}

// LevelChange is one question whose level differs between the assessments.
type LevelChange struct {
	Key      Key
	Question *Question // nil for a question the loaded framework no longer has
	Old, New Level
}

// Comparison sets two assessments side by side, e.g. last year and this.
type Comparison struct {
	Old, New   Assessment
	Frameworks []FrameworkDelta
	Changed    []LevelChange
}

// Compare scores two assessments against the loaded frameworks and lists
// every question whose level changed (a level, N/A or none). Frameworks come
// in the new assessment's order, then those only the old one covers.
func Compare(old Assessment, oldAnswers Answers, new Assessment, newAnswers Answers, c *Catalog) Comparison {
	cmp := Comparison{Old: old, New: new}
	var ids []string
	for _, a := range []Assessment{new, old} {
		for _, f := range a.Frameworks {
			if !slices.Contains(ids, f.ID) {
				ids = append(ids, f.ID)
			}
		}
	}
	for _, id := range ids {
		f, ok := c.Framework(id)
		if !ok {
			continue
		}
		fd := FrameworkDelta{Framework: f, InOld: old.Has(id), InNew: new.Has(id)}
		os, ns := ScoreFramework(f, oldAnswers), ScoreFramework(f, newAnswers)
		fd.Overall = deltaOf(os.Score, ns.Score, fd.InOld, fd.InNew)
		fd.Rated = [2]int{os.Rated, ns.Rated}
		fd.Total = ns.Total
		for i, s := range f.Sections {
			fd.Sections = append(fd.Sections, SectionDelta{s, deltaOf(os.Sections[i].Score, ns.Sections[i].Score, fd.InOld, fd.InNew)})
		}
		seen := map[string]bool{}
		note := func(qid string, q *Question) {
			if seen[qid] {
				return
			}
			seen[qid] = true
			o, n := levelIn(oldAnswers, id, qid, fd.InOld), levelIn(newAnswers, id, qid, fd.InNew)
			if o != n {
				cmp.Changed = append(cmp.Changed, LevelChange{Key{id, qid}, q, o, n})
				fd.ChangedAnswers++
			}
		}
		for _, q := range f.Questions() {
			note(q.ID, q)
		}
		for _, as := range []Answers{oldAnswers, newAnswers} {
			for _, k := range sortedKeys(as, id) {
				note(k.Question, nil)
			}
		}
		cmp.Frameworks = append(cmp.Frameworks, fd)
	}
	return cmp
}

func levelIn(as Answers, fw, q string, covered bool) Level {
	if !covered {
		return Unanswered
	}
	return as.Get(fw, q).Level
}

// sortedKeys lists the keys of answers to one framework, by question ID.
func sortedKeys(as Answers, fw string) []Key {
	var keys []Key
	for k := range as {
		if k.Framework == fw {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b Key) int { return strings.Compare(a.Question, b.Question) })
	return keys
}
