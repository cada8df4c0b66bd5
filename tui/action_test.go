package tui

import (
	"context"
	"testing"

	"github.com/assaytui/assay/model"
)

func TestQuestionnaireEditsAnAction(t *testing.T) {
	m, a := openTest(t, 100, 30)
	m = press(t, m, "a")
	mustContain(t, shot(m), "Action on iso28000-2022:4.1.q1", "Action:", "Owner:", "Due:", "Status:")
	m = typeText(t, m, "Write the context review")
	m = press(t, m, "tab")
	m = typeText(t, m, "Bo Lim")
	m = press(t, m, "tab")
	m = typeText(t, m, "2027-02-30")
	m = press(t, m, "enter")
	mustContain(t, shot(m), `date "2027-02-30" is not a day written YYYY-MM-DD`)
	if list, _ := m.c.db.st.Actions(context.Background(), a.ID); len(list) != 0 {
		t.Fatalf("a refused form saved %+v", list)
	}
	for range "2027-02-30" {
		m = press(t, m, "backspace")
	}
	m = typeText(t, m, "2027-02-28")
	m = press(t, m, "enter")
	mustContain(t, shot(m), "action saved on iso28000-2022:4.1.q1 (open)")
	list, err := m.c.db.st.Actions(context.Background(), a.ID)
	if err != nil || len(list) != 1 || list[0].Text != "Write the context review" || list[0].Owner != "Bo Lim" || list[0].Due != "2027-02-28" {
		t.Fatalf("stored %+v, %v", list, err)
	}

	// Again: the form opens on the stored action; esc leaves it as it was.
	m = press(t, m, "a")
	mustContain(t, shot(m), "Write the context review", "Bo Lim", "2027-02-28", "open")
	m = press(t, m, "tab", "tab", "tab")
	for range "open" {
		m = press(t, m, "backspace")
	}
	m = typeText(t, m, "done")
	m = press(t, m, "enter")
	mustContain(t, shot(m), "action saved on iso28000-2022:4.1.q1 (done)")
	m = press(t, m, "a", "esc")
	list, _ = m.c.db.st.Actions(context.Background(), a.ID)
	if len(list) != 1 || list[0].Status != model.ActionDone {
		t.Errorf("after done: %+v", list)
	}
	checkFrame(t, m, 100, 30)
}

// The question shows what is planned about it: after the form saves it,
// after another process writes one, after a reopen; and not once removed.
func TestTheQuestionShowsItsAction(t *testing.T) {
	m, a := openTest(t, 80, 24)
	mustNotContain(t, shot(m), "Action ")
	m = press(t, m, "a")
	m = typeText(t, m, "Write the context review")
	m = press(t, m, "tab")
	m = typeText(t, m, "Bo Lim")
	m = press(t, m, "tab")
	m = typeText(t, m, "2027-02-28")
	m = press(t, m, "enter")
	mustContain(t, shot(m), "Action Write the context review · Bo Lim · due 2027-02-2…") // cut at 80 columns
	checkFrame(t, m, 80, 24)

	// Another process plans an action on the next question: it shows once
	// the user moves there, as answers written elsewhere do.
	st2 := other(t, m)
	if _, err := st2.SaveAction(context.Background(), a.ID, iso, "4.1.q2", model.ActionChange{Text: ptr("Map the interested parties")}, "cli"); err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "l")
	v := shot(m)
	mustContain(t, v, "Action Map the interested parties · open")
	mustNotContain(t, v, "Write the context review")

	// Reopened (on whichever question it resumes), the first question
	// still shows its action.
	m2 := newTest(t, m.c.db.st, a.ID, 80, 24)
	m2 = press(t, m2, "left")
	mustContain(t, shot(m2), "Action Write the context review")

	// Emptied, the action is gone from the screen as from the store.
	m2 = press(t, m2, "a")
	for range "Write the context review" {
		m2 = press(t, m2, "backspace")
	}
	m2 = press(t, m2, "tab")
	for range "Bo Lim" {
		m2 = press(t, m2, "backspace")
	}
	m2 = press(t, m2, "tab")
	for range "2027-02-28" {
		m2 = press(t, m2, "backspace")
	}
	m2 = press(t, m2, "enter")
	v = shot(m2)
	mustContain(t, v, "removed the action on iso28000-2022:4.1.q1")
	mustNotContain(t, v, "Action ")
}
