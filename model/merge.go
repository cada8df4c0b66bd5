package model

import (
	"fmt"
	"time"
)

// Workshop merges. The scheme is written out for users in
// questionnaires/FORMAT.md ("Workshop bundles"); this file is its rules.
//
// Every change to an answer has a random revision ID and names the revision it
// replaced (its parent); a resolution also names the ratings it settled. A copy
// of an assessment knows a set of revisions: those in its answers' history,
// and those it has seen in imports without applying them (ratings, and changes
// that agreed with its answer or were skipped). Each known revision "stands
// for" a local answer: a revision in the history stands for itself; one that
// agreed with the answer when it arrived stands for that answer; a rating or
// a skipped change stands for nothing. An incoming change has seen the local
// answer when one of its ancestors stands for it: that ancestor is their
// common point, and only the incoming side has changed since.

// Rating is one person's view of a disputed question, kept with who gave it,
// when, on which computer, and which import brought it.
type Rating struct {
	Revision string
	Level    Level
	Note     string
	Flagged  bool
	By       string
	At       time.Time
	Host     string
	Origin   string // the import that brought it; "" for a change made here
	// ReplacedBy is the rating that took this one's place (the same person
	// changed their answer before it was settled); "" while it stands.
	ReplacedBy string
}

// Value is the rating as an answer value (level, note, flag).
func (r Rating) Value(k Key) Answer {
	return Answer{Framework: k.Framework, QuestionID: k.Question, Level: r.Level, Note: r.Note, Flagged: r.Flagged,
		UpdatedAt: r.At, UpdatedBy: r.By, Revision: r.Revision}
}

// ratingOf is the rating a change stands for.
func ratingOf(h HistoryEntry) Rating {
	return Rating{Revision: h.Revision, Level: h.New.Level, Note: h.New.Note, Flagged: h.New.Flagged,
		By: h.By, At: h.At, Host: h.Host, Origin: h.Origin}
}

// Resolution is the local change that settled a disagreement.
type Resolution struct {
	Revision string
	By       string
	At       time.Time
}

// Disagreement is a question whose answer was changed on two sides since their
// common point, to different values. Nothing is chosen: the answer stays as it
// was and every rating is kept until someone here answers the question again.
type Disagreement struct {
	Key
	AroseAt  time.Time
	Ratings  []Rating    // in the order they arrived; replaced ones stay, marked
	Resolved *Resolution // nil while open
}

// Open reports whether the disagreement still waits for a resolution.
func (d *Disagreement) Open() bool { return d.Resolved == nil }

// Standing lists the ratings that stand: not replaced by a later one.
func (d *Disagreement) Standing() []Rating {
	var out []Rating
	for _, r := range d.Ratings {
		if r.ReplacedBy == "" {
			out = append(out, r)
		}
	}
	return out
}

// Spread is how far the standing ratings of a disagreement lie apart.
type Spread struct {
	Min, Max Level // lowest and highest level 0-5 given; Unanswered when none
	NA       bool  // someone said not applicable
	People   int   // how many ratings stand
}

// Spread summarises the standing ratings.
func (d *Disagreement) Spread() Spread {
	s := Spread{Min: Unanswered, Max: Unanswered}
	for _, r := range d.Standing() {
		s.People++
		switch {
		case r.Level == NotApplicable:
			s.NA = true
		case r.Level.Rated():
			if s.Min == Unanswered || r.Level < s.Min {
				s.Min = r.Level
			}
			if r.Level > s.Max {
				s.Max = r.Level
			}
		}
	}
	return s
}

// String reads like "2–4 · 3 people" or "3, N/A · 2 people".
func (s Spread) String() string {
	levels := ""
	switch {
	case s.Min == Unanswered:
	case s.Min == s.Max:
		levels = s.Min.String()
	default:
		levels = s.Min.String() + "–" + s.Max.String()
	}
	if s.NA {
		if levels != "" {
			levels += ", "
		}
		levels += "N/A"
	}
	if levels == "" {
		levels = "no level"
	}
	return fmt.Sprintf("%s · %d people", levels, s.People)
}

// KnownRevision is a revision a copy of an assessment has recorded.
type KnownRevision struct {
	Key Key
	// Stands is the local revision this one stands for: itself for a change
	// in the answer's history, the answer it agreed with for a change recorded
	// as the same, "" for a rating or a change skipped.
	Stands string
	By     string
	At     time.Time
	Host   string
	Origin string
}

// MergeState is what one copy knows of an assessment, for merging a bundle
// into it. An empty state is an assessment not yet here.
type MergeState struct {
	Answers Answers
	Known   map[string]KnownRevision
	// Disagreements holds the open disagreement of each disputed question,
	// and the last resolved one of others (its time decides what is older).
	Disagreements map[Key]*Disagreement
}

// NewMergeState is an empty state, ready to be filled or merged into.
func NewMergeState() *MergeState {
	return &MergeState{Answers: Answers{}, Known: map[string]KnownRevision{}, Disagreements: map[Key]*Disagreement{}}
}

// open is the question's open disagreement, or nil.
func (s *MergeState) open(k Key) *Disagreement {
	if d := s.Disagreements[k]; d != nil && d.Open() {
		return d
	}
	return nil
}

// MergeOutcome is what a merge does with one incoming answer.
type MergeOutcome int

const (
	// MergeSame: nothing to do; both sides hold this answer.
	MergeSame MergeOutcome = iota
	// MergeAdded: the incoming answer becomes the answer here.
	MergeAdded
	// MergeSkipped: the incoming change was seen before, or is older than a
	// resolution made here since.
	MergeSkipped
	// MergeDisputed: both sides changed the answer, to different values;
	// the incoming answer is kept as a rating of a disagreement.
	MergeDisputed
)

func (o MergeOutcome) String() string {
	return [...]string{"same", "added", "skipped", "disagreement"}[o]
}

// Decision is what a merge does with one incoming answer, and why.
type Decision struct {
	Key
	Outcome MergeOutcome
	Why     string       // a short phrase for the report, e.g. "already here"
	Change  HistoryEntry // the incoming change (its New is the incoming answer)
	// Apply (MergeAdded) are the changes appended to the answer's history,
	// oldest first; the last one is the answer now.
	Apply []HistoryEntry
	// Remember are incoming changes recorded as known without being applied,
	// standing for Stands.
	Remember []HistoryEntry
	Stands   string
	// Arose (MergeDisputed) is set when the disagreement is new: Current is
	// then the rating of the answer as it was.
	Arose   bool
	Current Rating
	// Replaces (MergeDisputed) is the standing rating this one replaces.
	Replaces string
	// Resolves (MergeAdded) is set when the incoming change settled every
	// rating of the disagreement open here: it resolves it.
	Resolves bool
	// Carries (MergeAdded) are the bundle's resolved disagreements whose
	// resolutions are among the changes applied: they come along, settled.
	Carries []Disagreement
}

// Merge decides, question by question, what importing b into the copy whose
// state is s does, and updates s as if it had been done (so merging the same
// bundle again decides nothing new). The caller writes the decisions; now
// is when, for the time a disagreement arose.
//
// A question's incoming answers are its current answer and, when the bundle
// has a disagreement open on it, each standing rating there.
func Merge(s *MergeState, b *Bundle, now time.Time) []Decision {
	idx := b.index()
	heads := b.heads()
	out := make([]Decision, 0, len(heads))
	for _, head := range heads {
		if row, ok := idx.rows[head.Revision]; ok {
			head = row // with the ratings it settled
		}
		d := decide(s, head, idx)
		if d.Outcome == MergeAdded && !d.Resolves {
			d.Carries = idx.settledBy(d.Apply)
		}
		s.record(d, now)
		out = append(out, d)
	}
	return out
}

// decide applies the rules to one incoming change, in order.
func decide(s *MergeState, in HistoryEntry, idx bundleIndex) Decision {
	k := Key{in.Framework, in.QuestionID}
	d := Decision{Key: k, Change: in}
	cur := s.Answers.Get(k.Framework, k.Question)
	local := cur.Revision
	if in.Revision == "" || in.Revision == local {
		d.Outcome, d.Why = MergeSame, "unchanged"
		return d
	}
	if _, ok := s.Known[in.Revision]; ok {
		d.Outcome, d.Why = MergeSkipped, "already here"
		return d
	}
	anc := idx.ancestors(in)
	seesLocal := false
	if local != "" {
		for r := range anc {
			if kr, ok := s.Known[r]; ok && kr.Stands == local {
				seesLocal = true
				break
			}
		}
	}
	chain := idx.unknownChain(s, in, anc)

	if open := s.open(k); open != nil {
		standing := open.Standing()
		settlesAll := seesLocal
		for _, r := range standing {
			if !anc[r.Revision] {
				settlesAll = false
			}
		}
		if settlesAll {
			d.Outcome, d.Why, d.Apply, d.Resolves = MergeAdded, "settles the disagreement here", chain, true
			return d
		}
		d.Outcome, d.Why, d.Remember = MergeDisputed, "another rating", chain
		for _, r := range standing {
			if r.Revision != local && anc[r.Revision] {
				d.Replaces, d.Why = r.Revision, "replaces "+r.By+"'s earlier rating"
			}
		}
		return d
	}
	if last := s.Disagreements[k]; last != nil && !seesLocal && in.At.Before(last.Resolved.At) {
		d.Outcome, d.Remember = MergeSkipped, chain
		d.Why = "older than the resolution by " + last.Resolved.By + " at " + last.Resolved.At.Local().Format("2006-01-02 15:04")
		return d
	}
	switch {
	case local == "":
		d.Outcome, d.Why, d.Apply = MergeAdded, "new here", chain
	case seesLocal:
		d.Outcome, d.Why, d.Apply = MergeAdded, "changed there only", chain
	case in.New.Same(cur):
		d.Outcome, d.Why, d.Remember, d.Stands = MergeSame, "same answer", chain, local
	default:
		d.Outcome, d.Why, d.Remember, d.Arose = MergeDisputed, "both changed", chain, true
		d.Current = s.currentRating(cur)
	}
	return d
}

// currentRating is the answer here as a rating, with where it came from.
func (s *MergeState) currentRating(a Answer) Rating {
	kr := s.Known[a.Revision]
	return Rating{Revision: a.Revision, Level: a.Level, Note: a.Note, Flagged: a.Flagged,
		By: a.UpdatedBy, At: a.UpdatedAt, Host: kr.Host, Origin: kr.Origin}
}

// record updates the state with a decision, as writing it would.
func (s *MergeState) record(d Decision, now time.Time) {
	remember := func(h HistoryEntry, stands string) {
		s.Known[h.Revision] = KnownRevision{Key: d.Key, Stands: stands, By: h.By, At: h.At, Host: h.Host, Origin: h.Origin}
	}
	switch d.Outcome {
	case MergeAdded:
		for _, h := range d.Apply {
			remember(h, h.Revision)
		}
		now := d.Apply[len(d.Apply)-1]
		a := now.New
		a.Framework, a.QuestionID, a.UpdatedAt, a.UpdatedBy, a.Revision = d.Framework, d.Question, now.At, now.By, now.Revision
		s.Answers[d.Key] = a
		if open := s.open(d.Key); open != nil && d.Resolves {
			open.Resolved = &Resolution{Revision: now.Revision, By: now.By, At: now.At}
		}
		for i := range d.Carries {
			if c := &d.Carries[i]; s.open(d.Key) == nil {
				s.Disagreements[d.Key] = c
			}
		}
	case MergeSame, MergeSkipped:
		for _, h := range d.Remember {
			stands := ""
			if h.Revision == d.Change.Revision {
				stands = d.Stands
			}
			remember(h, stands)
		}
	case MergeDisputed:
		for _, h := range d.Remember {
			remember(h, "")
		}
		dis := s.open(d.Key)
		if d.Arose {
			dis = &Disagreement{Key: d.Key, AroseAt: now, Ratings: []Rating{d.Current}}
			s.Disagreements[d.Key] = dis
		}
		for i := range dis.Ratings {
			if dis.Ratings[i].Revision == d.Replaces {
				dis.Ratings[i].ReplacedBy = d.Change.Revision
			}
		}
		dis.Ratings = append(dis.Ratings, ratingOf(d.Change))
	}
}

// ImportResult is what importing one bundle did, or would do on a dry run.
type ImportResult struct {
	File       string
	Assessment Assessment // as it is after the import
	Created    bool       // the assessment was not here before
	DryRun     bool
	Decisions  []Decision
	Tally
	// Actions are the decisions on the bundle's actions, counted in
	// ActionTally (which has no disagreements).
	Actions     []ActionDecision
	ActionTally Tally
	// Targets are the targets the bundle sets otherwise than the assessment
	// here, which kept its own; nil when the import created the assessment.
	Targets []TargetDifference
}

// Tally counts decisions by outcome, as `assay import` reports them.
type Tally struct {
	Added, Same, Skipped, Disagreements int
}

// Count tallies a list of decisions.
func Count(ds []Decision) Tally {
	var t Tally
	for _, d := range ds {
		t.add(d.Outcome)
	}
	return t
}

// CountActions tallies a list of decisions on actions.
func CountActions(ds []ActionDecision) Tally {
	var t Tally
	for _, d := range ds {
		t.add(d.Outcome)
	}
	return t
}

func (t *Tally) add(o MergeOutcome) {
	switch o {
	case MergeAdded:
		t.Added++
	case MergeSame:
		t.Same++
	case MergeSkipped:
		t.Skipped++
	case MergeDisputed:
		t.Disagreements++
	}
}

// Changed reports whether writing the decisions changes anything.
func (t Tally) Changed() bool { return t.Added+t.Disagreements > 0 }
