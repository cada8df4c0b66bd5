package cli_test

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func query(t *testing.T, db, q string, args ...any) string {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var s string
	if err := conn.QueryRow(q, args...).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}

func TestRenameCopyDelete(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "FY2026", "--framework", "iso28000-2022"))
	mustRun(t, db, "answer", id, "iso28000-2022:4.1.q1", "3", "--note", "ok")

	if out := mustRun(t, db, "rename", id, "  FY2026 final "); out != "renamed "+id+" to \"FY2026 final\"\n" {
		t.Errorf("rename printed %q", out)
	}
	oneErrorLine(t, run(t, db, "rename", id, " "), 2, "the assessment needs a name")

	copyID := strings.TrimSpace(mustRun(t, db, "copy", id, "--name", "FY2027"))
	if len(copyID) != 8 || copyID == id {
		t.Fatalf("copy printed %q", copyID)
	}
	var ex struct {
		Assessment struct{ Name string }
		Answers    []struct {
			Level int
			Note  string
		}
	}
	json.Unmarshal([]byte(mustRun(t, db, "export", copyID, "--format", "json")), &ex)
	if ex.Assessment.Name != "FY2027" || len(ex.Answers) != 1 || ex.Answers[0].Level != 3 || ex.Answers[0].Note != "ok" {
		t.Errorf("copy = %+v", ex)
	}
	if h := mustRun(t, db, "history", copyID); !strings.Contains(h, "copied from assessment "+id) {
		t.Errorf("copy's history:\n%s", h)
	}

	if out := mustRun(t, db, "delete", id, "--yes"); out != "deleted "+id+" (FY2026 final)\n" {
		t.Errorf("delete printed %q", out)
	}
	oneErrorLine(t, run(t, db, "show", id), 2, `unknown assessment "`+id+`"`)
	if n := query(t, db, `SELECT count(*) FROM answer_history WHERE assessment_id = ?`, id); n != "0" {
		t.Errorf("%s history rows left", n)
	}
	mustRun(t, db, "show", copyID) // the copy stays
}

// answer without a level changes only the note or the flag; --clear removes
// the answer and the history keeps every step, with who made it.
func TestAnswerNoteFlagClearAndHistory(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "H"))
	q := "mas-trm-2021:3.4.q1"
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"--as", "Ann Tan", "answer", id, "MAS-TRM-2021:3.4.Q1", "2"}, "saved " + q + " = 2"},
		{[]string{"answer", id, q, "--note", "policy drafted"}, "saved " + q + " = 2"},
		{[]string{"answer", id, q, "--flag"}, "saved " + q + " = 2, flagged"},
		{[]string{"answer", id, q, "4", "--unflag"}, "saved " + q + " = 4"},
		{[]string{"answer", id, q, "--clear"}, "cleared " + q},
	}
	for i, s := range steps {
		env := []string{"ASSAY_USER=bob"}
		r := runEnv(t, db, env, s.args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, s.want+" (revision ") {
			t.Fatalf("step %d %v: %+v", i, s.args, r)
		}
	}
	if n := query(t, db, `SELECT count(*) FROM answers`); n != "0" {
		t.Errorf("a cleared answer left %s rows", n)
	}
	hist := mustRun(t, db, "history", id, q)
	for _, want := range []string{
		"Ann Tan  " + q + "  – → 2",
		"bob      " + q + "  note added: \"policy drafted\"",
		"flagged",
		"2 → 4, unflagged",
		"4 → –, note removed",
	} {
		if !strings.Contains(hist, want) {
			t.Errorf("history lacks %q:\n%s", want, hist)
		}
	}
	var hj []struct {
		Framework  string
		QuestionID string `json:"question_id"`
		By         string
		Revision   string
		Parent     string
		Old, New   struct {
			Level *int
			Note  string
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, "history", id, "--json")), &hj); err != nil {
		t.Fatal(err)
	}
	if len(hj) != 5 || hj[0].By != "Ann Tan" || hj[1].By != "bob" || hj[0].Parent != "" || hj[1].Parent != hj[0].Revision ||
		*hj[3].New.Level != 4 || hj[4].New.Level != nil || hj[4].Old.Note != "policy drafted" {
		t.Errorf("history --json = %+v", hj)
	}
	// Another question's history is not this one's.
	if out := mustRun(t, db, "history", id, "iso28000-2022:4.1.q1"); out != "no changes recorded\n" {
		t.Errorf("history of an untouched question: %q", out)
	}
}

// --if-unchanged-since: compare-and-set for scripts.
func TestAnswerIfUnchangedSince(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "CAS"))
	q := "iso28000-2022:5.1.q1"

	var first struct {
		Revision  string
		Level     int
		UpdatedBy string `json:"updated_by"`
	}
	// "" is the revision of a question never answered.
	out := mustRun(t, db, "--as", "ann", "answer", id, q, "2", "--if-unchanged-since", "", "--json")
	if err := json.Unmarshal([]byte(out), &first); err != nil || first.Level != 2 || first.UpdatedBy != "ann" || len(first.Revision) != 16 {
		t.Fatalf("answer --json = %s (%v)", out, err)
	}
	out = mustRun(t, db, "--as", "bob", "answer", id, q, "3", "--if-unchanged-since", first.Revision)
	m := regexp.MustCompile(`^saved ` + q + ` = 3 \(revision ([0-9a-f]{16})\)\n$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("answer printed %q", out)
	}
	// ann's script still holds the first revision: refused, nothing written.
	before := snapshot(t, db)
	r := run(t, db, "--as", "ann", "answer", id, q, "4", "--if-unchanged-since", first.Revision)
	oneErrorLine(t, r, 1, q+" changed elsewhere to 3 by bob at ")
	if !strings.Contains(r.stderr, "(revision "+m[1]+")") || r.stdout != "" {
		t.Errorf("conflict: %+v", r)
	}
	if snapshot(t, db) != before {
		t.Error("a refused answer changed the database")
	}
	oneErrorLine(t, run(t, db, "answer", id, q, "4", "--if-unchanged-since", ""), 1, "changed elsewhere")
	// Something that is no revision at all is bad input, not a conflict.
	oneErrorLine(t, run(t, db, "answer", id, q, "4", "--if-unchanged-since", "zzz"), 2, `--if-unchanged-since: "zzz" is not a revision`)
	if snapshot(t, db) != before {
		t.Error("a refused answer changed the database")
	}
	// Plain answer stays last-writer-wins.
	mustRun(t, db, "answer", id, q, "5")
}

func TestExportOutput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "Out"))

	// -o - is standard output, not a file named "-".
	toStdout := mustRun(t, db, "export", id, "--format", "md", "-o", "-")
	if !strings.HasPrefix(toStdout, "# Out") {
		t.Errorf("-o - printed %q", toStdout[:min(40, len(toStdout))])
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error(`a file named "-" was written`)
	}

	out := filepath.Join(dir, "out.md")
	if r := run(t, db, "export", id, "--format", "md", "-o", out); r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("export -o: %+v", r)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("new file mode %o", st.Mode().Perm())
	}
	os.WriteFile(out, []byte("mine"), 0o644)
	os.Chmod(out, 0o644)
	r := run(t, db, "export", id, "--format", "csv", "-o", out)
	oneErrorLine(t, r, 2, out+" already exists; add --force to replace it")
	if data, _ := os.ReadFile(out); string(data) != "mine" {
		t.Errorf("refused export changed the file: %q", data)
	}
	mustRun(t, db, "export", id, "--format", "csv", "-o", out, "--force")
	data, _ := os.ReadFile(out)
	st, _ := os.Stat(out)
	if !strings.HasPrefix(string(data), "framework,") || st.Mode().Perm() != 0o644 {
		t.Errorf("forced export: %q mode %o, want CSV and 0644 kept", data[:min(20, len(data))], st.Mode().Perm())
	}
	oneErrorLine(t, run(t, db, "export", id, "--format", "csv", "-o", dir), 2, dir+": that is a folder; name a file in it")
	oneErrorLine(t, run(t, db, "export", id, "--format", "csv", "-o", filepath.Join(dir, "nope", "x.csv")), 1, "cannot write in "+filepath.Join(dir, "nope")+": no such file or directory")
	left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// Unknown IDs get the closest ones; question IDs ignore case.
func TestDidYouMean(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "Acme FY2026"))
	typo := id[:7] + "x" // the last letter mistyped
	if typo == id {
		typo = id[:7] + "y"
	}
	oneErrorLine(t, run(t, db, "show", typo), 2, `unknown assessment "`+typo+`" in `+db+` (did you mean `+id+`?); assay list shows the IDs`)
	oneErrorLine(t, run(t, db, "show", "acme fy2026"), 2, "that is the name of "+id+", use its ID")
	oneErrorLine(t, run(t, db, "answer", id, "iso28000-2022:4.1.g1", "2"), 2, `(iso28000-2022 has no clause 4.1.g1; did you mean 4.1.q1?)`)
	oneErrorLine(t, run(t, db, "answer", id, "iso28000:4.1.q1", "2"), 2, `unknown framework "iso28000" in "iso28000:4.1.q1" (did you mean iso28000-2022?; loaded:`)
	oneErrorLine(t, run(t, db, "answer", id, "4.1.q1", "2"), 2, `question "4.1.q1" is not qualified; write it as FRAMEWORK:QUESTION, e.g. iso28000-2022:4.1.q1`)
	oneErrorLine(t, run(t, db, "questions", "mas"), 2, `unknown framework "mas" (did you mean mas-trm-2021?)`)
	if out := mustRun(t, db, "answer", id, "ISO28000-2022:4.1.Q1", "2"); !strings.HasPrefix(out, "saved iso28000-2022:4.1.q1 = 2") {
		t.Errorf("upper case: %q", out)
	}
}

// A retired question is not asked: answering it is refused with what asks it
// now, and nothing is written.
func TestAnswerRetiredQuestionRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "R"))
	r := run(t, db, "answer", id, "iso28000-2022:5.2.2.q1", "3")
	want := "iso28000-2022:5.2.2.q1 was retired in content revision 2 and is no longer asked; answer iso28000-2022:5.2.2.q2 or iso28000-2022:5.2.2.q3 instead"
	if r.code != 2 || !strings.Contains(r.stderr, want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("answer to a retired question: %+v", r)
	}
	if n := query(t, db, `SELECT count(*) FROM answers`); n != "0" {
		t.Errorf("the refused answer wrote %s rows", n)
	}
}
