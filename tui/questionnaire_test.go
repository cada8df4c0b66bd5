package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

// openTest creates an assessment and opens it in the questionnaire.
func openTest(t *testing.T, w, h int) (Model, model.Assessment) {
	t.Helper()
	st := testStore(t)
	a := create(t, st, "Acme 2026")
	m := newTest(t, st, a.ID, w, h)
	if !on[questionnaire](m) || m.sess.active() == nil {
		t.Fatalf("not on the questionnaire:\n%s", shot(m))
	}
	return m, a
}

func TestQuestionnaireOpensAtFirstQuestion(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	fw, q := current(m)
	if fw != iso || q != "4.1.q1" {
		t.Fatalf("at %s %s", fw, q)
	}
	mustContain(t, shot(m), "[ISO 28000]", "MAS TRM", "4.1.q1", "How well does the organisation", "Not performed",
		"Optimising", "N/A", "Maturity", "question 1 of 74")
}

func TestNumberKeysSaveAtOnce(t *testing.T) {
	m, a := openTest(t, 80, 24)
	for l := 0; l <= 5; l++ {
		m = press(t, m, string(rune('0'+l)))
		if got := stored(t, m.c.db.st, a.ID, iso, "4.1.q1").Level; got != model.Level(l) {
			t.Fatalf("key %d stored %v", l, got)
		}
		if m.sess.active().picker != l {
			t.Fatalf("picker on %d after key %d", m.sess.active().picker, l)
		}
	}
	v := shot(m)
	mustContain(t, v, "saved 14:02:31", "● saved", "5.0")
	if fw, q := current(m); q != "4.1.q1" || fw != iso {
		t.Fatalf("number key moved to %s", q)
	}
}

// Issue 13: a key that saves commits one transaction (the answer, its
// history, the resume point and the assessment's time together), and
// nothing the app queues behind it writes again.
func TestKeystrokeSaveIsOneTransaction(t *testing.T) {
	m, a := openTest(t, 80, 24)
	st := m.c.db.st
	for _, k := range []string{"3", "4", "f", "backspace"} {
		before := st.Commits()
		m = press(t, m, k)
		if n := st.Commits() - before; n != 1 {
			t.Errorf("key %s committed %d transactions, want 1", k, n)
		}
	}
	if h, _ := st.History(context.Background(), a.ID); len(h) != 4 {
		t.Errorf("%d history rows for 4 saving keys", len(h))
	}
}

func TestPickerAndEnterConfirmsAndMovesOn(t *testing.T) {
	m, a := openTest(t, 80, 24)
	if p := m.sess.active().picker; p != pickNone {
		t.Fatalf("an unanswered question has the picker on %d", p)
	}
	m = press(t, m, "down", "j", "j", "j", "k") // none → 0 → 2
	if p := m.sess.active().picker; p != 2 {
		t.Fatalf("picker %d", p)
	}
	mustContain(t, shot(m), "2 Managed:")
	m = press(t, m, "up", "up", "up") // stops at 0
	if p := m.sess.active().picker; p != 0 {
		t.Fatalf("picker %d", p)
	}
	m = press(t, m, "j", "enter")
	if got := stored(t, m.c.db.st, a.ID, iso, "4.1.q1").Level; got != 1 {
		t.Fatalf("stored %v", got)
	}
	if _, q := current(m); q != "4.1.q2" {
		t.Fatalf("enter left us at %s", q)
	}
	// The resume point follows.
	got, _ := m.c.db.st.Get(context.Background(), a.ID)
	if fw, q := got.Resume(); fw != iso || q != "4.1.q2" {
		t.Fatalf("resume %s %s", fw, q)
	}
}

func TestMovesSaveResumePoint(t *testing.T) {
	m, a := openTest(t, 80, 24)
	check := func(wantQ string) {
		t.Helper()
		if _, q := current(m); q != wantQ {
			t.Fatalf("at %s, want %s", q, wantQ)
		}
		got, _ := m.c.db.st.Get(context.Background(), a.ID)
		if _, q := got.Resume(); q != wantQ {
			t.Fatalf("resume at %s, want %s", q, wantQ)
		}
	}
	m = press(t, m, "l")
	check("4.1.q2")
	m = press(t, m, "right")
	check("4.2.1.q1")
	m = press(t, m, "left")
	check("4.1.q2")
	m = press(t, m, "left", "left") // stays on the first
	check("4.1.q1")
	qs := testCatalog(t).Frameworks()[0].Questions()
	last := qs[len(qs)-1].ID
	m = press(t, m, "end")
	check(last)
	m = press(t, m, "right")
	check(last)
	m = press(t, m, "home")
	check("4.1.q1")
}

func TestUnansweredJumps(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	m = press(t, m, "3", "l", "3", "l", "l", "4") // q1, q2, q4 answered; q3 skipped
	m = press(t, m, "home", "]")
	if _, q := current(m); q != "4.2.1.q1" {
		t.Fatalf("] went to %s", q)
	}
	m = press(t, m, "]")
	if _, q := current(m); q != "4.2.2.q3" {
		t.Fatalf("] went to %s", q)
	}
	m = press(t, m, "[")
	if _, q := current(m); q != "4.2.1.q1" {
		t.Fatalf("[ went to %s", q)
	}
	qs := testCatalog(t).Frameworks()[0].Questions()
	m = press(t, m, "home", "[") // wraps around to the last unanswered
	if _, q := current(m); q != qs[len(qs)-1].ID {
		t.Fatalf("[ from the first went to %s", q)
	}
}

func TestBackspaceClears(t *testing.T) {
	m, a := openTest(t, 80, 24)
	m = press(t, m, "4", "backspace")
	if got := stored(t, m.c.db.st, a.ID, iso, "4.1.q1").Level; got != model.Unanswered {
		t.Fatalf("stored %v", got)
	}
	mustNotContain(t, shot(m), "● saved")
	mustContain(t, shot(m), "saved 14:02:31")
}

func TestNotApplicableAsksWhy(t *testing.T) {
	m, a := openTest(t, 80, 24)
	m = press(t, m, "n")
	if !modalIs[reasonModal](m) {
		t.Fatal("n did not ask for a reason")
	}
	mustContain(t, shot(m), "Why does it not apply?", "enter mark N/A")
	m = press(t, m, "enter")
	mustContain(t, shot(m), "say why it does not apply")
	if got := stored(t, m.c.db.st, a.ID, iso, "4.1.q1").Level; got != model.Unanswered {
		t.Fatalf("stored %v without a reason", got)
	}
	m = typeText(t, m, "no sites in scope")
	m = press(t, m, "enter")
	got := stored(t, m.c.db.st, a.ID, iso, "4.1.q1")
	if got.Level != model.NotApplicable || got.Note != "no sites in scope" {
		t.Fatalf("stored %+v", got)
	}
	if _, q := current(m); q != "4.1.q1" {
		t.Fatalf("n moved to %s", q)
	}
	mustContain(t, shot(m), "Note  no sites in scope", "na")

	// esc cancels without saving; the picker returns to the answer.
	m = press(t, m, "l", "n", "esc")
	if quest(m).modal != nil || stored(t, m.c.db.st, a.ID, iso, "4.1.q2").Level != model.Unanswered {
		t.Fatal("esc did not cancel")
	}
	// Enter on the N/A row asks too, then moves on.
	m = press(t, m, "j", "j", "j", "j", "j", "j", "j", "enter")
	if !modalIs[reasonModal](m) {
		t.Fatal("enter on N/A did not ask why")
	}
	m = typeText(t, m, "outsourced")
	m = press(t, m, "enter")
	if got := stored(t, m.c.db.st, a.ID, iso, "4.1.q2"); got.Level != model.NotApplicable || got.Note != "outsourced" {
		t.Fatalf("stored %+v", got)
	}
	if _, q := current(m); q != "4.2.1.q1" {
		t.Fatalf("at %s", q)
	}
}

func TestNoteEditorSavesOnEsc(t *testing.T) {
	m, a := openTest(t, 80, 24)
	m = press(t, m, "e")
	if !modalIs[noteModal](m) {
		t.Fatal("e did not open the editor")
	}
	mustContain(t, shot(m), "esc saves it", "esc save note and leave")
	m = typeText(t, m, "first line")
	m = press(t, m, "enter")
	m = typeText(t, m, "second q line") // q is text here, not quit
	m = press(t, m, "esc")
	if modalIs[noteModal](m) {
		t.Fatal("esc did not close the editor")
	}
	if got := stored(t, m.c.db.st, a.ID, iso, "4.1.q1").Note; got != "first line\nsecond q line" {
		t.Fatalf("stored note %q", got)
	}
	mustContain(t, shot(m), "Note  first line", "second q line", "saved 14:02:31")

	// Unchanged note: nothing is written.
	before, _ := m.c.db.st.History(context.Background(), a.ID)
	m = press(t, m, "e", "esc")
	after, _ := m.c.db.st.History(context.Background(), a.ID)
	if len(after) != len(before) {
		t.Fatal("an unchanged note was saved again")
	}
}

func TestFlagToggles(t *testing.T) {
	m, a := openTest(t, 80, 24)
	m = press(t, m, "f")
	if !stored(t, m.c.db.st, a.ID, iso, "4.1.q1").Flagged {
		t.Fatal("not flagged")
	}
	mustContain(t, shot(m), "! flagged for review")
	m = press(t, m, "f")
	if stored(t, m.c.db.st, a.ID, iso, "4.1.q1").Flagged {
		t.Fatal("still flagged")
	}
}

func TestTabSwitchesFrameworksRememberingPositions(t *testing.T) {
	m, a := openTest(t, 120, 40)
	m = press(t, m, "l", "l", "tab")
	if fw, q := current(m); fw != mas || q != "3.1.q1" {
		t.Fatalf("tab went to %s %s", fw, q)
	}
	mustContain(t, shot(m), "[MAS TRM]", fmt.Sprintf("question 1 of %d", asked(t, mas)))
	m = press(t, m, "l", "5", "tab")
	if fw, q := current(m); fw != iso || q != "4.2.1.q1" {
		t.Fatalf("back at %s %s", fw, q)
	}
	m = press(t, m, "shift+tab")
	if fw, q := current(m); fw != mas || q != "3.1.q2" {
		t.Fatalf("shift+tab went to %s %s", fw, q)
	}
	got, _ := m.c.db.st.Get(context.Background(), a.ID)
	if fw, q := got.Resume(); fw != mas || q != "3.1.q2" {
		t.Fatalf("resume %s %s", fw, q)
	}
	if got.Frameworks[0].Position != "4.2.1.q1" {
		t.Fatalf("ISO position %q", got.Frameworks[0].Position)
	}
}

func TestFindJumps(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	m = press(t, m, "/")
	if !modalIs[finder](m) {
		t.Fatal("/ did not open the finder")
	}
	m = typeText(t, m, "8.3")
	v := shot(m)
	mustContain(t, v, "Find: 8.3", "8.3.q1")
	m = press(t, m, "enter")
	if _, q := current(m); !strings.HasPrefix(q, "8.3") {
		t.Fatalf("jumped to %s", q)
	}
	// By words, choosing the second match.
	m = press(t, m, "/")
	m = typeText(t, m, "competence")
	mustContain(t, shot(m), "7.2.q1", "7.2.q2")
	m = press(t, m, "down", "enter")
	if _, q := current(m); q != "7.2.q2" {
		t.Fatalf("jumped to %s", q)
	}
	// No match: enter says so and stays.
	m = press(t, m, "/")
	m = typeText(t, m, "zebra crossing")
	mustContain(t, shot(m), "No clause matches")
	m = press(t, m, "enter")
	mustContain(t, shot(m), "no clause matches")
	m = press(t, m, "up", "esc")
	if quest(m).modal != nil {
		t.Fatal("esc did not close the finder")
	}
	if _, q := current(m); q != "7.2.q2" {
		t.Fatalf("esc moved to %s", q)
	}
}

func TestGuidanceToggleAndScroll(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	mustNotContain(t, shot(m), "Guidance")
	mustContain(t, shot(m), "g guidance")
	m = press(t, m, "g")
	mustContain(t, shot(m), "Guidance", "pgup/pgdn: lines 1-")
	m = press(t, m, "pgdown")
	if quest(m).guideOff == 0 {
		t.Fatal("pgdown did not scroll")
	}
	mustNotContain(t, shot(m), "pgup/pgdn: lines 1-")
	m = press(t, m, "pgup", "pgup")
	if quest(m).guideOff != 0 {
		t.Fatalf("pgup left offset %d", quest(m).guideOff)
	}
	m = press(t, m, "g")
	mustNotContain(t, shot(m), "Guidance")

	// Large enough: guidance shows by itself, g hides it.
	m, _ = openTest(t, 120, 40)
	mustContain(t, shot(m), "Guidance", "Evidence")
	m = press(t, m, "g")
	mustNotContain(t, shot(m), "Guidance")
}

func TestOutlineToggle(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	mustNotContain(t, shot(m), "4.1.q2")
	mustContain(t, shot(m), "Maturity")
	m = press(t, m, "o")
	mustContain(t, shot(m), "4.1.q2", "▸·")
	mustNotContain(t, shot(m), "Maturity")
	m, _ = openTest(t, 120, 40)
	mustContain(t, shot(m), "4.1.q2", "Maturity")
	m = press(t, m, "o")
	mustNotContain(t, shot(m), "4.1.q2")
}

func TestOutlineMarks(t *testing.T) {
	m, _ := openTest(t, 120, 40)
	m = press(t, m, "3", "f", "l", "n")
	m = typeText(t, m, "n/a here")
	m = press(t, m, "enter", "l")
	v := shot(m)
	mustContain(t, v, " 3!   4.1.q1", " na   4.1.q2", "▸·    4.2.1.q1")
}

func TestEscGoesHomeAndHelpOpens(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	m = press(t, m, "?")
	if !on[helpScreen](m) {
		t.Fatal("? did not open help")
	}
	mustContain(t, shot(m), "Keys: questionnaire", "set the level", "next unanswered", "edit note", "Outline:")
	m = press(t, m, "?")
	if !on[questionnaire](m) {
		t.Fatal("? did not close help")
	}
	m = press(t, m, "esc")
	if !on[home](m) {
		t.Fatal("esc did not go home")
	}
	mustContain(t, shot(m), "Acme 2026")
}

func TestQuitFromQuestionnaire(t *testing.T) {
	m, a := openTest(t, 80, 24)
	m = press(t, m, "l", "l", "2")
	m, quit := pressQuit(t, m, "q")
	if !quit {
		t.Fatal("q did not quit")
	}
	got, _ := m.c.db.st.Get(context.Background(), a.ID)
	if _, q := got.Resume(); q != "4.2.1.q1" {
		t.Fatalf("resume %s", q)
	}
}

func TestQuitMidNoteSavesIt(t *testing.T) {
	for _, k := range []string{"ctrl+c"} {
		m, a := openTest(t, 80, 24)
		m = press(t, m, "l", "e")
		m = typeText(t, m, "half-typed thought")
		m, quit := pressQuit(t, m, k)
		if !quit {
			t.Fatalf("%s did not quit", k)
		}
		if got := stored(t, m.c.db.st, a.ID, iso, "4.1.q2").Note; got != "half-typed thought" {
			t.Fatalf("%s: note %q", k, got)
		}
	}
}

func TestFailedSaveShowsNotSaved(t *testing.T) {
	m, a := openTest(t, 80, 24)
	m = press(t, m, "2")
	m.c.db.st.Close() // every write fails from now on
	m = press(t, m, "4")
	v := shot(m)
	mustContain(t, v, "not saved:", "✗ 1 not saved")
	if a2, _ := m.sess.shown(model.Key{Framework: iso, Question: "4.1.q1"}); a2.Level != 2 {
		t.Fatalf("shows level %v, the confirmed one is 2", a2.Level)
	}
	if sc := m.sess.active().score; sc.Maturity != 2 {
		t.Fatalf("score %v counts an unsaved answer", sc.Maturity)
	}
	// Full picker: the attempted level is marked as not saved.
	mustContain(t, v, "● saved", "✗ not saved")
	// The outline marks it too.
	m = press(t, m, "o")
	mustContain(t, shot(m), "▸2  ✗ 4.1.q1")

	// Quitting retries, fails again and asks before losing it.
	mq, quit := pressQuit(t, m, "q")
	if quit {
		t.Fatal("quit although an answer was not saved")
	}
	mustContain(t, shot(mq), "q again quits anyway")
	if _, quit = pressQuit(t, mq, "q"); !quit {
		t.Fatal("second q did not quit")
	}

	// Leaving for the list asks first, then leaves without it.
	m = press(t, m, "esc")
	if !on[questionnaire](m) {
		t.Fatal("left with an unsaved answer without asking")
	}
	mustContain(t, shot(m), "esc again leaves without them")
	m = press(t, m, "esc")
	if !on[home](m) {
		t.Fatal("second esc did not leave")
	}
	if _, quit = pressQuit(t, m, "q"); !quit {
		t.Fatal("q did not quit once the unsaved answer was left")
	}
	_ = a
}

func TestSaveResultsOutOfOrder(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	q := m.sess
	k := model.Key{Framework: iso, Question: "4.1.q1"}
	l3, l4 := model.Level(3), model.Level(4)
	q.saves[k] = &saveState{sent: [nFields]uint64{2, 0, 0}, want: model.Answer{Level: 4}}
	newer := answerSavedMsg{seq: 2, key: k, answer: model.Answer{Framework: iso, QuestionID: "4.1.q1", Level: 4}}
	newer.change.Level = &l4
	older := answerSavedMsg{seq: 1, key: k, answer: model.Answer{Framework: iso, QuestionID: "4.1.q1", Level: 3}}
	older.change.Level = &l3
	q.saved(newer)
	q.saved(older)
	q.saved(older)
	if got := q.answers.Get(iso, "4.1.q1").Level; got != 4 {
		t.Fatalf("an older result overrode a newer one: %v", got)
	}
	// A late failure of an older save does not mark the answer unsaved.
	failedOld := older
	failedOld.err = context.DeadlineExceeded
	q.saved(failedOld)
	if len(q.unsaved()) != 0 {
		t.Fatal("old failure counted")
	}
}

func TestUserTextIsInert(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Evil \x1b[31mred\x1b[0m\x07 name 日本語")
	ctx := context.Background()
	if _, err := st.Save(ctx, a.ID, iso, "4.1.q1", model.SetNote("line one \x1b]0;title\x07\nbidi \u202etxet\u202c and tab\there"), "t"); err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := newTest(t, st, a.ID, size[0], size[1])
		checkFrame(t, m, size[0], size[1])
		v := shot(m)
		mustContain(t, v, "Evil �[31mred�[0m� name 日本語", "line one �]0;title�", "bidi �txet� and tab here")
		m = press(t, m, "esc")
		checkFrame(t, m, size[0], size[1])
		mustContain(t, shot(m), "Evil �[31mred")
	}
	// Stored as typed.
	if got := stored(t, st, a.ID, iso, "4.1.q1").Note; !strings.Contains(got, "\x1b]0;title\x07") {
		t.Fatalf("note changed in the store: %q", got)
	}
}

// ctrl+c quits from every screen and mode (saving first).
func TestCtrlCQuitsEverywhere(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Acme")
	for name, keys := range map[string][]string{
		"questionnaire": {},
		"note":          {"e"},
		"reason":        {"n"},
		"find":          {"/"},
		"help":          {"?"},
		"home":          {"esc"},
		"rename":        {"esc", "r"},
		"duplicate":     {"esc", "c"},
		"export":        {"esc", "e"},
		"delete":        {"esc", "D"},
		"form":          {"esc", "n"},
		"related":       {"r"},
		"copy":          {"1", "r", "c"},
		"dashboard":     {"d"},
		"dash help":     {"d", "?"},
		"home dash":     {"esc", "d"},
		"differences":   {"x"},
		"profile":       {"x", "tab"},
		"drill":         {"x", "enter"},
	} {
		m := newTest(t, st, a.ID, 80, 24)
		m = press(t, m, keys...)
		if _, quit := pressQuit(t, m, "ctrl+c"); !quit {
			t.Errorf("ctrl+c did not quit from %s", name)
		}
	}
	// In help, q closes help rather than quitting.
	m := newTest(t, st, a.ID, 80, 24)
	m = press(t, m, "?", "q")
	if !on[questionnaire](m) {
		t.Fatal("q in help did not close it")
	}
}

// While the way out is saving, keys wait; a second ctrl+c quits at once.
func TestSecondCtrlCWhileSaving(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	m, cmd := m.update(keyMsg("q"))
	m, _ = m.update(cmd()) // quitMsg: starts the flush, not run here
	if !m.quitting {
		t.Fatal("not quitting")
	}
	m, _ = m.update(keyMsg("3"))
	if m.sess.saves[model.Key{Framework: iso, Question: "4.1.q1"}] != nil {
		t.Fatal("a key was taken while quitting")
	}
	mustContain(t, shot(m), "saving…")
	if _, quit := pressQuit(t, m, "ctrl+c"); !quit {
		t.Fatal("second ctrl+c did not quit")
	}
}

func TestResultsOfAnotherAssessmentAreNotMixedIn(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	l := model.Level(5)
	msg := answerSavedMsg{seq: 99, id: "other", key: model.Key{Framework: iso, Question: "4.1.q1"},
		answer: model.Answer{Framework: iso, QuestionID: "4.1.q1", Level: 5}}
	msg.change.Level = &l
	m = update(t, m, msg)
	if a, _ := m.sess.shown(msg.key); a.Level != model.Unanswered {
		t.Fatalf("took another assessment's answer: %v", a.Level)
	}
	msg.err = context.Canceled
	m = update(t, m, msg)
	mustContain(t, shot(m), "✗ not saved in assessment other")
}

// Issue 10, item 1: Enter on an unanswered question writes nothing and
// moves on; Enter on an answered one whose pick is unchanged writes nothing
// either (no history row); only a number key or a moved picker sets a level.
func TestEnterWritesNothingUnlessALevelIsPicked(t *testing.T) {
	m, a := openTest(t, 80, 24)
	mustNotContain(t, shot(m), "▸ 0", "▸ N/A")
	mustContain(t, shot(m), "Not rated yet")
	m = press(t, m, "enter", "enter", "enter")
	if _, q := current(m); q != "4.2.2.q1" {
		t.Fatalf("enter ×3 left us at %s", q)
	}
	ctx := context.Background()
	if list, _ := m.c.db.st.Answers(ctx, a.ID); len(list) != 0 {
		t.Fatalf("enter on unanswered questions stored %+v", list)
	}
	m = press(t, m, "3", "enter") // answered: 3, then enter on the same pick
	hist, _ := m.c.db.st.History(ctx, a.ID)
	m = press(t, m, "left", "enter") // back to it: picker on 3, enter again
	if after, _ := m.c.db.st.History(ctx, a.ID); len(after) != len(hist) || len(hist) != 1 {
		t.Fatalf("history %d rows, then %d; want 1 and 1", len(hist), len(after))
	}
	// N/A: enter on an N/A question moves on without asking (item 4).
	m = press(t, m, "left", "n")
	m = typeText(t, m, "outsourced")
	m = press(t, m, "enter", "enter")
	if modalIs[reasonModal](m) {
		t.Fatal("enter on an N/A question asked for the reason again")
	}
	if _, q := current(m); q != "4.2.2.q3" {
		t.Fatalf("enter on N/A left us at %s", q)
	}
	m = press(t, m, "3")
	if got := stored(t, m.c.db.st, a.ID, iso, "4.2.2.q3").Level; got != 3 {
		t.Fatalf("the key after enter went elsewhere: %v", got)
	}
}

// Issue 10, item 5: ctrl+c in the N/A reason prompt saves the reason, then
// quits, as the note editor does.
func TestCtrlCInReasonPromptSavesIt(t *testing.T) {
	m, a := openTest(t, 80, 24)
	m = press(t, m, "n")
	m = typeText(t, m, "no sites in scope")
	m, quit := pressQuit(t, m, "ctrl+c")
	if !quit {
		t.Fatal("ctrl+c did not quit")
	}
	if got := stored(t, m.c.db.st, a.ID, iso, "4.1.q1"); got.Level != model.NotApplicable || got.Note != "no sites in scope" {
		t.Fatalf("stored %+v", got)
	}
}

// Issue 10, item 3: a note that fails to save stays: e reopens it with the
// text, the preview shows it not saved, and it is saved once space is back;
// ctrl+r in the editor drops it for the saved note.
func TestFailedNoteKeepsItsText(t *testing.T) {
	m, a := openTest(t, 80, 24)
	k := qk(iso, "4.1.q1")
	m = press(t, m, "e")
	m = typeText(t, m, "evidence seen")
	// The save fails: as a full disk would make it.
	m, _ = m.update(keyMsg("esc")) // the save is queued, not run
	m.c.db.w.queue = nil
	fail := answerSavedMsg{seq: m.sess.saves[k].sent[fNote], id: a.ID, key: k, change: model.SetNote("evidence seen"),
		err: errors.New("the disk is full")}
	m = update(t, m, fail)
	mustContain(t, shot(m), "Note  evidence seen ✗ not saved", "✗ 1 not saved")
	m = press(t, m, "e")
	if got := noteText(m); got != "evidence seen" {
		t.Fatalf("the editor reopened with %q", got)
	}
	m = typeText(t, m, " twice")
	m = press(t, m, "esc")
	if got := stored(t, m.c.db.st, a.ID, iso, "4.1.q1").Note; got != "evidence seen twice" {
		t.Fatalf("stored %q", got)
	}
	// Discarding: ctrl+r goes back to the saved note.
	m = press(t, m, "e")
	m = typeText(t, m, "!")
	m = press(t, m, "ctrl+r")
	if got := noteText(m); got != "evidence seen twice" {
		t.Fatalf("ctrl+r left %q", got)
	}
	m = press(t, m, "esc")
	if a2, _ := m.sess.shown(k); a2.Note != "evidence seen twice" {
		t.Fatalf("shown %q", a2.Note)
	}
}

// Issue 10, item 14: / finds in every framework of the assessment, and each
// hit names its framework; enter on a hit in the other framework goes there.
func TestFindAcrossFrameworks(t *testing.T) {
	m, _ := openTest(t, 120, 40)
	m = press(t, m, "/")
	m = typeText(t, m, "3.4")
	v := shot(m)
	mustContain(t, v, "MAS TRM    3.4.q1")
	m = typeText(t, m, "x")
	mustContain(t, shot(m), "No clause matches in ISO 28000 or MAS TRM.")
	m = press(t, m, "backspace", "enter")
	if fw, q := current(m); fw != mas || q != "3.4.q1" {
		t.Fatalf("jumped to %s %s", fw, q)
	}
	m = press(t, m, "/")
	m = typeText(t, m, "audit")
	v = shot(m)
	mustContain(t, v, "ISO 28000  9.2", "MAS TRM ")
	if strings.Index(v, "MAS TRM    ") > strings.Index(v, "ISO 28000  9.2") {
		t.Fatalf("the active framework's hits come first:\n%s", v)
	}
}
