package tui

import (
	"errors"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// The store checks the whole file beside the first screen; a damaged verdict
// ends the app at once, with that verdict as Run's error.
func TestDamagedVerdictLeavesAtOnce(t *testing.T) {
	m := newTest(t, testStore(t), "", 80, 24)
	m, cmd := m.update(verifiedMsg{})
	if cmd != nil || m.damaged != nil {
		t.Fatalf("a sound verdict changed something: cmd %v damaged %v", cmd, m.damaged)
	}
	boom := errors.New("a.db: the database file is damaged (run assay doctor)")
	m, cmd = m.update(verifiedMsg{boom})
	if m.damaged != boom || cmd == nil {
		t.Fatalf("damaged %v cmd %v", m.damaged, cmd)
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("a damaged verdict does not quit")
	}
}
