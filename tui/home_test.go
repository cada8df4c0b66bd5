package tui

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/store"
)

func TestHomeEmpty(t *testing.T) {
	m := newTest(t, testStore(t), "", 80, 24)
	v := shot(m)
	mustContain(t, v, "Assessments (0)", "No assessments yet: press n to start one.", "n new", "/data/assay.db")
	for _, k := range []string{"enter", "r", "c", "D", "delete", "e", "j", "k"} {
		m = press(t, m, k)
		if !on[home](m) || topOf[home](m).ask != askNone {
			t.Fatalf("%s on an empty list left the list", k)
		}
		if k == "enter" {
			mustContain(t, shot(m), "no assessment yet: n starts one")
		}
	}
}

func TestHomeListsNewestFirst(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Older")
	b := create(t, st, "Newer")
	ctx := context.Background()
	if _, err := st.Save(ctx, a.ID, iso, "4.1.q1", model.SetLevel(4), "t"); err != nil {
		t.Fatal(err)
	}
	// a changed last: it comes first.
	m := newTest(t, st, "", 80, 24)
	v := shot(m)
	if strings.Index(v, "Older") > strings.Index(v, "Newer") {
		t.Fatalf("not newest first:\n%s", v)
	}
	mustContain(t, v, "Acme Pte Ltd", "ISO 28000 4.0 (1%)", "MAS TRM – (0%)", "0% done", "id "+a.ID, "changed ")
	m = press(t, m, "j")
	if s, _ := topOf[home](m).selected(); s.Assessment.ID != b.ID {
		t.Fatal("j did not select the next")
	}
	m = press(t, m, "down", "k")
	if s, _ := topOf[home](m).selected(); s.Assessment.ID != a.ID {
		t.Fatal("k did not select the previous")
	}
	m = press(t, m, "up")
	if topOf[home](m).sel != 0 {
		t.Fatal("up went past the top")
	}
}

func TestHomeOpen(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Acme")
	if err := st.SetResume(context.Background(), a.ID, mas, "3.4.q1"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save(context.Background(), a.ID, mas, "3.4.q1", model.SetLevel(2), "t"); err != nil {
		t.Fatal(err)
	}
	m := newTest(t, st, "", 80, 24)
	m = press(t, m, "enter")
	if !on[questionnaire](m) {
		t.Fatal("enter did not open")
	}
	if fw, q := current(m); fw != mas || q != "3.4.q1" {
		t.Fatalf("opened at %s %s", fw, q)
	}
	if m.sess.active().picker != 2 {
		t.Fatalf("picker on %d, saved level is 2", m.sess.active().picker)
	}
}

func TestHomeRename(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Acme")
	m := newTest(t, st, "", 80, 24)
	m = press(t, m, "r")
	mustContain(t, shot(m), "Rename “Acme”", "New name: Acme")
	m = press(t, m, "ctrl+u", "enter")
	mustContain(t, shot(m), "a name is required")
	m = typeText(t, m, "Acme 2027")
	m = press(t, m, "enter")
	got, _ := st.Get(context.Background(), a.ID)
	if got.Name != "Acme 2027" {
		t.Fatalf("name %q", got.Name)
	}
	mustContain(t, shot(m), "renamed to “Acme 2027”", "Acme 2027 · Acme Pte Ltd")
	m = press(t, m, "r", "x", "esc")
	if got, _ := st.Get(context.Background(), a.ID); got.Name != "Acme 2027" || topOf[home](m).ask != askNone {
		t.Fatal("esc did not cancel")
	}
}

func TestHomeDuplicate(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Acme")
	if _, err := st.Save(context.Background(), a.ID, iso, "4.1.q1", model.SetLevel(3), "t"); err != nil {
		t.Fatal(err)
	}
	m := newTest(t, st, "", 80, 24)
	m = press(t, m, "c")
	mustContain(t, shot(m), "Name of the copy: Acme (copy)")
	m = press(t, m, "enter")
	list, _ := st.List(context.Background())
	if len(list) != 2 {
		t.Fatalf("%d assessments", len(list))
	}
	s, _ := topOf[home](m).selected()
	if s.Assessment.Name != "Acme (copy)" || s.Assessment.ID == a.ID {
		t.Fatalf("selected %q", s.Assessment.Name)
	}
	if got := stored(t, st, s.Assessment.ID, iso, "4.1.q1").Level; got != 3 {
		t.Fatalf("copy has level %v", got)
	}
	mustContain(t, shot(m), "copied as “Acme (copy)”")
}

func TestHomeDeleteAsksAndNamesTheLoss(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Acme")
	if _, err := st.Save(context.Background(), a.ID, iso, "4.1.q1", model.SetLevel(3), "t"); err != nil {
		t.Fatal(err)
	}
	m := newTest(t, st, "", 80, 24)
	// x does nothing here (issue 10, item 12: it opens the differences on
	// the questionnaire); D or delete asks.
	m = press(t, m, "x")
	mustNotContain(t, shot(m), "Delete “Acme”?")
	m = press(t, m, "D")
	mustContain(t, shot(m), "Delete “Acme”?", "Its 1 answer across ISO 28000 and MAS TRM", "lost for good", "y deletes it")
	m = press(t, m, "n")
	if _, err := st.Get(context.Background(), a.ID); err != nil {
		t.Fatal("n deleted it")
	}
	mustContain(t, shot(m), "kept “Acme”")
	m = press(t, m, "delete", "esc")
	if _, err := st.Get(context.Background(), a.ID); err != nil {
		t.Fatal("esc deleted it")
	}
	m = press(t, m, "D", "y")
	if _, err := st.Get(context.Background(), a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("y did not delete: %v", err)
	}
	mustContain(t, shot(m), "deleted “Acme”", "No assessments yet")
}

func TestHomeExport(t *testing.T) {
	st := testStore(t)
	create(t, st, "Acme / Readiness 2026")
	m := newTest(t, st, "", 80, 24)
	dir := t.TempDir()
	m.c.dbPath = filepath.Join(dir, "assay.db")
	m = press(t, m, "e")
	def := filepath.Join(dir, "acme-readiness-2026.md")
	mustContain(t, shot(m), "[md]", "Write to: "+def)
	m = press(t, m, "tab") // md → html, the path follows
	if got := topOf[home](m).prompt.value(); got != filepath.Join(dir, "acme-readiness-2026.html") {
		t.Fatalf("path %q", got)
	}
	m = press(t, m, "shift+tab", "enter")
	data, err := os.ReadFile(def)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "Acme / Readiness 2026") {
		t.Fatalf("export lacks the name:\n%s", data)
	}
	if fi, _ := os.Stat(def); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", fi.Mode())
	}
	mustContain(t, shot(m), "wrote "+def)

	// A typed path; an existing file needs a second enter.
	other := filepath.Join(dir, "out.csv")
	os.WriteFile(other, []byte("old"), 0o600)
	m = press(t, m, "e", "tab", "ctrl+u")
	m = typeText(t, m, other)
	m = press(t, m, "enter")
	mustContain(t, shot(m), "the file exists: enter again replaces it")
	if data, _ := os.ReadFile(other); string(data) != "old" {
		t.Fatal("replaced without asking")
	}
	m = press(t, m, "enter")
	if data, _ := os.ReadFile(other); !strings.Contains(string(data), "framework") {
		t.Fatalf("csv not written: %q", data)
	}
	m = press(t, m, "e", "esc")
	if topOf[home](m).ask != askNone {
		t.Fatal("esc did not cancel the export")
	}
}

func TestHomeNewHelpQuit(t *testing.T) {
	m := newTest(t, testStore(t), "", 80, 24)
	m = press(t, m, "?")
	mustContain(t, shot(m), "Keys: assessments", "open/resume", "duplicate", "export")
	m = press(t, m, "esc", "n")
	if !on[form](m) {
		t.Fatal("n did not open the form")
	}
	m = press(t, m, "esc")
	if !on[home](m) {
		t.Fatal("esc did not return home")
	}
	if _, quit := pressQuit(t, m, "q"); !quit {
		t.Fatal("q did not quit")
	}
	if _, quit := pressQuit(t, m, "ctrl+c"); !quit {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Acme 2026":       "acme-2026",
		"  --Ünïcode!! ":  "n-code",
		"日本語":             "assessment-id1",
		"a/b\\c..d":       "a-b-c-d",
		"\x1b[31mred\x07": "31mred",
	} {
		if got := slug(in, "id1"); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOpenUnknownGoesHome(t *testing.T) {
	m := newTest(t, testStore(t), "nosuchid", 80, 24)
	if !on[home](m) {
		t.Fatal("not on the home screen")
	}
	mustContain(t, shot(m), "cannot open the assessment", "nosuchid")
}

// manySummaries is n assessments without answers, as the list shows them.
func manySummaries(n int) []model.Summary {
	list := make([]model.Summary, n)
	for i := range list {
		list[i] = model.Summary{Assessment: model.Assessment{
			ID: fmt.Sprintf("id%05d", i), Name: fmt.Sprintf("Assessment %d", i), Organisation: []string{"Acme", "Jurong Port", "Bank of Lee"}[i%3],
		}}
	}
	return list
}

// The list filters by name, organisation or ID with /; enter goes back to
// the list with the filter kept, esc clears it.
func TestHomeFilter(t *testing.T) {
	st := testStore(t)
	create(t, st, "Acme readiness")
	b, _ := st.Create(context.Background(), model.NewAssessment{Name: "Port audit", Organisation: "Jurong Port", Frameworks: []string{iso}, Target: 3, Revisions: shippedRevisions(t)},
		map[string]string{iso: "2022"})
	create(t, st, "Bank review")
	m := newTest(t, st, "", 80, 24)
	m = press(t, m, "/")
	m = typeText(t, m, "jurong")
	v := shot(m)
	mustContain(t, v, "Assessments (1 of 3)", "Port audit", "Filter: jurong")
	mustNotContain(t, v, "Acme readiness", "Bank review")
	m = press(t, m, "enter")
	mustContain(t, shot(m), "filter: jurong")
	m = press(t, m, "enter")
	if !on[questionnaire](m) || m.sess.id != b.ID {
		t.Fatalf("enter opened %q", m.sess.id)
	}
	m = press(t, m, "esc")
	mustContain(t, shot(m), "Assessments (1 of 3)") // kept
	m = press(t, m, "/", "ctrl+u")
	m = typeText(t, m, strings.ToUpper(b.ID[:6]))
	mustContain(t, shot(m), "Port audit")
	m = typeText(t, m, "zz")
	mustContain(t, shot(m), "No assessment matches the filter")
	m = press(t, m, "esc")
	mustContain(t, shot(m), "Assessments (3)", "Acme readiness", "Bank review")
}

// Ten thousand assessments: the list draws only what is on screen and the
// filter finds one by ID.
// The home screen scores only the assessments it shows (or one a key acts
// on): ten thousand listed, a screenful scored.
func TestHomeScoresOnlyTheRowsItShows(t *testing.T) {
	cat := testCatalog(t)
	var list []model.Assessment
	for _, s := range manySummaries(10000) {
		a := s.Assessment
		a.Frameworks = []model.AssessedFramework{{ID: iso}}
		list = append(list, a)
	}
	scored := map[string]bool{}
	levels := func(id string) iter.Seq[model.AnswerLevel] {
		scored[id] = true
		return func(yield func(model.AnswerLevel) bool) {}
	}
	m := newModel(Options{Catalog: cat}, clock, true)
	m, _ = m.update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = m.update(summariesMsg{list: model.NewSummaryList(list, levels, cat)})
	mustContain(t, shot(m), "Assessments (10000)", "Assessment 0 ", "0% done")
	if n := len(scored); n == 0 || n > 10 {
		t.Fatalf("the first screen scored %d assessments", n)
	}
	for range 50 {
		m, _ = m.update(keyMsg("j"))
	}
	mustContain(t, shot(m), "▸ Assessment 50 ")
	if n := len(scored); n > 70 || !scored["id00050"] {
		t.Errorf("after 50 rows down, %d assessments scored (the one on screen: %v)", n, scored["id00050"])
	}
}

func TestHomeTenThousand(t *testing.T) {
	m := newModel(Options{Catalog: testCatalog(t)}, clock, true)
	m, _ = m.update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = m.update(summariesMsg{list: model.ScoredList(manySummaries(10000))})
	mustContain(t, shot(m), "Assessments (10000)", "Assessment 0 ")
	for range 50 {
		m, _ = m.update(keyMsg("j"))
	}
	mustContain(t, shot(m), "▸ Assessment 50 ")
	m, _ = m.update(keyMsg("/"))
	for _, r := range "id09999" {
		m, _ = m.update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	mustContain(t, shot(m), "Assessments (1 of 10000)", "Assessment 9999 ")
	checkFrame(t, m, 80, 24)
}
