package model

import "sort"

// PlanItem is one line of the action plan: a question below its target, or
// one with an action, with what is planned for it.
type PlanItem struct {
	Key       Key        // framework and question ID, whether or not they are loaded
	Framework *Framework // nil when the framework is not loaded
	Question  *Question  // nil when the loaded framework no longer has it
	Level     Level      // the current answer
	Target    Level      // the question's effective target
	Gap       int        // target minus level; 0 unless rated below target
	Weight    float64    // the question's weight (1 when it has none)
	Action    Action     // Empty when nothing is planned yet
}

// Priority is gap × weight: how much closing this gap moves the figures.
// It ranks the plan.
func (p PlanItem) Priority() float64 { return float64(p.Gap) * p.Weight }

// HasAction reports whether something is planned for the question.
func (p PlanItem) HasAction() bool { return !p.Action.Empty() }

// Plan is the action plan of an assessment: every rated question below its
// effective target, highest gap × weight first, then every question that has
// an action but no gap (rated at or above target, N/A or unanswered), each
// with its action. Ties keep the assessment's framework order and the
// outline order. Actions on questions the loaded frameworks do not have are
// listed last, by framework and ID, so nothing planned goes unseen.
func Plan(a Assessment, c *Catalog, as Answers, acts Actions) []PlanItem {
	t := a.Targets()
	var items []PlanItem
	listed := map[Key]bool{}
	for _, af := range a.Frameworks {
		f, ok := c.Framework(af.ID)
		if !ok {
			continue
		}
		for _, q := range f.Questions() {
			k := Key{f.ID, q.ID}
			it := PlanItem{Key: k, Framework: f, Question: q, Level: as.Get(f.ID, q.ID).Level,
				Target: t.Question(f.ID, q), Weight: q.weight(), Action: acts[k]}
			if it.Level.Rated() && it.Level < it.Target {
				it.Gap = int(it.Target) - int(it.Level)
			}
			if it.Gap > 0 || it.HasAction() {
				items = append(items, it)
				listed[k] = true
			}
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].Priority() > items[j].Priority() })

	var rest []PlanItem
	for k, act := range acts {
		if listed[k] || act.Empty() {
			continue
		}
		it := PlanItem{Key: k, Level: as.Get(k.Framework, k.Question).Level, Target: t.Framework(k.Framework), Weight: 1, Action: act}
		it.Framework, _ = c.Framework(k.Framework)
		rest = append(rest, it)
	}
	sort.Slice(rest, func(i, j int) bool {
		if rest[i].Key.Framework != rest[j].Key.Framework {
			return rest[i].Key.Framework < rest[j].Key.Framework
		}
		return CompareRefs(rest[i].Key.Question, rest[j].Key.Question) < 0
	})
	return append(items, rest...)
}
