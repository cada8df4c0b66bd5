package tui

import (
	"context"
	"runtime/debug"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// holdGC turns the collector off under a heap limit, and what it returns
// puts back the settings it found, once.
func TestHoldGCPutsBackTheSettings(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(150))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 40))
	resume := holdGC()
	if p := gcPercent(); p != -1 {
		t.Errorf("held: GC percent %d", p)
	}
	if l := debug.SetMemoryLimit(-1); l != startHeap {
		t.Errorf("held: memory limit %d", l)
	}
	resume()
	if p := gcPercent(); p != 150 {
		t.Errorf("resumed: GC percent %d", p)
	}
	debug.SetGCPercent(70) // a later change stays
	resume()
	if p := gcPercent(); p != 70 {
		t.Errorf("resumed twice: GC percent %d", p)
	}
	if l := debug.SetMemoryLimit(-1); l != 1<<40 {
		t.Errorf("resumed: memory limit %d", l)
	}
}

func gcPercent() int {
	p := debug.SetGCPercent(0)
	debug.SetGCPercent(p)
	return p
}

// Run starts the first screen's read before the program does (underway).
// Init then hands over that read rather than queuing a second one, and the
// read is still the write queue's first job: a rename queued after it is not
// in what it read, as when Init queued the read.
func TestFirstReadIsUnderwayBeforeTheProgram(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Before")
	m := newModel(Options{Store: st, Catalog: testCatalog(t), Actor: "test (tui)"}, clock, true)
	m.firstRead = underway(m.firstLoad())
	rename := m.c.db.rename(a.ID, "After")
	renamed := rename() // runs the oldest job first: the read, if not yet taken

	var msgs []tea.Msg
	collect(m.Init(), &msgs)
	collect(func() tea.Msg { return renamed }, &msgs)
	collect(rename, &msgs) // whichever job is left
	var read *summariesMsg
	for _, msg := range msgs {
		if s, ok := msg.(summariesMsg); ok {
			if read != nil {
				t.Fatal("the list was read twice")
			}
			read = &s
		}
	}
	if read == nil || read.err != nil {
		t.Fatalf("no list read: %+v", read)
	}
	if got := read.list.Assessment(0).Name; got != "Before" {
		t.Errorf("the first read saw %q, a change queued after it", got)
	}
	if list, _ := st.List(context.Background()); list[0].Name != "After" {
		t.Errorf("the rename was not made: %q", list[0].Name)
	}
}

// collect runs cmd and every command it batches, appending their messages.
func collect(cmd tea.Cmd, msgs *[]tea.Msg) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			collect(c, msgs)
		}
	case nil:
	default:
		*msgs = append(*msgs, msg)
	}
}
