package serve

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

func TestRightCodeAdmitsAndTheAppRuns(t *testing.T) {
	host := &testHost{}
	_, addr := start(t, Config{}, host)
	var prompts int
	c, err := dial(addr, "ann", codeAuth(&prompts, "482 913")) // spaces are ignored
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	term := openTerminal(t, c)
	term.out.waitFor(t, "hello ann keys=.")
	term.in.Write([]byte("xq"))
	if code := term.ended(t); code != 0 {
		t.Errorf("exit status %d after q, want 0", code)
	}
	final, ok := host.leftWith("ann")
	if !ok {
		t.Fatal("the host was not told ann left")
	}
	if got := final.(echoApp).keys; got != "x" {
		t.Errorf("final model has keys %q, want the one key pressed, x", got)
	}
}

func TestWrongCodeThreeTimesDisconnects(t *testing.T) {
	s, addr := start(t, Config{}, &testHost{})
	s.wait = func(time.Duration) bool { return true } // the slowing has its own test
	var prompts int
	// Retryable: the client would go on trying; the server must stop it.
	_, err := dial(addr, "mallory", gossh.RetryableAuthMethod(codeAuth(&prompts, "111111", "222222", "333333", testCode), 10))
	if err == nil {
		t.Fatal("admitted after three wrong codes")
	}
	if prompts != WrongCodeTries {
		t.Errorf("asked for the code %d times, want %d", prompts, WrongCodeTries)
	}
	// A right code on the second try is fine.
	prompts = 0
	c, err := dial(addr, "ann", codeAuth(&prompts, "000000", testCode))
	if err != nil {
		t.Fatalf("right code on the second try refused: %v", err)
	}
	c.Close()
}

func TestRepeatedFailuresFromOneAddressAreSlowed(t *testing.T) {
	s, addr := start(t, Config{}, &testHost{})
	var mu sync.Mutex
	var waits []time.Duration
	s.wait = func(d time.Duration) bool {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return true
	}
	for range 2 { // two connections, three wrong codes each
		var n int
		if _, err := dial(addr, "mallory", codeAuth(&n, "000000")); err == nil {
			t.Fatal("wrong code admitted")
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(waits) != 6 {
		t.Fatalf("%d prompts, want 6: %v", len(waits), waits)
	}
	for i, d := range waits[:WrongCodeTries] {
		if d != 0 {
			t.Errorf("prompt %d waited %v; the first %d failures wait nothing", i+1, d, WrongCodeTries)
		}
	}
	for i := WrongCodeTries; i < len(waits); i++ {
		if waits[i] <= waits[i-1] && waits[i] < s.slow.limit {
			t.Errorf("waits do not grow after %d failures: %v", WrongCodeTries, waits)
		}
	}
}

func TestSlowdownGrowsCapsAndForgets(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	l := newSlowdown(func() time.Time { return now })
	var got []time.Duration
	for range 12 {
		got = append(got, l.delay("10.0.0.7"))
		l.fail("10.0.0.7")
	}
	want := []time.Duration{0, 0, 0, 1, 2, 4, 8, 16, 30, 30, 30, 30}
	for i := range want {
		if got[i] != want[i]*time.Second {
			t.Fatalf("delays %v, want %v seconds", got, want)
		}
	}
	if d := l.delay("10.0.0.8"); d != 0 {
		t.Errorf("another address waits %v", d)
	}
	now = now.Add(16 * time.Minute)
	if d := l.delay("10.0.0.7"); d != 0 {
		t.Errorf("after a quiet spell the address still waits %v", d)
	}
	l.fail("10.0.0.7")
	l.fail("10.0.0.7")
	l.fail("10.0.0.7")
	l.fail("10.0.0.7")
	l.forgive("10.0.0.7")
	if d := l.delay("10.0.0.7"); d != 0 {
		t.Errorf("after a right code the address still waits %v", d)
	}
}

func TestAllowedKeyAdmitsOthersAreRefused(t *testing.T) {
	allowed, other := newKey(t), newKey(t)
	dir := t.TempDir()
	keys := filepath.Join(dir, "keys")
	line := gossh.MarshalAuthorizedKey(allowed.PublicKey())
	os.WriteFile(keys, append([]byte("# the room\n\n"), line...), 0o600)
	list, err := ReadAllowedKeys(keys)
	if err != nil {
		t.Fatal(err)
	}
	host := &testHost{}
	_, addr := start(t, Config{AllowedKeys: list, Code: testCode}, host)

	c, err := dial(addr, "bob", gossh.PublicKeys(allowed))
	if err != nil {
		t.Fatalf("listed key refused: %v", err)
	}
	defer c.Close()
	term := openTerminal(t, c)
	term.out.waitFor(t, "hello bob")
	if g := host.admitted[0]; !g.ByKey {
		t.Error("guest not marked as admitted by key")
	}
	if _, err := dial(addr, "eve", gossh.PublicKeys(other)); err == nil {
		t.Error("a key not listed was admitted")
	}
	var n int
	if _, err := dial(addr, "eve", gossh.PublicKeys(other), codeAuth(&n, testCode)); err != nil {
		t.Errorf("the code no longer works beside keys: %v", err)
	}
}

func TestAllowedKeysFileErrorsNameTheLine(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "keys")
	os.WriteFile(bad, []byte("# ok\nssh-ed25519 not-base64\n"), 0o600)
	if _, err := ReadAllowedKeys(bad); err == nil || !strings.Contains(err.Error(), bad+":2") {
		t.Errorf("error %v does not name %s:2", err, bad)
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("# nobody\n"), 0o600)
	if _, err := ReadAllowedKeys(empty); err == nil {
		t.Error("a file without keys was accepted")
	}
	if _, err := ReadAllowedKeys(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing file was accepted")
	}
}

func TestNoExecSubsystemForwardingOrAgent(t *testing.T) {
	host := &testHost{}
	_, addr := start(t, Config{}, host)
	var c *gossh.Client // a new connection for each case: one session each

	t.Run("exec", func(t *testing.T) {
		c = mustDial(t, addr, "ann")
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		if out, err := sess.CombinedOutput("id"); err == nil {
			t.Errorf("exec ran: %q", out)
		}
	})
	t.Run("subsystem", func(t *testing.T) {
		c = mustDial(t, addr, "ann")
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		if err := sess.RequestSubsystem("sftp"); err == nil {
			t.Error("sftp subsystem accepted")
		}
	})
	t.Run("agent and x11", func(t *testing.T) {
		c = mustDial(t, addr, "ann")
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		if err := agent.RequestAgentForwarding(sess); err == nil {
			t.Error("agent forwarding accepted")
		}
		if ok, _ := sess.SendRequest("x11-req", true, gossh.Marshal(struct {
			Single        bool
			Proto, Cookie string
			Screen        uint32
		}{false, "MIT-MAGIC-COOKIE-1", "00", 0})); ok {
			t.Error("x11 forwarding accepted")
		}
	})
	t.Run("local forwarding", func(t *testing.T) {
		c = mustDial(t, addr, "ann")
		target, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer target.Close()
		reached := make(chan struct{}, 1)
		go func() {
			if conn, err := target.Accept(); err == nil {
				conn.Close()
				reached <- struct{}{}
			}
		}()
		if conn, err := c.Dial("tcp", target.Addr().String()); err == nil {
			conn.Close()
			t.Error("direct-tcpip channel opened")
		}
		select {
		case <-reached:
			t.Error("the server connected to the target")
		case <-time.After(100 * time.Millisecond):
		}
	})
	t.Run("remote forwarding", func(t *testing.T) {
		c = mustDial(t, addr, "ann")
		if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
			ln.Close()
			t.Error("tcpip-forward accepted")
		}
	})
	t.Run("shell without a terminal", func(t *testing.T) {
		c = mustDial(t, addr, "ann")
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		out := &screen{}
		sess.Stdout, sess.Stderr = out, out
		if err := sess.Shell(); err != nil {
			t.Fatal(err)
		}
		err = sess.Wait()
		if err == nil || !strings.Contains(out.String(), "assay needs a terminal") {
			t.Errorf("shell without a terminal: err %v, output %q", err, out)
		}
	})
	if len(host.admitted) != 0 {
		t.Errorf("an app was started for %d of these", len(host.admitted))
	}
}

func TestOneSessionPerConnection(t *testing.T) {
	_, addr := start(t, Config{}, &testHost{})
	c := mustDial(t, addr, "ann")
	term := openTerminal(t, c)
	term.out.waitFor(t, "hello ann")
	if _, err := c.NewSession(); err == nil {
		t.Error("a second session opened on one connection")
	}
}

func TestNamesAreUniqueAndClean(t *testing.T) {
	_, addr := start(t, Config{Reserved: []string{"Fay"}}, &testHost{})
	first := openTerminal(t, mustDial(t, addr, "ann"))
	first.out.waitFor(t, "hello ann")

	for _, tc := range []struct{ user, want string }{
		{"ann", "the name “ann” is already taken in this room; join under another: ssh -p"},
		{"ANN", "the name “ANN” is already taken"},
		{"fay", "“fay” is the facilitator's name"},
		{"a b", `the name "a b" cannot be used`},
		{"ann\x1b[2J", `the name "ann\x1b[2J" cannot be used`},
		{strings.Repeat("x", MaxNameLen+1), "cannot be used"},
	} {
		term := openTerminal(t, mustDial(t, addr, tc.user))
		if code := term.ended(t); code != 1 {
			t.Errorf("%q: exit status %d, want 1", tc.user, code)
		}
		if got := term.out.String(); !strings.Contains(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.user, got, tc.want)
		}
	}
	first.out.waitFor(t, "hello ann keys=.") // the first ann is untouched
}

// stallConn stops reading once stalled, as a laptop whose lid closed: the
// server's requests go unanswered.
type stallConn struct {
	net.Conn
	mu      sync.Mutex
	stalled bool
}

func (c *stallConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	s := c.stalled
	c.mu.Unlock()
	if s {
		select {} // what came is never seen; the goroutine ends with the test binary
	}
	return n, err
}

func TestANameHeldByADeadConnectionIsFreed(t *testing.T) {
	host := &testHost{}
	_, addr := start(t, Config{KeepAlive: 300 * time.Millisecond, Idle: time.Hour}, host)
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	stall := &stallConn{Conn: raw}
	var n int
	cc, chans, reqs, err := gossh.NewClientConn(stall, addr, &gossh.ClientConfig{
		User: "ann", Auth: []gossh.AuthMethod{codeAuth(&n, testCode)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
	if err != nil {
		t.Fatal(err)
	}
	first := openTerminal(t, gossh.NewClient(cc, chans, reqs))
	first.out.waitFor(t, "hello ann")
	stall.mu.Lock()
	stall.stalled = true
	stall.mu.Unlock()

	again := openTerminal(t, mustDial(t, addr, "ann"))
	again.out.waitFor(t, "hello ann")
	if _, ok := host.leftWith("ann"); !ok {
		t.Error("the stale session's app was not ended")
	}
	raw.Close()
}

func TestIdleSessionsTimeOut(t *testing.T) {
	host := &testHost{}
	_, addr := start(t, Config{Idle: 300 * time.Millisecond}, host)
	term := openTerminal(t, mustDial(t, addr, "ann"))
	term.out.waitFor(t, "hello ann")
	term.ended(t)
	if !strings.Contains(term.out.String(), "No key pressed for 300ms: disconnected") {
		t.Errorf("no idle message; screen %q", term.out.String())
	}
	if _, ok := host.leftWith("ann"); !ok {
		t.Error("the idle app did not end through the host")
	}
}

func TestAtMostMaxParticipants(t *testing.T) {
	_, addr := start(t, Config{Max: 2}, &testHost{})
	ann := openTerminal(t, mustDial(t, addr, "ann"))
	ann.out.waitFor(t, "hello ann")
	bob := openTerminal(t, mustDial(t, addr, "bob"))
	bob.out.waitFor(t, "hello bob")

	cat := openTerminal(t, mustDial(t, addr, "cat"))
	if code := cat.ended(t); code != 1 || !strings.Contains(cat.out.String(), "the room is full (2 people)") {
		t.Errorf("third person: exit %d, screen %q", code, cat.out.String())
	}
	ann.in.Write([]byte("q"))
	ann.ended(t)
	cat = openTerminal(t, mustDial(t, addr, "cat"))
	cat.out.waitFor(t, "hello cat")
}

func TestHostRefusalIsShown(t *testing.T) {
	_, addr := start(t, Config{}, &testHost{refuse: errors.New("the workshop has not started")})
	term := openTerminal(t, mustDial(t, addr, "ann"))
	if code := term.ended(t); code != 1 || !strings.Contains(term.out.String(), "assay: the workshop has not started") {
		t.Errorf("exit %d, screen %q", code, term.out.String())
	}
}

func TestShutdownEndsEveryAppThroughTheHost(t *testing.T) {
	host := &testHost{}
	s, addr := start(t, Config{Quit: "bye"}, host)
	ann := openTerminal(t, mustDial(t, addr, "ann"))
	bob := openTerminal(t, mustDial(t, addr, "bob"))
	ann.out.waitFor(t, "hello ann")
	bob.out.waitFor(t, "hello bob")
	bob.in.Write([]byte("z"))
	bob.out.waitFor(t, "z.") // the renderer redraws only what changed

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	for _, term := range []*terminal{ann, bob} {
		term.ended(t)
		if !strings.Contains(term.out.String(), "The facilitator closed the room") {
			t.Errorf("no goodbye: %q", term.out.String())
		}
	}
	final, ok := host.leftWith("bob")
	if !ok || final.(echoApp).keys != "z[bye]" {
		t.Errorf("bob's app ended as %#v, want it to have had the key and the quit message", final)
	}
	var n int
	if _, err := dial(addr, "cat", codeAuth(&n, testCode)); err == nil {
		t.Error("joined a closed room")
	}
}

func TestJoinLine(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:2222":  "ssh -p 2222 NAME@127.0.0.1",
		"192.168.1.20:22": "ssh NAME@192.168.1.20",
		"[::1]:2222":      "ssh -p 2222 NAME@[::1]",
	} {
		if got := JoinLine(addr); got != want {
			t.Errorf("JoinLine(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestOnlyDisplayVariablesPassAndNoColorIsSeen(t *testing.T) {
	host := &testHost{}
	_, addr := start(t, Config{}, host)
	c := mustDial(t, addr, "ann")
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Setenv("NO_COLOR", "1"); err != nil {
		t.Errorf("NO_COLOR refused: %v", err)
	}
	if err := sess.Setenv("LD_PRELOAD", "/tmp/x.so"); err == nil {
		t.Error("LD_PRELOAD accepted")
	}
	if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out := &screen{}
	sess.Stdout = out
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	out.waitFor(t, "hello ann")
	host.mu.Lock()
	g := host.admitted[0]
	host.mu.Unlock()
	if !g.NoColor() || g.Width != 100 || g.Height != 30 || g.Term != "xterm-256color" {
		t.Errorf("guest %+v: NoColor %v", g, g.NoColor())
	}
	for _, kv := range g.Environ {
		if strings.HasPrefix(kv, "LD_PRELOAD") {
			t.Errorf("environment passed on: %q", kv)
		}
	}
}

func TestShutdownBeforeServeStartsLeavesNothingListening(t *testing.T) {
	k, err := LoadHostKey(filepath.Join(t.TempDir(), HostKeyName))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Code: testCode, HostKey: k}, &testHost{})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve after Shutdown: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve after Shutdown kept listening")
	}
	if c, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		c.Close()
		t.Error("the listener is still open")
	}
}
