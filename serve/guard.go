package serve

import (
	"net"
	"strings"
	"sync"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// What a connection may do: open one session channel, ask for a terminal,
// start the app (a "shell"), resize, and pass a few environment variables
// that shape the display. Everything else (exec, subsystems such as SFTP,
// agent and X11 forwarding, signals) is refused here, before any handler
// sees it; port forwarding is refused by the server having no handler for it.

// passedEnv are the environment variables a client may send.
var passedEnv = map[string]bool{"NO_COLOR": true, "COLORTERM": true, "LANG": true, "LC_ALL": true, "LC_CTYPE": true}

// maxEnv bounds how many variables one session may set.
const maxEnv = 16

// visitor is one connection, from its first byte: where it comes from and
// what it has used of its allowance.
type visitor struct {
	ip   string
	conn net.Conn

	mu       sync.Mutex
	wrong    int  // wrong codes given
	sessions int  // session channels opened
	closed   bool // closed by the server
}

type visitorKey struct{}

func visitorOf(ctx ssh.Context) *visitor {
	v, _ := ctx.Value(visitorKey{}).(*visitor)
	return v
}

func (v *visitor) wrongCodes() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.wrong
}

func (v *visitor) addWrongCode() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.wrong++
	return v.wrong
}

// claimSession reports whether this is the connection's first session.
func (v *visitor) claimSession() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.sessions++
	return v.sessions == 1
}

func (v *visitor) close() {
	v.mu.Lock()
	v.closed = true
	v.mu.Unlock()
	_ = v.conn.Close()
}

// closeSoon closes the connection after the client has had a moment to read
// the last message.
func (v *visitor) closeSoon() { time.AfterFunc(time.Second, v.close) }

// guardedSession is the handler of "session" channels: one per connection,
// with its requests filtered.
func guardedSession(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	if v := visitorOf(ctx); v == nil || !v.claimSession() {
		_ = nc.Reject(gossh.Prohibited, "one session per connection")
		return
	}
	ssh.DefaultSessionHandler(srv, conn, guardedChannel{nc}, ctx)
}

type guardedChannel struct{ gossh.NewChannel }

func (g guardedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := g.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		env := 0
		for r := range reqs {
			if allowedRequest(r, &env) {
				out <- r
			} else if r.WantReply {
				_ = r.Reply(false, nil)
			}
		}
	}()
	return ch, out, nil
}

func allowedRequest(r *gossh.Request, env *int) bool {
	switch r.Type {
	case "pty-req", "shell", "window-change":
		return true
	case "env":
		var kv struct{ Key, Value string }
		if gossh.Unmarshal(r.Payload, &kv) != nil || !passedEnv[kv.Key] || *env >= maxEnv {
			return false
		}
		*env++
		return true
	}
	return false
}

// remoteIP is the address without its port, the unit of the slowdown.
func remoteIP(a net.Addr) string {
	s := a.String()
	if host, _, err := net.SplitHostPort(s); err == nil {
		return host
	}
	return strings.TrimSpace(s)
}
