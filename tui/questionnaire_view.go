package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/assaytui/assay/model"
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
	w, h := q.width, q.height
	l := qLayout{body: max(h-3, 0)}
	sep := width(paneSep)
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

// resizeEditors fits the text inputs to the question pane.
func (q *questionnaire) resizeEditors() {
	l := q.layout()
	w := max(l.questionW, 10)
	q.note.SetWidth(w)
	q.note.SetHeight(clamp(l.body/4, 3, 8))
	q.reason.SetWidth(max(w-width(q.reason.Prompt)-1, 1))
	q.find.SetWidth(max(w-width(q.find.Prompt)-1, 1))
}

func (q questionnaire) View() string {
	st := q.c.styles
	if q.loading || q.id == "" {
		return frame(st, q.width, q.height, st.Header.Render(fit("assay", q.width)),
			[]string{"", "  Opening the assessment…"}, q.status, q.statusErr, "", q.hint())
	}
	v := q.active()
	if v == nil {
		return frame(st, q.width, q.height, st.Header.Render(fit("assay · "+inert(q.a.Name), q.width)),
			[]string{"", "  None of this assessment's frameworks is loaded; esc goes back."}, q.status, q.statusErr, "", q.hint())
	}
	l := q.layout()
	var cols [][]string
	var widths []int
	if l.outlineW > 0 {
		cols, widths = append(cols, q.outlinePane(v, l.outlineW, l.body)), append(widths, l.outlineW)
	}
	if l.questionW > 0 {
		lines, _ := q.questionLines(v, l.questionW, l.body)
		cols, widths = append(cols, block(lines, l.questionW, l.body)), append(widths, l.questionW)
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
	right := ""
	if n := len(q.unsaved()); n > 0 {
		right = st.Error.Render(fmt.Sprintf("✗ %d not saved", n))
	}
	return frame(st, q.width, q.height, q.header(v, l), body, q.status, q.statusErr, right, q.hint())
}

// header is the top line: assessment, frameworks (the active one in
// brackets), where the user is.
func (q questionnaire) header(v *fwView, l qLayout) string {
	st := q.c.styles
	var tabs []string
	for i, f := range q.fws {
		if i == q.fi {
			tabs = append(tabs, st.TabActive.Render("["+f.name+"]"))
		} else {
			tabs = append(tabs, st.Tab.Render(" "+f.name+" "))
		}
	}
	pos := fmt.Sprintf("question %d of %d", v.cur+1, len(v.qs))
	if l.barsW == 0 {
		pos = fmt.Sprintf("maturity %s · %d%% · %d/%d", figure(v.score.Score), percent(v.score.Completion()), v.cur+1, len(v.qs))
	}
	tabLine := strings.Join(tabs, " ")
	room := q.width - width("assay · ") - 2 - width(tabLine) - 1 - width(pos)
	name := truncate(inert(q.a.Name), max(room, 8))
	left := st.Header.Render("assay") + " · " + st.Title.Render(name) + "  " + tabLine
	return spread(left, st.Subtle.Render(pos), q.width)
}

func (q questionnaire) hint() string {
	k := q.c.keys
	switch q.mode {
	case qNote:
		return q.c.hint("note", k.Note, q.width)
	case qReason:
		return q.c.hint("reason", k.Reason, q.width)
	case qFind:
		return q.c.hint("find", k.Find, q.width)
	case qRelated:
		return q.c.hint("related", k.Related, q.width)
	case qCopy:
		return q.c.hint("copy", k.Copy, q.width)
	}
	return q.c.hint("questionnaire", k.Questionnaire, q.width)
}

// mark is a question's state in four cells, readable without colour:
// level ("·" unanswered, 0-5, "na"), "!" when flagged, then "…" while a save
// is on its way or "✗" when the newest save failed.
func (q *questionnaire) mark(k model.Key) string {
	a, s := q.shown(k)
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
	if s != nil {
		switch {
		case s.anyFailed():
			state = "✗"
		case s.anyPending():
			state = "…"
		}
	}
	return fit(lvl+flag, 3) + state
}

// outlinePane lists the framework's questions under their top-level
// sections, scrolled so that the current one is in view.
func (q *questionnaire) outlinePane(v *fwView, w, h int) []string {
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
			out = append(out, st.Title.Render(fit(row.label, w)))
			continue
		}
		t := v.text[row.q]
		k := model.Key{Framework: v.fw.ID, Question: v.qs[row.q].ID}
		cursor := " "
		if row.q == v.cur {
			cursor = "▸"
		}
		line := fit(cursor+q.mark(k)+" "+fit(t.id, v.idWidth)+" "+row.label, w)
		if row.q == v.cur {
			line = st.Current.Render(line)
		}
		out = append(out, line)
	}
	return block(out, w, h)
}

// barsPane shows the maturity of each top-level section on the 0-5 scale with
// its figure and completion, then the framework's overall figures.
func (q *questionnaire) barsPane(v *fwView, w, h int) []string {
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
		s := cursor + fit(ref, v.refWidth) + " "
		if titleW > 0 {
			s += fit(title, titleW) + " "
		}
		return s + q.bar(sc, barW) + " " + fitRight(figure(sc), figW) + " " + fitRight(strconv.Itoa(percent(sc.Completion()))+"%", pctW)
	}
	head := []string{
		st.Title.Render(fit("Maturity", w-12)) + st.Subtle.Render(fitRight(fmt.Sprintf("target %d", q.a.Target), 12)),
	}
	foot := []string{
		"",
		st.Title.Render(spread(" Overall "+figure(v.score.Score), strconv.Itoa(percent(v.score.Completion()))+"%", w)),
		" " + q.bar(v.score.Score, max(w-1, 1)),
		st.Subtle.Render(fit(fmt.Sprintf(" %d/%d done, %d N/A", v.score.Answered(), v.score.Total, v.score.NA), w)),
	}
	room := h - len(head) - len(foot)
	if room < 1 {
		foot, room = nil, h-len(head)
	}
	// The related questions of the other framework, where the sections leave room.
	var related []string
	if free := room - len(v.score.Sections) - 1; free >= 2 && q.mode != qRelated && q.mode != qCopy {
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
		line := row(cursor, inert(ss.Section.Ref), v.tops[i], ss.Score)
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
	return block(out, w, h)
}

// bar draws a maturity on the 0-5 scale in w cells (see common.bar).
func (q *questionnaire) bar(sc model.Score, w int) string { return q.c.bar(sc, w, -1) }

// figure is a maturity with one decimal, or "–" when nothing is rated.
func figure(sc model.Score) string {
	if !sc.HasMaturity() {
		return "–"
	}
	return strconv.FormatFloat(sc.Maturity, 'f', 1, 64)
}

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
	switch q.mode {
	case qFind:
		return q.findLines(v, w, h), false
	case qRelated, qCopy:
		return q.relatedLines(v, w, h), false
	}
	st := q.c.styles
	t := v.text[v.cur]
	k := v.key()
	a, s := q.shown(k)

	titleLines := wrap(t.id+"  "+t.title, w)
	if len(titleLines) > 3 {
		titleLines = append(titleLines[:2:2], truncate(strings.Join(titleLines[2:], " "), w))
	}
	text := wrap(t.text, w)
	picker := q.pickerFull(v, a, s, w)
	desc := q.descriptor(v, t, w)
	note := q.noteLines(a, s, w, h)

	// crumb, title, blank, text, [guidance], blank, picker, descriptor, blank, note
	fixed := 1 + len(titleLines) + 1 + 1 + len(desc) + 1 + len(note)
	blanks := 3 // separators: after the title, before the picker, before the note
	var guide []string
	if q.mode == qBrowse && q.guidance != guidanceOff {
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
				guide = append(guide[off:end:end], st.Subtle.Render(fitRight(more, w)))
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
		text = append(text[:keep-1:keep-1], truncate(text[keep-1]+" …", w))
	}

	hintG := ""
	if !shown && q.mode == qBrowse && t.guidance != "" {
		hintG = "g guidance"
	}
	lines = append(lines, spread(st.Subtle.Render(v.crumb[v.cur]), st.Subtle.Render(hintG), w))
	for _, l := range titleLines {
		lines = append(lines, st.Title.Render(l))
	}
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

// guidanceLines is what an assessor looks for and examples of evidence.
func (q questionnaire) guidanceLines(t qtext, w int) []string {
	st := q.c.styles
	var out []string
	if t.guidance != "" {
		out = append(out, "", st.Label.Render("Guidance"))
		out = append(out, wrap(t.guidance, w)...)
	}
	if len(t.evidence) > 0 {
		out = append(out, st.Label.Render("Evidence"))
		for _, e := range t.evidence {
			for i, l := range wrap(e, max(w-2, 1)) {
				if i == 0 {
					out = append(out, "• "+l)
				} else {
					out = append(out, "  "+l)
				}
			}
		}
	}
	return out
}

// pickerLabel is a picker row's level and name.
func pickerLabel(v *fwView, r int) (string, string) {
	if r == pickNA {
		return "N/A", "Not applicable"
	}
	return strconv.Itoa(r), v.scale[r]
}

// answerMarks says, per picker row, what the stored and pending answers are.
func (q questionnaire) answerMarks(a model.Answer, s *saveState) (saved, saving, failed int) {
	saved, saving, failed = -1, -1, -1
	confirmed := a
	if s != nil {
		k := model.Key{Framework: a.Framework, Question: a.QuestionID}
		confirmed = q.answers.Get(k.Framework, k.Question)
		if s.pending(fLevel) {
			saving = pickerOf(s.want.Level)
			if !s.want.Level.Given() {
				saving = -2 // clearing
			}
		}
		if s.failed(fLevel) {
			failed = pickerOf(s.want.Level)
			if !s.want.Level.Given() {
				failed = -2
			}
		}
	}
	if confirmed.Level.Given() {
		saved = pickerOf(confirmed.Level)
	}
	return
}

func (q questionnaire) pickerFull(v *fwView, a model.Answer, s *saveState, w int) []string {
	st := q.c.styles
	saved, saving, failed := q.answerMarks(a, s)
	headRight := ""
	if a.Flagged {
		headRight = st.Flag.Render("! flagged for review")
	}
	out := []string{spread(st.Label.Render("Level"), headRight, w)}
	for r := 0; r <= pickNA; r++ {
		lvl, name := pickerLabel(v, r)
		cursor := "  "
		if r == v.picker {
			cursor = "▸ "
		}
		var marks []string
		if r == saved {
			marks = append(marks, "● saved")
		}
		if r == saving {
			marks = append(marks, "… saving")
		}
		if r == failed {
			marks = append(marks, "✗ not saved")
		}
		line := cursor + fit(lvl, 3) + " " + fit(name, 15) + " " + strings.Join(marks, " ")
		line = fit(line, w)
		if r == v.picker {
			line = st.Selected.Render(line)
		}
		out = append(out, line)
	}
	if saving == -2 {
		out = append(out[:1:1], append([]string{st.Subtle.Render(fit("  … clearing the answer", w))}, out[1:]...)...)
	}
	if failed == -2 {
		out = append(out, st.Error.Render(fit("  ✗ clearing the answer was not saved", w)))
	}
	return out
}

func (q questionnaire) pickerCompact(v *fwView, a model.Answer, s *saveState, w int) []string {
	st := q.c.styles
	saved, saving, failed := q.answerMarks(a, s)
	var b strings.Builder
	b.WriteString("Level ")
	for r := 0; r <= pickNA; r++ {
		lvl, _ := pickerLabel(v, r)
		if r == v.picker {
			b.WriteString("[" + lvl + "]")
		} else {
			b.WriteString(" " + lvl + " ")
		}
	}
	state := "unanswered"
	switch {
	case failed != -1:
		state = "✗ not saved"
	case saving != -1:
		state = "… saving"
	case saved >= 0:
		lvl, _ := pickerLabel(v, saved)
		state = "● saved " + lvl
	}
	if a.Flagged {
		state += " · ! flagged"
	}
	line := fit(b.String()+"  "+state, w)
	if failed != -1 {
		line = st.Error.Render(line)
	}
	return []string{line}
}

// descriptor is what the highlighted level means for this question.
func (q questionnaire) descriptor(v *fwView, t qtext, w int) []string {
	st := q.c.styles
	lvl, name := pickerLabel(v, v.picker)
	text := "the question does not apply here; the note says why."
	if v.picker < pickNA {
		text = t.levels[v.picker]
	}
	lines := wrap(lvl+" "+name+": "+text, max(w-2, 1))
	for i, l := range lines {
		lines[i] = "  " + l
	}
	if len(lines) > 0 {
		lines[0] = st.Label.Render(lines[0])
	}
	return lines
}

// noteLines is the note: "Note  text…" (at most a few lines), the editor
// while it is open, or the N/A reason prompt.
func (q questionnaire) noteLines(a model.Answer, s *saveState, w, h int) []string {
	st := q.c.styles
	switch q.mode {
	case qNote:
		out := []string{spread(st.Label.Render("Note"), st.Subtle.Render("esc saves it"), w)}
		for _, l := range strings.Split(q.note.View(), "\n") {
			out = append(out, fit(l, w))
		}
		return out
	case qReason:
		out := []string{fit(q.reason.View(), w)}
		if q.reasonOK != "" {
			out = append(out, st.Error.Render(fit(q.reasonOK, w)))
		}
		return out
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
		return []string{truncate(label+st.Subtle.Render("none (e writes one)")+state, w)}
	}
	maxLines := clamp(h/8, 1, 4)
	textW := max(w-indent-width(state), 1)
	// Only the start of a long note is wrapped: what the preview can show.
	text, cut := head(a.Note, maxLines, (maxLines+1)*textW*8)
	lines := wrap(inertLines(text), textW)
	if len(lines) == 0 {
		lines = []string{""}
	}
	if len(lines) > maxLines || cut {
		n := min(len(lines), maxLines)
		lines = append(lines[:n-1:n-1], truncate(lines[n-1]+" …", w-indent))
	}
	out := []string{label + lines[0] + state}
	for _, l := range lines[1:] {
		out = append(out, strings.Repeat(" ", indent)+l)
	}
	return out
}

// findLines is the clause finder: the query and the matches.
func (q questionnaire) findLines(v *fwView, w, h int) []string {
	st := q.c.styles
	out := []string{fit(q.find.View(), w), ""}
	switch {
	case strings.TrimSpace(q.find.Value()) == "":
		out = append(out, st.Subtle.Render(truncate("Type a clause ref such as 8.3, or words of its title or question.", w)))
	case len(q.found) == 0:
		out = append(out, st.Subtle.Render(truncate("No clause matches.", w)))
	default:
		room := max(h-len(out)-1, 1)
		first := clamp(q.foundSel-room/2, 0, len(q.found)-room)
		for i := first; i < len(q.found) && i < first+room; i++ {
			qi := q.found[i]
			t := v.text[qi]
			cursor := "  "
			if i == q.foundSel {
				cursor = "▸ "
			}
			line := fit(cursor+fit(t.id, v.idWidth)+"  "+t.title, w)
			if i == q.foundSel {
				line = st.Selected.Render(line)
			}
			out = append(out, line)
		}
		out = append(out, st.Subtle.Render(truncate(fmt.Sprintf("%d matches", len(q.found)), w)))
	}
	return out
}

// spread puts left and right on one line of width w, right-aligned; the left
// part is cut first when they do not fit.
func spread(left, right string, w int) string {
	lw, rw := width(left), width(right)
	if rw >= w {
		return truncate(right, w)
	}
	if lw+1+rw > w {
		left = truncate(left, max(w-rw-1, 0))
		lw = width(left)
	}
	return left + strings.Repeat(" ", max(w-lw-rw, 0)) + right
}

// frame lays out a screen: header, body, status slot, key hint; exactly
// height lines of exactly width cells.
func frame(st *Styles, w, h int, header string, body []string, status string, statusErr bool, statusRight string, hint string) string {
	if h <= 0 || w <= 0 {
		return ""
	}
	lines := make([]string, 0, h)
	lines = append(lines, fit(header, w))
	bodyH := max(h-3, 0)
	for i := 0; i < bodyH; i++ {
		if i < len(body) {
			lines = append(lines, fit(body[i], w))
		} else {
			lines = append(lines, strings.Repeat(" ", w))
		}
	}
	lines = append(lines, fit(statusLine(st, status, statusErr, statusRight, w), w))
	lines = append(lines, fit(hint, w))
	if len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}

// statusLine is the one fixed slot for what just happened; errors say so in words.
func statusLine(st *Styles, status string, isErr bool, right string, w int) string {
	if status != "" && isErr {
		if !strings.HasPrefix(status, "error") && !strings.HasPrefix(status, "not saved") && !strings.HasPrefix(status, "✗") {
			status = "error: " + status
		}
		status = st.Error.Render(truncate(status, w))
	} else if status != "" {
		status = st.OK.Render(truncate(status, w))
	}
	return spread(status, right, w)
}
