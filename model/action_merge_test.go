package model

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// desk is one laptop's actions, kept in memory the way the store keeps them:
// a merge state and every history row, applied or not.
type desk struct {
	name string
	r    *room
	st   *ActionMergeState
	hist []ActionEntry
}

func (r *room) desk(name string) *desk { return &desk{name: name, r: r, st: NewActionMergeState()} }

// plan sets the action on a question as store.SaveAction does: a new
// revision chained to the current one; empty text and owner remove it.
func (d *desk) plan(q, text, owner string, status ActionStatus) ActionEntry {
	d.r.revs++
	d.r.later(time.Minute)
	k := Key{"fw", q}
	old := d.st.Current[k]
	next := Action{Text: text, Owner: owner, Status: status}
	if next.Empty() {
		next.Status = ""
	}
	e := ActionEntry{Framework: "fw", QuestionID: q, Old: old, New: next, Revision: fmt.Sprintf("a%03x", d.r.revs),
		Parent: old.Revision, By: d.name, At: d.r.clock, Host: d.name + "-laptop", Applied: true}
	d.st.Add(e)
	d.hist = append(d.hist, e)
	return e
}

func (d *desk) bundle() *Bundle {
	b := &Bundle{Format: BundleFormat, ExportedAt: d.r.clock, ExportedBy: d.name, Assessment: testAssessment}
	for _, k := range []string{"1.q1", "1.q2", "1.q3"} {
		if a := d.st.Current[Key{"fw", k}]; !a.Empty() {
			b.Actions = append(b.Actions, a)
		}
	}
	b.ActionHistory = append(b.ActionHistory, d.hist...)
	return b
}

// merge imports a bundle's actions and records what the store would.
func (d *desk) merge(b *Bundle) []ActionDecision {
	ds := MergeActions(d.st, b)
	for _, x := range ds {
		d.hist = append(d.hist, x.Apply...)
		d.hist = append(d.hist, x.Remember...)
	}
	return ds
}

func (d *desk) text(q string) string { return d.st.Current[Key{"fw", q}].Text }

func actionOutcomes(ds []ActionDecision) string {
	return joinOutcomes(ds, func(d ActionDecision) (string, MergeOutcome) { return d.Question, d.Outcome })
}

func TestMergeActionsRules(t *testing.T) {
	cases := []struct {
		name string
		play func(r *room, local, other *desk)
		want string // outcomes of merging other's bundle into local
		why  string // Why of the first decision, in part
		text string // the action on 1.q1 here after the merge
	}{
		{"set there only: taken", func(r *room, local, other *desk) {
			other.plan("1.q1", "test the plan", "bo", ActionOpen)
		}, "1.q1:added", "new here", "test the plan"},
		{"changed there since the common point: taken", func(r *room, local, other *desk) {
			local.plan("1.q1", "test the plan", "", ActionOpen)
			other.merge(local.bundle())
			other.plan("1.q1", "test the plan", "", ActionDone)
		}, "1.q1:added", "changed there only", "test the plan"},
		{"changed there twice, the middle unknown here: the whole chain", func(r *room, local, other *desk) {
			local.plan("1.q1", "a", "", ActionOpen)
			other.merge(local.bundle())
			other.plan("1.q1", "b", "", ActionOpen)
			other.plan("1.q1", "c", "", ActionOpen)
		}, "1.q1:added", "changed there only", "c"},
		{"the very revision here: nothing", func(r *room, local, other *desk) {
			local.plan("1.q1", "a", "", ActionOpen)
			other.merge(local.bundle())
		}, "1.q1:same", "unchanged", "a"},
		{"the same action made on both sides: nothing", func(r *room, local, other *desk) {
			local.plan("1.q1", "a", "bo", ActionDoing)
			other.plan("1.q1", "a", "bo", ActionDoing)
		}, "1.q1:same", "same action", "a"},
		{"both changed, theirs newer: theirs, ours kept in history", func(r *room, local, other *desk) {
			local.plan("1.q1", "ours", "", ActionOpen)
			other.plan("1.q1", "theirs", "", ActionOpen)
		}, "1.q1:added", "both changed; newer than local's here", "theirs"},
		{"both changed, ours newer: ours stays, theirs kept in history", func(r *room, local, other *desk) {
			other.plan("1.q1", "theirs", "", ActionOpen)
			local.plan("1.q1", "ours", "", ActionOpen)
		}, "1.q1:skipped", "both changed; local's here of", "ours"},
		{"removed there only: removed", func(r *room, local, other *desk) {
			local.plan("1.q1", "a", "", ActionOpen)
			other.merge(local.bundle())
			other.plan("1.q1", "", "", "")
		}, "1.q1:added", "changed there only", ""},
		{"removed there, changed here later: the change stays", func(r *room, local, other *desk) {
			local.plan("1.q1", "a", "", ActionOpen)
			other.merge(local.bundle())
			other.plan("1.q1", "", "", "")
			local.plan("1.q1", "a", "", ActionDone)
		}, "1.q1:skipped", "both changed", "a"},
		{"seen before, here moved on: skipped", func(r *room, local, other *desk) {
			other.plan("1.q1", "a", "", ActionOpen)
			local.merge(other.bundle())
			local.plan("1.q1", "b", "", ActionOpen)
		}, "1.q1:skipped", "already here", "b"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRoom()
			local, other := r.desk("local"), r.desk("other")
			c.play(r, local, other)
			ds := local.merge(other.bundle())
			if got := actionOutcomes(ds); got != c.want {
				t.Fatalf("outcomes %q, want %q", got, c.want)
			}
			if !strings.Contains(ds[0].Why, c.why) {
				t.Errorf("why %q, want …%s…", ds[0].Why, c.why)
			}
			if got := local.text("1.q1"); got != c.text {
				t.Errorf("action here %q, want %q", got, c.text)
			}
			// The same bundle again decides nothing new.
			if again := local.merge(other.bundle()); CountActions(again).Added+len(again[0].Remember) != 0 {
				t.Errorf("merging again: %s", actionOutcomes(again))
			}
		})
	}
}

// Both sides end with the same action whichever way the bundles go, and the
// change that lost is in each history.
func TestMergeActionsConverge(t *testing.T) {
	for _, tie := range []bool{false, true} {
		r := newRoom()
		alice, bob := r.desk("alice"), r.desk("bob")
		alice.plan("1.q1", "alice's plan", "", ActionOpen)
		if tie {
			r.clock = r.clock.Add(-time.Minute) // bob's change at the very same instant
		}
		bob.plan("1.q1", "bob's plan", "", ActionDoing)
		ab, bb := alice.bundle(), bob.bundle()
		alice.merge(bb)
		bob.merge(ab)
		if alice.st.Current[Key{"fw", "1.q1"}] != bob.st.Current[Key{"fw", "1.q1"}] {
			t.Fatalf("tie %v: alice has %+v, bob %+v", tie, alice.st.Current, bob.st.Current)
		}
		for _, d := range []*desk{alice, bob} {
			var texts []string
			for _, h := range d.hist {
				texts = append(texts, fmt.Sprintf("%s/%v", h.New.Text, h.Applied))
			}
			if len(d.hist) != 2 {
				t.Errorf("tie %v: %s's history %v, want both changes", tie, d.name, texts)
			}
		}
		// Round two: each takes the other's bundle again; nothing moves.
		if n := CountActions(alice.merge(bob.bundle())).Added + CountActions(bob.merge(alice.bundle())).Added; n != 0 {
			t.Errorf("tie %v: round two added %d", tie, n)
		}
	}
}

// A change that said the same as the action here is remembered as agreeing
// with it, so a later change on top of it is a change there only.
func TestMergeActionsSameThenChanged(t *testing.T) {
	r := newRoom()
	local, other := r.desk("local"), r.desk("other")
	local.plan("1.q1", "a", "", ActionOpen)
	r.later(time.Hour) // local's clock is ahead of other's next change
	other.plan("1.q1", "a", "", ActionOpen)
	if got := actionOutcomes(local.merge(other.bundle())); got != "1.q1:same" {
		t.Fatalf("first: %s", got)
	}
	r.clock = r.clock.Add(-2 * time.Hour) // other's clock is behind: newest-wins would keep local's
	other.plan("1.q1", "a", "", ActionDone)
	ds := local.merge(other.bundle())
	if actionOutcomes(ds) != "1.q1:added" || ds[0].Why != "changed there only" || local.st.Current[Key{"fw", "1.q1"}].Status != ActionDone {
		t.Errorf("a change on top of the same action: %s (%s)", actionOutcomes(ds), ds[0].Why)
	}
}

func TestBundleCheckActionsAndTargets(t *testing.T) {
	fw := &Framework{ID: "fw", Version: "1", Sections: []*Section{{Ref: "1", Title: "One",
		Questions: []*Question{{ID: "1.q1"}, {ID: "1.q2"}}}}}
	fw.Index()
	cat, err := NewCatalog(fw)
	if err != nil {
		t.Fatal(err)
	}
	good := func() *Bundle {
		r := newRoom()
		d := r.desk("ann")
		d.plan("1.q1", "a", "bo", ActionOpen)
		d.plan("1.q1", "a", "bo", ActionDoing)
		d.plan("1.q2", "b", "", ActionOpen)
		d.plan("1.q2", "", "", "")
		b := d.bundle()
		b.Assessment.TargetOverrides = []TargetOverride{{"fw", "", 4}, {"fw", "1", 5}}
		return b
	}
	if err := good().Check(cat); err != nil {
		t.Fatalf("a bundle as exported: %v", err)
	}
	cases := []struct {
		name   string
		damage func(b *Bundle)
		want   string
	}{
		{"status unknown", func(b *Bundle) { b.Actions[0].Status = "closed" }, `status "closed" is not open, doing or done`},
		{"impossible due date", func(b *Bundle) { b.ActionHistory[0].New.Due = "2027-02-30" }, `date "2027-02-30" is not a day`},
		{"an action twice", func(b *Bundle) { b.Actions = append(b.Actions, b.Actions[0]) }, `is there twice`},
		{"an empty action", func(b *Bundle) { b.Actions[0].Text, b.Actions[0].Owner, b.Actions[0].Status = "", "", "" }, `is empty`},
		{"no status on an action", func(b *Bundle) { b.ActionHistory[1].Old.Status = "" }, `does not fit`},
		{"revision not the last change", func(b *Bundle) { b.Actions[0].Revision = b.ActionHistory[0].Revision }, `but its last change in history is`},
		{"parent not an earlier change", func(b *Bundle) { b.ActionHistory[1].Parent = b.ActionHistory[2].Revision }, `not an earlier change to that action`},
		{"revision repeated", func(b *Bundle) { b.ActionHistory[1].Revision = b.ActionHistory[0].Revision }, `repeats revision`},
		{"no time", func(b *Bundle) { b.ActionHistory[0].At = time.Time{} }, `has no time`},
		{"history ends in an action not listed", func(b *Bundle) { b.Actions = nil }, `which is not among the actions`},
		{"framework not covered", func(b *Bundle) { b.Actions[0].Framework = "fx" }, `which the assessment does not cover`},
		{"target on a clause that is not there", func(b *Bundle) { b.Assessment.TargetOverrides[1].Section = "9" }, `fw has no clause 9`},
		{"target out of range", func(b *Bundle) { b.Assessment.TargetOverrides[0].Level = 6 }, `target level 6 is not 0-5`},
		{"target twice", func(b *Bundle) {
			b.Assessment.TargetOverrides = append(b.Assessment.TargetOverrides, b.Assessment.TargetOverrides[1])
		}, `the target of fw clause 1 is set twice`},
		{"target of a framework not covered", func(b *Bundle) { b.Assessment.TargetOverrides[0].Framework = "fx" }, `does not cover framework "fx"`},
	}
	for _, c := range cases {
		b := good()
		c.damage(b)
		if err := b.Check(cat); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want …%s…", c.name, err, c.want)
		}
	}
}

func TestTargetDifferences(t *testing.T) {
	here := Assessment{Target: 3, TargetOverrides: []TargetOverride{{"fw", "", 4}, {"fw", "8", 5}, {"gw", "", 2}}}
	cases := []struct {
		name  string
		there Assessment
		want  string
	}{
		{"the same", here, ""},
		{"everything differs", Assessment{Target: 2, TargetOverrides: []TargetOverride{{"fw", "", 5}, {"fw", "9", 1}, {"gw", "", 2}}},
			"the assessment 2/3 · fw 5/4 · fw clause 8 -/5 · fw clause 9 1/-"},
	}
	for _, c := range cases {
		var got []string
		for _, d := range TargetDifferences(here, c.there) {
			there, h := "-", "-"
			if d.ThereSet {
				there = d.Level.String()
			}
			if d.HereSet {
				h = d.Here.String()
			}
			got = append(got, d.Place()+" "+there+"/"+h)
		}
		if s := strings.Join(got, " · "); s != c.want {
			t.Errorf("%s: %q, want %q", c.name, s, c.want)
		}
	}
}
