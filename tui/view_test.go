package tui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/assaytui/assay/model"
)

// Golden views: `go test ./tui -run Golden -update` rewrites testdata/*.golden.
// They depend on no clock (fixed) and no random ID (fixed data, no store).

var sizes = [][2]int{{80, 24}, {120, 40}}

// demo is a fixed assessment with both frameworks, some answers, a note and a flag.
func demo(t testing.TB) (model.Assessment, []model.Answer) {
	at := time.Date(2026, 5, 12, 14, 2, 31, 0, time.Local)
	a := model.Assessment{
		ID: "demo0001", Name: "Acme 2026 readiness", Organisation: "Acme Pte Ltd", Assessor: "Lee", Target: 3,
		Frameworks: []model.AssessedFramework{
			{ID: iso, Version: "2022", Position: "4.2.1.q1", ContentRevision: revisionOf(t, iso)},
			{ID: mas, Version: "January 2021", Position: "3.4.q1", ContentRevision: revisionOf(t, mas)},
		},
		ResumeFramework: iso, CreatedAt: at, UpdatedAt: at,
	}
	ans := []model.Answer{
		{Framework: iso, QuestionID: "4.1.q1", Level: 3, Flagged: true},
		{Framework: iso, QuestionID: "4.1.q2", Level: model.NotApplicable, Note: "no supply chain of our own"},
		{Framework: iso, QuestionID: "4.2.1.q1", Level: 2, Note: "Register exists for the Jurong site only; ask Lee for the 2025 review."},
		{Framework: iso, QuestionID: "5.1.q1", Level: 4},
		{Framework: iso, QuestionID: "8.1.q1", Level: 1},
		{Framework: mas, QuestionID: "3.1.q1", Level: 2},
		{Framework: mas, QuestionID: "3.4.q1", Level: 3},
	}
	return a, ans
}

// demoModel is the questionnaire on the demo assessment, without a store.
func demoModel(t testing.TB, w, h int) Model {
	a, ans := demo(t)
	m := newModel(Options{Catalog: testCatalog(t), OpenID: a.ID}, clock, true)
	m, _ = m.update(tea.WindowSizeMsg{Width: w, Height: h})
	m, _ = m.update(assessmentMsg{id: a.ID, a: a, answers: ans})
	if m.sess.active() == nil {
		t.Fatal("demo did not load")
	}
	return m
}

// homeModel is the home screen with fixed summaries, without a store.
func homeModel(t testing.TB, w, h int) Model {
	a, ans := demo(t)
	b := a
	b.ID, b.Name, b.Organisation = "demo0002", "Jurong warehouse ISO 28000 gap analysis 2025", "Acme Logistics (日本) Pte Ltd"
	b.Frameworks = b.Frameworks[:1]
	b.UpdatedAt = a.UpdatedAt.Add(-240 * time.Hour)
	cat := testCatalog(t)
	list := []model.Summary{model.Summarize(a, model.NewAnswers(ans), cat), model.Summarize(b, nil, cat)}
	m := newModel(Options{Catalog: cat}, clock, true)
	m.c.dbPath = "/data/assay.db"
	m, _ = m.update(tea.WindowSizeMsg{Width: w, Height: h})
	m, _ = m.update(summariesMsg{list: model.ScoredList(list)})
	return m
}

// Every screen and mode at sizes from 1×1 to 300×100: no panic, never wider
// or taller than the terminal.
// TestGolden draws each screen at 80×24 and 120×40 and compares it with
// testdata/TestGolden/<screen>/<size>.golden.
func TestGolden(t *testing.T) {
	fromDemo := func(msgs ...tea.Msg) func(t *testing.T, w, h int) Model {
		return func(t *testing.T, w, h int) Model {
			m := demoModel(t, w, h)
			for _, msg := range msgs {
				if f, ok := msg.(func(Model) tea.Msg); ok {
					msg = f(m)
				}
				m, _ = m.update(msg)
			}
			return m
		}
	}
	dash := func(m Model) tea.Msg { return swapMsg{newDashboard(m.c, m.sess)} }
	diff := func(m Model) tea.Msg { return swapMsg{newDifferences(m.c, m.sess)} }
	for _, tc := range []struct {
		name  string
		model func(t *testing.T, w, h int) Model
	}{
		{"questionnaire", fromDemo()},
		{"questionnaire MAS", fromDemo(keyMsg("tab"))},
		{"home", func(t *testing.T, w, h int) Model { return homeModel(t, w, h) }},
		{"form", func(t *testing.T, w, h int) Model {
			m := homeModel(t, w, h)
			m, _ = m.update(pushMsg{openForm(m)})
			m, _ = m.update(keyMsg("tab"))
			return m
		}},
		{"help", fromDemo(helpMsg{})},
		{"dashboard", fromDemo(dash)},
		{"dashboard gaps", fromDemo(dash, keyMsg("j"), keyMsg("j"))},
		{"differences", fromDemo(diff)},
		{"differences profile", fromDemo(diff, keyMsg("tab"))},
		{"differences drill", fromDemo(diff, keyMsg("enter"))},
		{"related", fromDemo(keyMsg("r"))},
		{"copy confirm", fromDemo(keyMsg("home"), keyMsg("r"), keyMsg("c"))}, // 4.1.q1, level 3, related to MAS 3.3
	} {
		for _, s := range sizes {
			t.Run(fmt.Sprintf("%s/%dx%d", tc.name, s[0], s[1]), func(t *testing.T) {
				m := tc.model(t, s[0], s[1])
				checkFrame(t, m, s[0], s[1])
				golden.RequireEqual(t, []byte(shot(m)))
			})
		}
	}
}

func TestEverySize(t *testing.T) {
	widths := []int{1, 2, 5, 20, 59, 60, 79, 80, 100, 109, 110, 120, 200, 300}
	heights := []int{1, 3, 5, 15, 16, 17, 24, 40, 100}
	modes := screenModes(t)
	// A mode is entered once per width, 24 rows high, then drawn at
	// every height by resizing (loading the demo for every size is slow).
	for name, mode := range modes {
		for _, w := range widths {
			m := mode(demoModel(t, w, 24))
			for _, h := range heights {
				m, _ = m.update(tea.WindowSizeMsg{Width: w, Height: h})
				checkFrame(t, m, w, h)
				if w < minWidth || h < minHeight {
					if v := shot(m); strings.Contains(v, "\n") || (w >= 16 && !strings.HasPrefix(v, "Enlarge")) {
						t.Fatalf("%s %d×%d: %q", name, w, h, v)
					}
				}
			}
		}
	}
}

// screenModes enters every screen and mode, from the demo questionnaire.
func screenModes(t testing.TB) map[string]func(Model) Model {
	return map[string]func(Model) Model{
		"questionnaire": func(m Model) Model { return m },
		"outline":       func(m Model) Model { m, _ = m.update(keyMsg("o")); return m },
		"guidance":      func(m Model) Model { m, _ = m.update(keyMsg("g")); return m },
		"note": func(m Model) Model {
			m, _ = m.update(keyMsg("e"))
			m, _ = m.update(tea.PasteMsg{Content: "a long note 日本語 " + strings.Repeat("word ", 80)})
			return m
		},
		"reason": func(m Model) Model { m, _ = m.update(keyMsg("n")); return m },
		"find": func(m Model) Model {
			m, _ = m.update(keyMsg("/"))
			m, _ = m.update(tea.KeyPressMsg{Code: '4', Text: "4"})
			return m
		},
		"help": func(m Model) Model { m, _ = m.update(helpMsg{}); return m },
		"home": func(m Model) Model { return homeModel(t, m.width, m.height) },
		"form": func(m Model) Model { m, _ = m.update(pushMsg{openForm(m)}); return m },
		"delete": func(m Model) Model {
			m = homeModel(t, m.width, m.height)
			m, _ = m.update(keyMsg("D"))
			return m
		},
		"related": func(m Model) Model { m, _ = m.update(keyMsg("r")); return m },
		"copy": func(m Model) Model {
			m, _ = m.update(keyMsg("home"))
			m, _ = m.update(keyMsg("r"))
			m, _ = m.update(keyMsg("c"))
			return m
		},
		"dashboard": func(m Model) Model { m, _ = m.update(swapMsg{newDashboard(m.c, m.sess)}); return m },
		"dashboard gaps": func(m Model) Model {
			m, _ = m.update(swapMsg{newDashboard(m.c, m.sess)})
			m, _ = m.update(keyMsg("j"))
			m, _ = m.update(keyMsg("j"))
			return m
		},
		"dashboard loading": func(m Model) Model {
			m = homeModel(t, m.width, m.height)
			m, _ = m.update(keyMsg("d"))
			return m
		},
		"dashboard help": func(m Model) Model {
			m, _ = m.update(swapMsg{newDashboard(m.c, m.sess)})
			m, _ = m.update(helpMsg{})
			return m
		},
		"differences": func(m Model) Model { m, _ = m.update(swapMsg{newDifferences(m.c, m.sess)}); return m },
		"differences sorted": func(m Model) Model {
			m, _ = m.update(swapMsg{newDifferences(m.c, m.sess)})
			for _, k := range []string{"s", "j", "j", "j", "pgdown", "j"} {
				m, _ = m.update(keyMsg(k))
			}
			return m
		},
		"profile": func(m Model) Model {
			m, _ = m.update(swapMsg{newDifferences(m.c, m.sess)})
			m, _ = m.update(keyMsg("tab"))
			m, _ = m.update(keyMsg("pgdown"))
			return m
		},
		"drill": func(m Model) Model {
			m, _ = m.update(swapMsg{newDifferences(m.c, m.sess)})
			for _, k := range []string{"j", "j", "j", "j", "j", "j", "enter", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j"} {
				m, _ = m.update(keyMsg(k))
			}
			return m
		},
		"drill only-in": func(m Model) Model {
			m, _ = m.update(swapMsg{newDifferences(m.c, m.sess)})
			m, _ = m.update(keyMsg("pgdown"))
			m, _ = m.update(keyMsg("pgdown"))
			m, _ = m.update(keyMsg("enter"))
			return m
		},
		"rename": func(m Model) Model {
			m = homeModel(t, m.width, m.height)
			m, _ = m.update(keyMsg("r"))
			return m
		},
		"duplicate": func(m Model) Model {
			m = homeModel(t, m.width, m.height)
			m, _ = m.update(keyMsg("c"))
			return m
		},
		"export": func(m Model) Model {
			m = homeModel(t, m.width, m.height)
			m, _ = m.update(keyMsg("e"))
			return m
		},
		"loading": func(m Model) Model {
			m, _ = m.update(openMsg{id: m.sess.id})
			return m
		},
	}
}

func TestResizeTinyAndBack(t *testing.T) {
	m := demoModel(t, 80, 24)
	before := shot(m)
	m, _ = m.update(tea.WindowSizeMsg{Width: 20, Height: 5})
	v := shot(m)
	if v != "Enlarge to 60×16" {
		t.Fatalf("20×5 shows %q", v)
	}
	checkFrame(t, m, 20, 5)
	m, _ = m.update(tea.WindowSizeMsg{Width: 50, Height: 12})
	if v := shot(m); v != "Enlarge the window to 60×16 (now 50×12) · q quits" {
		t.Fatalf("50×12 shows %q: it should say q still works", v)
	}
	m, _ = m.update(keyMsg("l")) // nothing acts unseen (issue 10, item 6)
	m, _ = m.update(tea.WindowSizeMsg{Width: 80, Height: 24})
	checkFrame(t, m, 80, 24)
	if _, q := current(m); q != "4.2.1.q1" {
		t.Fatalf("at %s", q)
	}
	if shot(m) != before {
		t.Fatalf("80×24 differs after the round trip:\n%s\n---\n%s", shot(m), before)
	}
	m, _ = m.update(tea.WindowSizeMsg{Width: 120, Height: 40})
	checkFrame(t, m, 120, 40)
	mustContain(t, shot(m), "4.1.q2   supply-chain", "Maturity", "Improve")
}

func TestNoColorAndBackgrounds(t *testing.T) {
	plain := demoModel(t, 120, 40)
	if v := plain.View().Content; strings.Contains(v, "\x1b[3") || strings.Contains(v, "\x1b[9") || strings.Contains(v, "38;") {
		t.Fatal("NO_COLOR view has colours")
	}
	a, ans := demo(t)
	for _, dark := range []bool{true, false} {
		m := newModel(Options{Catalog: testCatalog(t), OpenID: a.ID}, clock, false)
		m, _ = m.update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m, _ = m.update(assessmentMsg{id: a.ID, a: a, answers: ans})
		bg := tea.BackgroundColorMsg{Color: colorOf(dark)}
		m, _ = m.update(bg)
		if m.isDark != dark {
			t.Fatalf("isDark %v", m.isDark)
		}
		if !strings.Contains(m.View().Content, "\x1b[") {
			t.Fatal("no styling with colours on")
		}
		// The same text either way: colour adds nothing that marks lack.
		if ansi.Strip(m.View().Content) != shot(plain) {
			t.Fatal("coloured view says something else than the plain one")
		}
	}
	// The dashboard, differences and related screens too.
	for _, keys := range [][]string{{"d"}, {"d", "j", "j"}, {"x"}, {"x", "j", "enter", "j"}, {"x", "tab"}, {"home", "r", "c"}} {
		mp := demoModel(t, 120, 40)
		mc := newModel(Options{Catalog: testCatalog(t), OpenID: a.ID}, clock, false)
		mc, _ = mc.update(tea.WindowSizeMsg{Width: 120, Height: 40})
		mc, _ = mc.update(assessmentMsg{id: a.ID, a: a, answers: ans})
		mc, _ = mc.update(tea.BackgroundColorMsg{Color: colorOf(true)})
		for _, k := range keys {
			mc, _ = mc.update(keyMsg(k))
			mp, _ = mp.update(keyMsg(k))
		}
		if ansi.Strip(mc.View().Content) != shot(mp) {
			t.Fatalf("after %v the coloured view says something else:\n%s\n---\n%s", keys, ansi.Strip(mc.View().Content), shot(mp))
		}
		if !strings.Contains(mc.View().Content, "\x1b[") {
			t.Fatalf("after %v: no styling", keys)
		}
	}
	v := plain.View()
	if !v.AltScreen {
		t.Fatal("not on the alternate screen")
	}
}

func colorOf(dark bool) color.Color {
	if dark {
		return color.RGBA{0x10, 0x10, 0x10, 0xff}
	}
	return color.RGBA{0xfa, 0xfa, 0xfa, 0xff}
}
