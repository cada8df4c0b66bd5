package tui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
	"github.com/assaytui/assay/store"
	"github.com/assaytui/assay/tui/cells"
)

// Hostile and odd input (issue 7): text is stored as typed and drawn inert;
// long, wide, right-to-left and pasted text keeps the layout; no size or
// storm of sizes breaks a screen.

// hostile is text that would restyle the terminal, write its clipboard (OSC
// 52), plant a link (OSC 8), clear the screen, move the cursor, ring, switch
// to 8-bit controls (C1 CSI, OSC, ST), cut a string at NUL, return the
// carriage, and reverse the rest of the line (U+202E) if it reached the
// terminal as it is. It neither starts nor ends with a space (names are
// trimmed when stored).
const hostile = "\x1b[31mred\x1b[0m \x1b]52;c;cHduZWQ=\x07 \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ " +
	"\x1b[2J\x1b[H\x1b[5Aup bell\x07 c1\u009b2J \u009d0;title\u009c nul\x00 cr\rx del\x7f tab\tx " +
	"bidi\u202eevil\u202c iso\u2066x\u2069 ls\u2028x end"

// asNote is how the note editor keeps text: line breaks as \n.
func asNote(s string) string { return strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s) }

// asLine is how a one-line input keeps text: line breaks as spaces.
func asLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// safe is s with every character inert draws as "�" made a plain "?": the
// same layout, nothing to neutralise. It is the placeholder a hostile view
// is compared with.
func safe(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			r = '?'
		case r == '\n':
		case r == '\t':
			r = ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029':
			r = '?'
		}
		b.WriteRune(r)
		i += n
	}
	return b.String()
}

// colourTest is newTest with colours on (a dark background), so that views
// carry lipgloss's own escape sequences.
func colourTest(t testing.TB, st *store.Store, cat *model.Catalog, openID string, w, h int) Model {
	t.Helper()
	m := newModel(Options{Store: st, Catalog: cat, OpenID: openID, Actor: "test (tui)"}, clock, false)
	m.c.dbPath = "/data/assay.db"
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = update(t, m, tea.BackgroundColorMsg{Color: colorOf(true)})
	return run(t, m, m.Init())
}

// checkInert fails unless view carries nothing from user text that a
// terminal would act on: after the styles are stripped no control character
// but \n is left, the raw view has no C1 control, BEL or bidirectional
// control anywhere, and it has exactly as many ESC bytes as the same view of
// the placeholder text. The two views must also say the same, "�" for "?".
func checkInert(t testing.TB, what, view, placeholder string) {
	t.Helper()
	for i, r := range ansi.Strip(view) {
		if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)) {
			t.Fatalf("%s: control %U at %d of the stripped view:\n%s", what, r, i, ansi.Strip(view))
		}
	}
	if !utf8.ValidString(view) {
		t.Fatalf("%s: invalid UTF-8 in the view: %q", what, view)
	}
	for i, r := range view {
		if r != 0x1b && r != '\n' && unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029' ||
			cells.IsStandIn(r) {
			t.Fatalf("%s: raw %U at byte %d of the view: %q", what, r, i, view)
		}
	}
	if got, want := strings.Count(view, "\x1b"), strings.Count(placeholder, "\x1b"); got != want {
		t.Fatalf("%s: %d ESC bytes, the placeholder view has %d:\n%q\n---\n%q", what, got, want, view, placeholder)
	}
	if got, want := strings.ReplaceAll(ansi.Strip(view), "�", "?"), ansi.Strip(placeholder); got != want {
		t.Fatalf("%s: the hostile view says something else than the placeholder one:\n%s\n---\n%s", what, got, want)
	}
}

// TestHostileNoteStoredAsTypedShownInert pastes and types hostile text into
// the note editor: the store has it exactly (line breaks as \n), and neither
// the note preview nor the editor nor the drill-down of the differences
// screen lets any of it reach the terminal.
func TestHostileNoteStoredAsTypedShownInert(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Acme")
	m := colourTest(t, st, testCatalog(t), a.ID, 120, 40)
	m = press(t, m, "e")
	m = update(t, m, tea.PasteMsg{Content: hostile})
	// Typed as well as pasted: key text is kept as it comes.
	m = update(t, m, tea.KeyPressMsg{Code: '\u202e', Text: "\u202e"})
	m = typeText(t, m, "!")
	press(t, m, "esc")
	want := asNote(hostile) + "\u202e!"
	if got := stored(t, st, a.ID, iso, "4.1.q1").Note; got != want {
		t.Fatalf("stored note %q\nwant %q", got, want)
	}

	// The same views of the stored note and of its placeholder.
	views := func(note string) map[string]string {
		st := testStore(t)
		a := create(t, st, "Acme")
		if _, err := st.Save(context.Background(), a.ID, iso, "4.1.q1", model.Change{Level: ptr(model.Level(2)), Note: &note}, "test"); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, s := range sizes {
			m := colourTest(t, st, testCatalog(t), a.ID, s[0], s[1])
			out[fmt.Sprintf("preview %dx%d", s[0], s[1])] = m.View().Content
			e := press(t, m, "e")
			out[fmt.Sprintf("editor %dx%d", s[0], s[1])] = e.View().Content
			e = press(t, e, "ctrl+home", "right", "right")
			out[fmt.Sprintf("editor cursor in the text %dx%d", s[0], s[1])] = e.View().Content
			// The drill-down of the third theme lists 4.1.q1 with its note.
			d := press(t, m, "x", "j", "j", "enter")
			out[fmt.Sprintf("drill %dx%d", s[0], s[1])] = d.View().Content
		}
		return out
	}
	hv, pv := views(want), views(safe(want))
	for what, v := range hv {
		checkInert(t, what, v, pv[what])
	}
	mustContain(t, ansi.Strip(hv["preview 120x40"]), "Note  �[31mred�[0m �]52;c;cHduZWQ=�", "�]8;;https://evil.example�\\link")
	mustContain(t, ansi.Strip(hv["editor 120x40"]), "┃ �[31mred�[0m")
	mustContain(t, ansi.Strip(hv["drill 120x40"]), "Context, scope and assets", "4.1.q1", "�[31mred")
	mustContain(t, ansi.Strip(hv["drill 80x24"]), "note: �[31mred")
}

// TestHostileNamesStoredAsTypedShownInert enters hostile text as the name and
// organisation in the new-assessment form and as a new name in the rename
// prompt: the store has it exactly (line breaks become spaces in a one-line
// input), and no screen that shows the name lets it reach the terminal.
func TestHostileNamesStoredAsTypedShownInert(t *testing.T) {
	st := testStore(t)
	m := colourTest(t, st, testCatalog(t), "", 120, 40)
	m = press(t, m, "n")
	m = update(t, m, tea.PasteMsg{Content: hostile})
	m = press(t, m, "tab")
	m = update(t, m, tea.PasteMsg{Content: "org " + hostile})
	checkInert(t, "form", m.View().Content, func() string {
		p := colourTest(t, testStore(t), testCatalog(t), "", 120, 40)
		p = press(t, p, "n")
		p = update(t, p, tea.PasteMsg{Content: safe(asLine(hostile))})
		p = press(t, p, "tab")
		p = update(t, p, tea.PasteMsg{Content: "org " + safe(asLine(hostile))})
		return p.View().Content
	}())
	m = press(t, m, "enter", "enter", "enter", "enter", "enter")
	if !on[questionnaire](m) {
		t.Fatalf("not created:\n%s", shot(m))
	}
	a, err := st.Get(context.Background(), m.sess.id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != asLine(hostile) || a.Organisation != "org "+asLine(hostile) {
		t.Fatalf("stored %q / %q", a.Name, a.Organisation)
	}

	// Rename to hostile text with invalid UTF-8 too; enter on the prompt
	// unchanged keeps it byte for byte.
	odd := "bad\xff\xfebytes " + asLine(hostile)
	m = press(t, m, "esc", "r", "ctrl+u")
	m = update(t, m, tea.PasteMsg{Content: odd})
	m = press(t, m, "enter")
	if a, _ := st.Get(context.Background(), a.ID); a.Name != odd {
		t.Fatalf("renamed to %q", a.Name)
	}
	m = press(t, m, "r", "enter")
	if a, _ := st.Get(context.Background(), a.ID); a.Name != odd {
		t.Fatalf("enter on the unchanged prompt stored %q", a.Name)
	}

	// Every screen that shows the name, beside the same screen of a
	// placeholder name.
	screens := func(name string) map[string]string {
		st := testStore(t)
		a, err := st.Create(context.Background(), model.NewAssessment{Name: name, Organisation: "org " + name, Frameworks: []string{iso, mas}, Target: 3, Revisions: shippedRevisions(t)},
			map[string]string{iso: "2022", mas: "January 2021"})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		defer func() {
			for k, v := range out {
				out[k] = strings.ReplaceAll(v, a.ID, "ID000000") // IDs are random
			}
		}()
		for _, s := range sizes {
			k := fmt.Sprintf("%dx%d", s[0], s[1])
			h := colourTest(t, st, testCatalog(t), "", s[0], s[1])
			out["home "+k] = h.View().Content
			out["rename "+k] = press(t, h, "r").View().Content
			out["duplicate "+k] = press(t, h, "c").View().Content
			out["delete "+k] = press(t, h, "D").View().Content
			q := press(t, h, "enter")
			out["questionnaire "+k] = q.View().Content
			out["dashboard "+k] = press(t, q, "d").View().Content
			out["differences "+k] = press(t, q, "x").View().Content
		}
		return out
	}
	hv, pv := screens(odd), screens(safe(odd))
	for what, v := range hv {
		checkInert(t, what, v, pv[what])
	}
	mustContain(t, ansi.Strip(hv["home 120x40"]), "bad��bytes �[31mred�[0m")
}

// TestHostileFindQuery types hostile text into the clause finder: nothing of
// it reaches the terminal, in the finder or in the status line after enter.
func TestHostileFindQuery(t *testing.T) {
	view := func(query string) (string, string) {
		a, ans := demo(t)
		m := newModel(Options{Catalog: testCatalog(t), OpenID: a.ID}, clock, false)
		m, _ = m.update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m, _ = m.update(tea.BackgroundColorMsg{Color: colorOf(true)})
		m, _ = m.update(assessmentMsg{id: a.ID, a: a, answers: ans})
		m = press(t, m, "/")
		m = update(t, m, tea.PasteMsg{Content: query})
		finding := m.View().Content
		if got := modalOf[finder](m).input.Value(); got != asLine(query) {
			t.Fatalf("query %q", got)
		}
		m = press(t, m, "enter")
		return finding, m.View().Content
	}
	hf, hs := view(hostile)
	pf, ps := view(safe(asLine(hostile)))
	checkInert(t, "find", hf, pf)
	checkInert(t, "no match", hs, ps)
	mustContain(t, ansi.Strip(hs), "no clause matches “�[31mred")
}

// note100KB is a 100 KB note with paragraphs (see bench_test.go).

// TestLongNote saves a 100 KB note from the editor, reopens it, shows its
// preview cut to fit at 80×24 and 120×40, opens it in the editor, and
// types into it in reasonable time.
func TestLongNote(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Acme")
	note := note100KB()
	m := newTest(t, st, a.ID, 120, 40)
	m = press(t, m, "e")
	m = update(t, m, tea.PasteMsg{Content: note})
	press(t, m, "esc")
	if got := stored(t, st, a.ID, iso, "4.1.q1").Note; got != note {
		t.Fatalf("stored %d bytes, want %d", len(got), len(note))
	}
	for _, s := range sizes {
		w, h := s[0], s[1]
		m := newTest(t, st, a.ID, w, h)
		checkFrame(t, m, w, h)
		v := shot(m)
		mustContain(t, v, "Note  The warehouse register lists 412 items", "…")
		if strings.Count(v, "warehouse register") > 4 {
			t.Fatalf("%d×%d: the preview is not cut:\n%s", w, h, v)
		}
		m = press(t, m, "e")
		if !modalIs[noteModal](m) || noteText(m) != note {
			t.Fatalf("%d×%d: the editor did not open with the note", w, h)
		}
		checkFrame(t, m, w, h)
		mustContain(t, shot(m), "esc saves it", "see annex B")
		start := time.Now()
		m, _ = m.update(tea.KeyPressMsg{Code: 'x', Text: "x"})
		_ = m.View()
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("%d×%d: a key press in a 100 KB note took %v", w, h, d)
		}
		if got := noteText(m); got != note+"x" {
			t.Fatalf("%d×%d: typed at the end: ...%q", w, h, got[len(got)-20:])
		}
		m = press(t, m, "ctrl+home", "y")
		if got := noteText(m); got != "y"+note+"x" {
			t.Fatalf("%d×%d: typed at the start: %q...", w, h, got[:20])
		}
		mustContain(t, shot(m), "┃ yThe warehouse register")
		checkFrame(t, m, w, h)
	}
}

// bigPaste is 200 KB of lines with tabs, CRLF and LF line ends, and wide text.
func bigPaste() string {
	var b strings.Builder
	for i := 0; b.Len() < 200<<10; i++ {
		fmt.Fprintf(&b, "row %d\tcell\t日本語 🎉\tend", i)
		if i%2 == 0 {
			b.WriteString("\r\n")
		} else {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// TestLargePaste pastes 200 KB with newlines and tabs: the note editor holds
// all of it (tabs kept, line ends as \n); the one-line inputs (rename,
// duplicate, find, N/A reason, form fields) keep one line, line breaks as
// spaces, cut at their limit.
func TestLargePaste(t *testing.T) {
	block := bigPaste()
	st := testStore(t)
	a := create(t, st, "Acme")
	m := newTest(t, st, a.ID, 80, 24)
	m = press(t, m, "e")
	start := time.Now()
	m = update(t, m, tea.PasteMsg{Content: block})
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the paste took %v", d)
	}
	if got := noteText(m); got != asNote(block) {
		t.Fatalf("the editor holds %d bytes, want %d", len(got), len(asNote(block)))
	}
	checkFrame(t, m, 80, 24)
	m = press(t, m, "esc")
	if got := stored(t, st, a.ID, iso, "4.1.q1").Note; got != asNote(block) {
		t.Fatalf("stored %d bytes", len(got))
	}

	oneLine := func(what string, got string, limit int) {
		t.Helper()
		want := string([]rune(asLine(block))[:limit])
		if got != want {
			t.Fatalf("%s holds %q…, want %q…", what, got[:min(len(got), 40)], want[:40])
		}
	}
	m = press(t, m, "/")
	m = update(t, m, tea.PasteMsg{Content: block})
	oneLine("find", modalOf[finder](m).input.Value(), findLimit)
	checkFrame(t, m, 80, 24)
	m = press(t, m, "esc", "n", "ctrl+u")
	m = update(t, m, tea.PasteMsg{Content: block})
	oneLine("N/A reason", modalOf[reasonModal](m).p.value(), reasonLimit)
	checkFrame(t, m, 80, 24)
	m = press(t, m, "esc", "esc")
	if !on[home](m) {
		t.Fatalf("not home:\n%s", shot(m))
	}
	for _, k := range []string{"r", "c"} {
		m = press(t, m, k, "ctrl+u")
		m = update(t, m, tea.PasteMsg{Content: block})
		oneLine(k, topOf[home](m).prompt.value(), nameLimit)
		checkFrame(t, m, 80, 24)
		m = press(t, m, "esc")
	}
	m = press(t, m, "r", "ctrl+u")
	m = update(t, m, tea.PasteMsg{Content: block})
	m = press(t, m, "enter")
	if got, _ := st.Get(context.Background(), a.ID); got.Name != strings.TrimSpace(string([]rune(asLine(block))[:nameLimit])) {
		t.Fatalf("renamed to %q", got.Name)
	}
	m = press(t, m, "n")
	m = update(t, m, tea.PasteMsg{Content: block})
	oneLine("form name", topOf[form](m).inputs[fieldName].Value(), nameLimit)
	checkFrame(t, m, 80, 24)
}

// wideCatalog is the catalog with emoji, CJK and right-to-left text in the
// titles of the first questions and sections of both frameworks.
func wideCatalog(t testing.TB) *model.Catalog {
	t.Helper()
	cat, err := questionnaires.Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range cat.Frameworks() {
		f.Sections[0].Title = "上下文 👨‍👩‍👧 הקשר السياق " + f.Sections[0].Title
		for i, q := range f.Questions()[:6] {
			q.Title = fmt.Sprintf("%s 🇯🇵 日本語 👍🏽 שלום مرحبا %d", q.Title, i)
			q.Text = "❤️ 1️⃣ " + q.Text + " 日本語のテキスト 🏳️‍🌈 עברית العربية"
		}
	}
	return cat
}

// wide is a name or note mixing emoji (ZWJ sequences, flags, skin tones,
// VS16), CJK full-width and Arabic and Hebrew.
const wide = "👨‍👩‍👧 家族 🇯🇵 日本語 שלום עולם مرحبا بالعالم 🏳️‍🌈 👍🏽 ❤️ 한국어 end"

// TestWideTextKeepsLayout draws names, notes, a query and question titles of
// emoji, CJK and RTL text on every screen at 80×24 and 120×40: no line is
// wider than the terminal under either way of counting cells, and every pane
// border (│) is in the same column on every row of the body, as it is with
// plain text.
func TestWideTextKeepsLayout(t *testing.T) {
	build := func(cat *model.Catalog, name, note string, w, h int) map[string]Model {
		st := testStore(t)
		a, err := st.Create(context.Background(), model.NewAssessment{Name: name, Organisation: name, Frameworks: []string{iso, mas}, Target: 3, Revisions: shippedRevisions(t)},
			map[string]string{iso: "2022", mas: "January 2021"})
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range cat.Frameworks() {
			for j, q := range f.Questions()[:8] {
				n := note
				if j%2 == 1 {
					n = strings.Repeat(note+"\n", 3)
				}
				if _, err := st.Save(context.Background(), a.ID, f.ID, q.ID, model.Change{Level: ptr(model.Level((i + j) % 6)), Note: &n}, "test"); err != nil {
					t.Fatal(err)
				}
			}
		}
		out := map[string]Model{}
		home := colourTest(t, st, cat, "", w, h)
		out["home"] = home
		out["rename"] = press(t, home, "r")
		q := press(t, home, "enter", "home")
		out["questionnaire"] = q
		out["outline"] = press(t, q, "o")
		out["guidance"] = press(t, q, "g")
		out["next question"] = press(t, q, "l")
		out["note editor"] = press(t, q, "e")
		out["note editor, cursor moved"] = press(t, q, "e", "up", "left", "left", "left")
		out["find"] = update(t, press(t, q, "/"), tea.PasteMsg{Content: "日本語"})
		out["related"] = press(t, q, "r")
		out["dashboard"] = press(t, q, "d")
		out["differences"] = press(t, q, "x")
		out["drill"] = press(t, q, "x", "enter")
		out["other framework"] = press(t, q, "tab")
		return out
	}
	for _, s := range sizes {
		w, h := s[0], s[1]
		plain := build(testCatalog(t), "Plain name", "plain note text", w, h)
		odd := build(wideCatalog(t), wide, wide, w, h)
		for what, m := range odd {
			v := m.View().Content
			lines := strings.Split(v, "\n")
			if len(lines) != h {
				t.Fatalf("%s %d×%d: %d lines", what, w, h, len(lines))
			}
			for i, l := range lines {
				if g, wc := ansi.StringWidth(l), ansi.StringWidthWc(l); g > w || wc != g {
					t.Fatalf("%s %d×%d: line %d is %d cells (%d by wcwidth): %q", what, w, h, i, g, wc, ansi.Strip(l))
				}
			}
			// Borders: the columns that hold │ on every body row of the
			// plain screen hold it on every body row here.
			cols := borderColumns(plain[what].View().Content)
			for i, l := range lines[1 : h-2] {
				at := runeColumns(ansi.Strip(l), '│')
				for _, c := range cols {
					if !at[c] {
						t.Fatalf("%s %d×%d: body row %d has no │ at column %d:\n%s", what, w, h, i+1, c, ansi.Strip(v))
					}
				}
			}
		}
		// The odd text is on screen, not replaced.
		mustContain(t, shot(odd["questionnaire"]), "👨", "家族", "שלום", "مرحبا")
		mustContain(t, shot(odd["note editor"]), "日本語")
	}
}

// borderColumns are the columns that hold │ on every body row of a view.
func borderColumns(v string) []int {
	lines := strings.Split(ansi.Strip(v), "\n")
	if len(lines) < 4 {
		return nil
	}
	body := lines[1 : len(lines)-2]
	var cols []int
	for c := range runeColumns(body[0], '│') {
		every := true
		for _, l := range body[1:] {
			every = every && runeColumns(l, '│')[c]
		}
		if every {
			cols = append(cols, c)
		}
	}
	return cols
}

// runeColumns are the cell columns where r is drawn in a plain line.
func runeColumns(l string, r rune) map[int]bool {
	at := map[int]bool{}
	col := 0
	for len(l) > 0 {
		g, w := ansi.FirstGraphemeCluster(l, ansi.GraphemeWidth)
		if g == string(r) {
			at[col] = true
		}
		col += w
		l = l[len(g):]
	}
	return at
}

// TestResizeStorm sends 500 random sizes (seeded), keys and pastes between
// them, to every screen: no panic, and every view fits its size.
func TestResizeStorm(t *testing.T) {
	modes := screenModes(t)
	names := []string{"home", "form", "questionnaire", "note", "find", "reason", "related", "help", "dashboard", "differences", "drill", "rename"}
	keys := []string{"j", "k", "up", "down", "left", "right", "pgup", "pgdown", "home", "end", "tab", "g", "o", "enter", "e", "/", "a", "3", "space", "backspace", "s"}
	for i, name := range names {
		mode := modes[name]
		rng := rand.New(rand.NewPCG(7, uint64(i)))
		m := mode(demoModel(t, 80, 24))
		for n := 0; n < 500; n++ {
			w, h := 1+rng.IntN(300), 1+rng.IntN(100)
			m, _ = m.update(tea.WindowSizeMsg{Width: w, Height: h})
			switch rng.IntN(4) {
			case 0:
				m, _ = m.update(keyMsg(keys[rng.IntN(len(keys))]))
			case 1:
				if on[questionnaire](m) && quest(m).modal != nil || topOf[home](m).ask != askNone {
					m, _ = m.update(tea.PasteMsg{Content: wide + "\n" + hostile})
				}
			}
			// checkFrame's grapheme-by-grapheme measure is too slow for
			// thousands of frames under -race; width agrees with it
			// (TestWidthFastPathAgrees).
			lines := strings.Split(m.View().Content, "\n")
			if len(lines) > h {
				t.Fatalf("%s, step %d, %d×%d: %d lines", name, n, w, h, len(lines))
			}
			for i, l := range lines {
				if lw := cells.Width(l); lw > w {
					t.Fatalf("%s, step %d, %d×%d: line %d is %d cells: %q", name, n, w, h, i, lw, ansi.Strip(l))
				}
			}
		}
		checkFrame(t, m, m.width, m.height)
	}
}
