package noteeditor

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func testEditor(w, h int, value string) Editor {
	e := New(DefaultKeys(), Styles{Cursor: lipgloss.NewStyle().Reverse(true)})
	e.Prompt = "┃ "
	e.SetWidth(w)
	e.SetHeight(h)
	e.SetValue(value)
	e.Focus()
	return e
}

func edit(e Editor, keys ...string) Editor {
	for _, k := range keys {
		e, _ = e.Update(keyMsg(k))
	}
	return e
}

func typeInto(e Editor, s string) Editor {
	for _, r := range s {
		e, _ = e.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return e
}

// rows is the editor's view as plain rows without the prompt, trailing
// spaces cut.
func rows(e Editor) []string {
	var out []string
	for _, l := range strings.Split(ansi.Strip(e.View()), "\n") {
		out = append(out, strings.TrimRight(strings.TrimPrefix(l, "┃ "), " "))
	}
	return out
}

func TestEditorEditsLines(t *testing.T) {
	e := testEditor(30, 5, "")
	if got := len(rows(e)); got != 5 {
		t.Fatalf("an empty editor draws %d rows", got)
	}
	e = typeInto(e, "first")
	e = edit(e, "enter")
	e = typeInto(e, "second line")
	if got := e.Value(); got != "first\nsecond line" {
		t.Fatalf("%q", got)
	}
	e = edit(e, "alt+left", "ctrl+k") // delete "line"
	if got := e.Value(); got != "first\nsecond " {
		t.Fatalf("ctrl+k: %q", got)
	}
	e = edit(e, "ctrl+u") // delete to the line start
	if got := e.Value(); got != "first\n" {
		t.Fatalf("ctrl+u: %q", got)
	}
	e = edit(e, "backspace") // joins with the line above
	if got := e.Value(); got != "first" || e.row != 0 || e.col != 5 {
		t.Fatalf("backspace at a line start: %q at %d:%d", got, e.row, e.col)
	}
	e = edit(e, "home", "delete", "end")
	e = typeInto(e, "!")
	if got := e.Value(); got != "irst!" {
		t.Fatalf("%q", got)
	}
	e = edit(e, "ctrl+w")
	if got := e.Value(); got != "" {
		t.Fatalf("ctrl+w: %q", got)
	}
	// Wide and combined characters are one step each.
	e.SetValue("a日👨‍👩‍👧e\u0301b")
	e = edit(e, "left", "backspace")
	if got := e.Value(); got != "a日👨‍👩‍👧b" {
		t.Fatalf("backspace over e+accent: %q", got)
	}
	e = edit(e, "backspace")
	if got := e.Value(); got != "a日b" {
		t.Fatalf("backspace over a ZWJ family: %q", got)
	}
	e = edit(e, "ctrl+home", "delete", "delete")
	if got := e.Value(); got != "b" {
		t.Fatalf("delete: %q", got)
	}
	// Line breaks as terminals send them become \n; the rest is kept.
	e.SetValue("")
	e, _ = e.Update(tea.PasteMsg{Content: "a\r\nb\rc\nd\te\x1b[31m\x00"})
	if got := e.Value(); got != "a\nb\nc\nd\te\x1b[31m\x00" {
		t.Fatalf("paste: %q", got)
	}
	if !strings.Contains(ansi.Strip(e.View()), "d e�[31m�") {
		t.Fatalf("drawn:\n%s", ansi.Strip(e.View()))
	}
}

func TestEditorWrapsAndMovesByRow(t *testing.T) {
	// 12 cells with the prompt: rows of 9 cells (one kept for the cursor).
	e := testEditor(12, 3, "one two three four five six")
	if got := rows(e); strings.Join(got, "|") != "three|four five|six" {
		t.Fatalf("scrolled to the cursor: %q", got)
	}
	e = edit(e, "ctrl+home")
	if got := rows(e); strings.Join(got, "|") != "one two|three|four five" {
		t.Fatalf("wrapped: %q", got)
	}
	e = edit(e, "right", "right", "down") // column 2 of "three"
	if e.col != len("one two ")+2 {
		t.Fatalf("down: col %d", e.col)
	}
	e = edit(e, "down", "down") // past the screen: it scrolls
	if got := rows(e); strings.Join(got, "|") != "three|four five|six" || e.col != len("one two three four five si") {
		t.Fatalf("scrolled down: %q col %d", got, e.col)
	}
	e = edit(e, "down") // on the last row: to the end
	if e.col != len(e.lines[0]) {
		t.Fatalf("col %d", e.col)
	}
	e = edit(e, "pgup") // two rows up, the column kept
	if e.col != len("one two ")+3 {
		t.Fatalf("pgup: col %d", e.col)
	}
	e = edit(e, "pgup") // as far as the first row
	if e.col != 3 || e.top != (pos{}) {
		t.Fatalf("pgup to the top: col %d, top %v", e.col, e.top)
	}
	// Typing in the middle re-wraps from there.
	e = edit(e, "ctrl+home", "right", "right", "right")
	e = typeInto(e, "XXXXXX")
	if got := rows(e); strings.Join(got, "|") != "oneXXXXXX|two three|four five" {
		t.Fatalf("after typing: %q", got)
	}
	// A word longer than a row is cut hard; wide characters do not straddle.
	e.SetValue("abcdefghijklmnop 日本語日本語日本語")
	e = edit(e, "ctrl+home")
	if got := rows(e); strings.Join(got, "|") != "abcdefghi|jklmnop|日本語日" {
		t.Fatalf("hard wraps: %q", got)
	}
}

// TestEditorRandomEdits checks, after every one of thousands of random edits,
// moves and resizes, that the lazily kept soft wrap is the one worked out
// afresh, the view is the editor's size, and the cursor is on screen.
func TestEditorRandomEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "word ", " ", "日本", "👨‍👩‍👧", "e\u0301", "\x1b[31m", "\t", "\n", "long-word-without-spaces ", "שלום ", "\xff"}
	keys := []string{"left", "right", "up", "down", "home", "end", "pgup", "pgdown", "ctrl+home", "ctrl+end",
		"backspace", "delete", "ctrl+w", "alt+d", "ctrl+k", "ctrl+u", "alt+left", "alt+right", "enter"}
	e := testEditor(20, 4, "")
	want := ""
	for step := 0; step < 3000; step++ {
		switch rng.IntN(10) {
		case 0, 1, 2, 3:
			p := pieces[rng.IntN(len(pieces))]
			at := offset(e)
			want = want[:at] + p + want[at:]
			e, _ = e.Update(tea.PasteMsg{Content: p})
		case 4:
			e.SetWidth(4 + rng.IntN(40))
			e.SetHeight(1 + rng.IntN(6))
		default:
			e = edit(e, keys[rng.IntN(len(keys))])
			want = e.Value() // deletions are checked by the invariants below
		}
		if got := e.Value(); got != want {
			t.Fatalf("step %d: value %q, want %q", step, got, want)
		}
		checkEditor(t, e, step)
	}
}

// offset is the cursor as a byte offset in the value.
func offset(e Editor) int {
	n := 0
	for _, l := range e.lines[:e.row] {
		n += len(l) + 1
	}
	return n + e.col
}

func checkEditor(t *testing.T, e Editor, step int) {
	t.Helper()
	if e.row < 0 || e.row >= len(e.lines) || e.col < 0 || e.col > len(e.lines[e.row]) {
		t.Fatalf("step %d: cursor %d:%d out of the text", step, e.row, e.col)
	}
	fresh := testEditor(e.width, e.height, "")
	fresh.lines = append([]string(nil), e.lines...)
	fresh.wraps = make([]wrapped, len(e.lines))
	for i := range fresh.wraps {
		fresh.wraps[i] = wrapped{starts: []int{0}}
	}
	fresh.row, fresh.col, fresh.top = e.row, e.col, e.top
	for i := range e.lines {
		got, want := e.wrapTo(i, len(e.lines[i]), 0), fresh.wrapTo(i, len(e.lines[i]), 0)
		if !equalInts(got.starts, want.starts) {
			t.Fatalf("step %d: line %d (%q) wrapped at %v, afresh at %v", step, i, e.lines[i], got.starts, want.starts)
		}
	}
	// The cursor is on a grapheme boundary.
	line, at := e.lines[e.row], 0
	for at < e.col {
		n, _ := clusterAt(line[at:])
		at += n
	}
	if at != e.col {
		t.Fatalf("step %d: cursor at byte %d of %q, inside a character", step, e.col, line)
	}
	v := e.View()
	lines := strings.Split(v, "\n")
	if len(lines) != e.height {
		t.Fatalf("step %d: %d rows, want %d", step, len(lines), e.height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != e.width {
			t.Fatalf("step %d: row %d is %d cells, want %d: %q", step, i, w, e.width, ansi.Strip(l))
		}
	}
	if !strings.Contains(v, "\x1b[7m") {
		t.Fatalf("step %d: the cursor is off screen:\n%s", step, ansi.Strip(v))
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// keyMsg builds the key press a terminal would send for a key name.
func keyMsg(s string) tea.KeyPressMsg {
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"delete": tea.KeyDelete,
	}
	var mod tea.KeyMod
	name := s
	for prefix, m := range map[string]tea.KeyMod{"ctrl+": tea.ModCtrl, "alt+": tea.ModAlt, "shift+": tea.ModShift} {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			mod, name = mod|m, rest
		}
	}
	if code, ok := named[name]; ok {
		return tea.KeyPressMsg{Code: code, Mod: mod}
	}
	r := []rune(name)[0]
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: name}
}

// note100KB is a 100 KB note: paragraphs of prose with a few wide and
// emoji characters, the size of a pasted interview transcript.
func note100KB() string {
	var b strings.Builder
	para := "The warehouse register lists 412 items; the 2025 review (日本語 notes) found gaps 🎉 in the Jurong site's custody records, see annex B. "
	for i := 0; b.Len() < 100<<10; i++ {
		b.WriteString(para)
		if i%3 == 2 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// BenchmarkEditor100KB is one key press (Update and View) in the editor
// holding a 100 KB note, 80 cells by 12 rows.
func BenchmarkEditor100KB(b *testing.B) {
	for _, tc := range []struct{ name, note string }{
		{"paragraphs", note100KB()},
		{"one-line", strings.ReplaceAll(note100KB(), "\n", " ")},
	} {
		b.Run(tc.name, func(b *testing.B) {
			e := testEditor(80, 12, tc.note)
			keys := []tea.KeyPressMsg{keyMsg("x"), keyMsg("left"), keyMsg("backspace"), keyMsg("up"), keyMsg("y"), keyMsg("down")}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				e, _ = e.Update(keys[i%len(keys)])
				_ = e.View()
			}
		})
	}
}
