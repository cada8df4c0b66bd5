package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// Messages of the action form.
type (
	actionReadMsg struct {
		key model.Key
		a   model.Action
		err error
	}
	actionSavedMsg struct {
		id  string // the assessment
		key model.Key
		a   model.Action
		err error
	}
)

func (m actionSavedMsg) failed() error { return m.err }

// readAction reads the action on one question, to edit it.
func (d *db) readAction(id string, k model.Key) tea.Cmd {
	st := d.st
	_, cmd := d.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		list, err := st.Actions(ctx, id)
		for _, a := range list {
			if a.Framework == k.Framework && a.QuestionID == k.Question {
				return actionReadMsg{k, a, err}
			}
		}
		return actionReadMsg{key: k, err: err}
	})
	return cmd
}

// saveAction stores a change to the action on one question.
func (d *db) saveAction(id string, k model.Key, ch model.ActionChange) tea.Cmd {
	st, actor := d.st, d.actor
	_, cmd := d.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		a, err := st.SaveAction(ctx, id, k.Framework, k.Question, ch, actor)
		return actionSavedMsg{id, k, a, err}
	})
	return cmd
}

// actionModal edits what will be done about the current question: what,
// who, by when and how far it has got. tab moves between the fields, enter
// saves the fields that changed (only if the action is still as read: a
// change made elsewhere meanwhile is a conflict), esc leaves it as it was.
type actionModal struct {
	key    model.Key
	base   model.Action
	fields [4]prompt // action, owner, due, status
	focus  int
}

func (actionModal) title() string              { return "action" }
func (actionModal) keys(c *common) help.KeyMap { return c.keys.Action }

const actionTextLimit = 2000

func newActionModal(c *common, k model.Key, a model.Action, w int) actionModal {
	m := actionModal{key: k, base: a}
	labels := [4]string{"Action: ", "Owner:  ", "Due:    ", "Status: "}
	values := [4]string{a.Text, a.Owner, string(a.Due), string(a.Status)}
	for i := range m.fields {
		m.fields[i] = newPrompt(c, c.keys.Prompt, "", labels[i], values[i], actionTextLimit, w)
		if i > 0 {
			m.fields[i].input.Blur()
		}
	}
	m.fields[2].input.Placeholder = "YYYY-MM-DD"
	m.fields[3].input.Placeholder = "open, doing or done"
	return m
}

// change is what the form would save, or the field that is wrong.
func (m actionModal) change() (model.ActionChange, int, error) {
	var ch model.ActionChange
	text, owner := strings.TrimSpace(m.fields[0].value()), strings.TrimSpace(m.fields[1].value())
	if text != m.base.Text {
		ch.Text = &text
	}
	if owner != m.base.Owner {
		ch.Owner = &owner
	}
	due, err := model.ParseDate(m.fields[2].value())
	if err != nil {
		return ch, 2, err
	}
	if due != m.base.Due {
		ch.Due = &due
	}
	if s := strings.TrimSpace(m.fields[3].value()); s != "" {
		status, err := model.ParseActionStatus(s)
		if err != nil {
			return ch, 3, err
		}
		if status != m.base.Status {
			ch.Status = &status
		}
	}
	rev := m.base.Revision
	ch.IfRevision = &rev
	return ch, 0, nil
}

func (m *actionModal) move(by int) {
	m.fields[m.focus].input.Blur()
	m.focus = (m.focus + by + len(m.fields)) % len(m.fields)
	m.fields[m.focus].input.Focus()
}

func (m *actionModal) resize(w int) {
	for i := range m.fields {
		m.fields[i].resize(w)
	}
}

// lines draws the form where the note is.
func (m actionModal) lines(st *Styles, w int) []string {
	out := []string{st.Label.Render(cells.Truncate("Action on "+cells.Inert(m.key.Qualified())+" · tab next field · enter saves · esc cancels", w))}
	for _, p := range m.fields {
		out = append(out, p.lines(st, w)...)
	}
	return out
}

// askAction reads the current question's action to open the form on it.
func (q questionnaire) askAction() (screen, tea.Cmd) {
	v := q.s.active()
	return q, tea.Batch(say("reading the action…"), q.c.db.readAction(q.s.id, v.key()))
}

// actionRead opens the form, if the user is still on that question.
func (q questionnaire) actionRead(msg actionReadMsg) (screen, tea.Cmd) {
	v := q.s.active()
	switch {
	case msg.err != nil:
		return q, send(statusMsg{"cannot read the action: " + cells.Inert(msg.err.Error()), true})
	case q.modal != nil || v == nil || v.key() != msg.key:
		return q, nil
	}
	m := newActionModal(q.c, msg.key, msg.a, max(q.layout().questionW, 10))
	q.modal = m
	return q, tea.Batch(say(""), m.fields[0].input.Focus())
}

// updateAction gives a key to the form and saves on enter.
func (q questionnaire) updateAction(m actionModal, msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		keys := q.c.keys.Action
		switch {
		case key.Matches(k, keys.Quit):
			q.modal = nil
			return q, send(quitMsg{})
		case key.Matches(k, keys.Cancel):
			q.modal = nil
			return q, nil
		case key.Matches(k, keys.Next):
			step := 1
			if k.String() == "shift+tab" {
				step = -1
			}
			m.move(step)
			q.modal = m
			return q, nil
		case key.Matches(k, keys.Accept):
			ch, field, err := m.change()
			if err != nil {
				m.fields[field].problem = cells.Inert(err.Error())
				q.modal = m
				return q, nil
			}
			q.modal = nil
			if ch.Text == nil && ch.Owner == nil && ch.Due == nil && ch.Status == nil {
				return q, say("the action is unchanged")
			}
			return q, q.c.db.saveAction(q.s.id, m.key, ch)
		}
	}
	var cmd tea.Cmd
	m.fields[m.focus], _, cmd = m.fields[m.focus].Update(msg)
	q.modal = m
	return q, cmd
}

// setActions takes the assessment's actions as the store has them.
func (s *session) setActions(list []model.Action) {
	s.actions = map[model.Key]model.Action{}
	for _, a := range list {
		s.setAction(a)
	}
}

// setAction takes one action as saved; an empty one is no action.
func (s *session) setAction(a model.Action) {
	k := model.Key{Framework: a.Framework, Question: a.QuestionID}
	if s.actions == nil {
		s.actions = map[model.Key]model.Action{}
	}
	if a.Empty() {
		delete(s.actions, k)
		return
	}
	s.actions[k] = a
}

// actionLine is the question's planned action in one line: what, who, by
// when, how far; nil when nothing is planned.
func (q questionnaire) actionLine(k model.Key, w int) []string {
	a, ok := q.s.actions[k]
	if !ok {
		return nil
	}
	st := q.c.styles
	var parts []string
	for _, p := range []string{a.Text, a.Owner} {
		if p != "" {
			parts = append(parts, cells.Inert(strings.Join(strings.Fields(p), " ")))
		}
	}
	if a.Due != "" {
		parts = append(parts, "due "+string(a.Due))
	}
	parts = append(parts, string(a.Status))
	return []string{cells.Truncate(st.Label.Render("Action")+" "+strings.Join(parts, " · "), w)}
}

// actionSaved says how a save ended.
func actionSaved(msg actionSavedMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		return send(statusMsg{"action not saved: " + cells.Inert(msg.err.Error()), true})
	case msg.a.Empty():
		return say("removed the action on " + msg.key.Qualified())
	}
	return say("action saved on " + msg.key.Qualified() + " (" + string(msg.a.Status) + ")")
}
