package tui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// replacement is drawn in place of a control character in user text.
const replacement = '�'

// inert makes text safe to draw on one line: control characters (escape
// sequences included), bidirectional overrides and invalid UTF-8 become a
// visible replacement character, tabs and newlines become spaces. The text is
// stored as typed; only what is drawn changes.
func inert(s string) string { return sanitize(s, false) }

// inertLines is inert but keeps line breaks.
func inertLines(s string) string { return sanitize(s, true) }

func sanitize(s string, keepNewlines bool) string {
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
			b.WriteRune(replacement)
		case r == '\n' && keepNewlines:
			b.WriteByte('\n')
		case r == '\r' && keepNewlines:
			if i+1 < len(s) && s[i+1] == '\n' {
				continue // CRLF: the \n follows
			}
			b.WriteByte('\n')
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029':
			b.WriteRune(replacement)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// width is the number of cells s takes, escape sequences ignored. Text made
// only of ASCII, Latin letters, common punctuation, arrows, box drawing,
// blocks and shapes (all one cell, no combining marks) and SGR sequences is
// measured directly; anything else goes through ansi.StringWidth, which
// handles graphemes, wide and zero-width characters.
func width(s string) int {
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

// truncate cuts s to at most w cells, ending in "…" when it was cut.
func truncate(s string, w int) string {
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

// fit truncates or pads s to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = truncate(s, w)
	if n := width(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// fitRight is fit, aligned to the right.
func fitRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = truncate(s, w)
	if n := width(s); n < w {
		s = strings.Repeat(" ", w-n) + s
	}
	return s
}

// wrap breaks plain text into lines of at most w cells, at word boundaries
// where it can, hard where a word is longer than the line.
func wrap(s string, w int) []string {
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

// block makes lines exactly h long, each exactly w cells wide: longer lists
// are cut, shorter ones padded with blank lines.
func block(lines []string, w, h int) []string {
	if h <= 0 {
		return nil
	}
	out := make([]string, h)
	blank := strings.Repeat(" ", max(w, 0))
	for i := range out {
		if i < len(lines) {
			out[i] = fit(lines[i], w)
		} else {
			out[i] = blank
		}
	}
	return out
}

// clamp limits v to [lo, hi].
func clamp(v, lo, hi int) int {
	if hi < lo {
		return lo
	}
	return min(max(v, lo), hi)
}

// ansiStrip removes escape sequences (to restyle a whole line).
func ansiStrip(s string) string { return ansi.Strip(s) }
