// Package cells draws user and catalog text in terminal cells: it makes
// text inert (nothing in it reaches the terminal as a control), measures it
// in cells and cuts, pads and wraps it to a width. Width is measured
// directly for the narrow characters screens mostly hold, about ten times
// faster than the generic measure (BenchmarkWidth).
package cells

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/assaytui/assay/internal/textsafe"
)

// User text (names, notes, queries) and catalog text are drawn through this
// file only:
//
//   - Inert and InertLines make text safe to draw: control characters (so
//     every escape sequence), bidirectional controls, line separators and
//     invalid UTF-8 become a visible "�", tabs a space, and emoji sequences
//     whose width terminals disagree on are split so that the layout holds
//     whichever way the terminal measures them (see evenWidths).
//   - The text inputs store what was typed or pasted exactly, control
//     characters and invalid UTF-8 included: the note editor (package noteeditor)
//     holds the raw text and draws it through Inert; the one-line inputs
//     (lineInput) hold it encoded by Editable, which swaps each such
//     character for a stand-in that the bubbles text input keeps, and Typed
//     restores it. Only line breaks change: the note editor keeps \r\n and
//     \r (what terminals send for Enter and in pastes) as \n; a one-line
//     input makes each line break a space.
//
// What is drawn changes; what is stored does not.

// replacement is drawn in place of a control character in user text.
const replacement = textsafe.Replacement

// Inert makes text safe to draw on one line: control characters (escape
// sequences included), bidirectional overrides and invalid UTF-8 become a
// visible replacement character, tabs and newlines become spaces. The text is
// stored as typed; only what is drawn changes.
func Inert(s string) string { return sanitize(s, false) }

// InertLines is inert but keeps line breaks.
func InertLines(s string) string { return sanitize(s, true) }

// sanitize is textsafe.Clean (the rule every report follows too), with
// the stand-ins of Editable drawn as textsafe draws what they stand for,
// and wide clusters evened out for the terminal (evenWidths).
func sanitize(s string, keepNewlines bool) string {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		plain = s[i] >= 0x20 && s[i] < 0x7f
	}
	if plain {
		return s
	}
	s = textsafe.Clean(s, keepNewlines)
	var top rune // the largest rune kept
	stand := false
	for _, r := range s {
		top = max(top, r)
		stand = stand || IsStandIn(r)
	}
	if stand {
		var b strings.Builder
		b.Grow(len(s))
		for _, r := range s {
			switch {
			case r == standIn+'\t':
				b.WriteByte(' ')
			case IsStandIn(r):
				b.WriteRune(replacement)
			default:
				b.WriteRune(r)
			}
		}
		s = b.String()
	}
	if top >= 0x300 { // below, every character is one cell either way
		return evenWidths(s)
	}
	return s
}

// Replaced reports the characters Inert draws as "�": what textsafe finds
// unsafe (controls, bidirectional controls, line and paragraph separators)
// and the stand-ins of Editable.
func Replaced(r rune) bool { return textsafe.Unsafe(r) || IsStandIn(r) }

// evenWidths makes every grapheme cluster of s as wide under wcwidth (how
// most terminals, tmux among them, and Bubble Tea's renderer there count
// cells: per code point) as under grapheme clustering (how the layout
// counts them, and terminals with Unicode mode 2027). Where the two differ,
// e.g. for a ZWJ family emoji (2 cells or 6), a skin-tone modifier, VS16 or
// an Indic spacing vowel, the cluster is drawn in pieces that measure the
// same either way: joiners, variation selectors and skin tones are left out
// and the remaining code points are kept apart by a zero-width space; a
// piece that still differs (a lone regional indicator) is drawn as "�".
// Without this a row holding such a cluster is wider on screen than laid
// out and pushes the pane border right.
func evenWidths(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is in b (once b is in use)
	for i := 0; i < len(s); {
		if c := s[i]; c < 0x80 && (i+1 == len(s) || s[i+1] < 0x80 || c < 0x20) {
			i++ // ASCII not followed by a combining mark: one cell, or none
			continue
		}
		g, gw := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
		if len(g) == 0 {
			i++
			continue
		}
		if gw != ansi.StringWidthWc(g) {
			b.WriteString(s[done:i])
			b.WriteString(evenCluster(g))
			done = i + len(g)
		}
		i += len(g)
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// evenCluster draws one cluster whose widths differ (see evenWidths).
func evenCluster(g string) string {
	var kept []rune
	for _, r := range g {
		switch {
		case r == '\u200d', r == '\ufe0e', r == '\ufe0f', r >= 0x1f3fb && r <= 0x1f3ff:
			// ZWJ, variation selectors, skin tones: left out.
		default:
			kept = append(kept, r)
		}
	}
	var b strings.Builder
	for i, r := range kept {
		if i > 0 {
			b.WriteRune('\u200b') // keeps the pieces apart
		}
		if p := string(r); ansi.StringWidth(p) == ansi.StringWidthWc(p) {
			b.WriteString(p)
		} else {
			b.WriteRune(replacement)
		}
	}
	return b.String()
}

// IsStandIn reports the private-use runes Editable puts in place of
// characters a text input would drop; Inert draws them as "�".
func IsStandIn(r rune) bool { return r >= standIn && r <= standInLast }

// Stand-ins: Editable swaps each character that inert would not draw as
// itself (controls but line breaks, bidirectional controls, line and
// paragraph separators, invalid bytes) for one rune of this private-use
// Block, which the bubbles text input keeps as it is and inert draws as
// "�" (a tab as a space). typed swaps them back. Private-use characters of
// the block itself, which no keyboard or font produces, cannot be entered:
// they become "�".
const (
	standIn     = 0x10fe00 // + a control character (C0, DEL, C1: below 0x100)
	standInBidi = 0x10ff00 // + an index into bidiStandIns (below 0x80)
	standInByte = 0x10ff00 // + an invalid byte (0x80-0xff)
	standInLast = 0x10ffff
)

var bidiStandIns = []rune{0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069}

// Editable is s as a one-line text input should hold it: line breaks (\n,
// \r\n, \r) become one space each, since the input has one line; everything
// else is kept, through stand-ins where the input would drop or draw it.
func Editable(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, w := 0, 0; i < len(s); i += w {
		r, width := utf8.DecodeRuneInString(s[i:])
		w = width
		switch {
		case r == utf8.RuneError && width <= 1:
			b.WriteRune(standInByte + rune(s[i]))
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			// CRLF: the \n makes the space
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x100 && unicode.IsControl(r):
			b.WriteRune(standIn + r)
		case r >= standIn && r <= standInLast:
			b.WriteRune(replacement)
		default:
			if k := bidiIndex(r); k >= 0 {
				b.WriteRune(standInBidi + rune(k))
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

func bidiIndex(r rune) int {
	if r < 0x061c || r > 0x2069 {
		return -1
	}
	for k, c := range bidiStandIns {
		if c == r {
			return k
		}
	}
	return -1
}

// Typed is the text a one-line input holds, stand-ins restored: what the
// user typed or pasted.
func Typed(s string) string {
	if !hasStandIn(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= standIn && r < standIn+0x100:
			b.WriteRune(r - standIn)
		case r >= standInBidi && r < standInBidi+rune(len(bidiStandIns)):
			b.WriteRune(bidiStandIns[r-standInBidi])
		case r >= standInByte+0x80 && r <= standInByte+0xff:
			b.WriteByte(byte(r - standInByte))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hasStandIn(s string) bool {
	// Every stand-in is encoded as F4 8F B8-BF xx in UTF-8.
	for i := 0; i+2 < len(s); i++ {
		if s[i] == 0xf4 && s[i+1] == 0x8f && s[i+2] >= 0xb8 {
			return true
		}
	}
	return false
}

// InertView is a text input's view made safe to draw: the text between the
// input's own escape sequences (its styles) goes through inert. User text
// cannot hold an escape sequence there: editable has swapped its control
// characters for stand-ins.
func InertView(view string) string {
	var b strings.Builder
	b.Grow(len(view))
	for len(view) > 0 {
		i := strings.IndexByte(view, 0x1b)
		if i < 0 {
			b.WriteString(Inert(view))
			break
		}
		b.WriteString(Inert(view[:i]))
		n := escapeLen(view[i:])
		b.WriteString(view[i : i+n])
		view = view[i+n:]
	}
	return b.String()
}

// escapeLen is the length of the escape sequence at the start of s (CSI,
// OSC, DCS or a two-byte ESC sequence); a lone ESC at the end counts 1.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
		}
		return len(s)
	case ']', 'P', '_', '^', 'X':
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	}
	return 2
}

// Head is the start of s, enough to draw its first lines: at most lines line
// breaks and at most n bytes (cut at a character boundary); cut reports
// whether anything was left out. Long text is drawn through Head, so that a
// 100 KB note costs no more to draw than a short one.
func Head(s string, lines, n int) (string, bool) {
	cut := false
	if len(s) > n {
		i := max(n, 0)
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s, cut = s[:i], true
	}
	at := 0
	for k := 0; k < lines; k++ {
		j := strings.IndexByte(s[at:], '\n')
		if j < 0 {
			return s, cut
		}
		at += j + 1
	}
	return strings.TrimSuffix(s[:at], "\n"), true
}

// Preview is s drawn inert on one line of at most w cells, looking only at
// as much of s as that line can show.
func Preview(s string, w int) string {
	s, _ = Head(s, 1<<30, 8*max(w, 1)+16)
	return Truncate(Inert(s), w)
}

// Width is the number of cells s takes, escape sequences ignored. Text made
// only of ASCII, Latin letters, common punctuation, arrows, box drawing,
// blocks and shapes (all one cell, no combining marks) and SGR sequences is
// measured directly; anything else goes through ansi.StringWidth, which
// handles graphemes, wide and zero-width characters.
func Width(s string) int {
	if n, ok := narrowWidth(s); ok {
		return n
	}
	return ansi.StringWidth(s)
}

// narrowWidth is the fast path of width; ok is false when it cannot tell.
func narrowWidth(s string) (n int, ok bool) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			// Only CSI sequences (ESC [ params final) are skipped here.
			if i+1 >= len(s) || s[i+1] != '[' {
				return 0, false
			}
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			if j >= len(s) {
				return 0, false
			}
			i = j + 1
		case c >= 0x20 && c < 0x7f:
			n++
			i++
		case c < 0x80:
			return 0, false // other control characters
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !oneCell(r) {
				return 0, false
			}
			n++
			i += size
		}
	}
	return n, true
}

// oneCell reports runes that are surely one cell wide and never combine.
func oneCell(r rune) bool {
	switch {
	case r >= 0xa0 && r <= 0x2ff: // Latin-1 supplement, Latin extended, spacing modifiers
		return r != 0xad // soft hyphen
	case r >= 0x2010 && r <= 0x2027, r == 0x2039, r == 0x203a: // dashes, quotes, bullet, ellipsis, ‹ ›
		return true
	case r >= 0x2190 && r <= 0x21ff: // arrows
		return true
	case r >= 0x2500 && r <= 0x25ff: // box drawing, blocks, geometric shapes
		return true
	case r == 0x2717 || r == 0xfffd: // ✗, replacement character
		return true
	}
	return false
}

// Truncate cuts s to at most w cells, ending in "…" when it was cut.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n, narrow := narrowWidth(s)
	if !narrow {
		n = ansi.StringWidth(s)
	}
	if n <= w {
		return s
	}
	if narrow && strings.IndexByte(s, 0x1b) < 0 {
		// One cell per rune: cut after w-1 runes.
		cells := 0
		for i := range s {
			if cells == w-1 {
				return s[:i] + "…"
			}
			cells++
		}
	}
	return ansi.Truncate(s, w, "…")
}

// Fit truncates or pads s to exactly w cells.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = Truncate(s, w)
	if n := Width(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// FitRight is Fit, aligned to the right.
func FitRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = Truncate(s, w)
	if n := Width(s); n < w {
		s = strings.Repeat(" ", w-n) + s
	}
	return s
}

// Wrap breaks plain text into lines of at most w cells, at word boundaries
// where it can, hard where a word is longer than the line.
func Wrap(s string, w int) []string {
	if w <= 0 || s == "" {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		wrapped := ansi.Wrap(para, w, "")
		for _, l := range strings.Split(wrapped, "\n") {
			out = append(out, strings.TrimRight(l, " "))
		}
	}
	return out
}

// Block makes lines exactly h long, each exactly w cells wide: longer lists
// are cut, shorter ones padded with blank lines.
func Block(lines []string, w, h int) []string {
	if h <= 0 {
		return nil
	}
	out := make([]string, h)
	blank := strings.Repeat(" ", max(w, 0))
	for i := range out {
		if i < len(lines) {
			out[i] = Fit(lines[i], w)
		} else {
			out[i] = blank
		}
	}
	return out
}

// Strip removes escape sequences, to restyle a whole line.
func Strip(s string) string { return ansi.Strip(s) }
