package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// What changed in a framework's questions since the assessment was last
// opened (model.Framework.ChangesSince), and the answers given to questions
// that have since been retired. The opening says "ISO 28000 changed since
// this assessment was last opened: 6 new questions, 4 reworded, 3 retired";
// w walks the new and reworded questions; a lists the answers to retired
// ones. The revision the assessment was opened with is then recorded.

// Tags shown beside a question that changed since the last opening.
const (
	tagNew      = "new since last opened"
	tagReworded = "reworded since last opened"
)

// setChanges works out what changed after content revision since.
func (v *fwView) setChanges(since int) {
	v.since = max(since, 1)
	v.changes = v.fw.ChangesSince(v.since)
	v.changed = map[int]string{}
	for _, q := range v.changes.Added {
		v.changed[v.fw.QuestionIndex(q.ID)] = tagNew
	}
	for _, q := range v.changes.Reworded {
		v.changed[v.fw.QuestionIndex(q.ID)] = tagReworded
	}
}

// hasNews reports whether any framework of the open assessment changed since
// it was last opened.
func (s *session) hasNews() bool {
	for _, v := range s.fws {
		if !v.changes.Empty() {
			return true
		}
	}
	return false
}

func (s *session) anyChanged() bool {
	for _, v := range s.fws {
		if len(v.changes.Review) > 0 {
			return true
		}
	}
	return false
}

func (s *session) anyRetiredAnswers() bool {
	for _, v := range s.fws {
		if len(model.RetiredAnswers(v.fw, s.answers)) > 0 {
			return true
		}
	}
	return false
}

// recordContent stores the content revision each framework is open with,
// where it differs from the one the assessment last saw.
func (s *session) recordContent() tea.Cmd {
	var cmds []tea.Cmd
	for _, af := range s.a.Frameworks {
		if v, _ := s.view(af.ID); v != nil && v.fw.Revision != af.ContentRevision {
			cmds = append(cmds, s.c.db.contentSeen(s.id, af.ID, v.fw.Revision))
		}
	}
	return tea.Batch(cmds...)
}

// contentSeenMsg reports the recording of a content revision.
type contentSeenMsg struct {
	id, framework string
	err           error
}

func (m contentSeenMsg) failed() error { return m.err }

// contentSeen queues the recording of the content revision an assessment
// was opened with.
func (d *db) contentSeen(id, framework string, rev int) tea.Cmd {
	st := d.st
	_, cmd := d.enqueue("content:"+id+":"+framework, func(ctx context.Context, _ uint64) tea.Msg {
		return contentSeenMsg{id, framework, st.SetContentRevision(ctx, id, framework, rev)}
	})
	return cmd
}

// nextChanged is w: the next new or reworded question after the current
// one, wrapping around.
func (q questionnaire) nextChanged(v *fwView) (screen, tea.Cmd) {
	n := len(v.qs)
	for step := 1; step <= n; step++ {
		i := (v.cur + step) % n
		tag := v.changed[i]
		if tag == "" {
			continue
		}
		where := fmt.Sprintf("%s %s: %s (content revision %d, now %d)", v.name, v.text[i].id, tag, v.since, v.fw.Revision)
		if i == v.cur {
			return q, say(where + "; it is the only one")
		}
		_, move := q.move(i)
		return q, tea.Batch(move, say(fmt.Sprintf("%s; %d new or reworded in all", where, len(v.changes.Review))))
	}
	return q, say(fmt.Sprintf("no question of %s is new or reworded since this assessment was last opened (content revision %d)", v.name, v.since))
}

// newsModal is shown over the question when the assessment opens and a
// questionnaire changed since it was last opened: per framework, what is
// new, reworded and retired, and the keys that walk them.
type newsModal struct{}

func (newsModal) title() string              { return "what changed" }
func (newsModal) keys(c *common) help.KeyMap { return c.keys.News }

func (q questionnaire) updateNews(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := q.c.keys.News
	v := q.s.active()
	switch {
	case key.Matches(msg, k.Quit):
		return q, send(quitMsg{})
	case key.Matches(msg, k.Close):
		q.modal = nil
	case key.Matches(msg, k.Walk):
		q.modal = nil
		return q.nextChanged(v)
	case key.Matches(msg, k.Retired):
		q.modal = nil
		return q.openRetired(v)
	}
	return q, nil
}

// newsLines draws what changed, in the question pane.
func (q questionnaire) newsLines(w int) []string {
	st := q.c.styles
	var out []string
	for _, l := range cells.Wrap("The questionnaires changed since this assessment was last opened", w) {
		out = append(out, st.Label.Render(l))
	}
	out = append(out, "")
	retired := 0
	for _, v := range q.s.fws {
		retired += len(model.RetiredAnswers(v.fw, q.s.answers))
		if v.changes.Empty() {
			continue
		}
		out = append(out, cells.Wrap(fmt.Sprintf("%s, content revision %d → %d: %s.", v.name, v.since, v.fw.Revision, v.changes), w)...)
	}
	out = append(out, "")
	if q.s.anyChanged() {
		out = append(out, cells.Wrap("New and reworded questions are tagged beside their clause; w goes to the next one in the framework on screen (tab switches).", w)...)
	}
	if retired > 0 {
		if q.s.anyChanged() {
			out = append(out, "")
		}
		lists := q.c.keys.News.Retired.Help().Key + " lists"
		what := fmt.Sprintf("%d answers of this assessment are to questions that are no longer asked; %s them", retired, lists)
		if retired == 1 {
			what = "1 answer of this assessment is to a question that is no longer asked; " + lists + " it"
		}
		out = append(out, cells.Wrap(what+" with what replaced it. Such answers are kept, and count in no score.", w)...)
	}
	return append(out, "", st.Subtle.Render(cells.Truncate("enter or esc: to the questions", w)))
}

// retiredModal lists the answers given to questions of the active framework
// that have since been retired; enter goes to the question that replaced
// the highlighted one.
type retiredModal struct {
	sel  int
	list []model.RetiredAnswer
}

func (m retiredModal) title() string              { return "answers to retired questions" }
func (m retiredModal) keys(c *common) help.KeyMap { return c.keys.Retired }
func (q questionnaire) openRetired(v *fwView) (screen, tea.Cmd) {
	list := model.RetiredAnswers(v.fw, q.s.answers)
	if len(list) == 0 {
		return q, say("no answer of this assessment is to a retired question of " + v.name)
	}
	q.modal = retiredModal{list: list}
	return q, nil
}

func (q questionnaire) updateRetired(m retiredModal, msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := q.c.keys.Retired
	var moved bool
	m.sel, moved = listStep(msg, k.Up, k.Down, m.sel, len(m.list))
	switch {
	case moved:
	case key.Matches(msg, k.Quit):
		return q, send(quitMsg{})
	case key.Matches(msg, k.Close):
		q.modal = nil
		return q, nil
	case key.Matches(msg, k.Go):
		r := m.list[m.sel].Question
		if len(r.ReplacedBy) == 0 {
			return q, say(cells.Inert(r.ID) + " was retired without a replacement")
		}
		q.modal = nil
		cmd, _ := q.s.jump(model.Key{Framework: q.s.active().fw.ID, Question: r.ReplacedBy[0]})
		return q, cmd
	}
	q.modal = m
	return q, nil
}

// retiredLines draws the list in the question pane: one row per answer, and
// for the highlighted one what replaced it and its note.
func (q questionnaire) retiredLines(m retiredModal, v *fwView, w, h int) []string {
	st := q.c.styles
	out := []string{
		spread(st.Label.Render("Answers to retired questions in "+v.name), st.Subtle.Render(fmt.Sprintf("%d found", len(m.list))), w),
	}
	for _, l := range cells.Wrap("Retired questions are no longer asked or scored; what was answered is kept.", w) {
		out = append(out, st.Subtle.Render(l))
	}
	out = append(out, "")
	sel := m.list[clamp(m.sel, 0, len(m.list)-1)]
	by := "nothing"
	if len(sel.Question.ReplacedBy) > 0 {
		by = strings.Join(sel.Question.ReplacedBy, ", ")
	}
	foot := []string{""}
	foot = append(foot, cells.Wrap(cells.Inert(fmt.Sprintf("%s was retired in revision %d; now asked by %s.", sel.Question.ID, sel.Question.RetiredIn, by)), w)...)
	if note := strings.TrimSpace(sel.Answer.Note); note != "" {
		foot = append(foot, cells.Truncate("Note: "+cells.Inert(strings.Join(strings.Fields(note), " ")), w))
	}
	room := max(h-len(out)-len(foot), 1)
	first := clamp(m.sel-room/2, 0, len(m.list)-room)
	idW := 0
	for _, r := range m.list {
		idW = max(idW, cells.Width(cells.Inert(r.Question.ID)))
	}
	for i := first; i < len(m.list) && i < first+room; i++ {
		r := m.list[i]
		cursor := "  "
		if i == m.sel {
			cursor = "▸ "
		}
		line := cells.Fit(cursor+cells.Fit(cells.Inert(r.Question.ID), idW)+"  "+cells.Fit(levelWord(r.Answer.Level), 10)+"  "+cells.Inert(r.Question.Title), w)
		if i == m.sel {
			line = st.Selected.Render(line)
		}
		out = append(out, line)
	}
	return append(out, foot...)
}
