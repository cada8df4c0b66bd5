package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/tui/cells"
)

// Modals are components a screen opens over its own content: a one-line
// prompt, a yes/no confirmation, the clause finder, the related questions,
// the note editor. While open a modal takes the keys; its Update says how
// it ended, and the screen that opened it acts on that.

// outcome is how a modal's Update ended.
type outcome int

const (
	stay      outcome = iota // still open
	accepted                 // enter, y: the screen acts on the value
	cancelled                // esc, n: nothing happens
	quitting                 // ctrl+c: the app quits; what was typed is saved on the way out
)

// prompt asks for one line of text.
type prompt struct {
	keys     PromptKeys
	label    string // the line above the input
	input    lineInput
	required string // said when enter is pressed on nothing; "" takes an empty value
	problem  string // what is wrong with the value, under it
}

func newPrompt(c *common, keys PromptKeys, label, ask, value string, limit, w int) prompt {
	p := prompt{keys: keys, label: label, input: newLineInput(limit)}
	p.input.Prompt = ask
	p.input.SetStyles(c.styles.Input)
	p.input.SetValue(value)
	p.input.CursorEnd()
	p.input.Focus()
	p.resize(w)
	return p
}

func (p *prompt) resize(w int) { p.input.SetWidth(max(w-cells.Width(p.input.Prompt)-2, 1)) }

func (p prompt) value() string { return p.input.Value() }

// valid is the value when it can be taken.
func (p prompt) valid() (string, bool) {
	v := p.input.Value()
	return v, p.required == "" || strings.TrimSpace(v) != ""
}

func (p prompt) Update(msg tea.Msg) (prompt, outcome, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, p.keys.Quit):
			return p, quitting, nil
		case key.Matches(k, p.keys.Cancel):
			return p, cancelled, nil
		case key.Matches(k, p.keys.Accept):
			if _, ok := p.valid(); !ok {
				p.problem = p.required
				return p, stay, nil
			}
			return p, accepted, nil
		}
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	p.problem = ""
	return p, stay, cmd
}

// lines draws the label, the input and a problem, in w cells.
func (p prompt) lines(st *Styles, w int) []string {
	var out []string
	for _, l := range wrapAtMost(p.label, w, 3) {
		out = append(out, st.Label.Render(l))
	}
	out = append(out, cells.Fit(p.input.View(), w))
	for _, l := range wrapAtMost(p.problem, w, 3) {
		out = append(out, st.Error.Render(l))
	}
	return out
}

// wrapAtMost wraps s to w columns in at most n lines, the last cut with "…"
// if it needs more: a prompt's label and problem are read whole where they fit.
func wrapAtMost(s string, w, n int) []string {
	if s == "" {
		return nil
	}
	lines := cells.Wrap(s, w)
	if len(lines) > n {
		lines = append(lines[:n-1:n-1], cells.Truncate(strings.Join(lines[n-1:], " "), w))
	}
	return lines
}

// confirm asks yes or no.
type confirm struct {
	keys     ConfirmKeys
	question []string // drawn as a warning
	answers  string   // "y deletes it · n or esc keeps it"
}

func (c confirm) Update(msg tea.Msg) (confirm, outcome) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case key.Matches(k, c.keys.Quit):
		return c, quitting
	case key.Matches(k, c.keys.Yes):
		return c, accepted
	case key.Matches(k, c.keys.No):
		return c, cancelled
	}
	return c, stay
}

func (c confirm) lines(st *Styles, w int, warn bool) []string {
	var out []string
	for _, q := range c.question {
		for _, l := range cells.Wrap(q, w) {
			if warn {
				l = st.Error.Render(l)
			} else {
				l = st.Title.Render(l)
			}
			out = append(out, l)
		}
	}
	return append(out, cells.Truncate(c.answers, w))
}

// listStep moves a list modal's selection for up or down, kept within n
// rows; ok is false for any other key.
func listStep(msg tea.KeyPressMsg, up, down key.Binding, sel, n int) (int, bool) {
	switch {
	case key.Matches(msg, up):
		return clamp(sel-1, 0, n-1), true
	case key.Matches(msg, down):
		return clamp(sel+1, 0, n-1), true
	}
	return sel, false
}
