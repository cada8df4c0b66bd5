package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// scroller is the first line shown of a page taller than the screen.
type scroller struct{ off int }

// scroll moves by a key of k, a line or a page (screen.go's scrollKeys).
func (s *scroller) scroll(msg tea.KeyPressMsg, k ScrollKeys, lines, height int) {
	s.off = scrollKeys{k.Up, k.Down, k.PageUp, k.PageDown}.scroll(msg, s.off, max(height, 1), lines)
}

// window is the lines on screen, and what the header says of where they are.
func (s scroller) window(lines []string, height int) ([]string, string) {
	if len(lines) <= height {
		return lines, ""
	}
	off := clamp(s.off, 0, len(lines)-height)
	return lines[off : off+height], fmt.Sprintf("lines %d-%d of %d", off+1, off+height, len(lines))
}
