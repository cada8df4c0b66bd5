package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/store"
)

// fakeRoom is one person's seat in a model.Room shared by the test's seats:
// the rules are model's; what the real room adds (saving votes, telling
// every app) is tested in package room.
type fakeRoom struct {
	name string
	lead bool
	r    *model.Room
}

func newFakeRoom(at model.Key, people ...string) *model.Room {
	r := model.NewRoom("fay", at)
	for _, p := range people {
		r.Join(p)
	}
	return r
}

func (f *fakeRoom) View() model.RoomView {
	if f.lead {
		return f.r.View(f.r.Facilitator)
	}
	return f.r.View(f.name)
}

func (f *fakeRoom) Vote(_ context.Context, k model.Key, l model.Level, note string) (model.Vote, error) {
	v := model.Vote{Key: k, By: f.name, Level: l, Note: note, At: clock(), Revision: "r-" + f.name}
	return v, f.r.Vote(v)
}

func (f *fakeRoom) Go(_ context.Context, k model.Key) { f.r.Go(k) }
func (f *fakeRoom) SetMode(m model.RoomMode)          { f.r.SetMode(m) }
func (f *fakeRoom) Again(k model.Key)                 { f.r.Again(k) }
func (f *fakeRoom) Recorded(k model.Key, a model.Answer) {
	_ = f.r.Record(k, a)
}

func (f *fakeRoom) Reveal(_ context.Context, k model.Key) error {
	var standing []model.Rating
	for _, v := range f.r.RoundView(k, "fay").Voted {
		rv := f.r.RoundView(k, v)
		standing = append(standing, rv.Mine.Rating("laptop"))
	}
	return f.r.Reveal(k, standing)
}

// newRoomTest is a person's app in the room, sized w×h, with the assessment loaded.
func newRoomTest(t testing.TB, st *store.Store, id string, seat *fakeRoom, w, h int) Model {
	t.Helper()
	actor := seat.name
	m := newModel(Options{Store: st, Catalog: testCatalog(t), OpenID: id, Actor: actor, Room: seat, Lead: seat.lead,
		Banner: "code 482 913 · ssh -p 2222 NAME@10.0.0.5", Lobby: []string{"Nobody has joined yet. Join with:", "  ssh -p 2222 NAME@10.0.0.5"}}, clock, true)
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return run(t, m, m.Init())
}

// tell gives an app the room as its seat sees it now, as the room would.
func tell(t testing.TB, m Model, seat *fakeRoom) Model {
	t.Helper()
	return update(t, m, RoomChanged{View: seat.View()})
}

var q41 = model.Key{Framework: iso, Question: "4.1.q1"}

func TestParticipantRatesPrivatelyThenSeesEveryRating(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Workshop")
	room := newFakeRoom(q41, "ann", "bob", "cy")
	ann, bob := &fakeRoom{name: "ann", r: room}, &fakeRoom{name: "bob", r: room}
	m := tell(t, newRoomTest(t, st, a.ID, ann, 100, 30), ann)
	mustContain(t, shot(m), "ann · follow me", "4.1.q1", "Your rating — nobody sees it until the facilitator reveals",
		"nobody has rated yet", "not rated yet")

	m = press(t, m, "e")
	// The footer says what enter does here: keep the note, not mark N/A.
	mustContain(t, shot(m), "enter keep the note")
	mustNotContain(t, shot(m), "mark N/A")
	m = typeText(t, m, "policy approved in March")
	m = press(t, m, "enter")
	mustContain(t, shot(m), "the note goes with your rating")
	m = press(t, m, "3")
	v := shot(m)
	mustContain(t, v, "▸ 3  Defined", "Note  policy approved in March", "your rating: level 3 · saved",
		"rating saved 14:02:31 · private until the reveal")
	if got := room.RoundView(q41, "ann").Mine; got == nil || got.Level != 3 || got.Note != "policy approved in March" {
		t.Fatalf("the room has ann's vote as %+v", got)
	}

	// bob rates: ann learns that, not what.
	if _, err := bob.Vote(context.Background(), q41, 1, "only at HQ"); err != nil {
		t.Fatal(err)
	}
	m = tell(t, m, ann)
	mustContain(t, shot(m), "2 of 3 have rated")
	mustNotContain(t, shot(m), "bob", "only at HQ")

	// N/A asks why (starting from the note); esc leaves the vote alone; a
	// changed mind replaces it.
	m = press(t, m, "n")
	mustContain(t, shot(m), "Why does it not apply? policy approved in March", "enter mark N/A")
	m = press(t, m, "esc")
	if got := room.RoundView(q41, "ann").Mine; got.Level != 3 {
		t.Fatalf("esc changed the vote to %+v", got)
	}
	m = press(t, m, "2")
	if got := room.RoundView(q41, "ann").Mine; got.Level != 2 || got.Note != "policy approved in March" {
		t.Fatalf("changed vote is %+v", got)
	}

	// The facilitator reveals: everyone sees the spread, who gave what, and the notes.
	if err := (&fakeRoom{lead: true, r: room}).Reveal(context.Background(), q41); err != nil {
		t.Fatal(err)
	}
	m = tell(t, m, ann)
	v = shot(m)
	mustContain(t, v, "Ratings: 1–2 · 2 people", "1 Initial", "1  bob", "2 Managed", "1  ann",
		"bob (1 Initial): only at HQ", "ann (2 Managed): policy approved in March")
	m = press(t, m, "4")
	mustContain(t, shot(m), "the ratings are revealed; the facilitator can ask again")
	if got := room.RoundView(q41, "ann").Ratings; len(got) != 2 {
		t.Errorf("a key after the reveal changed the ratings: %+v", got)
	}
}

func TestFacilitatorSeesWhoNotWhatRevealsAndRecords(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Workshop")
	room := newFakeRoom(q41)
	fay := &fakeRoom{lead: true, r: room, name: "fay"}
	m := tell(t, newRoomTest(t, st, a.ID, fay, 100, 30), fay)
	mustContain(t, shot(m), "code 482 913 · ssh -p 2222 NAME@10.0.0.5", "Nobody has joined yet. Join with:")

	room.Join("ann")
	room.Join("bob")
	ann := &fakeRoom{name: "ann", r: room}
	ann.Vote(context.Background(), q41, 4, "metrics monthly")
	m = tell(t, m, fay)
	v := shot(m)
	mustContain(t, v, "Rated 1 of 2: ann ✓ · waiting: bob")
	mustNotContain(t, v, "metrics monthly", "Ratings:")

	m = press(t, m, "3")
	mustContain(t, shot(m), "reveal the ratings first (space)")
	if got := stored(t, st, a.ID, iso, "4.1.q1"); got.Level.Given() {
		t.Fatalf("recorded before the reveal: %+v", got)
	}
	m = tell(t, press(t, m, "space"), fay)
	mustContain(t, shot(m), "Ratings: 4 · 1 people", "ann (4 Measured): metrics monthly",
		"0-5 records the level the room agrees on")

	m = tell(t, press(t, m, "3"), fay)
	v = shot(m)
	mustContain(t, v, "agreed 3 Defined", "recorded 3 for iso28000-2022:4.1.q1: saved", "saved 14:02:31")
	if got := stored(t, st, a.ID, iso, "4.1.q1"); got.Level != 3 || got.UpdatedBy != "fay" {
		t.Fatalf("stored %+v", got)
	}

	// Next question: the room moves; ask again clears the votes.
	m = tell(t, press(t, m, "right"), fay)
	mustContain(t, shot(m), "4.1.q2", "question 2 of")
	if room.Current.Question != "4.1.q2" {
		t.Errorf("the room is on %v", room.Current)
	}
	m = tell(t, press(t, m, "left"), fay)
	m = tell(t, press(t, m, "A"), fay)
	mustContain(t, shot(m), "Rated 0 of 2", "asking again")

	// A stray q on the projector does not close the room; q twice does.
	m, quit := pressQuit(t, m, "q")
	if quit {
		t.Fatal("one q closed the room with people in it")
	}
	mustContain(t, shot(m), "q again closes the room for the 2 people in it")
	m = press(t, m, "right")
	if _, quit = pressQuit(t, m, "q"); quit {
		t.Fatal("q after another key closed the room")
	}
	m, _ = pressQuit(t, m, "q")
	if _, quit = pressQuit(t, m, "q"); !quit {
		t.Fatal("q twice did not close the room")
	}
}

func TestLetLooseAndCallBack(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Workshop")
	room := newFakeRoom(model.Key{Framework: iso, Question: "4.1.q2"}, "ann")
	ann := &fakeRoom{name: "ann", r: room}
	m := tell(t, newRoomTest(t, st, a.ID, ann, 100, 30), ann)

	room.SetMode(model.LetLoose)
	m = tell(t, m, ann)
	if !on[questionnaire](m) {
		t.Fatalf("let loose, ann is not in her questionnaire:\n%s", shot(m))
	}
	if _, q := current(m); q != "4.1.q2" {
		t.Errorf("the questionnaire opened on %s, not the room's question", q)
	}
	m = press(t, m, "2")
	if got := stored(t, st, a.ID, iso, "4.1.q2"); got.Level != 2 || got.UpdatedBy != "ann" {
		t.Fatalf("ann's own answer is %+v", got)
	}
	// esc goes back to the room screen, never to the assessments list.
	m = press(t, m, "esc", "esc")
	if !on[roomScreen](m) || !m.sess.ready() {
		t.Fatalf("esc left the room:\n%s", shot(m))
	}
	mustContain(t, shot(m), "The room is let loose.")
	m = press(t, m, "enter")
	if !on[questionnaire](m) {
		t.Fatal("enter did not open the questionnaire when let loose")
	}
	room.SetMode(model.FollowMe)
	m = tell(t, m, ann)
	if !on[roomScreen](m) {
		t.Fatalf("called back, ann is not in the room:\n%s", shot(m))
	}
}

func TestRoomScreensFitEverySize(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "A workshop name long enough to be cut somewhere on a narrow screen")
	room := newFakeRoom(q41)
	for i := range 12 {
		room.Join(fmt.Sprintf("participant-%02d", i))
	}
	lead := &fakeRoom{lead: true, r: room, name: "fay"}
	seat := &fakeRoom{name: "participant-03", r: room}
	for _, reveal := range []bool{false, true} {
		if reveal {
			for i := range 12 {
				p := &fakeRoom{name: fmt.Sprintf("participant-%02d", i), r: room}
				if _, err := p.Vote(context.Background(), q41, model.Level(i%6), strings.Repeat("a long note ", i)); err != nil {
					t.Fatal(err)
				}
			}
			if err := lead.Reveal(context.Background(), q41); err != nil {
				t.Fatal(err)
			}
		}
		for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}, {200, 60}} {
			w, h := size[0], size[1]
			for _, s := range []*fakeRoom{lead, seat} {
				m := tell(t, newRoomTest(t, st, a.ID, s, w, h), s)
				checkFrame(t, m, w, h)
				mustContain(t, shot(m), "4.1.q1")
				if reveal {
					mustContain(t, shot(m), "Ratings: 0–5 · 12 people")
				}
			}
		}
	}
}

// BenchmarkRoomKeystroke is a participant changing their rating: the key,
// the frame it draws, the saved vote and the room's news, each drawn, at
// 100×30 with colours, against BenchmarkQuestionnaireKeystroke.
func BenchmarkRoomKeystroke(b *testing.B) {
	a, ans := halfAnswered(b)
	room := newFakeRoom(q41, "ann", "bob")
	ann := &fakeRoom{name: "ann", r: room}
	m := newModel(Options{Catalog: testCatalog(b), OpenID: a.ID, Actor: "ann", Room: ann}, clock, false)
	m, _ = m.update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m, _ = m.update(tea.BackgroundColorMsg{Color: colorOf(true)})
	m, _ = m.update(assessmentMsg{id: a.ID, a: a, answers: ans})
	m, _ = m.update(RoomChanged{View: ann.View()})
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		l := model.Level(i % 6)
		m, _ = m.update(keyMsg(l.String()))
		_ = m.View()
		v, _ := ann.Vote(context.Background(), q41, l, "")
		m, _ = m.update(voteSavedMsg{seq: topOf[roomScreen](m).voteSeq, vote: v})
		_ = m.View()
		m, _ = m.update(RoomChanged{View: ann.View()})
		_ = m.View()
	}
}
