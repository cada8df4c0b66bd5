package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

// diffTest opens an assessment with answers on both sides of a few themes.
func diffTest(t *testing.T, w, h int) (Model, model.Assessment) {
	t.Helper()
	st := testStore(t)
	a := create(t, st, "Acme 2026")
	answer(t, st, a.ID, map[model.Key]model.Level{
		qk(iso, "5.1.q1"): 4, qk(iso, "5.1.q2"): 3, // governance ISO 3.5
		qk(mas, "3.1.q1"): 2,                       // governance MAS 2.0 → +1.5
		qk(iso, "8.1.q1"): 1,                       // third parties ISO 1.0
		qk(mas, "3.4.q1"): 4, qk(mas, "3.4.q2"): 3, // third parties MAS 3.5 → -2.5
		qk(iso, "9.2.1.q1"): 3, qk(mas, "15.1.q2"): 3, // audit 0.0
		qk(mas, "9.1.q1"): 2, // only in MAS: access control
	})
	if _, err := st.Save(context.Background(), a.ID, iso, "5.1.q2", model.SetNote("minutes of the March board"), "setup"); err != nil {
		t.Fatal(err)
	}
	return newTest(t, st, a.ID, w, h), a
}

func TestDifferencesThemeTable(t *testing.T) {
	m, _ := diffTest(t, 120, 40)
	m = press(t, m, "x")
	if !on[differences](m) {
		t.Fatalf("x did not open the differences:\n%s", shot(m))
	}
	v := shot(m)
	mustContain(t, v, "[Themes]", "difference = ISO 28000 − MAS TRM", "Only in one framework", "order: crosswalk order")
	for theme, want := range map[string][]string{
		"Governance and leadership":      {"3.5", "2.0", "+1.5", "equivalent"},
		"Third parties and supply chain": {"8.1", "1.0", "3.4, 5.3", "3.5", "-2.5", "partial"},
		"Audit":                          {"9.2", "3.0", "15.1", "+0.0", "equivalent"},
		"Risk management":                {"–", "equivalent"},
		"Access control":                 {"—", "9", "2.0", "only in"},
	} {
		l := line(v, theme)
		for _, w := range want {
			if !strings.Contains(l, w) {
				t.Errorf("%s row lacks %q: %q", theme, w, l)
			}
		}
	}
	// Long ref lists are cut with an ellipsis.
	if l := line(v, "Operational and technical"); !strings.Contains(l, "…") {
		t.Errorf("refs not cut: %q", l)
	}
	// Rows in crosswalk order, the highlighted one first.
	rows := topOf[differences](m).rows()
	if rows[0].theme.Theme.ID != "governance" || !strings.HasPrefix(line(v, "Governance"), "▸") {
		t.Fatalf("first row %s", rows[0].id)
	}

	// s (issue 10, item 15): by the size of the difference, largest first
	// whatever its sign (-2.5 before +1.5 before +0.0), then back; the
	// highlighted row stays the same theme.
	m = press(t, m, "j") // risk
	m = press(t, m, "s")
	v = shot(m)
	mustContain(t, v, "order: size of difference, largest first", "sorted by size of difference, largest first")
	if i, j, k := strings.Index(v, "Third parties"), strings.Index(v, "Governance"), strings.Index(v, "Audit"); !(i < j && j < k) {
		t.Fatalf("not sorted by the size of the difference:\n%s", v)
	}
	if topOf[differences](m).selID != "t:risk" || !strings.HasPrefix(line(v, "Risk management"), "▸") {
		t.Fatalf("selection moved to %s", topOf[differences](m).selID)
	}
	m = press(t, m, "s")
	mustContain(t, shot(m), "order: crosswalk order")

	// Moves clamp; pgdown/pgup jump.
	m = press(t, m, "pgdown", "pgdown", "down")
	rows = topOf[differences](m).rows()
	if topOf[differences](m).selID != rows[len(rows)-1].id {
		t.Fatalf("pgdown: %s", topOf[differences](m).selID)
	}
	m = press(t, m, "pgup", "pgup", "up", "k")
	if topOf[differences](m).selID != rows[0].id {
		t.Fatalf("pgup: %s", topOf[differences](m).selID)
	}

	// esc and x go back to where it was opened from.
	for _, k := range []string{"esc", "x"} {
		m = press(t, m, k)
		if !on[questionnaire](m) {
			t.Fatalf("%s did not go back", k)
		}
		m = press(t, m, "x")
	}
	m = press(t, m, "?")
	mustContain(t, shot(m), "Keys: differences", "sort by size of difference", "profile", "Only in one framework")
	m = press(t, m, "q")
	if !on[differences](m) {
		t.Fatal("q in help did not return")
	}
	if _, quit := pressQuit(t, m, "q"); !quit {
		t.Fatal("q did not quit")
	}
}

func TestDifferencesProfileTab(t *testing.T) {
	m, _ := diffTest(t, 80, 24)
	m = press(t, m, "x", "tab")
	v := shot(m)
	mustContain(t, v, "[Profile]", "Aspect", "ISO 28000", "MAS TRM", "Scope", "Security management systems for",
		"Technology and cyber risk in", "lines 1-")
	// Every aspect of the framework files is there, scrolling down.
	seen := map[string]bool{}
	for range 60 {
		for _, asp := range model.ProfileAspects {
			if strings.Contains(shot(m), asp.Label) {
				seen[asp.Label] = true
			}
		}
		m = press(t, m, "j")
	}
	for _, asp := range model.ProfileAspects {
		if !seen[asp.Label] {
			t.Errorf("profile lacks %s", asp.Label)
		}
	}
	mustContain(t, shot(m), "6–36 months", "12–24 months") // typical time, at the end
	m = press(t, m, "pgup", "pgup", "pgup", "pgup")
	if topOf[differences](m).profOff != 0 {
		t.Fatalf("pgup left offset %d", topOf[differences](m).profOff)
	}
	m = press(t, m, "pgdown")
	if topOf[differences](m).profOff == 0 {
		t.Fatal("pgdown did not scroll")
	}
	m = press(t, m, "k", "shift+tab")
	if topOf[differences](m).tab != tabThemes {
		t.Fatal("shift+tab did not switch back")
	}
	m = press(t, m, "tab", "tab")
	mustContain(t, shot(m), "[Themes]")
}

func TestDifferencesDrillDown(t *testing.T) {
	m, _ := diffTest(t, 120, 40)
	m = press(t, m, "x", "enter") // governance
	if !topOf[differences](m).drill {
		t.Fatal("enter did not open the answers")
	}
	v := shot(m)
	mustContain(t, v, "Differences › answers", "Governance and leadership", "equivalent correspondence",
		"ISO 28000 · refs 4.4, 5.1, 5.2, 5.3, 7.1, 9.3", "maturity (4 + 3) / 2 = 3.5 · 2 of 14 answered",
		"MAS TRM · refs 3.1, 3.2", "maturity 2.0, from one rated answer · 1 of 6 answered",
		"Difference +1.5 = ISO 28000 3.5 − MAS TRM 2.0", "minutes of the March board")
	if l := line(v, "5.1.q1"); !strings.Contains(l, " 4  Leadership and commitment") {
		t.Fatalf("5.1.q1 row %q", l)
	}
	if l := line(v, "4.4.q1"); !strings.HasPrefix(l, "▸") || !strings.Contains(l, " ·  ") {
		t.Fatalf("4.4.q1 row %q", l)
	}
	// Down to the MAS side; enter answers that question.
	for range 14 { // past the 14 ISO rows
		m = press(t, m, "j")
	}
	mustContain(t, shot(m), "▸ 3.1.q1")
	m = press(t, m, "down", "up", "k", "j")
	m = press(t, m, "?")
	mustContain(t, shot(m), "Keys: answers behind a theme", "back to the table")
	m = press(t, m, "esc", "enter")
	if !on[questionnaire](m) {
		t.Fatal("enter did not go to the question")
	}
	if fw, q := current(m); fw != mas || q != "3.1.q1" {
		t.Fatalf("at %s %s", fw, q)
	}
	// esc goes back one step (issue 10, item 13): to the answers it came
	// from; esc there goes back to the table, esc again to the
	// questionnaire. backspace is not "back": on the question it clears the
	// answer (issue 10, item 12), so it must not be a habit here.
	m = press(t, m, "esc")
	if !on[differences](m) || !topOf[differences](m).drill {
		t.Fatalf("esc from the question went to %s", m.top().Title())
	}
	m = press(t, m, "backspace")
	if !topOf[differences](m).drill {
		t.Fatal("backspace closed the answers")
	}
	m = press(t, m, "esc")
	if topOf[differences](m).drill || !on[differences](m) {
		t.Fatal("esc did not close the answers")
	}
	m = press(t, m, "esc")
	if !on[questionnaire](m) {
		t.Fatalf("esc from the table went to %s", m.top().Title())
	}
	// An only-in row: one side.
	m = press(t, m, "x")
	for range 15 {
		m = press(t, m, "j")
	}
	if !strings.HasPrefix(topOf[differences](m).selID, "o:") {
		t.Fatalf("at %s", topOf[differences](m).selID)
	}
	m = press(t, m, "enter")
	v = shot(m)
	mustContain(t, v, "Access control", "only in MAS TRM", "MAS TRM · refs 9", "9.1.q1")
	mustNotContain(t, v, "ISO 28000 · refs", "Difference +")
	if _, quit := pressQuit(t, m, "q"); !quit {
		t.Fatal("q did not quit from the answers")
	}
}

func TestDifferencesFromDashboardAndBack(t *testing.T) {
	m, _ := diffTest(t, 80, 24)
	m = press(t, m, "d", "x")
	if !on[differences](m) || !sameKind(m.stack[len(m.stack)-2], dashboard{}) {
		t.Fatalf("x on the dashboard: %s", m.top().Title())
	}
	m = press(t, m, "esc")
	if !on[dashboard](m) {
		t.Fatal("esc did not return to the dashboard")
	}
	m = press(t, m, "x", "d") // d on the differences: the dashboard
	if !on[dashboard](m) {
		t.Fatal("d did not open the dashboard")
	}
	m = press(t, m, "esc")
	if !on[questionnaire](m) {
		t.Fatalf("esc from the dashboard went to %s", m.top().Title())
	}
	// From the questionnaire: x, then d; esc goes back one step at a time.
	m = press(t, m, "x", "d", "esc")
	if !on[differences](m) {
		t.Fatalf("went to %s", m.top().Title())
	}
	m = press(t, m, "esc")
	if !on[questionnaire](m) {
		t.Fatalf("went to %s", m.top().Title())
	}
}

// The figures on screen are the model's, as `assay show` prints them.
func TestDifferencesAgreeWithModel(t *testing.T) {
	m, a := diffTest(t, 200, 60)
	m = press(t, m, "x")
	v := shot(m)
	answers, _ := m.c.db.st.Answers(context.Background(), a.ID)
	cat := testCatalog(t)
	cw, _ := cat.Crosswalk(iso, mas)
	d := model.CompareThemes(cw, cat, model.NewAnswers(answers))
	for _, th := range d.Themes {
		l := line(v, th.Theme.Title)
		fields := strings.Fields(l)
		var want []string
		want = append(want, th.Sides[0].Score.Figure("–"), pct(th.Sides[0].Score), th.Sides[1].Score.Figure("–"), pct(th.Sides[1].Score), diffFigure(th))
		got := strings.Join(fields, " ")
		if !strings.Contains(got, want[0]+" "+want[1]) || !strings.Contains(got, want[2]+" "+want[3]+" "+want[4]) {
			t.Errorf("%s: %q lacks %v", th.Theme.Title, l, want)
		}
	}
}

func TestDifferencesNeedTwoFrameworks(t *testing.T) {
	st := testStore(t)
	a, err := st.Create(context.Background(), model.NewAssessment{Name: "MAS only", Frameworks: []string{mas}, Target: 3, Revisions: shippedRevisions(t)},
		map[string]string{mas: "January 2021"})
	if err != nil {
		t.Fatal(err)
	}
	m := newTest(t, st, a.ID, 80, 24)
	m = press(t, m, "x")
	mustContain(t, shot(m), "compares two frameworks related by a crosswalk")
	m = press(t, m, "j", "enter", "s", "tab", "esc")
	if !on[questionnaire](m) {
		t.Fatal("esc did not go back")
	}
	m = press(t, m, "r")
	mustContain(t, shot(m), "this assessment covers one")
}
