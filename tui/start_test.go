package tui

import (
	"runtime/debug"
	"testing"
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
