package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
)

// The tabs of the differences screen.
const (
	tabThemes = iota
	tabProfile
)

// The orders of the theme table.
const (
	orderCrosswalk = iota // as the crosswalk lists the themes
	orderDesc             // largest difference first
	orderAsc              // smallest (most negative) difference first
	nOrders
)

var orderNames = [nOrders]string{"crosswalk order", "difference, largest first", "difference, smallest first"}

// differences compares the assessment's two frameworks: the live theme table
// (refs and maturity on each side, the difference, what exists in one
// framework only) and the framework profiles. enter on a theme opens the
// answers behind each side's figure.
type differences struct {
	c             *common
	width, height int
	an            *analysis // set by the root
	back          screenID  // where esc goes

	tab     int
	order   int
	selID   string // the highlighted row: "t:<theme id>" or "o:<n>" for the n-th only-in area
	profOff int    // first line of the profile table shown

	drill    bool   // showing the answers behind selID
	drillSel int    // the highlighted question there
	drillID  string // the row the drill-down belongs to

	status    string
	statusErr bool
}

func newDifferences(c *common) differences { return differences{c: c} }

// reset shows the theme table from the top, coming from screen back.
func (d differences) reset(back screenID) differences {
	d.back, d.tab, d.selID, d.profOff, d.drill, d.status, d.statusErr = back, tabThemes, "", 0, false, "", false
	return d
}

// diffRow is one row of the theme table: a theme or an only-in area.
type diffRow struct {
	id    string
	theme *model.ThemeScore
	only  *model.OnlyInScore
}

// rows is the theme table in the chosen order, the only-in areas last.
func (d differences) rows() []diffRow {
	if d.an == nil || d.an.diff == nil {
		return nil
	}
	df := d.an.diff
	themes := df.Themes
	switch d.order {
	case orderDesc:
		themes = df.SortByDifference(true)
	case orderAsc:
		themes = df.SortByDifference(false)
	}
	out := make([]diffRow, 0, len(themes)+len(df.OnlyIn))
	for i := range themes {
		out = append(out, diffRow{id: "t:" + themes[i].Theme.ID, theme: &themes[i]})
	}
	for i := range df.OnlyIn {
		out = append(out, diffRow{id: "o:" + strconv.Itoa(i), only: &df.OnlyIn[i]})
	}
	return out
}

// index finds a row by ID: 0 when it is gone.
func index(rows []diffRow, id string) int {
	for i, r := range rows {
		if r.id == id {
			return i
		}
	}
	return 0
}

func (d differences) Update(msg tea.Msg) (differences, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		return d.updateKey(msg)
	}
	return d, nil
}

func (d differences) updateKey(msg tea.KeyPressMsg) (differences, tea.Cmd) {
	d.status, d.statusErr = clearErr(d.status, d.statusErr)
	if d.drill {
		return d.updateDrill(msg)
	}
	k := d.c.keys.Differences
	rows := d.rows()
	sel := index(rows, d.selID)
	page := max(d.height-8, 1)
	switch {
	case key.Matches(msg, k.Quit):
		return d, send(quitMsg{})
	case key.Matches(msg, k.Help):
		return d, send(showHelpMsg{})
	case key.Matches(msg, k.Dashboard):
		return d, send(showDashboardMsg{})
	case key.Matches(msg, k.Back):
		return d, send(backMsg{})
	case key.Matches(msg, k.Tab):
		d.tab = 1 - d.tab
	case d.tab == tabProfile:
		n := len(d.profileLines(d.width))
		page := d.profileRoom()
		switch {
		case key.Matches(msg, k.Up):
			d.profOff--
		case key.Matches(msg, k.Down):
			d.profOff++
		case key.Matches(msg, k.PageUp):
			d.profOff -= page
		case key.Matches(msg, k.PageDown):
			d.profOff += page
		}
		d.profOff = clamp(d.profOff, 0, n-page)
	case len(rows) == 0:
		return d, nil
	case key.Matches(msg, k.Up):
		d.selID = rows[clamp(sel-1, 0, len(rows)-1)].id
	case key.Matches(msg, k.Down):
		d.selID = rows[clamp(sel+1, 0, len(rows)-1)].id
	case key.Matches(msg, k.PageUp):
		d.selID = rows[clamp(sel-page, 0, len(rows)-1)].id
	case key.Matches(msg, k.PageDown):
		d.selID = rows[clamp(sel+page, 0, len(rows)-1)].id
	case key.Matches(msg, k.Sort):
		d.selID = rows[sel].id // keep the highlighted row
		d.order = (d.order + 1) % nOrders
		d.status = "sorted by " + orderNames[d.order]
	case key.Matches(msg, k.Open):
		d.selID = rows[sel].id
		d.drill, d.drillID, d.drillSel = true, rows[sel].id, 0
	}
	return d, nil
}

func (d differences) updateDrill(msg tea.KeyPressMsg) (differences, tea.Cmd) {
	k := d.c.keys.Drill
	_, keys, _ := d.drillLines(max(d.width, 1))
	switch {
	case key.Matches(msg, k.Quit):
		return d, send(quitMsg{})
	case key.Matches(msg, k.Help):
		return d, send(showHelpMsg{})
	case key.Matches(msg, k.Back):
		d.drill = false
	case key.Matches(msg, k.Up):
		d.drillSel = clamp(d.drillSel-1, 0, len(keys)-1)
	case key.Matches(msg, k.Down):
		d.drillSel = clamp(d.drillSel+1, 0, len(keys)-1)
	case key.Matches(msg, k.Jump):
		if len(keys) == 0 {
			return d, nil
		}
		return d, send(jumpMsg{keys[clamp(d.drillSel, 0, len(keys)-1)]})
	}
	return d, nil
}

// names are the two frameworks' display names.
func (d differences) names() (string, string) {
	cw := d.an.diff.Crosswalk
	return d.an.name(cw.Frameworks[0]), d.an.name(cw.Frameworks[1])
}

func (d differences) hint() string {
	if d.drill {
		return d.c.hint("drill", d.c.keys.Drill, d.width)
	}
	return d.c.hint("differences", d.c.keys.Differences, d.width)
}

func (d differences) View() string {
	st := d.c.styles
	w, h := d.width, d.height
	if d.an == nil {
		return frame(st, w, h, st.Header.Render(fit("assay · Differences", w)),
			[]string{"", "  Opening the assessment…"}, d.status, d.statusErr, "", d.hint())
	}
	title := "Differences"
	if d.drill {
		title = "Differences › answers"
	}
	left := st.Header.Render("assay") + " · " + st.Title.Render(truncate(inert(d.an.a.Name), max(w/2, 8))) + " · " + title
	if d.an.diff == nil {
		msg := "The differences table compares two frameworks related by a crosswalk; this assessment covers one."
		if len(d.an.fws) > 1 {
			msg = "No crosswalk relates this assessment's frameworks, so there is nothing to compare."
		}
		return frame(st, w, h, fit(left, w), append([]string{""}, wrapIndent(msg, w, 2)...), d.status, d.statusErr, "", d.hint())
	}
	a, b := d.names()
	header := spread(left, st.Subtle.Render("difference = "+a+" − "+b), w)
	bodyH := max(h-3, 0)
	var body []string
	switch {
	case d.drill:
		lines, _, at := d.drillLines(w)
		sel := -1
		if len(at) > 0 {
			sel = at[clamp(d.drillSel, 0, len(at)-1)]
		}
		body = d.window(lines, sel, bodyH)
	case d.tab == tabProfile:
		top := []string{d.tabLine(w), "", d.profileHead(w)}
		lines := d.profileLines(w)
		room := d.profileRoom()
		off := clamp(d.profOff, 0, len(lines)-room)
		body = append(top, lines[min(off, len(lines)):]...)
		if len(lines) > room && len(body) > len(top)+room {
			body = body[:len(top)+room]
			more := fmt.Sprintf("lines %d-%d of %d · ↑/↓ pgup/pgdn", off+1, off+room, len(lines))
			body = append(body, st.Subtle.Render(fitRight(more, w)))
		}
	default:
		body = d.themeLines(w, bodyH)
	}
	return frame(st, w, h, header, body, d.status, d.statusErr, "", d.hint())
}

// window is up to h lines of lines, scrolled so that line sel is in view
// (centred when the list must scroll); sel < 0 shows the top.
func (d differences) window(lines []string, sel, h int) []string {
	if len(lines) <= h {
		return lines
	}
	off := 0
	if sel >= 0 {
		off = clamp(sel-h/2, 0, len(lines)-h)
	}
	out := append([]string(nil), lines[off:off+h]...)
	if h >= 5 {
		st := d.c.styles
		if off > 0 {
			out[0] = st.Subtle.Render(fit(fmt.Sprintf("  ↑ %d more", off), d.width))
		}
		if below := len(lines) - off - h; below > 0 {
			out[h-1] = st.Subtle.Render(fit(fmt.Sprintf("  ↓ %d more", below+1), d.width))
		}
	}
	return out
}

// wrapIndent wraps text to w cells, each line indented by n spaces.
func wrapIndent(text string, w, n int) []string {
	pad := strings.Repeat(" ", n)
	var out []string
	for _, l := range wrap(text, max(w-n, 1)) {
		out = append(out, pad+l)
	}
	return out
}

// tabLine names the tabs, the current one in brackets, and the table's order.
func (d differences) tabLine(w int) string {
	st := d.c.styles
	tabs := [2]string{"Themes", "Profile"}
	var parts []string
	for i, t := range tabs {
		if i == d.tab {
			parts = append(parts, st.TabActive.Render("["+t+"]"))
		} else {
			parts = append(parts, st.Tab.Render(" "+t+" "))
		}
	}
	right := "tab switches"
	if d.tab == tabThemes {
		right = "order: " + orderNames[d.order] + " (s)"
	}
	return spread(strings.Join(parts, " "), st.Subtle.Render(right), w)
}

// themeCols are the widths of the theme table's columns.
type themeCols struct {
	gap, title, refs, mat, done, diff, match int
}

func themeColumns(w int) themeCols {
	c := themeCols{gap: 1, mat: 3, done: 4, diff: 4, match: 7}
	if w >= 110 {
		c.gap, c.match = 2, 10
	}
	fixed := 2 + c.gap + 2*(c.gap+c.mat+c.gap+c.done+c.gap) + c.diff + c.gap + c.match
	avail := max(w-fixed, 9)
	c.title = clamp(avail/2, 5, 34)
	c.refs = max((avail-c.title)/2, 2)
	c.title = max(avail-2*c.refs, 3)
	return c
}

// strengthWord is a correspondence strength in the room there is.
func strengthWord(s model.Strength, w int) string {
	if w < 10 && s == model.Equivalent {
		return "equiv."
	}
	return string(s)
}

// refList joins refs, cut to w cells with an ellipsis; "—" for none.
func refList(refs []string, w int) string {
	if len(refs) == 0 {
		return "—"
	}
	return truncate(inert(strings.Join(refs, ", ")), w)
}

// diffFigure is a difference with its sign and one decimal, as `assay show`
// prints it, or "–" when a side has nothing rated.
func diffFigure(t model.ThemeScore) string {
	v, ok := t.Difference()
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%+.1f", v)
}

func pct(sc model.Score) string { return strconv.Itoa(percent(sc.Completion())) + "%" }

// themeLines is the theme table: tab line, two header lines, the rows
// (scrolled to the highlighted one) and a footnote.
func (d differences) themeLines(w, h int) []string {
	st := d.c.styles
	a, b := d.names()
	c := themeColumns(w)
	g := strings.Repeat(" ", c.gap)
	sideW := c.refs + c.gap + c.mat + c.gap + c.done
	cell := func(s string, n int) string { return fit(s, n) }
	right := func(s string, n int) string { return fitRight(s, n) }
	side := func(refs, mat, done string) string {
		return cell(refs, c.refs) + g + right(mat, c.mat) + g + right(done, c.done)
	}
	head1 := strings.Repeat(" ", 2+c.title) + g + cell(a, sideW) + g + cell(b, sideW)
	head2 := "  " + cell("Theme", c.title) + g + side("refs", "mat", "done") + g + side("refs", "mat", "done") + g +
		right("diff", c.diff) + g + cell("match", c.match)
	top := []string{d.tabLine(w), "", st.Label.Render(fit(head1, w)), st.Subtle.Render(fit(head2, w))}
	foot := []string{st.Subtle.Render(truncate("mat = maturity 0-5 · done = answered or N/A · enter: the answers behind a row", w))}

	rows := d.rows()
	sel := index(rows, d.selID)
	var lines []string
	selLine := 0
	for i, r := range rows {
		if r.only != nil && (i == 0 || rows[i-1].only == nil) {
			lines = append(lines, st.Label.Render(fit("  Only in one framework", w)))
		}
		var s string
		if r.theme != nil {
			t := r.theme
			l, rr := t.Sides[0], t.Sides[1]
			s = cell(inert(t.Theme.Title), c.title) + g + side(refList(l.Refs, c.refs), figure(l.Score), pct(l.Score)) + g +
				side(refList(rr.Refs, c.refs), figure(rr.Score), pct(rr.Score)) + g + right(diffFigure(*t), c.diff) + g +
				cell(strengthWord(t.Theme.Strength, c.match), c.match)
		} else {
			o := r.only
			mine := side(refList(o.Refs, c.refs), figure(o.Score), pct(o.Score))
			none := side("—", "", "")
			sides := mine + g + none
			if o.Framework == d.an.diff.Crosswalk.Frameworks[1] {
				sides = none + g + mine
			}
			s = cell(inert(o.Area.Title), c.title) + g + sides + g + right("", c.diff) + g + cell("only in", c.match)
		}
		cursor := "  "
		if i == sel {
			cursor = "▸ "
			selLine = len(lines)
		}
		line := fit(cursor+s, w)
		if i == sel {
			line = st.Selected.Render(line)
		}
		lines = append(lines, line)
	}
	room := max(h-len(top)-len(foot), 1)
	if len(lines) > room {
		off := clamp(selLine-room/2, 0, len(lines)-room)
		lines = lines[off : off+room]
	}
	out := append(top, lines...)
	return append(out, foot...)
}

// profileRoom is how many lines of the profile table show at once: the body
// less the tab line, a blank, the names and the line saying where one is.
func (d differences) profileRoom() int { return max(d.height-3-4, 1) }

// profileColumns are the widths of the profile table: the aspect, each
// framework's column, and the gap between them.
func profileColumns(w int) (labelW, colW int, pad string) {
	const gap = 2
	labelW = 14
	if w < 70 {
		labelW = 10
	}
	return labelW, max((w-labelW-2*gap)/2, 1), strings.Repeat(" ", gap)
}

// profileHead names the frameworks over the profile table's columns.
func (d differences) profileHead(w int) string {
	a, b := d.names()
	labelW, colW, pad := profileColumns(w)
	return d.c.styles.Label.Render(fit(fit("Aspect", labelW)+pad+fit(a, colW)+pad+b, w))
}

// profileLines is the framework profile table: an aspect per row, the two
// frameworks' facts side by side, wrapped.
func (d differences) profileLines(w int) []string {
	if d.an == nil || d.an.diff == nil {
		return nil
	}
	st := d.c.styles
	cw := d.an.diff.Crosswalk
	var fws [2]*model.Framework
	for i, id := range cw.Frameworks {
		if f := d.an.framework(id); f != nil {
			fws[i] = f.fw
		}
	}
	labelW, colW, pad := profileColumns(w)
	var out []string
	row := func(label string, left, right string) {
		l, r := wrap(inert(left), colW), wrap(inert(right), colW)
		n := max(len(l), len(r), 1)
		for i := 0; i < n; i++ {
			lab := ""
			if i == 0 {
				lab = label
			}
			var lc, rc string
			if i < len(l) {
				lc = l[i]
			}
			if i < len(r) {
				rc = r[i]
			}
			out = append(out, st.Title.Render(fit(lab, labelW))+pad+fit(lc, colW)+pad+rc)
		}
		out = append(out, "")
	}
	get := func(f *model.Framework, k string) string {
		if f == nil {
			return "—"
		}
		if v := strings.TrimSpace(f.Profile[k]); v != "" {
			return v
		}
		return "—"
	}
	field := func(f *model.Framework, get func(*model.Framework) string) string {
		if f == nil || strings.TrimSpace(get(f)) == "" {
			return "—"
		}
		return get(f)
	}
	row("Title", field(fws[0], func(f *model.Framework) string { return f.Title }), field(fws[1], func(f *model.Framework) string { return f.Title }))
	row("Publisher", field(fws[0], func(f *model.Framework) string { return f.Publisher }), field(fws[1], func(f *model.Framework) string { return f.Publisher }))
	for _, asp := range model.ProfileAspects {
		l, r := get(fws[0], asp.Key), get(fws[1], asp.Key)
		if l == "—" && r == "—" {
			continue
		}
		row(asp.Label, l, r)
	}
	return out[:len(out)-1]
}

// drillLines is the answers behind one row of the theme table: for each
// side, the refs, how the maturity is worked out, and every question under
// those refs with its level and note. keys are the questions in order and
// at the line each is drawn on.
func (d differences) drillLines(w int) (lines []string, keys []model.Key, at []int) {
	if d.an == nil || d.an.diff == nil {
		return nil, nil, nil
	}
	st := d.c.styles
	rows := d.rows()
	if len(rows) == 0 {
		return nil, nil, nil
	}
	r := rows[index(rows, d.drillID)]
	var sides []model.SideScore
	var title, strength, about string
	if r.theme != nil {
		t := r.theme
		title, strength = t.Theme.Title, string(t.Theme.Strength)+" correspondence"
		about = strings.TrimSpace(t.Theme.Rationale)
		sides = t.Sides[:]
	} else {
		o := r.only
		title, strength = o.Area.Title, "only in "+d.an.name(o.Framework)
		about = strings.TrimSpace(o.Area.Rationale)
		sides = []model.SideScore{o.SideScore}
	}
	lines = append(lines, spread(st.Title.Render(inert(title)), st.Subtle.Render(strength), w))
	for _, l := range wrap(inertLines(about), w) {
		lines = append(lines, st.Subtle.Render(l))
	}
	for _, s := range sides {
		lines = append(lines, "")
		name := d.an.name(s.Framework)
		head := name + " · refs " + refList(s.Refs, 1<<20)
		for i, l := range wrap(head, w) {
			if i == 0 {
				l = st.Label.Render(l)
			}
			lines = append(lines, l)
		}
		for _, l := range wrap(explain(s.Score), max(w-2, 1)) {
			lines = append(lines, "  "+l)
		}
		f := d.an.framework(s.Framework)
		if len(s.Questions) == 0 {
			lines = append(lines, st.Subtle.Render("  no questions under these refs"))
			continue
		}
		idW := 0
		for _, q := range s.Questions {
			idW = max(idW, width(inert(q.ID)))
		}
		const lvlW = 2
		noteW := 0
		titleW := w - 2 - idW - 1 - lvlW - 2
		if w >= 90 {
			noteW = titleW * 2 / 5
			titleW -= noteW + 1
		}
		for _, q := range s.Questions {
			a := d.an.answers.Get(s.Framework, q.ID)
			lvl := "·"
			switch {
			case a.Level.Rated():
				lvl = strconv.Itoa(int(a.Level))
			case a.Level == model.NotApplicable:
				lvl = "na"
			}
			qt := inert(q.Title)
			if f == nil {
				qt = "(framework not loaded)"
			}
			cursor := "  "
			if len(keys) == d.drillSel {
				cursor = "▸ "
			}
			line := cursor + fit(inert(q.ID), idW) + " " + fitRight(lvl, lvlW) + "  " + fit(qt, max(titleW, 0))
			if noteW > 0 {
				line += " " + st.Subtle.Render(preview(strings.TrimSpace(a.Note), noteW))
			}
			line = fit(line, w)
			if len(keys) == d.drillSel {
				line = st.Selected.Render(fit(ansiStrip(line), w))
			}
			at = append(at, len(lines))
			keys = append(keys, model.Key{Framework: s.Framework, Question: q.ID})
			lines = append(lines, line)
			if noteW == 0 && strings.TrimSpace(a.Note) != "" {
				lines = append(lines, st.Subtle.Render(fit(strings.Repeat(" ", 2+idW+1+lvlW+2)+"note: "+preview(strings.TrimSpace(a.Note), w), w)))
			}
		}
	}
	if r.theme != nil {
		lines = append(lines, "")
		if v, ok := r.theme.Difference(); ok {
			a, b := d.names()
			lines = append(lines, st.Title.Render(truncate(fmt.Sprintf("Difference %+.1f = %s %s − %s %s", v, a, figure(r.theme.Sides[0].Score),
				b, figure(r.theme.Sides[1].Score)), w)))
		} else {
			lines = append(lines, st.Subtle.Render(truncate("No difference until both sides have a rated answer.", w)))
		}
	}
	return lines, keys, at
}

// explain says how a figure was worked out from the answers behind it.
func explain(sc model.Score) string {
	done := fmt.Sprintf("%d of %d answered", sc.Answered(), sc.Total)
	if sc.NA > 0 {
		done += fmt.Sprintf(" (%d N/A)", sc.NA)
	}
	if !sc.HasMaturity() {
		return "maturity – (nothing rated) · " + done
	}
	plain := true
	var sum, weights float64
	var terms []string
	for _, s := range sc.Sources {
		if s.Weight != 1 {
			plain = false
		}
		sum += s.Weight * float64(s.Level)
		weights += s.Weight
		terms = append(terms, strconv.Itoa(int(s.Level)))
	}
	fig := figure(sc)
	var how string
	switch {
	case len(terms) == 1:
		how = fig + ", from one rated answer"
	case plain && len(terms) <= 12:
		how = fmt.Sprintf("(%s) / %d = %s", strings.Join(terms, " + "), len(terms), fig)
	case plain:
		how = fmt.Sprintf("%g / %d rated = %s", sum, len(terms), fig)
	default:
		how = fmt.Sprintf("weighted: Σ weight × level / Σ weight = %g / %g = %s", sum, weights, fig)
	}
	return "maturity " + how + " · " + done
}
