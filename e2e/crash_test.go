package e2e

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// questionLine finds the current question's ID on the questionnaire screen at
// 80 columns, where the question pane starts at the left edge.
var questionLine = regexp.MustCompile(`(?m)^(\d+(?:\.\d+)*\.q\d+)  `)

// TestKillTUI kills the app with SIGKILL over and over: while it sits idle,
// right after the screen confirmed a save, and right after a key whose save
// may not have happened yet. Every answer the screen called saved must be in
// the database afterwards, and the database must pass integrity_check.
func TestKillTUI(t *testing.T) {
	need(t, "tmux", "sqlite3")
	kills := 90
	if testing.Short() {
		kills = 15
	}
	db := filepath.Join(t.TempDir(), "assay.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Crash", "--framework", "mas-trm-2021"))

	confirmed := map[string]string{} // question -> level the screen said was saved
	for i := 0; i < kills; i++ {
		tm := start(t, db, 80, 24, "open", id)
		tm.waitFor(fmt.Sprintf(" of %d", asked("mas-trm-2021")))
		switch i % 3 {
		case 0: // idle
		case 1: // a confirmed save: move to an unanswered question, rate it, wait for "saved"
			level := fmt.Sprint(i % 6)
			before := tm.screen()
			tm.keys("]")
			q := tm.waitNewQuestion(before)
			tm.keys(level)
			tm.waitFor("saved ")
			if got := tm.currentQuestion(); got != q {
				t.Fatalf("rated %s but the screen shows %s", q, got)
			}
			confirmed[q] = level
		case 2: // a save in flight: kill straight after the key
			tm.keys("]", fmt.Sprint(i%6))
		}
		tm.sigkill()
		if code := tm.waitExit(); code != 128+int(syscall.SIGKILL) {
			t.Fatalf("kill %d: exit status %d, want %d", i, code, 128+int(syscall.SIGKILL))
		}
		tm.kill()
	}

	if got := sqlite(t, db, "PRAGMA integrity_check"); got != "ok" {
		t.Fatalf("integrity_check after %d kills: %s", kills, got)
	}
	lost := 0
	for q, level := range confirmed {
		got := sqlite(t, db, fmt.Sprintf("SELECT level FROM answers WHERE assessment_id = '%s' AND question_id = '%s'", id, q))
		if got != level {
			lost++
			t.Errorf("%s: database has %q, the screen confirmed %s", q, got, level)
		}
	}
	t.Logf("%d kills of the TUI; %d confirmed answers; %d lost", kills, len(confirmed), lost)
}

func (tm *term) currentQuestion() string {
	if m := questionLine.FindStringSubmatch(tm.screen()); m != nil {
		return m[1]
	}
	return ""
}

// waitNewQuestion waits until the screen shows a question other than the one
// on the before screen, and returns its ID.
func (tm *term) waitNewQuestion(before string) string {
	tm.t.Helper()
	old := ""
	if m := questionLine.FindStringSubmatch(before); m != nil {
		old = m[1]
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if q := tm.currentQuestion(); q != "" && q != old {
			return q
		}
		time.Sleep(10 * time.Millisecond)
	}
	tm.t.Fatalf("the question never changed from %s:\n%s", old, tm.screen())
	return ""
}

// TestKillCLIBurst kills `assay answer` processes at random moments while
// several run at once. An answer the CLI confirmed ("saved ...", exit 0) must
// have its history row and must not be older than the stored value.
func TestKillCLIBurst(t *testing.T) {
	need(t, "sqlite3")
	perWriter := 60
	if testing.Short() {
		perWriter = 10
	}
	const writers = 4
	db := filepath.Join(t.TempDir(), "assay.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Burst", "--framework", "mas-trm-2021"))
	qids := masQuestions(t, db)

	type attempt struct {
		question, note string
		confirmed      bool
	}
	var mu sync.Mutex
	var attempts []attempt
	killed := 0
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			for n := 0; n < perWriter; n++ {
				q := qids[(w+writers*n)%len(qids)] // each writer owns its own questions
				note := fmt.Sprintf("w%d-n%d", w, n)
				cmd := exec.Command(bin, "answer", id, "mas-trm-2021:"+q, fmt.Sprint(n%6), "--note", note)
				cmd.Env = env(db)
				var out, errb bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &errb
				if err := cmd.Start(); err != nil {
					t.Error(err)
					return
				}
				time.Sleep(time.Duration(rng.IntN(250)) * time.Millisecond)
				cmd.Process.Signal(syscall.SIGKILL)
				err := cmd.Wait()
				mu.Lock()
				ok := err == nil && strings.HasPrefix(out.String(), "saved ")
				if ee, isExit := err.(*exec.ExitError); isExit {
					if ws, _ := ee.Sys().(syscall.WaitStatus); ws.Signaled() {
						killed++
					} else {
						t.Errorf("answer failed without being killed: %v: %s", err, errb.String())
					}
				}
				attempts = append(attempts, attempt{q, note, ok})
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()

	if got := sqlite(t, db, "PRAGMA integrity_check"); got != "ok" {
		t.Fatalf("integrity_check: %s", got)
	}
	history := map[string]bool{}
	for _, n := range strings.Split(sqlite(t, db, "SELECT new_note FROM answer_history"), "\n") {
		history[n] = true
	}
	stored := map[string]string{} // question -> note in the answers table
	for _, line := range strings.Split(sqlite(t, db, "SELECT question_id || ' ' || note FROM answers"), "\n") {
		if q, note, ok := strings.Cut(line, " "); ok {
			stored[q] = note
		}
	}
	confirmed, lost := 0, 0
	lastConfirmed := map[string]int{} // question -> attempt number of its last confirmed answer
	for _, a := range attempts {
		if !a.confirmed {
			continue
		}
		confirmed++
		if !history[a.note] {
			lost++
			t.Errorf("confirmed %s on %s has no history row", a.note, a.question)
		}
		lastConfirmed[a.question] = attemptNumber(a.note)
	}
	for q, n := range lastConfirmed {
		if got := attemptNumber(stored[q]); got < n {
			lost++
			t.Errorf("%s holds %q, older than the confirmed attempt %d", q, stored[q], n)
		}
	}
	t.Logf("%d answer calls, %d killed by SIGKILL, %d confirmed, %d lost", len(attempts), killed, confirmed, lost)
}

// masQuestions lists the MAS TRM question IDs through the CLI.
func masQuestions(t *testing.T, db string) []string {
	t.Helper()
	var ids []string
	for _, line := range strings.Split(mustCLI(t, db, "questions", "mas-trm-2021"), "\n") {
		if f := strings.Fields(line); len(f) > 0 && strings.Contains(f[0], ".q") {
			ids = append(ids, f[0])
		}
	}
	if len(ids) < 85 {
		t.Fatalf("only %d MAS questions", len(ids))
	}
	return ids
}

// attemptNumber reads n from a note "w<writer>-n<n>"; -1 if there is none.
func attemptNumber(note string) int {
	var w, n int
	if _, err := fmt.Sscanf(note, "w%d-n%d", &w, &n); err != nil {
		return -1
	}
	return n
}
