package model

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

var (
	q1 = Key{"iso28000-2022", "4.1.q1"}
	q2 = Key{"iso28000-2022", "4.2.q1"}
	t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
)

func vote(by string, k Key, l Level, note string) Vote {
	return Vote{Key: k, By: by, Level: l, Note: note, At: t0, Revision: "r-" + by}
}

// step is one action on a room and the error it must give ("" none).
type step struct {
	do   func(r *Room) error
	want string
}

func ok(f func(r *Room)) step { return step{do: func(r *Room) error { f(r); return nil }} }

func casts(v Vote, want string) step {
	return step{do: func(r *Room) error { return r.Vote(v) }, want: want}
}

func reveals(k Key, want string) step {
	return step{do: func(r *Room) error {
		var standing []Rating
		if rd, ok := r.rounds[k]; ok {
			for _, v := range rd.Votes {
				standing = append(standing, v.Rating("laptop"))
			}
		}
		return r.Reveal(k, standing)
	}, want: want}
}

func records(k Key, l Level, want string) step {
	return step{do: func(r *Room) error { return r.Record(k, Answer{Level: l}) }, want: want}
}

// aRoom has fay facilitating, ann, bob and cy connected, on q1.
func aRoom() *Room {
	r := NewRoom("fay", q1)
	for _, p := range []string{"cy", "Bob", "ann"} {
		r.Join(p)
	}
	return r
}

func TestRoomRules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"participants rate and change their minds", []step{
			casts(vote("ann", q1, 2, ""), ""),
			casts(vote("ann", q1, 3, "policy approved"), ""),
			casts(vote("bob", q1, 4, ""), ""),
		}},
		{"the facilitator does not rate", []step{casts(vote("Fay", q1, 2, ""), ErrFacilitator.Error())}},
		{"someone not connected cannot rate", []step{casts(vote("dan", q1, 2, ""), ErrNotInRoom.Error())}},
		{"only the facilitator's question", []step{casts(vote("ann", q2, 2, ""), ErrMovedOn.Error())}},
		{"not when let loose", []step{ok(func(r *Room) { r.SetMode(LetLoose) }), casts(vote("ann", q1, 2, ""), ErrRoomLoose.Error())}},
		{"a level is needed", []step{casts(vote("ann", q1, Unanswered, ""), "rate 0-5")}},
		{"N/A needs a reason", []step{
			casts(vote("ann", q1, NotApplicable, "  "), "say why"),
			casts(vote("ann", q1, NotApplicable, "no such sites"), ""),
		}},
		{"nothing to reveal", []step{reveals(q1, ErrNoVotes.Error())}},
		{"no rating after the reveal", []step{
			casts(vote("ann", q1, 2, ""), ""),
			reveals(q1, ""),
			reveals(q1, ErrRevealed.Error()),
			casts(vote("bob", q1, 3, ""), ErrRevealed.Error()),
		}},
		{"no record before the reveal", []step{
			casts(vote("ann", q1, 2, ""), ""),
			records(q1, 2, ErrNotRevealed.Error()),
			reveals(q1, ""),
			records(q1, 2, ""),
		}},
		{"a question nobody rated can be recorded", []step{records(q2, 3, "")}},
		{"asked again, votes start afresh", []step{
			casts(vote("ann", q1, 2, ""), ""),
			reveals(q1, ""),
			ok(func(r *Room) { r.Again(q1) }),
			casts(vote("bob", q1, 3, ""), ""),
			reveals(q1, ""),
		}},
		{"someone who left keeps their vote; the votes stay with the question", []step{
			casts(vote("ann", q1, 2, ""), ""),
			ok(func(r *Room) { r.Leave("ann") }),
			casts(vote("ann", q1, 3, ""), ErrNotInRoom.Error()),
			ok(func(r *Room) { r.Go(q2); r.Join("ann") }),
			casts(vote("ann", q2, 4, ""), ""),
			ok(func(r *Room) { r.Go(q1) }),
			reveals(q1, ""),
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := aRoom()
			for i, s := range tc.steps {
				before := r.Version
				err := s.do(r)
				switch {
				case s.want == "" && err != nil:
					t.Fatalf("step %d: %v", i+1, err)
				case s.want != "" && (err == nil || !strings.Contains(err.Error(), s.want)):
					t.Fatalf("step %d: error %v, want %q", i+1, err, s.want)
				case s.want != "" && r.Version != before:
					t.Fatalf("step %d: a refused step changed the room", i+1)
				}
			}
		})
	}
}

func TestRoundViewsKeepRatingsPrivateUntilRevealed(t *testing.T) {
	r := aRoom()
	must(t, r.Vote(vote("bob", q1, 4, "metrics monthly")))
	must(t, r.Vote(vote("ann", q1, 2, "only HQ")))

	fay := r.View("fay").Round
	if !reflect.DeepEqual(fay.Voted, []string{"ann", "bob"}) || !reflect.DeepEqual(fay.Waiting, []string{"cy"}) {
		t.Errorf("facilitator sees voted %v waiting %v", fay.Voted, fay.Waiting)
	}
	if fay.Mine != nil || fay.Ratings != nil || fay.Revealed {
		t.Errorf("facilitator sees what was given before the reveal: %+v", fay)
	}
	ann := r.View("ann").Round
	if ann.Mine == nil || ann.Mine.Level != 2 || ann.Mine.Note != "only HQ" {
		t.Errorf("ann does not see her own vote: %+v", ann.Mine)
	}
	if ann.Ratings != nil {
		t.Errorf("ann sees others' ratings before the reveal: %+v", ann.Ratings)
	}
	if cy := r.View("cy").Round; cy.Mine != nil {
		t.Errorf("cy sees a vote as his: %+v", cy.Mine)
	}

	rd := r.rounds[q1]
	standing := []Rating{rd.Votes[1].Rating("host"), rd.Votes[0].Rating("host"),
		{Revision: "imp", Level: NotApplicable, Note: "out of scope", By: "dee"}}
	must(t, r.Reveal(q1, standing))
	for _, who := range []string{"fay", "cy"} {
		v := r.View(who).Round
		var got []string
		for _, x := range v.Ratings {
			got = append(got, x.By+"="+x.Level.String()+":"+x.Note)
		}
		want := []string{"ann=2:only HQ", "bob=4:metrics monthly", "dee=na:out of scope"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s sees %v, want %v", who, got, want)
		}
		if s := v.Spread.String(); s != "2–4, N/A · 3 people" {
			t.Errorf("%s sees spread %q", who, s)
		}
		if levels, na := v.Counts(); levels[2] != 1 || levels[4] != 1 || na != 1 {
			t.Errorf("counts %v %d", levels, na)
		}
	}
	must(t, r.Record(q1, Answer{Level: 3}))
	if v := r.View("ann").Round; !v.Recorded || v.Agreed.Level != 3 {
		t.Errorf("record not shown: %+v", v)
	}
}

func TestRoomRestoreAndDisputed(t *testing.T) {
	r := NewRoom("fay", q1)
	r.Restore([]Vote{vote("bob", q1, 3, ""), vote("ann", q1, 1, ""), vote("ann", q2, 5, "")})
	r.Join("ann")
	v := r.View("ann").Round
	if !reflect.DeepEqual(v.Voted, []string{"ann", "bob"}) || v.Mine == nil || v.Mine.Level != 1 {
		t.Errorf("restored round: %+v", v)
	}
	// A question with an open disagreement and no votes shows as revealed.
	r.Disputed(q2, []Rating{{By: "x", Level: 2}})
	if rv := r.RoundView(q2, "ann"); rv.Revealed {
		t.Error("a round with votes in progress was marked revealed")
	}
	k3 := Key{"iso28000-2022", "5.1.q1"}
	r.Disputed(k3, []Rating{{By: "x", Level: 2}, {By: "y", Level: 3}})
	if rv := r.RoundView(k3, "ann"); !rv.Revealed || rv.Spread.String() != "2–3 · 2 people" {
		t.Errorf("disputed question: %+v", rv)
	}
}

func TestRoomPresence(t *testing.T) {
	r := NewRoom("fay", q1)
	r.Join("bob")
	r.Join("Ann")
	r.Join("ann")
	if !reflect.DeepEqual(r.People, []string{"Ann", "bob"}) {
		t.Errorf("people %v", r.People)
	}
	v := r.Version
	r.Leave("nobody")
	if r.Version != v {
		t.Error("leaving when absent changed the room")
	}
	r.Leave("ANN")
	if r.Present("ann") || len(r.People) != 1 {
		t.Errorf("people %v", r.People)
	}
	if LetLoose.String() != "let loose" || FollowMe.String() != "follow me" {
		t.Error("mode names")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
