package tui

import (
	"charm.land/bubbles/v2/key"

	"github.com/assaytui/assay/tui/noteeditor"
)

// KeyMap is every key binding of the TUI, one group per screen, tab or
// modal. Each group implements help.KeyMap: the footer and the `?` page are
// generated from the group of what is in front, never written by hand. By
// convention the last two bindings of a ShortHelp are the ones the footer
// keeps at every width.
type KeyMap struct {
	Quit          key.Binding // the keys that quit from anywhere, even behind "Enlarge the window"
	Home          HomeKeys
	Filter        PromptKeys
	Prompt        PromptKeys
	Export        ExportKeys
	Confirm       ConfirmKeys
	Form          FormKeys
	Questionnaire QuestionnaireKeys
	Note          NoteKeys
	Editor        noteeditor.Keys
	Reason        PromptKeys
	VoteNote      PromptKeys // the note of a rating in the room
	Action        ActionKeys
	Find          FindKeys
	Related       RelatedKeys
	Retired       RetiredKeys
	News          NewsKeys
	Copy          ConfirmKeys
	Conflict      ConflictKeys
	Dashboard     DashboardKeys
	Themes        DifferencesKeys
	Profile       ProfileKeys
	Drill         DrillKeys
	Help          HelpKeys
	Reconcile     ReconcileKeys
	History       ScrollKeys
	Compare       ScrollKeys
	Lead          LeadKeys // the facilitator's room screen (assay serve)
	Seat          SeatKeys // a participant's room screen
}

func bind(keys []string, help, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

func keys(k ...string) []string { return k }

// DefaultKeyMap is the key map the TUI uses.
func DefaultKeyMap() KeyMap {
	quit := bind(keys("q", "ctrl+c"), "q", "quit")
	ctrlC := bind(keys("ctrl+c"), "ctrl+c", "quit")
	saveQuit := bind(keys("ctrl+c"), "ctrl+c", "save and quit")
	help := bind(keys("?"), "?", "all keys")
	up := bind(keys("up", "k"), "↑/k", "up")
	down := bind(keys("down", "j"), "↓/j", "down")
	pgUp := bind(keys("pgup"), "pgup", "page up")
	pgDown := bind(keys("pgdown"), "pgdn", "page down")
	back := bind(keys("esc"), "esc", "back")
	return KeyMap{
		Quit: quit,
		Home: HomeKeys{
			Up: up, Down: down,
			Open:      bind(keys("enter"), "enter", "open/resume"),
			New:       bind(keys("n"), "n", "new"),
			Filter:    bind(keys("/"), "/", "filter"),
			Rename:    bind(keys("r"), "r", "rename"),
			Duplicate: bind(keys("c"), "c", "duplicate"),
			Delete:    bind(keys("D", "delete"), "D", "delete"),
			Export:    bind(keys("e"), "e", "export"),
			Dashboard: bind(keys("d"), "d", "dashboard"),
			Mark:      bind(keys("space"), "space", "mark to compare"),
			Compare:   bind(keys("="), "=", "compare marked (or with its source)"),
			Reconcile: bind(keys("R"), "R", "reconcile disagreements"),
			Help:      help, Quit: quit,
		},
		Filter: PromptKeys{
			Accept: bind(keys("enter", "down"), "enter", "to the list"),
			Cancel: bind(keys("esc"), "esc", "clear the filter"),
			Quit:   ctrlC,
		},
		Prompt: PromptKeys{
			Accept: bind(keys("enter"), "enter", "ok"),
			Cancel: bind(keys("esc"), "esc", "cancel"),
			Quit:   saveQuit,
		},
		Export: ExportKeys{
			Format: bind(keys("tab", "shift+tab"), "tab", "format"),
			Accept: bind(keys("enter"), "enter", "write"),
			Cancel: bind(keys("esc"), "esc", "cancel"),
			Quit:   ctrlC,
		},
		Confirm: ConfirmKeys{
			Yes:  bind(keys("y"), "y", "yes, delete"),
			No:   bind(keys("n", "esc"), "n/esc", "no, keep it"),
			Quit: ctrlC,
		},
		Form: FormKeys{
			Next:   bind(keys("tab", "down"), "tab/↓", "next field"),
			Prev:   bind(keys("shift+tab", "up"), "shift+tab/↑", "previous field"),
			Toggle: bind(keys("space"), "space", "tick/untick"),
			Level:  bind(keys("left", "right", "0", "1", "2", "3", "4", "5"), "←/→/0-5", "target"),
			Submit: bind(keys("enter"), "enter", "create"),
			Cancel: bind(keys("esc"), "esc", "cancel"),
			Quit:   ctrlC,
		},
		Questionnaire: QuestionnaireKeys{
			SetLevel:       bind(keys("0", "1", "2", "3", "4", "5"), "0-5", "set the level (saves)"),
			NA:             bind(keys("n"), "n", "N/A (asks why)"),
			PickerUp:       bind(keys("up", "k"), "↑/k", "picker up"),
			PickerDown:     bind(keys("down", "j"), "↓/j", "picker down"),
			Confirm:        bind(keys("enter"), "enter", "confirm, next question"),
			Prev:           bind(keys("left"), "←", "previous question"),
			Next:           bind(keys("right", "l"), "→/l", "next question"),
			PrevUnanswered: bind(keys("["), "[", "previous unanswered"),
			NextUnanswered: bind(keys("]"), "]", "next unanswered"),
			Changed:        bind(keys("w"), "w", "next new or reworded"),
			Retired:        bind(keys("p"), "p", "retired-question answers"),
			First:          bind(keys("home"), "home", "first question"),
			Last:           bind(keys("end"), "end", "last question"),
			Clear:          bind(keys("backspace"), "backspace", "clear the answer"),
			Note:           bind(keys("e"), "e", "edit note"),
			Flag:           bind(keys("f"), "f", "flag for review"),
			Action:         bind(keys("a"), "a", "action"),
			Framework:      bind(keys("tab"), "tab", "next framework"),
			FrameworkBack:  bind(keys("shift+tab"), "shift+tab", "previous framework"),
			Find:           bind(keys("/"), "/", "find a clause"),
			Guidance:       bind(keys("g"), "g", "guidance on/off"),
			GuidanceDown:   bind(keys("pgdown"), "pgdn", "scroll guidance down"),
			GuidanceUp:     bind(keys("pgup"), "pgup", "scroll guidance up"),
			Outline:        bind(keys("o"), "o", "outline on/off"),
			Related:        bind(keys("r"), "r", "related questions"),
			History:        bind(keys("h"), "h", "history of the question"),
			Reconcile:      bind(keys("R"), "R", "reconcile disagreements"),
			Dashboard:      bind(keys("d"), "d", "dashboard"),
			Differences:    bind(keys("x"), "x", "differences"),
			Back:           back,
			Help:           help, Quit: quit,
		},
		Note: NoteKeys{
			Done:    bind(keys("esc"), "esc", "save note and leave"),
			Discard: bind(keys("ctrl+r"), "ctrl+r", "back to the saved note"),
			Quit:    bind(keys("ctrl+c"), "ctrl+c", "save note and quit"),
		},
		Editor: noteeditor.DefaultKeys(),
		Reason: PromptKeys{
			Accept: bind(keys("enter"), "enter", "mark N/A"),
			Cancel: bind(keys("esc"), "esc", "cancel"),
			Quit:   saveQuit,
		},
		VoteNote: PromptKeys{
			Accept: bind(keys("enter"), "enter", "keep the note"),
			Cancel: bind(keys("esc"), "esc", "cancel"),
			Quit:   saveQuit,
		},
		Action: ActionKeys{
			Next:   bind(keys("tab", "shift+tab"), "tab", "next field"),
			Accept: bind(keys("enter"), "enter", "save the action"),
			Cancel: bind(keys("esc"), "esc", "cancel"),
			Quit:   ctrlC,
		},
		Find: FindKeys{
			Up:     bind(keys("up", "ctrl+p"), "↑", "previous match"),
			Down:   bind(keys("down", "ctrl+n"), "↓", "next match"),
			Jump:   bind(keys("enter"), "enter", "jump there"),
			Cancel: bind(keys("esc"), "esc", "cancel"),
			Quit:   ctrlC,
		},
		Related: RelatedKeys{
			Up: up, Down: down,
			Copy:  bind(keys("c"), "c", "copy this level there (asks first)"),
			Go:    bind(keys("enter"), "enter", "go to that question"),
			Close: bind(keys("esc", "r"), "esc/r", "back to the question"),
			Quit:  quit,
		},
		Retired: RetiredKeys{
			Up: up, Down: down,
			Go:    bind(keys("enter"), "enter", "go to the question that replaced it"),
			Close: bind(keys("esc", "p"), "esc/p", "back to the question"),
			Quit:  quit,
		},
		News: NewsKeys{
			Walk:    bind(keys("w"), "w", "next new or reworded"),
			Retired: bind(keys("p"), "p", "retired answers"),
			Close:   bind(keys("enter", "esc"), "enter/esc", "questions"),
			Quit:    quit,
		},
		Copy: ConfirmKeys{
			Yes:  bind(keys("y"), "y", "yes, copy and save"),
			No:   bind(keys("n", "esc"), "n/esc", "no, leave it"),
			Quit: ctrlC,
		},
		Conflict: ConflictKeys{
			Keep: bind(keys("k", "esc"), "k", "keep theirs"),
			Mine: bind(keys("u"), "u", "use yours (saves it)"),
			Quit: ctrlC,
		},
		Dashboard: DashboardKeys{
			Up:          bind(keys("up", "k"), "↑/k", "previous gap"),
			Down:        bind(keys("down", "j"), "↓/j", "next gap"),
			Jump:        bind(keys("enter"), "enter", "answer that question"),
			Differences: bind(keys("x"), "x", "differences"),
			Target:      bind(keys("t"), "t", "set a target"),
			Back:        bind(keys("esc", "d"), "esc", "back"),
			Help:        help, Quit: quit,
		},
		Themes: DifferencesKeys{
			Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
			Open:      bind(keys("enter"), "enter", "answers behind a row"),
			Tab:       bind(keys("tab", "shift+tab"), "tab", "profile"),
			Sort:      bind(keys("s"), "s", "sort by size of difference"),
			Dashboard: bind(keys("d"), "d", "dashboard"),
			Back:      bind(keys("esc", "x"), "esc", "back"),
			Help:      help, Quit: quit,
		},
		Profile: ProfileKeys{
			Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
			Tab:       bind(keys("tab", "shift+tab"), "tab", "themes"),
			Dashboard: bind(keys("d"), "d", "dashboard"),
			Back:      bind(keys("esc", "x"), "esc", "back"),
			Help:      help, Quit: quit,
		},
		Drill: DrillKeys{
			Up:   bind(keys("up", "k"), "↑/k", "previous question"),
			Down: bind(keys("down", "j"), "↓/j", "next question"),
			Jump: bind(keys("enter"), "enter", "go to that question"),
			Back: bind(keys("esc"), "esc", "back to the table"),
			Help: help, Quit: quit,
		},
		Help: HelpKeys{
			Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
			Close: bind(keys("esc", "?", "q"), "esc/?/q", "close help"),
			Quit:  ctrlC,
		},
		Reconcile: ReconcileKeys{
			Up:    bind(keys("up", "k", "left"), "↑/←", "previous rating"),
			Down:  bind(keys("down", "j", "right"), "↓/→", "next rating"),
			Take:  bind(keys("enter"), "enter", "take rating"),
			Level: bind(keys("0", "1", "2", "3", "4", "5"), "0-5", "other level"),
			Next:  bind(keys("tab", "]"), "tab", "next question"),
			Prev:  bind(keys("shift+tab", "["), "shift+tab", "previous question"),
			Go:    bind(keys("g"), "g", "open question"),
			Back:  back,
			Help:  help, Quit: quit,
		},
		History: ScrollKeys{
			Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
			Back: bind(keys("esc", "h"), "esc", "back to the question"),
			Help: help, Quit: quit,
		},
		Compare: ScrollKeys{
			Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
			Back: back,
			Help: help, Quit: quit,
		},
		Lead: LeadKeys{
			Reveal:        bind(keys("space", "v"), "space", "reveal"),
			Record:        bind(keys("0", "1", "2", "3", "4", "5"), "0-5", "record agreed level"),
			NA:            bind(keys("n"), "n", "record N/A (asks why)"),
			Again:         bind(keys("A"), "A", "ask again"),
			Prev:          bind(keys("left", "h"), "←/h", "previous question"),
			Next:          bind(keys("right", "l"), "→/l", "next question"),
			Framework:     bind(keys("tab"), "tab", "next framework"),
			FrameworkBack: bind(keys("shift+tab"), "shift+tab", "previous framework"),
			Mode:          bind(keys("m"), "m", "let loose/follow me"),
			Open:          bind(keys("enter"), "enter", "questionnaire here"),
			Dashboard:     bind(keys("d"), "d", "dashboard"),
			Help:          help,
			Quit:          bind(keys("q", "ctrl+c"), "q", "close the room"),
		},
		Seat: SeatKeys{
			Rate:  bind(keys("0", "1", "2", "3", "4", "5"), "0-5", "rate"),
			NA:    bind(keys("n"), "n", "N/A"),
			Note:  bind(keys("e"), "e", "note"),
			Loose: bind(keys("enter"), "enter", "on your own (let loose)"),
			Help:  help,
			Quit:  bind(keys("q", "ctrl+c"), "q", "leave"),
		},
	}
}
