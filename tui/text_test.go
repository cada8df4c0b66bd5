package tui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestWidthFastPathAgrees(t *testing.T) {
	samples := []string{
		"", "plain", "a › b ‹ c", "é à ü ß ñ Ø", "— – “quotes” • …", "│ ─ █ ░ ▏▎▍▌▋▊▉ ▸ ● ✗ ← →", "�",
		"日本語", "emoji 🎉 ok", "e\u0301", "soft\u00adhyphen", "zw\u200bj", "☃",
		lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#ff0000")).Render("styled │ █"),
		"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
	}
	cat := testCatalog(t)
	for _, f := range cat.Frameworks() {
		for _, q := range f.Questions() {
			samples = append(samples, q.Title, q.Text, q.Guidance, strings.Join(q.Evidence, " "), strings.Join(q.Levels[:], " "))
		}
	}
	for _, s := range samples {
		if got, want := width(s), ansi.StringWidth(s); got != want {
			t.Errorf("width(%q) = %d, ansi says %d", s, got, want)
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
		if got := inert(in); got != want {
			t.Errorf("inert(%q) = %q, want %q", in, got, want)
		}
	}
	if got := inertLines("a\r\nb\rc\n\x1b"); got != "a\nb\nc\n�" {
		t.Errorf("inertLines: %q", got)
	}
}

func TestFitAndWrapWideText(t *testing.T) {
	for _, s := range []string{"日本語のテキストです", "mixed 日本 text 🎉 here", strings.Repeat("長", 50)} {
		for w := 1; w < 30; w++ {
			if got := width(fit(s, w)); got != w {
				t.Fatalf("fit(%q, %d) is %d wide", s, w, got)
			}
			if got := width(fitRight(s, w)); got != w {
				t.Fatalf("fitRight(%q, %d) is %d wide", s, w, got)
			}
			for _, l := range wrap(s, w) {
				if lw := width(l); lw > w && w > 1 {
					t.Fatalf("wrap(%q, %d) line %q is %d wide", s, w, l, lw)
				}
			}
		}
	}
}

func TestTruncateFastPathAgrees(t *testing.T) {
	for _, s := range []string{"plain text here", "— “quoted” • … │█", "Ünïcödé Latin ext ŵ", "日本語 mixed"} {
		for w := 1; w < 25; w++ {
			if got, want := truncate(s, w), ansi.Truncate(s, w, "…"); width(s) > w && got != want {
				t.Errorf("truncate(%q, %d) = %q, ansi gives %q", s, w, got, want)
			}
		}
	}
}
