package cells

import (
	"strings"
	"testing"
	"unicode"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/assaytui/assay/questionnaires"
)

func TestWidthFastPathAgrees(t *testing.T) {
	samples := []string{
		"", "plain", "a › b ‹ c", "é à ü ß ñ Ø", "— – “quotes” • …", "│ ─ █ ░ ▏▎▍▌▋▊▉ ▸ ● ✗ ← →", "�",
		"日本語", "emoji 🎉 ok", "e\u0301", "soft\u00adhyphen", "zw\u200bj", "☃",
		lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#ff0000")).Render("styled │ █"),
		"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
	}
	cat, err := questionnaires.Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range cat.Frameworks() {
		for _, q := range f.Questions() {
			samples = append(samples, q.Title, q.Text, q.Guidance, strings.Join(q.Evidence, " "), strings.Join(q.Levels[:], " "))
		}
	}
	for _, s := range samples {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi says %d", s, got, want)
		}
	}
}

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                    "plain",
		"a\tb\nc":                  "a b c",
		"\x1b[31mred\x1b[0m":       "�[31mred�[0m",
		"bell\x07 nul\x00 del\x7f": "bell� nul� del�",
		"c1 \u009b2J":              "c1 �2J",
		"bidi \u202eabc\u202c":     "bidi �abc�",
		"bad \xff utf8":            "bad � utf8",
		"日本語 ok":                   "日本語 ok",
	} {
		if got := Inert(in); got != want {
			t.Errorf("Inert(%q) = %q, want %q", in, got, want)
		}
	}
	if got := InertLines("a\r\nb\rc\n\x1b"); got != "a\nb\nc\n�" {
		t.Errorf("inertLines: %q", got)
	}
}

func TestFitAndWrapWideText(t *testing.T) {
	for _, s := range []string{"日本語のテキストです", "mixed 日本 text 🎉 here", strings.Repeat("長", 50)} {
		for w := 1; w < 30; w++ {
			if got := Width(Fit(s, w)); got != w {
				t.Fatalf("Fit(%q, %d) is %d wide", s, w, got)
			}
			if got := Width(FitRight(s, w)); got != w {
				t.Fatalf("FitRight(%q, %d) is %d wide", s, w, got)
			}
			for _, l := range Wrap(s, w) {
				if lw := Width(l); lw > w && w > 1 {
					t.Fatalf("Wrap(%q, %d) line %q is %d wide", s, w, l, lw)
				}
			}
		}
	}
}

func TestTruncateFastPathAgrees(t *testing.T) {
	for _, s := range []string{"plain text here", "— “quoted” • … │█", "Ünïcödé Latin ext ŵ", "日本語 mixed"} {
		for w := 1; w < 25; w++ {
			if got, want := Truncate(s, w), ansi.Truncate(s, w, "…"); Width(s) > w && got != want {
				t.Errorf("Truncate(%q, %d) = %q, ansi gives %q", s, w, got, want)
			}
		}
	}
}

// hostile is text that would restyle the terminal, write its clipboard (OSC
// 52), plant a link (OSC 8), clear the screen, move the cursor, ring, switch
// to 8-bit controls (C1 CSI, OSC, ST), cut a string at NUL, return the
// carriage, and reverse the rest of the line (U+202E) if it reached the
// terminal as it is. It neither starts nor ends with a space (names are
// trimmed when stored).
const hostile = "\x1b[31mred\x1b[0m \x1b]52;c;cHduZWQ=\x07 \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ " +
	"\x1b[2J\x1b[H\x1b[5Aup bell\x07 c1\u009b2J \u009d0;title\u009c nul\x00 cr\rx del\x7f tab\tx " +
	"bidi\u202eevil\u202c iso\u2066x\u2069 ls\u2028x end"

// asLine is how a one-line input keeps text: line breaks as spaces.
func asLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// TestSanitizedWidthsAgree: whatever inert draws measures the same under
// grapheme clustering (the layout) and wcwidth (terminals without Unicode
// mode 2027, tmux among them, and Bubble Tea's renderer there).
func TestSanitizedWidthsAgree(t *testing.T) {
	for _, s := range []string{
		"family 👨‍👩‍👧 flag 🇯🇵 rainbow 🏳️‍🌈 thumbs 👍🏽 heart ❤️ keycap 1️⃣ coder 👩🏽‍💻 lone 🇯 x",
		"日本語のテキスト 한국어 각 中文", "שלום עולם مرحبا بالعالم", "नमस्ते दुनिया किताब", "e\u0301 Z̤͔ͧ̑̓", hostile,
	} {
		got := Inert(s)
		if g, w := ansi.StringWidth(got), ansi.StringWidthWc(got); g != w {
			t.Errorf("Inert(%q) = %q: %d cells by graphemes, %d by wcwidth", s, got, g, w)
		}
		if Inert(got) != got {
			t.Errorf("inert is not idempotent on %q", s)
		}
	}
	// What is kept: the emoji themselves, CJK and RTL letters as they are.
	for _, w := range []string{"👨", "👩", "👧", "🇯🇵", "日本 שלום مرحبا"} {
		if !strings.Contains(Inert("👨‍👩‍👧 🇯🇵 日本 שלום مرحبا"), w) {
			t.Errorf("inert drops %q", w)
		}
	}
}

// TestEditableRoundTrip: a one-line input gives back what was put in, every
// byte of it, but line breaks (spaces).
func TestEditableRoundTrip(t *testing.T) {
	for _, s := range []string{"", "plain", hostile, "bad\xff\xc0 utf8", "\t\x00\x7f\u0085\u009f", "日本 👨‍👩‍👧 שלום", "a\r\nb\nc\rd"} {
		if got := Typed(Editable(s)); got != asLine(s) {
			t.Errorf("Typed(Editable(%q)) = %q", s, got)
		}
		for _, r := range Editable(s) {
			if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
				t.Errorf("Editable(%q) keeps %U for the input to drop", s, r)
			}
		}
	}
	// Private-use stand-ins typed literally cannot be told from ours: "�".
	if got := Typed(Editable("\U0010fe1b")); got != "�" {
		t.Errorf("a literal stand-in came back as %q", got)
	}
}

// BenchmarkWidth measures a typical screen line with Width, against the
// generic ansi.StringWidth as the baseline.
func BenchmarkWidth(b *testing.B) {
	line := "▸ 3!   4.1.q1   Understanding the organization and its context │ ██████┃░░░ 2.5  37%"
	b.Run("cells", func(b *testing.B) {
		for b.Loop() {
			_ = Width(line)
		}
	})
	b.Run("ansi", func(b *testing.B) {
		for b.Loop() {
			_ = ansi.StringWidth(line)
		}
	})
}
