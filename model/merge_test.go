package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// laptop is one copy of an assessment in a workshop, kept in memory the way
// the store keeps it on disk: a merge state and the answers' history.
type laptop struct {
	name, host string
	st         *MergeState
	hist       []HistoryEntry
	clock      *time.Time
	revs       *int
}

// room is a workshop: one clock and one source of revision IDs for every laptop.
type room struct {
	clock time.Time
	revs  int
}

func newRoom() *room { return &room{clock: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)} }

func (r *room) laptop(name string) *laptop {
	return &laptop{name: name, host: name + "-laptop", st: NewMergeState(), clock: &r.clock, revs: &r.revs}
}

func (r *room) later(d time.Duration) { r.clock = r.clock.Add(d) }

var testAssessment = Assessment{ID: "ws2026ab", Name: "Workshop", Target: 3,
	Frameworks: []AssessedFramework{{ID: "fw", Version: "1"}}}

// answer gives an answer here, as store.Save does: a new revision chained to
// the current one; on a disputed question it is a resolution.
func (l *laptop) answer(q string, level Level, note string) HistoryEntry {
	*l.revs++
	*l.clock = l.clock.Add(time.Minute)
	k := Key{"fw", q}
	old := l.st.Answers.Get("fw", q)
	h := HistoryEntry{Framework: "fw", QuestionID: q, Old: old, By: l.name, At: *l.clock, Host: l.host,
		Revision: fmt.Sprintf("%04x", *l.revs), Parent: old.Revision}
	h.New = Answer{Framework: "fw", QuestionID: q, Level: level, Note: note, UpdatedAt: h.At, UpdatedBy: l.name, Revision: h.Revision}
	if d := l.st.open(k); d != nil {
		for _, r := range d.Standing() {
			h.Settles = append(h.Settles, r.Revision)
		}
		d.Resolved = &Resolution{Revision: h.Revision, By: l.name, At: h.At}
	}
	l.st.Answers[k] = h.New
	l.st.Known[h.Revision] = KnownRevision{Key: k, Stands: h.Revision, By: h.By, At: h.At, Host: h.Host}
	l.hist = append(l.hist, h)
	return h
}

func (l *laptop) bundle() *Bundle {
	b := &Bundle{Format: BundleFormat, ExportedAt: *l.clock, ExportedBy: l.name, Host: l.host, Assessment: testAssessment}
	b.Assessment.Frameworks = slices.Clone(testAssessment.Frameworks)
	for _, a := range l.st.Answers {
		b.Answers = append(b.Answers, a)
	}
	slices.SortFunc(b.Answers, func(x, y Answer) int { return strings.Compare(x.QuestionID, y.QuestionID) })
	b.History = append(b.History, l.hist...)
	for _, d := range l.st.Disagreements {
		b.Disagreements = append(b.Disagreements, *d)
	}
	return b
}

// merge imports a bundle and keeps the applied changes in the history, as the
// store does.
func (l *laptop) merge(b *Bundle) []Decision {
	ds := Merge(l.st, b, *l.clock)
	for _, d := range ds {
		l.hist = append(l.hist, d.Apply...)
	}
	return ds
}

func (l *laptop) level(q string) Level { return l.st.Answers.Get("fw", q).Level }

// outcomes lists each decision as "q:outcome", in order.
func outcomes(ds []Decision) string {
	return joinOutcomes(ds, func(d Decision) (string, MergeOutcome) { return d.Question, d.Outcome })
}

func joinOutcomes[T any](ds []T, of func(T) (string, MergeOutcome)) string {
	var out []string
	for _, d := range ds {
		q, o := of(d)
		out = append(out, q+":"+o.String())
	}
	return strings.Join(out, " ")
}

func TestMergeRules(t *testing.T) {
	cases := []struct {
		name string
		play func(r *room, local, other *laptop)
		want string // outcome of merging other's bundle into local, by question
		why  string // Why of the first decision
	}{
		{"answered there only: taken", func(r *room, local, other *laptop) {
			other.answer("1.q1", 3, "")
		}, "1.q1:added", "new here"},
		{"changed there since the common point: taken", func(r *room, local, other *laptop) {
			local.answer("1.q1", 1, "")
			other.merge(local.bundle())
			other.answer("1.q1", 3, "")
		}, "1.q1:added", "changed there only"},
		{"same answer both sides, made independently: nothing to do", func(r *room, local, other *laptop) {
			local.answer("1.q1", 3, "ok")
			other.answer("1.q1", 3, "ok")
		}, "1.q1:same", "same answer"},
		{"the very revision here: nothing to do", func(r *room, local, other *laptop) {
			local.answer("1.q1", 3, "")
			other.merge(local.bundle())
		}, "1.q1:same", "unchanged"},
		{"already in history here: skipped", func(r *room, local, other *laptop) {
			other.answer("1.q1", 2, "")
			local.merge(other.bundle())
			local.answer("1.q1", 4, "") // local moved on since
		}, "1.q1:skipped", "already here"},
		{"both changed, different values: a disagreement", func(r *room, local, other *laptop) {
			local.answer("1.q1", 2, "mine")
			other.answer("1.q1", 4, "theirs")
		}, "1.q1:disagreement", "both changed"},
		{"N/A against a level is a disagreement", func(r *room, local, other *laptop) {
			local.answer("1.q1", 2, "")
			other.answer("1.q1", NotApplicable, "out of scope")
		}, "1.q1:disagreement", "both changed"},
		{"a cleared answer against a change there is a disagreement", func(r *room, local, other *laptop) {
			local.answer("1.q1", 2, "")
			other.merge(local.bundle())
			local.answer("1.q1", Unanswered, "")
			other.answer("1.q1", 3, "")
		}, "1.q1:disagreement", "both changed"},
		{"older than a resolution made here: skipped", func(r *room, local, other *laptop) {
			third := &laptop{name: "carol", host: "carol-laptop", st: NewMergeState(), clock: &r.clock, revs: &r.revs}
			other.answer("1.q1", 1, "") // before the resolution, never seen here
			local.answer("1.q1", 2, "")
			third.answer("1.q1", 4, "")
			local.merge(third.bundle())
			local.answer("1.q1", 3, "agreed in the room") // resolves
		}, "1.q1:skipped", "older than the resolution by ann at "},
		{"newer than a resolution made here, not seeing it: a disagreement again", func(r *room, local, other *laptop) {
			third := &laptop{name: "carol", host: "carol-laptop", st: NewMergeState(), clock: &r.clock, revs: &r.revs}
			local.answer("1.q1", 2, "")
			third.answer("1.q1", 4, "")
			local.merge(third.bundle())
			local.answer("1.q1", 3, "agreed in the room")
			other.answer("1.q1", 1, "") // after the resolution
		}, "1.q1:disagreement", "both changed"},
		{"after a resolution, a change that saw it: taken", func(r *room, local, other *laptop) {
			third := &laptop{name: "carol", host: "carol-laptop", st: NewMergeState(), clock: &r.clock, revs: &r.revs}
			local.answer("1.q1", 2, "")
			third.answer("1.q1", 4, "")
			local.merge(third.bundle())
			local.answer("1.q1", 3, "agreed")
			other.merge(local.bundle())
			other.answer("1.q1", 4, "improved since")
		}, "1.q1:added", "changed there only"},
		{"separate questions: each taken or kept", func(r *room, local, other *laptop) {
			local.answer("1.q1", 2, "")
			other.answer("1.q2", 3, "")
			other.answer("1.q3", 1, "")
		}, "1.q2:added 1.q3:added", "new here"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRoom()
			local, other := r.laptop("ann"), r.laptop("bob")
			c.play(r, local, other)
			ds := local.merge(other.bundle())
			if got := outcomes(ds); got != c.want {
				t.Fatalf("outcomes %q, want %q", got, c.want)
			}
			if !strings.HasPrefix(ds[0].Why, c.why) {
				t.Errorf("why %q, want %q…", ds[0].Why, c.why)
			}
			// Merging the same bundle again decides nothing new.
			again := local.merge(other.bundle())
			for _, d := range again {
				if d.Outcome == MergeAdded || d.Outcome == MergeDisputed || len(d.Remember) > 0 {
					t.Errorf("re-import: %s %s (%s) remembers %d", d.Question, d.Outcome, d.Why, len(d.Remember))
				}
			}
		})
	}
}

func TestDisagreementKeepsEveryRatingAndTheCurrentAnswer(t *testing.T) {
	r := newRoom()
	fac, alice, bob := r.laptop("ann"), r.laptop("alice"), r.laptop("bob")
	ws := fac.bundle()
	alice.merge(ws)
	bob.merge(ws)
	a := alice.answer("1.q1", 2, "policy in draft")
	r.later(time.Hour)
	b := bob.answer("1.q1", NotApplicable, "we have no sites")

	if got := outcomes(fac.merge(alice.bundle())); got != "1.q1:added" {
		t.Fatalf("alice: %s", got)
	}
	ds := fac.merge(bob.bundle())
	if got := outcomes(ds); got != "1.q1:disagreement" || !ds[0].Arose {
		t.Fatalf("bob: %s arose=%v", got, ds[0].Arose)
	}
	if fac.level("1.q1") != 2 {
		t.Errorf("the answer changed to %d; it must stay alice's 2", fac.level("1.q1"))
	}
	d := fac.st.open(Key{"fw", "1.q1"})
	if d == nil || len(d.Ratings) != 2 {
		t.Fatalf("disagreement %+v", d)
	}
	want := []Rating{
		{Revision: a.Revision, Level: 2, Note: "policy in draft", By: "alice", At: a.At, Host: "alice-laptop"},
		{Revision: b.Revision, Level: NotApplicable, Note: "we have no sites", By: "bob", At: b.At, Host: "bob-laptop"},
	}
	for i, w := range want {
		if g := d.Ratings[i]; g.Revision != w.Revision || g.Level != w.Level || g.Note != w.Note || g.By != w.By || !g.At.Equal(w.At) || g.Host != w.Host {
			t.Errorf("rating %d = %+v, want %+v", i, g, w)
		}
	}
	if s := d.Spread().String(); s != "2, N/A · 2 people" {
		t.Errorf("spread %q", s)
	}
	if !d.AroseAt.Equal(r.clock) {
		t.Errorf("arose at %v, want the time of the import, %v", d.AroseAt, r.clock)
	}
}

func TestDisputedQuestionGathersRatingsAndReplacesAPersonsEarlierOne(t *testing.T) {
	r := newRoom()
	fac, alice, bob, carol := r.laptop("ann"), r.laptop("alice"), r.laptop("bob"), r.laptop("carol")
	alice.answer("1.q1", 2, "")
	bob.answer("1.q1", 4, "")
	carol.answer("1.q1", 3, "")
	fac.merge(alice.bundle())
	fac.merge(bob.bundle())
	if got := outcomes(fac.merge(carol.bundle())); got != "1.q1:disagreement" {
		t.Fatalf("carol: %s", got)
	}
	bob.answer("1.q1", 5, "saw the audit report")
	ds := fac.merge(bob.bundle())
	if got := outcomes(ds); got != "1.q1:disagreement" || ds[0].Replaces == "" || !strings.Contains(ds[0].Why, "bob's earlier rating") {
		t.Fatalf("bob again: %s replaces %q why %q", got, ds[0].Replaces, ds[0].Why)
	}
	d := fac.st.open(Key{"fw", "1.q1"})
	if s := d.Spread().String(); s != "2–5 · 3 people" {
		t.Errorf("spread %q, want 2–5 · 3 people", s)
	}
	if len(d.Ratings) != 4 {
		t.Errorf("%d ratings kept, want 4 (the replaced one stays, marked)", len(d.Ratings))
	}
}

func TestAResolutionFromAnotherCopySettlesTheDisagreementHere(t *testing.T) {
	r := newRoom()
	fac, alice, bob := r.laptop("ann"), r.laptop("alice"), r.laptop("bob")
	alice.answer("1.q1", 2, "")
	bob.answer("1.q1", 4, "")
	fac.merge(alice.bundle())
	fac.merge(bob.bundle())
	// Bob takes the facilitator's bundle home: the same disagreement there.
	// (Bob's own rating comes back as the same.)
	if got := outcomes(bob.merge(fac.bundle())); got != "1.q1:disagreement 1.q1:same" {
		t.Fatalf("bob takes the open disagreement: %s", got)
	}
	res := fac.answer("1.q1", 3, "agreed in the room")
	if len(res.Settles) != 2 {
		t.Fatalf("the resolution settles %v", res.Settles)
	}
	ds := bob.merge(fac.bundle())
	if got := outcomes(ds); got != "1.q1:added" || !ds[0].Resolves {
		t.Fatalf("bob takes the resolution: %s resolves=%v", got, ds[0].Resolves)
	}
	if bob.level("1.q1") != 3 || bob.st.open(Key{"fw", "1.q1"}) != nil {
		t.Errorf("bob: level %d, open %v", bob.level("1.q1"), bob.st.open(Key{"fw", "1.q1"}))
	}
	// Alice never saw the disagreement: the resolution settled her rating, so
	// it is taken, and the settled disagreement comes along.
	ds = alice.merge(fac.bundle())
	if got := outcomes(ds); got != "1.q1:added" || len(ds[0].Carries) != 1 {
		t.Fatalf("alice: %s carries %d", got, len(ds[0].Carries))
	}
	if alice.level("1.q1") != 3 {
		t.Errorf("alice level %d", alice.level("1.q1"))
	}
}

func TestWorkshopRoundTrip(t *testing.T) {
	r := newRoom()
	fac, alice, bob := r.laptop("ann"), r.laptop("alice"), r.laptop("bob")
	fac.answer("1.q1", 1, "last year")
	ws := fac.bundle()
	if got := outcomes(alice.merge(ws)); got != "1.q1:added" {
		t.Fatalf("alice takes the bundle: %s", got)
	}
	bob.merge(ws)
	alice.answer("1.q2", 3, "")
	alice.answer("1.q1", 2, "")
	bob.answer("1.q3", 4, "")
	bob.answer("1.q1", 2, "") // the same as alice, independently

	fac.merge(alice.bundle())
	ds := fac.merge(bob.bundle())
	tally := Count(ds)
	if tally.Added != 1 || tally.Same != 1 || tally.Disagreements != 0 {
		t.Errorf("bob's bundle: %+v (%s)", tally, outcomes(ds))
	}
	for q, want := range map[string]Level{"1.q1": 2, "1.q2": 3, "1.q3": 4} {
		if got := fac.level(q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
	// Bob changes 1.q1 again from the value both agreed on: only he changed
	// it since, so it is taken.
	bob.answer("1.q1", 3, "")
	if got := outcomes(fac.merge(bob.bundle())); !strings.Contains(got, "1.q1:added") {
		t.Errorf("bob moves on from the agreed value: %s", got)
	}
	// The older bundle changes nothing.
	for _, d := range fac.merge(ws) {
		if d.Outcome != MergeSkipped && d.Outcome != MergeSame {
			t.Errorf("old bundle: %s %s", d.Question, d.Outcome)
		}
	}
}

func TestSpread(t *testing.T) {
	cases := []struct {
		levels []Level
		want   string
	}{
		{[]Level{2, 4, 3}, "2–4 · 3 people"},
		{[]Level{3, 3}, "3 · 2 people"},
		{[]Level{NotApplicable, 1}, "1, N/A · 2 people"},
		{[]Level{NotApplicable, Unanswered}, "N/A · 2 people"},
		{[]Level{Unanswered, Unanswered}, "no level · 2 people"},
	}
	for _, c := range cases {
		d := &Disagreement{}
		for _, l := range c.levels {
			d.Ratings = append(d.Ratings, Rating{Level: l})
		}
		d.Ratings = append(d.Ratings, Rating{Level: 0, ReplacedBy: "x"}) // replaced: not counted
		if got := d.Spread().String(); got != c.want {
			t.Errorf("%v: %q, want %q", c.levels, got, c.want)
		}
	}
}

func TestBundleCheck(t *testing.T) {
	cat, err := NewCatalog(&Framework{ID: "fw", Version: "1"})
	if err != nil {
		t.Fatal(err)
	}
	good := func() *Bundle {
		r := newRoom()
		l := r.laptop("ann")
		l.answer("1.q1", 2, "")
		l.answer("1.q1", 3, "")
		l.answer("1.q2", NotApplicable, "no sites")
		return l.bundle()
	}
	if err := good().Check(cat); err != nil {
		t.Fatalf("a bundle as exported: %v", err)
	}
	cases := []struct {
		name   string
		damage func(b *Bundle)
		want   string
	}{
		{"framework not loaded", func(b *Bundle) { b.Assessment.Frameworks[0].ID = "other" }, `framework "other" is not loaded here (loaded: fw)`},
		{"other version", func(b *Bundle) { b.Assessment.Frameworks[0].Version = "2" }, `framework fw is version "2" there and "1" here`},
		{"bad id", func(b *Bundle) { b.Assessment.ID = "Robert'); DROP" }, `is not an assay ID`},
		{"no name", func(b *Bundle) { b.Assessment.Name = " " }, `has no name`},
		{"level out of range", func(b *Bundle) { b.Answers[0].Level = 7 }, `has level 7, not 0-5 or na`},
		{"answer twice", func(b *Bundle) { b.Answers = append(b.Answers, b.Answers[0]) }, `answered twice`},
		{"revision not the last change", func(b *Bundle) {
			for i := range b.Answers {
				if b.Answers[i].QuestionID == "1.q1" {
					b.Answers[i].Revision = b.History[0].Revision
				}
			}
		}, `but its last change in history is`},
		{"parent missing", func(b *Bundle) { b.History[1].Parent = "beef" }, `names parent beef, which is not an earlier change`},
		{"revision repeated", func(b *Bundle) { b.History[1].Revision = b.History[0].Revision }, `repeats revision`},
		{"revision not hex", func(b *Bundle) { b.History[0].Revision = "zz top" }, `has revision "zz top"`},
		{"framework not covered", func(b *Bundle) { b.History[0].Framework = "fx" }, `which the assessment does not cover`},
		{"change without a time", func(b *Bundle) { b.History[0].At = time.Time{} }, `has no time`},
	}
	for _, c := range cases {
		b := good()
		c.damage(b)
		err := b.Check(cat)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want …%s…", c.name, err, c.want)
		}
	}
}
