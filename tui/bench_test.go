package tui

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
)

// halfAnswered is an assessment of both frameworks with every other question
// answered (some N/A, flagged or with a note).
func halfAnswered(b testing.TB) (model.Assessment, []model.Answer) {
	a, _ := demo(b)
	cat := testCatalog(b)
	var ans []model.Answer
	for _, id := range []string{iso, mas} {
		f, _ := cat.Framework(id)
		for i, q := range f.Questions() {
			if i%2 == 1 {
				continue
			}
			x := model.Answer{Framework: id, QuestionID: q.ID, Level: model.Level(i % 6)}
			if i%10 == 0 {
				x.Level, x.Note = model.NotApplicable, "not in scope"
			}
			if i%7 == 0 {
				x.Flagged, x.Note = true, "check with the auditors; evidence incomplete"
			}
			ans = append(ans, x)
		}
	}
	return a, ans
}

// BenchmarkQuestionnaireKeystroke is one key press → Update → View on the
// questionnaire at 120×40 with both frameworks loaded and half answered.
// Moves queue a resume-point write (coalesced; no SQL runs here); number keys
// queue a save the same way, so the benchmark measures the UI only.
func BenchmarkQuestionnaireKeystroke(b *testing.B) {
	a, ans := halfAnswered(b)
	m := newModel(Options{Catalog: testCatalog(b), OpenID: a.ID}, clock, false)
	m, _ = m.update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m, _ = m.update(tea.BackgroundColorMsg{Color: colorOf(true)})
	m, _ = m.update(assessmentMsg{id: a.ID, a: a, answers: ans})
	keys := []tea.KeyPressMsg{keyMsg("l"), keyMsg("j"), keyMsg("l"), keyMsg("k"), keyMsg("left"), keyMsg("tab")}
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; b.Loop(); i++ {
		m, _ = m.update(keys[i%len(keys)])
		_ = m.View()
	}
}

// BenchmarkQuestionnaireView is View alone, the baseline of the keystroke.
func BenchmarkQuestionnaireView(b *testing.B) {
	a, ans := halfAnswered(b)
	m := newModel(Options{Catalog: testCatalog(b), OpenID: a.ID}, clock, false)
	m, _ = m.update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m, _ = m.update(assessmentMsg{id: a.ID, a: a, answers: ans})
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkDashboardView draws the dashboard at 120×40 (figures already worked out).
func BenchmarkDashboardView(b *testing.B) {
	a, ans := halfAnswered(b)
	m := newModel(Options{Catalog: testCatalog(b), OpenID: a.ID}, clock, false)
	m, _ = m.update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m, _ = m.update(assessmentMsg{id: a.ID, a: a, answers: ans})
	m, _ = m.update(swapMsg{newDashboard(m.c, m.sess)})
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkDifferencesView draws the theme table at 120×40.
func BenchmarkDifferencesView(b *testing.B) {
	a, ans := halfAnswered(b)
	m := newModel(Options{Catalog: testCatalog(b), OpenID: a.ID}, clock, false)
	m, _ = m.update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m, _ = m.update(assessmentMsg{id: a.ID, a: a, answers: ans})
	m, _ = m.update(swapMsg{newDifferences(m.c, m.sess)})
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkAnalyse is the work done once per answer change while the
// dashboard or differences screen is in front: gaps and theme comparison.
func BenchmarkAnalyse(b *testing.B) {
	a, ans := halfAnswered(b)
	m := newModel(Options{Catalog: testCatalog(b), OpenID: a.ID}, clock, false)
	m, _ = m.update(assessmentMsg{id: a.ID, a: a, answers: ans})
	b.ReportAllocs()
	for b.Loop() {
		m.sess.stale = true
		m.sess.analysis()
	}
}

// note100KB is a 100 KB note: paragraphs of prose with a few wide and
// emoji characters, the size of a pasted interview transcript.
func note100KB() string {
	var b strings.Builder
	para := "The warehouse register lists 412 items; the 2025 review (日本語 notes) found gaps 🎉 in the Jurong site's custody records, see annex B. "
	for i := 0; b.Len() < 100<<10; i++ {
		b.WriteString(para)
		if i%3 == 2 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// BenchmarkNoteEditor100KB is one key press → Update → View in the note
// editor holding a 100 KB note, at 120×40.
func BenchmarkNoteEditor100KB(b *testing.B) {
	for _, tc := range []struct{ name, note string }{
		{"paragraphs", note100KB()},
		{"one-line", strings.ReplaceAll(note100KB(), "\n", " ")},
	} {
		b.Run(tc.name, func(b *testing.B) {
			a, ans := halfAnswered(b)
			ans = append(ans, model.Answer{Framework: iso, QuestionID: a.Frameworks[0].Position, Level: 2, Note: tc.note})
			m := newModel(Options{Catalog: testCatalog(b), OpenID: a.ID}, clock, false)
			m, _ = m.update(tea.WindowSizeMsg{Width: 120, Height: 40})
			m, _ = m.update(tea.BackgroundColorMsg{Color: colorOf(true)})
			m, _ = m.update(assessmentMsg{id: a.ID, a: a, answers: ans})
			m, _ = m.update(keyMsg("e"))
			if !modalIs[noteModal](m) {
				b.Fatal("the editor did not open")
			}
			keys := []tea.KeyPressMsg{keyMsg("x"), keyMsg("left"), keyMsg("backspace"), keyMsg("up"), keyMsg("y"), keyMsg("down")}
			b.ReportAllocs()
			b.ResetTimer()
			defer reportCPU(b)()
			for i := 0; b.Loop(); i++ {
				m, _ = m.update(keys[i%len(keys)])
				_ = m.View()
			}
		})
	}
}

// BenchmarkNotePreview100KB is one key press → Update → View on the
// questionnaire at 120×40 where the current question has a 100 KB note
// (drawn as a cut preview).
func BenchmarkNotePreview100KB(b *testing.B) {
	a, ans := halfAnswered(b)
	for i := range ans {
		ans[i].Note = note100KB()
	}
	m := newModel(Options{Catalog: testCatalog(b), OpenID: a.ID}, clock, false)
	m, _ = m.update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m, _ = m.update(tea.BackgroundColorMsg{Color: colorOf(true)})
	m, _ = m.update(assessmentMsg{id: a.ID, a: a, answers: ans})
	keys := []tea.KeyPressMsg{keyMsg("l"), keyMsg("l"), keyMsg("left"), keyMsg("left")}
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; b.Loop(); i++ {
		m, _ = m.update(keys[i%len(keys)])
		_ = m.View()
	}
}

// BenchmarkHomeKeystroke is one key press (down) → Update → View on the
// assessments list at 120×40, with 10 and with 10,000 assessments: the
// second should cost about the same as the first.
func BenchmarkHomeKeystroke(b *testing.B) {
	for _, n := range []int{10, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := newModel(Options{Catalog: testCatalog(b)}, clock, false)
			m, _ = m.update(tea.WindowSizeMsg{Width: 120, Height: 40})
			m, _ = m.update(summariesMsg{list: model.ScoredList(manySummaries(n))})
			keys := []tea.KeyPressMsg{keyMsg("j"), keyMsg("j"), keyMsg("k")}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				m, _ = m.update(keys[i%len(keys)])
				_ = m.View()
			}
		})
	}
}

// cpuTime is the CPU time this process has used. On a shared machine wall
// time per op swings with other people's load; CPU time swings much less,
// so the benchmarks report it too (cpu-ns/op).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds cpu-ns/op to a benchmark from its start; call it deferred
// after the timer is reset.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op") }
}
