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

// dashboard shows the assessment at a glance: for each framework (side by
// side) a bar per top-level section with the target marked, completion and
// the overall figures; under them the biggest gaps, each a way into the
// question behind it.
type dashboard struct {
	c             *common
	s             *session
	an            *analysis // the figures drawn; the session's, taken on each update
	width, height int
	sel           int // the highlighted gap; -1: none, the page shows from the top
	asking        bool
	prompt        prompt // t: the target to set
}

func newDashboard(c *common, s *session) dashboard {
	d := dashboard{c: c, s: s, sel: -1}
	if s.ready() {
		d.an = s.analysis()
	}
	return d
}

func (d dashboard) showsFigures() {}
func (d dashboard) Title() string { return "dashboard" }
func (d dashboard) Keys() help.KeyMap {
	if d.asking {
		return d.c.keys.Prompt
	}
	return d.c.keys.Dashboard
}

func (d dashboard) Legend() []string {
	return []string{
		"Bars: maturity 0-5 of each top-level section; ┃ marks the target level. A bar reaches ┃ if and only if the maturity is at least the target. Overall is the mean of the sections with a rated answer; % counts questions answered or N/A.",
		"Gaps: rated questions below target, biggest first (gap = target − level).",
	}
}

func (d dashboard) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
		d.prompt.resize(msg.Width)
	case revealMsg:
		return d, d.c.db.checkChanged(d.s.id)
	case tea.KeyPressMsg:
		if d.asking {
			return d.updatePrompt(msg)
		}
		return d.updateKey(msg)
	case tea.PasteMsg:
		if d.asking {
			return d.updatePrompt(msg)
		}
	}
	return d, nil
}

// updatePrompt passes keys to the target prompt and acts on what it ends with.
func (d dashboard) updatePrompt(msg tea.Msg) (screen, tea.Cmd) {
	var out outcome
	var cmd tea.Cmd
	d.prompt, out, cmd = d.prompt.Update(msg)
	switch out {
	case quitting:
		return d, send(quitMsg{})
	case cancelled:
		d.asking = false
	case accepted:
		o, clear, err := parseTarget(d.prompt.value(), d.s.a, d.c.catalog)
		if err != nil {
			d.prompt.problem = cells.Inert(err.Error())
			return d, nil
		}
		d.asking = false
		return d, d.c.db.setTarget(d.s.id, o, clear)
	}
	return d, cmd
}

func (d dashboard) updateKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := d.c.keys.Dashboard
	d.an = d.s.an
	n := 0
	if d.an != nil {
		n = len(d.an.gaps)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return d, send(quitMsg{})
	case key.Matches(msg, k.Help):
		return d, send(helpMsg{})
	case key.Matches(msg, k.Back):
		return d, send(popMsg{})
	case d.an == nil:
		return d, nil
	case key.Matches(msg, k.Up):
		d.sel = clamp(min(d.sel, n)-1, -1, n-1)
	case key.Matches(msg, k.Down):
		d.sel = clamp(d.sel+1, -1, n-1)
	case key.Matches(msg, k.Jump):
		if n == 0 {
			return d, say("no gap to go to: rate questions in the questionnaire first")
		}
		if d.sel < 0 {
			d.sel = 0
			return d, nil
		}
		g := d.an.gaps[clamp(d.sel, 0, n-1)]
		return d, send(jumpMsg{model.Key{Framework: g.Framework, Question: g.Question.ID}})
	case key.Matches(msg, k.Differences):
		return d, send(swapMsg{newDifferences(d.c, d.s)})
	case key.Matches(msg, k.Target):
		d.asking = true
		d.prompt = newPrompt(d.c, d.c.keys.Prompt, "Set a target: "+targetHelp, "Target: ", "", 80, d.width)
		return d, d.prompt.input.Focus()
	}
	return d, nil
}

func (d dashboard) View() page {
	st := d.c.styles
	w := d.width
	d.an = d.s.an
	if d.an == nil || !d.s.ready() {
		return page{header: d.c.header("Dashboard", "", w), body: []string{"", "  Opening the assessment…"}}
	}
	an := d.an
	header := d.c.header(st.Title.Render(cells.Truncate(cells.Inert(an.a.Name), max(w/2, 8)))+" · Dashboard", targetSummary(an.a), w)
	right, isErr := d.s.saveStatus()
	if len(an.fws) == 0 {
		return page{header: header, body: []string{"", "  None of this assessment's frameworks is loaded; esc goes back."}}
	}
	top := d.frameworkColumns(w)
	gapsAt := len(top) + 1
	body := append(top, "")
	body = append(body, d.gapLines(w)...)

	// With no gap highlighted the page shows from the top; with one, the
	// page scrolls to show the whole table of gaps, or as much of it as
	// fits around the highlighted one.
	bodyH := max(d.height, 0)
	var ask []string
	if d.asking {
		ask = append([]string{""}, d.prompt.lines(st, w)...)
		bodyH = max(bodyH-len(ask), 0)
	}
	off := 0
	if sel := d.selected(); sel >= 0 && len(body) > bodyH {
		off = len(body) - bodyH
		if selLine := gapsAt + 2 + sel; selLine-2 < off {
			off = max(selLine-2, 0)
		}
	}
	body = body[off:]
	if d.selected() < 0 && len(body) > bodyH && bodyH > 0 && len(an.gaps) > 0 {
		body[bodyH-1] = st.Subtle.Render(cells.Fit(fmt.Sprintf("↓ below: the biggest gaps (%d); ↓ picks one", len(an.gaps)), w))
	}
	if d.asking {
		body = append(body[:min(len(body), bodyH)], ask...)
	}
	return page{header: header, body: body, right: right, rightErr: isErr}
}

// selected is the highlighted gap, -1 for none.
func (d dashboard) selected() int {
	if d.an == nil || d.sel < 0 || len(d.an.gaps) == 0 {
		return -1
	}
	return min(d.sel, len(d.an.gaps)-1)
}

// frameworkColumns draws each framework's figures, side by side when there
// are two (more stack in pairs), and the legend under them.
func (d dashboard) frameworkColumns(w int) []string {
	st := d.c.styles
	fws := d.an.fws
	var out []string
	const sep = " │ "
	for i := 0; i < len(fws); i += 2 {
		if i > 0 {
			out = append(out, "")
		}
		if i+1 >= len(fws) {
			out = append(out, d.frameworkLines(&fws[i], w)...)
			continue
		}
		lw := (w - cells.Width(sep)) / 2
		rw := w - cells.Width(sep) - lw
		left, right := d.frameworkLines(&fws[i], lw), d.frameworkLines(&fws[i+1], rw)
		for r := 0; r < max(len(left), len(right)); r++ {
			l, rr := strings.Repeat(" ", lw), ""
			if r < len(left) {
				l = cells.Fit(left[r], lw)
			}
			if r < len(right) {
				rr = right[r]
			}
			out = append(out, l+st.Sep.Render(sep)+rr)
		}
	}
	target := fmt.Sprintf("target %d", d.an.a.Target)
	if d.an.a.Targets().Varies() {
		target = "the target that applies (t sets them)"
	}
	legend := fmt.Sprintf("%c = %s · overall = mean of the rated sections · %% = answered or N/A", targetMark, target)
	return append(out, st.Subtle.Render(cells.Truncate(legend, w)))
}

// frameworkLines is one framework's block: name, overall figures, a bar per
// top-level section.
func (d dashboard) frameworkLines(f *fwAnalysis, w int) []string {
	st := d.c.styles
	ts := d.an.a.Targets()
	target := int(ts.Framework(f.fw.ID))
	sc := f.score
	const figW, pctW = 3, 4
	refW := max(f.refWidth, 1)
	rest := w - refW - 1 - 1 - figW - 1 - pctW
	barW, titleW := max(rest, 2), 0
	if rest >= 18 {
		barW = clamp(rest*2/5, 8, 21)
		titleW = rest - barW - 1
	}
	out := []string{
		spread(st.Title.Render(f.name), st.Subtle.Render(fmt.Sprintf("%d/%d answered, %d N/A", sc.Answered(), sc.Total, sc.NA)), w),
	}
	figs := cells.FitRight(sc.Score.Figure("–"), figW) + " " + cells.FitRight(strconv.Itoa(percent(sc.Completion()))+"%", pctW)
	if titleW > 0 {
		out = append(out, st.Title.Render(cells.Fit("Overall", refW+1+titleW))+" "+d.c.bar(sc.Score, barW, target)+" "+st.Title.Render(figs))
	} else {
		out = append(out, st.Title.Render(cells.Fit("Overall "+sc.Score.Figure("–")+"  "+strconv.Itoa(percent(sc.Completion()))+"%", w)))
	}
	out = append(out, "")
	for i, ss := range sc.Sections {
		s := cells.Fit(cells.Inert(ss.Section.Ref), refW) + " "
		if titleW > 0 {
			s += cells.Fit(f.tops[i], titleW) + " "
		}
		s += d.c.bar(ss.Score, barW, int(ts.Section(f.fw.ID, ss.Section))) + " " + cells.FitRight(ss.Score.Figure("–"), figW) + " " + cells.FitRight(strconv.Itoa(percent(ss.Completion()))+"%", pctW)
		out = append(out, s)
	}
	return out
}

// gapLines is the table of the biggest gaps.
func (d dashboard) gapLines(w int) []string {
	st := d.c.styles
	an := d.an
	title := fmt.Sprintf("Biggest gaps to target %d", an.a.Target)
	msg := fmt.Sprintf("No rated question is below target %d.", an.a.Target)
	if an.a.Targets().Varies() {
		title, msg = "Biggest gaps to target", "No rated question is below its target."
	}
	if len(an.gaps) == 0 {
		rated := 0
		for _, f := range an.fws {
			rated += f.score.Rated
		}
		if rated == 0 {
			msg = "Nothing is rated yet: gaps show here once questions are rated."
		}
		return []string{st.Title.Render(cells.Truncate(title, w)), st.Subtle.Render(cells.Truncate(msg, w))}
	}
	count := fmt.Sprintf("%d of %d", len(an.gaps), an.nGaps)
	if len(an.gaps) == an.nGaps {
		count = fmt.Sprintf("all %d", an.nGaps)
	}
	out := []string{spread(st.Title.Render(title), st.Subtle.Render(count+" · ↓ picks one, enter answers it"), w)}
	fwW, idW := 0, len("Question")
	if len(an.fws) > 1 {
		for _, f := range an.fws {
			fwW = max(fwW, cells.Width(f.name))
		}
	}
	for _, g := range an.gaps {
		idW = max(idW, cells.Width(cells.Inert(g.Question.ID)))
	}
	const lvlW, tgtW, gapW = 5, 6, 3
	titleW := w - 2 - idW - 1 - 1 - lvlW - 1 - tgtW - 1 - gapW
	if fwW > 0 {
		titleW -= fwW + 1
	}
	row := func(cursor, fw, id, title, lvl, tgt, gap string) string {
		s := cursor
		if fwW > 0 {
			s += cells.Fit(fw, fwW) + " "
		}
		return s + cells.Fit(id, idW) + " " + cells.Fit(title, max(titleW, 0)) + " " + cells.FitRight(lvl, lvlW) + " " + cells.FitRight(tgt, tgtW) + " " + cells.FitRight(gap, gapW)
	}
	out = append(out, st.Subtle.Render(cells.Fit(row("  ", "Framework", "Question", "Title", "Level", "Target", "Gap"), w)))
	sel := d.selected()
	for i, g := range an.gaps {
		cursor := "  "
		if i == sel {
			cursor = "▸ "
		}
		line := cells.Fit(row(cursor, an.name(g.Framework), cells.Inert(g.Question.ID), cells.Inert(g.Question.Title),
			strconv.Itoa(int(g.Level)), strconv.Itoa(int(g.Target)), strconv.Itoa(g.Gap())), w)
		if i == sel {
			line = st.Selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}

// targetSummary is the assessment's target, and how many frameworks or
// clauses have their own.
func targetSummary(a model.Assessment) string {
	s := fmt.Sprintf("target level %d", a.Target)
	if n := len(a.TargetOverrides); n > 0 {
		s += fmt.Sprintf(", %d set per framework or clause", n)
	}
	return s
}
