package serve

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"
)

// MaxNameLen is the longest name, in characters.
const MaxNameLen = 32

// Guest is one person in the room, as the server knows them.
type Guest struct {
	Name          string // their SSH user name, unique in the room
	IP            string // where they connect from
	Term          string // their TERM
	Width, Height int    // their terminal's size when they joined
	Environ       []string
	ByKey         bool // admitted by a listed public key rather than the code

	conn  *gossh.ServerConn
	input atomic.Int64 // unix nanoseconds of the last key

	mu      sync.Mutex
	p       *tea.Program
	pending []tea.Msg // sent before the program ran
	ended   chan struct{}
	why     string // the line shown when the server ends the session
}

// NoColor reports whether their client sent NO_COLOR (with any value but
// empty, as no-color.org says).
func (g *Guest) NoColor() bool {
	for _, kv := range g.Environ {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok && v != "" {
			return true
		}
	}
	return false
}

// Send gives msg to their app. It blocks until the app takes it (or has
// ended), so a sender that must not wait calls it from a goroutine of its
// own. Messages sent before the app runs are kept and given in order when it
// starts; those sent after it ended are dropped.
func (g *Guest) Send(msg tea.Msg) {
	g.mu.Lock()
	p := g.p
	if p == nil {
		if g.ended == nil && len(g.pending) < 64 {
			g.pending = append(g.pending, msg)
		}
		g.mu.Unlock()
		return
	}
	g.mu.Unlock()
	p.Send(msg)
}

func (g *Guest) attach(p *tea.Program) {
	g.mu.Lock()
	g.p = p
	g.ended = make(chan struct{})
	pending := g.pending
	g.pending = nil
	g.mu.Unlock()
	if len(pending) > 0 {
		go func() {
			for _, m := range pending {
				p.Send(m)
			}
		}()
	}
}

func (g *Guest) detach() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.p = nil
	if g.ended != nil {
		close(g.ended)
	}
}

// running returns their program and a channel closed when it ends; nil
// when no program runs.
func (g *Guest) running() (*tea.Program, <-chan struct{}) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.p, g.ended
}

// end records why the server ends the session; the first reason stays.
func (g *Guest) end(why string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.why == "" {
		g.why = why
	}
}

func (g *Guest) reason() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.why
}

func (g *Guest) touch()               { g.input.Store(time.Now().UnixNano()) }
func (g *Guest) lastInput() time.Time { return time.Unix(0, g.input.Load()) }

// activity is the session's input, noting when a key last came.
type activity struct {
	r io.Reader
	g *Guest
}

func (a *activity) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.g.touch()
	}
	return n, err
}

// CheckName says whether name can be used in the room: letters, digits,
// dot, dash and underscore, up to MaxNameLen characters, so it reads the
// same on every screen and in the history.
func CheckName(name string) error {
	ok := name != "" && utf8.ValidString(name) && utf8.RuneCountInString(name) <= MaxNameLen
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '-' && r != '_' {
			ok = false
			break
		}
	}
	if !ok {
		return fmt.Errorf("the name %q cannot be used: use letters, digits, dot, dash or underscore (at most %d)",
			name, MaxNameLen)
	}
	return nil
}

// fold is a name as compared: "Ann" and "ann" are one person.
func fold(name string) string { return strings.ToLower(name) }
