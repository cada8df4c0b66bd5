package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpScreen lists every key of the screen it was opened from, generated
// from that screen's key map, with the questionnaire's marks explained.
type helpScreen struct {
	c             *common
	width, height int
	title         string
	km            help.KeyMap
	legend        []string
}

var questionnaireLegend = []string{
	"Outline: · unanswered  0-5 level  na N/A  ! flagged  … saving  ✗ not saved",
	"Bars: section maturity 0-5, its figure (– until rated) and the share answered",
	"Related: the other framework's questions on the same theme; r lists, c copies",
}

var dashboardLegend = []string{
	"Bars: maturity 0-5 of each top-level section; ┃ marks the target level.",
	"      A bar that reaches ┃ has reached the target. Overall is the mean of",
	"      the sections with a rated answer; % counts questions answered or N/A.",
	"Gaps: rated questions below target, biggest first (gap = target − level).",
}

var differencesLegend = []string{
	"Themes: each side's maturity is the mean of its rated questions under the",
	"        theme's refs; diff is the first framework's minus the second's",
	"        (– until both have one); match: how closely the frameworks correspond.",
	"Only in one framework: areas the other framework does not cover.",
	"enter on a row lists the answers behind both figures and how each is made.",
}

func newHelpScreen(c *common, title string, km help.KeyMap, legend []string) helpScreen {
	return helpScreen{c: c, title: title, km: km, legend: legend}
}

func (h helpScreen) Update(msg tea.Msg) (helpScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.width, h.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, h.c.keys.Help.Quit):
			return h, send(quitMsg{})
		case key.Matches(msg, h.c.keys.Help.Close):
			return h, send(closeHelpMsg{})
		}
	}
	return h, nil
}

// closeHelpMsg returns to the screen the help was opened from.
type closeHelpMsg struct{}

// helpColumns lays the key map's groups out in as many columns as fit.
func helpColumns(st *Styles, groups [][]key.Binding, w int) []string {
	const gap = 3
	keyW := 0
	for _, g := range groups {
		for _, b := range g {
			if b.Enabled() {
				keyW = max(keyW, width(b.Help().Key))
			}
		}
	}
	cols := 1
	for c := len(groups); c > 1; c-- {
		if (w-gap*(c-1))/c >= keyW+2+24 {
			cols = c
			break
		}
	}
	colW := max((w-gap*(cols-1))/cols, 1)
	// Fill columns in order, each about the same height.
	total := 0
	for _, g := range groups {
		total += len(g) + 1
	}
	per := (total + cols - 1) / cols
	columns := make([][]string, cols)
	c := 0
	for _, g := range groups {
		if len(columns[c]) > 0 && len(columns[c])+len(g) > per && c < cols-1 {
			c++
		}
		if len(columns[c]) > 0 {
			columns[c] = append(columns[c], "")
		}
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			hk := b.Help()
			line := st.Key.Render(fit(hk.Key, keyW)) + "  " + truncate(hk.Desc, max(colW-keyW-2, 0))
			columns[c] = append(columns[c], line)
		}
	}
	rows := 0
	for _, col := range columns {
		rows = max(rows, len(col))
	}
	out := make([]string, rows)
	for r := range out {
		var b strings.Builder
		for ci, col := range columns {
			if ci > 0 {
				b.WriteString(strings.Repeat(" ", gap))
			}
			cell := ""
			if r < len(col) {
				cell = col[r]
			}
			b.WriteString(fit(cell, colW))
		}
		out[r] = b.String()
	}
	return out
}

func (h helpScreen) View() string {
	st := h.c.styles
	w := h.width
	body := []string{""}
	for _, l := range helpColumns(st, h.km.FullHelp(), max(w-2, 1)) {
		body = append(body, " "+l)
	}
	if len(h.legend) > 0 {
		body = append(body, "")
		for _, l := range h.legend {
			body = append(body, st.Subtle.Render(" "+truncate(l, max(w-2, 1))))
		}
	}
	header := st.Header.Render("assay") + " · " + st.Title.Render("Keys: "+h.title)
	return frame(st, w, h.height, header, body, "", false, "", h.c.hint("help", h.c.keys.Help, w))
}
