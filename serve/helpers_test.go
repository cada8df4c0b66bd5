package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"
)

const testCode = "482913"

// echoApp greets its guest and shows the keys pressed; q quits.
type echoApp struct {
	name string
	keys string
}

func (m echoApp) Init() tea.Cmd { return nil }

func (m echoApp) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if msg.String() == "q" {
			return m, tea.Quit
		}
		m.keys += msg.String()
	case string: // a note from the host; "bye" asks it to end
		m.keys += "[" + msg + "]"
		if msg == "bye" {
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m echoApp) View() tea.View { return tea.NewView("hello " + m.name + " keys=" + m.keys + ".") }

// testHost admits everyone with an echoApp and records who left with what.
type testHost struct {
	mu       sync.Mutex
	admitted []*Guest
	left     map[string]tea.Model
	refuse   error
}

func (h *testHost) Admit(g *Guest) (tea.Model, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.refuse != nil {
		return nil, h.refuse
	}
	h.admitted = append(h.admitted, g)
	return echoApp{name: g.Name}, nil
}

func (h *testHost) Left(g *Guest, final tea.Model) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.left == nil {
		h.left = map[string]tea.Model{}
	}
	h.left[g.Name] = final
}

func (h *testHost) leftWith(name string) (tea.Model, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m, ok := h.left[name]
	return m, ok
}

// start serves cfg on a random loopback port and returns the server and its address.
func start(t *testing.T, cfg Config, host Host) (*Server, string) {
	t.Helper()
	if cfg.HostKey == nil {
		k, err := LoadHostKey(filepath.Join(t.TempDir(), HostKeyName))
		if err != nil {
			t.Fatal(err)
		}
		cfg.HostKey = k
	}
	if cfg.Code == "" && cfg.AllowedKeys == nil {
		cfg.Code = testCode
	}
	s, err := New(cfg, host)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return s, ln.Addr().String()
}

// codeAuth answers the code prompt with answers in turn (the last one
// again when they run out) and counts the prompts.
func codeAuth(prompts *int, answers ...string) gossh.AuthMethod {
	return gossh.KeyboardInteractive(func(_, _ string, questions []string, _ []bool) ([]string, error) {
		if len(questions) == 0 {
			return nil, nil
		}
		a := answers[min(*prompts, len(answers)-1)]
		*prompts++
		return []string{a}, nil
	})
}

func dial(addr, user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            user,
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
}

func mustDial(t *testing.T, addr, user string) *gossh.Client {
	t.Helper()
	var n int
	c, err := dial(addr, user, codeAuth(&n, testCode))
	if err != nil {
		t.Fatalf("%s could not join: %v", user, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// screen is a session's output so far, safe to read while it grows.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// waitFor waits until the output holds want; a generous bound keeps a stuck
// test from hanging, it is not a measure of speed.
func (s *screen) waitFor(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(s.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q on screen; got %q", want, s.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// terminal opens a session with a terminal and starts the app.
type terminal struct {
	sess *gossh.Session
	in   interface{ Write([]byte) (int, error) }
	out  *screen
	done chan error
}

func openTerminal(t *testing.T, c *gossh.Client) *terminal {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out := &screen{}
	sess.Stdout, sess.Stderr = out, out
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	term := &terminal{sess: sess, in: in, out: out, done: make(chan error, 1)}
	go func() { term.done <- sess.Wait() }()
	return term
}

// ended waits for the session to end and returns its exit status.
func (term *terminal) ended(t *testing.T) int {
	t.Helper()
	select {
	case err := <-term.done:
		var ee *gossh.ExitError
		if errors.As(err, &ee) {
			return ee.ExitStatus()
		}
		return 0
	case <-time.After(15 * time.Second):
		t.Fatalf("session did not end; screen: %q", term.out.String())
	}
	return -1
}

func newKey(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
