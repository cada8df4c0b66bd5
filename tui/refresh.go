package tui

import (
	"fmt"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// refreshed merges what another process wrote into the session (see
// db.checkChanged) and returns what to tell the user. The store's answers
// become the confirmed answers, except where a save of ours reported after
// the read (it is newer). Changes still on their way or that failed are
// kept: they are shown over the confirmed answers as before and saved as
// before. A picker whose answer changed under it follows the new answer.
func (s *session) refreshed(msg refreshedMsg, editing model.Key) (text string, isErr bool) {
	if msg.id != s.id || s.loading {
		return "", false
	}
	if msg.err != nil {
		if msg.gone {
			return "✗ another session deleted this assessment; changes here cannot be saved", true
		}
		return "cannot look for changes made elsewhere: " + cells.Inert(msg.err.Error()), true
	}
	if !msg.changed {
		return "", false
	}
	fresh := model.NewAnswers(msg.answers)
	for k, st := range s.saves {
		if st.okSeq > msg.seq { // our save reported after the read: ours is newer
			if a, ok := s.answers[k]; ok {
				fresh[k] = a
			} else {
				delete(fresh, k)
			}
		}
	}
	noteBefore := s.answers.Get(editing.Framework, editing.Question).Note
	// Count what others changed: not a question where a save of ours ran
	// before the read (what differs there may be ours, not yet reported).
	ours := func(k model.Key) bool {
		st := s.saves[k]
		return st != nil && max(st.sent[fLevel], st.sent[fNote], st.sent[fFlag]) < msg.seq && st.anyPending()
	}
	n := 0
	for k, a := range fresh {
		if !a.Same(s.answers.Get(k.Framework, k.Question)) && !ours(k) {
			n++
		}
	}
	for k, a := range s.answers {
		if _, ok := fresh[k]; !ok && !a.Empty() && !ours(k) {
			n++
		}
	}
	s.answers = fresh
	s.setDisputes(msg.disputes)
	s.setActions(msg.actions)
	s.a.Name, s.a.Target = msg.a.Name, msg.a.Target
	for _, v := range s.fws {
		s.rescore(v)
		if len(v.qs) == 0 {
			continue
		}
		if now, _ := s.seen(v.key()); now.Level != v.pickedFrom {
			s.syncPicker(v)
		}
	}
	s.stale = true
	if n == 0 {
		return "", false
	}
	if editing.Framework != "" && s.answers.Get(editing.Framework, editing.Question).Note != noteBefore {
		return "another session changed this note meanwhile; esc saves yours over it", false
	}
	return fmt.Sprintf("%d answer(s) changed in another session; shown here", n), false
}
