// Package noteeditor is assay's multi-line note editor. It is hand-written
// rather than the bubbles textarea because a key press must cost the same
// whatever the length of the note: about 0.3 ms at 100 KB, where the
// textarea takes about 100 ms (BenchmarkEditor100KB).
package noteeditor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/assaytui/assay/tui/cells"
)

// Editor is the multi-line note editor. It holds exactly what was typed
// or pasted: line breaks (\r\n and \r, as terminals send them) become \n;
// every other character, control characters and invalid UTF-8 included, is
// kept, and drawn through inert. A key press costs the same whatever the
// length of the note: lines are soft-wrapped lazily, only as far as the
// screen needs, an edit re-wraps from the row it touched, and only the rows
// on screen are drawn. (The bubbles textarea re-wraps and re-styles every
// line on each key: 50 ms with a 100 KB note.)
type Editor struct {
	keys   Keys
	styles Styles

	Prompt      string
	Placeholder string

	lines []string  // the text, without its \n
	wraps []wrapped // soft wrap of each line, parallel to lines

	row, col int // cursor: line, byte offset in it (on a grapheme boundary)
	goal     int // cell column kept across up/down moves; -1: none
	top      pos // first row on screen

	width, height int // cells including the prompt, rows
	wrapW         int // cells a row holds (one more is kept for the cursor)
	focused       bool
}

// pos is one screen row of the text: a line and a row of its soft wrap.
type pos struct{ line, seg int }

func (a pos) before(b pos) bool { return a.line < b.line || a.line == b.line && a.seg < b.seg }

// wrapped is the soft wrap of one line, worked out as far as needed: rows
// start at starts (starts[0] is 0); done says the whole line is wrapped.
type wrapped struct {
	starts []int
	done   bool
}

func New(keys Keys, st Styles) Editor {
	e := Editor{keys: keys, styles: st, goal: -1}
	e.Reset()
	return e
}

// SetStyles replaces the styles.
func (e *Editor) SetStyles(st Styles) { e.styles = st }

// Focus shows the cursor; the editor has no blink, so there is no command.
func (e *Editor) Focus() tea.Cmd { e.focused = true; return nil }

// Blur hides the cursor.
func (e *Editor) Blur() { e.focused = false }

// Reset empties the editor.
func (e *Editor) Reset() {
	e.lines, e.wraps = []string{""}, []wrapped{{starts: []int{0}}}
	e.row, e.col, e.goal, e.top = 0, 0, -1, pos{}
}

// SetValue replaces the text; the cursor goes to its end.
func (e *Editor) SetValue(s string) {
	e.Reset()
	e.insert(s)
	e.scroll()
}

// Value is the text.
func (e Editor) Value() string { return strings.Join(e.lines, "\n") }

// SetWidth sets the width, prompt included.
func (e *Editor) SetWidth(w int) {
	e.width = max(w, 1)
	ww := max(e.width-cells.Width(e.Prompt)-1, 1)
	if ww != e.wrapW {
		e.wrapW = ww
		for i := range e.wraps {
			e.wraps[i] = wrapped{starts: []int{0}}
		}
	}
	e.scroll()
}

// SetHeight sets the number of rows shown.
func (e *Editor) SetHeight(h int) {
	e.height = max(h, 1)
	e.scroll()
}

// Update takes a key press or a paste.
func (e Editor) Update(msg tea.Msg) (Editor, tea.Cmd) {
	if !e.focused {
		return e, nil
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		e.goal = -1
		e.insert(msg.Content)
	case tea.KeyPressMsg:
		e.key(msg)
	}
	e.scroll()
	return e, nil
}

func (e *Editor) key(msg tea.KeyPressMsg) {
	k := e.keys
	vertical := key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown)
	if !vertical {
		e.goal = -1
	}
	line := e.lines[e.row]
	switch {
	case key.Matches(msg, k.Newline):
		e.insert("\n")
	case key.Matches(msg, k.Backspace):
		if e.col == 0 {
			e.joinAbove()
		} else {
			e.cut(e.prevBoundary(e.col), e.col)
		}
	case key.Matches(msg, k.Delete):
		if e.col == len(line) {
			e.joinBelow()
		} else {
			n, _ := clusterAt(line[e.col:])
			e.cut(e.col, e.col+n)
		}
	case key.Matches(msg, k.DeleteWordBack):
		if e.col == 0 {
			e.joinAbove()
		} else {
			e.cut(wordLeft(line, e.col), e.col)
		}
	case key.Matches(msg, k.DeleteWordForward):
		if e.col == len(line) {
			e.joinBelow()
		} else {
			e.cut(e.col, wordRight(line, e.col))
		}
	case key.Matches(msg, k.DeleteToEnd):
		if e.col == len(line) {
			e.joinBelow()
		} else {
			e.cut(e.col, len(line))
		}
	case key.Matches(msg, k.DeleteToStart):
		e.cut(0, e.col)
	case key.Matches(msg, k.Left):
		switch {
		case e.col > 0:
			e.col = e.prevBoundary(e.col)
		case e.row > 0:
			e.row--
			e.col = len(e.lines[e.row])
		}
	case key.Matches(msg, k.Right):
		switch {
		case e.col < len(line):
			n, _ := clusterAt(line[e.col:])
			e.col += n
		case e.row < len(e.lines)-1:
			e.row++
			e.col = 0
		}
	case key.Matches(msg, k.WordLeft):
		if e.col == 0 && e.row > 0 {
			e.row--
			e.col = len(e.lines[e.row])
		}
		e.col = wordLeft(e.lines[e.row], e.col)
	case key.Matches(msg, k.WordRight):
		if e.col == len(line) && e.row < len(e.lines)-1 {
			e.row++
			e.col = 0
		}
		e.col = wordRight(e.lines[e.row], e.col)
	case key.Matches(msg, k.LineStart):
		e.col = 0
	case key.Matches(msg, k.LineEnd):
		e.col = len(line)
	case key.Matches(msg, k.First):
		e.row, e.col = 0, 0
	case key.Matches(msg, k.Last):
		e.row = len(e.lines) - 1
		e.col = len(e.lines[e.row])
	case key.Matches(msg, k.Up):
		e.vertical(-1)
	case key.Matches(msg, k.Down):
		e.vertical(1)
	case key.Matches(msg, k.PageUp):
		e.vertical(-max(e.height-1, 1))
	case key.Matches(msg, k.PageDown):
		e.vertical(max(e.height-1, 1))
	default:
		if msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModMeta|tea.ModSuper) == 0 {
			e.insert(msg.Text)
		}
	}
}

// insert puts text at the cursor and moves the cursor after it.
func (e *Editor) insert(text string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	line := e.lines[e.row]
	before, after := line[:e.col], line[e.col:]
	parts := strings.Split(text, "\n")
	if len(parts) == 1 {
		e.setLine(e.row, before+text+after, e.col)
		e.col += len(text)
		return
	}
	last := len(parts) - 1
	e.col = len(parts[last])
	parts[0] = before + parts[0]
	parts[last] += after
	e.setLine(e.row, parts[0], len(before))
	e.lines = append(e.lines[:e.row+1], append(parts[1:], e.lines[e.row+1:]...)...)
	fresh := make([]wrapped, last)
	for i := range fresh {
		fresh[i] = wrapped{starts: []int{0}}
	}
	e.wraps = append(e.wraps[:e.row+1], append(fresh, e.wraps[e.row+1:]...)...)
	e.row += last
}

// cut deletes bytes [from, to) of the cursor's line; the cursor goes to from.
func (e *Editor) cut(from, to int) {
	line := e.lines[e.row]
	e.setLine(e.row, line[:from]+line[to:], from)
	e.col = from
}

// joinAbove joins the cursor's line to the one above (backspace at the start).
func (e *Editor) joinAbove() {
	if e.row == 0 {
		return
	}
	e.row--
	e.col = len(e.lines[e.row])
	e.joinBelow()
}

// joinBelow joins the next line to the cursor's.
func (e *Editor) joinBelow() {
	if e.row >= len(e.lines)-1 {
		return
	}
	e.setLine(e.row, e.lines[e.row]+e.lines[e.row+1], len(e.lines[e.row]))
	e.lines = append(e.lines[:e.row+1], e.lines[e.row+2:]...)
	e.wraps = append(e.wraps[:e.row+1], e.wraps[e.row+2:]...)
}

// setLine replaces line i, changed from byte offset from on: its rows before
// the one holding from stay wrapped.
func (e *Editor) setLine(i int, text string, from int) {
	e.lines[i] = text
	w := &e.wraps[i]
	// Row j-1 ends where its last word no longer fits, which is decided by
	// text before row j: rows up to j-1 keep their starts.
	j := 0
	for j+1 < len(w.starts) && w.starts[j+1] <= from {
		j++
	}
	keep := max(j, 1)
	w.starts = append([]int(nil), w.starts[:keep]...)
	w.done = false
}

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

func (e *Editor) cursor() pos { return pos{e.row, e.segOf(e.row, e.col)} }

// scroll keeps the cursor's row on screen.
func (e *Editor) scroll() {
	if e.wrapW == 0 || e.height == 0 {
		return
	}
	if e.top.line >= len(e.lines) {
		e.top = pos{}
	}
	if w := e.wrapTo(e.top.line, -1, e.top.seg); e.top.seg >= len(w.starts) {
		e.top.seg = len(w.starts) - 1 // the line got shorter
	}
	cur := e.cursor()
	if cur.before(e.top) {
		e.top = cur
		return
	}
	p := e.top
	for n := 1; n < e.height; n++ {
		if p == cur {
			return
		}
		var ok bool
		if p, ok = e.next(p); !ok {
			break
		}
	}
	if p == cur {
		return
	}
	// Below the screen: the cursor's row becomes the last one.
	p = cur
	for n := 1; n < e.height; n++ {
		q, ok := e.prev(p)
		if !ok {
			break
		}
		p = q
	}
	e.top = p
}

// vertical moves the cursor n rows down (up when n < 0), keeping its column.
func (e *Editor) vertical(n int) {
	p := e.cursor()
	from, _, _ := e.bounds(p)
	if e.goal < 0 {
		e.goal = cellsOf(e.lines[e.row][from:e.col])
	}
	moved := false
	for ; n != 0; n -= sign(n) {
		var q pos
		var ok bool
		if n > 0 {
			q, ok = e.next(p)
		} else {
			q, ok = e.prev(p)
		}
		if !ok {
			break
		}
		p, moved = q, true
	}
	if !moved {
		// Already on the first or last row: go to its start or end.
		if n < 0 {
			e.col = 0
		} else {
			e.col = len(e.lines[e.row])
		}
		e.goal = -1
		return
	}
	from, to, last := e.bounds(p)
	line := e.lines[p.line]
	col, used := from, 0
	for col < to {
		n, w := clusterAt(line[col:])
		if used+w > e.goal || (col+n == to && !last) {
			break
		}
		col += n
		used += w
	}
	e.row, e.col = p.line, col
}

func sign(n int) int {
	if n < 0 {
		return -1
	}
	return 1
}

// prevBoundary is the grapheme boundary before byte offset off of the
// cursor's line, found from the start of the row before it.
func (e *Editor) prevBoundary(off int) int {
	line := e.lines[e.row]
	seg := e.segOf(e.row, off-1)
	start := e.wraps[e.row].starts[seg]
	at := start
	for i := start; i < off; {
		at = i
		n, _ := clusterAt(line[i:])
		i += n
	}
	return at
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

// Styles are the note editor's styles.
type Styles struct {
	Prompt, Text, CursorLine, Placeholder, Cursor lipgloss.Style
}
