package tui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/tui/cells"
)

// lineInput is a one-line text input that keeps what is typed or pasted
// exactly (see cells.Editable) and draws it inert. Only Update, SetValue,
// Value and View differ from textinput's.
type lineInput struct {
	textinput.Model
}

func newLineInput(limit int) lineInput {
	in := textinput.New()
	in.CharLimit = limit
	return lineInput{in}
}

// Update passes typed text and pastes to the input through cells.Editable.
func (l lineInput) Update(msg tea.Msg) (lineInput, tea.Cmd) {
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		if m.Text != "" {
			m.Text = cells.Editable(m.Text)
			msg = m
		}
	case tea.PasteMsg:
		m.Content = cells.Editable(m.Content)
		msg = m
	}
	var cmd tea.Cmd
	l.Model, cmd = l.Model.Update(msg)
	return l, cmd
}

// SetValue replaces the text (line breaks become spaces).
func (l *lineInput) SetValue(s string) { l.Model.SetValue(cells.Editable(s)) }

// Value is the text as typed.
func (l lineInput) Value() string { return cells.Typed(l.Model.Value()) }

// View draws the input with its text inert.
func (l lineInput) View() string { return cells.InertView(l.Model.View()) }
