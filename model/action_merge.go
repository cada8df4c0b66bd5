package model

import (
	"fmt"
	"sort"
	"time"
)

// Actions travel in workshop bundles and merge like answers (issue 15), with
// one difference written out in questionnaires/FORMAT.md ("Actions and
// targets"): when both sides changed an action since their common point, the
// newer change wins and the other is kept in the action's history. An action
// is a plan of work, not a judgement to settle in the room: the latest word
// on it (done, a new owner, a new date) is what the plan needs, and neither
// version is lost.

// ActionEntry is one recorded change to an action: the action before and
// after (Status "" = no action), the change's revision and the one it
// replaced, who, when, on which computer, and which import brought it.
type ActionEntry struct {
	Framework, QuestionID string
	Old, New              Action
	Revision, Parent      string
	By                    string
	At                    time.Time
	Host                  string
	Origin                string // the import that brought it; "" for a change made here
	// Applied is false for a change an import brought that did not become
	// the action here: it lost to a newer change made here, or it said the
	// same as the action here (AgreesWith is then that action's revision).
	Applied    bool
	AgreesWith string
}

// Key is the question the action is on.
func (e ActionEntry) Key() Key { return Key{e.Framework, e.QuestionID} }

// current is the action the change made, as the action on its question.
func (e ActionEntry) current() Action {
	a := e.New
	a.Framework, a.QuestionID, a.UpdatedAt, a.UpdatedBy, a.Revision = e.Framework, e.QuestionID, e.At, e.By, e.Revision
	return a
}

// ActionMergeState is what one copy knows of an assessment's actions.
type ActionMergeState struct {
	// Current is each question's action here; a removed one has Status ""
	// and the removal's revision.
	Current map[Key]Action
	// Known maps each revision recorded here to the revision of the action
	// here it stands for: itself when applied, the action it agreed with,
	// or "" for a change that lost to a newer one.
	Known map[string]string
}

// NewActionMergeState is an empty state.
func NewActionMergeState() *ActionMergeState {
	return &ActionMergeState{Current: map[Key]Action{}, Known: map[string]string{}}
}

// Add records one history row, in the order they were recorded.
func (s *ActionMergeState) Add(e ActionEntry) {
	if !e.Applied {
		s.Known[e.Revision] = e.AgreesWith
		return
	}
	s.Known[e.Revision] = e.Revision
	s.Current[e.Key()] = e.current()
}

// ActionDecision is what a merge does with one incoming action, and why.
type ActionDecision struct {
	Key
	Outcome MergeOutcome // added, same or skipped; actions have no disagreements
	Why     string
	Change  ActionEntry // the incoming change (its New is the incoming action)
	// Apply (MergeAdded) are the changes appended to the history, oldest
	// first; the last one is the action now.
	Apply []ActionEntry
	// Remember are incoming changes recorded without being applied.
	Remember []ActionEntry
	// Replaced (MergeAdded over a different change made here since their
	// common point) is the action it replaced, which history keeps.
	Replaced *Action
}

// MergeActions decides, question by question, what importing b does to the
// actions of the copy whose state is s, and updates s as if it had been done.
func MergeActions(s *ActionMergeState, b *Bundle) []ActionDecision {
	rows := make(map[string]ActionEntry, len(b.ActionHistory))
	pos := make(map[string]int, len(b.ActionHistory))
	for i, h := range b.ActionHistory {
		rows[h.Revision], pos[h.Revision] = h, i
	}
	heads := b.actionHeads()
	out := make([]ActionDecision, 0, len(heads))
	for _, in := range heads {
		d := decideAction(s, in, rows, pos)
		s.record(d)
		out = append(out, d)
	}
	return out
}

// decideAction applies the rules to one incoming change, in order.
func decideAction(s *ActionMergeState, in ActionEntry, rows map[string]ActionEntry, pos map[string]int) ActionDecision {
	k := in.Key()
	d := ActionDecision{Key: k, Change: in}
	local := s.Current[k]
	if in.Revision == local.Revision {
		d.Outcome, d.Why = MergeSame, "unchanged"
		return d
	}
	if _, ok := s.Known[in.Revision]; ok {
		d.Outcome, d.Why = MergeSkipped, "already here"
		return d
	}
	// The incoming change's ancestors, and those this copy does not know.
	var chain []ActionEntry
	seesLocal := false
	seen := map[string]bool{}
	for p := in.Parent; p != "" && !seen[p]; {
		seen[p] = true
		if stands, ok := s.Known[p]; ok {
			seesLocal = seesLocal || local.Revision != "" && stands == local.Revision
		} else if row, ok := rows[p]; ok {
			chain = append(chain, row)
		}
		row, ok := rows[p]
		if !ok {
			break
		}
		p = row.Parent
	}
	sort.Slice(chain, func(i, j int) bool { return pos[chain[i].Revision] < pos[chain[j].Revision] })
	chain = append(chain, in)

	switch {
	case local.Revision == "":
		d.Outcome, d.Why, d.Apply = MergeAdded, "new here", chain
	case seesLocal:
		d.Outcome, d.Why, d.Apply = MergeAdded, "changed there only", chain
	case in.New.Same(local):
		d.Outcome, d.Why, d.Remember = MergeSame, "same action", chain
	case newer(in, local):
		was := local
		d.Outcome, d.Apply, d.Replaced = MergeAdded, chain, &was
		d.Why = fmt.Sprintf("both changed; newer than %s's here of %s, which history keeps", local.UpdatedBy, stamp(local.UpdatedAt))
	default:
		d.Outcome, d.Remember = MergeSkipped, chain
		d.Why = fmt.Sprintf("both changed; %s's here of %s is newer and stays; this one is kept in history", local.UpdatedBy, stamp(local.UpdatedAt))
	}
	return d
}

// newer reports whether an incoming change is newer than the action here;
// at the same instant the larger revision wins, so every copy picks the same.
func newer(in ActionEntry, local Action) bool {
	if !in.At.Equal(local.UpdatedAt) {
		return in.At.After(local.UpdatedAt)
	}
	return in.Revision > local.Revision
}

func stamp(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

// record updates the state with a decision, as writing it would, and marks
// the decision's changes applied or not as they will be stored.
func (s *ActionMergeState) record(d ActionDecision) {
	local := s.Current[d.Key].Revision
	for i := range d.Apply {
		d.Apply[i].Applied, d.Apply[i].AgreesWith = true, ""
		s.Add(d.Apply[i])
	}
	for i := range d.Remember {
		d.Remember[i].Applied, d.Remember[i].AgreesWith = false, ""
		if d.Outcome == MergeSame && d.Remember[i].Revision == d.Change.Revision {
			d.Remember[i].AgreesWith = local
		}
		s.Add(d.Remember[i])
	}
}

// actionHeads are the bundle's incoming actions: each question's action,
// from its last applied change (or from the action when history lacks it),
// then each question whose last applied change removed its action.
func (b *Bundle) actionHeads() []ActionEntry {
	last := map[Key]ActionEntry{}
	var order []Key
	for _, h := range b.ActionHistory {
		if !h.Applied {
			continue
		}
		if _, ok := last[h.Key()]; !ok {
			order = append(order, h.Key())
		}
		last[h.Key()] = h
	}
	heads := make([]ActionEntry, 0, len(b.Actions)+len(order))
	current := map[Key]bool{}
	for _, a := range b.Actions {
		k := Key{a.Framework, a.QuestionID}
		current[k] = true
		if h, ok := last[k]; ok && h.Revision == a.Revision {
			heads = append(heads, h)
			continue
		}
		heads = append(heads, ActionEntry{Framework: a.Framework, QuestionID: a.QuestionID, New: a,
			By: a.UpdatedBy, At: a.UpdatedAt, Revision: a.Revision, Applied: true})
	}
	for _, k := range order {
		if !current[k] {
			heads = append(heads, last[k])
		}
	}
	return heads
}

// checkActions reports the first thing in the bundle's actions a merge
// cannot trust; where checks a question is in the assessment.
func (b *Bundle) checkActions(where func(fw, q string) error) error {
	links := chain{"action", map[string]Key{}}
	last := map[Key]ActionEntry{}
	for i, h := range b.ActionHistory {
		k := h.Key()
		what := fmt.Sprintf("action history entry %d (%s)", i+1, k.Qualified())
		if err := where(h.Framework, h.QuestionID); err != nil {
			return err
		}
		if err := links.add(what, k, h.Revision, h.Parent); err != nil {
			return err
		}
		if h.At.IsZero() {
			return fmt.Errorf("%s has no time", what)
		}
		for _, a := range []Action{h.Old, h.New} {
			if err := a.check(what); err != nil {
				return err
			}
		}
		if h.Applied {
			last[k] = h
		}
	}
	seen := map[Key]bool{}
	for _, a := range b.Actions {
		k := Key{a.Framework, a.QuestionID}
		what := "the action on " + k.Qualified()
		if err := where(a.Framework, a.QuestionID); err != nil {
			return err
		}
		if seen[k] {
			return fmt.Errorf("%s is there twice", what)
		}
		seen[k] = true
		if err := a.check(what); err != nil {
			return err
		}
		if a.Empty() {
			return fmt.Errorf("%s is empty", what)
		}
		if !ValidRevision(a.Revision) {
			return fmt.Errorf("%s has revision %q", what, a.Revision)
		}
		if h, ok := last[k]; ok && h.Revision != a.Revision {
			return fmt.Errorf("%s has revision %s but its last change in history is %s", what, a.Revision, h.Revision)
		}
	}
	for k, h := range last {
		if !seen[k] && !h.New.Empty() {
			return fmt.Errorf("the action history of %s ends in %s, which is not among the actions", k.Qualified(), h.Revision)
		}
	}
	return nil
}

// check refuses an action value a store would refuse: an unknown status, a
// due date that is not a real day, a status on nothing or none on something.
func (a Action) check(what string) error {
	if _, err := ParseDate(string(a.Due)); err != nil {
		return fmt.Errorf("%s: %v", what, err)
	}
	switch {
	case a.Status != "" && !a.Status.Valid():
		return fmt.Errorf("%s: status %q is not open, doing or done", what, a.Status)
	case a.Empty() != (a.Status == ""):
		return fmt.Errorf("%s: status %q does not fit an action with text %q, owner %q and due %q", what, a.Status, a.Text, a.Owner, a.Due)
	}
	return nil
}
