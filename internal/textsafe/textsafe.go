// Package textsafe makes user text (names, notes, reasons) harmless to show:
// on a terminal, in a report or in a spreadsheet. What is stored is never
// changed; only what is shown.
package textsafe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Replacement is shown in place of a character that could act on a terminal
// or reorder the text around it.
const Replacement = '�'

// Unsafe reports the characters that are shown as Replacement: control
// characters (so every escape sequence, C0 and C1 alike), bidirectional
// controls (they would reorder the rest of the line) and the line and
// paragraph separators. Tab, newline and carriage return are controls too;
// Clean decides what they become.
func Unsafe(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029'
}

// Clean returns s with every unsafe character and every invalid UTF-8 byte
// replaced by Replacement and tabs made spaces. With keepNewlines, line breaks
// (\n, \r\n, \r) become \n; without, they become spaces.
func Clean(s string, keepNewlines bool) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, w := 0, 0; i < len(s); i += w {
		r, width := utf8.DecodeRuneInString(s[i:])
		w = width
		switch {
		case r == utf8.RuneError && width <= 1:
			b.WriteRune(Replacement)
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			// CRLF: the \n that follows stands for both.
		case r == '\n' || r == '\r':
			if keepNewlines {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t':
			b.WriteByte(' ')
		case Unsafe(r):
			b.WriteRune(Replacement)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPlain reports printable ASCII, which needs no work.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}
