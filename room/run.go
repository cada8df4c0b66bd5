package room

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/serve"
	"github.com/assaytui/assay/store"
	"github.com/assaytui/assay/tui"
)

// Workshop is a room being served: the hub, the SSH server and where it
// listens.
type Workshop struct {
	Hub         *Hub
	Server      *serve.Server
	Addr        net.Addr
	Code        string
	Fingerprint string
	Joins       []string // "ssh -p 2222 NAME@192.168.1.20", one per address
	LAN         bool     // reachable from other computers
	served      chan error
}

// Open starts serving a live workshop on assessment id: the hub, on the
// assessment's resume point, and the SSH server, listening. Close ends it.
func Open(ctx context.Context, st *store.Store, cat *model.Catalog, id, facilitator string, opts serve.Options) (*Workshop, error) {
	a, err := st.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	at, err := startAt(a, cat)
	if err != nil {
		return nil, err
	}
	hub, err := NewHub(ctx, st, id, facilitator, at)
	if err != nil {
		return nil, err
	}
	hostKey, err := serve.LoadHostKey(serve.HostKeyPath(st.Path()))
	if err != nil {
		return nil, err
	}
	listen := opts.Listen
	if listen == "" {
		listen = serve.DefaultListen
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, fmt.Errorf("cannot listen on %s (%v): choose another address with --listen", listen, errors.Unwrap(err))
	}
	code := opts.Code
	if code == "" {
		code = serve.NewCode()
	}
	joins, lan := joinLines(ln.Addr())
	w := &Workshop{Hub: hub, Addr: ln.Addr(), Code: code, Joins: joins, LAN: lan,
		Fingerprint: serve.Fingerprint(hostKey.PublicKey()), served: make(chan error, 1)}
	h := &host{hub: hub, st: st, cat: cat, id: id, seats: map[*serve.Guest]*seat{}}
	w.Server, err = serve.New(serve.Config{
		Code: code, AllowedKeys: opts.AllowedKeys, HostKey: hostKey,
		Max: opts.Max, Idle: opts.Idle, Reserved: []string{facilitator},
		Join: joins[0], Quit: tui.Leave(),
	}, h)
	if err != nil {
		ln.Close()
		return nil, err
	}
	go func() { w.served <- w.Server.Serve(ln) }()
	return w, nil
}

// Close asks every participant's app to save and end, and stops serving.
func (w *Workshop) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := w.Server.Shutdown(ctx)
	if serr := <-w.served; err == nil {
		err = serr
	}
	return err
}

// Run serves a live workshop on assessment id and runs the facilitator's
// app in this terminal until they close the room; then every participant's
// app saves and ends. How to join is printed to out first.
func Run(ctx context.Context, st *store.Store, cat *model.Catalog, id, facilitator string, opts serve.Options, out io.Writer) error {
	w, err := Open(ctx, st, cat, id, facilitator, opts)
	if err != nil {
		return err
	}
	fmt.Fprint(out, w.Intro())
	seat := w.Hub.Seat(facilitator, true)
	m := tui.New(tui.Options{Store: st, Catalog: cat, OpenID: id, Actor: facilitator,
		Room: seat, Lead: true, Banner: w.Banner(), Lobby: w.Lobby()})
	p := tea.NewProgram(m, tea.WithFPS(tui.FramesPerSecond))
	seat.Listen(func(msg tui.RoomChanged) { p.Send(msg) })
	final, runErr := p.Run()
	closeErr := w.Close()
	seat.Leave()
	fm, ok := final.(tui.Model)
	if !ok {
		fm = m // the queue is shared
	}
	if err := fm.Finish(); err != nil {
		return err
	}
	fmt.Fprintln(out, "assay serve: the room is closed; every rating and answer is saved.")
	if runErr != nil && !errors.Is(runErr, tea.ErrInterrupted) {
		return runErr
	}
	return closeErr
}

// Intro is what the facilitator reads before the room opens.
func (w *Workshop) Intro() string {
	s := fmt.Sprintf("assay serve: listening on %s", w.Addr)
	if w.LAN {
		s += " — open to your network: people in the room can join.\n"
	} else {
		s += " — this computer only. To let the room join: --listen 0.0.0.0:2222\n"
	}
	s += "Join with any SSH client, under your own name:\n"
	for _, j := range w.Joins {
		s += "  " + j + "\n"
	}
	s += "Workshop code: " + serve.ShowCode(w.Code) + "\n"
	s += "Host key:      " + w.Fingerprint + " (ssh shows it on first joining: compare)\n"
	return s
}

// Banner is the short form for the facilitator's header.
func (w *Workshop) Banner() string { return "code " + serve.ShowCode(w.Code) + " · " + w.Joins[0] }

// Lobby is what the facilitator's screen shows while nobody has joined.
func (w *Workshop) Lobby() []string {
	out := []string{"Nobody has joined yet. Join with:"}
	for _, j := range w.Joins {
		out = append(out, "  "+j)
	}
	out = append(out, "Workshop code "+serve.ShowCode(w.Code)+" · host key "+w.Fingerprint)
	if !w.LAN {
		out = append(out, "Only this computer can join: restart with --listen 0.0.0.0:2222 for the room.")
	}
	return out
}

// startAt is where the room starts: the assessment's resume point.
func startAt(a model.Assessment, cat *model.Catalog) (model.Key, error) {
	fw, q := a.Resume()
	for _, id := range append([]string{fw}, a.FrameworkIDs()...) {
		f, ok := cat.Framework(id)
		if !ok {
			continue
		}
		qs := f.Questions()
		if len(qs) == 0 {
			continue
		}
		if id != fw || f.QuestionIndex(q) < 0 {
			q = qs[0].ID
		}
		return model.Key{Framework: id, Question: q}, nil
	}
	return model.Key{}, fmt.Errorf("none of the frameworks of assessment %s is loaded", a.ID)
}

// joinLines are the commands that join a server on addr: one per network
// address of this computer when it listens on all of them.
func joinLines(addr net.Addr) (lines []string, lan bool) {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return []string{serve.JoinLine(addr.String())}, false
	}
	port := fmt.Sprint(tcp.Port)
	if !tcp.IP.IsUnspecified() {
		return []string{serve.JoinLine(net.JoinHostPort(tcp.IP.String(), port))}, !tcp.IP.IsLoopback()
	}
	ifaces, _ := net.InterfaceAddrs()
	for _, ia := range ifaces {
		ipn, ok := ia.(*net.IPNet)
		if !ok || ipn.IP.IsLoopback() || ipn.IP.To4() == nil || ipn.IP.IsLinkLocalUnicast() {
			continue
		}
		lines = append(lines, serve.JoinLine(net.JoinHostPort(ipn.IP.String(), port)))
	}
	if len(lines) == 0 {
		lines = []string{serve.JoinLine(net.JoinHostPort("THIS-COMPUTER", port))}
	}
	return lines, true
}

// host makes each participant's app: their own session on the one store,
// seated in the room.
type host struct {
	hub *Hub
	st  *store.Store
	cat *model.Catalog
	id  string

	mu    sync.Mutex
	seats map[*serve.Guest]*seat
}

func (h *host) Admit(g *serve.Guest) (tea.Model, error) {
	s := h.hub.Seat(g.Name, false)
	s.Listen(func(msg tui.RoomChanged) { g.Send(msg) })
	h.mu.Lock()
	h.seats[g] = s
	h.mu.Unlock()
	env := map[string]string{}
	for _, kv := range g.Environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	return tui.New(tui.Options{Store: h.st, Catalog: h.cat, OpenID: h.id, Actor: g.Name,
		Getenv: func(k string) string { return env[k] }, Room: s}), nil
}

// Left saves what the participant's app still had queued and frees their seat.
func (h *host) Left(g *serve.Guest, final tea.Model) {
	h.mu.Lock()
	s := h.seats[g]
	delete(h.seats, g)
	h.mu.Unlock()
	if m, ok := final.(tui.Model); ok {
		_ = m.Finish() // what could not be saved was shown as not saved
	}
	if s != nil {
		s.Leave()
	}
}
