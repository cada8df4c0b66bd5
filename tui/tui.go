// Package tui is assay's terminal interface: the assessments list, the
// new-assessment form, the questionnaire, the dashboard, the differences
// between two frameworks and the help screen, in Bubble Tea.
//
// The root Model is the only tea.Model; screens are plain structs with
// Update and View behind an explicit screen enum. Window sizes go to every
// screen, keys only to the focused one. The store is used only inside
// tea.Cmds; writes go through one ordered queue (writer) that is flushed
// before the program ends, so quitting at any moment loses nothing. Changes
// made by another process show when the user moves or opens the dashboard or
// differences screen (see refresh.go).
package tui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/store"
)

// Options configure the TUI.
type Options struct {
	Store   *store.Store
	Catalog *model.Catalog
	OpenID  string // "" = home screen; else open that assessment at its resume point
	Actor   string // recorded in answer history, e.g. "alice (tui)"
}

// The smallest terminal the TUI draws in; a smaller one gets a one-line message.
const (
	minWidth  = 60
	minHeight = 16
)

// screenID names the screens.
type screenID int

const (
	screenHome screenID = iota
	screenForm
	screenQuestionnaire
	screenHelp
	screenDashboard   // key d on the questionnaire and home screens
	screenDifferences // key x on the questionnaire and dashboard (x deletes on the home screen)
)

// Model is the root model.
type Model struct {
	c             *common
	width, height int
	isDark        bool
	noColor       bool

	screen, back screenID
	home         home
	form         form
	quest        questionnaire
	help         helpScreen
	dash         dashboard
	diff         differences

	quitting  bool // saving what is pending on the way out
	forceQuit bool // a save failed on the way out: the next quit key quits anyway
}

// New builds the root model.
func New(opts Options) Model {
	return newModel(opts, time.Now, os.Getenv("NO_COLOR") != "")
}

func newModel(opts Options, now func() time.Time, noColor bool) Model {
	cat := opts.Catalog
	if cat == nil {
		cat, _ = model.NewCatalog()
	}
	c := &common{
		store:   opts.Store,
		catalog: cat,
		actor:   opts.Actor,
		w:       &writer{},
		now:     now,
		keys:    DefaultKeyMap(),
	}
	if opts.Store != nil {
		c.dbPath = opts.Store.Path()
	}
	if c.actor == "" {
		c.actor = "tui"
	}
	m := Model{c: c, isDark: true, noColor: noColor}
	c.styles = NewStyles(m.isDark, noColor)
	m.home = newHome(c)
	m.quest = newQuestionnaire(c)
	m.form = newForm(c)
	m.dash = newDashboard(c)
	m.diff = newDifferences(c)
	if opts.OpenID != "" {
		m.screen = screenQuestionnaire
		m.quest.id, m.quest.loading = opts.OpenID, true
	}
	return m
}

// Run runs the TUI until the user quits. Whatever ends the program, every
// change still queued is written before Run returns; a change that could not
// be written is reported as the error.
func Run(opts Options) error {
	m := New(opts)
	p := tea.NewProgram(m)
	final, err := p.Run()
	fm, ok := final.(Model)
	if !ok {
		fm = m // the program died before returning a model: the queue is shared
	}
	if ferr := fm.finish(); ferr != nil {
		return ferr
	}
	if errors.Is(err, tea.ErrInterrupted) {
		return nil
	}
	return err
}

// Init asks for the background colour and loads the first screen's data.
func (m Model) Init() tea.Cmd {
	if m.screen == screenQuestionnaire {
		return tea.Batch(tea.RequestBackgroundColor, loadAssessment(m.c, m.quest.id))
	}
	return tea.Batch(tea.RequestBackgroundColor, loadSummaries(m.c))
}

func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	return m.update(msg)
}

// update takes one message; afterwards the dashboard and differences
// screens, when in front, have figures of the answers as they are now.
func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	m, cmd := m.step(msg)
	if (m.screen == screenDashboard || m.screen == screenDifferences) && !m.quest.loading && (m.quest.stale || m.quest.an == nil) {
		m.quest.analyse()
	}
	m.dash.an, m.diff.an = m.quest.an, m.quest.an
	return m, cmd
}

func (m Model) step(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		var cmds [6]tea.Cmd
		m.home, cmds[0] = m.home.Update(msg)
		m.form, cmds[1] = m.form.Update(msg)
		m.quest, cmds[2] = m.quest.Update(msg)
		m.help, cmds[3] = m.help.Update(msg)
		m.dash, cmds[4] = m.dash.Update(msg)
		m.diff, cmds[5] = m.diff.Update(msg)
		return m, tea.Batch(cmds[:]...)

	case tea.BackgroundColorMsg:
		m.isDark = msg.IsDark()
		m.restyle()
		return m, nil

	case tea.KeyPressMsg:
		if m.quitting {
			if msg.String() == "ctrl+c" {
				return m, tea.Quit // a second ctrl+c does not wait; Run still writes the queue
			}
			return m, nil
		}
		return m.updateFocused(msg)

	case tea.PasteMsg:
		if m.quitting {
			return m, nil
		}
		return m.updateFocused(msg)

	case quitMsg:
		return m.quit()

	case flushedMsg:
		m.quitting = false
		for _, r := range msg.results {
			m = m.apply(r)
		}
		for _, f := range msg.failures {
			m = m.apply(f)
		}
		if problem := m.unsavedProblem(msg.results); problem != "" {
			m.forceQuit = true
			m.setStatus(problem+"; q again quits anyway and loses it", true)
			return m, nil
		}
		return m, tea.Quit

	case openMsg:
		m.screen = screenQuestionnaire
		m.quest, cmd = m.quest.open(msg.id)
		if msg.then == screenDashboard {
			m.dash = m.dash.reset(screenHome)
			m.screen = screenDashboard
		}
		return m, cmd

	case showDashboardMsg:
		if m.quest.id == "" {
			return m, nil
		}
		switch m.screen {
		case screenQuestionnaire:
			m.dash = m.dash.reset(screenQuestionnaire)
		case screenDifferences:
			if m.diff.back != screenDashboard {
				m.dash = m.dash.reset(m.diff.back)
			}
		}
		m.screen = screenDashboard
		return m, checkChanged(m.c, m.quest.id)

	case showDifferencesMsg:
		if m.quest.id == "" {
			return m, nil
		}
		if m.screen == screenQuestionnaire || m.screen == screenDashboard {
			m.diff = m.diff.reset(m.screen)
		}
		m.screen = screenDifferences
		return m, checkChanged(m.c, m.quest.id)

	case backMsg:
		switch m.screen {
		case screenDashboard:
			m.screen = m.dash.back
		case screenDifferences:
			m.screen = m.diff.back
			if m.screen == screenDashboard {
				return m, checkChanged(m.c, m.quest.id)
			}
		}
		if m.screen == screenHome {
			m.home, cmd = m.home.reload()
			return m, cmd
		}
		if m.screen == screenQuestionnaire {
			return m, checkChanged(m.c, m.quest.id)
		}
		return m, nil

	case jumpMsg:
		m.screen = screenQuestionnaire
		m.quest, cmd = m.quest.jump(msg.key)
		return m, cmd

	case loadFailedMsg:
		m.screen = screenHome
		m.home.status, m.home.statusErr = "cannot open the assessment: "+inert(msg.err.Error()), true
		m.home, cmd = m.home.reload()
		return m, cmd

	case showHomeMsg:
		if m.screen == screenQuestionnaire {
			cmd = m.quest.commitNote()
		}
		m.screen = screenHome
		var reload tea.Cmd
		m.home, reload = m.home.reload()
		return m, tea.Batch(cmd, reload)

	case showFormMsg:
		m.form = newForm(m.c)
		m.form, _ = m.form.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
		m.form, cmd = m.form.Init()
		m.screen = screenForm
		return m, cmd

	case showHelpMsg:
		m.back = m.screen
		switch m.screen {
		case screenHome:
			m.help = newHelpScreen(m.c, "assessments", m.c.keys.Home, nil)
		case screenQuestionnaire:
			m.help = newHelpScreen(m.c, "questionnaire", m.c.keys.Questionnaire, questionnaireLegend)
		case screenForm:
			m.help = newHelpScreen(m.c, "new assessment", m.c.keys.Form, nil)
		case screenDashboard:
			m.help = newHelpScreen(m.c, "dashboard", m.c.keys.Dashboard, dashboardLegend)
		case screenDifferences:
			if m.diff.drill {
				m.help = newHelpScreen(m.c, "answers behind a theme", m.c.keys.Drill, differencesLegend)
			} else {
				m.help = newHelpScreen(m.c, "differences", m.c.keys.Differences, differencesLegend)
			}
		}
		m.help, _ = m.help.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
		m.screen = screenHelp
		return m, nil

	case closeHelpMsg:
		m.screen = m.back
		return m, nil

	case createdMsg:
		m.form, _ = m.form.Update(msg)
		if msg.err != nil || m.screen != screenForm {
			return m, nil
		}
		m.home.selectID = msg.a.ID
		m.quest = m.quest.load(msg.a, nil)
		m.quest.resizeEditors()
		m.quest.status = "created " + quote(msg.a.Name) + ": 0-5 rates a question, ? shows every key"
		m.screen = screenQuestionnaire
		return m, nil

	case answerSavedMsg:
		if msg.err != nil && msg.id != m.quest.id {
			// The user has moved on to another assessment: say so anyway.
			m.setStatus(fmt.Sprintf("✗ not saved in assessment %s, %s: %s", msg.id, msg.key.Qualified(), inert(msg.err.Error())), true)
		}
		return m.broadcast(msg)

	case refreshedMsg:
		before := m.quest.status
		m, cmd = m.broadcast(msg)
		if (m.screen == screenDashboard || m.screen == screenDifferences) && m.quest.status != before {
			m.setStatus(m.quest.status, m.quest.statusErr)
		}
		return m, cmd

	case summariesMsg, assessmentMsg, renamedMsg, duplicatedMsg, deletedMsg, exportedMsg, resumeSavedMsg:
		return m.broadcast(msg)
	}
	return m.updateFocused(msg)
}

// broadcast gives a store result to every screen; each takes what is its own.
func (m Model) broadcast(msg tea.Msg) (Model, tea.Cmd) {
	var cmds [3]tea.Cmd
	m.home, cmds[0] = m.home.Update(msg)
	m.form, cmds[1] = m.form.Update(msg)
	m.quest, cmds[2] = m.quest.Update(msg)
	return m, tea.Batch(cmds[:]...)
}

// apply takes a result on the way out, ignoring the commands it would start.
func (m Model) apply(msg tea.Msg) Model {
	if msg == nil {
		return m
	}
	m, _ = m.broadcast(msg)
	return m
}

func (m Model) updateFocused(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.screen {
	case screenHome:
		m.home, cmd = m.home.Update(msg)
	case screenForm:
		m.form, cmd = m.form.Update(msg)
	case screenQuestionnaire:
		m.quest, cmd = m.quest.Update(msg)
	case screenHelp:
		m.help, cmd = m.help.Update(msg)
	case screenDashboard:
		m.dash, cmd = m.dash.Update(msg)
	case screenDifferences:
		m.diff, cmd = m.diff.Update(msg)
	}
	return m, cmd
}

// quit saves an open note, retries failed saves and records the position,
// all through the write queue, then flushes the queue and quits once
// everything is on disk (see flushedMsg).
func (m Model) quit() (Model, tea.Cmd) {
	if m.forceQuit {
		return m, tea.Quit
	}
	if m.quitting {
		return m, nil
	}
	m.quitting = true
	m.queueLeftovers()
	m.setStatus("saving…", false)
	w := m.c.w
	return m, func() tea.Msg {
		results, failures := w.flush()
		return flushedMsg{results, failures}
	}
}

// queueLeftovers queues what only the model knows about: the note being
// typed, changes whose save failed, the current position.
func (m *Model) queueLeftovers() {
	if m.quest.id == "" || m.quest.loading {
		return
	}
	m.quest.commitNote()
	m.quest.retryFailed()
	m.quest.saveResume()
}

// unsavedProblem says what did not reach the disk, or "".
func (m Model) unsavedProblem(results []tea.Msg) string {
	var errs []string
	for _, r := range results {
		if f, ok := r.(failer); ok && f.failed() != nil {
			if _, isAnswer := r.(answerSavedMsg); isAnswer {
				continue // judged below from the model's bookkeeping
			}
			errs = append(errs, f.failed().Error())
		}
	}
	if n := len(m.quest.unsaved()); n > 0 {
		return fmt.Sprintf("✗ %d answer(s) not saved", n)
	}
	if len(errs) > 0 {
		return "✗ not saved: " + inert(errs[0])
	}
	return ""
}

// finish writes whatever is still queued after the program ended.
func (m Model) finish() error {
	if m.c == nil {
		return nil
	}
	m.queueLeftovers()
	results, failures := m.c.w.flush()
	for _, r := range results {
		m = m.apply(r)
	}
	for _, f := range failures {
		m = m.apply(f)
	}
	if ks := m.quest.unsaved(); len(ks) > 0 {
		var names []string
		var err error
		for _, k := range ks {
			names = append(names, k.Qualified())
			if s := m.quest.saves[k]; s != nil && s.err != nil {
				err = s.err
			}
		}
		return fmt.Errorf("%d answer(s) could not be saved (%s): %w", len(ks), strings.Join(names, ", "), err)
	}
	return nil
}

// setStatus writes into the focused screen's status slot.
func (m *Model) setStatus(text string, isErr bool) {
	switch m.screen {
	case screenHome:
		m.home.status, m.home.statusErr = text, isErr
	case screenForm:
		m.form.status, m.form.statusErr = text, isErr
	case screenQuestionnaire:
		m.quest.status, m.quest.statusErr = text, isErr
	case screenDashboard:
		m.dash.status, m.dash.statusErr = text, isErr
	case screenDifferences:
		m.diff.status, m.diff.statusErr = text, isErr
	}
}

func (m *Model) restyle() {
	*m.c.styles = *NewStyles(m.isDark, m.noColor)
	m.c.hints, m.c.bars = nil, nil
	m.home.applyStyles()
	m.form.applyStyles()
	m.quest.applyStyles()
}

// View draws the focused screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "assay"
	return v
}

func (m Model) render() string {
	if m.width < minWidth || m.height < minHeight {
		if m.width <= 0 || m.height <= 0 {
			return ""
		}
		return tooSmall(m.width, m.height)
	}
	switch m.screen {
	case screenHome:
		return m.home.View()
	case screenForm:
		return m.form.View()
	case screenQuestionnaire:
		return m.quest.View()
	case screenHelp:
		return m.help.View()
	case screenDashboard:
		return m.dash.View()
	case screenDifferences:
		return m.diff.View()
	}
	return ""
}

// tooSmall is the one-line message of a terminal below the minimum size, as
// informative as the width allows.
func tooSmall(w, h int) string {
	for _, s := range []string{
		fmt.Sprintf("Enlarge the window to at least %d×%d (now %d×%d).", minWidth, minHeight, w, h),
		fmt.Sprintf("Enlarge the window to %d×%d", minWidth, minHeight),
		fmt.Sprintf("Enlarge to %d×%d", minWidth, minHeight),
		"Too small",
	} {
		if width(s) <= w {
			return s
		}
	}
	return truncate("Too small", w)
}
