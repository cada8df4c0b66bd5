package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"github.com/assaytui/assay/tui/noteeditor"
)

// Styles is every style the TUI draws with, built once for the terminal's
// background. Nothing on screen depends on colour alone: marks, brackets and
// figures carry the meaning, colour only helps.
type Styles struct {
	NoColor bool

	Header    lipgloss.Style // the top line
	TabActive lipgloss.Style // the framework being worked on
	Tab       lipgloss.Style
	Title     lipgloss.Style // headings
	Label     lipgloss.Style // "Guidance", "Evidence", field labels
	Subtle    lipgloss.Style // secondary text
	Selected  lipgloss.Style // the highlighted row
	Current   lipgloss.Style // the current clause in the outline
	Saved     lipgloss.Style // the confirmed level
	Error     lipgloss.Style
	OK        lipgloss.Style
	Warn      lipgloss.Style
	Flag      lipgloss.Style
	BarFull   lipgloss.Style
	BarEmpty  lipgloss.Style
	Target    lipgloss.Style // the target mark on a bar
	Sep       lipgloss.Style // pane separators
	Key       lipgloss.Style // a key name in prose

	Help   help.Styles
	Input  textinput.Styles
	Editor noteeditor.Styles
}

// NewStyles builds the styles for a dark or light background; noColor gives
// plain styles (attributes such as bold and reverse only), for NO_COLOR.
func NewStyles(isDark, noColor bool) *Styles {
	if noColor {
		return plainStyles()
	}
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	accent := c("#005F87", "#5FD7FF")
	subtle := c("#6C6C6C", "#9E9E9E")
	faint := c("#BCBCBC", "#4E4E4E")
	errc := c("#AF0000", "#FF5F5F")
	okc := c("#005F00", "#87D787")
	warn := c("#875F00", "#FFD75F")
	selBg := c("#D7EEFF", "#264F78")
	fg := c("#1C1C1C", "#EEEEEE")

	s := &Styles{
		Header:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		TabActive: lipgloss.NewStyle().Bold(true).Underline(true).Foreground(accent),
		Tab:       lipgloss.NewStyle().Foreground(subtle),
		Title:     lipgloss.NewStyle().Bold(true),
		Label:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		Subtle:    lipgloss.NewStyle().Foreground(subtle),
		Selected:  lipgloss.NewStyle().Background(selBg).Foreground(fg).Bold(true),
		Current:   lipgloss.NewStyle().Background(selBg).Foreground(fg).Bold(true),
		Saved:     lipgloss.NewStyle().Bold(true).Foreground(okc),
		Error:     lipgloss.NewStyle().Bold(true).Foreground(errc),
		OK:        lipgloss.NewStyle().Foreground(okc),
		Warn:      lipgloss.NewStyle().Foreground(warn),
		Flag:      lipgloss.NewStyle().Bold(true).Foreground(warn),
		BarFull:   lipgloss.NewStyle().Foreground(accent),
		BarEmpty:  lipgloss.NewStyle().Foreground(faint),
		Target:    lipgloss.NewStyle().Bold(true).Foreground(warn),
		Sep:       lipgloss.NewStyle().Foreground(faint),
		Key:       lipgloss.NewStyle().Bold(true),
		Help:      help.DefaultStyles(isDark),
		Input:     textinput.DefaultStyles(isDark),
		Editor: noteeditor.Styles{
			Prompt:      lipgloss.NewStyle().Foreground(subtle),
			Text:        lipgloss.NewStyle(),
			CursorLine:  lipgloss.NewStyle(),
			Placeholder: lipgloss.NewStyle().Foreground(subtle),
			Cursor:      lipgloss.NewStyle().Reverse(true),
		},
	}
	s.Input.Cursor.Blink = false
	s.Help.ShortKey = s.Help.ShortKey.Bold(true)
	s.Help.FullKey = s.Help.FullKey.Bold(true)
	return s
}

// plainStyles uses no colour at all; reverse video marks the selection.
func plainStyles() *Styles {
	p := lipgloss.NewStyle()
	s := &Styles{
		NoColor:   true,
		Header:    p.Bold(true),
		TabActive: p.Bold(true).Underline(true),
		Tab:       p,
		Title:     p.Bold(true),
		Label:     p.Bold(true),
		Subtle:    p,
		Selected:  p.Reverse(true),
		Current:   p.Reverse(true),
		Saved:     p.Bold(true),
		Error:     p.Bold(true),
		OK:        p,
		Warn:      p,
		Flag:      p.Bold(true),
		BarFull:   p,
		BarEmpty:  p,
		Target:    p.Bold(true),
		Sep:       p,
		Key:       p.Bold(true),
		Help: help.Styles{
			Ellipsis: p, ShortKey: p.Bold(true), ShortDesc: p, ShortSeparator: p,
			FullKey: p.Bold(true), FullDesc: p, FullSeparator: p,
		},
	}
	s.Input = textinput.Styles{
		Focused: textinput.StyleState{Text: p, Placeholder: p, Suggestion: p, Prompt: p},
		Blurred: textinput.StyleState{Text: p, Placeholder: p, Suggestion: p, Prompt: p},
		Cursor:  textinput.CursorStyle{Blink: false},
	}
	s.Editor = noteeditor.Styles{Prompt: p, Text: p, CursorLine: p, Placeholder: p, Cursor: p.Reverse(true)}
	return s
}
