package tui

import (
	"errors"
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// The store checks the whole file behind the first screen; a damaged verdict
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

// The check of the whole file starts, and the collector resumes, once the
// first screen has its data, not beside reading it: on the list and on an
// assessment opened directly.
func TestCheckWaitsForTheFirstScreensData(t *testing.T) {
	for _, open := range []bool{false, true} {
		st := testStore(t)
		a := create(t, st, "A")
		st.VerifyInBackground()
		id := ""
		if open {
			id = a.ID
		}
		m := newModel(Options{Store: st, Catalog: testCatalog(t), OpenID: id, Actor: "test (tui)"}, clock, true)
		resumed := 0
		m.resumeGC = func() { resumed++ }
		var data tea.Msg
		for _, msg := range messages(m.Init()) {
			switch msg.(type) {
			case verifiedMsg:
				t.Fatalf("open %v: Init asks for the verdict before the data is read", open)
			case summariesMsg, assessmentMsg:
				data = msg
			}
		}
		if data == nil || resumed != 0 {
			t.Fatalf("open %v: Init reads no data (%v) or resumed the collector (%d)", open, data, resumed)
		}
		m, cmd := m.update(data)
		if !slices.ContainsFunc(messages(cmd), isVerdict) {
			t.Fatalf("open %v: the first data does not ask for the verdict", open)
		}
		if _, cmd = m.update(data); slices.ContainsFunc(messages(cmd), isVerdict) {
			t.Errorf("open %v: the verdict is asked for again", open)
		}
		if resumed != 1 {
			t.Errorf("open %v: the collector resumed %d times", open, resumed)
		}
	}
}

func isVerdict(msg tea.Msg) bool { _, ok := msg.(verifiedMsg); return ok }

// messages runs a command and the batches it returns, without the model.
func messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, messages(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}
