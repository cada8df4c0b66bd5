package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
)

// qMode is what the questionnaire's keys do at the moment.
type qMode int

const (
	qBrowse  qMode = iota // answering: level keys, moves
	qNote                 // typing in the note editor
	qReason               // typing why a question does not apply
	qFind                 // typing a clause to find
	qRelated              // choosing among the related questions of the other framework
	qCopy                 // confirming a level copied to a related question
)

// Longest text the one-line inputs of the questionnaire take, in characters
// (a paste beyond is cut): a clause query is a few words; an N/A reason
// becomes the note, which the note editor takes at any length.
const (
	findLimit   = 200
	reasonLimit = 4000
)

// pickNA is the picker row of "not applicable", after levels 0-5.
const pickNA = 6

// guidance display: automatic (shown when it fits), or as the user set it with g.
const (
	guidanceAuto = iota
	guidanceOn
	guidanceOff
)

// field indexes one part of an answer, for the save bookkeeping.
type field int

const (
	fLevel field = iota
	fNote
	fFlag
	nFields
)

// saveState is the bookkeeping of one question's saves: which were sent,
// which came back saved, which failed. A field is pending while its newest
// save has not reported; failed while its newest report is a failure.
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

// qtext is a question's text made safe to draw, prepared once.
type qtext struct {
	id, ref, title, short, text, guidance string
	evidence                              []string
	levels                                [6]string
}

// outlineRow is one line of the outline: a top-level section heading (q < 0)
// or a question.
type outlineRow struct {
	q     int
	label string // heading text, or the question's short title
}

// fwView is one framework of the assessment as the screen shows it.
type fwView struct {
	fw       *model.Framework
	name     string
	qs       []*model.Question
	text     []qtext
	top      []int    // question index -> index of its top-level section
	crumb    []string // question index -> "framework › clause above the question's own"
	tops     []string
	rows     []outlineRow
	rowOf    []int // question index -> outline row
	idWidth  int
	refWidth int // widest top-level ref
	scale    [6]string
	cur      int // current question
	picker   int // highlighted picker row: 0-5, or pickNA
	score    model.FrameworkScore

	// The framework of the assessment that a crosswalk relates this one to
	// (nil if none), and the related questions there, found on first use.
	other   *fwView
	cw      *model.Crosswalk
	related map[int]relatedSet
}

func newFwView(f *model.Framework) *fwView {
	v := &fwView{fw: f, name: inert(f.Name()), qs: f.Questions()}
	for i, l := range f.Scale {
		v.scale[i] = inert(l.Name)
	}
	topIndex := map[*model.Section]int{}
	for i, s := range f.Sections {
		topIndex[s] = i
		v.tops = append(v.tops, inert(s.Title))
		v.refWidth = max(v.refWidth, width(inert(s.Ref)))
	}
	var lastTop = -1
	for i, q := range v.qs {
		t := qtext{
			id:       inert(q.ID),
			ref:      inert(q.Ref),
			title:    inert(q.Title),
			text:     inertLines(q.Text),
			guidance: inertLines(strings.TrimSpace(q.Guidance)),
		}
		t.short = t.title
		if _, after, ok := strings.Cut(t.title, " — "); ok && after != "" {
			t.short = after
		}
		for _, e := range q.Evidence {
			t.evidence = append(t.evidence, inert(e))
		}
		for l, d := range q.Levels {
			t.levels[l] = inertLines(d)
		}
		v.text = append(v.text, t)
		top := 0
		if q.Section != nil {
			top = topIndex[q.Section.Top()]
		}
		v.top = append(v.top, top)
		crumb := v.name
		if s := q.Section; s != nil {
			if s.Parent != nil {
				s = s.Parent
			}
			crumb += " › " + inert(s.Ref+" "+s.Title)
		}
		v.crumb = append(v.crumb, crumb)
		if top != lastTop {
			s := f.Sections[top]
			v.rows = append(v.rows, outlineRow{q: -1, label: inert(s.Ref + " " + s.Title)})
			lastTop = top
		}
		v.rowOf = append(v.rowOf, len(v.rows))
		v.rows = append(v.rows, outlineRow{q: i, label: t.short})
		v.idWidth = max(v.idWidth, width(t.id))
	}
	return v
}

func (v *fwView) key() model.Key {
	if len(v.qs) == 0 {
		return model.Key{Framework: v.fw.ID}
	}
	return model.Key{Framework: v.fw.ID, Question: v.qs[v.cur].ID}
}

// questionnaire is the screen where questions are answered.
type questionnaire struct {
	c             *common
	width, height int

	id      string // the assessment; "" until loaded
	loading bool
	a       model.Assessment
	answers model.Answers // confirmed: as the store last said
	saves   map[model.Key]*saveState
	fws     []*fwView
	fi      int // active framework
	missing []string

	mode     qMode
	note     noteEditor
	noteBase string // the editor's text when it opened
	noteKey  model.Key
	reason   lineInput
	reasonOK string // inline validation message
	advance  bool   // move on after the N/A reason is given
	find     lineInput
	found    []int
	foundSel int

	guidance       int
	guideOff       int // first guidance line shown when it does not fit
	outlineToggled bool
	leaveArmed     bool // esc was pressed with unsaved answers: esc again leaves

	an    *analysis // scores, gaps and differences of the confirmed answers
	stale bool      // the confirmed answers changed since an was built

	relSel   int      // highlighted related question
	cp       copyPlan // the copy being confirmed
	copySeq  uint64   // the save of the newest copy, to confirm it when saved
	copyDone string   // what the status line says when it is

	status    string
	statusErr bool
}

func newQuestionnaire(c *common) questionnaire {
	q := questionnaire{c: c, saves: map[model.Key]*saveState{}, answers: model.Answers{}}
	q.note = newNoteEditor(c.keys.Editor, c.styles.Editor)
	q.note.Prompt = "┃ "
	q.note.Placeholder = "What was seen, who said what, what to check…"
	q.reason = newLineInput(reasonLimit)
	q.reason.Prompt = "Why does it not apply? "
	q.reason.Placeholder = "reason (required)"
	q.find = newLineInput(findLimit)
	q.find.Prompt = "Find: "
	q.find.Placeholder = "clause ref (8.3) or words of a title or question"
	q.applyStyles()
	return q
}

func (q *questionnaire) applyStyles() {
	q.note.SetStyles(q.c.styles.Editor)
	q.reason.SetStyles(q.c.styles.Input)
	q.find.SetStyles(q.c.styles.Input)
}

// open starts loading an assessment.
func (q questionnaire) open(id string) (questionnaire, tea.Cmd) {
	q.id, q.loading, q.fws, q.status, q.statusErr = id, true, nil, "", false
	q.an, q.stale, q.mode = nil, false, qBrowse
	return q, loadAssessment(q.c, id)
}

// load shows an assessment that was read from the store, at its resume point.
func (q questionnaire) load(a model.Assessment, answers []model.Answer) questionnaire {
	q.id, q.loading, q.a = a.ID, false, a
	q.answers = model.NewAnswers(answers)
	q.saves = map[model.Key]*saveState{}
	q.fws, q.missing, q.fi = nil, nil, 0
	q.mode = qBrowse
	resumeFw, _ := a.Resume()
	for _, af := range a.Frameworks {
		f, ok := q.c.catalog.Framework(af.ID)
		if !ok {
			q.missing = append(q.missing, af.ID)
			continue
		}
		v := newFwView(f)
		if i := f.QuestionIndex(af.Position); i >= 0 {
			v.cur = i
		}
		if af.ID == resumeFw {
			q.fi = len(q.fws)
		}
		q.fws = append(q.fws, v)
		q.rescore(v)
		q.syncPicker(v)
	}
	q.relate()
	q.stale = true
	if len(q.missing) > 0 {
		q.status = fmt.Sprintf("framework %s is not loaded here; its answers are kept", inert(strings.Join(q.missing, ", ")))
		q.statusErr = true
	}
	return q
}

func (q *questionnaire) rescore(v *fwView) { v.score = model.ScoreFramework(v.fw, q.answers) }

func (q *questionnaire) active() *fwView {
	if q.fi < 0 || q.fi >= len(q.fws) {
		return nil
	}
	return q.fws[q.fi]
}

// shown is the answer as the screen shows it: the confirmed answer with the
// values of saves still on their way.
func (q *questionnaire) shown(k model.Key) (model.Answer, *saveState) {
	a := q.answers.Get(k.Framework, k.Question)
	s := q.saves[k]
	if s == nil {
		return a, nil
	}
	if s.pending(fLevel) {
		a.Level = s.want.Level
	}
	if s.pending(fNote) {
		a.Note = s.want.Note
	}
	if s.pending(fFlag) {
		a.Flagged = s.want.Flagged
	}
	return a, s
}

func pickerOf(l model.Level) int {
	switch {
	case l.Rated():
		return int(l)
	case l == model.NotApplicable:
		return pickNA
	default:
		return 0
	}
}

func (q *questionnaire) syncPicker(v *fwView) {
	if len(v.qs) == 0 {
		return
	}
	a, _ := q.shown(v.key())
	v.picker = pickerOf(a.Level)
}

// save sends one change of the current question to the store.
func (q *questionnaire) save(ch model.Change) tea.Cmd {
	v := q.active()
	if v == nil || len(v.qs) == 0 {
		return nil
	}
	_, cmd := q.saveKey(v.key(), ch)
	return cmd
}

// saveKey sends one change of any question of the assessment to the store.
func (q *questionnaire) saveKey(k model.Key, ch model.Change) (uint64, tea.Cmd) {
	seq, cmd := saveAnswer(q.c, q.id, k, ch)
	s := q.saves[k]
	if s == nil {
		s = &saveState{}
		q.saves[k] = s
	}
	for _, f := range fields(ch) {
		s.sent[f] = seq
	}
	if ch.Level != nil {
		s.want.Level = *ch.Level
	}
	if ch.Note != nil {
		s.want.Note = *ch.Note
	}
	if ch.Flagged != nil {
		s.want.Flagged = *ch.Flagged
	}
	return seq, cmd
}

// saved takes a save's result. It is idempotent and order-proof: an older
// result never overrides a newer one.
func (q questionnaire) saved(msg answerSavedMsg) questionnaire {
	s := q.saves[msg.key]
	if s == nil {
		s = &saveState{}
		q.saves[msg.key] = s
	}
	fs := fields(msg.change)
	if msg.err != nil {
		newest := false
		for _, f := range fs {
			if msg.seq > s.fail[f] {
				s.fail[f] = msg.seq
				newest = true
			}
		}
		if newest {
			s.err = msg.err
		}
		q.status, q.statusErr = "not saved: "+inert(msg.err.Error()), true
		return q
	}
	for _, f := range fs {
		s.ok[f] = max(s.ok[f], msg.seq)
	}
	if msg.seq > s.okSeq {
		s.okSeq = msg.seq
		q.answers[msg.key] = msg.answer
		for _, v := range q.fws {
			if v.fw.ID == msg.key.Framework {
				q.rescore(v)
			}
		}
		q.stale = true
	}
	q.status, q.statusErr = "saved "+msg.at.Format("15:04:05"), false
	if msg.seq == q.copySeq {
		q.status = q.copyDone + " · saved " + msg.at.Format("15:04:05")
	}
	return q
}

// unsaved lists the questions whose newest change failed to save.
func (q *questionnaire) unsaved() []model.Key {
	var ks []model.Key
	for k, s := range q.saves {
		if s.anyFailed() {
			ks = append(ks, k)
		}
	}
	return ks
}

// retryFailed sends again every change that failed to save.
func (q *questionnaire) retryFailed() tea.Cmd {
	var cmds []tea.Cmd
	for k, s := range q.saves {
		var ch model.Change
		if s.failed(fLevel) {
			l := s.want.Level
			ch.Level = &l
		}
		if s.failed(fNote) {
			n := s.want.Note
			ch.Note = &n
		}
		if s.failed(fFlag) {
			f := s.want.Flagged
			ch.Flagged = &f
		}
		if ch.Level == nil && ch.Note == nil && ch.Flagged == nil {
			continue
		}
		seq, cmd := saveAnswer(q.c, q.id, k, ch)
		for _, f := range fields(ch) {
			s.sent[f] = seq
		}
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// moveTo makes question i of the active framework current and saves the
// resume point.
func (q *questionnaire) moveTo(i int) tea.Cmd {
	v := q.active()
	if v == nil || len(v.qs) == 0 {
		return nil
	}
	i = clamp(i, 0, len(v.qs)-1)
	if i == v.cur {
		return nil
	}
	v.cur = i
	q.guideOff = 0
	q.syncPicker(v)
	return tea.Batch(q.saveResume(), checkChanged(q.c, q.id))
}

func (q *questionnaire) saveResume() tea.Cmd {
	v := q.active()
	if v == nil || len(v.qs) == 0 {
		return nil
	}
	_, cmd := saveResume(q.c, q.id, v.key())
	return cmd
}

// nextUnanswered finds the next (dir 1) or previous (dir -1) question without
// a level or N/A, wrapping around.
func (q *questionnaire) nextUnanswered(dir int) (int, bool) {
	v := q.active()
	n := len(v.qs)
	for step := 1; step < n; step++ {
		i := ((v.cur+dir*step)%n + n) % n
		a, _ := q.shown(model.Key{Framework: v.fw.ID, Question: v.qs[i].ID})
		if !a.Level.Given() {
			return i, true
		}
	}
	return 0, false
}

// editing reports whether the note editor is open.
func (q questionnaire) editing() bool { return q.mode == qNote }

// commitNote closes the note editor, saving the note when it changed.
func (q *questionnaire) commitNote() tea.Cmd {
	if q.mode != qNote {
		return nil
	}
	q.mode = qBrowse
	q.note.Blur()
	text := q.note.Value()
	if text == q.noteBase {
		return nil
	}
	v := q.active()
	if v == nil || v.key() != q.noteKey {
		// The editor always belongs to the current question; be safe anyway.
		_, cmd := q.saveKey(q.noteKey, model.SetNote(text))
		return cmd
	}
	return q.save(model.SetNote(text))
}

func (q questionnaire) Update(msg tea.Msg) (questionnaire, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		q.width, q.height = msg.Width, msg.Height
		q.resizeEditors()
		return q, nil
	case assessmentMsg:
		if !q.loading || msg.id != q.id {
			return q, nil
		}
		if msg.err != nil {
			q.loading = false
			return q, send(loadFailedMsg{msg.err})
		}
		q = q.load(msg.a, msg.answers)
		q.resizeEditors()
		return q, nil
	case answerSavedMsg:
		if msg.id != q.id || q.loading {
			return q, nil
		}
		return q.saved(msg), nil
	case refreshedMsg:
		return q.refreshed(msg), nil
	case resumeSavedMsg:
		if msg.err != nil && msg.id == q.id {
			q.status, q.statusErr = "position not saved: "+inert(msg.err.Error()), true
		}
		return q, nil
	case tea.PasteMsg:
		return q.updateInput(msg)
	case tea.KeyPressMsg:
		return q.updateKey(msg)
	}
	if q.mode != qBrowse {
		return q.updateInput(msg)
	}
	return q, nil
}

// loadFailedMsg sends the user back to the list with the reason.
type loadFailedMsg struct{ err error }

func (q questionnaire) updateInput(msg tea.Msg) (questionnaire, tea.Cmd) {
	var cmd tea.Cmd
	switch q.mode {
	case qNote:
		q.note, cmd = q.note.Update(msg)
	case qReason:
		q.reason, cmd = q.reason.Update(msg)
		q.reasonOK = ""
	case qFind:
		before := q.find.Value()
		q.find, cmd = q.find.Update(msg)
		if q.find.Value() != before {
			q.found, q.foundSel = q.search(q.find.Value()), 0
		}
	}
	return q, cmd
}

func (q questionnaire) updateKey(msg tea.KeyPressMsg) (questionnaire, tea.Cmd) {
	k := q.c.keys
	v := q.active()
	if v == nil || len(v.qs) == 0 {
		switch {
		case key.Matches(msg, k.Questionnaire.Quit):
			return q, send(quitMsg{})
		case key.Matches(msg, k.Questionnaire.Home):
			return q, send(showHomeMsg{})
		}
		return q, nil
	}
	if q.mode == qBrowse {
		q.status, q.statusErr = clearErr(q.status, q.statusErr)
		if !key.Matches(msg, k.Questionnaire.Home) {
			q.leaveArmed = false
		}
	}
	switch q.mode {
	case qNote:
		switch {
		case key.Matches(msg, k.Note.Done):
			return q, q.commitNote()
		case key.Matches(msg, k.Note.Quit):
			return q, send(quitMsg{}) // the root saves the note first
		}
		return q.updateInput(msg)
	case qReason:
		switch {
		case key.Matches(msg, k.Reason.Quit):
			return q, send(quitMsg{})
		case key.Matches(msg, k.Reason.Cancel):
			q.mode = qBrowse
			q.reason.Blur()
			q.syncPicker(v)
			return q, nil
		case key.Matches(msg, k.Reason.Accept):
			reason := strings.TrimSpace(q.reason.Value())
			if reason == "" {
				q.reasonOK = "say why it does not apply: the reason is kept as the note"
				return q, nil
			}
			q.mode = qBrowse
			q.reason.Blur()
			cmd := q.save(model.MarkNA(reason))
			v.picker = pickNA
			if q.advance && v.cur < len(v.qs)-1 {
				return q, tea.Batch(cmd, q.moveTo(v.cur+1))
			}
			return q, cmd
		}
		return q.updateInput(msg)
	case qRelated:
		return q.updateRelated(msg)
	case qCopy:
		return q.updateCopy(msg)
	case qFind:
		switch {
		case key.Matches(msg, k.Find.Quit):
			return q, send(quitMsg{})
		case key.Matches(msg, k.Find.Cancel):
			q.mode = qBrowse
			q.find.Blur()
			return q, nil
		case key.Matches(msg, k.Find.Up):
			q.foundSel = clamp(q.foundSel-1, 0, len(q.found)-1)
			return q, nil
		case key.Matches(msg, k.Find.Down):
			q.foundSel = clamp(q.foundSel+1, 0, len(q.found)-1)
			return q, nil
		case key.Matches(msg, k.Find.Jump):
			if len(q.found) == 0 {
				q.status, q.statusErr = "no clause matches "+quote(q.find.Value()), true
				return q, nil
			}
			q.mode = qBrowse
			q.find.Blur()
			return q, q.moveTo(q.found[q.foundSel])
		}
		return q.updateInput(msg)
	}

	kq := k.Questionnaire
	switch {
	case key.Matches(msg, kq.Quit):
		return q, send(quitMsg{})
	case key.Matches(msg, kq.Help):
		return q, send(showHelpMsg{})
	case key.Matches(msg, kq.Home):
		if n := len(q.unsaved()); n > 0 && !q.leaveArmed {
			q.leaveArmed = true
			q.status, q.statusErr = fmt.Sprintf("✗ %d answer(s) not saved; esc again leaves without them", n), true
			return q, nil
		}
		q.leaveArmed = false
		return q, send(showHomeMsg{})
	case key.Matches(msg, kq.SetLevel):
		l, err := model.ParseLevel(msg.String())
		if err != nil || !l.Rated() {
			return q, nil
		}
		v.picker = int(l)
		return q, q.save(model.SetLevel(l))
	case key.Matches(msg, kq.NA):
		return q.askReason(false)
	case key.Matches(msg, kq.PickerUp):
		v.picker = clamp(v.picker-1, 0, pickNA)
	case key.Matches(msg, kq.PickerDown):
		v.picker = clamp(v.picker+1, 0, pickNA)
	case key.Matches(msg, kq.Confirm):
		if v.picker == pickNA {
			return q.askReason(true)
		}
		cmd := q.save(model.SetLevel(model.Level(v.picker)))
		if v.cur < len(v.qs)-1 {
			cmd = tea.Batch(cmd, q.moveTo(v.cur+1))
		} else {
			q.status, q.statusErr = "that was the last question; ] finds any left unanswered", false
		}
		return q, cmd
	case key.Matches(msg, kq.Prev):
		return q, q.moveTo(v.cur - 1)
	case key.Matches(msg, kq.Next):
		return q, q.moveTo(v.cur + 1)
	case key.Matches(msg, kq.First):
		return q, q.moveTo(0)
	case key.Matches(msg, kq.Last):
		return q, q.moveTo(len(v.qs) - 1)
	case key.Matches(msg, kq.PrevUnanswered, kq.NextUnanswered):
		dir := 1
		if key.Matches(msg, kq.PrevUnanswered) {
			dir = -1
		}
		if i, ok := q.nextUnanswered(dir); ok {
			return q, q.moveTo(i)
		}
		q.status, q.statusErr = "every question of "+v.name+" has an answer", false
	case key.Matches(msg, kq.Clear):
		v.picker = 0
		return q, q.save(model.SetLevel(model.Unanswered))
	case key.Matches(msg, kq.Flag):
		a, _ := q.shown(v.key())
		return q, q.save(model.SetFlag(!a.Flagged))
	case key.Matches(msg, kq.Note):
		a, _ := q.shown(v.key())
		q.mode = qNote
		q.noteKey = v.key()
		q.note.Reset()
		q.note.SetValue(a.Note)
		q.noteBase = q.note.Value()
		q.resizeEditors()
		return q, q.note.Focus()
	case key.Matches(msg, kq.Framework, kq.FrameworkBack):
		if len(q.fws) < 2 {
			q.status, q.statusErr = "this assessment covers one framework", false
			return q, nil
		}
		step := 1
		if key.Matches(msg, kq.FrameworkBack) {
			step = len(q.fws) - 1
		}
		q.fi = (q.fi + step) % len(q.fws)
		return q, tea.Batch(q.saveResume(), checkChanged(q.c, q.id))
	case key.Matches(msg, kq.Find):
		q.mode = qFind
		q.find.Reset()
		q.found, q.foundSel = nil, 0
		q.resizeEditors()
		return q, q.find.Focus()
	case key.Matches(msg, kq.Guidance):
		if q.guidanceShown() {
			q.guidance = guidanceOff
		} else {
			q.guidance = guidanceOn
		}
		q.guideOff = 0
	case key.Matches(msg, kq.GuidanceDown):
		q.guideOff = clamp(q.guideOff+max(q.layout().body/3, 1), 0, len(q.guidanceLines(v.text[v.cur], max(q.layout().questionW, 1))))
	case key.Matches(msg, kq.GuidanceUp):
		q.guideOff = clamp(q.guideOff-max(q.layout().body/3, 1), 0, len(q.guidanceLines(v.text[v.cur], max(q.layout().questionW, 1))))
	case key.Matches(msg, kq.Outline):
		q.outlineToggled = !q.outlineToggled
		q.resizeEditors()
	case key.Matches(msg, kq.Related):
		return q.openRelated()
	case key.Matches(msg, kq.Dashboard):
		return q, send(showDashboardMsg{})
	case key.Matches(msg, kq.Differences):
		return q, send(showDifferencesMsg{})
	}
	return q, nil
}

func (q questionnaire) askReason(advance bool) (questionnaire, tea.Cmd) {
	v := q.active()
	a, _ := q.shown(v.key())
	q.mode = qReason
	q.advance = advance
	q.reasonOK = ""
	q.reason.Reset()
	q.reason.SetValue(a.Note) // marking N/A replaces the note: start from it
	q.reason.CursorEnd()
	v.picker = pickNA
	q.resizeEditors()
	return q, q.reason.Focus()
}

// clearErr drops an error from the status slot on the next key; other
// status text stays until replaced.
func clearErr(status string, isErr bool) (string, bool) {
	if isErr {
		return "", false
	}
	return status, false
}

func quote(s string) string { return "“" + inert(s) + "”" }

// search finds questions of the active framework by ref (a ref and its
// sub-clauses first) and then by words of the title, section or question.
func (q *questionnaire) search(query string) []int {
	v := q.active()
	query = strings.ToLower(strings.TrimSpace(query))
	if v == nil || query == "" {
		return nil
	}
	var byRef, byWords []int
	words := strings.Fields(query)
	for i, qq := range v.qs {
		ref := strings.ToLower(qq.Ref)
		id := strings.ToLower(qq.ID)
		if ref == query || id == query || strings.HasPrefix(ref, query+".") || strings.HasPrefix(id, query) {
			byRef = append(byRef, i)
			continue
		}
		hay := strings.ToLower(qq.Title + " " + qq.Text)
		if qq.Section != nil {
			hay += " " + strings.ToLower(qq.Section.Title)
		}
		all := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				all = false
				break
			}
		}
		if all {
			byWords = append(byWords, i)
		}
	}
	return append(byRef, byWords...)
}

// guidanceShown is whether guidance and evidence are on screen now.
func (q questionnaire) guidanceShown() bool {
	v := q.active()
	l := q.layout()
	if v == nil || l.questionW <= 0 {
		return false
	}
	_, shown := q.questionLines(v, l.questionW, l.body)
	return shown
}
