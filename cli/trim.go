package cli

import (
	"bytes"
	"io"
)

// trimWriter drops the blanks at the end of each line. fang pads help text
// to the terminal's width, and to 120 columns when stdout is a pipe or a
// file, so `assay --help | less` on an 80-column screen showed an empty row
// under every line. Blanks are held back until something other than a line
// end follows them, so a line split across writes keeps its inner blanks.
type trimWriter struct {
	w       io.Writer
	pending int // blanks held back
	buf     []byte
}

func (t *trimWriter) Write(p []byte) (int, error) {
	t.buf = t.buf[:0]
	for _, c := range p {
		switch c {
		case ' ':
			t.pending++
		case '\n':
			t.pending = 0
			t.buf = append(t.buf, c)
		default:
			t.buf = append(t.buf, bytes.Repeat([]byte{' '}, t.pending)...)
			t.pending = 0
			t.buf = append(t.buf, c)
		}
	}
	if _, err := t.w.Write(t.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}
