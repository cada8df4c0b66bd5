package tui

// The key groups of the KeyMap, one per screen, tab or modal: each is a
// help.KeyMap, so footers and the help page come from the bindings.

import (
	"charm.land/bubbles/v2/key"

	"github.com/assaytui/assay/tui/noteeditor"
)

// HomeKeys are the keys of the assessments list.
type HomeKeys struct {
	Up, Down, Open, New, Filter, Rename, Duplicate, Delete, Export, Dashboard key.Binding
	Mark, Compare, Reconcile, Help, Quit                                      key.Binding
}

func (k HomeKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.New, k.Filter, k.Rename, k.Duplicate, k.Delete, k.Export, k.Dashboard,
		k.Mark, k.Compare, k.Reconcile, k.Help, k.Quit}
}

func (k HomeKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Open, k.New, k.Filter}, {k.Rename, k.Duplicate, k.Delete, k.Export},
		{k.Mark, k.Compare, k.Reconcile}, {k.Dashboard, k.Help, k.Quit}}
}

// PromptKeys are the keys of a one-line text prompt (rename, copy name, N/A
// reason, the list's filter); any other key types.
type PromptKeys struct{ Accept, Cancel, Quit key.Binding }

// ActionKeys are the keys of the action form on the questionnaire.
type ActionKeys struct{ Next, Accept, Cancel, Quit key.Binding }

func (k ActionKeys) ShortHelp() []key.Binding { return []key.Binding{k.Next, k.Accept, k.Cancel} }
func (k ActionKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Accept, k.Cancel, k.Quit}}
}

func (k PromptKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Accept, k.Cancel} }
func (k PromptKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Accept, k.Cancel, k.Quit}} }

// ExportKeys are the keys of the export prompt.
type ExportKeys struct{ Format, Accept, Cancel, Quit key.Binding }

func (k ExportKeys) ShortHelp() []key.Binding { return []key.Binding{k.Format, k.Accept, k.Cancel} }
func (k ExportKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Format, k.Accept, k.Cancel, k.Quit}}
}

// ConfirmKeys answer a yes/no question.
type ConfirmKeys struct{ Yes, No, Quit key.Binding }

func (k ConfirmKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Yes, k.No} }
func (k ConfirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Yes, k.No, k.Quit}} }

// ConflictKeys settle a save refused because the answer changed elsewhere.
type ConflictKeys struct{ Keep, Mine, Quit key.Binding }

func (k ConflictKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Keep, k.Mine} }
func (k ConflictKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Keep, k.Mine, k.Quit}} }

// FormKeys are the keys of the new-assessment form.
type FormKeys struct{ Next, Prev, Toggle, Level, Submit, Cancel, Quit key.Binding }

func (k FormKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.Toggle, k.Level, k.Submit, k.Cancel}
}

func (k FormKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Prev, k.Submit}, {k.Toggle, k.Level, k.Cancel, k.Quit}}
}

// QuestionnaireKeys are the keys of the questionnaire.
type QuestionnaireKeys struct {
	SetLevel, NA, PickerUp, PickerDown, Confirm       key.Binding
	Prev, Next, PrevUnanswered, NextUnanswered        key.Binding
	Changed, Retired                                  key.Binding
	First, Last, Clear, Note, Flag, Action            key.Binding
	Framework, FrameworkBack, Find, Guidance, Outline key.Binding
	GuidanceDown, GuidanceUp                          key.Binding
	Related, History, Reconcile, Dashboard            key.Binding
	Differences, Back, Help, Quit                     key.Binding
}

func (k QuestionnaireKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.SetLevel, k.NA, k.Confirm, k.Next, k.NextUnanswered, k.Note, k.Flag, k.Framework, k.Find,
		k.Related, k.History, k.Reconcile, k.Dashboard, k.Differences, k.Back, k.Help, k.Quit}
}

func (k QuestionnaireKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.SetLevel, k.NA, k.PickerUp, k.PickerDown, k.Confirm, k.Clear, k.Action},
		{k.Prev, k.Next, k.PrevUnanswered, k.NextUnanswered, k.Changed, k.Retired, k.First, k.Last},
		{k.Note, k.Flag, k.Framework, k.FrameworkBack, k.Find},
		{k.Guidance, k.GuidanceDown, k.GuidanceUp, k.Outline, k.Related, k.History, k.Reconcile},
		{k.Dashboard, k.Differences, k.Back, k.Help, k.Quit},
	}
}

// NoteKeys are the keys of the note editor around its editing keys.
type NoteKeys struct{ Done, Discard, Quit key.Binding }

func (k NoteKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Discard, k.Done, k.Quit} }
func (k NoteKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// noteHelp is the note editor's keys with its editing keys, for the footer
// and the help page.
type noteHelp struct {
	note NoteKeys
	edit noteeditor.Keys
}

func (k noteHelp) ShortHelp() []key.Binding { return k.note.ShortHelp() }
func (k noteHelp) FullHelp() [][]key.Binding {
	return append([][]key.Binding{k.note.ShortHelp()}, k.edit.FullHelp()...)
}

// FindKeys are the keys of the clause finder.
type FindKeys struct{ Up, Down, Jump, Cancel, Quit key.Binding }

func (k FindKeys) ShortHelp() []key.Binding { return []key.Binding{k.Up, k.Down, k.Jump, k.Cancel} }
func (k FindKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Jump, k.Cancel, k.Quit}}
}

// HelpKeys are the keys of the help page.
type HelpKeys struct{ Up, Down, PageUp, PageDown, Close, Quit key.Binding }

func (k HelpKeys) ShortHelp() []key.Binding { return []key.Binding{k.Up, k.Down, k.Close, k.Quit} }
func (k HelpKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Close, k.Quit}}
}

// RelatedKeys are the keys of the related questions of the other framework.
type RelatedKeys struct{ Up, Down, Copy, Go, Close, Quit key.Binding }

func (k RelatedKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Copy, k.Go, k.Up, k.Down, k.Close, k.Quit}
}

func (k RelatedKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Copy, k.Go}, {k.Close, k.Quit}}
}

// RetiredKeys are the keys of the list of answers to retired questions.
type RetiredKeys struct{ Up, Down, Go, Close, Quit key.Binding }

func (k RetiredKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Go, k.Up, k.Down, k.Close, k.Quit}
}
func (k RetiredKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Go}, {k.Close, k.Quit}}
}

// NewsKeys are the keys of the note on what changed since the last opening.
type NewsKeys struct{ Walk, Retired, Close, Quit key.Binding }

func (k NewsKeys) ShortHelp() []key.Binding { return []key.Binding{k.Close, k.Walk, k.Retired, k.Quit} }
func (k NewsKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Close, k.Walk, k.Retired, k.Quit}}
}

// DashboardKeys are the keys of the dashboard.
type DashboardKeys struct{ Up, Down, Jump, Differences, Target, Back, Help, Quit key.Binding }

func (k DashboardKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Jump, k.Differences, k.Target, k.Back, k.Up, k.Down, k.Help, k.Quit}
}

func (k DashboardKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Jump, k.Target}, {k.Differences, k.Back, k.Help, k.Quit}}
}

// DifferencesKeys are the keys of the theme table of the differences screen.
type DifferencesKeys struct {
	Up, Down, PageUp, PageDown, Open, Tab, Sort, Dashboard, Back, Help, Quit key.Binding
}

func (k DifferencesKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Sort, k.Tab, k.Back, k.Dashboard, k.Up, k.Down, k.Help, k.Quit}
}

func (k DifferencesKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Open}, {k.Tab, k.Sort, k.Dashboard, k.Back, k.Help, k.Quit}}
}

// ProfileKeys are the keys of the profile tab of the differences screen.
type ProfileKeys struct{ Up, Down, PageUp, PageDown, Tab, Dashboard, Back, Help, Quit key.Binding }

func (k ProfileKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Tab, k.Back, k.PageDown, k.Up, k.Down, k.Dashboard, k.Help, k.Quit}
}

func (k ProfileKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Tab, k.Dashboard, k.Back, k.Help, k.Quit}}
}

// DrillKeys are the keys of the answers behind a row of the differences.
type DrillKeys struct{ Up, Down, Jump, Back, Help, Quit key.Binding }

func (k DrillKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Jump, k.Back, k.Up, k.Down, k.Help, k.Quit}
}

func (k DrillKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Jump}, {k.Back, k.Help, k.Quit}}
}

// ReconcileKeys are the keys of the Reconcile screen.
type ReconcileKeys struct{ Up, Down, Take, Level, Next, Prev, Go, Back, Help, Quit key.Binding }

func (k ReconcileKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Take, k.Level, k.Down, k.Next, k.Go, k.Back, k.Help, k.Quit}
}

func (k ReconcileKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Take, k.Level}, {k.Next, k.Prev, k.Go}, {k.Back, k.Help, k.Quit}}
}

// ScrollKeys are the keys of a page that only scrolls (a question's
// history, a comparison).
type ScrollKeys struct{ Up, Down, PageUp, PageDown, Back, Help, Quit key.Binding }

func (k ScrollKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.PageDown, k.Back, k.Help, k.Quit}
}

func (k ScrollKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Back, k.Help, k.Quit}}
}

// LeadKeys are the keys of the facilitator's room screen.
type LeadKeys struct {
	Reveal, Record, NA, Again, Prev, Next, Framework, FrameworkBack key.Binding
	Mode, Open, Dashboard, Help, Quit                               key.Binding
}

func (k LeadKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Reveal, k.Record, k.Next, k.Prev, k.Again, k.Mode, k.Open, k.NA, k.Help, k.Quit}
}

func (k LeadKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Reveal, k.Record, k.NA, k.Again},
		{k.Prev, k.Next, k.Framework, k.FrameworkBack},
		{k.Mode, k.Open, k.Dashboard, k.Help, k.Quit},
	}
}

// SeatKeys are the keys of a participant's room screen.
type SeatKeys struct{ Rate, NA, Note, Loose, Help, Quit key.Binding }

func (k SeatKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Rate, k.NA, k.Note, k.Loose, k.Help, k.Quit}
}

func (k SeatKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Rate, k.NA, k.Note}, {k.Loose, k.Help, k.Quit}}
}
