package noteeditor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/assaytui/assay/tui/cells"
)

// Soft wrapping, worked out lazily line by line, grapheme clusters, words,
// and drawing.

// wrapTo works out line i's rows until the row holding byte offset off is
// known (off = len(line): the last row), or until row seg exists.
func (e *Editor) wrapTo(i, off, seg int) *wrapped {
	w := &e.wraps[i]
	line := e.lines[i]
	for !w.done && (w.starts[len(w.starts)-1] <= off || len(w.starts) <= seg) {
		s := w.starts[len(w.starts)-1]
		end := nextBreak(line, s, e.wrapW)
		if end >= len(line) {
			w.done = true
			break
		}
		w.starts = append(w.starts, end)
	}
	return w
}

// segOf is the row of line i that holds byte offset off.
func (e *Editor) segOf(i, off int) int {
	w := e.wrapTo(i, off, 0)
	j := len(w.starts) - 1
	for j > 0 && w.starts[j] > off {
		j--
	}
	return j
}

// bounds is the byte range of a row and whether it is the line's last row.
func (e *Editor) bounds(p pos) (from, to int, last bool) {
	w := e.wrapTo(p.line, -1, p.seg+1)
	from = w.starts[min(p.seg, len(w.starts)-1)]
	if p.seg+1 < len(w.starts) {
		return from, w.starts[p.seg+1], false
	}
	return from, len(e.lines[p.line]), true
}

// next is the row after p; ok is false at the end of the text.
func (e *Editor) next(p pos) (pos, bool) {
	w := e.wrapTo(p.line, -1, p.seg+1)
	if p.seg+1 < len(w.starts) {
		return pos{p.line, p.seg + 1}, true
	}
	if p.line+1 < len(e.lines) {
		return pos{p.line + 1, 0}, true
	}
	return p, false
}

// prev is the row before p; ok is false at the start of the text.
func (e *Editor) prev(p pos) (pos, bool) {
	if p.seg > 0 {
		return pos{p.line, p.seg - 1}, true
	}
	if p.line == 0 {
		return p, false
	}
	l := p.line - 1
	w := e.wrapTo(l, len(e.lines[l]), 0)
	return pos{l, len(w.starts) - 1}, true
}

// wordLeft is the start of the word before off (spaces skipped first).
func wordLeft(line string, off int) int {
	i := off
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(line[:i])
		if !unicode.IsSpace(r) {
			break
		}
		i -= n
	}
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(line[:i])
		if unicode.IsSpace(r) {
			break
		}
		i -= n
	}
	return i
}

// wordRight is the end of the word after off (spaces skipped first).
func wordRight(line string, off int) int {
	i := off
	for i < len(line) {
		r, n := utf8.DecodeRuneInString(line[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	for i < len(line) {
		r, n := utf8.DecodeRuneInString(line[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += n
	}
	// Land on a grapheme boundary: a combining mark belongs to the word.
	for i < len(line) {
		n, w := clusterAt(line[i:])
		if w > 0 || n == 0 {
			break
		}
		i += n
	}
	return i
}

// clusterAt is the length in bytes of the grapheme cluster s starts with and
// the cells it takes when drawn (inert).
func clusterAt(s string) (n, w int) {
	if s == "" {
		return 0, 0
	}
	if c := s[0]; c < 0x80 && (len(s) == 1 || s[1] < 0x80 || c < 0x20) {
		return 1, 1 // ASCII; a control character is drawn as one cell
	}
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 || cells.Replaced(r) {
		return size, 1
	}
	g, _ := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
	// A cluster never swallows a byte inert would draw on its own.
	for i, r := range g {
		if i > 0 && (r == utf8.RuneError || cells.Replaced(r)) {
			g = g[:i]
			break
		}
	}
	if g == "" {
		g = s[:size]
	}
	return len(g), cells.Width(cells.Inert(g))
}

// cellsOf is the cells s takes when drawn, cluster by cluster.
func cellsOf(s string) int {
	total := 0
	for i := 0; i < len(s); {
		n, w := clusterAt(s[i:])
		i += n
		total += w
	}
	return total
}

// nextBreak is where the row starting at byte offset s of line ends when a
// row holds w cells: after the last space that fits, or (a word longer than
// the row) at the last cluster that fits. A space that does not fit hangs
// at the end of its row, in the cell kept for the cursor.
func nextBreak(line string, s, w int) int {
	used, lastBreak := 0, -1
	for i := s; i < len(line); {
		n, cw := clusterAt(line[i:])
		if used+cw > w {
			switch {
			case line[i] == ' ':
				return i + 1
			case lastBreak > s:
				return lastBreak
			case i == s:
				return i + n // one cluster wider than the row
			}
			return i
		}
		used += cw
		i += n
		if line[i-n] == ' ' {
			lastBreak = i
		}
	}
	return len(line)
}

// View draws the rows on screen, each exactly the editor's width.
func (e Editor) View() string {
	st := e.styles
	prompt := st.Prompt.Render(e.Prompt)
	textW := max(e.width-cells.Width(e.Prompt), 1)
	out := make([]string, 0, e.height)
	if len(e.lines) == 1 && e.lines[0] == "" && e.Placeholder != "" {
		ph := cells.Truncate(e.Placeholder, textW)
		first, rest := " ", ""
		if ph != "" {
			_, size := utf8.DecodeRuneInString(ph)
			first, rest = ph[:size], ph[size:]
		}
		row := st.Placeholder.Render(first)
		if e.focused {
			row = st.Cursor.Render(first)
		}
		out = append(out, prompt+cells.Fit(row+st.Placeholder.Render(rest), textW))
	} else {
		cur := e.cursor()
		p, ok := e.top, true
		if p.line >= len(e.lines) {
			p = pos{}
		}
		for len(out) < e.height && ok {
			from, to, _ := e.bounds(p)
			text := e.lines[p.line][from:to]
			var row string
			if e.focused && p == cur {
				at := e.col - from
				n, _ := clusterAt(text[at:])
				under := " "
				if n > 0 {
					under = cells.Inert(text[at : at+n])
				}
				row = st.CursorLine.Render(cells.Inert(text[:at])) + st.Cursor.Render(under) + st.CursorLine.Render(cells.Inert(text[at+n:]))
			} else {
				row = st.Text.Render(cells.Inert(text))
			}
			out = append(out, prompt+cells.Fit(row, textW))
			p, ok = e.next(p)
		}
	}
	blank := prompt + strings.Repeat(" ", textW)
	for len(out) < e.height {
		out = append(out, blank)
	}
	return strings.Join(out, "\n")
}
