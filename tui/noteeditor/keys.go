package noteeditor

import "charm.land/bubbles/v2/key"

// Keys are the editing keys of the note editor; any other key with text
// types it.
type Keys struct {
	Newline, Backspace, Delete, DeleteWordBack, DeleteWordForward, DeleteToEnd, DeleteToStart key.Binding
	Left, Right, WordLeft, WordRight, Up, Down, PageUp, PageDown                              key.Binding
	LineStart, LineEnd, First, Last                                                           key.Binding
}

// DefaultKeys are the editing keys of common terminal editors.
func DefaultKeys() Keys {
	return Keys{
		Newline:           key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "new line")),
		Backspace:         key.NewBinding(key.WithKeys("backspace", "ctrl+h"), key.WithHelp("backspace", "delete back")),
		Delete:            key.NewBinding(key.WithKeys("delete", "ctrl+d"), key.WithHelp("delete", "delete")),
		DeleteWordBack:    key.NewBinding(key.WithKeys("alt+backspace", "ctrl+w", "ctrl+backspace"), key.WithHelp("ctrl+w", "delete word back")),
		DeleteWordForward: key.NewBinding(key.WithKeys("alt+delete", "alt+d", "ctrl+delete"), key.WithHelp("alt+d", "delete word")),
		DeleteToEnd:       key.NewBinding(key.WithKeys("ctrl+k"), key.WithHelp("ctrl+k", "delete to line end")),
		DeleteToStart:     key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "delete to line start")),
		Left:              key.NewBinding(key.WithKeys("left", "ctrl+b"), key.WithHelp("←", "back")),
		Right:             key.NewBinding(key.WithKeys("right", "ctrl+f"), key.WithHelp("→", "forward")),
		WordLeft:          key.NewBinding(key.WithKeys("alt+left", "ctrl+left", "alt+b"), key.WithHelp("alt+←", "word back")),
		WordRight:         key.NewBinding(key.WithKeys("alt+right", "ctrl+right", "alt+f"), key.WithHelp("alt+→", "word forward")),
		Up:                key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "row up")),
		Down:              key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "row down")),
		PageUp:            key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:          key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		LineStart:         key.NewBinding(key.WithKeys("home", "ctrl+a"), key.WithHelp("home", "line start")),
		LineEnd:           key.NewBinding(key.WithKeys("end", "ctrl+e"), key.WithHelp("end", "line end")),
		First:             key.NewBinding(key.WithKeys("ctrl+home", "alt+<"), key.WithHelp("ctrl+home", "start of note")),
		Last:              key.NewBinding(key.WithKeys("ctrl+end", "alt+>"), key.WithHelp("ctrl+end", "end of note")),
	}
}

// ShortHelp is the one-line hint.
func (k Keys) ShortHelp() []key.Binding {
	return []key.Binding{k.Newline, k.WordLeft, k.WordRight, k.DeleteWordBack, k.DeleteToEnd}
}

// FullHelp lists every editing key.
func (k Keys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Newline, k.Backspace, k.Delete, k.DeleteWordBack, k.DeleteWordForward, k.DeleteToEnd, k.DeleteToStart},
		{k.Left, k.Right, k.WordLeft, k.WordRight, k.Up, k.Down, k.PageUp, k.PageDown},
		{k.LineStart, k.LineEnd, k.First, k.Last},
	}
}
