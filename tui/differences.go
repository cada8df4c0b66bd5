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

// The tabs of the differences screen.
const (
	tabThemes = iota
	tabProfile
)

// The orders of the theme table.
const (
	orderCrosswalk = iota // as the crosswalk lists the themes
	orderSize             // the size of the difference, largest first, whatever its sign
	nOrders
)

var orderNames = [nOrders]string{"crosswalk order", "size of difference, largest first"}

// differences compares the assessment's two frameworks: the live theme table
// (refs and maturity on each side, the difference, what exists in one
// framework only) and the framework profiles. enter on a theme opens the
// answers behind each side's figure.
type differences struct {
	c             *common
	s             *session
	an            *analysis // the figures drawn; the session's, taken on each update
	width, height int

	tab     int
	order   int
	selID   string // the highlighted row: "t:<theme id>" or "o:<n>" for the n-th only-in area
	profOff int    // first line of the profile table shown

	drill    bool   // showing the answers behind selID
	drillSel int    // the highlighted question there
	drillID  string // the row the drill-down belongs to
}

func newDifferences(c *common, s *session) differences {
	d := differences{c: c, s: s}
	if s.ready() {
		d.an = s.analysis()
	}
	return d
}

func (d differences) showsFigures() {}

func (d differences) Title() string {
	switch {
	case d.drill:
		return "answers behind a theme"
	case d.tab == tabProfile:
		return "differences › profile"
	}
	return "differences"
}

func (d differences) Keys() help.KeyMap {
	switch {
	case d.drill:
		return d.c.keys.Drill
	case d.tab == tabProfile:
		return d.c.keys.Profile
	}
	return d.c.keys.Themes
}

func (d differences) Legend() []string {
	if d.tab == tabProfile {
		return []string{"Profile: the two frameworks' facts side by side (scope, industry, nature, testing, penalties, …); tab goes back to the themes."}
	}
	return []string{
		"Themes: each side's maturity is the mean of its rated questions under the theme's refs; diff is the first framework's minus the second's (– until both have one); match: how closely the frameworks correspond.",
		"Only in one framework: areas the other framework does not cover.",
		"enter on a row lists the answers behind both figures and how each is made.",
	}
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
	if d.order == orderSize {
		themes = df.SortBySize()
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

func (d differences) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
	case revealMsg:
		return d, d.c.db.checkChanged(d.s.id)
	case tea.KeyPressMsg:
		d.an = d.s.an
		switch {
		case d.drill:
			return d.updateDrill(msg)
		case d.tab == tabProfile:
			return d.updateProfile(msg)
		}
		return d.updateThemes(msg)
	}
	return d, nil
}

// leaveKeys are the keys both tabs share: they leave the screen.
func (d differences) leaveKeys(msg tea.KeyPressMsg, quit, help, dash, back key.Binding) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, quit):
		return send(quitMsg{}), true
	case key.Matches(msg, help):
		return send(helpMsg{}), true
	case key.Matches(msg, dash):
		return send(swapMsg{newDashboard(d.c, d.s)}), true
	case key.Matches(msg, back):
		return send(popMsg{}), true
	}
	return nil, false
}

func (d differences) updateThemes(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := d.c.keys.Themes
	rows := d.rows()
	sel := index(rows, d.selID)
	page := max(d.height-5, 1)
	if cmd, ok := d.leaveKeys(msg, k.Quit, k.Help, k.Dashboard, k.Back); ok {
		return d, cmd
	}
	switch {
	case key.Matches(msg, k.Tab):
		d.tab = tabProfile
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
		return d, say("sorted by " + orderNames[d.order])
	case key.Matches(msg, k.Open):
		d.selID = rows[sel].id
		d.drill, d.drillID, d.drillSel = true, rows[sel].id, 0
	}
	return d, nil
}

func (d differences) updateDrill(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := d.c.keys.Drill
	_, keys, _ := d.drillLines(max(d.width, 1))
	switch {
	case key.Matches(msg, k.Quit):
		return d, send(quitMsg{})
	case key.Matches(msg, k.Help):
		return d, send(helpMsg{})
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

func (d differences) View() page {
	st := d.c.styles
	w, h := d.width, d.height
	d.an = d.s.an
	if d.an == nil || !d.s.ready() {
		return page{header: d.c.header("Differences", "", w), body: []string{"", "  Opening the assessment…"}}
	}
	title := "Differences"
	if d.drill {
		title = "Differences › answers"
	}
	left := st.Title.Render(cells.Truncate(cells.Inert(d.an.a.Name), max(w/2, 8))) + " · " + title
	if d.an.diff == nil {
		msg := "The differences table compares two frameworks related by a crosswalk; this assessment covers one."
		if len(d.an.fws) > 1 {
			msg = "No crosswalk relates this assessment's frameworks, so there is nothing to compare."
		}
		return page{header: d.c.header(left, "", w), body: append([]string{""}, wrapIndent(msg, w, 2)...)}
	}
	a, b := d.names()
	header := d.c.header(left, "difference = "+a+" − "+b, w)
	bodyH := max(h, 0)
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
			body = append(body, st.Subtle.Render(cells.FitRight(more, w)))
		}
	default:
		body = d.themeLines(w, bodyH)
	}
	right, isErr := d.s.saveStatus()
	return page{header: header, body: body, right: right, rightErr: isErr}
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
			out[0] = st.Subtle.Render(cells.Fit(fmt.Sprintf("  ↑ %d more", off), d.width))
		}
		if below := len(lines) - off - h; below > 0 {
			out[h-1] = st.Subtle.Render(cells.Fit(fmt.Sprintf("  ↓ %d more", below+1), d.width))
		}
	}
	return out
}

// wrapIndent wraps text to w cells, each line indented by n spaces.
func wrapIndent(text string, w, n int) []string {
	pad := strings.Repeat(" ", n)
	var out []string
	for _, l := range cells.Wrap(text, max(w-n, 1)) {
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
	right := "tab: themes"
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
	return cells.Truncate(cells.Inert(strings.Join(refs, ", ")), w)
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
	cell := func(s string, n int) string { return cells.Fit(s, n) }
	right := func(s string, n int) string { return cells.FitRight(s, n) }
	side := func(refs, mat, done string) string {
		return cell(refs, c.refs) + g + right(mat, c.mat) + g + right(done, c.done)
	}
	head1 := strings.Repeat(" ", 2+c.title) + g + cell(a, sideW) + g + cell(b, sideW)
	head2 := "  " + cell("Theme", c.title) + g + side("refs", "mat", "done") + g + side("refs", "mat", "done") + g +
		right("diff", c.diff) + g + cell("match", c.match)
	top := []string{d.tabLine(w), "", st.Label.Render(cells.Fit(head1, w)), st.Subtle.Render(cells.Fit(head2, w))}
	foot := []string{st.Subtle.Render(cells.Truncate("mat = maturity 0-5 · done = answered or N/A · enter: the answers behind a row", w))}

	rows := d.rows()
	sel := index(rows, d.selID)
	var lines []string
	selLine := 0
	for i, r := range rows {
		if r.only != nil && (i == 0 || rows[i-1].only == nil) {
			lines = append(lines, st.Label.Render(cells.Fit("  Only in one framework", w)))
		}
		var s string
		if r.theme != nil {
			t := r.theme
			l, rr := t.Sides[0], t.Sides[1]
			s = cell(cells.Inert(t.Theme.Title), c.title) + g + side(refList(l.Refs, c.refs), l.Score.Figure("–"), pct(l.Score)) + g +
				side(refList(rr.Refs, c.refs), rr.Score.Figure("–"), pct(rr.Score)) + g + right(diffFigure(*t), c.diff) + g +
				cell(strengthWord(t.Theme.Strength, c.match), c.match)
		} else {
			o := r.only
			mine := side(refList(o.Refs, c.refs), o.Score.Figure("–"), pct(o.Score))
			none := side("—", "", "")
			sides := mine + g + none
			if o.Framework == d.an.diff.Crosswalk.Frameworks[1] {
				sides = none + g + mine
			}
			s = cell(cells.Inert(o.Area.Title), c.title) + g + sides + g + right("", c.diff) + g + cell("only in", c.match)
		}
		cursor := "  "
		if i == sel {
			cursor = "▸ "
			selLine = len(lines)
		}
		line := cells.Fit(cursor+s, w)
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
