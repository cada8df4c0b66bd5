package e2e

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDamagedAndForeignFiles points assay at files it must not trust. Each
// case, through the CLI and through the app, must end in one clear line, exit
// 1 or 2, no panic, and the file's bytes unchanged.
func TestDamagedAndForeignFiles(t *testing.T) {
	need(t, "tmux", "sqlite3")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	id := strings.TrimSpace(mustCLI(t, good, "new", "--name", "Good"))
	for i, q := range masQuestions(t, good)[:60] {
		mustCLI(t, good, "answer", id, "mas-trm-2021:"+q, fmt.Sprint(i%6), "--note", strings.Repeat("evidence reviewed ", 40))
	}
	full, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	random := make([]byte, 64*1024)
	rand.Read(random)
	foreign := filepath.Join(dir, "foreign.db")
	sqlite(t, foreign, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 9.5);")
	newer := write("newer.db", full)
	sqlite(t, newer, "PRAGMA user_version = 99")

	cases := []struct {
		name, path, want string
		code             int
	}{
		{"random bytes", write("random.db", random), "not an assay database (it is not an SQLite file)", 2},
		{"truncated", write("truncated.db", full[:len(full)/3]), "the database file is damaged", 2},
		{"empty file", write("empty.db", nil), "an empty file, 0 bytes", 2},
		{"another program's database", foreign, "an SQLite database of another program (tables: invoices)", 2},
		{"newer assay", newer, "made by a newer assay (schema 99; this assay knows up to ", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, _ := os.ReadFile(c.path)
			for _, args := range [][]string{{"list"}, {"show", id}, {"answer", id, "mas-trm-2021:3.1.q1", "2"}, {"export", id, "--format", "csv"}} {
				_, errs, code := cli(t, c.path, args...)
				if code != c.code || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, c.want) || strings.Contains(errs, "goroutine") {
					t.Errorf("assay %v: exit %d, stderr %q; want exit %d and one line with %q", args, code, errs, c.code, c.want)
				}
			}
			// The app refuses before it starts, with the same one line (on a
			// terminal wide enough not to wrap it).
			tm := start(t, c.path, 250, 24)
			if code := tm.waitExit(); code != c.code {
				t.Errorf("app: exit %d, want %d:\n%s", code, c.code, tm.screen())
			}
			if s := strings.TrimSpace(tm.screen()); !strings.Contains(s, c.want) || strings.Count(s, "\n") != 0 {
				t.Errorf("app screen:\n%s\nwant one line with %q", s, c.want)
			}
			if after, _ := os.ReadFile(c.path); !bytes.Equal(before, after) {
				t.Errorf("%s changed", c.path)
			}
		})
	}
}

// TestReadOnlyFolder runs assay as an unprivileged user against a database in a
// folder it cannot write (root ignores permissions, so the test switches user).
func TestReadOnlyFolder(t *testing.T) {
	need(t, "sqlite3")
	dir, binCopy := nobodysCopy(t)
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o755)
	db := filepath.Join(ro, "a.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Locked"))
	os.Chmod(db, 0o644)
	before, _ := os.ReadFile(db)

	for _, args := range [][]string{{"answer", id, "mas-trm-2021:3.1.q1", "2"}, {"list"}, {"new", "--name", "x", "--db", filepath.Join(ro, "new.db")}} {
		_, errs, code := asNobody(binCopy, dir, db, args...)
		if code != 1 || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "assay: ") {
			t.Errorf("assay %v in a read-only folder: exit %d, stderr %q", args, code, errs)
		}
		t.Logf("assay %v: %s", args[0], strings.TrimSpace(errs))
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("the database changed")
	}
	if _, err := os.Stat(filepath.Join(ro, "new.db")); err == nil {
		t.Error("a database was created in the read-only folder")
	}
}

// nobodysCopy makes a folder that user 65534 can read, with a copy of the
// binary in it (t.TempDir's parents are private); it skips unless root.
func nobodysCopy(t *testing.T) (dir, binCopy string) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to run assay as another user")
	}
	dir, err := os.MkdirTemp("", "assay-ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	binCopy = filepath.Join(dir, "assay")
	data, _ := os.ReadFile(bin)
	os.WriteFile(binCopy, data, 0o755)
	return dir, binCopy
}

// asNobody runs the binary bin (which user 65534 must be able to read) as
// that user, with HOME and ASSAY_DB set.
func asNobody(bin, home, db string, args ...string) (stdout, stderr string, code int) {
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"HOME=" + home, "ASSAY_DB=" + db}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if ee, ok := cmd.Run().(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	return out.String(), errb.String(), code
}

// TestListOnAReadOnlyFile: a database file the user can read but not write,
// in a folder they can write (SQLite keeps its shared-memory file there),
// lists as before the level cache existed: a file of the release before
// (schema 8, which would need the cache's migration) and a current file
// with nothing cached both list the figures a writable copy lists, exit 0,
// nothing on stderr, and the file's bytes unchanged.
func TestListOnAReadOnlyFile(t *testing.T) {
	dir, binCopy := nobodysCopy(t)
	folder := filepath.Join(dir, "shared")
	os.Mkdir(folder, 0o755)
	os.Chown(folder, 65534, 65534)

	old, _ := os.ReadFile(filepath.Join("..", "store", "testdata", "schema8.db"))
	current := filepath.Join(t.TempDir(), "current.db")
	id := strings.TrimSpace(mustCLI(t, current, "new", "--name", "Nothing cached yet"))
	mustCLI(t, current, "answer", id, "iso28000-2022:4.1.q1", "4")
	mustCLI(t, current, "answer", id, "iso28000-2022:4.1.q2", "na", "--note", "not here")
	fresh, _ := os.ReadFile(current)
	for name, data := range map[string][]byte{"schema8.db": old, "current.db": fresh} {
		t.Run(name, func(t *testing.T) {
			writable := filepath.Join(t.TempDir(), name)
			os.WriteFile(writable, data, 0o600)
			want := mustCLI(t, writable, "list")
			db := filepath.Join(folder, name)
			os.WriteFile(db, data, 0o644)
			for range 2 {
				out, errs, code := asNobody(binCopy, dir, db, "list")
				if code != 0 || errs != "" || out != want {
					t.Errorf("list of a read-only file: exit %d, stderr %q, stdout\n%s\nwant\n%s", code, errs, out, want)
				}
			}
			if after, _ := os.ReadFile(db); !bytes.Equal(after, data) {
				t.Error("the read-only file changed")
			}
		})
	}
}

// TestDiskFullInTheApp: a save that does not fit is reported on screen and
// not shown as saved; earlier answers stay; with space back the save works.
func TestDiskFullInTheApp(t *testing.T) {
	need(t, "tmux", "sqlite3")
	db := filepath.Join(t.TempDir(), "assay.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Full"))
	mustCLI(t, db, "answer", id, "iso28000-2022:4.1.q1", "3")
	pages := sqlite(t, db, "PRAGMA page_count")

	tm := startEnv(t, db, 80, 24, []string{"ASSAY_MAX_PAGE_COUNT=" + pages}, "open", id)
	tm.waitFor(isoQuestion(1))
	tm.keys("e")
	tm.waitFor("esc saves it")
	tm.paste(strings.Repeat("a long note about the evidence we saw ", 400))
	tm.keys("Escape")
	s := tm.waitFor("disk is full")
	if strings.Contains(s, "saved 0") || strings.Contains(s, "saved 1") || strings.Contains(s, "saved 2") {
		t.Errorf("the screen claims a save:\n%s", s)
	}
	tm.sigkill()
	tm.waitExit()

	if lv := sqlite(t, db, "SELECT level || '/' || length(note) FROM answers WHERE question_id = '4.1.q1'"); lv != "3/0" {
		t.Errorf("earlier answer after the failed save: %s", lv)
	}
	tm = start(t, db, 80, 24, "open", id)
	tm.waitFor(isoQuestion(1))
	tm.keys("e")
	tm.waitFor("esc saves it")
	tm.text("space is back")
	tm.keys("Escape")
	tm.waitFor("Note  space is back")
	tm.keys("q")
	tm.waitExit()
	if note := sqlite(t, db, "SELECT note FROM answers WHERE question_id = '4.1.q1'"); note != "space is back" {
		t.Errorf("note after space returned = %q", note)
	}
	if got := sqlite(t, db, "PRAGMA integrity_check"); got != "ok" {
		t.Errorf("integrity_check: %s", got)
	}
}

// TestScribbledFileEndsTheApp: damage in the middle of a file of the right
// size is found by the check the app runs beside its first screen; the app
// leaves with one line, exit 2, and writes nothing, even if a key was pressed.
func TestScribbledFileEndsTheApp(t *testing.T) {
	need(t, "tmux", "sqlite3")
	db := filepath.Join(t.TempDir(), "scribbled.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Scribbled"))
	for i, q := range masQuestions(t, db)[:60] {
		mustCLI(t, db, "answer", id, "mas-trm-2021:"+q, fmt.Sprint(i%6), "--note", strings.Repeat("evidence reviewed ", 40))
	}
	sqlite(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096 * 4; i < 4096*5; i++ { // one page in the middle, size unchanged
		data[i] ^= 0x5a
	}
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	tm := start(t, db, 250, 24, "open", id)
	tm.keys("3")
	if code := tm.waitExit(); code != 2 {
		t.Errorf("app: exit %d, want 2:\n%s", code, tm.screen())
	}
	if s := strings.TrimSpace(tm.screen()); !strings.Contains(s, "the database file is damaged") || strings.Count(s, "\n") != 0 {
		t.Errorf("app screen:\n%s\nwant one line saying the file is damaged", s)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(data, after) {
		t.Error("the damaged file changed")
	}
}
