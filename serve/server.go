// Package serve is the SSH side of a live workshop: it admits participants
// (by the workshop code or a listed public key), gives each one who has a
// terminal their own Bubble Tea program, and refuses everything else an SSH
// server might do. What the programs show and how they share the room is the
// Host's business (see package room); this package only carries people in
// and out.
package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	"github.com/assaytui/assay/tui"
	gossh "golang.org/x/crypto/ssh"
)

// Defaults of Config.
const (
	DefaultMax       = 30
	DefaultIdle      = time.Hour
	DefaultKeepAlive = 30 * time.Second
	// DefaultListen is this computer only: serving the room's network is a
	// choice the facilitator makes with --listen.
	DefaultListen = "127.0.0.1:2222"
	// handshakeTime is how long a connection has to get in, code typed.
	handshakeTime = 2 * time.Minute
)

// Config is how the room is served.
type Config struct {
	Code        string // the workshop code, as CheckCode returns it
	AllowedKeys []gossh.PublicKey
	HostKey     gossh.Signer
	Max         int           // participants at once; 0 means DefaultMax
	Idle        time.Duration // no key pressed for this long: disconnected; 0 means DefaultIdle
	KeepAlive   time.Duration // how often a silent connection is checked; 0 means DefaultKeepAlive
	Reserved    []string      // names nobody may join under (the facilitator's)
	// Join is how people join, "ssh -p 2222 NAME@HOST", for the lines that
	// turn someone away; "" makes one from the listening address.
	Join string
	// Quit is the message that asks an app to save what is pending and end;
	// nil ends it with tea.Quit.
	Quit tea.Msg
}

// Host makes and ends the apps of the people the server lets in.
type Host interface {
	// Admit makes the app of someone admitted; an error turns them away, its
	// text shown to them.
	Admit(g *Guest) (tea.Model, error)
	// Left is called when their app has ended, with its final model, before
	// the connection closes: whatever is pending is saved here.
	Left(g *Guest, final tea.Model)
}

// Server serves one room over SSH.
type Server struct {
	cfg  Config
	host Host
	ssh  *ssh.Server
	slow *slowdown
	// wait sleeps for d unless the server closes first; tests record it.
	wait func(d time.Duration) bool

	mu      sync.Mutex
	ln      net.Listener      // what Serve listens on, closed by Shutdown
	guests  map[string]*Guest // by folded name
	closing bool
	done    chan struct{}
	running sync.WaitGroup // sessions with a program
}

// New makes a server; Serve starts it.
func New(cfg Config, host Host) (*Server, error) {
	if cfg.HostKey == nil {
		return nil, errors.New("serve: no host key")
	}
	if cfg.Code == "" && len(cfg.AllowedKeys) == 0 {
		return nil, errors.New("serve: neither a code nor allowed keys: nobody could join")
	}
	if cfg.Max <= 0 {
		cfg.Max = DefaultMax
	}
	if cfg.Idle <= 0 {
		cfg.Idle = DefaultIdle
	}
	if cfg.KeepAlive <= 0 {
		cfg.KeepAlive = DefaultKeepAlive
	}
	s := &Server{cfg: cfg, host: host, slow: newSlowdown(time.Now),
		guests: map[string]*Guest{}, done: make(chan struct{})}
	s.wait = s.sleep
	srv, err := wish.NewServer(
		wish.WithVersion("assay"),
		func(srv *ssh.Server) error {
			srv.AddHostKey(cfg.HostKey)
			srv.HandshakeTimeout = handshakeTime
			srv.ConnCallback = s.connected
			srv.ServerConfigCallback = s.serverConfig
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": guardedSession}
			srv.RequestHandlers = map[string]ssh.RequestHandler{} // no port forwarding
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
			return nil
		},
		wish.WithMiddleware(func(ssh.Handler) ssh.Handler { return s.session }),
	)
	if err != nil {
		return nil, err
	}
	if len(cfg.AllowedKeys) > 0 {
		srv.PublicKeyHandler = func(_ ssh.Context, k ssh.PublicKey) bool { return keyAllowed(cfg.AllowedKeys, k) }
	}
	s.ssh = srv
	return s, nil
}

// Serve answers connections on ln until Shutdown. Called after Shutdown, it
// closes ln and returns at once.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		return ln.Close()
	}
	s.ln = ln
	if s.cfg.Join == "" {
		s.cfg.Join = JoinLine(ln.Addr().String())
	}
	s.mu.Unlock()
	err := s.ssh.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) || errors.Is(err, net.ErrClosed) && s.isClosing() {
		return nil
	}
	return err
}

// JoinLine is the command that joins a server listening on addr.
func JoinLine(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "ssh NAME@" + addr
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port == "22" {
		return "ssh NAME@" + host
	}
	return "ssh -p " + port + " NAME@" + host
}

// Shutdown asks every app to save and end, waits for them (or for ctx), and
// closes every connection.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	if !s.closing {
		s.closing = true
		close(s.done)
	}
	guests := make([]*Guest, 0, len(s.guests))
	for _, g := range s.guests {
		guests = append(guests, g)
	}
	s.mu.Unlock()
	for _, g := range guests {
		g.end("The facilitator closed the room. Everything you rated is saved.")
		go s.quit(g)
	}
	finished := make(chan struct{})
	go func() { s.running.Wait(); close(finished) }()
	var err error
	select {
	case <-finished:
	case <-ctx.Done():
		err = ctx.Err()
	}
	// The ssh server closes the listeners it has started on; a Serve that
	// has not got that far yet would miss that, so the listener is closed
	// here too.
	s.mu.Lock()
	if s.ln != nil {
		_ = s.ln.Close()
	}
	s.mu.Unlock()
	if cerr := s.ssh.Close(); err == nil && cerr != nil && !errors.Is(cerr, net.ErrClosed) {
		err = cerr
	}
	return err
}

// Guests lists the names of the people connected now.
func (s *Server) Guests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.guests))
	for _, g := range s.guests {
		names = append(names, g.Name)
	}
	return names
}

func (s *Server) isClosing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

func (s *Server) sleep(d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.done:
		return false
	}
}

// connected is the first thing a connection meets: it gets its allowance.
func (s *Server) connected(ctx ssh.Context, c net.Conn) net.Conn {
	ctx.SetValue(visitorKey{}, &visitor{ip: remoteIP(c.RemoteAddr()), conn: c})
	return c
}

// serverConfig sets the code check for one connection. Key checks go through
// the ssh package's PublicKeyHandler, which records the key on the session.
func (s *Server) serverConfig(ctx ssh.Context) *gossh.ServerConfig {
	conf := &gossh.ServerConfig{MaxAuthTries: 20}
	v := visitorOf(ctx)
	if s.cfg.Code != "" && v != nil {
		conf.KeyboardInteractiveCallback = func(_ gossh.ConnMetadata, ask gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
			if err := s.askCode(v, ask); err != nil {
				return nil, err
			}
			return &gossh.Permissions{}, nil
		}
	}
	return conf
}

// session runs one participant's app, or says in one line why not.
func (s *Server) session(sess ssh.Session) {
	pty, winch, ok := sess.Pty()
	if !ok {
		refuse(sess, "assay needs a terminal: join with "+s.cfg.Join)
		return
	}
	g := &Guest{
		Name:    sess.User(),
		IP:      remoteIP(sess.RemoteAddr()),
		Term:    pty.Term,
		Width:   pty.Window.Width,
		Height:  pty.Window.Height,
		Environ: sess.Environ(),
		ByKey:   sess.PublicKey() != nil,
		conn:    sess.Context().Value(ssh.ContextKeyConn).(*gossh.ServerConn),
	}
	if err := s.enter(g); err != nil {
		refuse(sess, err.Error())
		return
	}
	s.running.Add(1)
	defer s.running.Done()
	defer s.leave(g)

	m, err := s.host.Admit(g)
	if err != nil {
		refuse(sess, err.Error())
		return
	}
	g.touch()
	in := &activity{r: sess, g: g}
	opts := append(bubbletea.MakeOptions(sess), tea.WithInput(in), tea.WithoutSignalHandler(), tea.WithFPS(tui.FramesPerSecond))
	p := tea.NewProgram(m, opts...)
	g.attach(p)
	if s.isClosing() { // the room closed while this app was being made
		go s.quit(g)
	}

	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	go func() {
		for {
			select {
			case <-ctx.Done():
				s.quit(g) // the connection dropped: save what is pending and end
				return
			case w, ok := <-winch:
				if !ok {
					return
				}
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			}
		}
	}()
	go s.watch(ctx, g)

	final, err := p.Run()
	g.detach()
	p.Kill()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && final == nil {
		final = m
	}
	s.host.Left(g, final)
	if why := g.reason(); why != "" {
		_, _ = fmt.Fprint(sess, "\r\n"+why+"\r\n")
		_ = sess.Exit(0)
	}
}

// refuse turns someone away with one line on their terminal.
func refuse(sess ssh.Session, line string) {
	_, _ = fmt.Fprint(sess.Stderr(), "assay: "+line+"\n")
	_ = sess.Exit(1)
}

// enter takes a place in the room under g's name. A name held by a
// connection that no longer answers (a laptop closed, a cable pulled) is
// freed for its owner coming back; one held by a live connection is not.
func (s *Server) enter(g *Guest) error {
	if err := CheckName(g.Name); err != nil {
		return fmt.Errorf("%v; join for example as %s", err, strings.Replace(s.cfg.Join, "NAME", "ann", 1))
	}
	key := fold(g.Name)
	for _, r := range s.cfg.Reserved {
		if fold(r) == key {
			return fmt.Errorf("“%s” is the facilitator's name; join under your own: %s", g.Name, s.cfg.Join)
		}
	}
	s.mu.Lock()
	holder := s.guests[key]
	s.mu.Unlock()
	if holder != nil && !alive(holder.conn, min(3*time.Second, s.cfg.KeepAlive)) {
		holder.end("")
		_ = holder.conn.Close()
		s.free(holder)
		go s.quit(holder)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return errors.New("the room is closing")
	case s.guests[key] != nil:
		return fmt.Errorf("the name “%s” is already taken in this room; join under another: %s",
			g.Name, strings.Replace(s.cfg.Join, "NAME", "OTHERNAME", 1))
	case len(s.guests) >= s.cfg.Max:
		return fmt.Errorf("the room is full (%d people); ask the facilitator", s.cfg.Max)
	}
	s.guests[key] = g
	return nil
}

func (s *Server) leave(g *Guest) { s.free(g) }

// free gives up g's place, unless someone has taken it over since.
func (s *Server) free(g *Guest) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if key := fold(g.Name); s.guests[key] == g {
		delete(s.guests, key)
	}
}

// watch ends a session whose person has pressed no key for the idle time,
// and one whose connection stops answering.
func (s *Server) watch(ctx context.Context, g *Guest) {
	every := min(max(s.cfg.Idle/4, 20*time.Millisecond), s.cfg.KeepAlive)
	t := time.NewTicker(every)
	defer t.Stop()
	lastCheck := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			if idle := now.Sub(g.lastInput()); idle >= s.cfg.Idle {
				g.end(fmt.Sprintf("No key pressed for %s: disconnected. Everything you rated is saved; join again to go on.",
					roundDuration(s.cfg.Idle)))
				s.quit(g)
				return
			}
			if now.Sub(lastCheck) >= s.cfg.KeepAlive {
				lastCheck = now
				if !alive(g.conn, s.cfg.KeepAlive) {
					g.end("")
					_ = g.conn.Close()
					s.quit(g)
					return
				}
			}
		}
	}
}

// quit asks g's app to save and end, and ends it if it has not within a
// few seconds.
func (s *Server) quit(g *Guest) {
	msg := s.cfg.Quit
	if msg == nil {
		msg = tea.Quit()
	}
	p, ended := g.running()
	if p == nil {
		return
	}
	go p.Send(msg)
	select {
	case <-time.After(5 * time.Second):
		p.Kill()
	case <-ended:
	}
}

// alive asks the client for a reply and reports whether one came within
// timeout. Any reply counts, a refusal too: it shows the other end is there.
func alive(c *gossh.ServerConn, timeout time.Duration) bool {
	if c == nil {
		return false
	}
	got := make(chan error, 1)
	go func() {
		_, _, err := c.SendRequest("keepalive@openssh.com", true, nil)
		got <- err
	}()
	select {
	case err := <-got:
		return err == nil
	case <-time.After(timeout):
		return false
	}
}

func roundDuration(d time.Duration) string {
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return strconv.Itoa(int(d/time.Hour)) + " h"
	case d >= time.Minute && d%time.Minute == 0:
		return strconv.Itoa(int(d/time.Minute)) + " min"
	}
	return d.Round(time.Millisecond).String()
}

// Options are what the facilitator chooses on the command line.
type Options struct {
	Listen      string // host:port; "" means DefaultListen
	Code        string // as CheckCode returns it; "" means a new random one
	AllowedKeys []gossh.PublicKey
	Max         int           // 0 means DefaultMax
	Idle        time.Duration // 0 means DefaultIdle
}
