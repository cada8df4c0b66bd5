package tui

import (
	"context"
	"testing"

	"github.com/assaytui/assay/model"
)

// Issue 10, item 2: a save carries the answer as the screen showed it; when
// another process changed it meanwhile nothing is written, both values are
// shown and the user chooses. Two stores on one file stand for two processes.
func TestStaleSaveAsksInsteadOfOverwriting(t *testing.T) {
	for _, tc := range []struct {
		name   string
		keys   []string // what the user does on 4.1.q1, shown at level 5
		choose string
		want   model.Answer
	}{
		{"level, keep theirs", []string{"4"}, "k", model.Answer{Level: 2}},
		{"level, use mine", []string{"4"}, "u", model.Answer{Level: 4}},
		{"flag, keep theirs", []string{"f"}, "k", model.Answer{Level: 2, Flagged: false}},
		{"clear, use mine", []string{"backspace"}, "u", model.Answer{Level: model.Unanswered}},
		{"note, use mine", []string{"e", "x", "esc"}, "u", model.Answer{Level: 2, Note: "x"}},
		{"N/A, keep theirs", []string{"n", "o", "enter"}, "k", model.Answer{Level: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, a := openTest(t, 80, 24)
			ctx := context.Background()
			m = press(t, m, "5")
			st2 := other(t, m)
			if tc.name == "flag, keep theirs" || tc.name == "note, use mine" {
				// Flag and note: another process changes the same field.
				ch := model.SetFlag(true)
				if tc.name == "note, use mine" {
					ch = model.SetNote("theirs")
				}
				if _, err := st2.Save(ctx, a.ID, iso, "4.1.q1", ch, "bob"); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := st2.Save(ctx, a.ID, iso, "4.1.q1", model.SetLevel(2), "bob"); err != nil {
				t.Fatal(err)
			}
			hist, _ := m.c.db.st.History(ctx, a.ID)
			m = press(t, m, tc.keys...)
			if !on[conflictScreen](m) {
				t.Fatalf("no question asked:\n%s", shot(m))
			}
			v := shot(m)
			mustContain(t, v, "changed elsewhere to", "by bob", "k keeps theirs", "u uses yours")
			if tc.name == "level, keep theirs" {
				mustContain(t, v, "Theirs  level 2", "Yours   level 4")
			}
			if after, _ := m.c.db.st.History(ctx, a.ID); len(after) != len(hist) {
				t.Fatal("a stale save wrote something")
			}
			m = press(t, m, tc.choose)
			if !on[questionnaire](m) {
				t.Fatalf("still on %s", m.top().Title())
			}
			got := stored(t, m.c.db.st, a.ID, iso, "4.1.q1")
			want := tc.want
			if tc.name == "flag, keep theirs" {
				want.Flagged = true
			}
			if tc.name == "note, use mine" {
				want.Note = "x"
			}
			if !got.Same(want) {
				t.Fatalf("stored %+v, want %+v", got, want)
			}
			// The screen agrees with the store: picker and saved mark.
			shown, _ := m.sess.shown(qk(iso, "4.1.q1"))
			if !shown.Same(got) || m.sess.active().picker != pickerOf(got.Level) {
				t.Fatalf("shows %+v with the picker on %d; stored %+v", shown, m.sess.active().picker, got)
			}
			if len(m.sess.unsaved()) != 0 {
				t.Fatalf("unsaved after the choice: %v", m.sess.unsaved())
			}
		})
	}
}

// The questionnaire's picker never contradicts the saved mark after another
// process changes the answer under it (issue 10, item 2).
func TestPickerFollowsAChangeMadeElsewhere(t *testing.T) {
	m, a := openTest(t, 80, 24)
	m = press(t, m, "down", "j") // picker on 1, nothing saved
	st2 := other(t, m)
	if _, err := st2.Save(context.Background(), a.ID, iso, "4.1.q1", model.SetLevel(4), "bob"); err != nil {
		t.Fatal(err)
	}
	m = update(t, m, m.c.db.checkChanged(a.ID)())
	mustContain(t, shot(m), "▸ 4   Measured        ● saved")
	mustNotContain(t, shot(m), "▸ 1")
}
