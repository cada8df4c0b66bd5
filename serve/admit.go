package serve

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	gossh "golang.org/x/crypto/ssh"
)

// Admission: a participant comes in with the workshop code (asked with
// keyboard-interactive, so any OpenSSH client prompts for it) or with a
// public key the facilitator listed. Three wrong codes end the connection;
// an address that keeps failing waits longer and longer before each try.

// WrongCodeTries is how many wrong codes one connection may give.
const WrongCodeTries = 3

// minCodeLen is the shortest code a facilitator may choose.
const minCodeLen = 6

// NewCode is a random workshop code of six digits: easy to read off a
// projector and to type, and with three tries per connection and the
// slowing of repeated failures, hard to guess in a workshop's time.
func NewCode() string {
	var b strings.Builder
	for range 6 {
		n, err := rand.Int(rand.Reader, big.NewInt(10))
		if err != nil {
			panic(err) // crypto/rand does not fail on the systems Go supports
		}
		b.WriteByte(byte('0' + n.Int64()))
	}
	return b.String()
}

// ShowCode is the code as it is printed: digits in two groups of three.
func ShowCode(code string) string {
	if len(code) == 6 && strings.Trim(code, "0123456789") == "" {
		return code[:3] + " " + code[3:]
	}
	return code
}

// CheckCode returns the code a facilitator chose, cleaned, or why it will not do.
func CheckCode(code string) (string, error) {
	c := normalCode(code)
	if utf8.RuneCountInString(c) < minCodeLen {
		return "", fmt.Errorf("--code: choose at least %d letters or digits, so the code is not guessed", minCodeLen)
	}
	for _, r := range c {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return "", fmt.Errorf("--code: use letters and digits only (spaces and dashes are ignored)")
		}
	}
	return c, nil
}

// normalCode is what is compared: no spaces or dashes, lower case, so
// "482 913", "482-913" and "482913" are the same code.
func normalCode(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' {
			return -1
		}
		return r
	}, s))
}

func codeMatches(given, code string) bool {
	return subtle.ConstantTimeCompare([]byte(normalCode(given)), []byte(code)) == 1
}

// ReadAllowedKeys reads public keys in authorized_keys format (one a line,
// # comments and blank lines skipped). A line that is not a key is an error
// naming the file and line.
func ReadAllowedKeys(path string) ([]gossh.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--allow-keys: %w", err)
	}
	var keys []gossh.PublicKey
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("--allow-keys: %s:%d: not a public key (%v)", path, n, err)
		}
		keys = append(keys, k)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--allow-keys: %s: %w", path, err)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("--allow-keys: %s holds no public key", path)
	}
	return keys, nil
}

func keyAllowed(allowed []gossh.PublicKey, k gossh.PublicKey) bool {
	m := k.Marshal()
	for _, a := range allowed {
		if subtle.ConstantTimeCompare(a.Marshal(), m) == 1 {
			return true
		}
	}
	return false
}

var errWrongCode = errors.New("wrong workshop code")

// askCode is the keyboard-interactive check of one connection: it asks for
// the code until it is right or the connection has used its tries. Each
// prompt first waits as long as the address's record of failures says.
func (s *Server) askCode(v *visitor, ask gossh.KeyboardInteractiveChallenge) error {
	for {
		wrong := v.wrongCodes()
		if wrong >= WrongCodeTries {
			v.close()
			return errWrongCode
		}
		if !s.wait(s.slow.delay(v.ip)) {
			return errors.New("server closing")
		}
		instruction := "assay workshop: type the code the facilitator shows."
		if wrong > 0 {
			instruction = fmt.Sprintf("Wrong code. %d tries left.", WrongCodeTries-wrong)
		}
		answers, err := ask("", instruction, []string{"Workshop code: "}, []bool{true})
		if err != nil {
			return err
		}
		if len(answers) == 1 && codeMatches(answers[0], s.cfg.Code) {
			s.slow.forgive(v.ip)
			return nil
		}
		s.slow.fail(v.ip)
		if v.addWrongCode() >= WrongCodeTries {
			// The banner says why before the connection goes.
			v.closeSoon()
			return &gossh.BannerError{Err: errWrongCode,
				Message: "Wrong code three times: disconnected. Ask the facilitator for the code and join again.\r\n"}
		}
	}
}

// slowdown remembers failed codes per address and makes an address that
// keeps failing wait: nothing for the first few, then 1 s, 2 s, 4 s … up
// to a limit. An address is forgotten after a quiet spell or a right code.
type slowdown struct {
	mu    sync.Mutex
	now   func() time.Time
	free  int           // failures without any wait
	limit time.Duration // the longest wait
	quiet time.Duration // failures older than this are forgotten
	fails map[string]strikes
}

type strikes struct {
	n    int
	last time.Time
}

func newSlowdown(now func() time.Time) *slowdown {
	return &slowdown{now: now, free: WrongCodeTries, limit: 30 * time.Second,
		quiet: 15 * time.Minute, fails: map[string]strikes{}}
}

// delay is how long the next try from ip waits.
func (l *slowdown) delay(ip string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	st, ok := l.fails[ip]
	if !ok || l.now().Sub(st.last) > l.quiet {
		return 0
	}
	over := st.n - l.free
	if over < 0 {
		return 0
	}
	if over >= 6 {
		return l.limit
	}
	return min(time.Second<<over, l.limit)
}

func (l *slowdown) fail(ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	st := l.fails[ip]
	if now.Sub(st.last) > l.quiet {
		st.n = 0
	}
	st.n++
	st.last = now
	l.fails[ip] = st
	if len(l.fails) > 4096 { // a bound on what a scan of many addresses can grow
		for k, v := range l.fails {
			if now.Sub(v.last) > l.quiet {
				delete(l.fails, k)
			}
		}
	}
}

func (l *slowdown) forgive(ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, ip)
}
