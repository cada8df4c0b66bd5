package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
	"github.com/assaytui/assay/store"
)

var (
	catalogOnce sync.Once
	catalog     *model.Catalog
	catalogErr  error
)

func testCatalog(t testing.TB) *model.Catalog {
	t.Helper()
	catalogOnce.Do(func() { catalog, catalogErr = questionnaires.Load("") })
	if catalogErr != nil {
		t.Fatal(catalogErr)
	}
	return catalog
}

func testStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.OpenOrCreate(filepath.Join(t.TempDir(), "assay.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// clock is the fixed time of every test: "saved 14:02:31".
var clock = func() time.Time { return time.Date(2026, 5, 12, 14, 2, 31, 0, time.Local) }

const (
	iso = "iso28000-2022"
	mas = "mas-trm-2021"
)

// newTest builds a root model on a store with plain styles and the fixed clock,
// sized w×h, with Init's commands run.
func newTest(t testing.TB, st *store.Store, openID string, w, h int) Model {
	t.Helper()
	m := newModel(Options{Store: st, Catalog: testCatalog(t), OpenID: openID, Actor: "test (tui)"}, clock, true)
	m.c.dbPath = "/data/assay.db"
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return run(t, m, m.Init())
}

// create stores an assessment with both frameworks, as `assay new` does: at
// the questionnaires' current content revisions.
func create(t testing.TB, st *store.Store, name string) model.Assessment {
	t.Helper()
	return createAt(t, st, name, shippedRevisions(t))
}

// shippedRevisions is the content revision of both shipped frameworks, for
// assessments made as `assay new` makes them.
func shippedRevisions(t testing.TB) map[string]int {
	return map[string]int{iso: revisionOf(t, iso), mas: revisionOf(t, mas)}
}

// createAt stores an assessment with both frameworks last opened with the
// given content revisions (none: revision 1, as before revisions existed).
func createAt(t testing.TB, st *store.Store, name string, revisions map[string]int) model.Assessment {
	t.Helper()
	a, err := st.Create(context.Background(), model.NewAssessment{
		Name: name, Organisation: "Acme Pte Ltd", Assessor: "Lee", Frameworks: []string{iso, mas}, Target: 3,
		Revisions: revisions,
	}, map[string]string{iso: "2022", mas: "January 2021"})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// keyMsg builds the key press a terminal would send for a key name.
func keyMsg(s string) tea.KeyPressMsg {
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"space": tea.KeySpace, "delete": tea.KeyDelete,
	}
	var mod tea.KeyMod
	name := s
	if rest, ok := strings.CutPrefix(s, "ctrl+"); ok {
		mod, name = tea.ModCtrl, rest
	}
	if rest, ok := strings.CutPrefix(s, "shift+"); ok {
		mod, name = tea.ModShift, rest
	}
	if code, ok := named[name]; ok {
		k := tea.KeyPressMsg{Code: code, Mod: mod}
		if name == "space" {
			k.Text = " "
		}
		return k
	}
	r := []rune(name)[0]
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: name}
}

// update sends one message and runs the commands it returns.
func update(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	m, cmd := m.update(msg)
	return run(t, m, cmd)
}

// press sends key presses one by one, running every command in between, as
// the program would when the user types slowly.
func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		m = update(t, m, keyMsg(k))
	}
	return m
}

// typeText types text into whatever has focus.
func typeText(t testing.TB, m Model, text string) Model {
	t.Helper()
	for _, r := range text {
		m = update(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// run executes a command synchronously and feeds its messages back, like the
// program's loop (batches one after the other, in order).
func run(t testing.TB, m Model, cmd tea.Cmd) Model {
	t.Helper()
	m, _ = runQ(t, m, cmd, 0)
	return m
}

// runQ is run that also reports whether tea.Quit came out.
func runQ(t testing.TB, m Model, cmd tea.Cmd, depth int) (Model, bool) {
	t.Helper()
	if cmd == nil {
		return m, false
	}
	if depth > 50 {
		t.Fatal("commands keep producing commands")
	}
	switch msg := cmd().(type) {
	case nil:
		return m, false
	case tea.QuitMsg:
		return m, true
	case tea.BatchMsg:
		quit := false
		for _, c := range msg {
			var q bool
			m, q = runQ(t, m, c, depth+1)
			quit = quit || q
		}
		return m, quit
	default:
		if isTeaInternal(msg) {
			return m, false
		}
		m, next := m.update(msg)
		return runQ(t, m, next, depth+1)
	}
}

// isTeaInternal spots Bubble Tea's own unexported messages (terminal queries).
func isTeaInternal(msg tea.Msg) bool {
	rest, ok := strings.CutPrefix(fmt.Sprintf("%T", msg), "tea.")
	return ok && rest != "" && unicode.IsLower(rune(rest[0]))
}

// pressQuit presses a key and reports whether the program quit.
func pressQuit(t testing.TB, m Model, k string) (Model, bool) {
	t.Helper()
	m, cmd := m.update(keyMsg(k))
	return runQ(t, m, cmd, 0)
}

// shot is the view as plain text.
func shot(m Model) string { return ansi.Strip(m.View().Content) }

// checkFrame fails unless the view has exactly h lines of at most w cells.
func checkFrame(t testing.TB, m Model, w, h int) {
	t.Helper()
	lines := strings.Split(m.View().Content, "\n")
	if len(lines) > h {
		t.Fatalf("%d×%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%d×%d: line %d is %d cells: %q", w, h, i, lw, ansi.Strip(l))
		}
		if strings.ContainsAny(ansi.Strip(l), "\x1b\x07\x00\r") {
			t.Fatalf("%d×%d: line %d has control characters: %q", w, h, i, l)
		}
	}
}

func mustContain(t testing.TB, view string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(view, w) {
			t.Fatalf("view lacks %q:\n%s", w, view)
		}
	}
}

func mustNotContain(t testing.TB, view string, nots ...string) {
	t.Helper()
	for _, n := range nots {
		if strings.Contains(view, n) {
			t.Fatalf("view has %q:\n%s", n, view)
		}
	}
}

// stored reads one answer from the store.
func stored(t testing.TB, st *store.Store, id, fw, q string) model.Answer {
	t.Helper()
	list, err := st.Answers(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return model.NewAnswers(list).Get(fw, q)
}

// current is the active framework and question of the questionnaire.
func current(m Model) (string, string) {
	v := m.sess.active()
	if v == nil {
		return "", ""
	}
	k := v.key()
	return k.Framework, k.Question
}

// on reports whether a screen of type T is in front.
func on[T screen](m Model) bool {
	_, ok := m.top().(T)
	return ok
}

// topOf is the screen in front as a T (the zero T if it is not one).
func topOf[T screen](m Model) T {
	s, _ := m.top().(T)
	return s
}

// quest is the questionnaire in front.
func quest(m Model) questionnaire { return topOf[questionnaire](m) }

// modalIs reports whether the questionnaire in front has a T open.
func modalIs[T qModal](m Model) bool {
	_, ok := quest(m).modal.(T)
	return ok
}

// modalOf is the questionnaire's open modal as a T.
func modalOf[T qModal](m Model) T {
	x, _ := quest(m).modal.(T)
	return x
}

// relatedOpen reports whether the related questions are open, asking to
// copy or not.
func relatedOpen(m Model, copying bool) bool {
	r, ok := quest(m).modal.(relatedModal)
	return ok && (r.plan != nil) == copying
}

// noteText is the text in the open note editor.
func noteText(m Model) string { return modalOf[noteModal](m).ed.Value() }

// openForm is the new-assessment form, focused.
func openForm(m Model) form {
	f, _ := newForm(m.c).Init()
	return f
}

// asked is how many questions of a shipped framework are asked (retired ones
// are not), so tests do not break when the questionnaire grows.
func asked(t testing.TB, fw string) int {
	t.Helper()
	f, ok := testCatalog(t).Framework(fw)
	if !ok {
		t.Fatalf("no framework %s", fw)
	}
	return len(f.Questions())
}

// revisionOf is the content revision of a shipped framework: an assessment
// opened with it has nothing new to report.
func revisionOf(t testing.TB, fw string) int {
	t.Helper()
	f, ok := testCatalog(t).Framework(fw)
	if !ok {
		t.Fatalf("no framework %s", fw)
	}
	return f.Revision
}
