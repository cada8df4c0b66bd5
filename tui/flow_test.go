package tui

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/store"
)

// snapshot is what a flow test can see of the running model, taken on the
// program's goroutine by a message filter (so reading it does not race).
type snapshot struct {
	screen  string // the screen in front: "questionnaire", "dashboard"...
	loaded  bool
	editing bool // the note editor is open
	fw, q   string
	picker  int
	pending int
	listed  int // assessments on the home screen
}

type pingMsg struct{}

// flow runs the root model in a real Bubble Tea program.
type flow struct {
	t    *testing.T
	tm   *teatest.TestModel
	last atomic.Pointer[snapshot]
}

func startFlow(t *testing.T, st *store.Store, openID string) *flow {
	t.Helper()
	f := &flow{t: t}
	m := newModel(Options{Store: st, Catalog: testCatalog(t), OpenID: openID, Actor: "flow (tui)"}, clock, true)
	filter := func(mod tea.Model, msg tea.Msg) tea.Msg {
		if mm, ok := mod.(Model); ok {
			_, editing := quest(mm).modal.(noteModal)
			s := &snapshot{screen: mm.top().Title(), loaded: mm.sess.active() != nil, editing: editing, pending: mm.c.db.w.pending(),
				listed: mm.stack[0].(home).list.Len()}
			if v := mm.sess.active(); v != nil {
				s.fw, s.q, s.picker = v.key().Framework, v.key().Question, v.picker
			}
			f.last.Store(s)
		}
		if _, ok := msg.(pingMsg); ok {
			return nil
		}
		return msg
	}
	f.tm = teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30), teatest.WithProgramOptions(tea.WithFilter(filter)))
	return f
}

// waitFor pings the program until the model satisfies cond.
func (f *flow) waitFor(what string, cond func(snapshot) bool) {
	f.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		f.tm.Send(pingMsg{})
		if s := f.last.Load(); s != nil && cond(*s) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	f.t.Fatalf("timed out waiting for %s; last %+v", what, f.last.Load())
}

func (f *flow) keys(keys ...string) {
	for _, k := range keys {
		f.tm.Send(keyMsg(k))
	}
}

func (f *flow) final() Model {
	f.t.Helper()
	return f.tm.FinalModel(f.t, teatest.WithFinalTimeout(5*time.Second)).(Model)
}

// The flow: create in the form, answer three questions with number
// keys, write a note, quit mid-note, start again: the resume lands on the
// right question with notes and levels intact.
func TestFlowCreateAnswerQuitResume(t *testing.T) {
	st := testStore(t)

	f := startFlow(t, st, "")
	f.waitFor("home", func(s snapshot) bool { return s.screen == "assessments" })
	f.keys("n")
	f.waitFor("form", func(s snapshot) bool { return s.screen == "new assessment" })
	f.tm.Type("Workshop 2026")
	f.keys("tab")
	f.tm.Type("Acme Pte Ltd")
	f.keys("tab", "tab", "tab", "tab", "enter") // name, org, assessor, ISO, MAS, target: create
	f.waitFor("questionnaire", func(s snapshot) bool { return s.screen == "questionnaire" && s.loaded })
	f.keys("3", "l", "1", "l", "4")
	f.waitFor("three saves", func(s snapshot) bool { return s.q == "4.2.1.q1" && s.pending == 0 })
	f.keys("e")
	f.waitFor("note editor", func(s snapshot) bool { return s.editing })
	f.tm.Type("Register covers Jurong only.")
	f.keys("enter")
	f.tm.Type("Ask Lee.")
	f.keys("ctrl+c") // quit mid-note
	m := f.final()

	// The final model: the note was saved on the way out, nothing pending.
	if modalIs[noteModal](m) {
		t.Fatal("still editing after quit")
	}
	if n := m.c.db.w.pending(); n != 0 {
		t.Fatalf("%d writes still queued", n)
	}
	a := m.sess.a
	wantNote := "Register covers Jurong only.\nAsk Lee."
	if got, _ := m.sess.shown(model.Key{Framework: iso, Question: "4.2.1.q1"}); got.Note != wantNote || got.Level != 4 {
		t.Fatalf("final model has %+v", got)
	}

	// The store.
	for q, l := range map[string]model.Level{"4.1.q1": 3, "4.1.q2": 1, "4.2.1.q1": 4} {
		if got := stored(t, st, a.ID, iso, q).Level; got != l {
			t.Fatalf("%s stored %v, want %v", q, got, l)
		}
	}
	if got := stored(t, st, a.ID, iso, "4.2.1.q1").Note; got != wantNote {
		t.Fatalf("note %q", got)
	}
	saved, err := st.Get(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if fw, q := saved.Resume(); fw != iso || q != "4.2.1.q1" {
		t.Fatalf("resume %s %s", fw, q)
	}
	hist, _ := st.History(context.Background(), a.ID)
	for _, h := range hist {
		if h.By != "flow (tui)" {
			t.Fatalf("history by %q", h.By)
		}
	}

	// Start again on the assessment: same question, picker on the saved level.
	f = startFlow(t, st, a.ID)
	f.waitFor("resumed", func(s snapshot) bool { return s.loaded })
	if s := f.last.Load(); s.fw != iso || s.q != "4.2.1.q1" || s.picker != 4 {
		t.Fatalf("resumed at %+v", *s)
	}
	f.keys("left")
	f.waitFor("moved back", func(s snapshot) bool { return s.q == "4.1.q2" && s.picker == 1 })
	f.keys("q")
	m = f.final()
	mustContain(t, shot(m), "4.1.q2", "● saved")
	if got, _ := m.sess.shown(model.Key{Framework: iso, Question: "4.2.1.q1"}); got.Note != wantNote {
		t.Fatalf("note after restart %q", got.Note)
	}
	saved, _ = st.Get(context.Background(), a.ID)
	if _, q := saved.Resume(); q != "4.1.q2" {
		t.Fatalf("resume after restart %s", q)
	}

	// And from the home screen: enter lands on the same place.
	f = startFlow(t, st, "")
	f.waitFor("home", func(s snapshot) bool { return s.screen == "assessments" && s.listed == 1 })
	f.keys("enter")
	f.waitFor("opened", func(s snapshot) bool { return s.loaded })
	if s := f.last.Load(); s.q != "4.1.q2" || s.picker != 1 {
		t.Fatalf("home enter opened %+v", *s)
	}
	f.keys("q")
	f.final()
}

// In a running program: answer, open the dashboard and the differences; the
// figures follow the answers, and a gap leads back to its question.
func TestFlowAnswerDashboardDifferences(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Workshop 2026")
	f := startFlow(t, st, a.ID)
	f.waitFor("loaded", func(s snapshot) bool { return s.loaded })
	f.keys("2", "l", "3") // ISO 4.1.q1 = 2, 4.1.q2 = 3
	f.waitFor("saved", func(s snapshot) bool { return s.q == "4.1.q2" && s.pending == 0 })
	f.keys("d")
	f.waitFor("dashboard", func(s snapshot) bool { return s.screen == "dashboard" })
	f.keys("j", "enter") // the biggest gap: 4.1.q1
	f.waitFor("jumped", func(s snapshot) bool { return s.screen == "questionnaire" && s.q == "4.1.q1" })
	f.keys("x")
	f.waitFor("differences", func(s snapshot) bool { return s.screen == "differences" })
	f.keys("q")
	m := f.final()
	v := shot(m)
	if l := line(v, "Context, scope"); !strings.Contains(l, "2.5") {
		t.Fatalf("context row %q", l)
	}
	m, _ = m.update(swapMsg{newDashboard(m.c, m.sess)})
	v = shot(m)
	mustContain(t, v, fmt.Sprintf("2/%d answered", asked(t, iso)), "4.1.q1")
	if l := line(v, "4  Context of the"); !strings.Contains(l, "2.5") {
		t.Fatalf("context bar %q", l)
	}
	saved, _ := st.Get(context.Background(), a.ID)
	if _, q := saved.Resume(); q != "4.1.q1" {
		t.Fatalf("resume %s", q)
	}
}
