package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// Layout thresholds of the questionnaire.
const (
	wideWidth   = 110 // three panes: outline | question | bars
	mediumWidth = 80  // question | bars, the outline behind a key
	paneSep     = " │ "
)

// qLayout is how the questionnaire divides the screen; a width of 0 hides a pane.
type qLayout struct {
	outlineW, questionW, barsW int
	body                       int // rows between the header and the status line
}

func (q questionnaire) layout() qLayout {
	w := q.width
	l := qLayout{body: max(q.height, 0)}
	sep := cells.Width(paneSep)
	wide := w >= wideWidth
	outline := wide != q.outlineToggled
	switch {
	case wide && outline:
		l.outlineW = clamp(w/4, 26, 44)
		l.barsW = clamp(w/4, 27, 40)
		l.questionW = w - l.outlineW - l.barsW - 2*sep
	case wide:
		l.barsW = clamp(w*27/100, 30, 40)
		l.questionW = w - l.barsW - sep
	case w >= mediumWidth && outline:
		l.outlineW = 28
		l.questionW = w - l.outlineW - sep
	case w >= mediumWidth:
		l.barsW = clamp(w/4, 20, 28)
		l.questionW = w - l.barsW - sep
	case outline:
		l.outlineW = w // narrow: the outline takes the question's place
	default:
		l.questionW = w
	}
	return l
}

// editorHeight is the note editor's rows: what the question pane has left
// under the question's title, at least three and at most twelve (each row
// drawn costs time on every key).
func (q questionnaire) editorHeight(l qLayout) int {
	return clamp(l.body-4, 3, 12)
}

func (q questionnaire) View() page {
	st := q.c.styles
	s := q.s
	if !s.ready() {
		return page{header: q.c.header("", "", q.width), body: []string{"", "  Opening the assessment…"}}
	}
	v := s.active()
	if v == nil {
		return page{header: q.c.header(st.Title.Render(cells.Inert(s.a.Name)), "", q.width),
			body: []string{"", "  None of this assessment's frameworks is loaded; esc goes back."}}
	}
	l := q.layout()
	var cols [][]string
	var widths []int
	if l.outlineW > 0 {
		cols, widths = append(cols, q.outlinePane(v, l.outlineW, l.body)), append(widths, l.outlineW)
	}
	if l.questionW > 0 {
		lines, _ := q.questionLines(v, l.questionW, l.body)
		cols, widths = append(cols, cells.Block(lines, l.questionW, l.body)), append(widths, l.questionW)
	}
	if l.barsW > 0 {
		cols, widths = append(cols, q.barsPane(v, l.barsW, l.body)), append(widths, l.barsW)
	}
	body := make([]string, l.body)
	sep := st.Sep.Render(paneSep)
	var b strings.Builder
	for r := range body {
		b.Reset()
		for c, col := range cols {
			if c > 0 {
				b.WriteString(sep)
			}
			if r < len(col) {
				b.WriteString(col[r])
			} else {
				b.WriteString(strings.Repeat(" ", widths[c]))
			}
		}
		body[r] = b.String()
	}
	right, isErr := s.saveStatus()
	return page{header: q.header(v, l), body: body, right: right, rightErr: isErr}
}

// header is the top line: assessment, frameworks (the active one in
// brackets), where the user is.
func (q questionnaire) header(v *fwView, l qLayout) string {
	st := q.c.styles
	var tabs []string
	for i, f := range q.s.fws {
		if i == q.s.fi {
			tabs = append(tabs, st.TabActive.Render("["+f.name+"]"))
		} else {
			tabs = append(tabs, st.Tab.Render(" "+f.name+" "))
		}
	}
	tabLine := strings.Join(tabs, " ")
	left := cells.Width("assay · ") + 4 + 2 + cells.Width(tabLine) + 1 // the name gets 4 cells at least
	pos := fmt.Sprintf("question %d of %d", v.cur+1, len(v.qs))
	if l.barsW == 0 {
		// No bars pane: the header carries the figures, each labelled, as
		// fully as the width allows.
		fig, done := v.score.Score.Figure("–"), percent(v.score.Completion())
		for _, f := range []string{"maturity %s · %d%% done · question %d/%d", "%s maturity · %d%% done · q %d/%d", "%s · %d%% done · q %d/%d"} {
			if pos = fmt.Sprintf(f, fig, done, v.cur+1, len(v.qs)); left+cells.Width(pos) <= q.width {
				break
			}
		}
	}
	room := q.width - cells.Width("assay · ") - 2 - cells.Width(tabLine) - 1 - cells.Width(pos)
	name := cells.Truncate(cells.Inert(q.s.a.Name), max(room, 4))
	return q.c.header(st.Title.Render(name)+"  "+tabLine, pos, q.width)
}

// mark is a question's state in four cells, readable without colour:
// level ("·" unanswered, 0-5, "na"), "!" when flagged, then "…" while a save
// is on its way, "✗" when the newest save failed, "≠" when it is disputed.
func (q questionnaire) mark(k model.Key) string {
	a, s := q.s.shown(k)
	lvl := "·"
	switch {
	case a.Level.Rated():
		lvl = strconv.Itoa(int(a.Level))
	case a.Level == model.NotApplicable:
		lvl = "na"
	}
	flag := ""
	if a.Flagged {
		flag = "!"
	}
	state := " "
	if q.s.dispute(k) != nil {
		state = "≠"
	}
	if s != nil {
		switch {
		case s.anyFailed():
			state = "✗"
		case s.anyPending():
			state = "…"
		}
	}
	return cells.Fit(lvl+flag, 3) + state
}

// outlinePane lists the framework's questions under their top-level
// sections, scrolled so that the current one is in view.
func (q questionnaire) outlinePane(v *fwView, w, h int) []string {
	st := q.c.styles
	out := make([]string, 0, h)
	if h <= 0 {
		return out
	}
	cur := v.rowOf[v.cur]
	top := clamp(cur-h/3, 0, len(v.rows)-h)
	for r := top; r < len(v.rows) && len(out) < h; r++ {
		row := v.rows[r]
		if row.q < 0 {
			out = append(out, st.Title.Render(cells.Fit(row.label, w)))
			continue
		}
		t := v.text[row.q]
		k := v.keyOf(row.q)
		cursor := " "
		if row.q == v.cur {
			cursor = "▸"
		}
		line := cells.Fit(cursor+q.mark(k)+" "+cells.Fit(t.id, v.idWidth)+" "+row.label, w)
		if row.q == v.cur {
			line = st.Current.Render(line)
		}
		out = append(out, line)
	}
	return cells.Block(out, w, h)
}

// barsPane shows the maturity of each top-level section on the 0-5 scale with
// its figure and completion, then the framework's overall figures.
func (q questionnaire) barsPane(v *fwView, w, h int) []string {
	st := q.c.styles
	if h <= 0 {
		return nil
	}
	const figW, pctW = 3, 4
	rest := w - v.refWidth - 1 - 1 - figW - 1 - pctW - 1 // cursor, spaces
	barW, titleW := rest, 0
	if rest >= 16 {
		barW = clamp(rest/2, 6, 10)
		titleW = rest - barW - 1
	}
	barW = max(barW, 1)
	row := func(cursor, ref, title string, sc model.Score) string {
		s := cursor + cells.Fit(ref, v.refWidth) + " "
		if titleW > 0 {
			s += cells.Fit(title, titleW) + " "
		}
		return s + q.bar(sc, barW) + " " + cells.FitRight(sc.Figure("–"), figW) + " " + cells.FitRight(strconv.Itoa(percent(sc.Completion()))+"%", pctW)
	}
	head := []string{
		st.Title.Render(cells.Fit("Maturity", w-12)) + st.Subtle.Render(cells.FitRight(fmt.Sprintf("target %d", q.s.a.Target), 12)),
	}
	foot := []string{
		"",
		st.Title.Render(spread(" Overall "+v.score.Score.Figure("–"), strconv.Itoa(percent(v.score.Completion()))+"%", w)),
		" " + q.bar(v.score.Score, max(w-1, 1)),
		st.Subtle.Render(cells.Fit(fmt.Sprintf(" %d/%d done, %d N/A", v.score.Answered(), v.score.Total, v.score.NA), w)),
	}
	room := h - len(head) - len(foot)
	if room < 1 {
		foot, room = nil, h-len(head)
	}
	// The related questions of the other framework, where the sections leave room.
	var related []string
	free := 0
	if _, focused := q.modal.(relatedModal); !focused {
		free = room - len(v.score.Sections) - 1
	}
	if free >= 2 {
		related = q.relatedPanel(v, w, free)
		if len(related) > 0 {
			room = len(v.score.Sections)
		}
	}
	curTop := v.top[v.cur]
	first := clamp(curTop-room/2, 0, len(v.score.Sections)-room)
	out := head
	for i := first; i < len(v.score.Sections) && i < first+room; i++ {
		ss := v.score.Sections[i]
		cursor := " "
		if i == curTop {
			cursor = "▸"
		}
		line := row(cursor, cells.Inert(ss.Section.Ref), v.tops[i], ss.Score)
		if i == curTop {
			line = st.Title.Render(line)
		}
		out = append(out, line)
	}
	if len(related) > 0 {
		out = append(out, "")
		out = append(out, related...)
	}
	for len(out) < h-len(foot) {
		out = append(out, "")
	}
	out = append(out, foot...)
	return cells.Block(out, w, h)
}

// bar draws a maturity on the 0-5 scale in w cells (see common.bar).
func (q questionnaire) bar(sc model.Score, w int) string { return q.c.bar(sc, w, -1) }

// percent is a share in whole per cent, as every screen and `assay show` give it.
func percent(x float64) int { return model.Percent(x) }

// minGuidance is the fewest lines worth giving to guidance in auto mode.
const minGuidance = 8

// questionLines draws the question pane: breadcrumb, question, guidance,
// level picker with the highlighted level's descriptor, note. Guidance and
// evidence are shown when at least minGuidance lines are left for them
// beside the full picker (or when switched on with g, folding the picker to
// one line if need be); when they do not fit whole they scroll with
// pgup/pgdown. shown reports whether guidance is on screen.
func (q questionnaire) questionLines(v *fwView, w, h int) (lines []string, shown bool) {
	if w <= 0 || h <= 0 {
		return nil, false
	}
	switch m := q.modal.(type) {
	case finder:
		return q.findLines(m, w, h), false
	case relatedModal:
		return q.relatedLines(m, v, w, h), false
	case retiredModal:
		return q.retiredLines(m, v, w, h), false
	case newsModal:
		return q.newsLines(w), false
	case noteModal:
		return q.editorLines(m, v, w), false
	}
	st := q.c.styles
	t := v.text[v.cur]
	k := v.key()
	a, s := q.s.shown(k)

	titleLines := cells.Wrap(t.id+"  "+t.title, w)
	if len(titleLines) > 3 {
		titleLines = append(titleLines[:2:2], cells.Truncate(strings.Join(titleLines[2:], " "), w))
	}
	var disputed []string
	if d := q.s.dispute(k); d != nil {
		disputed = []string{st.Error.Render(cells.Truncate("≠ disputed: "+d.Spread().String()+" · R reconciles", w))}
	}
	text := cells.Wrap(t.text, w)
	picker := q.pickerFull(v, a, s, w)
	desc := q.descriptor(v, t, w)
	note := q.noteLines(a, s, w, h)
	if q.modal == nil {
		note = append(note, q.actionLine(k, w)...)
	}

	// crumb, title, [disputed], blank, text, [guidance], blank, picker, descriptor, blank, note
	fixed := 1 + len(titleLines) + len(disputed) + 1 + 1 + len(desc) + 1 + len(note)
	blanks := 3 // separators: after the title, before the picker, before the note
	var guide []string
	if q.modal == nil && q.guidance != guidanceOff {
		room := h - fixed - len(text) - len(picker)
		switch {
		case room >= minGuidance:
			shown = true
		case q.guidance == guidanceOn:
			picker = q.pickerCompact(v, a, s, w)
			room = h - fixed - len(text) - len(picker)
			shown = room >= 3
		}
		if shown {
			guide = q.guidanceLines(t, w)
			// A line or two short: give guidance the blank separators.
			if extra := len(guide) - room; extra > 0 && extra <= 2 {
				blanks -= extra
				fixed -= extra
				room += extra
			}
			if len(guide) > room {
				off := clamp(q.guideOff, 0, len(guide)-(room-1))
				end := off + room - 1
				more := fmt.Sprintf("pgup/pgdn: lines %d-%d of %d", off+1, end, len(guide))
				guide = append(guide[off:end:end], st.Subtle.Render(cells.FitRight(more, w)))
			}
		}
	}
	// Short of a few lines: drop the blank separators before folding the picker.
	if over := fixed + len(text) + len(guide) + len(picker) - h; over > 0 && over <= blanks && len(guide) == 0 && blanks == 3 {
		blanks -= over
		fixed -= over
	}
	if fixed+len(text)+len(guide)+len(picker) > h {
		picker = q.pickerCompact(v, a, s, w)
		fixed += 3 - blanks
		blanks = 3
	}
	if over := fixed + len(text) + len(guide) + len(picker) - h; over > 0 && len(text) > 1 {
		keep := max(len(text)-over, 1)
		text = append(text[:keep-1:keep-1], cells.Truncate(text[keep-1]+" …", w))
	}

	hintG := ""
	if !shown && q.modal == nil && t.guidance != "" {
		hintG = "g guidance"
	}
	// Tags beside the clause: new or reworded, binding (a regulator's
	// notice), then the guidance hint.
	var tags []string
	if tag := v.changed[v.cur]; tag != "" {
		tags = append(tags, st.Key.Render(tag))
	}
	if t.binding {
		tags = append(tags, st.Key.Render("binding"))
	}
	if hintG != "" {
		tags = append(tags, st.Subtle.Render(hintG))
	}
	right := strings.Join(tags, st.Subtle.Render(" · "))
	lines = append(lines, spread(st.Subtle.Render(v.crumb[v.cur]), right, w))
	for _, l := range titleLines {
		lines = append(lines, st.Title.Render(l))
	}
	lines = append(lines, disputed...)
	blank := func(i int) {
		if i < blanks {
			lines = append(lines, "")
		}
	}
	blank(2)
	lines = append(lines, text...)
	lines = append(lines, guide...)
	blank(1)
	lines = append(lines, picker...)
	lines = append(lines, desc...)
	blank(0)
	lines = append(lines, note...)
	return lines, shown
}

// noteLines is the note: "Note  text…" (at most a few lines), the editor
// while it is open, or the N/A reason prompt.
func (q questionnaire) noteLines(a model.Answer, s *saveState, w, h int) []string {
	st := q.c.styles
	if m, ok := q.modal.(reasonModal); ok {
		return m.p.lines(st, w)
	}
	if m, ok := q.modal.(actionModal); ok {
		return m.lines(st, w)
	}
	state := ""
	if s != nil {
		switch {
		case s.failed(fNote):
			state = st.Error.Render(" ✗ not saved")
		case s.pending(fNote):
			state = st.Subtle.Render(" … saving")
		}
	}
	label := st.Label.Render("Note") + "  "
	const indent = 6
	if a.Note == "" {
		return []string{cells.Truncate(label+st.Subtle.Render("none (e writes one)")+state, w)}
	}
	maxLines := clamp(h/8, 1, 4)
	textW := max(w-indent-cells.Width(state), 1)
	// Only the start of a long note is wrapped: what the preview can show.
	text, cut := cells.Head(a.Note, maxLines, (maxLines+1)*textW*8)
	lines := cells.Wrap(cells.InertLines(text), textW)
	if len(lines) == 0 {
		lines = []string{""}
	}
	if len(lines) > maxLines || cut {
		n := min(len(lines), maxLines)
		lines = append(lines[:n-1:n-1], cells.Truncate(lines[n-1]+" …", w-indent))
	}
	out := []string{label + lines[0] + state}
	for _, l := range lines[1:] {
		out = append(out, strings.Repeat(" ", indent)+l)
	}
	return out
}

// editorLines is the question pane while the note editor is open: where
// the question is, its title, and the editor in all the room left.
func (q questionnaire) editorLines(m noteModal, v *fwView, w int) []string {
	st := q.c.styles
	t := v.text[v.cur]
	out := []string{
		st.Subtle.Render(cells.Truncate(v.crumb[v.cur], w)),
		st.Title.Render(cells.Truncate(t.id+"  "+t.title, w)),
		"",
		spread(st.Label.Render("Note"), st.Subtle.Render("esc saves it"), w),
	}
	for _, l := range strings.Split(m.ed.View(), "\n") {
		out = append(out, cells.Fit(l, w))
	}
	return out
}
