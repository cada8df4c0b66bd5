// Package e2e drives the real assay binary: the TUI inside tmux (as a user at a
// terminal would), the CLI as scripts would, and the database through the
// sqlite3 shell. These tests need tmux and sqlite3; .ci/run installs both.
// Outside CI they skip with a message when a tool is missing.
package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/assaytui/assay/internal/testbin"
	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
)

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "assay-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// ASSAY_E2E_BIN tests a binary built elsewhere (e.g. a release build).
	bin = os.Getenv("ASSAY_E2E_BIN")
	if bin == "" {
		bin = filepath.Join(dir, "assay")
		if err := testbin.Build(bin); err != nil {
			fmt.Fprintln(os.Stderr, "building assay:", err)
			os.Exit(1)
		}
	}
	code := m.Run()
	exec.Command("tmux", "-L", socket, "kill-server").Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// socket is a private tmux server, so tests never touch the user's sessions.
var socket = fmt.Sprintf("assay-e2e-%d", os.Getpid())

// need skips the test when a tool is missing, unless CI requires the tools
// (ASSAY_E2E_REQUIRED=1, set by .ci/run), where a missing tool is a failure.
func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("ASSAY_E2E_REQUIRED") != "" {
				t.Fatalf("%s is required here but not installed", tool)
			}
			t.Skipf("%s is not installed; install it to run the end-to-end tests", tool)
		}
	}
}

// env is the environment every assay process gets: a private HOME and database.
func env(db string, extra ...string) []string {
	return append([]string{"HOME=" + filepath.Dir(db), "PATH=" + os.Getenv("PATH"), "ASSAY_DB=" + db, "TERM=xterm-256color", "LANG=C.UTF-8"}, extra...)
}

// cli runs one assay command and returns stdout, stderr and the exit code.
func cli(t *testing.T, db string, args ...string) (string, string, int) {
	testbin.Watch()
	t.Helper()
	return cliEnv(t, db, nil, args...)
}

// cliEnv is cli with extra environment variables for assay.
func cliEnv(t *testing.T, db string, extra []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env(db, extra...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func mustCLI(t *testing.T, db string, args ...string) string {
	t.Helper()
	out, errs, code := cli(t, db, args...)
	if code != 0 {
		t.Fatalf("assay %v: exit %d: %s", args, code, errs)
	}
	return out
}

// sqlite runs the sqlite3 shell on the database and returns its output.
func sqlite(t *testing.T, db, query string) string {
	t.Helper()
	out, err := exec.Command("sqlite3", db, query).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3 %q: %v: %s", query, err, out)
	}
	return strings.TrimSpace(string(out))
}

// term is one tmux session running assay.
type term struct {
	t      *testing.T
	name   string
	status string // file the exit status is written to when assay ends
}

var (
	sessions   atomic.Int64
	serverOnce sync.Once
)

// start runs assay with args in a new tmux session of the given size. The
// session stays after assay exits so its last screen can be read.
func start(t *testing.T, db string, w, h int, args ...string) *term {
	t.Helper()
	return startEnv(t, db, w, h, nil, args...)
}

// startEnv is start with extra environment variables for assay.
func startEnv(t *testing.T, db string, w, h int, extra []string, args ...string) *term {
	testbin.Watch()
	t.Helper()
	return startProgram(t, w, h, env(db, extra...), bin, args...)
}

// startProgram runs any program (assay, ssh) in a new tmux session, with
// exactly the environment given.
func startProgram(t *testing.T, w, h int, environ []string, prog string, args ...string) *term {
	t.Helper()
	name := fmt.Sprintf("s%d", sessions.Add(1))
	var envs []string
	for _, e := range environ {
		envs = append(envs, "-e", e)
	}
	serverOnce.Do(func() {
		// One server for the whole run that outlives every session: a server
		// that exits when its last session ends races the next test's start.
		exec.Command("tmux", "-L", socket, "start-server", ";", "set-option", "-g", "exit-empty", "off").Run()
	})
	status := filepath.Join(t.TempDir(), "status")
	// A small shell waits for assay, writes its exit status to a file (tmux's
	// own pane status is not reliable across versions), then idles so the
	// pane keeps assay's last screen untouched.
	cmdline := shellQuote(append([]string{"sh", "-c", `"$0" "$@"; echo $? > ` + shellQuote([]string{status}) + "; exec sleep 86400", prog}, args...))
	tmuxArgs := []string{"-L", socket, "new-session", "-d", "-s", name, "-x", strconv.Itoa(w), "-y", strconv.Itoa(h)}
	tmuxArgs = append(append(tmuxArgs, envs...), cmdline)
	if out, err := exec.Command("tmux", tmuxArgs...).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	tm := &term{t, name, status}
	t.Cleanup(tm.kill)
	return tm
}

func shellQuote(args []string) string {
	var q []string
	for _, a := range args {
		q = append(q, "'"+strings.ReplaceAll(a, "'", `'\''`)+"'")
	}
	return strings.Join(q, " ")
}

// keys sends tmux key names (Enter, Tab, C-c, Left ...) or literal text.
func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	args := append([]string{"-L", socket, "send-keys", "-t", tm.name}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		tm.t.Fatalf("send-keys %v: %v: %s", keys, err, out)
	}
}

// text types literal text (no key-name lookup).
func (tm *term) text(s string) {
	tm.t.Helper()
	if out, err := exec.Command("tmux", "-L", socket, "send-keys", "-t", tm.name, "-l", s).CombinedOutput(); err != nil {
		tm.t.Fatalf("send-keys -l: %v: %s", err, out)
	}
}

// paste pastes text as a terminal does when the user pastes: one bracketed
// paste, not a key per character.
func (tm *term) paste(s string) {
	tm.t.Helper()
	buf := "b-" + tm.name
	load := exec.Command("tmux", "-L", socket, "load-buffer", "-b", buf, "-")
	load.Stdin = strings.NewReader(s)
	if out, err := load.CombinedOutput(); err != nil {
		tm.t.Fatalf("load-buffer: %v: %s", err, out)
	}
	if out, err := exec.Command("tmux", "-L", socket, "paste-buffer", "-p", "-d", "-b", buf, "-t", tm.name).CombinedOutput(); err != nil {
		tm.t.Fatalf("paste-buffer: %v: %s", err, out)
	}
}

// screen is the visible pane as text.
func (tm *term) screen() string {
	out, _ := exec.Command("tmux", "-L", socket, "capture-pane", "-p", "-t", tm.name).Output()
	return string(out)
}

// waitFor polls the screen until it contains want, and returns it.
func (tm *term) waitFor(want string) string {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := tm.screen()
		if strings.Contains(s, want) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("screen never showed %q:\n%s", want, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitMatch polls until the screen matches re and returns the submatches.
func (tm *term) waitMatch(re *regexp.Regexp) []string {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := tm.screen()
		if m := re.FindStringSubmatch(s); m != nil {
			return m
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("screen never matched %s:\n%s", re, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// pid is assay's process: the child of the shell running in the pane.
func (tm *term) pid() int {
	out, _ := exec.Command("tmux", "-L", socket, "display-message", "-p", "-t", tm.name, "#{pane_pid}").Output()
	shell := strings.TrimSpace(string(out))
	children, _ := os.ReadFile("/proc/" + shell + "/task/" + shell + "/children")
	f := strings.Fields(string(children))
	if len(f) == 0 {
		return 0
	}
	pid, _ := strconv.Atoi(f[0])
	return pid
}

// dead reports whether assay has exited, and its exit status (128+n for a
// process killed by signal n).
func (tm *term) dead() (bool, int) {
	data, err := os.ReadFile(tm.status)
	if err != nil || !strings.HasSuffix(string(data), "\n") {
		return false, 0
	}
	code, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	return true, code
}

// waitExit waits for assay to exit and returns its exit status.
func (tm *term) waitExit() int {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if dead, code := tm.dead(); dead {
			return code
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Fatalf("assay did not exit:\n%s", tm.screen())
	return -1
}

// sigkill kills assay at once, as a crash or power cut would.
func (tm *term) sigkill() {
	if pid := tm.pid(); pid > 0 {
		syscall.Kill(pid, syscall.SIGKILL)
	}
}

func (tm *term) kill() {
	exec.Command("tmux", "-L", socket, "kill-session", "-t", tm.name).Run()
}

// shipped is the catalog the binary embeds.
var shipped = sync.OnceValue(func() *model.Catalog {
	c, err := questionnaires.Load("")
	if err != nil {
		panic(err)
	}
	return c
})

// asked is how many questions of a shipped framework the app asks, so the
// tests follow the questionnaire's content.
func asked(framework string) int {
	f, _ := shipped().Framework(framework)
	return len(f.Questions())
}

func isoAsked() int { return asked("iso28000-2022") }

// isoQuestion is the questionnaire's position line, e.g. "question 3 of 64".
func isoQuestion(n int) string { return fmt.Sprintf("question %d of %d", n, isoAsked()) }

// isoCount is a count over the ISO questions, e.g. "3/64 done".
func isoCount(n int, what string) string { return fmt.Sprintf("%d/%d %s", n, isoAsked(), what) }
