package room

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
	"github.com/assaytui/assay/store"
	"github.com/assaytui/assay/tui"
)

var ctx = context.Background()

const iso = "iso28000-2022"

var (
	q1 = model.Key{Framework: iso, Question: "4.1.q1"}
	q2 = model.Key{Framework: iso, Question: "4.1.q2"}
)

func testCatalog(t testing.TB) *model.Catalog {
	t.Helper()
	cat, err := questionnaires.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// testWorkshop is a store with one assessment of both frameworks.
func testWorkshop(t testing.TB) (*store.Store, string) {
	t.Helper()
	st, err := store.OpenOrCreate(filepath.Join(t.TempDir(), "assay.db"), store.Host("host-laptop"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cat := testCatalog(t)
	versions := map[string]string{}
	for _, id := range []string{iso, "mas-trm-2021"} {
		f, _ := cat.Framework(id)
		versions[id] = f.Version
	}
	a, err := st.Create(ctx, model.NewAssessment{Name: "Live", Frameworks: []string{iso, "mas-trm-2021"}, Target: 3}, versions)
	if err != nil {
		t.Fatal(err)
	}
	return st, a.ID
}

// inbox collects what a seat is told.
type inbox chan model.RoomView

func (in inbox) notify(m tui.RoomChanged) { in <- m.View }

// next waits for the next view that satisfies ok.
func (in inbox) next(t *testing.T, what string, ok func(model.RoomView) bool) model.RoomView {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case v := <-in:
			if ok(v) {
				return v
			}
		case <-deadline:
			t.Fatalf("never told: %s", what)
		}
	}
}

func seated(t *testing.T, h *Hub, name string, lead bool) (*seat, inbox) {
	t.Helper()
	s := h.Seat(name, lead)
	in := make(inbox, 64)
	s.Listen(in.notify)
	t.Cleanup(s.Leave)
	return s, in
}

func TestEverySeatIsToldWhatItMaySee(t *testing.T) {
	st, id := testWorkshop(t)
	h, err := NewHub(ctx, st, id, "fay", q1)
	if err != nil {
		t.Fatal(err)
	}
	fay, fayIn := seated(t, h, "fay", true)
	ann, _ := seated(t, h, "ann", false)
	_, bobIn := seated(t, h, "bob", false)

	if _, err := ann.Vote(ctx, q1, 4, "metrics monthly"); err != nil {
		t.Fatal(err)
	}
	v := bobIn.next(t, "ann has rated", func(v model.RoomView) bool { return len(v.Round.Voted) == 1 })
	if v.Round.Mine != nil || v.Round.Ratings != nil || v.Round.Voted[0] != "ann" {
		t.Errorf("bob is told more than who rated: %+v", v.Round)
	}
	fayIn.next(t, "the facilitator sees ann rated", func(v model.RoomView) bool {
		return len(v.Round.Voted) == 1 && len(v.Round.Waiting) == 1 && v.Round.Waiting[0] == "bob"
	})
	if votes, _ := st.Votes(ctx, id); len(votes) != 1 || votes[0].By != "ann" || votes[0].Level != 4 {
		t.Fatalf("the vote is not on disk: %+v", votes)
	}

	if err := ann.Reveal(ctx, q1); err == nil {
		t.Error("a participant revealed")
	}
	if err := fay.Reveal(ctx, q1); err != nil {
		t.Fatal(err)
	}
	v = bobIn.next(t, "the reveal", func(v model.RoomView) bool { return v.Round.Revealed })
	if len(v.Round.Ratings) != 1 || v.Round.Ratings[0].Note != "metrics monthly" || v.Round.Ratings[0].Host != "host-laptop" {
		t.Errorf("revealed: %+v", v.Round.Ratings)
	}
	if _, err := ann.Vote(ctx, q1, 2, ""); err == nil {
		t.Error("a vote after the reveal was taken")
	}

	fay.Go(ctx, q2)
	bobIn.next(t, "the move", func(v model.RoomView) bool { return v.Round.Key == q2 })
	fay.SetMode(model.LetLoose)
	bobIn.next(t, "let loose", func(v model.RoomView) bool { return v.Mode == model.LetLoose })
	if _, err := ann.Vote(ctx, q2, 2, ""); err == nil {
		t.Error("a vote while let loose was taken")
	}
	// Back on q1, its round shows as revealed, with its ratings.
	fay.SetMode(model.FollowMe)
	fay.Go(ctx, q1)
	v = bobIn.next(t, "back on q1", func(v model.RoomView) bool { return v.Round.Key == q1 && v.Mode == model.FollowMe })
	if !v.Round.Revealed || len(v.Round.Ratings) != 1 {
		t.Errorf("q1 again: %+v", v.Round)
	}
}

func TestARestartedRoomHasItsVotesAndDisputes(t *testing.T) {
	st, id := testWorkshop(t)
	h, err := NewHub(ctx, st, id, "fay", q1)
	if err != nil {
		t.Fatal(err)
	}
	ann := h.Seat("ann", false)
	bob := h.Seat("bob", false)
	fay := h.Seat("fay", true)
	ann.Vote(ctx, q1, 1, "")
	bob.Vote(ctx, q1, 3, "")
	if err := fay.Reveal(ctx, q1); err != nil {
		t.Fatal(err)
	}
	fay.Go(ctx, q2)
	ann.Vote(ctx, q2, 2, "pending")

	// The server dies; a new one opens on q2, then goes back to q1.
	h2, err := NewHub(ctx, st, id, "fay", q2)
	if err != nil {
		t.Fatal(err)
	}
	ann2 := h2.Seat("ann", false)
	v := ann2.View()
	if v.Round.Mine == nil || v.Round.Mine.Note != "pending" || v.Round.Revealed {
		t.Errorf("q2 after the restart: %+v", v.Round)
	}
	h2.Seat("fay", true).Go(ctx, q1)
	if v := ann2.View(); !v.Round.Revealed || v.Round.Spread.String() != "1–3 · 2 people" {
		t.Errorf("q1 after the restart: %+v", v.Round)
	}
}

func TestASlowAppHoldsUpNobody(t *testing.T) {
	st, id := testWorkshop(t)
	h, err := NewHub(ctx, st, id, "fay", q1)
	if err != nil {
		t.Fatal(err)
	}
	stuck := make(chan struct{})
	defer close(stuck)
	slow := h.Seat("slow", false)
	slow.Listen(func(tui.RoomChanged) { <-stuck }) // an app that never takes its message
	ann, _ := seated(t, h, "ann", false)
	_, bobIn := seated(t, h, "bob", false)
	for l := range model.Level(6) {
		if _, err := ann.Vote(ctx, q1, l, ""); err != nil {
			t.Fatal(err)
		}
	}
	bobIn.next(t, "ann's votes", func(v model.RoomView) bool { return len(v.Round.Voted) == 1 })
	slow.Leave()
	bobIn.next(t, "slow left", func(v model.RoomView) bool { return len(v.People) == 2 })
}

func TestTwoConnectionsOfOnePersonLeaveOnce(t *testing.T) {
	st, id := testWorkshop(t)
	h, err := NewHub(ctx, st, id, "fay", q1)
	if err != nil {
		t.Fatal(err)
	}
	old := h.Seat("ann", false)
	again := h.Seat("ann", false) // back after a dropped connection, before the old one is noticed
	old.Leave()
	if v := again.View(); len(v.People) != 1 {
		t.Fatalf("ann's old connection took her out of the room: %v", v.People)
	}
	again.Leave()
	again.Leave()
	if v := h.Seat("fay", true).View(); len(v.People) != 0 {
		t.Fatalf("people %v", v.People)
	}
}
