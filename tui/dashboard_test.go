package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/store"
	"github.com/assaytui/assay/tui/cells"
)

// answer stores answers as another session would (straight to the store).
func answer(t testing.TB, st *store.Store, id string, levels map[model.Key]model.Level) {
	t.Helper()
	for k, l := range levels {
		if f, ok := testCatalog(t).Framework(k.Framework); !ok || f.QuestionIndex(k.Question) < 0 {
			t.Fatalf("no question %s", k.Qualified())
		}
		if _, err := st.Save(context.Background(), id, k.Framework, k.Question, model.SetLevel(l), "setup"); err != nil {
			t.Fatal(err)
		}
	}
}

func qk(fw, q string) model.Key { return model.Key{Framework: fw, Question: q} }

// line is the first line of the view that contains s, or "".
func line(view, s string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestDashboardOpensFromQuestionnaireAndGoesBack(t *testing.T) {
	m, _ := openTest(t, 120, 40)
	m = press(t, m, "3", "l", "1") // ISO 4.1.q1 = 3, 4.1.q2 = 1
	m = press(t, m, "d")
	if !on[dashboard](m) {
		t.Fatalf("d did not open the dashboard:\n%s", shot(m))
	}
	v := shot(m)
	mustContain(t, v, "Dashboard", "ISO 28000", "MAS TRM", fmt.Sprintf("2/%d answered, 0 N/A", asked(t, iso)), "4  Context of the organization",
		"Biggest gaps to target 3", "4.1.q2", "┃ = target 3")
	if l := line(v, "4  Context of the organization"); !strings.Contains(l, "2.0") || !strings.Contains(l, "22%") {
		t.Fatalf("context row: %q", l)
	}
	// The gap row: question, title, level, target, gap.
	if l := line(v, "4.1.q2"); !strings.Contains(l, "ISO 28000") || !strings.HasSuffix(strings.TrimRight(l, " "), "1      3   2") {
		t.Fatalf("gap row: %q", l)
	}
	for _, k := range []string{"esc", "d"} {
		m = press(t, m, k)
		if !on[questionnaire](m) {
			t.Fatalf("%s did not go back", k)
		}
		if _, q := current(m); q != "4.1.q2" {
			t.Fatalf("back at %s", q)
		}
		m = press(t, m, "d")
	}
	m = press(t, m, "?")
	mustContain(t, shot(m), "Keys: dashboard", "answer that question", "marks the target")
	m = press(t, m, "esc")
	if !on[dashboard](m) {
		t.Fatal("help did not return to the dashboard")
	}
	if _, quit := pressQuit(t, m, "q"); !quit {
		t.Fatal("q did not quit from the dashboard")
	}
}

func TestDashboardFromHome(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Acme 2026")
	answer(t, st, a.ID, map[model.Key]model.Level{qk(mas, "3.1.q1"): 1})
	m := newTest(t, st, "", 80, 24)
	m = press(t, m, "d")
	if !on[dashboard](m) {
		t.Fatalf("d on home did not open the dashboard:\n%s", shot(m))
	}
	mustContain(t, shot(m), "Acme 2026 · Dashboard", fmt.Sprintf("1/%d answered", asked(t, mas)), "↓ below: the biggest gaps (1)")
	m = press(t, m, "esc")
	if !on[home](m) {
		t.Fatal("esc did not return home")
	}
	// No assessment selected: d says so.
	st2 := testStore(t)
	m = newTest(t, st2, "", 80, 24)
	m = press(t, m, "d")
	if !on[home](m) || !strings.Contains(shot(m), "no assessment yet") {
		t.Fatalf("d with no assessment:\n%s", shot(m))
	}
}

func TestDashboardGapJumpsToQuestion(t *testing.T) {
	m, a := openTest(t, 80, 24)
	answer(t, m.c.db.st, a.ID, map[model.Key]model.Level{
		qk(iso, "4.1.q1"): 3, qk(iso, "5.1.q1"): 2, qk(mas, "3.4.q1"): 0, qk(mas, "3.1.q1"): 1,
	})
	m = newTest(t, m.c.db.st, a.ID, 80, 24)
	m = press(t, m, "d")
	v := shot(m)
	mustNotContain(t, v, "▸ ")
	// enter with nothing highlighted highlights the first gap.
	m = press(t, m, "enter")
	if !on[dashboard](m) || topOf[dashboard](m).sel != 0 {
		t.Fatalf("enter: screen %s sel %d", m.top().Title(), topOf[dashboard](m).sel)
	}
	v = shot(m)
	mustContain(t, v, "▸ MAS TRM   3.4.q1", "  MAS TRM   3.1.q1", "  ISO 28000 5.1.q1")
	m = press(t, m, "down", "j", "j", "up") // clamps at the last (3 gaps), then back up to the second
	if topOf[dashboard](m).sel != 1 {
		t.Fatalf("sel %d", topOf[dashboard](m).sel)
	}
	m = press(t, m, "k", "k", "k") // above the first: none highlighted, page at the top
	if topOf[dashboard](m).sel != -1 {
		t.Fatalf("sel %d", topOf[dashboard](m).sel)
	}
	m = press(t, m, "j", "enter") // MAS 3.4.q1: another framework than the one being answered
	if !on[questionnaire](m) {
		t.Fatal("enter did not jump")
	}
	if fw, q := current(m); fw != mas || q != "3.4.q1" {
		t.Fatalf("jumped to %s %s", fw, q)
	}
	mustContain(t, shot(m), "[MAS TRM]", "3.4.q1")
	got, _ := m.c.db.st.Get(context.Background(), a.ID)
	if fw, q := got.Resume(); fw != mas || q != "3.4.q1" {
		t.Fatalf("resume %s %s", fw, q)
	}
	// Back on the dashboard (from the top again); jump within a framework.
	m = press(t, m, "d", "j", "j", "j", "enter")
	if fw, q := current(m); fw != iso || q != "5.1.q1" {
		t.Fatalf("jumped to %s %s", fw, q)
	}
	got, _ = m.c.db.st.Get(context.Background(), a.ID)
	if fw, q := got.Resume(); fw != iso || q != "5.1.q1" {
		t.Fatalf("resume %s %s", fw, q)
	}
}

func TestDashboardWithoutGaps(t *testing.T) {
	m, _ := openTest(t, 120, 40)
	m = press(t, m, "d")
	mustContain(t, shot(m), "Nothing is rated yet")
	m = press(t, m, "j", "enter")
	mustContain(t, shot(m), "no gap to go to")
	m = press(t, m, "esc", "5", "d")
	mustContain(t, shot(m), "No rated question is below target 3.")
}

func TestDashboardSingleFramework(t *testing.T) {
	st := testStore(t)
	a, err := st.Create(context.Background(), model.NewAssessment{Name: "Jurong", Frameworks: []string{iso}, Target: 4, Revisions: shippedRevisions(t)},
		map[string]string{iso: "2022"})
	if err != nil {
		t.Fatal(err)
	}
	answer(t, st, a.ID, map[model.Key]model.Level{qk(iso, "4.1.q1"): 3})
	m := newTest(t, st, a.ID, 120, 40)
	m = press(t, m, "d")
	v := shot(m)
	mustContain(t, v, "target level 4", "4.1.q1", "┃ = target 4")
	mustNotContain(t, v, "MAS TRM", "Framework") // one column, no framework column in the gaps
	if l := line(v, "4.1.q1"); !strings.HasSuffix(strings.TrimRight(l, " "), "3      4   1") {
		t.Fatalf("gap row %q", l)
	}
	// x: differences need two frameworks.
	m = press(t, m, "x")
	mustContain(t, shot(m), "compares two frameworks")
}

// The target mark sits between the cells at the target's place; the fill
// keeps its length on either side.
func TestBarTargetMark(t *testing.T) {
	m := demoModel(t, 80, 24)
	c := m.c
	sc := func(x float64) model.Score { return model.Score{Maturity: x, Rated: 1} }
	for _, tc := range []struct {
		score  model.Score
		w, tgt int
		want   string
	}{
		{sc(3), 11, 3, "██████┃░░░░"},
		{sc(2.5), 11, 3, "█████░┃░░░░"},
		{sc(5), 11, 3, "██████┃████"},
		{sc(4), 11, 5, "████████░░┃"},
		{sc(1), 11, 0, "┃██░░░░░░░░"},
		{model.Score{}, 11, 3, "░░░░░░┃░░░░"},
		{sc(2.5), 9, 3, "████▏┃░░░"}, // below the target: 0-3 over the 5 cells before the mark
		{sc(2.6), 9, 3, "████▍┃░░░"},
		{sc(3), 1, 3, "▋"}, // too narrow for a mark
		{sc(2), 10, -1, "████░░░░░░"},
	} {
		if got := cells.Strip(c.bar(tc.score, tc.w, tc.tgt)); got != tc.want {
			t.Errorf("bar(%v, %d, target %d) = %q, want %q", tc.score.Maturity, tc.w, tc.tgt, got, tc.want)
		}
	}
}

// The flow: answer, and the dashboard bar and the theme row change.
func TestAnswerMovesDashboardBarAndThemeRow(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	m = press(t, m, "d")
	barBefore := line(shot(m), "4  Context of the")
	if !strings.Contains(barBefore, "░░░░░┃░░░░   –   0%") {
		t.Fatalf("context bar before: %q", barBefore)
	}
	m = press(t, m, "x")
	if l := line(shot(m), "Context, scope"); !strings.Contains(l, "–   0%") {
		t.Fatalf("context row before: %q", l)
	}
	m = press(t, m, "esc", "esc", "3", "l", "1") // ISO 4.1.q1 = 3, 4.1.q2 = 1
	m = press(t, m, "d")
	barAfter := line(shot(m), "4  Context of the")
	if !strings.Contains(barAfter, "███▍░┃░░░░ 2.0  22%") { // 2 of the 9 questions of clause 4
		t.Fatalf("context bar after: %q", barAfter)
	}
	mustContain(t, shot(m), fmt.Sprintf("2/%d answered, 0 N/A", asked(t, iso)))
	m = press(t, m, "x")
	row := line(shot(m), "Context, scope")
	if !strings.Contains(row, "2.0  25%") || !strings.Contains(row, "   –") {
		t.Fatalf("context row after ISO: %q", row)
	}
	// The MAS side of the theme: the difference appears, signed.
	m = press(t, m, "esc")
	m = goTo(t, m, mas, "3.3.q2")
	m = press(t, m, "4", "x")
	row = line(shot(m), "Context, scope")
	if !strings.Contains(row, "4.0  50%") || !strings.Contains(row, "-2.0") {
		t.Fatalf("context row after MAS: %q", row)
	}
}

// Issue 10, item 13: after jumping to a question from a gap, esc goes back
// to the dashboard, then to where the dashboard was opened from.
func TestEscAfterAGapGoesBackOneStep(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Acme")
	answer(t, st, a.ID, map[model.Key]model.Level{qk(mas, "3.4.q1"): 0})
	for _, from := range []string{"home", "questionnaire"} {
		m := newTest(t, st, "", 80, 24)
		if from == "questionnaire" {
			m = press(t, m, "enter")
		}
		m = press(t, m, "d", "j", "enter")
		if fw, q := current(m); !on[questionnaire](m) || fw != mas || q != "3.4.q1" {
			t.Fatalf("from %s: enter on the gap went to %s %s %s", from, m.top().Title(), fw, q)
		}
		m = press(t, m, "esc")
		if !on[dashboard](m) {
			t.Fatalf("from %s: esc after the gap went to %s", from, m.top().Title())
		}
		m = press(t, m, "esc")
		if m.top().Title() != map[string]string{"home": "assessments", "questionnaire": "questionnaire"}[from] {
			t.Fatalf("from %s: esc from the dashboard went to %s", from, m.top().Title())
		}
	}
}
