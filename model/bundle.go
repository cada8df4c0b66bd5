package model

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// BundleFormat is the workshop bundle format this build writes and reads.
// It rises only when an older reader would misread a newer bundle.
const BundleFormat = 1

// Bundle is an assessment as one copy exports it for others to merge: the
// answers with their revisions, every change in their history, and the
// disagreements, with who exported it, when and where.
type Bundle struct {
	Format       int
	ExportedAt   time.Time
	ExportedBy   string
	Host         string
	AssayVersion string

	Assessment    Assessment // with its targets
	Answers       []Answer
	History       []HistoryEntry // oldest first
	Disagreements []Disagreement
	Actions       []Action
	ActionHistory []ActionEntry // oldest first
}

// Check reports the first thing in the bundle that a merge cannot trust: a
// framework that is not loaded (or loaded in another version), a level out of
// range, an answer twice, a broken chain of revisions. The message says what
// and where, without the file name (the reader adds it).
func (b *Bundle) Check(c *Catalog) error {
	a := b.Assessment
	if !validID(a.ID) {
		return fmt.Errorf("assessment id %q is not an assay ID", a.ID)
	}
	if strings.TrimSpace(a.Name) == "" {
		return fmt.Errorf("assessment %s has no name", a.ID)
	}
	if !a.Target.Rated() {
		return fmt.Errorf("target level %d is not 0-5", a.Target)
	}
	if len(a.Frameworks) == 0 {
		return fmt.Errorf("assessment %s covers no framework", a.ID)
	}
	for i, af := range a.Frameworks {
		f, ok := c.Framework(af.ID)
		switch {
		case !ok:
			return fmt.Errorf("framework %q is not loaded here (loaded: %s)", af.ID, strings.Join(c.IDs(), ", "))
		case f.Version != af.Version:
			return fmt.Errorf("framework %s is version %q there and %q here; both sides need the same questionnaire", af.ID, af.Version, f.Version)
		}
		for _, prev := range a.Frameworks[:i] {
			if prev.ID == af.ID {
				return fmt.Errorf("framework %s is listed twice", af.ID)
			}
		}
	}
	for i, o := range a.TargetOverrides {
		if o.Framework == "" {
			return fmt.Errorf("a target of assessment %s names no framework", a.ID)
		}
		if _, err := o.Check(a, c); err != nil {
			return err
		}
		for _, prev := range a.TargetOverrides[:i] {
			if prev.Framework == o.Framework && prev.Section == o.Section {
				return fmt.Errorf("the target of %s is set twice", o.Place())
			}
		}
	}
	where := func(fw, q string) error {
		if !a.Has(fw) {
			return fmt.Errorf("%s:%s is in framework %q, which the assessment does not cover", fw, q, fw)
		}
		if q == "" {
			return fmt.Errorf("an entry of framework %s has no question_id", fw)
		}
		return nil
	}
	level := func(l Level, what string) error {
		if !l.Given() && l != Unanswered {
			return fmt.Errorf("%s has level %d, not 0-5 or na", what, l)
		}
		return nil
	}

	// History: unique revisions, each parent an earlier change to the same question.
	rows := map[string]HistoryEntry{}
	last := map[Key]string{}
	links := chain{"question", map[string]Key{}}
	for i, h := range b.History {
		k := Key{h.Framework, h.QuestionID}
		what := fmt.Sprintf("history entry %d (%s)", i+1, k.Qualified())
		if err := where(h.Framework, h.QuestionID); err != nil {
			return err
		}
		if err := links.add(what, k, h.Revision, h.Parent); err != nil {
			return err
		}
		if err := level(h.Old.Level, what); err != nil {
			return err
		}
		if err := level(h.New.Level, what); err != nil {
			return err
		}
		if h.At.IsZero() {
			return fmt.Errorf("%s has no time", what)
		}
		rows[h.Revision] = h
		last[k] = h.Revision
	}

	seen := map[Key]bool{}
	for _, an := range b.Answers {
		k := Key{an.Framework, an.QuestionID}
		if err := where(an.Framework, an.QuestionID); err != nil {
			return err
		}
		if seen[k] {
			return fmt.Errorf("%s is answered twice", k.Qualified())
		}
		seen[k] = true
		if err := level(an.Level, k.Qualified()); err != nil {
			return err
		}
		if !ValidRevision(an.Revision) {
			return fmt.Errorf("%s has revision %q", k.Qualified(), an.Revision)
		}
		if l, ok := last[k]; ok && l != an.Revision {
			return fmt.Errorf("%s has revision %s but its last change in history is %s", k.Qualified(), an.Revision, l)
		}
	}

	if err := b.checkActions(where); err != nil {
		return err
	}
	open := map[Key]bool{}
	for _, d := range b.Disagreements {
		if err := where(d.Framework, d.Question); err != nil {
			return err
		}
		what := "the disagreement on " + d.Key.Qualified()
		if len(d.Ratings) == 0 {
			return fmt.Errorf("%s has no ratings", what)
		}
		for _, r := range d.Ratings {
			if !ValidRevision(r.Revision) {
				return fmt.Errorf("%s has a rating with revision %q", what, r.Revision)
			}
			if err := level(r.Level, what); err != nil {
				return err
			}
		}
		if d.Open() {
			if open[d.Key] {
				return fmt.Errorf("%s is open twice", what)
			}
			open[d.Key] = true
		} else if h, ok := rows[d.Resolved.Revision]; !ok || h.Framework != d.Framework || h.QuestionID != d.Question {
			return fmt.Errorf("%s was resolved by %s, which is not a change to that question in history", what, d.Resolved.Revision)
		}
	}
	return nil
}

// chain checks the changes of a history in the order they are read: each has
// a revision assay could have made, not seen before, and a parent that is
// an earlier change on the same question ("" for the first).
type chain struct {
	of   string // what the changes are to, for messages: "question", "action"
	keys map[string]Key
}

func (c chain) add(what string, k Key, rev, parent string) error {
	if !ValidRevision(rev) {
		return fmt.Errorf("%s has revision %q", what, rev)
	}
	if _, dup := c.keys[rev]; dup {
		return fmt.Errorf("%s repeats revision %s", what, rev)
	}
	if p, ok := c.keys[parent]; parent != "" && (!ok || p != k) {
		return fmt.Errorf("%s names parent %s, which is not an earlier change to that %s", what, parent, c.of)
	}
	c.keys[rev] = k
	return nil
}

// validID accepts the IDs assay makes (and any other short lowercase token).
func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// ValidRevision accepts the hex IDs assay makes, in either case.
func ValidRevision(r string) bool {
	if r == "" || len(r) > 64 {
		return false
	}
	for _, c := range r {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// heads are the bundle's incoming answers: each question's current answer
// (from its last change in history, or from the answer when it has none,
// as for answers given before revisions existed), then every standing rating
// of the bundle's open disagreements. A question cleared there is a head too.
func (b *Bundle) heads() []HistoryEntry {
	lastRow := map[Key]HistoryEntry{}
	var order []Key
	for _, h := range b.History {
		k := Key{h.Framework, h.QuestionID}
		if _, ok := lastRow[k]; !ok {
			order = append(order, k)
		}
		lastRow[k] = h
	}
	answered := make(map[Key]bool, len(b.Answers))
	heads := make([]HistoryEntry, 0, len(b.Answers)+len(order))
	for _, a := range b.Answers {
		k := Key{a.Framework, a.QuestionID}
		answered[k] = true
		if h, ok := lastRow[k]; ok && h.Revision == a.Revision {
			heads = append(heads, h)
			continue
		}
		a.UpdatedAt = a.UpdatedAt.UTC()
		heads = append(heads, HistoryEntry{Framework: a.Framework, QuestionID: a.QuestionID,
			Old: Answer{Framework: a.Framework, QuestionID: a.QuestionID, Level: Unanswered},
			New: a, By: a.UpdatedBy, At: a.UpdatedAt, Revision: a.Revision})
	}
	for _, k := range order {
		if !answered[k] {
			heads = append(heads, lastRow[k])
		}
	}
	inHistory := map[string]bool{}
	for _, h := range b.History {
		inHistory[h.Revision] = true
	}
	for _, a := range b.Answers {
		inHistory[a.Revision] = true
	}
	for _, d := range b.Disagreements {
		if !d.Open() {
			continue
		}
		for _, r := range d.Standing() {
			if inHistory[r.Revision] {
				continue // the answer there, a head already
			}
			v := r.Value(d.Key)
			heads = append(heads, HistoryEntry{Framework: d.Framework, QuestionID: d.Question,
				Old: Answer{Framework: d.Framework, QuestionID: d.Question, Level: Unanswered},
				New: v, By: r.By, At: r.At, Host: r.Host, Origin: r.Origin, Revision: r.Revision})
		}
	}
	return heads
}

// bundleIndex finds a bundle's changes by revision.
type bundleIndex struct {
	b    *Bundle
	rows map[string]HistoryEntry
	pos  map[string]int
	// resolvedBy maps a resolution's revision to its disagreement.
	resolvedBy map[string]*Disagreement
}

func (b *Bundle) index() bundleIndex {
	idx := bundleIndex{b: b, rows: make(map[string]HistoryEntry, len(b.History)), pos: make(map[string]int, len(b.History)),
		resolvedBy: map[string]*Disagreement{}}
	for i, h := range b.History {
		idx.rows[h.Revision] = h
		idx.pos[h.Revision] = i
	}
	for i := range b.Disagreements {
		if d := &b.Disagreements[i]; !d.Open() {
			idx.resolvedBy[d.Resolved.Revision] = d
			// A resolution descends from every rating it settled.
			if h, ok := idx.rows[d.Resolved.Revision]; ok {
				for _, r := range d.Standing() {
					if !slices.Contains(h.Settles, r.Revision) {
						h.Settles = append(h.Settles, r.Revision)
					}
				}
				idx.rows[h.Revision] = h
			}
		}
	}
	return idx
}

// ancestors is every revision an incoming change descends from: its parents
// and the ratings a resolution settled, followed through the bundle's history.
func (idx bundleIndex) ancestors(in HistoryEntry) map[string]bool {
	if in.Parent == "" && len(in.Settles) == 0 {
		return nil // the usual first answer: no map to make
	}
	seen := map[string]bool{}
	queue := []HistoryEntry{in}
	visit := func(p string) {
		if p == "" || seen[p] {
			return
		}
		seen[p] = true
		if row, ok := idx.rows[p]; ok {
			queue = append(queue, row)
		}
	}
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		visit(h.Parent)
		for _, p := range h.Settles {
			visit(p)
		}
	}
	return seen
}

// unknownChain is the incoming change and those of its ancestors in the
// bundle's history that the copy does not know, oldest first.
func (idx bundleIndex) unknownChain(s *MergeState, in HistoryEntry, anc map[string]bool) []HistoryEntry {
	var chain []HistoryEntry
	for r := range anc {
		if _, known := s.Known[r]; !known {
			if row, ok := idx.rows[r]; ok {
				chain = append(chain, row)
			}
		}
	}
	sort.Slice(chain, func(i, j int) bool { return idx.pos[chain[i].Revision] < idx.pos[chain[j].Revision] })
	return append(chain, in)
}

// settledBy lists the bundle's resolved disagreements whose resolutions are
// among the given changes.
func (idx bundleIndex) settledBy(applied []HistoryEntry) []Disagreement {
	var out []Disagreement
	for _, h := range applied {
		if d, ok := idx.resolvedBy[h.Revision]; ok {
			out = append(out, *d)
		}
	}
	return out
}
