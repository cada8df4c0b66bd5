package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// footer is the last line of the view.
func footer(m Model) string {
	lines := strings.Split(shot(m), "\n")
	return lines[len(lines)-1]
}

// Issue 10, item 16: "? all keys" and "q quit" (or a modal's accept and
// cancel) stay in the footer at every width; other hints go first. The
// form shows "enter create" and "esc cancel" at 80 and 120.
func TestFootersKeepTheirLastKeys(t *testing.T) {
	for _, w := range []int{60, 80, 120} {
		for name, mode := range screenModes(t) {
			m := mode(demoModel(t, w, 24))
			km := m.top().Keys().ShortHelp()
			last := km[len(km)-2:]
			f := footer(m)
			for _, b := range last {
				if want := b.Help().Key + " " + b.Help().Desc; !strings.Contains(f, want) {
					t.Errorf("%s at %d: footer %q lacks %q", name, w, f, want)
				}
			}
		}
	}
	for _, w := range []int{80, 120} {
		m := homeModel(t, w, 24)
		m, _ = m.update(pushMsg{openForm(m)})
		mustContain(t, footer(m), "enter create", "esc cancel")
		mustContain(t, footer(homeModel(t, w, 24)), "? all keys", "q quit")
		mustContain(t, footer(demoModel(t, w, 24)), "? all keys", "q quit")
	}
}

// Issue 10, item 10: every footer and help page lists only keys that act on
// that screen and tab: the profile tab has no enter or s; the themes tab
// has both, and each acts.
func TestFooterListsOnlyKeysThatAct(t *testing.T) {
	m := demoModel(t, 120, 40)
	m, _ = m.update(swapMsg{newDifferences(m.c, m.sess)})
	mustContain(t, footer(m), "enter answers behind a row", "s sort by size")
	before := shot(m)
	if s := press(t, m, "s"); shot(s) == before {
		t.Fatal("s does nothing on the themes tab")
	}
	if e := press(t, m, "enter"); !topOf[differences](e).drill {
		t.Fatal("enter does nothing on the themes tab")
	}
	m, _ = m.update(keyMsg("tab"))
	f := footer(m)
	mustNotContain(t, f, "enter ", "s sort")
	help := press(t, m, "?")
	mustNotContain(t, shot(help), "answers behind a row", "sort by", "enter on a row")
	mustContain(t, shot(help), "Keys: differences › profile", "page down")
	for _, k := range []string{"enter", "s"} {
		if after := press(t, m, k); shot(after) != shot(m) {
			t.Fatalf("%s acts on the profile tab though its footer leaves it out", k)
		}
	}
}

// Issue 10, item 9: the hint at the last question is not overwritten by
// the save's confirmation, which has its own place.
func TestLastQuestionHintStays(t *testing.T) {
	m, _ := openTest(t, 80, 24)
	m = press(t, m, "end", "down", "down", "enter")
	v := shot(m)
	mustContain(t, v, "that was the last question; ] finds any left unanswered", "saved 14:02:31")
}

// Issue 10, item 17: without the bars pane the header's figures say what
// they are: maturity, done and the question's position.
func TestNarrowHeaderLabelsItsFigures(t *testing.T) {
	m := demoModel(t, 60, 16)
	head := strings.Split(shot(m), "\n")[0]
	mustContain(t, head, "done", fmt.Sprintf("q 3/%d", asked(t, iso)), "[ISO 28000]  MAS TRM")
	mustNotContain(t, head, fmt.Sprintf(" · 3/%d", asked(t, iso)))
}

// Issue 10, item 7: at 60×16 help scrolls to its last line, and the note
// editor shows at least three lines.
func TestSmallestWindowHelpScrollsAndEditorHasRoom(t *testing.T) {
	m := demoModel(t, 60, 16)
	m, _ = m.update(helpMsg{})
	h := topOf[helpScreen](m)
	all := h.lines()
	if len(all) <= 13 {
		t.Fatalf("help fits in %d lines; the test needs one that does not", len(all))
	}
	last := ansi.Strip(all[len(all)-1])
	mustNotContain(t, shot(m), strings.TrimSpace(last))
	for range len(all) {
		m, _ = m.update(keyMsg("down"))
	}
	mustContain(t, shot(m), strings.TrimSpace(last), fmt.Sprintf("of %d", len(all)))
	for range len(all) / 12 {
		m, _ = m.update(keyMsg("pgup"))
	}
	mustContain(t, shot(m), "lines 1-")

	e := demoModel(t, 60, 16)
	e, _ = e.update(keyMsg("e"))
	rows := 0
	for _, l := range strings.Split(shot(e), "\n") {
		if strings.HasPrefix(l, "┃ ") {
			rows++
		}
	}
	if rows < 3 {
		t.Fatalf("the editor shows %d lines at 60×16:\n%s", rows, shot(e))
	}
	e, _ = e.update(tea.WindowSizeMsg{Width: 60, Height: 16})
	checkFrame(t, e, 60, 16)
}
