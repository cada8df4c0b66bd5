package tui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// The smallest terminal the TUI draws in; a smaller one gets a one-line
// message, and only quit works behind it.
const (
	minWidth  = 60
	minHeight = 16
)

// Model is the root model: the stack of screens, the open assessment's
// session, the frame and its one status slot.
type Model struct {
	c             *common
	sess          *session
	stack         []screen // stack[0] is the assessments list
	width, height int
	isDark        bool
	noColor       bool

	inRoom     bool      // a live workshop: stack[0] is the room screen, not the list
	status     statusMsg // the one status slot, cleared on the next key
	leaveArmed bool      // esc was pressed with unsaved answers: esc again leaves
	quitting   bool      // saving what is pending on the way out
	forceQuit  bool      // a save failed on the way out: the next quit key quits anyway
	damaged    error     // the store's check found the file damaged: the app left at once
	begun      bool      // the first screen's data has come (see started)
	resumeGC   func()    // set by Run: the collector's usual pace (see holdGC)
	firstRead  tea.Cmd   // set by Run: the first screen's read, already under way
}

// New builds the root model.
func New(opts Options) Model {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	return newModel(opts, time.Now, getenv("NO_COLOR") != "")
}

func newModel(opts Options, now func() time.Time, noColor bool) Model {
	cat := opts.Catalog
	if cat == nil {
		cat, _ = model.NewCatalog()
	}
	actor := opts.Actor
	if actor == "" {
		actor = "tui"
	}
	d := &db{st: opts.Store, cat: cat, actor: actor, version: opts.Version, now: now, w: &writer{}}
	c := &common{db: d, catalog: cat, dbPath: d.path(), now: now, keys: DefaultKeyMap()}
	m := Model{c: c, isDark: true, noColor: noColor, sess: newSession(c)}
	c.styles = NewStyles(m.isDark, noColor)
	m.stack = []screen{newHome(c)}
	if opts.Room != nil {
		m.inRoom = true
		m.sess.id, m.sess.loading = opts.OpenID, true
		m.stack = []screen{newRoomScreen(c, m.sess, opts)}
		return m
	}
	if opts.OpenID != "" {
		m.sess.id, m.sess.loading = opts.OpenID, true
		m.stack = append(m.stack, newQuestionnaire(c, m.sess))
	}
	return m
}

// Run runs the TUI until the user quits. Whatever ends the program, every
// change still queued is written before Run returns; a change that could not
// be written is reported as the error.
func Run(opts Options) error {
	m := New(opts)
	m.resumeGC = holdGC()
	defer m.resumeGC()
	m.firstRead = underway(m.firstLoad())
	final, err := tea.NewProgram(m, tea.WithFPS(FramesPerSecond)).Run()
	fm, ok := final.(Model)
	if !ok {
		fm = m // the program died before returning a model: the queue is shared
	}
	if fm.damaged != nil {
		return fm.damaged // nothing was written: writes wait for the check
	}
	if ferr := fm.finish(); ferr != nil {
		return ferr
	}
	if errors.Is(err, tea.ErrInterrupted) {
		return nil
	}
	return err
}

// Init asks for the background colour and loads the first screen's data;
// what would compete with reading and drawing it waits (see started).
func (m Model) Init() tea.Cmd {
	load := m.firstRead
	if load == nil {
		load = m.firstLoad()
	}
	return tea.Batch(tea.RequestBackgroundColor, load)
}

// firstLoad reads the first screen's data.
func (m Model) firstLoad() tea.Cmd {
	if m.sess.loading {
		return m.c.db.assessment(m.sess.id)
	}
	return m.c.db.summaries()
}

func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) { return m.update(msg) }

func (m Model) top() screen { return m.stack[len(m.stack)-1] }

func (m Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// update takes one message; afterwards a screen of figures in front has
// figures of the answers as they are now.
func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	m, cmd := m.step(msg)
	if _, ok := m.top().(figures); ok {
		m.sess.analysis()
	}
	return m, cmd
}

func (m Model) step(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m.broadcast(m.bodySize())

	case tea.BackgroundColorMsg:
		m.isDark = msg.IsDark()
		*m.c.styles = *NewStyles(m.isDark, m.noColor)
		m.c.hints, m.c.bars = nil, nil
		return m.broadcast(restyledMsg{})

	case tea.KeyPressMsg:
		k := m.c.keys.Quit
		switch {
		case m.quitting:
			if msg.String() == "ctrl+c" {
				return m, tea.Quit // a second ctrl+c does not wait; Run still writes the queue
			}
			return m, nil
		case m.tooSmall():
			if key.Matches(msg, k) {
				return m.quit()
			}
			return m, nil // nothing acts unseen
		}
		m.status = statusMsg{}
		if msg.String() != "esc" {
			m.leaveArmed = false
		}
		return m.updateTop(msg)

	case tea.PasteMsg:
		if m.quitting || m.tooSmall() {
			return m, nil
		}
		return m.updateTop(msg)

	case statusMsg:
		m.status = msg
		return m, nil

	case verifiedMsg:
		if msg.err != nil {
			m.damaged = msg.err
			return m, tea.Quit
		}
		return m, nil

	case quitMsg:
		return m.quit()

	case flushedMsg:
		m.quitting = false
		for _, r := range append(msg.results, msg.failures...) {
			m = m.apply(r)
		}
		if problem := m.unsavedProblem(msg.results); problem != "" {
			m.forceQuit = true
			m.status = statusMsg{problem + "; q again quits anyway and loses it", true}
			return m, nil
		}
		return m, tea.Quit

	case pushMsg:
		return m.push(msg.s)

	case baseMsg:
		var cmds []tea.Cmd
		for len(m.stack) > 1 {
			var cmd tea.Cmd
			m, cmd = m.pop()
			cmds = append(cmds, cmd)
		}
		return m, tea.Batch(cmds...)

	case popMsg:
		return m.pop()

	case swapMsg:
		if n := len(m.stack); n >= 2 && sameKind(m.stack[n-2], msg.s) {
			return m.pop()
		}
		return m.push(msg.s)

	case helpMsg:
		return m.push(newHelp(m.c, m.top()))

	case openMsg:
		if msg.replace {
			m.stack = m.stack[: len(m.stack)-1 : len(m.stack)-1]
		}
		cmd := m.sess.open(msg.id)
		var s screen = newQuestionnaire(m.c, m.sess)
		switch {
		case msg.dashboard:
			s = newDashboard(m.c, m.sess)
		case msg.reconcile:
			s = newReconcile(m.c, m.sess, model.Key{})
		}
		m, push := m.push(s)
		return m, tea.Batch(cmd, push)

	case jumpMsg:
		cmd, ok := m.sess.jump(msg.key)
		if !ok {
			m.status = statusMsg{"question " + cells.Inert(msg.key.Qualified()) + " is not in this assessment", true}
			return m, nil
		}
		m, push := m.push(newQuestionnaire(m.c, m.sess))
		return m, tea.Batch(cmd, push)

	case summariesMsg:
		m, start := m.started()
		m, cmd := m.broadcast(msg)
		return m, tea.Batch(cmd, start)

	case assessmentMsg:
		m, start := m.started()
		m, cmd := m.opened(msg)
		return m, tea.Batch(cmd, start)

	case targetSetMsg:
		if msg.err != nil {
			m.status = statusMsg{"target not saved: " + cells.Inert(msg.err.Error()), true}
			return m.broadcast(msg)
		}
		if msg.id == m.sess.id && !m.sess.loading {
			m.sess.a.Target, m.sess.a.TargetOverrides = msg.a.Target, msg.a.TargetOverrides
			m.sess.stale = true // gaps and bars follow the new targets
		}
		m.status = statusMsg{targetDone(msg), false}
		return m.broadcast(msg)

	case answerSavedMsg:
		if msg.id != m.sess.id || m.sess.loading {
			if msg.err != nil {
				// The user has moved on to another assessment: say so anyway.
				m.status = statusMsg{fmt.Sprintf("✗ not saved in assessment %s, %s: %s", cells.Inert(msg.id), msg.key.Qualified(), cells.Inert(msg.err.Error())), true}
			}
			return m, nil
		}
		text, isErr := m.sess.saved(msg)
		if text != "" {
			m.status = statusMsg{text, isErr}
		}
		if len(m.sess.conflicts) > 0 {
			if _, open := m.top().(conflictScreen); !open {
				return m.push(newConflictScreen(m.c, m.sess))
			}
		}
		return m.broadcast(msg)

	case actionSavedMsg:
		if msg.err == nil && msg.id == m.sess.id && !m.sess.loading {
			m.sess.setAction(msg.a)
		}
		return m.broadcast(msg)

	case refreshedMsg:
		text, isErr := m.sess.refreshed(msg, m.sess.noteKey)
		if text != "" && (isErr || !m.status.isErr) { // a save's failure on show says more
			m.status = statusMsg{text, isErr}
		}
		return m.broadcast(msg)

	case resumeSavedMsg:
		if msg.err != nil && msg.id == m.sess.id {
			m.status = statusMsg{"position not saved: " + cells.Inert(msg.err.Error()), true}
		}
		return m, nil

	case contentSeenMsg:
		if msg.err != nil && msg.id == m.sess.id {
			m.status = statusMsg{"could not record which questionnaire revision this assessment saw: " + cells.Inert(msg.err.Error()), true}
		}
		return m, nil
	}
	return m.broadcast(msg)
}

// opened takes the assessment the session was loading.
func (m Model) opened(msg assessmentMsg) (Model, tea.Cmd) {
	if !m.sess.loading || msg.id != m.sess.id {
		return m, nil
	}
	if msg.err != nil {
		m.sess.close()
		m.stack = m.stack[:1]
		m.status = statusMsg{"cannot open the assessment: " + cells.Inert(msg.err.Error()), true}
		return m.reveal()
	}
	text := m.sess.load(msg.a, msg.answers, msg.disputes)
	m.sess.setActions(msg.actions)
	m, cmd := m.broadcast(msg)
	return m, tea.Batch(cmd, sayIf(text, true), m.sess.recordContent())
}

// bodySize is the size screens draw their body in: the terminal less the
// header, status and footer lines.
func (m Model) bodySize() tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: m.width, Height: max(m.height-3, 0)}
}

// updateTop gives a message to the screen in front. The stack is copied
// first: a Model is a value, and an earlier copy keeps its own screens.
func (m Model) updateTop(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	n := len(m.stack) - 1
	m.stack = append([]screen(nil), m.stack...)
	m.stack[n], cmd = m.stack[n].Update(msg)
	return m, cmd
}

// broadcast gives a message to every screen on the stack.
func (m Model) broadcast(msg tea.Msg) (Model, tea.Cmd) {
	cmds := make([]tea.Cmd, len(m.stack))
	m.stack = append([]screen(nil), m.stack...)
	for i := range m.stack {
		m.stack[i], cmds[i] = m.stack[i].Update(msg)
	}
	return m, tea.Batch(cmds...)
}

// push shows s over the screen in front, sized, and tells it it is on top.
func (m Model) push(s screen) (Model, tea.Cmd) {
	s, size := s.Update(m.bodySize())
	m.stack = append(m.stack[:len(m.stack):len(m.stack)], s)
	m, reveal := m.reveal()
	return m, tea.Batch(size, reveal)
}

// pop goes back one step. Leaving the assessment for the list with answers
// not saved asks first: esc again leaves without them.
func (m Model) pop() (Model, tea.Cmd) {
	n := len(m.stack)
	if n < 2 {
		return m, nil
	}
	toList := n == 2 && m.sess.id != "" && !m.inRoom
	if toList {
		if u := len(m.sess.unsaved()); u > 0 && !m.leaveArmed {
			m.leaveArmed = true
			m.status = statusMsg{fmt.Sprintf("✗ %d answer(s) not saved; esc again leaves without them", u), true}
			return m, nil
		}
	}
	m.leaveArmed = false
	var cmd tea.Cmd
	if l, ok := m.top().(leaver); ok {
		_, cmd = l.leave()
	}
	m.stack = m.stack[: n-1 : n-1]
	if toList {
		m.sess.close()
	}
	m, reveal := m.reveal()
	return m, tea.Batch(cmd, reveal)
}

// reveal tells the screen now on top that it is.
func (m Model) reveal() (Model, tea.Cmd) { return m.updateTop(revealMsg{}) }

// apply takes a result on the way out, ignoring the commands it would start.
func (m Model) apply(msg tea.Msg) Model {
	if msg == nil {
		return m
	}
	m, _ = m.step(msg)
	return m
}

// View draws the top screen in the frame.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "assay"
	return v
}

func (m Model) render() string {
	w, h := m.width, m.height
	if m.tooSmall() {
		if w <= 0 || h <= 0 {
			return ""
		}
		return tooSmall(w, h)
	}
	top := m.top()
	p := top.View()
	st := m.c.styles
	lines := make([]string, 0, h)
	lines = append(lines, cells.Fit(p.header, w))
	for i := 0; i < h-3; i++ {
		if i < len(p.body) {
			lines = append(lines, cells.Fit(p.body[i], w))
		} else {
			lines = append(lines, strings.Repeat(" ", w))
		}
	}
	right := p.right
	if right != "" {
		if p.rightErr {
			right = st.Error.Render(right)
		} else {
			right = st.Subtle.Render(right)
		}
	}
	lines = append(lines, cells.Fit(statusLine(st, m.status.text, m.status.isErr, right, w), w))
	lines = append(lines, cells.Fit(m.c.hint(top.Keys(), w), w))
	return strings.Join(lines, "\n")
}

// statusLine is the one slot for what just happened; errors say so in words.
func statusLine(st *Styles, status string, isErr bool, right string, w int) string {
	if status != "" && isErr {
		if !strings.HasPrefix(status, "error") && !strings.HasPrefix(status, "not saved") && !strings.HasPrefix(status, "✗") {
			status = "error: " + status
		}
		status = st.Error.Render(cells.Truncate(status, w))
	} else if status != "" {
		status = st.OK.Render(cells.Truncate(status, w))
	}
	return spread(status, right, w)
}

// tooSmall is the one-line message of a terminal below the minimum size, as
// informative as the width allows.
func tooSmall(w, h int) string {
	// Every other key waits for the window to grow: say that q works.
	for _, s := range []string{
		fmt.Sprintf("Enlarge the window to at least %d×%d (now %d×%d) · q quits", minWidth, minHeight, w, h),
		fmt.Sprintf("Enlarge the window to %d×%d (now %d×%d) · q quits", minWidth, minHeight, w, h),
		fmt.Sprintf("Enlarge to %d×%d · q quits", minWidth, minHeight),
		fmt.Sprintf("Enlarge to %d×%d", minWidth, minHeight),
		"Too small",
	} {
		if cells.Width(s) <= w {
			return s
		}
	}
	return cells.Truncate("Too small", w)
}
