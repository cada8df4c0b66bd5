package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// A live workshop room (assay serve). The facilitator leads the room from
// question to question; on each, the participants rate privately, the
// facilitator reveals every rating at once, the room talks, and the
// facilitator records the level it agreed on. Revealed ratings become the
// ratings of a disagreement (see merge.go), so the recorded level resolves it
// and every participant's rating is kept with it. This file holds the rules;
// the room package keeps one Room in memory and saves each step.

// RoomMode says how participants move.
type RoomMode int

const (
	// FollowMe keeps everyone on the facilitator's question.
	FollowMe RoomMode = iota
	// LetLoose lets everyone answer questions on their own.
	LetLoose
)

func (m RoomMode) String() string {
	if m == LetLoose {
		return "let loose"
	}
	return "follow me"
}

// Vote is one participant's private rating of a question, until the round
// is revealed. Revision is the ID its rating will carry.
type Vote struct {
	Key
	By       string
	Level    Level // 0-5 or NotApplicable
	Note     string
	At       time.Time
	Revision string
}

// Rating is the vote as the rating of a disagreement, made on host.
func (v Vote) Rating(host string) Rating {
	return Rating{Revision: v.Revision, Level: v.Level, Note: v.Note, By: v.By, At: v.At, Host: host}
}

// Round is the room's work on one question.
type Round struct {
	Key
	Votes    []Vote // private until revealed, one per person, by name
	Revealed bool
	// Ratings are the question's standing ratings once revealed: the room's,
	// and any an import brought before.
	Ratings  []Rating
	Recorded bool
	Agreed   Answer // the level recorded, once Recorded
}

func (r *Round) vote(by string) (int, bool) {
	for i, v := range r.Votes {
		if strings.EqualFold(v.By, by) {
			return i, true
		}
	}
	return 0, false
}

// Room is the live state of one workshop: who is in, the mode, the
// facilitator's question and every round so far. Version counts changes, so
// a view can tell it is out of date.
type Room struct {
	Facilitator string
	Mode        RoomMode
	Current     Key
	People      []string // participants connected now, by name
	Version     uint64
	rounds      map[Key]*Round
}

// NewRoom opens a room on the facilitator's first question.
func NewRoom(facilitator string, at Key) *Room {
	return &Room{Facilitator: facilitator, Current: at, rounds: map[Key]*Round{}}
}

// Errors of the room's rules; the messages are shown as they are.
var (
	ErrNotInRoom   = errors.New("you are not in the room")
	ErrRoomLoose   = errors.New("the room is let loose: answer in your questionnaire")
	ErrMovedOn     = errors.New("the facilitator has moved to another question")
	ErrRevealed    = errors.New("the ratings are revealed; the facilitator can ask again")
	ErrNoVotes     = errors.New("nobody has rated this question yet")
	ErrNotRevealed = errors.New("reveal the ratings before recording a level")
	ErrFacilitator = errors.New("the facilitator records; participants rate")
)

// round is the question's round, made on first use.
func (r *Room) round(k Key) *Round {
	if rd, ok := r.rounds[k]; ok {
		return rd
	}
	rd := &Round{Key: k}
	r.rounds[k] = rd
	return rd
}

func (r *Room) changed() { r.Version++ }

// Present reports whether name is connected.
func (r *Room) Present(name string) bool {
	return slices.ContainsFunc(r.People, func(p string) bool { return strings.EqualFold(p, name) })
}

// Join marks name as connected; joining twice changes nothing.
func (r *Room) Join(name string) {
	if r.Present(name) {
		return
	}
	r.People = append(r.People, name)
	slices.SortFunc(r.People, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	r.changed()
}

// Leave marks name as gone; their votes stay.
func (r *Room) Leave(name string) {
	n := len(r.People)
	r.People = slices.DeleteFunc(r.People, func(p string) bool { return strings.EqualFold(p, name) })
	if len(r.People) != n {
		r.changed()
	}
}

// Go moves the facilitator, and in follow-me mode the room, to question k.
func (r *Room) Go(k Key) {
	if r.Current != k {
		r.Current = k
		r.changed()
	}
}

// SetMode switches between follow-me and let-loose.
func (r *Room) SetMode(m RoomMode) {
	if r.Mode != m {
		r.Mode = m
		r.changed()
	}
}

// CheckVote says whether v may be cast now: by someone in the room, not the
// facilitator, in follow-me mode, on the facilitator's question, before its
// ratings are revealed, with a level (N/A with a reason).
func (r *Room) CheckVote(v Vote) error {
	switch {
	case strings.EqualFold(v.By, r.Facilitator):
		return ErrFacilitator
	case !r.Present(v.By):
		return ErrNotInRoom
	case r.Mode != FollowMe:
		return ErrRoomLoose
	case v.Key != r.Current:
		return ErrMovedOn
	case !v.Level.Given():
		return fmt.Errorf("rate 0-5, or n for not applicable")
	case v.Level == NotApplicable && strings.TrimSpace(v.Note) == "":
		return fmt.Errorf("say why it does not apply: the reason goes in the note")
	}
	if rd, ok := r.rounds[v.Key]; ok && rd.Revealed {
		return ErrRevealed
	}
	return nil
}

// Vote casts v, in place of the same person's earlier vote on the question.
func (r *Room) Vote(v Vote) error {
	if err := r.CheckVote(v); err != nil {
		return err
	}
	rd := r.round(v.Key)
	if i, ok := rd.vote(v.By); ok {
		rd.Votes[i] = v
	} else {
		rd.Votes = append(rd.Votes, v)
		slices.SortFunc(rd.Votes, func(a, b Vote) int { return strings.Compare(strings.ToLower(a.By), strings.ToLower(b.By)) })
	}
	r.changed()
	return nil
}

// CheckReveal says whether the round on k can be revealed: it has votes.
func (r *Room) CheckReveal(k Key) error {
	rd, ok := r.rounds[k]
	switch {
	case ok && rd.Revealed:
		return ErrRevealed
	case !ok || len(rd.Votes) == 0:
		return ErrNoVotes
	}
	return nil
}

// Reveal shows the round's votes to everyone: they are now the question's
// standing ratings, given as the store has them (with any others there).
func (r *Room) Reveal(k Key, standing []Rating) error {
	if err := r.CheckReveal(k); err != nil {
		return err
	}
	rd := r.rounds[k]
	rd.Votes, rd.Revealed, rd.Ratings = nil, true, slices.Clone(standing)
	r.changed()
	return nil
}

// Disputed sets what the store knows of a question that has an open
// disagreement and no round in progress here: it shows as revealed, so the
// room can discuss and record it (or ask again).
func (r *Room) Disputed(k Key, standing []Rating) {
	rd := r.round(k)
	if len(rd.Votes) > 0 {
		return
	}
	rd.Revealed, rd.Ratings = true, slices.Clone(standing)
	r.changed()
}

// CheckRecord says whether the facilitator may record a level on k: any
// votes must have been revealed first, so no rating is settled unseen.
func (r *Room) CheckRecord(k Key) error {
	if rd, ok := r.rounds[k]; ok && len(rd.Votes) > 0 && !rd.Revealed {
		return ErrNotRevealed
	}
	return nil
}

// Record notes the level the room agreed on k, as saved.
func (r *Room) Record(k Key, agreed Answer) error {
	if err := r.CheckRecord(k); err != nil {
		return err
	}
	rd := r.round(k)
	rd.Recorded, rd.Agreed = true, agreed
	r.changed()
	return nil
}

// Again opens the round on k for new votes; the revealed ratings stay in the
// store, and each new one takes the place of its author's earlier one.
func (r *Room) Again(k Key) {
	rd := r.round(k)
	rd.Votes, rd.Revealed, rd.Recorded = nil, false, false
	r.changed()
}

// Restore puts back votes saved before a restart, each in its round.
func (r *Room) Restore(votes []Vote) {
	for _, v := range votes {
		rd := r.round(v.Key)
		if i, ok := rd.vote(v.By); ok {
			rd.Votes[i] = v
		} else {
			rd.Votes = append(rd.Votes, v)
		}
		rd.Revealed = false
	}
	for _, rd := range r.rounds {
		slices.SortFunc(rd.Votes, func(a, b Vote) int { return strings.Compare(strings.ToLower(a.By), strings.ToLower(b.By)) })
	}
	r.changed()
}

// RoomView is the room as one person may see it.
type RoomView struct {
	Version     uint64
	Facilitator string
	Mode        RoomMode
	People      []string // participants connected now
	Round       RoundView
}

// RoundView is a round as one person may see it: before the reveal, who has
// rated and their own vote, never what others gave.
type RoundView struct {
	Key
	Voted    []string // who has rated, connected or not
	Waiting  []string // who is connected and has not rated
	Mine     *Vote    // the viewer's own vote, if any
	Revealed bool
	Ratings  []Rating // once revealed: every standing rating, by level then name
	Spread   Spread   // once revealed
	Recorded bool
	Agreed   Answer
}

// View is the room as viewer sees it, on the facilitator's question.
func (r *Room) View(viewer string) RoomView {
	v := RoomView{Version: r.Version, Facilitator: r.Facilitator, Mode: r.Mode, People: slices.Clone(r.People)}
	v.Round = r.RoundView(r.Current, viewer)
	return v
}

// RoundView is the round on k as viewer sees it.
func (r *Room) RoundView(k Key, viewer string) RoundView {
	rv := RoundView{Key: k}
	rd, ok := r.rounds[k]
	if !ok {
		rv.Waiting = slices.Clone(r.People)
		return rv
	}
	for _, vt := range rd.Votes {
		rv.Voted = append(rv.Voted, vt.By)
		if strings.EqualFold(vt.By, viewer) {
			mine := vt
			rv.Mine = &mine
		}
	}
	for _, p := range r.People {
		if _, voted := rd.vote(p); !voted {
			rv.Waiting = append(rv.Waiting, p)
		}
	}
	if rd.Revealed {
		rv.Revealed = true
		rv.Ratings = slices.Clone(rd.Ratings)
		slices.SortStableFunc(rv.Ratings, func(a, b Rating) int {
			if o := levelOrder(a.Level) - levelOrder(b.Level); o != 0 {
				return o
			}
			return strings.Compare(strings.ToLower(a.By), strings.ToLower(b.By))
		})
		d := Disagreement{Key: k, Ratings: rv.Ratings}
		rv.Spread = d.Spread()
	}
	rv.Recorded, rv.Agreed = rd.Recorded, rd.Agreed
	return rv
}

// levelOrder puts N/A after the levels.
func levelOrder(l Level) int {
	if l == NotApplicable {
		return int(MaxLevel) + 1
	}
	return int(l)
}

// Counts is how many standing ratings gave each level, N/A last: the bars of
// a revealed round.
func (rv RoundView) Counts() (levels [MaxLevel + 1]int, na int) {
	for _, r := range rv.Ratings {
		switch {
		case r.Level.Rated():
			levels[r.Level]++
		case r.Level == NotApplicable:
			na++
		}
	}
	return levels, na
}
