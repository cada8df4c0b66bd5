package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/noteeditor"
)

// Longest text the one-line inputs of the questionnaire take, in characters
// (a paste beyond is cut): a clause query is a few words; an N/A reason
// becomes the note, which the note editor takes at any length.
const (
	findLimit   = 200
	reasonLimit = 4000
)

// noteModal is the note editor open on a question.
type noteModal struct {
	ed   noteeditor.Editor
	key  model.Key
	base string // the text it opened with
}

func (noteModal) title() string              { return "note" }
func (noteModal) keys(c *common) help.KeyMap { return noteHelp{c.keys.Note, c.keys.Editor} }

// reasonModal asks why a question does not apply.
type reasonModal struct {
	p       prompt
	key     model.Key
	advance bool // move on once given (enter on the N/A row)
}

func (reasonModal) title() string              { return "N/A reason" }
func (reasonModal) keys(c *common) help.KeyMap { return c.keys.Reason }

// openNote opens the editor on the note as shown: a note that failed to
// save opens with its unsaved text.
func (q questionnaire) openNote(v *fwView, a model.Answer) (screen, tea.Cmd) {
	ed := noteeditor.New(q.c.keys.Editor, q.c.styles.Editor)
	ed.Prompt = "┃ "
	ed.Placeholder = "What was seen, who said what, what to check…"
	ed.SetValue(a.Note)
	ed.Focus()
	q.modal = noteModal{ed: ed, key: v.key(), base: ed.Value()}
	q.s.noteKey = v.key()
	q.resizeModal()
	return q, nil
}

// closeNote closes the editor, saving the note when it changed (or when its
// last save failed). Text back to the stored note drops a failed save.
func (q questionnaire) closeNote(m noteModal) (screen, tea.Cmd) {
	q.modal = nil
	q.s.noteKey = model.Key{}
	text := m.ed.Value()
	stored := q.s.answers.Get(m.key.Framework, m.key.Question).Note
	st := q.s.saves[m.key]
	failed := st != nil && st.failed(fNote)
	switch {
	case failed && text == stored:
		q.s.discardNote(m.key)
		return q, nil
	case text == m.base && !failed:
		return q, nil
	}
	_, cmd := q.s.save(m.key, model.SetNote(text))
	return q, cmd
}

func (q questionnaire) askReason(advance bool) (screen, tea.Cmd) {
	v := q.s.active()
	a, _ := q.s.shown(v.key())
	// Marking N/A replaces the note: start from it.
	p := newPrompt(q.c, q.c.keys.Reason, "", "Why does it not apply? ", a.Note, reasonLimit, q.layout().questionW)
	p.input.Placeholder = "reason (required)"
	p.required = "say why it does not apply: the reason is kept as the note"
	q.modal = reasonModal{p: p, key: v.key(), advance: advance}
	v.picker = pickNA
	return q, nil
}

// updateModal gives a key or paste to the open modal and acts on how it ended.
func (q questionnaire) updateModal(msg tea.Msg) (screen, tea.Cmd) {
	switch m := q.modal.(type) {
	case actionModal:
		return q.updateAction(m, msg)
	case noteModal:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			keys := q.c.keys.Note
			switch {
			case key.Matches(k, keys.Done):
				return q.closeNote(m)
			case key.Matches(k, keys.Quit):
				return q, send(quitMsg{}) // leave saves the note first
			case key.Matches(k, keys.Discard):
				m.ed.SetValue(q.s.answers.Get(m.key.Framework, m.key.Question).Note)
				q.modal = m
				return q, say("back to the saved note; esc leaves it so")
			}
		}
		m.ed, _ = m.ed.Update(msg)
		q.modal = m
	case reasonModal:
		var out outcome
		var cmd tea.Cmd
		m.p, out, cmd = m.p.Update(msg)
		q.modal = m
		switch out {
		case quitting:
			return q, send(quitMsg{}) // leave saves the reason first
		case cancelled:
			q.modal = nil
			if v := q.s.active(); v != nil {
				q.s.syncPicker(v)
			}
		case accepted:
			q.modal = nil
			_, save := q.s.save(m.key, model.MarkNA(m.p.value()))
			v := q.s.active()
			if m.advance && v != nil && v.key() == m.key && v.cur < len(v.qs)-1 {
				_, move := q.move(v.cur + 1)
				return q, tea.Batch(save, move)
			}
			return q, save
		}
		return q, cmd
	case finder:
		return q.updateFinder(m, msg)
	case relatedModal:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return q.updateRelated(m, k)
		}
	case retiredModal:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return q.updateRetired(m, k)
		}
	case newsModal:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return q.updateNews(k)
		}
	}
	return q, nil
}

// resizeModal fits the open modal to the question pane.
func (q *questionnaire) resizeModal() {
	l := q.layout()
	w := max(l.questionW, 10)
	switch m := q.modal.(type) {
	case noteModal:
		m.ed.SetWidth(w)
		m.ed.SetHeight(q.editorHeight(l))
		q.modal = m
	case reasonModal:
		m.p.resize(w)
		q.modal = m
	case actionModal:
		m.resize(w)
		q.modal = m
	case finder:
		m.input.SetWidth(max(w-len(m.input.Prompt)-1, 1))
		q.modal = m
	}
}

func (q *questionnaire) restyleModal() {
	switch m := q.modal.(type) {
	case noteModal:
		m.ed.SetStyles(q.c.styles.Editor)
		q.modal = m
	case reasonModal:
		m.p.input.SetStyles(q.c.styles.Input)
		q.modal = m
	case actionModal:
		for i := range m.fields {
			m.fields[i].input.SetStyles(q.c.styles.Input)
		}
		q.modal = m
	case finder:
		m.input.SetStyles(q.c.styles.Input)
		q.modal = m
	}
}
