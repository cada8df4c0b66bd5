package tui

import (
	"reflect"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// screen is one page of the app. The root keeps a stack of them: keys go to
// the top one, every other message (window sizes as the body's size, store
// results, styles) to all of them, each taking what is its own. The root
// draws the frame around the top screen's page: its header, the one status
// slot and the key hint generated from Keys.
type screen interface {
	Update(msg tea.Msg) (screen, tea.Cmd)
	View() page
	// Keys are the keys that act on the screen as it is now (its tab, its
	// open modal): the footer and the help page are made from them.
	Keys() help.KeyMap
	// Title names the screen on its help page.
	Title() string
}

// page is what a screen draws: the top line, the body (the root pads or
// cuts it to the body's height) and the right end of the status line.
type page struct {
	header   string
	body     []string
	right    string // e.g. "saved 14:02:31"; drawn as an error when rightErr
	rightErr bool
}

// Optional parts of a screen.
type (
	// legender explains the screen's marks on its help page.
	legender interface{ Legend() []string }
	// leaver saves what the user typed into the screen when the app quits
	// (the note being edited, a reason or name in a prompt).
	leaver interface{ leave() (screen, tea.Cmd) }
	// figures are screens that show the session's analysis: the root has
	// it rebuilt before they draw.
	figures interface{ showsFigures() }
)

// Messages from screens to the root.
type (
	pushMsg struct{ s screen } // show a screen over the current one
	popMsg  struct{}           // back one step
	swapMsg struct{ s screen } // show s, or go back to the same kind of screen just below
	// openMsg opens an assessment on the questionnaire, or the dashboard.
	openMsg struct {
		id        string
		dashboard bool
		reconcile bool
		replace   bool // in place of the screen in front (the form that created it)
	}
	jumpMsg   struct{ key model.Key } // answer that question, in a questionnaire over this screen
	quitMsg   struct{}                // save what is pending and quit
	helpMsg   struct{}                // all keys of the top screen
	revealMsg struct{}                // sent to a screen that is on top again
	statusMsg struct {                // set the status slot
		text  string
		isErr bool
	}
	restyledMsg struct{} // the styles changed: inputs take the new ones
)

func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

func push(s screen) tea.Cmd { return send(pushMsg{s}) }

// say sets the status slot.
func say(text string) tea.Cmd { return send(statusMsg{text: text}) }

// sayErr sets the status slot to an error.
func sayErr(text string) tea.Cmd { return send(statusMsg{text: text, isErr: true}) }

// sayIf says text when there is any.
func sayIf(text string, isErr bool) tea.Cmd {
	if text == "" {
		return nil
	}
	return send(statusMsg{text, isErr})
}

func sameKind(a, b screen) bool { return reflect.TypeOf(a) == reflect.TypeOf(b) }

// common is what every screen shares: the store's commands, the catalog,
// the clock, styles and keys.
type common struct {
	db      *db
	catalog *model.Catalog
	dbPath  string // shown on the home screen; exports go beside it
	now     func() time.Time
	styles  *Styles
	keys    KeyMap
	hints   map[hintKey]string // footers already drawn
	bars    map[barKey]string  // maturity bars already drawn
}

type hintKey struct {
	keys  string // the bindings' help, one after the other
	width int
}

// header is a screen's top line: "assay · title" and a right part.
func (c *common) header(title, right string, w int) string {
	st := c.styles
	return spread(st.Header.Render("assay")+" · "+title, st.Subtle.Render(right), w)
}

// hint is the footer of a key map: its ShortHelp in w cells. The last two
// bindings are kept at every width (by convention "? all keys" and
// "q quit", or a modal's accept and cancel); the others are dropped from
// the end first. Drawn once per key map, width and style.
func (c *common) hint(km help.KeyMap, w int) string {
	var bs []key.Binding
	var id strings.Builder
	for _, b := range km.ShortHelp() {
		if b.Enabled() {
			bs = append(bs, b)
			id.WriteString(b.Help().Key + "\x00" + b.Help().Desc + "\x00")
		}
	}
	k := hintKey{id.String(), w}
	if h, ok := c.hints[k]; ok {
		return h
	}
	st := c.styles.Help
	sep := st.ShortSeparator.Render(" • ")
	item := func(b key.Binding) string {
		return st.ShortKey.Render(b.Help().Key) + " " + st.ShortDesc.Render(b.Help().Desc)
	}
	keep := min(2, len(bs))
	always := bs[len(bs)-keep:]
	rest := bs[:len(bs)-keep]
	var h string
	for n := len(rest); n >= 0; n-- {
		var parts []string
		for _, b := range rest[:n] {
			parts = append(parts, item(b))
		}
		for _, b := range always {
			parts = append(parts, item(b))
		}
		h = strings.Join(parts, sep)
		if cells.Width(h) <= w {
			break
		}
	}
	h = cells.Truncate(h, w)
	if c.hints == nil || len(c.hints) > 64 {
		c.hints = map[hintKey]string{}
	}
	c.hints[k] = h
	return h
}

// spread puts left and right on one line of width w, right-aligned; the left
// part is cut first when they do not fit.
func spread(left, right string, w int) string {
	lw, rw := cells.Width(left), cells.Width(right)
	if rw >= w {
		return cells.Truncate(right, w)
	}
	if lw+1+rw > w {
		left = cells.Truncate(left, max(w-rw-1, 0))
		lw = cells.Width(left)
	}
	return left + strings.Repeat(" ", max(w-lw-rw, 0)) + right
}

// scrollKeys move a page of lines: a line or a page at a time.
type scrollKeys struct{ up, down, pageUp, pageDown key.Binding }

// scroll is the first line shown after msg, of n lines shown page at a time.
func (k scrollKeys) scroll(msg tea.KeyPressMsg, off, page, n int) int {
	switch {
	case key.Matches(msg, k.up):
		off--
	case key.Matches(msg, k.down):
		off++
	case key.Matches(msg, k.pageUp):
		off -= page
	case key.Matches(msg, k.pageDown):
		off += page
	}
	return clamp(off, 0, n-page)
}

// clamp limits v to [lo, hi].
func clamp(v, lo, hi int) int {
	if hi < lo {
		return lo
	}
	return min(max(v, lo), hi)
}

func quote(s string) string { return "“" + cells.Inert(s) + "”" }
