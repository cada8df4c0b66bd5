package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// scroller is the first line shown of a page taller than the screen.
type scroller struct{ off int }

// scroll moves by a key of k; it reports whether the key was one of them.
func (s *scroller) scroll(msg tea.KeyPressMsg, k ScrollKeys, lines, height int) bool {
	return s.scrollBy(msg, k.Up, k.Down, k.PageUp, k.PageDown, lines, height)
}

// scrollBy moves a line or a page by the given keys.
func (s *scroller) scrollBy(msg tea.KeyPressMsg, up, down, pgUp, pgDown key.Binding, lines, height int) bool {
	page := max(height-1, 1)
	switch {
	case key.Matches(msg, up):
		s.off--
	case key.Matches(msg, down):
		s.off++
	case key.Matches(msg, pgUp):
		s.off -= page
	case key.Matches(msg, pgDown):
		s.off += page
	default:
		return false
	}
	s.off = clamp(s.off, 0, lines-height)
	return true
}

// window is the lines on screen, and what the header says of where they are.
func (s scroller) window(lines []string, height int) ([]string, string) {
	if len(lines) <= height {
		return lines, ""
	}
	off := clamp(s.off, 0, len(lines)-height)
	return lines[off : off+height], fmt.Sprintf("lines %d-%d of %d", off+1, off+height, len(lines))
}
