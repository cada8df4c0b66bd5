package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

func TestRelatedPanelShowsLevelsWhereThereIsRoom(t *testing.T) {
	m, a := openTest(t, 80, 24)
	answer(t, m.c.db.st, a.ID, map[model.Key]model.Level{qk(mas, "3.1.q1"): 2, qk(mas, "3.2.q1"): 4})
	m = newTest(t, m.c.db.st, a.ID, 80, 24)
	m = goTo(t, m, iso, "5.1.q1") // governance: MAS 3.1 and 3.2
	v := shot(m)
	mustContain(t, v, "Related in MAS TRM r", " 3.1.q1  2 ", " 3.1.q2  · ", " 3.2.q1  4 ")
	// MAS at 80×24: the sixteen sections leave no room; the panel stays away.
	m = press(t, m, "tab")
	mustNotContain(t, shot(m), "Related in")
	// 120×40: room for all of them, with titles.
	m = newTest(t, m.c.db.st, a.ID, 120, 40)
	m = goTo(t, m, iso, "5.1.q1")
	v = shot(m)
	mustContain(t, v, "Related in MAS TRM", " 3.1.q1  2    board oversight", " 3.2.q1  4    Policies")
	mustNotContain(t, v, "more (r)")
	_ = v
}

func TestRelatedFocusMoveAndGo(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	m = press(t, m, "/")
	m = typeText(t, m, "5.1")
	m = press(t, m, "enter", "r")
	if !relatedOpen(m, false) {
		t.Fatal("r did not focus the related questions")
	}
	v := shot(m)
	mustContain(t, v, "Related questions in MAS TRM", "6 found", "5.1.q1  Leadership and commitment", "shared theme: Governance",
		"▸ ·    3.1.q1", "3.2.q1   Policies", "rate this question to copy", "c copy this level there")
	m = press(t, m, "j", "down", "j", "j", "j", "j", "j", "k", "up", "k", "k") // clamps at 5, back to 1
	if modalOf[relatedModal](m).sel != 1 {
		t.Fatalf("sel %d", modalOf[relatedModal](m).sel)
	}
	mustContain(t, shot(m), "▸ ·    3.1.q2")
	for _, k := range []string{"esc", "r"} {
		m = press(t, m, k)
		if quest(m).modal != nil {
			t.Fatalf("%s did not close the list", k)
		}
		m = press(t, m, "r")
	}
	// enter goes to the related question, in the other framework.
	m = press(t, m, "j", "enter")
	if fw, q := current(m); fw != mas || q != "3.1.q2" {
		t.Fatalf("at %s %s", fw, q)
	}
	if quest(m).modal != nil {
		t.Fatal("still in the list")
	}
	got, _ := m.c.db.st.Get(context.Background(), m.sess.id)
	if fw, q := got.Resume(); fw != mas || q != "3.1.q2" {
		t.Fatalf("resume %s %s", fw, q)
	}
	// The way back: MAS 3.1 relates to ISO governance.
	m = press(t, m, "r")
	mustContain(t, shot(m), "Related questions in ISO 28000", "4.4.q1", "5.1.q1")
	if _, quit := pressQuit(t, m, "q"); !quit {
		t.Fatal("q did not quit from the list")
	}
}

func TestCopyLevelToRelatedQuestion(t *testing.T) {
	m, a := openTest(t, 80, 24)
	ctx := context.Background()
	// The target has a note already.
	if _, err := m.c.db.st.Save(ctx, a.ID, mas, "3.1.q2", model.Change{Note: ptr("CIO named in 2025")}, "setup"); err != nil {
		t.Fatal(err)
	}
	answer(t, m.c.db.st, a.ID, map[model.Key]model.Level{qk(mas, "3.1.q2"): 1})
	if err := m.c.db.st.SetResume(ctx, a.ID, mas, "3.4.q1"); err != nil {
		t.Fatal(err)
	}
	m = newTest(t, m.c.db.st, a.ID, 80, 24)
	m = goTo(t, m, iso, "5.1.q1")
	m = press(t, m, "r", "c") // unrated: nothing to copy
	if !relatedOpen(m, false) {
		t.Fatal("c on an unrated question asked to copy")
	}
	mustContain(t, shot(m), "rate 5.1.q1 first")
	m = press(t, m, "esc", "3", "r", "j", "c")
	if !relatedOpen(m, true) {
		t.Fatalf("c did not ask:\n%s", shot(m))
	}
	v := shot(m)
	mustContain(t, v, "Copy level 3 from ISO 28000 5.1.q1 to MAS TRM 3.1.q2", "level 1 now?",
		"Its note is kept and this line is added: “copied from ISO", "28000 5.1.q1 (level 3) on 2026-05-12”",
		"y copies and saves", "y yes, copy and save")
	// n leaves it: nothing written.
	hist, _ := m.c.db.st.History(ctx, a.ID)
	m = press(t, m, "n")
	if !relatedOpen(m, false) || !strings.Contains(shot(m), "not copied") {
		t.Fatal("n did not cancel")
	}
	m = press(t, m, "c", "esc")
	if after, _ := m.c.db.st.History(ctx, a.ID); len(after) != len(hist) || stored(t, m.c.db.st, a.ID, mas, "3.1.q2").Level != 1 {
		t.Fatal("a cancelled copy wrote something")
	}
	// y copies: a real answer with its provenance, the old note kept.
	m = press(t, m, "c", "y")
	got := stored(t, m.c.db.st, a.ID, mas, "3.1.q2")
	if got.Level != 3 || got.Note != "CIO named in 2025\ncopied from ISO 28000 5.1.q1 (level 3) on 2026-05-12" {
		t.Fatalf("stored %+v", got)
	}
	v = shot(m)
	mustContain(t, v, "copied level 3 to MAS TRM 3.1.q2 (was level 1)", "saved 14:02:31", "▸ 3    3.1.q2")
	// History says who.
	hist, _ = m.c.db.st.History(ctx, a.ID)
	if last := hist[len(hist)-1]; last.By != "test (tui)" {
		t.Fatalf("history %+v", last)
	}
	// The user has not moved: same question, and the resume point says so.
	if fw, q := current(m); fw != iso || q != "5.1.q1" {
		t.Fatalf("at %s %s", fw, q)
	}
	saved, _ := m.c.db.st.Get(ctx, a.ID)
	if fw, q := saved.Resume(); fw != iso || q != "5.1.q1" {
		t.Fatalf("resume %s %s", fw, q)
	}
	if saved.Frameworks[1].Position != "3.4.q1" {
		t.Fatalf("MAS position moved to %q", saved.Frameworks[1].Position)
	}
	// Copying the same level again: nothing to do, said so.
	m = press(t, m, "c")
	if !relatedOpen(m, false) {
		t.Fatal("asked to copy the same level")
	}
	mustContain(t, shot(m), "MAS TRM 3.1.q2 is at level 3 already")
	// A target without a note gets the provenance line alone.
	m = press(t, m, "k", "c")
	mustContain(t, shot(m), "Its note will say: “copied from ISO 28000 5.1.q1 (level", "3) on 2026-05-12”")
	m = press(t, m, "y")
	if got := stored(t, m.c.db.st, a.ID, mas, "3.1.q1"); got.Level != 3 || got.Note != "copied from ISO 28000 5.1.q1 (level 3) on 2026-05-12" {
		t.Fatalf("stored %+v", got)
	}
	// The MAS side of the governance theme follows.
	m = press(t, m, "esc", "x")
	if l := line(shot(m), "Governance"); !strings.Contains(l, "3.0") || !strings.Contains(l, "+0.0") {
		t.Fatalf("governance row %q", l)
	}
	// ctrl+c in the confirmation quits, saving nothing more.
	m = press(t, m, "esc", "r", "j", "j", "c")
	if !relatedOpen(m, true) {
		t.Fatalf("modal %T", quest(m).modal)
	}
	if _, quit := pressQuit(t, m, "ctrl+c"); !quit {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestCopyNeedsARatedLevel(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	m = press(t, m, "n")
	m = typeText(t, m, "not in scope")
	m = press(t, m, "enter", "r", "c")
	mustContain(t, shot(m), "only a level 0-5 is copied (N/A needs its own")
}

func ptr[T any](v T) *T { return &v }

// goTo makes a question current, as the dashboard's enter does.
func goTo(t testing.TB, m Model, fw, q string) Model {
	t.Helper()
	m = update(t, m, jumpMsg{qk(fw, q)})
	if f, qq := current(m); f != fw || qq != q {
		t.Fatalf("at %s %s", f, qq)
	}
	return m
}
