package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/report"
	"github.com/assaytui/assay/tui/cells"
)

// historyScreen is one question's story, newest first: who changed it,
// when, from what to what, from which import, and what a resolution
// settled; and, while it is disputed, the ratings standing.
type historyScreen struct {
	c             *common
	s             *session
	key           model.Key
	width, height int
	entries       []model.HistoryEntry
	loaded        bool
	err           error
	scroller
}

func newHistoryScreen(c *common, s *session, k model.Key) historyScreen {
	return historyScreen{c: c, s: s, key: k}
}

func (h historyScreen) Title() string     { return "history of a question" }
func (h historyScreen) Keys() help.KeyMap { return h.c.keys.History }

func (h historyScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.width, h.height = msg.Width, msg.Height
	case revealMsg:
		return h, h.c.db.history(h.s.id, h.key)
	case historyMsg:
		if msg.id == h.s.id && msg.key == h.key {
			h.entries, h.err, h.loaded = msg.entries, msg.err, true
		}
	case tea.KeyPressMsg:
		k := h.c.keys.History
		switch {
		case key.Matches(msg, k.Quit):
			return h, send(quitMsg{})
		case key.Matches(msg, k.Back):
			return h, send(popMsg{})
		case key.Matches(msg, k.Help):
			return h, send(helpMsg{})
		}
		h.scroll(msg, k, len(h.lines()), h.height)
	}
	return h, nil
}

func (h historyScreen) lines() []string {
	st := h.c.styles
	w := h.width
	out := []string{st.Title.Render(cells.Truncate(h.questionTitle(), w)), ""}
	if d := h.s.dispute(h.key); d != nil {
		out = append(out, st.Error.Render(cells.Truncate("≠ disputed now: "+d.Spread().String(), w)))
		for _, r := range d.Standing() {
			out = append(out, cells.Truncate("  "+ratingLine(r), w))
		}
		out = append(out, "")
	}
	switch {
	case h.err != nil:
		return append(out, st.Error.Render(cells.Truncate("cannot read the history: "+cells.Inert(h.err.Error()), w)))
	case !h.loaded:
		return append(out, st.Subtle.Render("reading…"))
	case len(h.entries) == 0:
		return append(out, st.Subtle.Render("no change recorded yet"))
	}
	byW := 0
	for _, e := range h.entries {
		byW = max(byW, min(cells.Width(cells.Inert(e.By)), 20))
	}
	for i := len(h.entries) - 1; i >= 0; i-- {
		e := h.entries[i]
		when := e.At.Local().Format("2006-01-02 15:04")
		line := when + "  " + st.Label.Render(cells.Fit(cells.Inert(e.By), byW)) + "  " + cells.Inert(report.DescribeChange(e))
		out = append(out, cells.Truncate(line, w))
		var more []string
		if e.Host != "" {
			more = append(more, "on "+cells.Inert(e.Host))
		}
		if p := report.Provenance(e); p != "" {
			more = append(more, cells.Inert(p))
		}
		if len(more) > 0 {
			for _, l := range cells.Wrap(strings.Join(more, " · "), max(w-cells.Width(when)-2, 1)) {
				out = append(out, st.Subtle.Render(strings.Repeat(" ", cells.Width(when)+2)+l))
			}
		}
	}
	return out
}

// questionTitle names the question: framework, ID and title.
func (h historyScreen) questionTitle() string {
	if v, _ := h.s.view(h.key.Framework); v != nil {
		if i := v.fw.QuestionIndex(h.key.Question); i >= 0 {
			return v.name + " " + v.text[i].id + "  " + v.text[i].title
		}
	}
	return cells.Inert(h.key.Qualified())
}

func (h historyScreen) View() page {
	st := h.c.styles
	body, where := h.window(h.lines(), h.height)
	return page{header: h.c.header(st.Title.Render("History"), where, h.width), body: body}
}

// ratingLine is one rating in a line: who, the level, where and when.
func ratingLine(r model.Rating) string {
	s := cells.Inert(r.By) + "  " + levelWord(r.Level)
	if r.Host != "" {
		s += "  on " + cells.Inert(r.Host)
	}
	if !r.At.IsZero() {
		s += "  " + r.At.Local().Format("2006-01-02 15:04")
	}
	if n := strings.TrimSpace(r.Note); n != "" {
		s += "  “" + cells.Preview(n, 60) + "”"
	}
	return s
}
