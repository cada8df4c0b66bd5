package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// A live workshop (assay serve): every person in the room runs this app on
// the one database, each with their own session. The room screen is their
// first screen: participants rate the facilitator's question privately and
// see the ratings once revealed; the facilitator moves the room, reveals and
// records the agreed level. Let loose, participants answer in the
// questionnaire on their own. The room itself lives outside the app (package
// room); it tells every app of each change with a RoomChanged message.

// Room is one person's place in a live workshop: what their app may see and
// do there. Calls that write may wait on the database: the app makes them in
// commands.
type Room interface {
	// View is the room as this person may see it.
	View() model.RoomView
	// Vote keeps this participant's private rating of question k; it
	// returns the vote as saved.
	Vote(ctx context.Context, k model.Key, l model.Level, note string) (model.Vote, error)
	// The facilitator's moves.
	Go(ctx context.Context, k model.Key)
	SetMode(m model.RoomMode)
	Reveal(ctx context.Context, k model.Key) error
	Recorded(k model.Key, agreed model.Answer)
	Again(k model.Key)
}

// RoomChanged tells the app the room has changed; View is the room as the
// person may now see it.
type RoomChanged struct{ View model.RoomView }

// Results of the room's commands.
type (
	voteSavedMsg struct {
		seq  uint64
		vote model.Vote // as saved, when err is nil
		err  error
	}
	revealedMsg struct {
		key model.Key
		err error
	}
	// baseMsg takes the app back to its first screen, saving what is typed
	// on the screens above it.
	baseMsg struct{}
)

func (m voteSavedMsg) failed() error { return m.err }

// Leave is the message that asks the app to save what is pending and quit,
// as a server closing the room sends it.
func Leave() tea.Msg { return quitMsg{} }

// vote queues a participant's vote behind their other writes.
func (d *db) vote(r Room, k model.Key, l model.Level, note string) (uint64, tea.Cmd) {
	return d.w.enqueue("", func(ctx context.Context, seq uint64) tea.Msg {
		v, err := r.Vote(ctx, k, l, note)
		return voteSavedMsg{seq: seq, vote: v, err: err}
	})
}

func (d *db) reveal(r Room, k model.Key) tea.Cmd {
	_, cmd := d.w.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		return revealedMsg{k, r.Reveal(ctx, k)}
	})
	return cmd
}

func (d *db) goTo(r Room, k model.Key) tea.Cmd {
	_, cmd := d.w.enqueue("room:go", func(ctx context.Context, _ uint64) tea.Msg {
		r.Go(ctx, k)
		return nil
	})
	return cmd
}

// roomScreen is the room as one person sees it: the facilitator's
// (lead) or a participant's.
type roomScreen struct {
	c             *common
	s             *session
	room          Room
	lead          bool
	banner        string   // how to join, on the facilitator's header
	lobby         []string // how to join, while nobody has
	view          model.RoomView
	width, height int
	onTop         bool

	// A participant's vote on its way, and a note typed before any level.
	pending *model.Vote
	voteSeq uint64
	draft   string
	// The facilitator's record on its way.
	recordSeq uint64
	recordKey model.Key

	modal      *roomPrompt // the N/A reason or the note, while asked
	closeArmed bool        // q was pressed once with people in the room
	drawn      *roomText   // the question as last drawn, shared by the screen's copies
}

// roomPrompt asks for a line: why N/A (na) or the note of a vote.
type roomPrompt struct {
	p  prompt
	na bool
	k  model.Key
}

func newRoomScreen(c *common, s *session, opts Options) roomScreen {
	return roomScreen{c: c, s: s, room: opts.Room, lead: opts.Lead, banner: opts.Banner, lobby: opts.Lobby,
		view: opts.Room.View(), onTop: true, drawn: &roomText{}}
}

func (r roomScreen) Title() string {
	if r.lead {
		return "the room (facilitator)"
	}
	return "the room"
}

func (r roomScreen) Keys() help.KeyMap {
	switch {
	case r.modal != nil && r.modal.na:
		return r.c.keys.Reason
	case r.modal != nil:
		return r.c.keys.VoteNote
	case r.lead:
		return r.c.keys.Lead
	}
	return r.c.keys.Seat
}

func (r roomScreen) Legend() []string {
	if r.lead {
		return []string{
			"Participants rate privately; you see who has rated, not what, until you reveal.",
			"After the reveal, 0-5 records the level the room agreed: it is saved as the answer, with every participant's rating kept beside it (assay history shows what it settled; the JSON export carries each rating).",
			"m lets everyone answer on their own, or brings them back to your question.",
			"q asks once more before closing the room while people are in it; ctrl+c closes it at once. Either way every participant's work is saved first.",
		}
	}
	return []string{"Your rating is saved the moment you give it; nobody sees it until the facilitator reveals."}
}

// key is the question the room is on.
func (r roomScreen) key() model.Key { return r.view.Round.Key }

// question finds the room's question in the session: its framework and index.
func (r roomScreen) question() (*fwView, int) {
	k := r.key()
	v, _ := r.s.view(k.Framework)
	if v == nil {
		return nil, -1
	}
	return v, v.fw.QuestionIndex(k.Question)
}

func (r roomScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		r.width, r.height = msg.Width, msg.Height
		if r.modal != nil {
			r.modal.p.resize(r.width)
		}
	case revealMsg:
		r.onTop = true
	case restyledMsg:
		r.drawn = &roomText{}
	case RoomChanged:
		was, before := r.view.Mode, r.view.Round
		r.view = msg.View
		if r.pending != nil && (r.pending.Key != r.key() || r.view.Round.Revealed) {
			r.pending = nil
		}
		if r.modal != nil && r.modal.k != r.key() {
			r.modal = nil // the facilitator moved on: what was asked no longer applies
		}
		return r, tea.Batch(r.follow(was), r.news(before))
	case assessmentMsg:
		return r, r.follow(model.FollowMe)
	case voteSavedMsg:
		if msg.seq != r.voteSeq {
			return r, nil
		}
		r.pending = nil
		if msg.err != nil {
			return r, sayErr("✗ not saved: " + cells.Inert(msg.err.Error()))
		}
		r.view.Round.Mine = &msg.vote
		return r, say("rating saved " + msg.vote.At.Local().Format("15:04:05") + " · private until the reveal")
	case revealedMsg:
		if msg.err != nil {
			return r, sayErr(cells.Inert(msg.err.Error()))
		}
	case answerSavedMsg:
		if r.lead && msg.seq == r.recordSeq && msg.err == nil && msg.conflict == nil {
			room, k, a := r.room, r.recordKey, msg.answer
			return r, func() tea.Msg { room.Recorded(k, a); return nil }
		}
	case tea.PasteMsg:
		if r.modal != nil {
			return r.updatePrompt(msg)
		}
	case tea.KeyPressMsg:
		if r.modal != nil {
			return r.updatePrompt(msg)
		}
		if r.lead {
			return r.leadKey(msg)
		}
		return r.seatKey(msg)
	}
	return r, nil
}

// news says what just happened to the round, in place of whatever the
// status line said before.
func (r roomScreen) news(before model.RoundView) tea.Cmd {
	rd := r.view.Round
	v, _ := r.question()
	switch {
	case v == nil || rd.Key != before.Key && (r.lead || before.Key.Question == ""):
		return nil // the facilitator moved the room themselves; a new app needs no news
	case rd.Key != before.Key:
		return say("the room is on " + rd.Key.Qualified() + " now")
	case rd.Revealed && !before.Revealed && len(before.Voted) > 0:
		return say("the ratings are revealed")
	case r.lead: // the rest the facilitator did, and was told
	case rd.Recorded && !before.Recorded:
		return say("the room agreed on " + levelName(v, rd.Agreed.Level))
	case !rd.Revealed && before.Revealed:
		return say("the facilitator asks again: rate afresh")
	}
	return nil
}

// follow takes a participant to the questionnaire when the room is let
// loose, and back here when the facilitator calls everyone back.
func (r *roomScreen) follow(was model.RoomMode) tea.Cmd {
	if r.lead || !r.s.ready() || r.view.Mode == was {
		return nil
	}
	if r.view.Mode == model.LetLoose && r.onTop {
		r.onTop = false
		return send(jumpMsg{r.key()})
	}
	if r.view.Mode == model.FollowMe && !r.onTop {
		return send(baseMsg{})
	}
	return nil
}

func (r roomScreen) seatKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := r.c.keys.Seat
	rd := r.view.Round
	switch {
	case key.Matches(msg, k.Quit):
		return r, send(quitMsg{})
	case key.Matches(msg, k.Help):
		return r, send(helpMsg{})
	case key.Matches(msg, k.Loose):
		if r.view.Mode != model.LetLoose {
			return r, say("the facilitator leads: rate this question with 0-5")
		}
		r.onTop = false
		return r, send(jumpMsg{r.key()})
	case r.view.Mode == model.LetLoose:
		return r, say("the room is let loose: enter answers on your own")
	case rd.Revealed:
		return r, say("the ratings are revealed; the facilitator can ask again")
	case !r.s.ready():
		return r, nil
	case key.Matches(msg, k.Rate):
		l, err := model.ParseLevel(msg.String())
		if err != nil {
			return r, nil
		}
		return r.vote(l, r.note())
	case key.Matches(msg, k.NA):
		r.modal = r.ask(true, r.note())
	case key.Matches(msg, k.Note):
		r.modal = r.ask(false, r.note())
	}
	return r, nil
}

// note is the note of the participant's vote: on its way, saved, or drafted.
func (r roomScreen) note() string {
	switch {
	case r.pending != nil:
		return r.pending.Note
	case r.view.Round.Mine != nil:
		return r.view.Round.Mine.Note
	}
	return r.draft
}

// level is the participant's level: on its way or saved.
func (r roomScreen) level() model.Level {
	switch {
	case r.pending != nil:
		return r.pending.Level
	case r.view.Round.Mine != nil:
		return r.view.Round.Mine.Level
	}
	return model.Unanswered
}

func (r roomScreen) vote(l model.Level, note string) (screen, tea.Cmd) {
	k := r.key()
	r.pending = &model.Vote{Key: k, Level: l, Note: note}
	r.draft = ""
	var cmd tea.Cmd
	r.voteSeq, cmd = r.c.db.vote(r.room, k, l, note)
	return r, cmd
}

func (r roomScreen) ask(na bool, value string) *roomPrompt {
	label, ask := "A note with your rating (everyone sees it after the reveal)", "Note: "
	if na {
		label, ask = "", "Why does it not apply? "
	}
	p := newPrompt(r.c, r.c.keys.Reason, label, ask, value, reasonLimit, r.width)
	if na {
		p.required = "say why it does not apply: the reason is kept as the note"
	} else {
		p.keys.Accept = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep the note"))
	}
	return &roomPrompt{p: p, na: na, k: r.key()}
}

func (r roomScreen) updatePrompt(msg tea.Msg) (screen, tea.Cmd) {
	m := *r.modal
	p, out, cmd := m.p.Update(msg)
	m.p = p
	r.modal = &m
	switch out {
	case cancelled:
		r.modal = nil
	case quitting:
		return r.leave()
	case accepted:
		r.modal = nil
		return r.takePrompt(m)
	}
	return r, cmd
}

// takePrompt acts on an answered prompt: a participant's N/A vote or note,
// the facilitator's N/A record.
func (r roomScreen) takePrompt(m roomPrompt) (screen, tea.Cmd) {
	text := m.p.value()
	if m.k != r.key() {
		return r, nil
	}
	switch {
	case r.lead:
		return r.record(model.MarkNA(strings.TrimSpace(text)))
	case m.na:
		return r.vote(model.NotApplicable, strings.TrimSpace(text))
	case r.level() != model.Unanswered:
		return r.vote(r.level(), text)
	}
	r.draft = text
	return r, say("the note goes with your rating: give one with 0-5")
}

// leave saves what is typed when the app quits: a reason or note given
// with a level already chosen.
func (r roomScreen) leave() (screen, tea.Cmd) {
	m := r.modal
	r.modal = nil
	if m == nil || m.k != r.key() || strings.TrimSpace(m.p.value()) == "" {
		return r, send(quitMsg{})
	}
	s, cmd := r.takePrompt(*m)
	return s, tea.Batch(cmd, send(quitMsg{}))
}
