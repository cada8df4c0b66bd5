package tui

import (
	"charm.land/bubbles/v2/key"
)

// KeyMap is every key binding of the TUI, one group per screen or mode. Each
// group implements help.KeyMap: the `?` screen and the one-line hint at the
// bottom are generated from it, never written by hand.
type KeyMap struct {
	Home          HomeKeys
	Prompt        PromptKeys
	Export        ExportKeys
	Confirm       ConfirmKeys
	Form          FormKeys
	Questionnaire QuestionnaireKeys
	Note          NoteKeys
	Editor        EditorKeys
	Reason        PromptKeys
	Find          FindKeys
	Related       RelatedKeys
	Copy          ConfirmKeys
	Dashboard     DashboardKeys
	Differences   DifferencesKeys
	Drill         DrillKeys
	Help          HelpKeys
}

// DefaultKeyMap is the key map the TUI uses.
func DefaultKeyMap() KeyMap {
	quit := key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit"))
	help := key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys"))
	return KeyMap{
		Home: HomeKeys{
			Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
			Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
			Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open/resume")),
			New:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
			Rename:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rename")),
			Duplicate: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "duplicate")),
			Delete:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete")),
			Export:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export")),
			Dashboard: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "dashboard")),
			Help:      help,
			Quit:      quit,
		},
		Prompt: PromptKeys{
			Accept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "ok")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
			Quit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		},
		Export: ExportKeys{
			Format: key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "format")),
			Accept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "write")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
			Quit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		},
		Confirm: ConfirmKeys{
			Yes:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, delete")),
			No:   key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no, keep it")),
			Quit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		},
		Form: FormKeys{
			Next:   key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next field")),
			Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous field")),
			Toggle: key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "tick/untick")),
			Level:  key.NewBinding(key.WithKeys("left", "right", "0", "1", "2", "3", "4", "5"), key.WithHelp("←/→/0-5", "target")),
			Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next; on the last field: create")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
			Quit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		},
		Questionnaire: QuestionnaireKeys{
			SetLevel:       key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5"), key.WithHelp("0-5", "set the level (saves)")),
			NA:             key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "N/A (asks why)")),
			PickerUp:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "picker up")),
			PickerDown:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "picker down")),
			Confirm:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm, next question")),
			Prev:           key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous question")),
			Next:           key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next question")),
			PrevUnanswered: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous unanswered")),
			NextUnanswered: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next unanswered")),
			First:          key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first question")),
			Last:           key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last question")),
			Clear:          key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", "clear the answer")),
			Note:           key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit note")),
			Flag:           key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "flag for review")),
			Framework:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next framework")),
			FrameworkBack:  key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous framework")),
			Find:           key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "find a clause")),
			Guidance:       key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "guidance on/off")),
			GuidanceDown:   key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "scroll guidance down")),
			GuidanceUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "scroll guidance up")),
			Outline:        key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "outline on/off")),
			Related:        key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "related questions")),
			Dashboard:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "dashboard")),
			Differences:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "differences")),
			Home:           key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "assessments")),
			Help:           help,
			Quit:           quit,
		},
		Note: NoteKeys{
			Done: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "save note and leave")),
			Quit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save note and quit")),
		},
		Editor: EditorKeys{
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
		},
		Reason: PromptKeys{
			Accept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "mark N/A")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
			Quit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		},
		Find: FindKeys{
			Up:     key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "previous match")),
			Down:   key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "next match")),
			Jump:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "jump there")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
			Quit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		},
		Related: RelatedKeys{
			Up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
			Down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
			Copy:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy this level there (asks first)")),
			Go:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to that question")),
			Close: key.NewBinding(key.WithKeys("esc", "r"), key.WithHelp("esc/r", "back to the question")),
			Quit:  quit,
		},
		Copy: ConfirmKeys{
			Yes:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, copy and save")),
			No:   key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no, leave it")),
			Quit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		},
		Dashboard: DashboardKeys{
			Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous gap")),
			Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next gap")),
			Jump:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "answer that question")),
			Differences: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "differences")),
			Back:        key.NewBinding(key.WithKeys("esc", "d"), key.WithHelp("esc", "back")),
			Help:        help,
			Quit:        quit,
		},
		Differences: DifferencesKeys{
			Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
			Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
			PageUp:    key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
			PageDown:  key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
			Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "answers behind a row")),
			Tab:       key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "themes/profile")),
			Sort:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort by difference")),
			Dashboard: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "dashboard")),
			Back:      key.NewBinding(key.WithKeys("esc", "x"), key.WithHelp("esc", "back")),
			Help:      help,
			Quit:      quit,
		},
		Drill: DrillKeys{
			Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous question")),
			Down: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next question")),
			Jump: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to that question")),
			Back: key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back to the table")),
			Help: help,
			Quit: quit,
		},
		Help: HelpKeys{
			Close: key.NewBinding(key.WithKeys("esc", "?", "q"), key.WithHelp("esc/?/q", "close help")),
			Quit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		},
	}
}

// HomeKeys are the keys of the assessments list.
type HomeKeys struct {
	Up, Down, Open, New, Rename, Duplicate, Delete, Export, Dashboard, Help, Quit key.Binding
}

// ShortHelp is the one-line hint.
func (k HomeKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.New, k.Rename, k.Duplicate, k.Delete, k.Export, k.Dashboard, k.Help, k.Quit}
}

// FullHelp is the help screen.
func (k HomeKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Open, k.New},
		{k.Rename, k.Duplicate, k.Delete, k.Export},
		{k.Dashboard, k.Help, k.Quit},
	}
}

// PromptKeys are the keys of a one-line text prompt (rename, copy name, N/A reason).
type PromptKeys struct {
	Accept, Cancel, Quit key.Binding
}

// ShortHelp is the one-line hint.
func (k PromptKeys) ShortHelp() []key.Binding { return []key.Binding{k.Accept, k.Cancel, k.Quit} }

// FullHelp is the help screen.
func (k PromptKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ExportKeys are the keys of the export prompt.
type ExportKeys struct {
	Format, Accept, Cancel, Quit key.Binding
}

// ShortHelp is the one-line hint.
func (k ExportKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Format, k.Accept, k.Cancel, k.Quit}
}

// FullHelp is the help screen.
func (k ExportKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ConfirmKeys answer a yes/no question.
type ConfirmKeys struct {
	Yes, No, Quit key.Binding
}

// ShortHelp is the one-line hint.
func (k ConfirmKeys) ShortHelp() []key.Binding { return []key.Binding{k.Yes, k.No, k.Quit} }

// FullHelp is the help screen.
func (k ConfirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// FormKeys are the keys of the new-assessment form.
type FormKeys struct {
	Next, Prev, Toggle, Level, Submit, Cancel, Quit key.Binding
}

// ShortHelp is the one-line hint.
func (k FormKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.Toggle, k.Level, k.Submit, k.Cancel}
}

// FullHelp is the help screen.
func (k FormKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Prev, k.Submit}, {k.Toggle, k.Level, k.Cancel, k.Quit}}
}

// QuestionnaireKeys are the keys of the questionnaire screen.
type QuestionnaireKeys struct {
	SetLevel, NA, PickerUp, PickerDown, Confirm       key.Binding
	Prev, Next, PrevUnanswered, NextUnanswered        key.Binding
	First, Last, Clear, Note, Flag                    key.Binding
	Framework, FrameworkBack, Find, Guidance, Outline key.Binding
	GuidanceDown, GuidanceUp                          key.Binding
	Related, Dashboard, Differences                   key.Binding
	Home, Help, Quit                                  key.Binding
}

// ShortHelp is the one-line hint.
func (k QuestionnaireKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.SetLevel, k.NA, k.Confirm, k.Next, k.NextUnanswered, k.Note, k.Flag, k.Framework, k.Find,
		k.Related, k.Dashboard, k.Differences, k.Help, k.Quit}
}

// FullHelp is the help screen.
func (k QuestionnaireKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.SetLevel, k.NA, k.PickerUp, k.PickerDown, k.Confirm, k.Clear},
		{k.Prev, k.Next, k.PrevUnanswered, k.NextUnanswered, k.First, k.Last},
		{k.Note, k.Flag, k.Framework, k.FrameworkBack, k.Find},
		{k.Guidance, k.GuidanceDown, k.GuidanceUp, k.Outline, k.Related, k.Dashboard, k.Differences, k.Home, k.Help, k.Quit},
	}
}

// NoteKeys are the keys of the note editor (everything else is typing).
type NoteKeys struct {
	Done, Quit key.Binding
}

// ShortHelp is the one-line hint.
func (k NoteKeys) ShortHelp() []key.Binding { return []key.Binding{k.Done, k.Quit} }

// FullHelp is the help screen.
func (k NoteKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// EditorKeys are the editing keys of the note editor; any other key with
// text types it.
type EditorKeys struct {
	Newline, Backspace, Delete, DeleteWordBack, DeleteWordForward, DeleteToEnd, DeleteToStart key.Binding
	Left, Right, WordLeft, WordRight, Up, Down, PageUp, PageDown                              key.Binding
	LineStart, LineEnd, First, Last                                                           key.Binding
}

// ShortHelp is the one-line hint.
func (k EditorKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Newline, k.WordLeft, k.WordRight, k.DeleteWordBack, k.DeleteToEnd}
}

// FullHelp lists every editing key.
func (k EditorKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Newline, k.Backspace, k.Delete, k.DeleteWordBack, k.DeleteWordForward, k.DeleteToEnd, k.DeleteToStart},
		{k.Left, k.Right, k.WordLeft, k.WordRight, k.Up, k.Down, k.PageUp, k.PageDown},
		{k.LineStart, k.LineEnd, k.First, k.Last},
	}
}

// FindKeys are the keys of the clause finder.
type FindKeys struct {
	Up, Down, Jump, Cancel, Quit key.Binding
}

// ShortHelp is the one-line hint.
func (k FindKeys) ShortHelp() []key.Binding { return []key.Binding{k.Up, k.Down, k.Jump, k.Cancel} }

// FullHelp is the help screen.
func (k FindKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Jump, k.Cancel, k.Quit}}
}

// HelpKeys are the keys of the help screen.
type HelpKeys struct {
	Close, Quit key.Binding
}

// ShortHelp is the one-line hint.
func (k HelpKeys) ShortHelp() []key.Binding { return []key.Binding{k.Close, k.Quit} }

// FullHelp is the help screen.
func (k HelpKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// RelatedKeys are the keys of the related-questions list of the questionnaire.
type RelatedKeys struct {
	Up, Down, Copy, Go, Close, Quit key.Binding
}

// ShortHelp is the one-line hint.
func (k RelatedKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Copy, k.Go, k.Up, k.Down, k.Close, k.Quit}
}

// FullHelp is the help screen.
func (k RelatedKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Copy, k.Go}, {k.Close, k.Quit}}
}

// DashboardKeys are the keys of the dashboard.
type DashboardKeys struct {
	Up, Down, Jump, Differences, Back, Help, Quit key.Binding
}

// ShortHelp is the one-line hint.
func (k DashboardKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Jump, k.Differences, k.Back, k.Help, k.Quit}
}

// FullHelp is the help screen.
func (k DashboardKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Jump}, {k.Differences, k.Back, k.Help, k.Quit}}
}

// DifferencesKeys are the keys of the differences screen.
type DifferencesKeys struct {
	Up, Down, PageUp, PageDown, Open, Tab, Sort, Dashboard, Back, Help, Quit key.Binding
}

// ShortHelp is the one-line hint.
func (k DifferencesKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Tab, k.Open, k.Sort, k.Up, k.Down, k.Dashboard, k.Back, k.Help, k.Quit}
}

// FullHelp is the help screen.
func (k DifferencesKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Open}, {k.Tab, k.Sort, k.Dashboard, k.Back, k.Help, k.Quit}}
}

// DrillKeys are the keys of the answers behind a row of the differences table.
type DrillKeys struct {
	Up, Down, Jump, Back, Help, Quit key.Binding
}

// ShortHelp is the one-line hint.
func (k DrillKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Jump, k.Back, k.Help, k.Quit}
}

// FullHelp is the help screen.
func (k DrillKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Jump}, {k.Back, k.Help, k.Quit}}
}
