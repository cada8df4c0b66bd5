package tui

import (
	"context"
	"fmt"
	"testing"

	"github.com/assaytui/assay/model"
)

// An assessment last opened before ISO 28000's revision 2 says what changed,
// records the revision, and w walks only the new and reworded questions.
func TestOpeningSaysWhatChangedAndWalksIt(t *testing.T) {
	st := testStore(t)
	a := createAt(t, st, "Old one", nil) // it saw revision 1 of both files
	fi, _ := testCatalog(t).Framework(iso)
	ch := fi.ChangesSince(1)
	if len(ch.Added) == 0 || len(ch.Retired) == 0 {
		t.Fatalf("ISO 28000 has no changes since revision 1 to test with: %s", ch)
	}
	m := newTest(t, st, a.ID, 80, 24)
	checkFrame(t, m, 80, 24)
	if !modalIs[newsModal](m) {
		t.Fatalf("no note on what changed:\n%s", shot(m))
	}
	mustContain(t, shot(m), "The questionnaires changed since this assessment", "ISO 28000, content revision 1 → 2:",
		"w goes to the next one", "enter or esc")
	mustContain(t, shot(m), ch.String()[:20])
	// At 80 columns the footer still names every key of the note.
	mustContain(t, line(shot(m), "enter/esc"), "w next new or reworded", "p retired answers", "q quit")
	m = press(t, m, "x") // any other key leaves the note up: nothing is rated by accident
	if !modalIs[newsModal](m) {
		t.Fatal("a stray key closed the note")
	}
	m = press(t, m, "esc")
	if modalIs[newsModal](m) {
		t.Fatal("esc did not close the note")
	}

	// The revision it was opened with is recorded, so the next opening is quiet.
	got, err := st.Get(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range got.Frameworks {
		if f.ContentRevision != revisionOf(t, f.ID) {
			t.Errorf("%s recorded at revision %d, want %d", f.ID, f.ContentRevision, revisionOf(t, f.ID))
		}
	}

	// w goes from question to question among the new and reworded ones only.
	want := map[string]bool{}
	for _, q := range ch.Review {
		want[q.ID] = true
	}
	seen := map[string]bool{}
	for range 5 {
		m = press(t, m, "w")
		_, q := current(m)
		if !want[q] {
			t.Fatalf("w went to %s, which is neither new nor reworded", q)
		}
		seen[q] = true
	}
	if len(seen) != 5 {
		t.Errorf("w visited %d distinct questions in 5 presses", len(seen))
	}
	// A new question is tagged as such beside its clause.
	m = goTo(t, m, iso, "8.1.q3")
	mustContain(t, shot(m), "new since last opened", "8.1.q3")
	m = goTo(t, m, iso, "4.1.q1")
	mustContain(t, shot(m), "reworded since last opened")

	// Opened again: nothing to say, nothing tagged, and w says so.
	m2 := newTest(t, st, a.ID, 120, 40)
	if modalIs[newsModal](m2) {
		t.Fatal("the note on what changed came back on the second opening")
	}
	mustNotContain(t, shot(m2), "since last opened")
	m2 = press(t, m2, "w")
	mustContain(t, shot(m2), "no question of ISO 28000 is new or reworded since this assessment was last opened")
}

// A new assessment starts at the current revisions: nothing to report.
func TestNewAssessmentHasNothingChanged(t *testing.T) {
	st := testStore(t)
	n, err := model.NewAssessment{Name: "Fresh", Frameworks: []string{iso, mas}, Target: 3}.Check(testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.Create(context.Background(), n, map[string]string{iso: "2022", mas: "January 2021"})
	if err != nil {
		t.Fatal(err)
	}
	m := newTest(t, st, a.ID, 100, 30)
	if modalIs[newsModal](m) {
		t.Fatal("a new assessment opened with a note on what changed")
	}
	mustNotContain(t, shot(m), "since last opened")
}

// Answers given to questions that were later retired are listed with p, with
// what replaced them; enter goes to the replacement. They count in no score.
func TestAnswersToRetiredQuestions(t *testing.T) {
	st := testStore(t)
	a := createAt(t, st, "Before the split", map[string]int{mas: revisionOf(t, mas)}) // ISO still at revision 1
	ctx := context.Background()
	note := "policy posted at Jurong only"
	for _, s := range []struct {
		q  string
		ch model.Change
	}{
		{"5.2.2.q1", model.Change{Level: ptr(model.Level(3)), Note: &note}},
		{"9.2.2.q1", model.SetLevel(1)},
	} {
		if _, err := st.Save(ctx, a.ID, iso, s.q, s.ch, "old build"); err != nil {
			t.Fatal(err)
		}
	}
	m := newTest(t, st, a.ID, 100, 30)
	mustContain(t, shot(m), "2 answers of this assessment are to questions that", "p lists them with what replaced it",
		fmt.Sprintf("0/%d", asked(t, iso)))
	m = press(t, m, "p") // from the note on what changed
	if !modalIs[retiredModal](m) {
		t.Fatalf("p did not open the list:\n%s", shot(m))
	}
	mustContain(t, shot(m), "Answers to retired questions in ISO 28000", "2 found", "5.2.2.q1", "level 3", "9.2.2.q1", "level 1",
		"5.2.2.q1 was retired in revision 2; now asked by 5.2.2.q2, 5.2.2.q3.", "Note: "+note)
	m = press(t, m, "j")
	mustContain(t, shot(m), "now asked by 9.2.2.q2, 9.2.2.q3,")
	m = press(t, m, "k", "enter")
	if modalIs[retiredModal](m) {
		t.Fatal("enter left the list open")
	}
	if fw, q := current(m); fw != iso || q != "5.2.2.q2" {
		t.Fatalf("enter went to %s %s, want the replacement 5.2.2.q2", fw, q)
	}
	// esc closes; with nothing retired answered, p says so.
	m = press(t, m, "p", "esc")
	if modalIs[retiredModal](m) {
		t.Fatal("esc did not close the list")
	}
	m = press(t, m, "tab", "p")
	mustContain(t, shot(m), "no answer of this assessment is to a retired question of MAS TRM")
}
