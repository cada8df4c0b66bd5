package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/store"
)

// other opens a second store on the same file: another process, as far as
// SQLite's data_version is concerned.
func other(t *testing.T, m Model) *store.Store {
	t.Helper()
	st, err := store.Open(m.c.db.st.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestAnotherProcessWritesShowOnMove(t *testing.T) {
	m, a := openTest(t, 80, 24)
	st2 := other(t, m)
	ctx := context.Background()
	if _, err := st2.Save(ctx, a.ID, iso, "4.1.q2", model.Change{Level: ptr(model.Level(4)), Note: ptr("from the CLI")}, "cli"); err != nil {
		t.Fatal(err)
	}
	// Nothing happens until the user moves: no polling.
	mustNotContain(t, shot(m), "4.0")
	if a2, _ := m.sess.shown(qk(iso, "4.1.q2")); a2.Level != model.Unanswered {
		t.Fatal("read without a move")
	}
	m = press(t, m, "l")
	v := shot(m)
	mustContain(t, v, "Note  from the CLI", "▸ 4   Measured        ● saved", "1 answer(s) changed in another session")
	if p := m.sess.active().picker; p != 4 {
		t.Fatalf("picker %d", p)
	}
	if l := line(v, "│ ▸4 "); !strings.Contains(l, "4.0") {
		t.Fatalf("bar not updated: %q", l)
	}
	// A second move with nothing new reads nothing and says nothing.
	m.status = statusMsg{}
	m = press(t, m, "l")
	mustNotContain(t, shot(m), "changed in another session")
}

func TestAnotherProcessWritesShowOnDashboardAndDifferences(t *testing.T) {
	m, a := openTest(t, 120, 40)
	st2 := other(t, m)
	ctx := context.Background()
	m = press(t, m, "d")
	mustContain(t, shot(m), fmt.Sprintf("0/%d answered", asked(t, mas)))
	m = press(t, m, "esc")
	answer(t, st2, a.ID, map[model.Key]model.Level{qk(mas, "3.1.q1"): 1})
	m = press(t, m, "d")
	v := shot(m)
	mustContain(t, v, fmt.Sprintf("1/%d answered", asked(t, mas)), "3.1.q1", "1 answer(s) changed in another session")
	if l := line(v, "3  Technology Risk Governance"); !strings.Contains(l, "1.0") {
		t.Fatalf("MAS 3 row %q", l)
	}
	if _, err := st2.Save(ctx, a.ID, iso, "5.1.q1", model.SetLevel(3), "cli"); err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "x")
	if l := line(shot(m), "Governance"); !strings.Contains(l, "3.0") || !strings.Contains(l, "1.0") || !strings.Contains(l, "+2.0") {
		t.Fatalf("governance row %q", l)
	}
	// Back from the differences to the dashboard looks again.
	answer(t, st2, a.ID, map[model.Key]model.Level{qk(iso, "4.1.q1"): 0})
	m = press(t, m, "esc")
	if l := line(shot(m), "4.1.q1"); !strings.Contains(l, "0      3   3") {
		t.Fatalf("gap row %q", l)
	}
}

// A change of ours still on its way, or newer than the read, is not undone
// by what another process wrote; an open note editor keeps its text.
func TestRefreshKeepsLocalChanges(t *testing.T) {
	m, a := openTest(t, 80, 24)
	st2 := other(t, m)
	ctx := context.Background()
	m = press(t, m, "2") // ISO 4.1.q1 = 2, saved

	// A result that reports a read made before our save came back: ours stays.
	k := qk(iso, "4.1.q1")
	okSeq := m.sess.saves[k].okSeq
	stale := refreshedMsg{seq: okSeq - 1, id: a.ID, changed: true, a: m.sess.a,
		answers: []model.Answer{{Framework: iso, QuestionID: "4.1.q1", Level: 5}, {Framework: mas, QuestionID: "3.1.q1", Level: 3}}}
	m = update(t, m, stale)
	if got, _ := m.sess.shown(k); got.Level != 2 {
		t.Fatalf("an older read undid our save: %v", got.Level)
	}
	if got, _ := m.sess.shown(qk(mas, "3.1.q1")); got.Level != 3 {
		t.Fatalf("the other change was not taken: %v", got.Level)
	}

	// A save still on its way is shown over whatever the read says.
	m.sess.saves[k].sent[fLevel] = okSeq + 100
	m.sess.saves[k].want.Level = 1
	m = update(t, m, refreshedMsg{seq: okSeq + 50, id: a.ID, changed: true, a: m.sess.a,
		answers: []model.Answer{{Framework: iso, QuestionID: "4.1.q1", Level: 5}}})
	if got, _ := m.sess.shown(k); got.Level != 1 {
		t.Fatalf("pending change not shown: %v", got.Level)
	}
	m.sess.saves[k].sent[fLevel] = okSeq // as it was

	// Another assessment's news, or no news, changes nothing.
	m = update(t, m, refreshedMsg{seq: okSeq + 60, id: "other", changed: true})
	m = update(t, m, refreshedMsg{seq: okSeq + 61, id: a.ID, changed: false})
	if got, _ := m.sess.shown(k); got.Level != 5 {
		t.Fatalf("level %v", got.Level)
	}

	// The note editor is open while another process changes that note.
	m = press(t, m, "e")
	m = typeText(t, m, "mine")
	if _, err := st2.Save(ctx, a.ID, iso, "4.1.q1", model.SetNote("theirs"), "cli"); err != nil {
		t.Fatal(err)
	}
	m = update(t, m, m.c.db.checkChanged(a.ID)())
	if !modalIs[noteModal](m) || noteText(m) != "mine" {
		t.Fatalf("editor %v %q", modalIs[noteModal](m), noteText(m))
	}
	mustContain(t, shot(m), "another session changed this note meanwhile; esc saves yours")
	m = press(t, m, "esc")
	if got := stored(t, m.c.db.st, a.ID, iso, "4.1.q1").Note; got != "mine" {
		t.Fatalf("note %q", got)
	}
}

func TestRefreshReportsDeletedAssessment(t *testing.T) {
	m, a := openTest(t, 80, 24)
	st2 := other(t, m)
	if err := st2.Delete(context.Background(), a.ID); err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "l")
	mustContain(t, shot(m), "another session deleted this assessment")
	if m.sess.id != a.ID || m.sess.active() == nil {
		t.Fatal("the screen was wiped")
	}
}

// A read that ran after a save of ours whose result has not arrived yet
// holds our own change: it is not announced as another session's.
func TestRefreshDoesNotAnnounceOurOwnSave(t *testing.T) {
	m, a := openTest(t, 80, 24)
	m, _ = m.update(keyMsg("3")) // queued, result not taken
	k := qk(iso, "4.1.q1")
	save := m.sess.saves[k].sent[fLevel]
	m.c.db.w.queue = nil
	m = update(t, m, refreshedMsg{seq: save + 1, id: a.ID, changed: true, a: m.sess.a,
		answers: []model.Answer{{Framework: iso, QuestionID: "4.1.q1", Level: 3}}})
	mustNotContain(t, shot(m), "changed in another session")
}

// The apps of assay serve share one store: what one person's app saves shows
// in another's on their next move, as a change made elsewhere does. The
// room's recorded level and a let-loose participant's answers reached
// nobody else's questionnaire or dashboard before.
func TestAnotherAppOnTheSameStoreShowsOnMove(t *testing.T) {
	m, a := openTest(t, 80, 24)
	other := newTest(t, m.c.db.st, a.ID, 80, 24)
	other = press(t, other, "l", "4") // 4.1.q2 = 4, saved by the other app
	if got := stored(t, m.c.db.st, a.ID, iso, "4.1.q2"); got.Level != 4 {
		t.Fatalf("the other app saved %+v", got)
	}
	m = press(t, m, "l")
	mustContain(t, shot(m), "▸ 4   Measured        ● saved", "1 answer(s) changed in another session")
	// And back: this app's save shows in the other one; its own save is no
	// news to it.
	m = press(t, m, "2")
	other.status = statusMsg{}
	other = press(t, other, "left")
	mustContain(t, shot(other), "1 answer(s) changed in another session")
	other.status = statusMsg{}
	other = press(t, other, "right")
	mustContain(t, shot(other), "▸ 2   Managed         ● saved")
	mustNotContain(t, shot(other), "changed in another session")
}
