package tui

import "github.com/charmbracelet/x/ansi"

// warmWidths makes the renderer's character-width table ready before the
// first frame needs it. Bubble Tea measures every rune above U+02FF through
// go-runewidth, whose first such lookup builds a 2 MB table: 5-15 ms of
// writing fresh memory, which would otherwise fall inside the first frame
// (the home screen's lines hold "…", "•" and "▸"). Run in the background
// while the program starts and the list is read, it uses the other core.
func warmWidths() { ansi.StringWidthWc("─") }
