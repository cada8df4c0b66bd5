package e2e

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentWriters runs four CLI writers of 250 answers each against one
// assessment while two TUIs answer in the same file. Every call must succeed
// (no "database is locked" reaching anyone), every change must have its
// history row, and each question must end with its writer's last answer.
func TestConcurrentWriters(t *testing.T) {
	need(t, "tmux", "sqlite3")
	const writers = 4
	calls := 250
	if testing.Short() {
		calls = 25
	}
	db := filepath.Join(t.TempDir(), "assay.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Busy"))
	qids := masQuestions(t, db)

	// Two people in the app on the same file: one on ISO 28000, one on MAS TRM.
	iso := start(t, db, 80, 24, "open", id)
	iso.waitFor(isoQuestion(1))
	mas := start(t, db, 80, 24, "open", id)
	mas.waitFor(isoQuestion(1))
	mas.keys("Tab")
	mas.waitFor(fmt.Sprintf("question 1 of %d", asked("mas-trm-2021")))

	var wg sync.WaitGroup
	failures := make(chan string, writers*calls)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for n := 0; n < calls; n++ {
				q := ownedQuestion(qids, w, n, writers)
				cmd := exec.Command(bin, "answer", id, "mas-trm-2021:"+q, fmt.Sprint(n%6), "--note", fmt.Sprintf("w%d-n%d", w, n))
				cmd.Env = env(db)
				var errb bytes.Buffer
				cmd.Stderr = &errb
				if err := cmd.Run(); err != nil || errb.Len() > 0 {
					failures <- fmt.Sprintf("writer %d call %d: %v %s", w, n, err, errb.String())
				}
			}
		}(w)
	}

	// Meanwhile each TUI rates ten questions, waiting for each "saved".
	tuiSaved := map[string]string{}
	for i := 0; i < 10; i++ {
		for _, tm := range []*term{iso, mas} {
			before := tm.screen()
			tm.keys("]")
			q := tm.waitNewQuestion(before)
			level := fmt.Sprint(i % 6)
			tm.keys(level)
			s := tm.waitFor("saved ")
			if strings.Contains(s, "not saved") || strings.Contains(s, "busy") || strings.Contains(s, "locked") {
				t.Errorf("TUI save failed on %s:\n%s", q, s)
			}
			fw := "iso28000-2022"
			if tm == mas {
				fw = "mas-trm-2021"
			}
			tuiSaved[fw+":"+q] = level
		}
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
	iso.keys("q")
	mas.keys("q")
	iso.waitExit()
	mas.waitExit()

	if got := sqlite(t, db, "PRAGMA integrity_check"); got != "ok" {
		t.Fatalf("integrity_check: %s", got)
	}
	cliRows := sqlite(t, db, "SELECT count(*) FROM answer_history WHERE new_note LIKE 'w%-n%'")
	if want := fmt.Sprint(writers * calls); cliRows != want {
		t.Errorf("history rows from the CLI writers = %s, want %s", cliRows, want)
	}
	// Each question's final note is its writer's last call on it.
	last := map[string]string{}
	for w := 0; w < writers; w++ {
		for n := 0; n < calls; n++ {
			last[ownedQuestion(qids, w, n, writers)] = fmt.Sprintf("w%d-n%d", w, n)
		}
	}
	for q, note := range last {
		if got := sqlite(t, db, fmt.Sprintf("SELECT note FROM answers WHERE framework = 'mas-trm-2021' AND question_id = '%s'", q)); got != note {
			t.Errorf("%s: note %q, want the last write %q", q, got, note)
		}
	}
	for key, level := range tuiSaved {
		fw, q, _ := strings.Cut(key, ":")
		if got := sqlite(t, db, fmt.Sprintf("SELECT level FROM answers WHERE framework = '%s' AND question_id = '%s'", fw, q)); got != level {
			t.Errorf("TUI answer %s = %q, want %s", key, got, level)
		}
	}
	t.Logf("%d CLI writers × %d answers and 2 TUIs × 10 answers: %s CLI history rows, %d TUI answers checked", writers, calls, cliRows, len(tuiSaved))
}

// ownedQuestion is writer w's question for call n: writers own disjoint
// questions from the 31st MAS question on (the TUI rates the first ones).
func ownedQuestion(qids []string, w, n, writers int) string {
	per := (len(qids) - 30) / writers
	return qids[30+w*per+n%per]
}
