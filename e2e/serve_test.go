package e2e

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// A live workshop as it happens in a room: the facilitator runs assay serve
// in one terminal, two participants join with OpenSSH from theirs; a vote,
// the reveal and the record, each checked on screen and in the database; a
// participant's ssh killed and back; ctrl+c on the server.

// freePort is a loopback port nothing listens on (now).
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// join starts OpenSSH as name in a terminal of its own, types the code and
// waits for the room.
func join(t *testing.T, dir, port, name string) *term {
	t.Helper()
	p := startProgram(t, 100, 30, []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color", "LANG=C.UTF-8"},
		"ssh", "-F", "/dev/null", "-o", "StrictHostKeyChecking=accept-new", "-o", "UserKnownHostsFile="+filepath.Join(dir, "known_hosts"),
		"-o", "PreferredAuthentications=keyboard-interactive", "-o", "PubkeyAuthentication=no", "-o", "LogLevel=ERROR",
		"-p", port, name+"@127.0.0.1")
	p.waitFor("Workshop code:")
	p.text("482 913")
	p.keys("Enter")
	p.waitFor(name + " · follow me")
	return p
}

// openRoom starts assay serve as fay on a new assessment, on a free loopback
// port. It returns the folder (the participants' HOME too), the database,
// the port, serve's arguments and the facilitator's terminal.
func openRoom(t *testing.T, name string) (dir, db, port string, args []string, fac *term) {
	t.Helper()
	need(t, "tmux", "sqlite3", "ssh")
	dir = t.TempDir()
	db = filepath.Join(dir, "assay.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", name, "--framework", "iso28000-2022"))
	port = freePort(t)
	args = []string{"serve", id, "--listen", "127.0.0.1:" + port, "--code", "482913"}
	fac = startEnv(t, db, 100, 30, []string{"ASSAY_USER=fay"}, args...)
	fac.waitFor("Nobody has joined yet. Join with:")
	return dir, db, port, args, fac
}

func TestLiveWorkshopOverSSH(t *testing.T) {
	dir, db, port, _, fac := openRoom(t, "Live workshop")
	fac.waitFor("code 482 913 · ssh -p " + port + " NAME@127.0.0.1")
	if info, err := os.Stat(filepath.Join(dir, "ssh_host_ed25519_key")); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("no private host key beside the database: %v", err)
	}

	ann := join(t, dir, port, "ann")
	bob := join(t, dir, port, "bob")
	fac.waitFor("Rated 0 of 2 · waiting: ann, bob")

	// Votes: private, and on disk at once.
	ann.keys("e")
	ann.text("policy approved in March")
	ann.keys("Enter", "3")
	ann.waitFor("your rating: level 3 · saved")
	bob.keys("1")
	bob.waitFor("your rating: level 1 · saved")
	fac.waitFor("Rated 2 of 2: ann ✓  bob ✓")
	ann.waitFor("2 of 2 have rated")
	for _, s := range []string{fac.screen(), ann.screen()} {
		if strings.Contains(s, "bob (") || strings.Contains(s, "Ratings:") {
			t.Fatalf("a rating shows before the reveal:\n%s", s)
		}
	}
	if got := sqlite(t, db, "SELECT voter, level, note FROM room_votes ORDER BY voter"); got != "ann|3|policy approved in March\nbob|1|" {
		t.Fatalf("votes on disk: %q", got)
	}
	participantBefore := ann.screen()

	// Reveal: everyone sees every rating with its note.
	fac.keys("Space")
	for _, p := range []*term{fac, ann, bob} {
		p.waitFor("Ratings: 1–3 · 2 people")
		p.waitFor("ann (3 Defined): policy approved in March")
	}
	participantAfter := bob.screen()

	// Record: the answer, by the facilitator, settling both ratings.
	fac.keys("2")
	fac.waitFor("recorded 2 for iso28000-2022:4.1.q1: saved")
	ann.waitFor("agreed 2 Managed")
	facilitator := fac.screen()
	if got := sqlite(t, db, "SELECT level, updated_by FROM answers WHERE question_id = '4.1.q1'"); got != "2|fay" {
		t.Fatalf("answer: %q", got)
	}
	if got := sqlite(t, db, "SELECT resolved_by, resolution = (SELECT revision FROM answers WHERE question_id = '4.1.q1') FROM disagreements"); got != "fay|1" {
		t.Fatalf("the record did not settle the round: %q", got)
	}
	if got := sqlite(t, db, "SELECT rated_by, level, note FROM ratings ORDER BY rated_by"); got != "ann|3|policy approved in March\nbob|1|" {
		t.Fatalf("ratings kept: %q", got)
	}
	if got := sqlite(t, db, "SELECT count(*) FROM room_votes"); got != "0" {
		t.Fatalf("%s votes left after the reveal", got)
	}
	t.Logf("participant before the reveal:\n%s", participantBefore)
	t.Logf("participant after the reveal:\n%s", participantAfter)
	t.Logf("facilitator after recording:\n%s", facilitator)

	// Next question; bob votes, his ssh is killed, he comes back to it.
	fac.keys("Right")
	bob.waitFor("4.1.q2")
	bob.keys("4")
	bob.waitFor("your rating: level 4 · saved")
	bob.sigkill()
	bob.waitExit()
	fac.waitFor("Rated 1 of 2: bob ✓ (left) · waiting: ann") // bob's vote stays though he is gone
	bob = join(t, dir, port, "bob")
	bob.waitFor("your rating: level 4 · saved")
	bob.waitFor("4.1.q2")

	// ctrl+c on the server: every participant's app saves and ends.
	ann.keys("5")
	ann.waitFor("your rating: level 5")
	fac.keys("C-c")
	if code := fac.waitExit(); code != 0 {
		t.Fatalf("assay serve exit %d:\n%s", code, fac.screen())
	}
	ann.waitFor("The facilitator closed the room. Everything you rated is saved.")
	bob.waitFor("The facilitator closed the room.")
	if got := sqlite(t, db, "SELECT voter, level FROM room_votes ORDER BY voter"); got != "ann|5\nbob|4" {
		t.Fatalf("votes after closing: %q", got)
	}
}

// TestLiveWorkshopSurvivesAServerCrash kills assay serve with SIGKILL after
// a participant's rating showed as saved: the next serve has it, and the
// participant, joining again, sees it as theirs.
func TestLiveWorkshopSurvivesAServerCrash(t *testing.T) {
	dir, db, port, args, fac := openRoom(t, "Crash")
	ann := join(t, dir, port, "ann")
	ann.keys("4")
	ann.waitFor("your rating: level 4 · saved")
	fac.sigkill()
	if code := fac.waitExit(); code != 128+9 {
		t.Fatalf("serve exit %d after SIGKILL", code)
	}
	ann.waitExit()
	if got := sqlite(t, db, "SELECT voter, level FROM room_votes"); got != "ann|4" {
		t.Fatalf("after the crash the database has %q", got)
	}
	fac = startEnv(t, db, 100, 30, []string{"ASSAY_USER=fay"}, args...)
	fac.waitFor("Rated 1 of 1: ann ✓ (left)")
	ann = join(t, dir, port, "ann")
	ann.waitFor("your rating: level 4 · saved")
	fac.waitMatch(regexp.MustCompile(`Rated 1 of 1: ann ✓\s*\n`))
}
