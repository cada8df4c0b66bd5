package e2e

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Issue 10: answers you can trust, tried in the real binary in tmux.

// TestEnterWritesNothing (item 1): in a new assessment, enter through ten
// unanswered questions at each size moves on and writes nothing.
func TestEnterWritesNothing(t *testing.T) {
	need(t, "tmux", "sqlite3")
	for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}} {
		db := filepath.Join(t.TempDir(), "assay.db")
		id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Enter"))
		tm := start(t, db, size[0], size[1], "open", id)
		// "question 1 of 74" beside the bars, "q 1/74" in a narrow header.
		tm.waitMatch(regexp.MustCompile(fmt.Sprintf(`q(uestion)? 1( of |/)%d`, isoAsked())))
		for range 10 {
			tm.keys("Enter")
		}
		tm.waitMatch(regexp.MustCompile(fmt.Sprintf(`q(uestion)? 11( of |/)%d`, isoAsked())))
		tm.keys("q")
		if code := tm.waitExit(); code != 0 {
			t.Fatalf("%v: exit %d:\n%s", size, code, tm.screen())
		}
		if n := sqlite(t, db, "SELECT count(*) FROM answers"); n != "0" {
			t.Errorf("%v: %s answers after enter ×10: %s", size, n, sqlite(t, db, "SELECT question_id, level FROM answers"))
		}
		if n := sqlite(t, db, "SELECT count(*) FROM answer_history"); n != "0" {
			t.Errorf("%v: %s history rows after enter ×10", size, n)
		}
	}
}

// TestConcurrentChangeIsNeverUndone (item 2): the app shows 4.1.q1 at 5;
// the CLI sets 2; enter in the app writes nothing, and a new level asks
// before it writes: k keeps the CLI's 2, u writes the app's level over it.
func TestConcurrentChangeIsNeverUndone(t *testing.T) {
	need(t, "tmux", "sqlite3")
	db := filepath.Join(t.TempDir(), "assay.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Shared"))
	mustCLI(t, db, "answer", id, "iso28000-2022:4.1.q1", "5")
	tm := start(t, db, 80, 24, "open", id)
	tm.waitFor("▸ 5   Optimising")

	mustCLI(t, db, "--as", "bob", "answer", id, "iso28000-2022:4.1.q1", "2")
	tm.keys("Enter") // the pick is the answer shown: nothing is written
	tm.waitFor(isoQuestion(2))
	if lv := sqlite(t, db, "SELECT level FROM answers WHERE question_id = '4.1.q1'"); lv != "2" {
		t.Fatalf("enter wrote over the CLI's change: level %s", lv)
	}

	// Back on it (the move shows the CLI's 2); the CLI changes it again to 1
	// before the app's 4 arrives.
	tm.keys("Left")
	tm.waitFor("▸ 2   Managed")
	mustCLI(t, db, "--as", "bob", "answer", id, "iso28000-2022:4.1.q1", "1")
	tm.keys("4")
	s := tm.waitFor("changed elsewhere to level 1 by bob")
	mustShow(t, s, "Theirs  level 1", "Yours   level 4", "k keeps theirs")
	if lv := sqlite(t, db, "SELECT level FROM answers WHERE question_id = '4.1.q1'"); lv != "1" {
		t.Fatalf("the stale save wrote: level %s", lv)
	}
	tm.keys("k")
	tm.waitFor("▸ 1   Initial")
	if lv := sqlite(t, db, "SELECT level FROM answers WHERE question_id = '4.1.q1'"); lv != "1" {
		t.Fatalf("keep theirs wrote: level %s", lv)
	}

	// Again, and this time use mine.
	mustCLI(t, db, "--as", "bob", "answer", id, "iso28000-2022:4.1.q1", "0")
	tm.keys("3")
	tm.waitFor("changed elsewhere to level 0 by bob")
	tm.keys("u")
	tm.waitFor("▸ 3   Defined         ● saved")
	tm.keys("q")
	tm.waitExit()
	if lv := sqlite(t, db, "SELECT level || ' ' || updated_by FROM answers WHERE question_id = '4.1.q1'"); !strings.HasPrefix(lv, "3 ") || strings.Contains(lv, "bob") {
		t.Fatalf("use mine: %s", lv)
	}
	// Every change is in the history, none lost: 5, 2, 1, 0 by the CLI, then 3.
	if got := sqlite(t, db, "SELECT group_concat(new_level, ',') FROM (SELECT new_level FROM answer_history WHERE question_id = '4.1.q1' ORDER BY rowid)"); got != "5,2,1,0,3" {
		t.Errorf("history levels %s", got)
	}
}

// TestFailedNoteKeepsItsText (item 3): with the disk full a 9,000-character
// note is not saved; it stays in the editor, and is saved once there is room.
func TestFailedNoteKeepsItsText(t *testing.T) {
	need(t, "tmux", "sqlite3")
	db := filepath.Join(t.TempDir(), "assay.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Full"))
	pages := sqlite(t, db, "PRAGMA page_count")
	tm := startEnv(t, db, 80, 24, []string{"ASSAY_MAX_PAGE_COUNT=" + pages}, "open", id)
	tm.waitFor(isoQuestion(1))
	note := strings.Repeat("evidence seen at the Jurong site ", 273) + "END"
	tm.keys("e")
	tm.waitFor("esc saves it")
	tm.paste(note)
	tm.keys("Escape")
	s := tm.waitFor("✗ not saved")
	mustShow(t, s, "Note  evidence seen at the Jurong site")
	tm.keys("e")
	s = tm.waitFor("esc saves it")
	mustShow(t, s, "END") // the editor opens at the end of the unsaved text
	tm.keys("Escape")
	// Wait for the editor to close and the second save to fail before the
	// next key (an Escape followed at once by q reads as alt+q): the note line
	// shows "saving…" first, so waiting for it alone raced the status.
	tm.waitMatch(regexp.MustCompile(`(?s)Note  evidence seen at the Jurong site.*✗ 1 not saved`))
	// Quitting asks: the note would be lost.
	tm.keys("q")
	tm.waitFor("q again quits anyway")
	tm.sigkill()
	tm.waitExit()
	if n := sqlite(t, db, "SELECT count(*) FROM answers"); n != "0" {
		t.Fatalf("%s answers after a failed save", n)
	}
	if got := sqlite(t, db, "PRAGMA integrity_check"); got != "ok" {
		t.Fatalf("integrity_check: %s", got)
	}
}

// TestTooSmallOnlyQuits (item 6): behind "Enlarge the window" keys do
// nothing unseen; only quit works.
func TestTooSmallOnlyQuits(t *testing.T) {
	need(t, "tmux", "sqlite3")
	db := filepath.Join(t.TempDir(), "assay.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Small"))
	tm := start(t, db, 50, 12, "open", id)
	tm.waitFor("Enlarge")
	tm.keys("3", "e")
	tm.text("typed unseen")
	tm.keys("Escape", "n", "Enter", "f")
	time.Sleep(300 * time.Millisecond)
	if out, err := exec.Command("tmux", "-L", socket, "resize-window", "-t", tm.name, "-x", "80", "-y", "24").CombinedOutput(); err != nil {
		t.Fatalf("resize-window: %v: %s", err, out)
	}
	s := tm.waitFor(isoQuestion(1))
	if strings.Contains(s, "typed unseen") || strings.Contains(s, "● saved") {
		t.Fatalf("keys acted behind the message:\n%s", s)
	}
	if n := sqlite(t, db, "SELECT count(*) FROM answers"); n != "0" {
		t.Fatalf("%s answers written unseen", n)
	}
	if out, err := exec.Command("tmux", "-L", socket, "resize-window", "-t", tm.name, "-x", "40", "-y", "10").CombinedOutput(); err != nil {
		t.Fatalf("resize-window: %v: %s", err, out)
	}
	tm.waitFor("Enlarge")
	tm.keys("q")
	if code := tm.waitExit(); code != 0 {
		t.Fatalf("q behind the message: exit %d", code)
	}
}
