package tui

import (
	"fmt"
	"math"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// compareScreen sets two assessments side by side (last year's and this
// year's, say): per framework and top-level section a bar for each with
// the change between them, then every question whose level moved.
type compareScreen struct {
	c             *common
	width, height int
	oldID, newID  string
	cmp           *model.Comparison
	err           error
	scroller
}

func newCompare(c *common, oldID, newID string) compareScreen {
	return compareScreen{c: c, oldID: oldID, newID: newID}
}

func (v compareScreen) Title() string     { return "compare" }
func (v compareScreen) Keys() help.KeyMap { return v.c.keys.Compare }

func (v compareScreen) Legend() []string {
	return []string{"Bars: maturity 0-5 of each top-level section, the older assessment above the newer; the change is newer minus older, shown when both have a rated answer."}
}

func (v compareScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		v.width, v.height = msg.Width, msg.Height
	case revealMsg:
		if v.cmp == nil {
			return v, v.c.db.compare(v.oldID, v.newID)
		}
	case comparedMsg:
		if msg.oldID == v.oldID && msg.newID == v.newID {
			v.err = msg.err
			if msg.err == nil {
				v.cmp = &msg.cmp
			}
		}
	case tea.KeyPressMsg:
		k := v.c.keys.Compare
		switch {
		case key.Matches(msg, k.Quit):
			return v, send(quitMsg{})
		case key.Matches(msg, k.Back):
			return v, send(popMsg{})
		case key.Matches(msg, k.Help):
			return v, send(helpMsg{})
		}
		v.scroll(msg, k, len(v.lines()), v.height)
	}
	return v, nil
}

func (v compareScreen) View() page {
	st := v.c.styles
	body, where := v.window(v.lines(), v.height)
	return page{header: v.c.header(st.Title.Render("Compare"), where, v.width), body: body}
}

func (v compareScreen) lines() []string {
	st := v.c.styles
	w := v.width
	switch {
	case v.err != nil:
		return []string{"", st.Error.Render(cells.Truncate("  cannot compare: "+cells.Inert(v.err.Error()), w))}
	case v.cmp == nil:
		return []string{"", "  Reading both assessments…"}
	}
	c := v.cmp
	out := []string{
		cells.Truncate(st.Subtle.Render("older ")+st.Title.Render(cells.Inert(c.Old.Name))+st.Subtle.Render(" ("+c.Old.ID+", "+c.Old.CreatedAt.Local().Format("2006-01-02")+")"), w),
		cells.Truncate(st.Subtle.Render("newer ")+st.Title.Render(cells.Inert(c.New.Name))+st.Subtle.Render(" ("+c.New.ID+", "+c.New.CreatedAt.Local().Format("2006-01-02")+")"), w),
	}
	for _, fd := range c.Frameworks {
		out = append(out, "")
		out = append(out, v.frameworkLines(fd, w)...)
	}
	out = append(out, "")
	if len(c.Changed) == 0 {
		return append(out, st.Subtle.Render("No answer changed level."))
	}
	out = append(out, st.Label.Render(fmt.Sprintf("Changed answers (%d)", len(c.Changed))))
	idW := 0
	for _, ch := range c.Changed {
		idW = max(idW, cells.Width(cells.Inert(ch.Key.Qualified())))
	}
	for _, ch := range c.Changed {
		title := "(no longer in the questionnaire)"
		if ch.Question != nil {
			title = cells.Inert(ch.Question.Title)
		}
		move := cells.FitRight(shortLevel(ch.Old), 2) + " → " + cells.Fit(shortLevel(ch.New), 2)
		out = append(out, cells.Truncate("  "+cells.Fit(cells.Inert(ch.Key.Qualified()), idW)+"  "+move+"  "+title, w))
	}
	return out
}

// frameworkLines is one framework: the overall figures then a row per
// top-level section, each with the older and the newer bar and the change.
func (v compareScreen) frameworkLines(fd model.FrameworkDelta, w int) []string {
	st := v.c.styles
	f := fd.Framework
	head := fmt.Sprintf("%s  overall %s → %s  %s", cells.Inert(f.Name()), side(fd.Overall.Old, fd.Overall.HasOld),
		side(fd.Overall.New, fd.Overall.HasNew), v.delta(fd.Overall))
	changed := fmt.Sprintf("  · %d answers changed", fd.ChangedAnswers)
	if fd.ChangedAnswers == 1 {
		changed = "  · 1 answer changed"
	}
	out := []string{cells.Truncate(st.Label.Render(head)+st.Subtle.Render(changed), w)}
	refW := 0
	for _, s := range fd.Sections {
		refW = max(refW, cells.Width(cells.Inert(s.Section.Ref)))
	}
	const figW, deltaW = 3, 5
	rest := w - refW - 1 - 2*(figW+1) - deltaW - 2
	barW := clamp(rest/4, 5, 24)
	titleW := max(rest-2*(barW+1), 0)
	out = append(out, st.Subtle.Render(cells.Fit("", refW+1+titleW+1)+cells.Fit("older", barW+1)+cells.Fit("newer", barW+1)+
		cells.FitRight("old", figW)+" "+cells.FitRight("new", figW)+" "+cells.FitRight("Δ", deltaW)))
	for _, s := range fd.Sections {
		line := cells.Fit(cells.Inert(s.Section.Ref), refW) + " " + cells.Fit(cells.Inert(s.Section.Title), titleW) + " " +
			v.c.bar(scoreOf(s.Old, s.HasOld), barW, -1) + " " + v.c.bar(scoreOf(s.New, s.HasNew), barW, -1) + " " +
			cells.FitRight(side(s.Old, s.HasOld), figW) + " " + cells.FitRight(side(s.New, s.HasNew), figW) + " " +
			cells.FitRight(v.delta(s.Delta), deltaW)
		out = append(out, line)
	}
	return out
}

// delta is the signed change with one decimal, coloured by its sign.
func (v compareScreen) delta(d model.Delta) string {
	st := v.c.styles
	ch, ok := d.Change()
	ch = round1(ch)
	switch {
	case !ok:
		return st.Subtle.Render("–")
	case ch > 0:
		return st.OK.Render(fmt.Sprintf("%+.1f", ch))
	case ch < 0:
		return st.Error.Render(fmt.Sprintf("%+.1f", ch))
	}
	return "±0.0"
}

// scoreOf is a figure as a score a bar can draw.
func scoreOf(x float64, ok bool) model.Score {
	if !ok {
		return model.Score{}
	}
	return model.Score{Maturity: x, Rated: 1}
}

func side(x float64, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.1f", round1(x))
}

// round1 rounds half away from zero to one decimal, so that the figures
// and their change agree (2.5 → 2.75 reads 2.5 → 2.8, +0.3).
func round1(x float64) float64 { return math.Round(x*10) / 10 }

// shortLevel is 0-5, "na" or "·".
func shortLevel(l model.Level) string {
	if s := l.String(); s != "" {
		return s
	}
	return "·"
}
