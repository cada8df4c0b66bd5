package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
)

// The facilitator's keys on the room screen: move the room, reveal, record,
// ask again, let loose.

func (r roomScreen) leadKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := r.c.keys.Lead
	rd := r.view.Round
	armed := r.closeArmed
	r.closeArmed = false
	switch {
	case key.Matches(msg, k.Quit):
		// On the projector a stray q must not end everyone's workshop.
		if n := len(r.view.People); msg.String() == "q" && n > 0 && !armed {
			r.closeArmed = true
			return r, sayErr(fmt.Sprintf("q again closes the room for the %d people in it; any other key keeps it open", n))
		}
		return r, send(quitMsg{})
	case key.Matches(msg, k.Help):
		return r, send(helpMsg{})
	case !r.s.ready():
		return r, nil
	case key.Matches(msg, k.Mode):
		mode := model.LetLoose
		if r.view.Mode == model.LetLoose {
			mode = model.FollowMe
		}
		room := r.room
		return r, tea.Batch(func() tea.Msg { room.SetMode(mode); return nil },
			say("the room is now "+mode.String()))
	case key.Matches(msg, k.Open):
		return r, send(jumpMsg{r.key()})
	case key.Matches(msg, k.Dashboard):
		return r, send(pushMsg{newDashboard(r.c, r.s)})
	case key.Matches(msg, k.Prev, k.Next):
		v, i := r.question()
		if v == nil {
			return r, nil
		}
		step := 1
		if key.Matches(msg, k.Prev) {
			step = -1
		}
		j := clamp(i+step, 0, len(v.qs)-1)
		if j == i {
			return r, say("no question further that way in " + v.name)
		}
		return r.goTo(v.keyOf(j))
	case key.Matches(msg, k.Framework, k.FrameworkBack):
		_, fi := r.s.view(r.key().Framework)
		n := len(r.s.fws)
		if n < 2 {
			return r, say("this assessment covers one framework")
		}
		step := 1
		if key.Matches(msg, k.FrameworkBack) {
			step = n - 1
		}
		return r.goTo(r.s.fws[(fi+step)%n].key())
	case key.Matches(msg, k.Reveal):
		if rd.Revealed {
			return r, say("already revealed; " + k.Again.Help().Key + " asks again")
		}
		if len(rd.Voted) == 0 {
			return r, sayErr("nobody has rated this question yet")
		}
		return r, r.c.db.reveal(r.room, r.key())
	case key.Matches(msg, k.Again):
		room, key := r.room, r.key()
		return r, tea.Batch(func() tea.Msg { room.Again(key); return nil },
			say("asking again: everyone rates afresh, new ratings take the place of the old"))
	case key.Matches(msg, k.Record):
		l, err := model.ParseLevel(msg.String())
		if err != nil {
			return r, nil
		}
		if len(rd.Voted) > 0 && !rd.Revealed {
			return r, sayErr("reveal the ratings first (space): none is settled unseen")
		}
		return r.record(model.SetLevel(l))
	case key.Matches(msg, k.NA):
		if len(rd.Voted) > 0 && !rd.Revealed {
			return r, sayErr("reveal the ratings first (space): none is settled unseen")
		}
		a := r.s.answers.Get(r.key().Framework, r.key().Question)
		r.modal = r.ask(true, a.Note)
	}
	return r, nil
}

// goTo moves the room (and, following, everyone) to question k; the
// facilitator's session goes there too, so the questionnaire opens on it.
func (r roomScreen) goTo(k model.Key) (screen, tea.Cmd) {
	r.view.Round = model.RoundView{Key: k}
	cmd, _ := r.s.jump(k)
	return r, tea.Batch(cmd, r.c.db.goTo(r.room, k))
}

// record saves the agreed answer through the session (so the facilitator's
// app knows it and a conflict is settled as anywhere else); once saved the
// room is told.
func (r roomScreen) record(ch model.Change) (screen, tea.Cmd) {
	k := r.key()
	seq, cmd := r.s.save(k, ch)
	r.recordSeq, r.recordKey = seq, k
	what := "N/A"
	if ch.Level != nil && ch.Level.Rated() {
		what = ch.Level.String()
	}
	r.s.say(seq, "recorded "+what+" for "+k.Qualified()+": saved")
	return r, cmd
}
