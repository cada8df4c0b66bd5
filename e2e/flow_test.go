package e2e

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCreateAnswerQuitResume is the first thing a new user does: create an
// assessment in the app, answer with number keys, write a note, quit, come
// back, and find everything where they left it, on screen, in an export and
// in the database.
func TestCreateAnswerQuitResume(t *testing.T) {
	need(t, "tmux", "sqlite3")
	db := filepath.Join(t.TempDir(), "assay.db")

	tm := start(t, db, 80, 24)
	tm.waitFor("No assessments yet")
	tm.keys("n")
	tm.waitFor("New assessment")
	tm.text("Workshop 1")
	tm.keys("Tab")
	tm.text("Acme Logistics")
	tm.keys("Tab")
	tm.text("Ann Tan")
	tm.keys("Enter", "Enter", "Enter", "Enter")
	tm.waitFor(isoQuestion(1))

	tm.keys("3")
	tm.waitFor("saved ")
	tm.keys("Right")
	tm.waitFor(isoQuestion(2))
	tm.keys("2")
	tm.keys("Right")
	tm.waitFor(isoQuestion(3))
	tm.keys("4")
	tm.keys("e")
	tm.waitFor("esc saves it")
	tm.text("Register kept by operations")
	tm.keys("Escape")
	s := tm.waitFor("Note  Register kept by operations")
	if !strings.Contains(s, isoCount(3, "done")) {
		t.Errorf("bars do not count three answers:\n%s", s)
	}
	tm.keys("q")
	if code := tm.waitExit(); code != 0 {
		t.Fatalf("quit with exit %d:\n%s", code, tm.screen())
	}

	// Come back through the home screen: enter resumes on question 3.
	tm = start(t, db, 80, 24)
	s = tm.waitFor("Workshop 1")
	if !strings.Contains(s, "Acme Logistics") {
		t.Errorf("home screen lacks the organisation:\n%s", s)
	}
	tm.keys("Enter")
	s = tm.waitFor(isoQuestion(3))
	for _, want := range []string{"4.2.1.q1", "▸ 4   Measured", "Note  Register kept by operations", isoCount(3, "done")} {
		if !strings.Contains(s, want) {
			t.Errorf("resumed screen lacks %q:\n%s", want, s)
		}
	}
	tm.keys("C-c")
	tm.waitExit()

	// The same, straight from the command line with assay open ID.
	var list []struct{ ID string }
	json.Unmarshal([]byte(mustCLI(t, db, "list", "--json")), &list)
	if len(list) != 1 {
		t.Fatalf("list = %+v", list)
	}
	id := list[0].ID
	tm = start(t, db, 120, 40, "open", id)
	tm.waitMatch(regexp.MustCompile(isoQuestion(3)))
	tm.keys("q")
	tm.waitExit()

	var ex struct {
		Answers []struct {
			QuestionID string `json:"question_id"`
			Level      int
			Note       string
		}
	}
	if err := json.Unmarshal([]byte(mustCLI(t, db, "export", id, "--format", "json")), &ex); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, a := range ex.Answers {
		got[a.QuestionID] = a.Level
	}
	if len(ex.Answers) != 3 || got["4.1.q1"] != 3 || got["4.1.q2"] != 2 || got["4.2.1.q1"] != 4 {
		t.Errorf("export answers = %+v", ex.Answers)
	}
	rows := sqlite(t, db, "SELECT question_id || '=' || level || ':' || note FROM answers ORDER BY question_id")
	if rows != "4.1.q1=3:\n4.1.q2=2:\n4.2.1.q1=4:Register kept by operations" {
		t.Errorf("sqlite3 answers:\n%s", rows)
	}
	if pos := sqlite(t, db, "SELECT resume_framework || ' ' || position FROM assessments JOIN assessment_frameworks ON id = assessment_id AND framework = resume_framework"); pos != "iso28000-2022 4.2.1.q1" {
		t.Errorf("resume point = %q", pos)
	}
	if n := sqlite(t, db, "SELECT count(*) FROM answer_history"); n != "4" {
		t.Errorf("history rows = %s, want 4 (three levels and a note)", n)
	}
}

// TestQuitMidNoteKeepsTheNote: ctrl+c while the note editor is open saves the note.
func TestQuitMidNoteKeepsTheNote(t *testing.T) {
	need(t, "tmux", "sqlite3")
	db := filepath.Join(t.TempDir(), "assay.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Notes"))
	tm := start(t, db, 80, 24, "open", id)
	tm.waitFor(isoQuestion(1))
	tm.keys("e")
	tm.waitFor("esc saves it")
	tm.text("half-written thought")
	tm.keys("C-c")
	if code := tm.waitExit(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.screen())
	}
	if note := sqlite(t, db, "SELECT note FROM answers"); note != "half-written thought" {
		t.Errorf("note = %q", note)
	}
}
