package textsafe

import "testing"

func TestClean(t *testing.T) {
	cases := []struct{ in, oneLine, multiLine string }{
		{"plain text", "plain text", "plain text"},
		{"clear\x1b[2J\x1b[Hscreen", "clear�[2J�[Hscreen", "clear�[2J�[Hscreen"},
		{"title\x1b]0;owned\x07", "title�]0;owned�", "title�]0;owned�"},
		{"c1 \u009b31m", "c1 �31m", "c1 �31m"},
		{"bidi \u202etxet\u202c", "bidi �txet�", "bidi �txet�"},
		{"a\r\nb\rc\nd", "a b c d", "a\nb\nc\nd"},
		{"tab\there", "tab here", "tab here"},
		{"nul\x00del\x7f", "nul�del�", "nul�del�"},
		{"bad \xff utf8", "bad � utf8", "bad � utf8"},
		{"sep\u2028para\u2029", "sep�para�", "sep�para�"},
		{"漢字 ünïcödé ✓ 👍🏽", "漢字 ünïcödé ✓ 👍🏽", "漢字 ünïcödé ✓ 👍🏽"},
	}
	for _, c := range cases {
		if got := Clean(c.in, false); got != c.oneLine {
			t.Errorf("Clean(%q, false) = %q, want %q", c.in, got, c.oneLine)
		}
		if got := Clean(c.in, true); got != c.multiLine {
			t.Errorf("Clean(%q, true) = %q, want %q", c.in, got, c.multiLine)
		}
	}
}
