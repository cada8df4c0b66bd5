package e2e

import (
	"encoding/hex"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Issue 7: hostile and odd text in the TUI is stored as typed and drawn
// inert, and wide text keeps the layout, in a real terminal (tmux).

// wideText mixes a ZWJ family, a flag, a skin tone, CJK and right-to-left
// scripts: text whose width terminals and layout code easily disagree on.
const wideText = "emoji 👨‍👩‍👧 🇯🇵 👍🏽 CJK 日本語テキスト\nRTL שלום עולם مرحبا بالعالم end"

// TestHostilePasteInNoteEditor pastes escape sequences, control characters
// and wide text into the note editor at 80×24: the right pane's border stays
// in its column on every row, the terminal's title is not changed, and the
// database has the note as the application received it.
func TestHostilePasteInNoteEditor(t *testing.T) {
	need(t, "tmux", "sqlite3")
	db := filepath.Join(t.TempDir(), "assay.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Hostile"))
	tm := start(t, db, 80, 24, "open", id)
	tm.waitFor(isoQuestion(1))
	tm.keys("e")
	tm.waitFor("esc saves it")
	// Clear the screen, set the title, colour, ring, move the cursor home,
	// an 8-bit CSI, a right-to-left override; then wide text.
	pasted := "\x1b[2J\x1b]0;pwned\x07 red \x1b[31mX\x1b[0m bell\x07 home\x1b[H c1\u009b2J bidi\u202eevil\u202c end\n" + wideText
	tm.paste(pasted)
	s := tm.waitFor("RTL שלום עולם مرحبا بالعالم end")
	checkAligned(t, s, "editor")
	mustShow(t, s, "red X bell� home�[H c1�2J bidi�evil� end", "CJK 日本語テキスト")
	checkTitle(t, tm)

	tm.keys("Escape")
	s = tm.waitFor("saved ")
	checkAligned(t, s, "note preview")
	mustShow(t, s, "Note   red X bell� home�[H c1�2J")
	checkTitle(t, tm)

	// Bubble Tea's input reader drops the complete CSI and OSC sequences of a
	// bracketed paste before the application sees them (it passes on what
	// decodes as a key, such as ESC [ H, the Home key); every byte that
	// reaches assay is stored as it came, line ends as \n.
	received := pasted
	for _, seq := range []string{"\x1b[2J", "\x1b]0;pwned\x07", "\x1b[31m", "\x1b[0m"} {
		received = strings.Replace(received, seq, "", 1)
	}
	got := sqlite(t, db, "SELECT hex(note) FROM answers WHERE question_id = '4.1.q1'")
	if got != strings.ToUpper(hex.EncodeToString([]byte(received))) && got != strings.ToUpper(hex.EncodeToString([]byte(pasted))) {
		note, _ := hex.DecodeString(got)
		t.Errorf("stored note %q\nwant %q", note, received)
	}
	tm.keys("q")
	if code := tm.waitExit(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.screen())
	}
}

// TestHostileNoteFromCLIShownInert plants a note through the CLI, which
// passes every byte on, escape sequences included: the TUI draws it inert
// in the preview and in the editor, and leaving the editor unchanged leaves
// the note as it was, byte for byte.
func TestHostileNoteFromCLIShownInert(t *testing.T) {
	need(t, "tmux", "sqlite3")
	db := filepath.Join(t.TempDir(), "assay.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Planted"))
	note := "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[31mred\x1b[H\x1b[5B\u009d0;pwned\u009c bidi\u202eevil\r\n" + wideText
	mustCLI(t, db, "answer", id, "iso28000-2022:4.1.q2", "3", "--note", note)
	want := strings.ToUpper(hex.EncodeToString([]byte(note)))
	if got := sqlite(t, db, "SELECT hex(note) FROM answers"); got != want {
		t.Fatalf("the CLI stored %s", got)
	}

	tm := start(t, db, 80, 24, "open", id) // at 4.1.q2, where the CLI answered last
	s := tm.waitFor("Note  �[2J�]0;pwned�")
	checkAligned(t, s, "note preview")
	mustShow(t, s, "assay · Planted", isoQuestion(2)) // not cleared, not moved
	checkTitle(t, tm)

	tm.keys("e")
	tm.waitFor("esc saves it")
	s = tm.waitFor("RTL שלום")
	checkAligned(t, s, "editor")
	mustShow(t, s, "┃ �[2J�]0;pwned�", "CJK 日本語テキスト")
	checkTitle(t, tm)
	tm.keys("Escape")
	tm.waitFor("Note  �[2J")
	tm.keys("q")
	if code := tm.waitExit(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.screen())
	}
	if got := sqlite(t, db, "SELECT hex(note) FROM answers"); got != want {
		t.Errorf("the note changed: %s", got)
	}
}

// TestRefreshShowsCLIAnswers: while the TUI is open on an assessment, the
// CLI answers other questions; moving to one shows the CLI's level, and the
// dashboard shows the figures with every answer.
func TestRefreshShowsCLIAnswers(t *testing.T) {
	need(t, "tmux", "sqlite3")
	db := filepath.Join(t.TempDir(), "assay.db")
	id := strings.TrimSpace(mustCLI(t, db, "new", "--name", "Shared"))
	tm := start(t, db, 100, 30, "open", id)
	tm.waitFor(isoQuestion(1))
	tm.keys("2")
	tm.waitFor("saved ")

	mustCLI(t, db, "answer", id, "iso28000-2022:4.1.q2", "4")
	tm.keys("l")
	s := tm.waitFor("▸ 4   Measured        ● saved")
	mustShow(t, s, isoQuestion(2), "1 answer(s) changed in another session; shown here", "Overall 3.0", isoCount(2, "done"))

	mustCLI(t, db, "answer", id, "iso28000-2022:4.2.1.q1", "5")
	tm.keys("d")
	tm.waitFor("Dashboard")
	s = tm.waitFor(isoCount(3, "answered"))
	// ISO 28000 overall: (2 + 4 + 5) / 3 = 3.7, 3 answered of the 70-odd asked = 4%.
	if !strings.Contains(s, "3.7   4%") {
		t.Errorf("the dashboard lacks the new figure 3.7:\n%s", s)
	}
	tm.keys("q")
	if code := tm.waitExit(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.screen())
	}
}

func mustShow(t *testing.T, screen string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(screen, w) {
			t.Errorf("screen lacks %q:\n%s", w, screen)
		}
	}
}

// checkAligned fails unless every row with a pane border (│) has it in the
// same column, counting cells as tmux does (code point by code point), and
// most rows have one.
func checkAligned(t *testing.T, screen, what string) {
	t.Helper()
	cols := map[int][]int{}
	rows := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	for i, row := range rows {
		if j := strings.Index(row, "│"); j >= 0 {
			c := ansi.StringWidthWc(row[:j])
			cols[c] = append(cols[c], i)
		}
	}
	if len(cols) != 1 {
		var b strings.Builder
		for c, rs := range cols {
			fmt.Fprintf(&b, " column %d on rows %v;", c, rs)
		}
		t.Errorf("%s: the border is not in one column:%s\n%s", what, b.String(), screen)
	}
	n := 0
	for _, rs := range cols {
		n += len(rs)
	}
	if n < len(rows)-4 {
		t.Errorf("%s: only %d of %d rows have the border:\n%s", what, n, len(rows), screen)
	}
}

// checkTitle fails if text on screen changed the terminal's title.
func checkTitle(t *testing.T, tm *term) {
	t.Helper()
	out, err := exec.Command("tmux", "-L", socket, "display-message", "-p", "-t", tm.name, "#{pane_title}").Output()
	if err != nil {
		t.Fatal(err)
	}
	if title := strings.TrimSpace(string(out)); strings.Contains(title, "pwned") {
		t.Errorf("the title was changed to %q", title)
	}
}
