package model

import "time"

// Change is an edit to one answer; nil fields are left as they are, so two
// people editing different parts of the same answer do not undo each other.
type Change struct {
	Level   *Level // a level 0-5, NotApplicable, or Unanswered to clear the level
	Note    *string
	Flagged *bool

	// Seen, when set, is the answer as the user saw it when making the change:
	// the change applies only if every field it sets still has the value it had
	// in Seen. The check is per field, so a flag set elsewhere does not block a
	// level given here, while a level changed elsewhere does.
	Seen *Answer
	// IfRevision, when set, applies the change only if the answer's current
	// revision is exactly this one ("" for a question never answered).
	IfRevision *string
}

// SetLevel is a Change that sets only the level.
func SetLevel(l Level) Change { return Change{Level: &l} }

// SetNote is a Change that sets only the note.
func SetNote(n string) Change { return Change{Note: &n} }

// SetFlag is a Change that sets only the review flag.
func SetFlag(f bool) Change { return Change{Flagged: &f} }

// MarkNA is a Change that marks the question not applicable with a reason.
func MarkNA(reason string) Change {
	na := NotApplicable
	return Change{Level: &na, Note: &reason}
}

// ClearAnswer is a Change that removes the level, note and flag.
func ClearAnswer() Change {
	l, n, f := Unanswered, "", false
	return Change{Level: &l, Note: &n, Flagged: &f}
}

// Apply returns a with the change's fields set.
func (c Change) Apply(a Answer) Answer {
	if c.Level != nil {
		a.Level = *c.Level
	}
	if c.Note != nil {
		a.Note = *c.Note
	}
	if c.Flagged != nil {
		a.Flagged = *c.Flagged
	}
	return a
}

// Holds reports whether the change's conditions (Seen, IfRevision) hold
// against the answer as it is now.
func (c Change) Holds(current Answer) bool {
	if c.IfRevision != nil && *c.IfRevision != current.Revision {
		return false
	}
	if s := c.Seen; s != nil {
		if c.Level != nil && s.Level != current.Level ||
			c.Note != nil && s.Note != current.Note ||
			c.Flagged != nil && s.Flagged != current.Flagged {
			return false
		}
	}
	return true
}

// Same reports whether two answers hold the same value (level, note, flag),
// whoever made them and whenever.
func (a Answer) Same(b Answer) bool {
	return a.Level == b.Level && a.Note == b.Note && a.Flagged == b.Flagged
}

// Empty reports whether the answer holds nothing: no level, no note, no flag.
func (a Answer) Empty() bool {
	return a.Level == Unanswered && a.Note == "" && !a.Flagged
}

// HistoryEntry is one recorded change to an answer: the value before and after,
// who made it, when, on which computer, and its place in the answer's chain of
// revisions (Parent is the revision it replaced, "" for the first).
type HistoryEntry struct {
	Framework, QuestionID string
	Old, New              Answer
	By                    string
	At                    time.Time
	Host                  string
	Revision, Parent      string
	// Origin names the import that brought the change here ("" when it was
	// made here), e.g. `b.json (exported by bob on laptop-b), imported by ann`.
	Origin string
	// Settles lists the ratings a resolution settled: the change was made
	// here while the question was disputed.
	Settles []string
	// Settled are those ratings (who, which level), when the store knows
	// them, so that who said what stays readable once settled.
	Settled []Rating
}
