package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
)

// relatedSet is what the crosswalk relates one question to: questions of the
// other framework (indexes into its fwView) and the themes that link them.
type relatedSet struct {
	qs     []int
	themes string // "Governance and leadership, Audit"
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

// relate links each framework of the assessment to the first other one a
// crosswalk relates it to. Related questions are found on first use.
func (q *questionnaire) relate() {
	for _, v := range q.fws {
		v.other, v.cw, v.related = nil, nil, nil
		for _, o := range q.fws {
			if o == v {
				continue
			}
			if cw, ok := q.c.catalog.Crosswalk(v.fw.ID, o.fw.ID); ok {
				v.other, v.cw, v.related = o, cw, map[int]relatedSet{}
				break
			}
		}
	}
}

// relatedOf lists the questions of the other framework that share a theme
// (equivalent or partial) with question i of v. It is worked out once per
// question and kept.
func relatedOf(c *common, v *fwView, i int) relatedSet {
	if v.other == nil || i < 0 || i >= len(v.qs) {
		return relatedSet{}
	}
	if rs, ok := v.related[i]; ok {
		return rs
	}
	var rs relatedSet
	_, qs := v.cw.Related(c.catalog, v.fw.ID, v.qs[i])
	for _, rq := range qs {
		if j := v.other.fw.QuestionIndex(rq.ID); j >= 0 {
			rs.qs = append(rs.qs, j)
		}
	}
	var themes []string
	for _, t := range v.cw.Themes {
		if t.Strength == model.NoMatch {
			continue
		}
		for _, r := range t.Refs[v.fw.ID] {
			if model.Covers(r, v.qs[i].Ref) {
				themes = append(themes, inert(t.Title))
				break
			}
		}
	}
	rs.themes = strings.Join(themes, ", ")
	v.related[i] = rs
	return rs
}

// openRelated focuses the related questions of the current question.
func (q questionnaire) openRelated() (questionnaire, tea.Cmd) {
	v := q.active()
	if v.other == nil {
		if len(q.fws) < 2 {
			q.status, q.statusErr = "related questions link two frameworks; this assessment covers one", false
		} else {
			q.status, q.statusErr = "no crosswalk relates "+v.name+" to the assessment's other frameworks", false
		}
		return q, nil
	}
	if len(relatedOf(q.c, v, v.cur).qs) == 0 {
		q.status, q.statusErr = "no question of "+v.other.name+" shares a theme with "+v.text[v.cur].id, false
		return q, nil
	}
	q.mode, q.relSel = qRelated, 0
	return q, nil
}

func (q questionnaire) updateRelated(msg tea.KeyPressMsg) (questionnaire, tea.Cmd) {
	k := q.c.keys.Related
	v := q.active()
	rs := relatedOf(q.c, v, v.cur)
	q.status, q.statusErr = clearErr(q.status, q.statusErr)
	switch {
	case key.Matches(msg, k.Quit):
		return q, send(quitMsg{})
	case key.Matches(msg, k.Close):
		q.mode = qBrowse
	case key.Matches(msg, k.Up):
		q.relSel = clamp(q.relSel-1, 0, len(rs.qs)-1)
	case key.Matches(msg, k.Down):
		q.relSel = clamp(q.relSel+1, 0, len(rs.qs)-1)
	case key.Matches(msg, k.Go):
		if len(rs.qs) == 0 {
			q.mode = qBrowse
			return q, nil
		}
		q.mode = qBrowse
		return q.jump(model.Key{Framework: v.other.fw.ID, Question: v.other.qs[rs.qs[q.relSel]].ID})
	case key.Matches(msg, k.Copy):
		return q.planCopy(v, rs)
	}
	return q, nil
}

// planCopy checks that the current level can be copied to the highlighted
// related question and asks for confirmation.
func (q questionnaire) planCopy(v *fwView, rs relatedSet) (questionnaire, tea.Cmd) {
	if len(rs.qs) == 0 {
		return q, nil
	}
	o := v.other
	j := rs.qs[clamp(q.relSel, 0, len(rs.qs)-1)]
	from, to := v.key(), model.Key{Framework: o.fw.ID, Question: o.qs[j].ID}
	src, _ := q.shown(from)
	dst, _ := q.shown(to)
	if !src.Level.Rated() {
		q.status, q.statusErr = "rate "+v.text[v.cur].id+" first: only a level 0-5 is copied (N/A needs its own reason)", false
		return q, nil
	}
	if dst.Level == src.Level {
		q.status, q.statusErr = fmt.Sprintf("%s %s is at level %d already; nothing to copy", o.name, o.text[j].id, src.Level), false
		return q, nil
	}
	p := copyPlan{from: from, to: to, fromName: v.name, toName: o.name, toTitle: o.text[j].title,
		level: src.Level, was: dst.Level}
	p.provenance = fmt.Sprintf("copied from %s %s (level %d) on %s", v.fw.Name(), from.Question, src.Level, q.c.now().Format("2006-01-02"))
	p.note = p.provenance
	if strings.TrimSpace(dst.Note) != "" {
		p.note = strings.TrimRight(dst.Note, "\n") + "\n" + p.provenance
		p.keptNote = true
	}
	q.cp, q.mode = p, qCopy
	return q, nil
}

func (q questionnaire) updateCopy(msg tea.KeyPressMsg) (questionnaire, tea.Cmd) {
	k := q.c.keys.Copy
	switch {
	case key.Matches(msg, k.Quit):
		return q, send(quitMsg{})
	case key.Matches(msg, k.No):
		q.mode = qRelated
		q.status, q.statusErr = "not copied", false
	case key.Matches(msg, k.Yes):
		p := q.cp
		q.mode = qRelated
		lvl, note := p.level, p.note
		seq, cmd := q.saveKey(p.to, model.Change{Level: &lvl, Note: &note})
		q.copySeq = seq
		q.copyDone = fmt.Sprintf("copied level %d to %s %s (was %s)", p.level, p.toName, inert(p.to.Question), levelWord(p.was))
		q.status, q.statusErr = "copying…", false
		// Save moves the stored resume point to the question it saves; the
		// user has not moved, so put it back: the other framework's position
		// first, then this one's (which also makes it the framework to resume).
		cmds := []tea.Cmd{cmd}
		if v := q.active(); v != nil && v.other != nil {
			if o := v.other; len(o.qs) > 0 && o.key() == p.to {
				o.picker = int(lvl) // the other framework's current question
			}
			_, c1 := saveResume(q.c, q.id, v.other.key())
			_, c2 := saveResume(q.c, q.id, v.key())
			cmds = append(cmds, c1, c2)
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

// jump makes a question of any of the assessment's frameworks current, as a
// move: the resume point is saved and changes made elsewhere are looked for.
func (q questionnaire) jump(k model.Key) (questionnaire, tea.Cmd) {
	for i, v := range q.fws {
		if v.fw.ID != k.Framework {
			continue
		}
		j := v.fw.QuestionIndex(k.Question)
		if j < 0 {
			break
		}
		switched := q.fi != i
		q.fi = i
		q.mode = qBrowse
		if cmd := q.moveTo(j); cmd != nil || !switched {
			return q, cmd
		}
		return q, tea.Batch(q.saveResume(), checkChanged(q.c, q.id))
	}
	q.status, q.statusErr = "question "+inert(k.Qualified())+" is not in this assessment", true
	return q, nil
}

// relatedLines is the focused related-questions list, drawn in the question
// pane: the question they relate to, the list with current levels, and what
// c would do, or the confirmation of a copy.
func (q questionnaire) relatedLines(v *fwView, w, h int) []string {
	st := q.c.styles
	o := v.other
	rs := relatedOf(q.c, v, v.cur)
	t := v.text[v.cur]
	src, _ := q.shown(v.key())
	out := []string{
		spread(st.Label.Render("Related questions in "+o.name), st.Subtle.Render(strconv.Itoa(len(rs.qs))+" found"), w),
		truncate(t.id+"  "+t.title, w),
		st.Subtle.Render(truncate("Level here: "+levelName(v, src.Level)+" · shared theme: "+rs.themes, w)),
		"",
	}
	var foot []string
	if q.mode == qCopy {
		foot = q.copyLines(w)
	} else if src.Level.Rated() {
		foot = []string{"", st.Subtle.Render(truncate(fmt.Sprintf("c copies level %d to the highlighted question (asks first) · enter goes there", src.Level), w))}
	} else {
		foot = []string{"", st.Subtle.Render(truncate("rate this question to copy its level · enter goes to the highlighted one", w))}
	}
	room := max(h-len(out)-len(foot), 1)
	first := clamp(q.relSel-room/2, 0, len(rs.qs)-room)
	for i := first; i < len(rs.qs) && i < first+room; i++ {
		j := rs.qs[i]
		k := model.Key{Framework: o.fw.ID, Question: o.qs[j].ID}
		cursor := "  "
		if i == q.relSel {
			cursor = "▸ "
		}
		line := fit(cursor+q.mark(k)+" "+fit(o.text[j].id, o.idWidth)+"  "+o.text[j].title, w)
		if i == q.relSel {
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
func (q questionnaire) copyLines(w int) []string {
	st := q.c.styles
	p := q.cp
	var out []string
	out = append(out, "")
	text := fmt.Sprintf("Copy level %d from %s %s to %s %s “%s”, which is %s now?",
		p.level, p.fromName, inert(p.from.Question), p.toName, inert(p.to.Question), p.toTitle, levelWord(p.was))
	for _, l := range wrap(text, w) {
		out = append(out, st.Title.Render(l))
	}
	what := "Its note will say: “" + inert(p.provenance) + "”"
	if p.keptNote {
		what = "Its note is kept and this line is added: “" + inert(p.provenance) + "”"
	}
	out = append(out, wrap(what, w)...)
	out = append(out, st.Key.Render("y")+" copies and saves · "+st.Key.Render("n")+" or "+st.Key.Render("esc")+" leaves it")
	return out
}

// levelName is "3 Defined", "N/A" or "unanswered".
func levelName(v *fwView, l model.Level) string {
	switch {
	case l.Rated():
		return strconv.Itoa(int(l)) + " " + v.scale[l]
	case l == model.NotApplicable:
		return "N/A"
	}
	return "unanswered"
}

// relatedPanel is the small unfocused list of related questions in the bars
// column: a heading, as many rows as fit, "+N more" when they do not all fit.
// It is nil when fewer than two rows are free or nothing is related.
func (q *questionnaire) relatedPanel(v *fwView, w, rows int) []string {
	if v.other == nil || rows < 2 || w < 12 {
		return nil
	}
	st := q.c.styles
	o := v.other
	rs := relatedOf(q.c, v, v.cur)
	if len(rs.qs) == 0 {
		return nil
	}
	out := []string{spread(st.Label.Render(truncate("Related in "+o.name, w-2)), st.Key.Render("r"), w)}
	items := rows - 1
	shown := len(rs.qs)
	if shown > items {
		shown = items - 1
	}
	for _, j := range rs.qs[:shown] {
		k := model.Key{Framework: o.fw.ID, Question: o.qs[j].ID}
		out = append(out, fit(" "+fit(o.text[j].id, o.idWidth)+" "+q.mark(k)+" "+o.text[j].short, w))
	}
	if n := len(rs.qs) - shown; n > 0 {
		out = append(out, st.Subtle.Render(fit(fmt.Sprintf(" +%d more (r)", n), w)))
	}
	return out
}
