package tui

import (
	"strings"
	"testing"
)

// A question resting on a binding MAS Notice says so beside its clause, and
// its guidance names the sources it rests on, their kind and what it cites
// (issue 16: users must see what is binding).
func TestQuestionShowsItsSources(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Sources")
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := newTest(t, st, a.ID, size[0], size[1])
		m = goTo(t, m, mas, "7.7.q5") // notifying MAS within one hour: the TRM Notice
		checkFrame(t, m, size[0], size[1])
		mustContain(t, shot(m), "binding")
		m = goTo(t, m, mas, "3.2.q1") // the guidelines only
		mustNotContain(t, shot(m), "binding")
	}

	m := newTest(t, st, a.ID, 120, 40)
	m = goTo(t, m, mas, "7.4.q1") // patching: the Cyber Hygiene Notice
	v := quest(m).s.active()
	guide := strings.Join(quest(m).guidanceLines(v.text[v.cur], 60), "\n")
	mustContain(t, guide, "Source", "MAS Notice on Cyber Hygiene", "(binding)",
		"MAS Technology Risk Management Guidelines", "(guidance)", "Cites 7.4")
	m = goTo(t, m, iso, "8.4.q1")
	v = quest(m).s.active()
	guide = strings.Join(quest(m).guidanceLines(v.text[v.cur], 60), "\n")
	mustContain(t, guide, "Source", "(practice)")
	// One resting on the standard's requirements alone, and citing no
	// paragraph, has nothing to add.
	m = goTo(t, m, iso, "4.1.q1")
	v = quest(m).s.active()
	mustNotContain(t, strings.Join(quest(m).guidanceLines(v.text[v.cur], 60), "\n"), "Source")
}
