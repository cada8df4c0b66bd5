package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
)

// guidance display: automatic (shown when it fits), or as the user set it with g.
const (
	guidanceAuto = iota
	guidanceOn
	guidanceOff
)

// qModal is what a questionnaire has open over the question: the note
// editor, the N/A reason, the clause finder or the related questions.
type qModal interface {
	keys(c *common) help.KeyMap
	title() string
}

// questionnaire is the screen where questions are answered. What it shows
// (answers, where the user is, the picker) lives in the session; the
// screen keeps only how it shows it.
type questionnaire struct {
	c             *common
	s             *session
	width, height int

	modal          qModal // nil while answering
	guidance       int
	guideOff       int // first guidance line shown when it does not fit
	outlineToggled bool
}

func newQuestionnaire(c *common, s *session) questionnaire {
	return questionnaire{c: c, s: s}
}

func (q questionnaire) Title() string {
	if q.modal != nil {
		return q.modal.title()
	}
	return "questionnaire"
}

func (q questionnaire) Keys() help.KeyMap {
	if q.modal != nil {
		return q.modal.keys(q.c)
	}
	k := q.c.keys.Questionnaire
	k.Reconcile.SetEnabled(len(q.s.disputes) > 0)
	return k
}

func (q questionnaire) Legend() []string {
	return []string{
		"Outline: · unanswered  0-5 level  na N/A  ! flagged  ≠ disputed (R reconciles)  … saving  ✗ not saved",
		"Bars: section maturity 0-5, its figure (– until rated) and the share answered",
		"Related: the other framework's questions on the same theme; r lists, c copies",
		"Picker: ▸ is the level enter would save; an unanswered question has none until ↓ or a number key.",
	}
}

func (q questionnaire) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		q.width, q.height = msg.Width, msg.Height
		q.resizeModal()
	case assessmentMsg:
		q.modal = nil
		if q.s.hasNews() {
			q.modal = newsModal{}
		}
		q.resizeModal()
	case restyledMsg:
		q.restyleModal()
	case revealMsg:
		return q, q.c.db.checkChanged(q.s.id)
	case tea.PasteMsg:
		return q.updateModal(msg)
	case tea.KeyPressMsg:
		return q.updateKey(msg)
	case actionReadMsg:
		return q.actionRead(msg)
	case actionSavedMsg:
		return q, actionSaved(msg)
	}
	return q, nil
}

func (q questionnaire) updateKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	if q.modal != nil {
		return q.updateModal(msg)
	}
	k := q.c.keys.Questionnaire
	v := q.s.active()
	switch {
	case key.Matches(msg, k.Quit):
		return q, send(quitMsg{})
	case key.Matches(msg, k.Back):
		return q, send(popMsg{})
	case key.Matches(msg, k.Help):
		return q, send(helpMsg{})
	case v == nil || len(v.qs) == 0:
		return q, nil
	}
	s := q.s
	a, _ := s.shown(v.key())
	switch {
	case key.Matches(msg, k.SetLevel):
		l, err := model.ParseLevel(msg.String())
		if err != nil || !l.Rated() {
			return q, nil
		}
		v.picker = int(l)
		return q, q.save(model.SetLevel(l))
	case key.Matches(msg, k.NA):
		return q.askReason(false)
	case key.Matches(msg, k.Action):
		return q.askAction()
	case key.Matches(msg, k.PickerUp):
		v.picker = clamp(v.picker-1, 0, pickNA)
	case key.Matches(msg, k.PickerDown):
		v.picker = clamp(v.picker+1, 0, pickNA)
	case key.Matches(msg, k.Confirm):
		return q.confirm(v, a)
	case key.Matches(msg, k.Prev):
		return q.move(v.cur - 1)
	case key.Matches(msg, k.Next):
		return q.move(v.cur + 1)
	case key.Matches(msg, k.First):
		return q.move(0)
	case key.Matches(msg, k.Last):
		return q.move(len(v.qs) - 1)
	case key.Matches(msg, k.PrevUnanswered, k.NextUnanswered):
		dir := 1
		if key.Matches(msg, k.PrevUnanswered) {
			dir = -1
		}
		if i, ok := q.nextUnanswered(dir); ok {
			return q.move(i)
		}
		return q, say("every question of " + v.name + " has an answer")
	case key.Matches(msg, k.Clear):
		v.picker = pickNone
		return q, q.save(model.SetLevel(model.Unanswered))
	case key.Matches(msg, k.Flag):
		return q, q.save(model.SetFlag(!a.Flagged))
	case key.Matches(msg, k.Note):
		return q.openNote(v, a)
	case key.Matches(msg, k.Framework, k.FrameworkBack):
		if len(s.fws) < 2 {
			return q, say("this assessment covers one framework")
		}
		step := 1
		if key.Matches(msg, k.FrameworkBack) {
			step = len(s.fws) - 1
		}
		return q, s.switchTo((s.fi + step) % len(s.fws))
	case key.Matches(msg, k.Find):
		q.modal = newFinder(q.c)
		q.resizeModal()
	case key.Matches(msg, k.Guidance):
		if q.guidanceShown() {
			q.guidance = guidanceOff
		} else {
			q.guidance = guidanceOn
		}
		q.guideOff = 0
	case key.Matches(msg, k.GuidanceDown, k.GuidanceUp):
		l := q.layout()
		step := max(l.body/3, 1)
		if key.Matches(msg, k.GuidanceUp) {
			step = -step
		}
		q.guideOff = clamp(q.guideOff+step, 0, len(q.guidanceLines(v.text[v.cur], max(l.questionW, 1))))
	case key.Matches(msg, k.Outline):
		q.outlineToggled = !q.outlineToggled
		q.resizeModal()
	case key.Matches(msg, k.Related):
		return q.openRelated(v)
	case key.Matches(msg, k.Changed):
		return q.nextChanged(v)
	case key.Matches(msg, k.Retired):
		return q.openRetired(v)
	case key.Matches(msg, k.History):
		return q, push(newHistoryScreen(q.c, q.s, v.key()))
	case key.Matches(msg, k.Reconcile):
		if len(s.disputes) == 0 {
			return q, say("no disagreements to reconcile: imports found none open")
		}
		return q, push(newReconcile(q.c, s, v.key()))
	case key.Matches(msg, k.Dashboard):
		return q, send(swapMsg{newDashboard(q.c, s)})
	case key.Matches(msg, k.Differences):
		return q, send(swapMsg{newDifferences(q.c, s)})
	}
	return q, nil
}

// confirm is enter: it saves the picked level if it differs from the
// answer and moves on. Nothing picked, or the answer's own level, writes
// nothing; N/A picked on a question that is not N/A asks why first.
func (q questionnaire) confirm(v *fwView, a model.Answer) (screen, tea.Cmd) {
	var save tea.Cmd
	switch {
	case v.picker == pickNone, v.picker == pickerOf(a.Level):
	case v.picker == pickNA:
		return q.askReason(true)
	default:
		save = q.save(model.SetLevel(model.Level(v.picker)))
	}
	if v.cur == len(v.qs)-1 {
		return q, tea.Batch(save, say("that was the last question; ] finds any left unanswered"))
	}
	_, move := q.move(v.cur + 1)
	return q, tea.Batch(save, move)
}

// save sends one change of the current question.
func (q questionnaire) save(ch model.Change) tea.Cmd {
	v := q.s.active()
	if v == nil || len(v.qs) == 0 {
		return nil
	}
	_, cmd := q.s.save(v.key(), ch)
	return cmd
}

// move makes question i of the active framework current.
func (q questionnaire) move(i int) (screen, tea.Cmd) {
	q.guideOff = 0
	return q, q.s.moveTo(i)
}

// nextUnanswered finds the next (dir 1) or previous (dir -1) question without
// a level or N/A, wrapping around.
func (q questionnaire) nextUnanswered(dir int) (int, bool) {
	v := q.s.active()
	n := len(v.qs)
	for step := 1; step < n; step++ {
		i := ((v.cur+dir*step)%n + n) % n
		if a, _ := q.s.shown(v.keyOf(i)); !a.Level.Given() {
			return i, true
		}
	}
	return 0, false
}

// leave saves what was typed when the app quits: the note being edited, a
// reason typed for N/A.
func (q questionnaire) leave() (screen, tea.Cmd) {
	switch m := q.modal.(type) {
	case noteModal:
		return q.closeNote(m)
	case reasonModal:
		if reason := strings.TrimSpace(m.p.value()); reason != "" {
			q.modal = nil
			_, cmd := q.s.save(m.key, model.MarkNA(reason))
			return q, cmd
		}
	}
	q.modal = nil
	return q, nil
}

// guidanceShown is whether guidance and evidence are on screen now.
func (q questionnaire) guidanceShown() bool {
	v := q.s.active()
	l := q.layout()
	if v == nil || l.questionW <= 0 {
		return false
	}
	_, shown := q.questionLines(v, l.questionW, l.body)
	return shown
}
