package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
)

// dashboard shows the assessment at a glance: for each framework (side by
// side) a bar per top-level section with the target marked, completion and
// the overall figures; under them the biggest gaps, each a way into the
// question behind it.
type dashboard struct {
	c             *common
	width, height int
	an            *analysis // the open assessment's figures; set by the root
	sel           int       // the highlighted gap; -1: none, the page shows from the top
	back          screenID  // where esc goes

	status    string
	statusErr bool
}

func newDashboard(c *common) dashboard { return dashboard{c: c, sel: -1} }

// reset shows the dashboard from the top, coming from screen back.
func (d dashboard) reset(back screenID) dashboard {
	d.sel, d.back, d.status, d.statusErr = -1, back, "", false
	return d
}

func (d dashboard) Update(msg tea.Msg) (dashboard, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		return d.updateKey(msg)
	}
	return d, nil
}

func (d dashboard) updateKey(msg tea.KeyPressMsg) (dashboard, tea.Cmd) {
	k := d.c.keys.Dashboard
	d.status, d.statusErr = clearErr(d.status, d.statusErr)
	n := 0
	if d.an != nil {
		n = len(d.an.gaps)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return d, send(quitMsg{})
	case key.Matches(msg, k.Help):
		return d, send(showHelpMsg{})
	case key.Matches(msg, k.Back):
		return d, send(backMsg{})
	case d.an == nil:
		return d, nil
	case key.Matches(msg, k.Up):
		d.sel = clamp(min(d.sel, n)-1, -1, n-1)
	case key.Matches(msg, k.Down):
		d.sel = clamp(d.sel+1, -1, n-1)
	case key.Matches(msg, k.Jump):
		if n == 0 {
			d.status = "no gap to go to: rate questions in the questionnaire first"
			return d, nil
		}
		if d.sel < 0 {
			d.sel = 0
			return d, nil
		}
		g := d.an.gaps[clamp(d.sel, 0, n-1)]
		return d, send(jumpMsg{model.Key{Framework: g.Framework, Question: g.Question.ID}})
	case key.Matches(msg, k.Differences):
		return d, send(showDifferencesMsg{})
	}
	return d, nil
}

func (d dashboard) View() string {
	st := d.c.styles
	w := d.width
	hint := d.c.hint("dashboard", d.c.keys.Dashboard, w)
	if d.an == nil {
		return frame(st, w, d.height, st.Header.Render(fit("assay · Dashboard", w)),
			[]string{"", "  Opening the assessment…"}, d.status, d.statusErr, "", hint)
	}
	an := d.an
	header := spread(st.Header.Render("assay")+" · "+st.Title.Render(truncate(inert(an.a.Name), max(w/2, 8)))+" · Dashboard",
		st.Subtle.Render(fmt.Sprintf("target level %d", an.a.Target)), w)
	if len(an.fws) == 0 {
		return frame(st, w, d.height, header, []string{"", "  None of this assessment's frameworks is loaded; esc goes back."},
			d.status, d.statusErr, "", hint)
	}
	top := d.frameworkColumns(w)
	gapsAt := len(top) + 1
	body := append(top, "")
	body = append(body, d.gapLines(w)...)

	// With no gap highlighted the page shows from the top; with one, the
	// page scrolls to show the whole table of gaps, or as much of it as
	// fits around the highlighted one.
	bodyH := max(d.height-3, 0)
	off := 0
	if sel := d.selected(); sel >= 0 && len(body) > bodyH {
		off = len(body) - bodyH
		if selLine := gapsAt + 2 + sel; selLine-2 < off {
			off = max(selLine-2, 0)
		}
	}
	body = body[off:]
	if d.selected() < 0 && len(body) > bodyH && bodyH > 0 && len(an.gaps) > 0 {
		body[bodyH-1] = st.Subtle.Render(fit(fmt.Sprintf("↓ below: the biggest gaps (%d); ↓ picks one", len(an.gaps)), w))
	}
	return frame(st, w, d.height, header, body, d.status, d.statusErr, "", hint)
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
		lw := (w - width(sep)) / 2
		rw := w - width(sep) - lw
		left, right := d.frameworkLines(&fws[i], lw), d.frameworkLines(&fws[i+1], rw)
		for r := 0; r < max(len(left), len(right)); r++ {
			l, rr := strings.Repeat(" ", lw), ""
			if r < len(left) {
				l = fit(left[r], lw)
			}
			if r < len(right) {
				rr = right[r]
			}
			out = append(out, l+st.Sep.Render(sep)+rr)
		}
	}
	legend := fmt.Sprintf("%c = target %d · overall = mean of the rated sections · %% = answered or N/A", targetMark, d.an.a.Target)
	return append(out, st.Subtle.Render(truncate(legend, w)))
}

// frameworkLines is one framework's block: name, overall figures, a bar per
// top-level section.
func (d dashboard) frameworkLines(f *fwAnalysis, w int) []string {
	st := d.c.styles
	target := int(d.an.a.Target)
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
	figs := fitRight(figure(sc.Score), figW) + " " + fitRight(strconv.Itoa(percent(sc.Completion()))+"%", pctW)
	if titleW > 0 {
		out = append(out, st.Title.Render(fit("Overall", refW+1+titleW))+" "+d.c.bar(sc.Score, barW, target)+" "+st.Title.Render(figs))
	} else {
		out = append(out, st.Title.Render(fit("Overall "+figure(sc.Score)+"  "+strconv.Itoa(percent(sc.Completion()))+"%", w)))
	}
	out = append(out, "")
	for i, ss := range sc.Sections {
		s := fit(inert(ss.Section.Ref), refW) + " "
		if titleW > 0 {
			s += fit(f.tops[i], titleW) + " "
		}
		s += d.c.bar(ss.Score, barW, target) + " " + fitRight(figure(ss.Score), figW) + " " + fitRight(strconv.Itoa(percent(ss.Completion()))+"%", pctW)
		out = append(out, s)
	}
	return out
}

// gapLines is the table of the biggest gaps.
func (d dashboard) gapLines(w int) []string {
	st := d.c.styles
	an := d.an
	title := fmt.Sprintf("Biggest gaps to target %d", an.a.Target)
	if len(an.gaps) == 0 {
		msg := fmt.Sprintf("No rated question is below target %d.", an.a.Target)
		rated := 0
		for _, f := range an.fws {
			rated += f.score.Rated
		}
		if rated == 0 {
			msg = "Nothing is rated yet: gaps show here once questions are rated."
		}
		return []string{st.Title.Render(truncate(title, w)), st.Subtle.Render(truncate(msg, w))}
	}
	count := fmt.Sprintf("%d of %d", len(an.gaps), an.nGaps)
	if len(an.gaps) == an.nGaps {
		count = fmt.Sprintf("all %d", an.nGaps)
	}
	out := []string{spread(st.Title.Render(title), st.Subtle.Render(count+" · ↓ picks one, enter answers it"), w)}
	fwW, idW := 0, len("Question")
	if len(an.fws) > 1 {
		for _, f := range an.fws {
			fwW = max(fwW, width(f.name))
		}
	}
	for _, g := range an.gaps {
		idW = max(idW, width(inert(g.Question.ID)))
	}
	const lvlW, tgtW, gapW = 5, 6, 3
	titleW := w - 2 - idW - 1 - 1 - lvlW - 1 - tgtW - 1 - gapW
	if fwW > 0 {
		titleW -= fwW + 1
	}
	row := func(cursor, fw, id, title, lvl, tgt, gap string) string {
		s := cursor
		if fwW > 0 {
			s += fit(fw, fwW) + " "
		}
		return s + fit(id, idW) + " " + fit(title, max(titleW, 0)) + " " + fitRight(lvl, lvlW) + " " + fitRight(tgt, tgtW) + " " + fitRight(gap, gapW)
	}
	out = append(out, st.Subtle.Render(fit(row("  ", "Framework", "Question", "Title", "Level", "Target", "Gap"), w)))
	sel := d.selected()
	for i, g := range an.gaps {
		cursor := "  "
		if i == sel {
			cursor = "▸ "
		}
		line := fit(row(cursor, an.name(g.Framework), inert(g.Question.ID), inert(g.Question.Title),
			strconv.Itoa(int(g.Level)), strconv.Itoa(int(g.Target)), strconv.Itoa(g.Gap())), w)
		if i == sel {
			line = st.Selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}
