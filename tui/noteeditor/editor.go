// Package noteeditor is assay's multi-line note editor. It is hand-written
// rather than the bubbles textarea because a key press must cost the same
// whatever the length of the note: about 0.3 ms at 100 KB, where the
// textarea takes about 100 ms (BenchmarkEditor100KB).
package noteeditor

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

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

// Styles are the note editor's styles.
type Styles struct {
	Prompt, Text, CursorLine, Placeholder, Cursor lipgloss.Style
}
