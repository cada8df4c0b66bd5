package tui

import (
	"runtime/debug"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
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

// FramesPerSecond is how often Bubble Tea may draw, in every program that
// runs this app (Run, the facilitator's in room, the guests' in serve).
// Bubble Tea draws only on its ticker, so a new screen waits up to one
// interval for it. At its default of 60 the home screen's first frame waited
// 6-9 ms with its data ready; at 120, its maximum, the first frame came 10 ms
// sooner (55.4 -> 45.7 ms, scripts/first-frame, issue 13) and every key's
// screen up to 8 ms sooner. The price is the ticker's wakeups: idle on the
// home screen the app used 1.65-1.85% of a core instead of 1.0-1.25%.
const FramesPerSecond = 120

// firstFrameDrawn is how long after its data the first screen is surely on
// the terminal: one frame interval to the next tick, the drawing itself
// (3-5 ms on a 120x40 screen), and a margin for a busy machine. Started at
// once, the check held back the first frame by about 5 ms (scripts/first-frame,
// issue 13).
const firstFrameDrawn = 4 * time.Second / FramesPerSecond

// underway runs cmd now, on a goroutine of its own, and returns the command
// that hands over its message. Run starts the first screen's read this way
// before the program starts, so that reading and setting up the terminal
// overlap (issue 13); it is the first job of the write queue either way.
func underway(cmd tea.Cmd) tea.Cmd {
	msg := make(chan tea.Msg, 1)
	go func() { msg <- cmd() }()
	return func() tea.Msg { return <-msg }
}

// started runs, once the first screen has its data and has been drawn, what
// would otherwise compete with reading and drawing it: the store's check of
// the whole file, which asking for its verdict starts, and the garbage
// collector. A write asks for the verdict itself, so none waits for this.
func (m Model) started() (Model, tea.Cmd) {
	if m.begun {
		return m, nil
	}
	m.begun = true
	cmd := m.c.db.verified()
	if resume := m.resumeGC; resume != nil {
		cmd = tea.Batch(cmd, func() tea.Msg { resume(); return nil })
	}
	return m, func() tea.Msg {
		time.Sleep(firstFrameDrawn)
		return cmd()
	}
}
