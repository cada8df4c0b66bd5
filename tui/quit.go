package tui

// Leaving the app: everything typed or queued reaches the disk first.

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/tui/cells"
)

// quit saves what was typed, retries failed saves and records the position,
// all through the write queue, then flushes the queue and quits once
// everything is on disk (see flushedMsg).
func (m Model) quit() (Model, tea.Cmd) {
	if m.forceQuit {
		return m, tea.Quit
	}
	if m.quitting {
		return m, nil
	}
	m.quitting = true
	m = m.queueLeftovers()
	m.status = statusMsg{"saving…", false}
	w := m.c.db.w
	return m, func() tea.Msg {
		results, failures := w.flush()
		return flushedMsg{results, failures}
	}
}

// queueLeftovers queues what only the screens know about: text typed and
// not yet saved, changes whose save failed, the current position.
func (m Model) queueLeftovers() Model {
	m.stack = append([]screen(nil), m.stack...)
	for i, s := range m.stack {
		if l, ok := s.(leaver); ok {
			m.stack[i], _ = l.leave()
		}
	}
	if m.sess.ready() {
		m.sess.retryFailed()
		m.sess.saveResume()
	}
	return m
}

// unsavedProblem says what did not reach the disk, or "".
func (m Model) unsavedProblem(results []tea.Msg) string {
	if n := len(m.sess.unsaved()); n > 0 {
		return fmt.Sprintf("✗ %d answer(s) not saved", n)
	}
	for _, r := range results {
		if _, isAnswer := r.(answerSavedMsg); isAnswer {
			continue // judged above from the session's bookkeeping
		}
		if f, ok := r.(failer); ok && f.failed() != nil {
			return "✗ not saved: " + cells.Inert(f.failed().Error())
		}
	}
	return ""
}

// Finish writes whatever is still queued after the program ended; a
// program run by someone else than Run (an SSH server) calls it with the
// final model.
func (m Model) Finish() error { return m.finish() }

// finish writes whatever is still queued after the program ended.
func (m Model) finish() error {
	if m.c == nil {
		return nil
	}
	m = m.queueLeftovers()
	results, failures := m.c.db.w.flush()
	for _, r := range append(results, failures...) {
		m = m.apply(r)
	}
	if ks := m.sess.unsaved(); len(ks) > 0 {
		var names []string
		var err error
		for _, k := range ks {
			names = append(names, k.Qualified())
			if s := m.sess.saves[k]; s != nil && s.err != nil {
				err = s.err
			}
		}
		return fmt.Errorf("%d answer(s) could not be saved (%s): %w", len(ks), strings.Join(names, ", "), err)
	}
	return nil
}
