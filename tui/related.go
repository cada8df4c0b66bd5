package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// relatedModal lists the questions of the other framework that share a
// theme with the current one; c copies the current level to the
// highlighted one, after a confirmation.
type relatedModal struct {
	sel  int
	plan *copyPlan // the copy being confirmed, if any
}

func (m relatedModal) title() string {
	if m.plan != nil {
		return "copy a level"
	}
	return "related questions"
}

func (m relatedModal) keys(c *common) help.KeyMap {
	if m.plan != nil {
		return c.keys.Copy
	}
	return c.keys.Related
}

// copyPlan is a level about to be copied to a related question.
type copyPlan struct {
	from, to   model.Key
	fromName   string // framework names, drawable
	toName     string
	toTitle    string
	level      model.Level
	was        model.Level // the target's level now
	note       string      // the target's note after the copy
	keptNote   bool        // the target had a note: the provenance line is added to it
	provenance string
}

// openRelated focuses the related questions of the current question.
func (q questionnaire) openRelated(v *fwView) (screen, tea.Cmd) {
	if v.other == nil {
		if len(q.s.fws) < 2 {
			return q, say("related questions link two frameworks; this assessment covers one")
		}
		return q, say("no crosswalk relates " + v.name + " to the assessment's other frameworks")
	}
	if len(v.relatedOf(q.c.catalog, v.cur).qs) == 0 {
		return q, say("no question of " + v.other.name + " shares a theme with " + v.text[v.cur].id)
	}
	q.modal = relatedModal{}
	return q, nil
}

func (q questionnaire) updateRelated(m relatedModal, msg tea.KeyPressMsg) (screen, tea.Cmd) {
	v := q.s.active()
	rs := v.relatedOf(q.c.catalog, v.cur)
	if m.plan != nil {
		return q.updateCopy(m, msg)
	}
	k := q.c.keys.Related
	var moved bool
	m.sel, moved = listStep(msg, k.Up, k.Down, m.sel, len(rs.qs))
	switch {
	case moved:
	case key.Matches(msg, k.Quit):
		return q, send(quitMsg{})
	case key.Matches(msg, k.Close):
		q.modal = nil
		return q, nil
	case key.Matches(msg, k.Go):
		q.modal = nil
		if len(rs.qs) == 0 {
			return q, nil
		}
		cmd, _ := q.s.jump(v.other.keyOf(rs.qs[m.sel]))
		return q, cmd
	case key.Matches(msg, k.Copy):
		return q.planCopy(m, v, rs)
	}
	q.modal = m
	return q, nil
}

// planCopy checks that the current level can be copied to the highlighted
// related question and asks for confirmation.
func (q questionnaire) planCopy(m relatedModal, v *fwView, rs relatedSet) (screen, tea.Cmd) {
	if len(rs.qs) == 0 {
		return q, nil
	}
	o := v.other
	j := rs.qs[clamp(m.sel, 0, len(rs.qs)-1)]
	from, to := v.key(), o.keyOf(j)
	src, _ := q.s.shown(from)
	dst, _ := q.s.shown(to)
	if !src.Level.Rated() {
		return q, say("rate " + v.text[v.cur].id + " first: only a level 0-5 is copied (N/A needs its own reason)")
	}
	if dst.Level == src.Level {
		return q, say(fmt.Sprintf("%s %s is at level %d already; nothing to copy", o.name, o.text[j].id, src.Level))
	}
	p := copyPlan{from: from, to: to, fromName: v.name, toName: o.name, toTitle: o.text[j].title,
		level: src.Level, was: dst.Level}
	p.provenance = fmt.Sprintf("copied from %s %s (level %d) on %s", v.fw.Name(), from.Question, src.Level, q.c.now().Format("2006-01-02"))
	p.note = p.provenance
	if strings.TrimSpace(dst.Note) != "" {
		p.note = strings.TrimRight(dst.Note, "\n") + "\n" + p.provenance
		p.keptNote = true
	}
	m.plan = &p
	q.modal = m
	return q, nil
}

func (q questionnaire) updateCopy(m relatedModal, msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := q.c.keys.Copy
	p := *m.plan
	switch {
	case key.Matches(msg, k.Quit):
		return q, send(quitMsg{})
	case key.Matches(msg, k.No):
		m.plan = nil
		q.modal = m
		return q, say("not copied")
	case key.Matches(msg, k.Yes):
		m.plan = nil
		q.modal = m
		lvl, note := p.level, p.note
		seq, cmd := q.s.save(p.to, model.Change{Level: &lvl, Note: &note})
		q.s.say(seq, fmt.Sprintf("copied level %d to %s %s (was %s)", p.level, p.toName, cells.Inert(p.to.Question), levelWord(p.was)))
		// Save moves the stored resume point to the question it saves; the
		// user has not moved, so put it back: the other framework's position
		// first, then this one's (which also makes it the framework to resume).
		cmds := []tea.Cmd{cmd}
		if v := q.s.active(); v != nil && v.other != nil {
			if o := v.other; len(o.qs) > 0 && o.key() == p.to {
				o.picker = int(lvl) // the other framework's current question
			}
			cmds = append(cmds, q.c.db.saveResume(q.s.id, v.other.key()), q.c.db.saveResume(q.s.id, v.key()))
		}
		return q, tea.Batch(cmds...)
	}
	return q, nil
}

// levelWord is a level in words for messages: "level 3", "N/A", "unanswered".
func levelWord(l model.Level) string {
	switch {
	case l.Rated():
		return "level " + strconv.Itoa(int(l))
	case l == model.NotApplicable:
		return "N/A"
	}
	return "unanswered"
}

// levelName is "3 Defined", "N/A" or "unanswered".
func levelName(v *fwView, l model.Level) string {
	if l.Rated() {
		return strconv.Itoa(int(l)) + " " + v.scale[l]
	}
	return levelWord(l)
}

// relatedLines is the related-questions list, drawn in the question pane:
// the question they relate to, the list with current levels, and what c
// would do, or the confirmation of a copy.
func (q questionnaire) relatedLines(m relatedModal, v *fwView, w, h int) []string {
	st := q.c.styles
	o := v.other
	rs := v.relatedOf(q.c.catalog, v.cur)
	t := v.text[v.cur]
	src, _ := q.s.shown(v.key())
	out := []string{
		spread(st.Label.Render("Related questions in "+o.name), st.Subtle.Render(strconv.Itoa(len(rs.qs))+" found"), w),
		cells.Truncate(t.id+"  "+t.title, w),
		st.Subtle.Render(cells.Truncate("Level here: "+levelName(v, src.Level)+" · shared theme: "+rs.themes, w)),
		"",
	}
	var foot []string
	switch {
	case m.plan != nil:
		foot = q.copyLines(*m.plan, w)
	case src.Level.Rated():
		foot = []string{"", st.Subtle.Render(cells.Truncate(fmt.Sprintf("c copies level %d to the highlighted question (asks first) · enter goes there", src.Level), w))}
	default:
		foot = []string{"", st.Subtle.Render(cells.Truncate("rate this question to copy its level · enter goes to the highlighted one", w))}
	}
	room := max(h-len(out)-len(foot), 1)
	first := clamp(m.sel-room/2, 0, len(rs.qs)-room)
	for i := first; i < len(rs.qs) && i < first+room; i++ {
		j := rs.qs[i]
		cursor := "  "
		if i == m.sel {
			cursor = "▸ "
		}
		line := cells.Fit(cursor+q.mark(o.keyOf(j))+" "+cells.Fit(o.text[j].id, o.idWidth)+"  "+o.text[j].title, w)
		if i == m.sel {
			line = st.Selected.Render(line)
		}
		out = append(out, line)
	}
	if n := len(rs.qs) - room; n > 0 {
		out[0] = spread(st.Label.Render("Related questions in "+o.name), st.Subtle.Render(fmt.Sprintf("%d of %d shown, ↑/↓ scroll", room, len(rs.qs))), w)
	}
	return append(out, foot...)
}

// copyLines is the confirmation of a copy: source level, target question and
// its level now, what happens to its note.
func (q questionnaire) copyLines(p copyPlan, w int) []string {
	st := q.c.styles
	c := confirm{
		question: []string{fmt.Sprintf("Copy level %d from %s %s to %s %s “%s”, which is %s now?",
			p.level, p.fromName, cells.Inert(p.from.Question), p.toName, cells.Inert(p.to.Question), p.toTitle, levelWord(p.was))},
		answers: st.Key.Render("y") + " copies and saves · " + st.Key.Render("n") + " or " + st.Key.Render("esc") + " leaves it",
	}
	what := "Its note will say: “" + cells.Inert(p.provenance) + "”"
	if p.keptNote {
		what = "Its note is kept and this line is added: “" + cells.Inert(p.provenance) + "”"
	}
	lines := c.lines(st, w, false)
	out := append([]string{""}, lines[:len(lines)-1]...)
	out = append(out, cells.Wrap(what, w)...)
	return append(out, lines[len(lines)-1])
}

// relatedPanel is the small unfocused list of related questions in the bars
// column: a heading, as many rows as fit, "+N more" when they do not all fit.
// It is nil when fewer than two rows are free or nothing is related.
func (q questionnaire) relatedPanel(v *fwView, w, rows int) []string {
	if v.other == nil || rows < 2 || w < 12 {
		return nil
	}
	st := q.c.styles
	o := v.other
	rs := v.relatedOf(q.c.catalog, v.cur)
	if len(rs.qs) == 0 {
		return nil
	}
	out := []string{spread(st.Label.Render(cells.Truncate("Related in "+o.name, w-2)), st.Key.Render("r"), w)}
	items := rows - 1
	shown := len(rs.qs)
	if shown > items {
		shown = items - 1
	}
	for _, j := range rs.qs[:shown] {
		out = append(out, cells.Fit(" "+cells.Fit(o.text[j].id, o.idWidth)+" "+q.mark(o.keyOf(j))+" "+o.text[j].short, w))
	}
	if n := len(rs.qs) - shown; n > 0 {
		out = append(out, st.Subtle.Render(cells.Fit(fmt.Sprintf(" +%d more (r)", n), w)))
	}
	return out
}
