package tui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// detach copies a change away from the caller's variables.
func detach(ch model.Change) model.Change {
	var out model.Change
	if ch.Level != nil {
		l := *ch.Level
		out.Level = &l
	}
	if ch.Note != nil {
		n := *ch.Note
		out.Note = &n
	}
	if ch.Flagged != nil {
		f := *ch.Flagged
		out.Flagged = &f
	}
	if ch.Seen != nil {
		s := *ch.Seen
		out.Seen = &s
	}
	return out
}

// field indexes one part of an answer, for the save bookkeeping.
type field int

const (
	fLevel field = iota
	fNote
	fFlag
	nFields
)

// fields lists the parts of an answer a change sets.
func fields(ch model.Change) []field {
	var fs []field
	if ch.Level != nil {
		fs = append(fs, fLevel)
	}
	if ch.Note != nil {
		fs = append(fs, fNote)
	}
	if ch.Flagged != nil {
		fs = append(fs, fFlag)
	}
	return fs
}

// saveState is the bookkeeping of one question's saves: which were sent,
// which came back saved, which failed. A field is pending while its newest
// save has not reported; failed while its newest report is a failure (a
// conflict counts as one until the user chooses).
type saveState struct {
	okSeq uint64 // newest successful save of any field: the confirmed answer is its result
	ok    [nFields]uint64
	fail  [nFields]uint64
	sent  [nFields]uint64
	want  model.Answer // the values of the newest save sent for each field
	err   error        // the newest failure
}

func (s *saveState) pending(f field) bool { return s.sent[f] > max(s.ok[f], s.fail[f]) }
func (s *saveState) failed(f field) bool  { return !s.pending(f) && s.fail[f] > s.ok[f] }

func (s *saveState) anyPending() bool {
	return s.pending(fLevel) || s.pending(fNote) || s.pending(fFlag)
}

func (s *saveState) anyFailed() bool {
	return s.failed(fLevel) || s.failed(fNote) || s.failed(fFlag)
}

// conflict is a save the store refused because the answer had changed
// since the user saw it: nothing was written, and the user chooses.
type conflict struct {
	key    model.Key
	mine   model.Change // what the user asked for
	theirs model.Answer // the answer as it is now
}

// session is the open assessment: its answers as the store last said
// (confirmed), the saves on their way, conflicts waiting for a choice,
// where the user is in each framework, and the figures the dashboard and
// differences screens show. The questionnaire, dashboard and differences
// screens share one session by pointer; every write goes through it.
type session struct {
	c       *common
	id      string // the assessment; "" when none is open
	loading bool
	a       model.Assessment
	answers model.Answers // confirmed: as the store last said
	saves   map[model.Key]*saveState
	fws     []*fwView // the assessment's loaded frameworks
	fi      int       // the active one
	missing []string  // the assessment's frameworks that are not loaded

	conflicts []conflict
	disputes  map[model.Key]*model.Disagreement // open disagreements from workshop imports
	actions   map[model.Key]model.Action        // what is planned, by question
	noteKey   model.Key                         // the question whose note is being edited, if any
	lastSaved time.Time
	announce  map[uint64]string // what to say when a save lands

	an    *analysis // the figures of the confirmed answers
	stale bool      // the confirmed answers changed since an was built
}

func newSession(c *common) *session {
	return &session{c: c, saves: map[model.Key]*saveState{}, answers: model.Answers{}}
}

// open starts loading an assessment.
func (s *session) open(id string) tea.Cmd {
	*s = session{c: s.c, id: id, loading: true, saves: map[model.Key]*saveState{}, answers: model.Answers{}}
	return s.c.db.assessment(id)
}

// close forgets the open assessment (the user went back to the list).
func (s *session) close() { *s = *newSession(s.c) }

// load takes an assessment read from the store, at its resume point. It
// returns what to tell the user, if anything.
func (s *session) load(a model.Assessment, answers []model.Answer, disputes []model.Disagreement) string {
	*s = session{c: s.c, id: a.ID, a: a, answers: model.NewAnswers(answers), saves: map[model.Key]*saveState{}}
	s.setDisputes(disputes)
	resumeFw, _ := a.Resume()
	for _, af := range a.Frameworks {
		f, ok := s.c.catalog.Framework(af.ID)
		if !ok {
			s.missing = append(s.missing, af.ID)
			continue
		}
		v := newFwView(f)
		v.setChanges(af.ContentRevision)
		if i := f.QuestionIndex(af.Position); i >= 0 {
			v.cur = i
		}
		if af.ID == resumeFw {
			s.fi = len(s.fws)
		}
		s.fws = append(s.fws, v)
		s.rescore(v)
	}
	s.relate()
	for _, v := range s.fws {
		s.syncPicker(v)
	}
	s.stale = true
	if len(s.missing) > 0 {
		return fmt.Sprintf("framework %s is not loaded here; its answers are kept", cells.Inert(strings.Join(s.missing, ", ")))
	}
	return ""
}

func (s *session) ready() bool { return s.id != "" && !s.loading }

func (s *session) rescore(v *fwView) { v.score = model.ScoreFramework(v.fw, s.answers) }

// active is the framework being worked in, nil when none is loaded.
func (s *session) active() *fwView {
	if !s.ready() || s.fi < 0 || s.fi >= len(s.fws) {
		return nil
	}
	return s.fws[s.fi]
}

// view is the loaded framework with that ID, or nil.
func (s *session) view(id string) (*fwView, int) {
	for i, v := range s.fws {
		if v.fw.ID == id {
			return v, i
		}
	}
	return nil, -1
}

// seen is the answer a new save starts from: the confirmed answer with the
// values of saves still on their way (they are written first).
func (s *session) seen(k model.Key) (model.Answer, *saveState) {
	a := s.answers.Get(k.Framework, k.Question)
	st := s.saves[k]
	if st == nil {
		return a, nil
	}
	if st.pending(fLevel) {
		a.Level = st.want.Level
	}
	if st.pending(fNote) {
		a.Note = st.want.Note
	}
	if st.pending(fFlag) {
		a.Flagged = st.want.Flagged
	}
	return a, st
}

// shown is the answer as the screen shows it: seen, and a note that failed
// to save (its text stays in memory until it is saved or discarded).
func (s *session) shown(k model.Key) (model.Answer, *saveState) {
	a, st := s.seen(k)
	if st != nil && st.failed(fNote) {
		a.Note = st.want.Note
	}
	return a, st
}

// save sends one change of one answer to the store, conditional on the
// answer still being what the user saw.
// Seen is set to the answer as the user saw it, so the store writes
// nothing if it has changed since (a conflict the user then settles).
func (s *session) save(k model.Key, ch model.Change) (uint64, tea.Cmd) {
	seen, _ := s.seen(k)
	ch.Seen = &seen
	seq, cmd := s.c.db.save(s.id, k, ch)
	st := s.saves[k]
	if st == nil {
		st = &saveState{}
		s.saves[k] = st
	}
	for _, f := range fields(ch) {
		st.sent[f] = seq
	}
	if ch.Level != nil {
		st.want.Level = *ch.Level
	}
	if ch.Note != nil {
		st.want.Note = *ch.Note
	}
	if ch.Flagged != nil {
		st.want.Flagged = *ch.Flagged
	}
	return seq, cmd
}

// saved takes a save's result; it returns what to tell the user. It is
// idempotent and order-proof: an older result never overrides a newer one.
func (s *session) saved(msg answerSavedMsg) (text string, isErr bool) {
	st := s.saves[msg.key]
	if st == nil {
		st = &saveState{}
		s.saves[msg.key] = st
	}
	fs := fields(msg.change)
	if msg.err != nil || msg.conflict != nil {
		newest := false
		for _, f := range fs {
			if msg.seq > st.fail[f] {
				st.fail[f] = msg.seq
				newest = true
			}
		}
		if msg.err != nil {
			if newest {
				st.err = msg.err
			}
			return "not saved: " + cells.Inert(msg.err.Error()), true
		}
		if !newest {
			return "", false
		}
		// Nothing was written: the store holds theirs.
		if msg.seq > st.okSeq {
			s.confirm(msg.key, *msg.conflict)
		}
		s.syncPickersAt(msg.key)
		st.err = fmt.Errorf("changed elsewhere")
		s.conflicts = append(s.conflicts, conflict{key: msg.key, mine: msg.change, theirs: *msg.conflict})
		return "", false
	}
	for _, f := range fs {
		st.ok[f] = max(st.ok[f], msg.seq)
	}
	if msg.change.Level != nil {
		delete(s.disputes, msg.key) // a level given here resolves a disagreement (the store did)
	}
	if msg.seq > st.okSeq {
		st.okSeq = msg.seq
		s.confirm(msg.key, msg.answer)
	}
	s.lastSaved = msg.at
	if say, ok := s.announce[msg.seq]; ok {
		delete(s.announce, msg.seq)
		return say, false
	}
	return "", false
}

// confirm takes an answer as the store holds it.
func (s *session) confirm(k model.Key, a model.Answer) {
	s.answers[k] = a
	if v, _ := s.view(k.Framework); v != nil {
		s.rescore(v)
	}
	s.stale = true
}

// say makes the status line say text when save seq lands.
func (s *session) say(seq uint64, text string) {
	if s.announce == nil {
		s.announce = map[uint64]string{}
	}
	s.announce[seq] = text
}

// unsaved lists the questions whose newest change did not save.
func (s *session) unsaved() []model.Key {
	var ks []model.Key
	for k, st := range s.saves {
		if st.anyFailed() {
			ks = append(ks, k)
		}
	}
	return ks
}

// saveState is what the status line says of the saves, on the right.
func (s *session) saveStatus() (string, bool) {
	if n := len(s.unsaved()); n > 0 {
		return fmt.Sprintf("✗ %d not saved", n), true
	}
	if s.lastSaved.IsZero() {
		return "", false
	}
	return "saved " + s.lastSaved.Format("15:04:05"), false
}

// retryFailed sends again every change that failed to save (not those in
// conflict: the user chooses those).
func (s *session) retryFailed() tea.Cmd {
	var cmds []tea.Cmd
	for k, st := range s.saves {
		if s.conflictAt(k) >= 0 {
			continue
		}
		var ch model.Change
		if st.failed(fLevel) {
			ch.Level = &st.want.Level
		}
		if st.failed(fNote) {
			ch.Note = &st.want.Note
		}
		if st.failed(fFlag) {
			ch.Flagged = &st.want.Flagged
		}
		if len(fields(ch)) == 0 {
			continue
		}
		_, cmd := s.save(k, ch)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// discardNote drops a note that failed to save: the stored one shows again.
func (s *session) discardNote(k model.Key) {
	if st := s.saves[k]; st != nil && st.failed(fNote) {
		st.ok[fNote] = st.fail[fNote]
	}
}

func (s *session) conflictAt(k model.Key) int {
	for i, c := range s.conflicts {
		if c.key == k {
			return i
		}
	}
	return -1
}

// resolve settles the oldest conflict: keep theirs (nothing to write), or
// use mine, saved again over the answer as it is now.
func (s *session) resolve(useMine bool) tea.Cmd {
	if len(s.conflicts) == 0 {
		return nil
	}
	c := s.conflicts[0]
	s.conflicts = s.conflicts[1:]
	st := s.saves[c.key]
	if !useMine {
		if st != nil {
			for _, f := range fields(c.mine) {
				st.ok[f] = max(st.ok[f], st.fail[f])
			}
		}
		s.syncPickersAt(c.key)
		return nil
	}
	mine := c.mine
	mine.Seen = nil
	_, cmd := s.save(c.key, mine)
	s.syncPickersAt(c.key)
	return cmd
}

// syncPickersAt puts the picker back on the answer where k is the current
// question: its value is no longer the one the user picked.
func (s *session) syncPickersAt(k model.Key) {
	for _, v := range s.fws {
		if len(v.qs) > 0 && v.key() == k {
			s.syncPicker(v)
		}
	}
}

// moveTo makes question i of the active framework current, saves the
// resume point and looks for changes made elsewhere.
func (s *session) moveTo(i int) tea.Cmd {
	v := s.active()
	if v == nil || len(v.qs) == 0 {
		return nil
	}
	i = clamp(i, 0, len(v.qs)-1)
	if i == v.cur {
		return nil
	}
	v.cur = i
	s.syncPicker(v)
	return tea.Batch(s.saveResume(), s.c.db.checkChanged(s.id))
}

// switchTo makes framework i active.
func (s *session) switchTo(i int) tea.Cmd {
	if i == s.fi || i < 0 || i >= len(s.fws) {
		return nil
	}
	s.fi = i
	return tea.Batch(s.saveResume(), s.c.db.checkChanged(s.id))
}

// jump makes a question of any framework of the assessment current.
func (s *session) jump(k model.Key) (tea.Cmd, bool) {
	v, i := s.view(k.Framework)
	if v == nil {
		return nil, false
	}
	j := v.fw.QuestionIndex(k.Question)
	if j < 0 {
		return nil, false
	}
	switched := s.switchTo(i)
	moved := s.moveTo(j)
	if moved == nil && switched == nil {
		return s.saveResume(), true
	}
	return tea.Batch(switched, moved), true
}

func (s *session) saveResume() tea.Cmd {
	v := s.active()
	if v == nil || len(v.qs) == 0 {
		return nil
	}
	return s.c.db.saveResume(s.id, v.key())
}

// syncPicker puts the picker on the current question's answer; an
// unanswered question has no level picked.
func (s *session) syncPicker(v *fwView) {
	if len(v.qs) == 0 {
		return
	}
	a, _ := s.seen(v.key())
	v.picker, v.pickedFrom = pickerOf(a.Level), a.Level
}
