package tui

import (
	"context"
	"errors"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
)

type doneMsg struct{ n int }

func TestWriterRunsInOrderAndCoalesces(t *testing.T) {
	w := &writer{}
	var mu sync.Mutex
	var ran []int
	job := func(n int) func(context.Context, uint64) tea.Msg {
		return func(context.Context, uint64) tea.Msg {
			mu.Lock()
			ran = append(ran, n)
			mu.Unlock()
			return doneMsg{n}
		}
	}
	var cmds []tea.Cmd
	for i, key := range []string{"", "resume:a", "resume:a", "", "resume:b", "resume:a"} {
		_, cmd := w.enqueue(key, job(i))
		cmds = append(cmds, cmd)
	}
	if n := w.pending(); n != 4 {
		t.Fatalf("%d queued; the resume:a writes should coalesce to the last", n)
	}
	// Commands run concurrently, as Bubble Tea runs them; jobs still run one
	// at a time in order.
	var wg sync.WaitGroup
	for _, c := range cmds {
		wg.Add(1)
		go func() { defer wg.Done(); c() }()
	}
	wg.Wait()
	want := []int{0, 3, 4, 5}
	if len(ran) != len(want) {
		t.Fatalf("ran %v", ran)
	}
	for i := range want {
		if ran[i] != want[i] {
			t.Fatalf("ran %v, want %v", ran, want)
		}
	}
}

func TestWriterFlushReportsFailures(t *testing.T) {
	w := &writer{}
	boom := errors.New("disk full")
	w.enqueue("", func(context.Context, uint64) tea.Msg { return resumeSavedMsg{err: boom} })
	w.step() // ran earlier; its message might not have arrived yet
	w.enqueue("", func(context.Context, uint64) tea.Msg { return resumeSavedMsg{} })
	results, failures := w.flush()
	if len(results) != 1 || len(failures) != 1 || failures[0].(resumeSavedMsg).err != boom {
		t.Fatalf("results %v failures %v", results, failures)
	}
	if w.pending() != 0 {
		t.Fatal("queue not empty after flush")
	}
}

// Run's last step writes what the program left queued, whatever ended it.
func TestFinishWritesLeftovers(t *testing.T) {
	st := testStore(t)
	a := create(t, st, "Acme")
	m := newTest(t, st, a.ID, 80, 24)
	// Answer without running the save command: as if the program ended first.
	m, _ = m.update(keyMsg("5"))
	m, _ = m.update(keyMsg("l"))
	m, _ = m.update(keyMsg("e"))
	m, _ = m.update(tea.PasteMsg{Content: "typed, never left with esc"})
	if err := m.finish(); err != nil {
		t.Fatal(err)
	}
	if got := stored(t, st, a.ID, iso, "4.1.q1").Level; got != 5 {
		t.Fatalf("level %v", got)
	}
	if got := stored(t, st, a.ID, iso, "4.1.q2").Note; got != "typed, never left with esc" {
		t.Fatalf("note %q", got)
	}
	got, _ := st.Get(context.Background(), a.ID)
	if _, q := got.Resume(); q != "4.1.q2" {
		t.Fatalf("resume %s", q)
	}
	// A failure is reported, not swallowed.
	m, _ = m.update(keyMsg("esc"))
	st.Close()
	m, _ = m.update(keyMsg("3"))
	if err := m.finish(); err == nil {
		t.Fatal("finish hid a failed save")
	}
}

func TestCopyChangeDetaches(t *testing.T) {
	l := model.Level(3)
	ch := detach(model.Change{Level: &l})
	l = 1
	if *ch.Level != 3 {
		t.Fatal("the change follows the caller's variable")
	}
}
