package tui

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/store"
)

// Another process (the CLI, a second TUI) may write to the same database
// while the TUI is open. The TUI looks for that when the user moves to
// another question and when the dashboard or differences screen opens:
// store.Changed asks SQLite's data_version, which costs no I/O, and only when
// another connection has committed since the last look are the assessment and
// its answers read again. There is no timer and no polling loop.

// refreshedMsg is the result of one look for changes made elsewhere.
type refreshedMsg struct {
	seq     uint64 // the look's place in the write queue
	id      string
	changed bool // another process committed since the last look
	a       model.Assessment
	answers []model.Answer
	err     error
}

// refreshedMsg does not implement failer on purpose: a failed look is shown,
// but it is no unsaved change and must not hold up quitting.

// checkChanged queues a look for changes made elsewhere. It runs in the write
// queue, after every write the user made before it, so what it reads already
// holds them. Looks still queued are replaced by the newest one.
func checkChanged(c *common, id string) tea.Cmd {
	if c.store == nil || id == "" {
		return nil
	}
	st := c.store
	_, cmd := c.w.enqueue("read:changed:"+id, func(ctx context.Context, seq uint64) tea.Msg {
		changed, err := st.Changed(ctx)
		if err != nil {
			return refreshedMsg{seq: seq, id: id, err: err}
		}
		if !changed {
			return nil
		}
		a, err := st.Get(ctx, id)
		if err != nil {
			return refreshedMsg{seq: seq, id: id, changed: true, err: err}
		}
		answers, err := st.Answers(ctx, id)
		return refreshedMsg{seq: seq, id: id, changed: true, a: a, answers: answers, err: err}
	})
	return cmd
}

// refreshed merges what another process wrote into the screen. The store's
// answers become the confirmed answers, except where a save of ours reported
// after the read (it is newer). Changes still on their way or that failed are
// kept: they are shown over the confirmed answers as before and saved as
// before. An open note editor keeps its text; the user is told if the note
// under it changed.
func (q questionnaire) refreshed(msg refreshedMsg) questionnaire {
	if msg.id != q.id || q.loading {
		return q
	}
	if msg.err != nil {
		switch {
		case errors.Is(msg.err, store.ErrNotFound):
			q.status, q.statusErr = "✗ another session deleted this assessment; changes here cannot be saved", true
		case !q.statusErr: // a save's failure on show says more
			q.status, q.statusErr = "cannot look for changes made elsewhere: "+inert(msg.err.Error()), true
		}
		return q
	}
	if !msg.changed {
		return q
	}
	fresh := model.NewAnswers(msg.answers)
	for k, s := range q.saves {
		if s.okSeq > msg.seq { // our save reported after the read: ours is newer
			if a, ok := q.answers[k]; ok {
				fresh[k] = a
			} else {
				delete(fresh, k)
			}
		}
	}
	// What the user sees of each framework's current question, before.
	before := make([]model.Answer, len(q.fws))
	for i, v := range q.fws {
		if len(v.qs) > 0 {
			before[i], _ = q.shown(v.key())
		}
	}
	var noteBefore model.Answer
	if q.mode == qNote {
		noteBefore = q.answers.Get(q.noteKey.Framework, q.noteKey.Question)
	}
	n := 0
	for k, a := range fresh {
		if !sameAnswer(a, q.answers.Get(k.Framework, k.Question)) {
			n++
		}
	}
	for k, a := range q.answers {
		if _, ok := fresh[k]; !ok && !sameAnswer(a, model.Answer{Level: model.Unanswered}) {
			n++
		}
	}
	q.answers = fresh
	q.a.Name, q.a.Target = msg.a.Name, msg.a.Target
	for i, v := range q.fws {
		q.rescore(v)
		if len(v.qs) == 0 {
			continue
		}
		if after, _ := q.shown(v.key()); after.Level != before[i].Level && !(i == q.fi && q.mode == qReason) {
			v.picker = pickerOf(after.Level)
		}
	}
	q.stale = true
	if n == 0 {
		return q
	}
	q.status, q.statusErr = fmt.Sprintf("%d answer(s) changed in another session; shown here", n), false
	if q.mode == qNote {
		if now := q.answers.Get(q.noteKey.Framework, q.noteKey.Question); now.Note != noteBefore.Note {
			q.status, q.statusErr = "another session changed this note meanwhile; esc saves yours over it", false
		}
	}
	return q
}

// sameAnswer compares what the screen shows of two answers.
func sameAnswer(a, b model.Answer) bool {
	return a.Level == b.Level && a.Note == b.Note && a.Flagged == b.Flagged
}
