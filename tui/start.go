package tui

import (
	"runtime/debug"
	"sync"

	"github.com/charmbracelet/x/ansi"
)

// What Prepare and Run do so that the first frame comes sooner; each was measured on
// the first frame of a 200-assessment database (issue 13).

// Prepare starts on another core what the first frame needs and nothing
// before it does: the caller runs it while the database opens, so that it is
// done by the time the first screen is drawn (it took 5 ms off the first
// frame against starting it in Run; issue 13).
func Prepare() { go warmWidths() }

// warmWidths makes the renderer's character-width table ready before the
// first frame needs it. Bubble Tea measures every rune above U+02FF through
// go-runewidth, whose first such lookup builds a 2 MB table: 5-15 ms of
// writing fresh memory, which would otherwise fall inside the first frame
// (the home screen's lines hold "…", "•" and "▸"). Run in the background
// while the program starts and the list is read, it uses the other core.
func warmWidths() { ansi.StringWidthWc("─") }

// holdGC keeps the garbage collector off until the returned function is
// called (when the first screen has its data; Run calls it on the way out
// too), unless the heap reaches startHeap first. Start-up allocates mostly
// what it keeps (the catalog, SQLite's cache, the renderer's buffers): at the
// default 4 MB goal two collections ran before the first frame, freeing
// little, and each stopped the program until warmWidths's long copies ended
// (9-14 ms).
func holdGC() (resume func()) {
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(-1) // reads it
	debug.SetMemoryLimit(min(limit, startHeap))
	return sync.OnceFunc(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}

// startHeap bounds the heap while holdGC holds the collector: with it off,
// reaching this limit is what starts a collection.
const startHeap = 64 << 20
