package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/tui/cells"
)

// helpScreen lists every key of the screen it was opened over, generated
// from that screen's key map as it was (its tab, its modal), with the
// screen's legend. It scrolls when it does not fit.
type helpScreen struct {
	c             *common
	width, height int
	title         string
	km            help.KeyMap
	legend        []string
	off           int // first line shown
}

func newHelp(c *common, s screen) helpScreen {
	h := helpScreen{c: c, title: s.Title(), km: s.Keys()}
	if l, ok := s.(legender); ok {
		h.legend = l.Legend()
	}
	return h
}

func (h helpScreen) Title() string     { return "help" }
func (h helpScreen) Keys() help.KeyMap { return h.c.keys.Help }

func (h helpScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.width, h.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		k := h.c.keys.Help
		page := max(h.height, 1)
		switch {
		case key.Matches(msg, k.Quit):
			return h, send(quitMsg{})
		case key.Matches(msg, k.Close):
			return h, send(popMsg{})
		}
		h.off = scrollKeys{k.Up, k.Down, k.PageUp, k.PageDown}.scroll(msg, h.off, page, len(h.lines()))
	}
	return h, nil
}

func (h helpScreen) lines() []string {
	st := h.c.styles
	w := h.width
	body := []string{""}
	for _, l := range helpColumns(st, h.km.FullHelp(), max(w-2, 1)) {
		body = append(body, " "+l)
	}
	if len(h.legend) > 0 {
		body = append(body, "")
		for _, l := range h.legend {
			for _, wl := range cells.Wrap(l, max(w-2, 1)) {
				body = append(body, st.Subtle.Render(" "+wl))
			}
		}
	}
	return body
}

func (h helpScreen) View() page {
	st := h.c.styles
	lines := h.lines()
	off := clamp(h.off, 0, len(lines)-h.height)
	right := ""
	if len(lines) > h.height {
		right = fmt.Sprintf("lines %d-%d of %d · ↑/↓ scroll", off+1, min(off+h.height, len(lines)), len(lines))
		lines = lines[off:min(off+h.height, len(lines))]
	}
	return page{header: h.c.header(st.Title.Render("Keys: "+h.title), right, h.width), body: lines}
}

// helpColumns lays the key map's groups out in as many columns as fit.
func helpColumns(st *Styles, groups [][]key.Binding, w int) []string {
	const gap = 3
	keyW := 0
	for _, g := range groups {
		for _, b := range g {
			if b.Enabled() {
				keyW = max(keyW, cells.Width(b.Help().Key))
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
			line := st.Key.Render(cells.Fit(hk.Key, keyW)) + "  " + cells.Truncate(hk.Desc, max(colW-keyW-2, 0))
			columns[c] = append(columns[c], line)
		}
	}
	return joinColumns(columns, colW, gap)
}

// joinColumns sets columns of lines side by side, each colW cells wide,
// gap cells apart, as tall as the tallest.
func joinColumns(columns [][]string, colW, gap int) []string {
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
			b.WriteString(cells.Fit(cell, colW))
		}
		out[r] = b.String()
	}
	return out
}
