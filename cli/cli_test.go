package cli_test

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/assaytui/assay/internal/testbin"
	"github.com/assaytui/assay/report"
)

// bin is the assay binary built once for all tests: CLI tests run what users run.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "assay-cli-test")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "assay")
	if err := testbin.Build(bin); err != nil {
		fmt.Fprintln(os.Stderr, "building assay:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

// run runs assay with a private database and data folder.
func run(t *testing.T, db string, args ...string) result {
	testbin.Watch()
	t.Helper()
	return runEnv(t, db, nil, args...)
}

// runEnv is run with extra environment variables.
func runEnv(t *testing.T, db string, env []string, args ...string) result {
	testbin.Watch()
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "ASSAY_DB=" + db}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	r := result{code, out.String(), errb.String()}
	if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
		t.Fatalf("assay %v crashed:\n%s", args, r.stderr)
	}
	return r
}

func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	r := run(t, db, args...)
	if r.code != 0 {
		t.Fatalf("assay %v: exit %d: %s", args, r.code, r.stderr)
	}
	return r.stdout
}

// oneErrorLine checks the error contract: the exit code, and one line on
// stderr, starting "assay: ", containing want.
func oneErrorLine(t *testing.T, r result, code int, want string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d (stderr %q)", r.code, code, r.stderr)
	}
	if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "assay: ") || !strings.Contains(r.stderr, want) {
		t.Errorf("stderr = %q, want one line with %q", r.stderr, want)
	}
}

func demoDir(t *testing.T) string {
	abs, err := filepath.Abs("../questionnaires/testdata/valid")
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func TestNewAnswerShowExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	q := "--questionnaires=" + demoDir(t)
	id := strings.TrimSpace(mustRun(t, db, q, "new", "--name", "Demo", "--org", "Acme", "--framework", "demo-baseline"))
	if len(id) != 8 || strings.ContainsAny(id, " \n") {
		t.Fatalf("new printed %q, want only an ID", id)
	}
	mustRun(t, db, q, "answer", id, "demo-baseline:1.1.q1", "2")
	mustRun(t, db, q, "answer", id, "demo-baseline:1.1.q2", "4", "--note", "deputy trained")
	mustRun(t, db, "answer", id, "demo-baseline:1.2.q1", "na", "--note", "group policy applies", q)
	out := mustRun(t, db, q, "answer", id, "demo-baseline:2.1.q1", "1")
	if !regexp.MustCompile(`^saved demo-baseline:2.1.q1 = 1 \(revision [0-9a-f]{16}\)\n$`).MatchString(out) {
		t.Errorf("answer printed %q", out)
	}

	// Section 1: (2*1 + 4*2) / (1+2) = 3.33 (1.1.q2 has weight 2; N/A left out).
	// Section 2: 1. Framework: (3.33 + 1) / 2 = 2.17. Done: 4 of 5 (A.q1 open).
	show := strings.Join(strings.Fields(mustRun(t, db, q, "show", id)), " ")
	for _, want := range []string{
		"maturity 2.2 of 5 (mean of the 2 of 3 top-level sections with answers); 4 of 5 answered (80%), 1 N/A",
		"1 Governance 3.3 3/3 100% -0.3",
		"2 Operations 1.0 1/1 100% +2.0",
		"A Annex A: Optional extras (optional) - 0/1 0% -",
		"2.1.q1 Access 1 2 1.1.q1 Ownership 2 1",
	} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	var sj struct {
		Scores []struct {
			Maturity   float64
			Completion float64
			Sections   []struct {
				Ref      string
				Maturity *float64
				Sections []struct{ Ref string }
			}
		}
		Gaps map[string][]struct {
			QuestionID string `json:"question_id"`
			Gap        int
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, q, "show", id, "--json")), &sj); err != nil {
		t.Fatal(err)
	}
	if f := sj.Scores[0]; f.Maturity != 2.17 || f.Completion != 0.8 || *f.Sections[0].Maturity != 3.33 || f.Sections[2].Maturity != nil ||
		len(f.Sections[0].Sections) != 2 || f.Sections[0].Sections[1].Ref != "1.2" {
		t.Errorf("show --json = %+v", sj)
	}
	if g := sj.Gaps["demo-baseline"]; len(g) != 2 || g[0].QuestionID != "2.1.q1" || g[0].Gap != 2 {
		t.Errorf("show --json gaps = %+v", sj.Gaps)
	}

	var ex struct {
		Assessment struct{ ID, Name, Organisation string }
		Answers    []struct {
			Framework  string
			QuestionID string `json:"question_id"`
			Level      *int
			NA         bool
			Note       string
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, q, "export", id, "--format", "json")), &ex); err != nil {
		t.Fatal(err)
	}
	if ex.Assessment.ID != id || ex.Assessment.Organisation != "Acme" || len(ex.Answers) != 4 {
		t.Fatalf("export = %+v", ex)
	}
	if a := ex.Answers[1]; a.QuestionID != "1.1.q2" || *a.Level != 4 || a.Note != "deputy trained" {
		t.Errorf("answer = %+v", a)
	}
	if a := ex.Answers[2]; !a.NA || a.Level != nil || a.Note != "group policy applies" {
		t.Errorf("na answer = %+v", a)
	}

	// The database itself, read directly.
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n, hist int
	conn.QueryRow(`SELECT count(*) FROM answers WHERE assessment_id = ?`, id).Scan(&n)
	conn.QueryRow(`SELECT count(*) FROM answer_history WHERE assessment_id = ?`, id).Scan(&hist)
	if n != 4 || hist != 4 {
		t.Errorf("answers %d history %d, want 4 and 4", n, hist)
	}
}

func TestExportToFileAndCSVSafety(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	q := "--questionnaires=" + demoDir(t)
	id := strings.TrimSpace(mustRun(t, db, q, "new", "--name", "=HYPERLINK(\"x\")", "--framework", "demo-baseline"))
	mustRun(t, db, q, "answer", id, "demo-baseline:1.1.q1", "3", "--note", "=SUM(A1:A9)")
	out := filepath.Join(t.TempDir(), "report.csv")
	if r := run(t, db, q, "export", id, "--format", "csv", "-o", out); r.code != 0 || r.stdout != "" {
		t.Fatalf("export -o: %+v", r)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		for _, cell := range row {
			if strings.HasPrefix(cell, "=") {
				t.Errorf("formula cell %q", cell)
			}
			if cell == "'=SUM(A1:A9)" {
				found = true
			}
		}
	}
	if !found || len(rows) != 6 {
		t.Errorf("rows %d, neutralised note found %v", len(rows), found)
	}
	md := mustRun(t, db, q, "export", id, "--format", "md")
	if !strings.Contains(md, "Governance") {
		t.Errorf("markdown:\n%s", md)
	}
	r := run(t, db, q, "export", id, "--format", "xml")
	oneErrorLine(t, r, 2, `unknown format "xml"; one of `+strings.Join(report.Formats(), ", ")+`; run assay export --help`)
	r = run(t, db, q, "export", id)
	oneErrorLine(t, r, 2, `export needs --format, one of `+strings.Join(report.Formats(), ", ")+`; run assay export --help`)
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "Real"))

	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("my notes, not a database\n"), 0o600)
	newer := filepath.Join(dir, "newer.db")
	mustRun(t, newer, "new", "--name", "x")
	c, _ := sql.Open("sqlite", newer)
	c.Exec("PRAGMA user_version = 42")
	c.Close()
	blocker := filepath.Join(dir, "blocker")
	os.WriteFile(blocker, []byte("x"), 0o600)

	tests := []struct {
		name string
		db   string
		args []string
		code int
		want string
	}{
		{"unknown assessment", db, []string{"answer", "zzzzzzzz", "mas-trm-2021:3.4.q1", "3"}, 2, `unknown assessment "zzzzzzzz"`},
		{"unknown question", db, []string{"answer", id, "mas-trm-2021:3.9.q1", "3"}, 2, `unknown question "mas-trm-2021:3.9.q1" (mas-trm-2021 has no clause 3.9; did you mean 3.1.q1, 3.2.q1 or `},
		{"unknown question number", db, []string{"answer", id, "mas-trm-2021:3.4.q9", "3"}, 2, `mas-trm-2021 clause 3.4 has 3.4.q1`},
		{"unqualified question", db, []string{"answer", id, "3.4.q1", "3"}, 2, `is not qualified`},
		{"unknown framework", db, []string{"answer", id, "nist:1.q1", "3"}, 2, `unknown framework "nist"`},
		{"level 7", db, []string{"answer", id, "mas-trm-2021:3.4.q1", "7"}, 2, `level "7" is not 0-5 or na`},
		{"level -1", db, []string{"answer", id, "mas-trm-2021:3.4.q1", "-1"}, 2, `level "-1" is not 0-5 or na`},
		{"level abc", db, []string{"answer", id, "mas-trm-2021:3.4.q1", "abc"}, 2, `level "abc" is not 0-5 or na`},
		{"na without reason", db, []string{"answer", id, "mas-trm-2021:3.4.q1", "na"}, 2, `na needs a reason`},
		{"db is a folder", dir, []string{"list"}, 2, "is a folder, not a database file"},
		{"db is a folder for new", dir, []string{"new", "--name", "x"}, 2, "is a folder, not a database file"},
		{"not a database", notDB, []string{"list"}, 2, "not an assay database (it is not an SQLite file)"},
		{"not a database for new", notDB, []string{"new", "--name", "x"}, 2, "not an assay database"},
		{"newer schema", newer, []string{"list"}, 2, "made by a newer assay (schema 42; this assay knows up to "},
		{"newer schema for answer", newer, []string{"answer", "x", "mas-trm-2021:3.4.q1", "1"}, 2, "made by a newer assay"},
		{"folder cannot be created", filepath.Join(blocker, "sub", "a.db"), []string{"new", "--name", "x"}, 1, "cannot create the database folder"},
		{"empty name", db, []string{"new", "--name", "  "}, 2, "the assessment needs a name"},
		{"no name", db, []string{"new"}, 2, "the assessment needs a name"},
		{"unknown framework in new", db, []string{"new", "--name", "x", "--framework", "iso27001"}, 2, `unknown framework "iso27001" (loaded: iso28000-2022, mas-trm-2021)`},
		{"target out of range", db, []string{"new", "--name", "x", "--target", "9"}, 2, "target level 9 is not 0-5"},
		{"unknown command", db, []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown flag", db, []string{"list", "--colour"}, 2, "unknown flag --colour; run assay list --help"},
		{"questions of unknown framework", db, []string{"questions", "nist"}, 2, `unknown framework "nist"`},
		{"show unknown", db, []string{"show", "nope"}, 2, `unknown assessment "nope"`},
		{"export without database", filepath.Join(dir, "none.db"), []string{"export", "x", "--format", "json"}, 2, `unknown assessment "x"`},
		{"no terminal", db, nil, 2, "no terminal"},
		{"open without terminal", db, []string{"open", id}, 2, "no terminal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot(t, tt.db)
			r := run(t, tt.db, tt.args...)
			oneErrorLine(t, r, tt.code, tt.want)
			if after := snapshot(t, tt.db); after != before {
				t.Errorf("%s changed", tt.db)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("a read command created a database")
	}
}

// snapshot is the bytes of a file (or "" for a folder or missing file), to
// prove a failed command changed nothing.
func snapshot(t *testing.T, path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return string(data)
}

func TestListAndFrameworksJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if out := mustRun(t, db, "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("empty list --json = %q", out)
	}
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "Both", "--assessor", "Ann"))
	mustRun(t, db, "answer", id, "iso28000-2022:4.1.q1", "4")
	var list []struct {
		ID         string
		Frameworks []struct {
			ID       string
			Maturity *float64
			Answered int
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || len(list[0].Frameworks) != 2 || *list[0].Frameworks[0].Maturity != 4 || list[0].Frameworks[1].Maturity != nil {
		t.Errorf("list --json = %+v", list)
	}
	var fws []struct {
		ID        string
		Questions int
	}
	json.Unmarshal([]byte(mustRun(t, db, "frameworks", "--json")), &fws)
	if len(fws) != 2 || fws[0].ID != "iso28000-2022" || fws[0].Questions < 55 || fws[1].Questions < 85 {
		t.Errorf("frameworks = %+v", fws)
	}
}

func TestQuestionsJSON(t *testing.T) {
	var qs []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "", "questions", "mas-trm-2021", "--json")), &qs); err != nil {
		t.Fatal(err)
	}
	if len(qs) < 85 {
		t.Fatalf("%d questions", len(qs))
	}
	for _, q := range qs {
		for _, k := range []string{"id", "ref", "title", "text", "guidance", "evidence", "levels"} {
			if v, ok := q[k]; !ok || v == "" || v == nil {
				t.Errorf("%v: %s missing", q["id"], k)
			}
		}
		if lv := q["levels"].(map[string]any); len(lv) != 6 || lv["0"] == "" || lv["5"] == "" {
			t.Errorf("%v levels = %v", q["id"], lv)
		}
	}

	// Retired questions are listed in their place with what replaced them, and
	// each question names its sources with how binding they are.
	type question struct {
		ID         string   `json:"id"`
		Retired    bool     `json:"retired"`
		RetiredIn  int      `json:"retired_in"`
		ReplacedBy []string `json:"replaced_by"`
		AddedIn    int      `json:"added_in"`
		Sources    []struct{ ID, Kind string }
	}
	var iso []question
	if err := json.Unmarshal([]byte(mustRun(t, "", "questions", "iso28000-2022", "--json")), &iso); err != nil {
		t.Fatal(err)
	}
	byID := map[string]question{}
	for i, q := range iso {
		byID[q.ID] = q
		if q.ID == "5.2.2.q1" && (i == 0 || iso[i-1].ID != "5.2.1.q1") {
			t.Errorf("retired 5.2.2.q1 is not in its outline place")
		}
	}
	if q := byID["5.2.2.q1"]; !q.Retired || q.RetiredIn != 2 || strings.Join(q.ReplacedBy, " ") != "5.2.2.q2 5.2.2.q3" {
		t.Errorf("5.2.2.q1 = %+v", q)
	}
	if q := byID["5.2.2.q2"]; q.Retired || q.AddedIn != 2 || q.ReplacedBy == nil {
		t.Errorf("5.2.2.q2 = %+v (replaced_by must be [] not null)", q)
	}
	if q := byID["4.2.3.q1"]; len(q.Sources) != 1 || q.Sources[0].ID != "principles" || q.Sources[0].Kind != "guidance" {
		t.Errorf("4.2.3.q1 sources = %+v", q.Sources)
	}
	if q := byID["4.1.q1"]; len(q.Sources) != 1 || q.Sources[0].Kind != "requirement" || q.AddedIn != 1 {
		t.Errorf("4.1.q1 = %+v", q)
	}
	text := mustRun(t, "", "questions", "iso28000-2022")
	if !strings.Contains(text, "Retired, no longer asked") || !strings.Contains(text, "\n  retired 9.2.2.q1 in revision 2, replaced by 9.2.2.q2, 9.2.2.q3, 9.2.2.q4\n") {
		t.Errorf("questions text does not list the retired ones:\n%s", text[max(0, len(text)-600):])
	}
}

func TestValidate(t *testing.T) {
	r := run(t, "", "validate", "../questionnaires/testdata/valid/demo.yaml")
	if r.code != 0 || !strings.Contains(r.stdout, "ok (demo-baseline, 3 sections, 5 questions)") {
		t.Errorf("valid file: %+v", r)
	}
	files, _ := filepath.Glob("../questionnaires/testdata/invalid/*.yaml")
	r = run(t, "", append([]string{"validate"}, files...)...)
	oneErrorLine(t, r, 2, "problem(s) found")
	for _, f := range files {
		if !strings.Contains(r.stdout, f+":") {
			t.Errorf("no problem reported for %s:\n%s", f, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, "duplicate-id.yaml:16: question id \"1.q1\" is already used on line 11") {
		t.Errorf("problems lack file:line:\n%s", r.stdout)
	}
	// Each file on its own: our own framework file passes, though its ID is
	// the embedded one's.
	r = run(t, "", "validate", "../questionnaires/iso28000-2022.yaml", "../questionnaires/mas-trm-2021.yaml",
		"../questionnaires/crosswalk-iso28000-2022-mas-trm-2021.yaml")
	if r.code != 0 || strings.Count(r.stdout, ": ok (") != 3 || r.stderr != "" {
		t.Errorf("validating our own files: %+v", r)
	}
}

// A broken or clashing file in --questionnaires is a warning with file:line
// for commands that do not need it, and exit 2 for those that do.
func TestUserQuestionnairesBroken(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "Both"))
	data, _ := os.ReadFile("../questionnaires/testdata/valid/demo.yaml")
	qdir := filepath.Join(dir, "mine")
	os.Mkdir(qdir, 0o700)
	mine := filepath.Join(qdir, "mine.yaml")
	os.WriteFile(mine, bytes.Replace(data, []byte("id: demo-baseline"), []byte("id: mas-trm-2021"), 1), 0o600)
	clash := mine + `:2: framework id "mas-trm-2021" is already loaded from embedded mas-trm-2021.yaml`

	r := run(t, db, "--questionnaires", qdir, "frameworks")
	if r.code != 0 || !strings.Contains(r.stdout, "mas-trm-2021") || r.stderr != "assay: warning: "+clash+"; give your framework an id of its own (skipped)\n" {
		t.Errorf("clash warned about: %+v", r)
	}
	// The user's file is skipped; the embedded framework it clashes with works.
	mustRun(t, db, "--questionnaires", qdir, "answer", id, "mas-trm-2021:3.4.q1", "2")

	os.WriteFile(mine, []byte("schema: 1\nid: demo-baseline\ntitle: [oops\n"), 0o600)
	for _, args := range [][]string{{"list"}, {"show", id}, {"doctor"}, {"frameworks"}} {
		r := run(t, db, append([]string{"--questionnaires", qdir}, args...)...)
		if r.code != 0 || r.stderr != "assay: warning: "+mine+":2: not valid YAML: did not find expected ',' or ']' (skipped)\n" {
			t.Errorf("%v: %+v", args, r)
		}
	}
	// Commands that load no framework do not even look.
	if r := run(t, db, "--questionnaires", qdir, "history", id); r.code != 0 || r.stderr != "" {
		t.Errorf("history: %+v", r)
	}
	for _, args := range [][]string{
		{"questions", "demo-baseline"},
		{"new", "--name", "x", "--framework", "demo-baseline"},
		{"answer", id, "demo-baseline:1.1.q1", "2"},
	} {
		r := run(t, db, append([]string{"--questionnaires", qdir}, args...)...)
		oneErrorLine(t, r, 2, mine+":2: not valid YAML: did not find expected ',' or ']' (so demo-baseline is not loaded)")
		if r.stdout != "" {
			t.Errorf("%v printed %q", args, r.stdout)
		}
	}
}

// The catalog loads while the database opens (issue 13), and its error still
// comes first: with no database yet, none is made; with one, the command
// stops before reading it and leaves the file as it was.
func TestQuestionnairesFolderErrorComesFirst(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nothing.db")
	want := "questionnaires folder: " + filepath.Join(dir, "none") + ": no such file or directory"
	oneErrorLine(t, run(t, missing, "--questionnaires", filepath.Join(dir, "none"), "list"), 2, want)
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a database was made: %v", err)
	}
	db := filepath.Join(dir, "a.db")
	mustRun(t, db, "new", "--name", "Kept")
	before, _ := os.ReadFile(db)
	r := run(t, db, "--questionnaires", filepath.Join(dir, "none"), "list")
	oneErrorLine(t, r, 2, want)
	if r.stdout != "" {
		t.Errorf("list printed %q", r.stdout)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("the database changed")
	}
}

func TestEnvironmentAndXDGDefaults(t *testing.T) {
	home := t.TempDir()
	xdg := t.TempDir()
	for _, tc := range []struct {
		env  []string
		want string
	}{
		{[]string{"HOME=" + home, "XDG_DATA_HOME=" + xdg}, filepath.Join(xdg, "assay", "assay.db")},
		{[]string{"HOME=" + home}, filepath.Join(home, ".local", "share", "assay", "assay.db")},
	} {
		cmd := exec.Command(bin, "new", "--name", "x")
		cmd.Env = append(tc.env, "PATH="+os.Getenv("PATH"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		st, err := os.Stat(tc.want)
		if err != nil {
			t.Fatalf("database not at %s: %v", tc.want, err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("file mode %o", st.Mode().Perm())
		}
		if dst, _ := os.Stat(filepath.Dir(tc.want)); dst.Mode().Perm() != 0o700 {
			t.Errorf("folder mode %o", dst.Mode().Perm())
		}
	}
}

// TestKillBetweenAnswers kills assay with SIGKILL while it writes, between
// answers it had confirmed, and checks no confirmed answer is lost and the
// database stays sound.
func TestKillBetweenAnswers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "Kill", "--framework", "mas-trm-2021"))
	confirmed := map[string]string{}
	levels := []string{"0", "1", "2", "3", "4", "5"}
	for i := 0; i < 30; i++ {
		// One asked question in each of 3.1 to 3.6 (3.3.q1 and 3.5.q1 are retired).
		q := "mas-trm-2021:" + []string{"3.1.q1", "3.2.q1", "3.3.q2", "3.4.q1", "3.5.q2", "3.6.q1"}[i%6]
		lv := levels[i%6]
		if out := mustRun(t, db, "answer", id, q, lv); out == "saved "+q+" = "+lv+"\n" {
			confirmed[q] = lv
		}
		victim := exec.Command(bin, "answer", id, fmt.Sprintf("mas-trm-2021:4.%d.q1", i%5+1), "2")
		victim.Env = []string{"HOME=" + t.TempDir(), "ASSAY_DB=" + db}
		if err := victim.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(i%10) * time.Millisecond)
		victim.Process.Kill()
		victim.Wait()
	}
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var check string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	for q, lv := range confirmed {
		var got string
		qid := strings.TrimPrefix(q, "mas-trm-2021:")
		if err := conn.QueryRow(`SELECT level FROM answers WHERE assessment_id = ? AND question_id = ?`, id, qid).Scan(&got); err != nil || got != lv {
			t.Errorf("%s = %q (%v), confirmed %s", q, got, err, lv)
		}
	}
}

func TestShowDifferences(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	dir, _ := filepath.Abs("../questionnaires/testdata/crosswalk")
	q := "--questionnaires=" + dir
	id := strings.TrimSpace(mustRun(t, db, q, "new", "--name", "Both", "--framework", "demo-baseline", "--framework", "demo-other"))
	mustRun(t, db, q, "answer", id, "demo-baseline:1.1.q1", "4")
	mustRun(t, db, q, "answer", id, "demo-other:G.q1", "1")
	mustRun(t, db, q, "answer", id, "demo-other:K.q1", "5")

	show := strings.Join(strings.Fields(mustRun(t, db, q, "show", id)), " ")
	for _, want := range []string{
		"Demo compared with demo-other",
		"Governance 1 4.0 G 1.0 +3.0 equivalent 33% / 100%",
		"Operations 2.1 - - - - none 0% / 0%",
		"Keys - K 5.0 only in demo-other 100%",
	} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	var sj struct {
		Themes []map[string]any
		OnlyIn []struct {
			Framework string
			Title     string
			Maturity  *float64
		} `json:"only_in"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, q, "show", id, "--json")), &sj); err != nil {
		t.Fatal(err)
	}
	if len(sj.Themes) != 2 || sj.Themes[0]["difference"] != 3.0 || sj.Themes[0]["strength"] != "equivalent" {
		t.Fatalf("themes = %v", sj.Themes)
	}
	left := sj.Themes[0]["demo-baseline"].(map[string]any)
	if left["maturity"] != 4.0 || left["refs"].([]any)[0] != "1" {
		t.Errorf("demo side = %v", left)
	}
	if len(sj.OnlyIn) != 2 || sj.OnlyIn[0].Title != "Keys" || *sj.OnlyIn[0].Maturity != 5 {
		t.Errorf("only_in = %+v", sj.OnlyIn)
	}
	if md := mustRun(t, db, q, "export", id, "--format", "md"); !strings.Contains(md, "| Governance | 1 | 4.0 | G | 1.0 | +3.0 | equivalent |") {
		t.Errorf("markdown lacks the theme row:\n%s", md)
	}
}

func TestDoctorAndBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "Doc"))
	mustRun(t, db, "answer", id, "iso28000-2022:4.1.q1", "2")
	// An answer to a question a later release removed: the store keeps it.
	conn, _ := sql.Open("sqlite", db)
	conn.Exec(`INSERT INTO answers (assessment_id, framework, question_id, level, updated_at) VALUES (?, 'iso28000-2022', '4.9.q1', 3, '2026-01-01T00:00:00.000000Z')`, id)
	conn.Close()

	out := mustRun(t, db, "doctor")
	// The file is at the newest schema this build knows, whatever number that is.
	if m := regexp.MustCompile(`schema: +(\d+) \(this assay knows up to (\d+)\)`).FindStringSubmatch(out); m == nil || m[1] != m[2] {
		t.Errorf("doctor's schema line: %v\n%s", m, out)
	}
	for _, want := range []string{"integrity:    ok", "references:   ok",
		"contents:     1 assessments, 2 answers, 1 history rows", "removed:      1 answers", id + " iso28000-2022:4.9.q1", "healthy"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor lacks %q:\n%s", want, out)
		}
	}
	usb := filepath.Join(dir, "usb.db")
	if out := mustRun(t, db, "backup", usb); !strings.Contains(out, "backed up") {
		t.Errorf("backup printed %q", out)
	}
	oneErrorLine(t, run(t, db, "backup", usb), 2, "already exists; add --force to replace it")
	mustRun(t, db, "backup", usb, "--force")
	var ex struct{ Answers []any }
	json.Unmarshal([]byte(mustRun(t, usb, "export", id, "--format", "json")), &ex)
	if len(ex.Answers) != 2 {
		t.Errorf("backup has %d answers", len(ex.Answers))
	}
	oneErrorLine(t, run(t, filepath.Join(dir, "none.db"), "doctor"), 2, "no assay database there yet")

	// A damaged copy: doctor says so with exit 1 and changes nothing.
	data, _ := os.ReadFile(usb)
	for i := 4096; i < 8192 && i < len(data); i++ {
		data[i] = 0xff
	}
	bad := filepath.Join(dir, "bad.db")
	os.WriteFile(bad, data, 0o600)
	r := run(t, bad, "doctor")
	oneErrorLine(t, r, 1, "is damaged: restore it from a backup")
	// Its advice must not send the user to a command that refuses the same
	// file with "run assay doctor".
	if ex := run(t, bad, "export", id, "--format", "json"); ex.code != 0 && strings.Contains(r.stderr, "assay export") {
		t.Errorf("doctor advises assay export, which refuses the file: %q", ex.stderr)
	}
	if after, _ := os.ReadFile(bad); string(after) != string(data) {
		t.Error("doctor changed the damaged file")
	}
}

func TestDiskFull(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "Full"))
	mustRun(t, db, "answer", id, "iso28000-2022:4.1.q1", "2")
	conn, _ := sql.Open("sqlite", db)
	var pages int
	conn.QueryRow("PRAGMA page_count").Scan(&pages)
	conn.Close()

	cmd := exec.Command(bin, "answer", id, "iso28000-2022:4.2.1.q1", "3", "--note", strings.Repeat("long evidence note ", 3000))
	cmd.Env = []string{"HOME=" + t.TempDir(), "ASSAY_DB=" + db, fmt.Sprintf("ASSAY_MAX_PAGE_COUNT=%d", pages)}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 || !strings.Contains(errb.String(), "the disk is full; nothing was saved") {
		t.Fatalf("full disk: %v %q", err, errb.String())
	}
	// Earlier answers intact, and the same save works once there is space.
	mustRun(t, db, "answer", id, "iso28000-2022:4.2.1.q1", "3", "--note", strings.Repeat("long evidence note ", 3000))
	var ex struct {
		Answers []struct {
			QuestionID string `json:"question_id"`
			Level      int
		}
	}
	json.Unmarshal([]byte(mustRun(t, db, "export", id, "--format", "json")), &ex)
	if len(ex.Answers) != 2 || ex.Answers[0].Level != 2 || ex.Answers[1].Level != 3 {
		t.Errorf("answers = %+v", ex.Answers)
	}
}
