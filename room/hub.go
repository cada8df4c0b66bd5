// Package room is a live workshop in one process: one model.Room in memory,
// shared by every person's app, saved step by step in the store, and every
// app told of each change by a message (tui.RoomChanged) — never by reaching
// into another app. Run starts it all: the hub, the SSH server (package
// serve) and the facilitator's own app.
package room

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui"
)

// Store is what the room needs of the database (store.Store has it).
type Store interface {
	SaveVote(ctx context.Context, assessmentID string, v model.Vote) (model.Vote, error)
	Votes(ctx context.Context, assessmentID string) ([]model.Vote, error)
	Reveal(ctx context.Context, assessmentID string, k model.Key) ([]model.Rating, error)
	Disagreements(ctx context.Context, assessmentID string) ([]model.Disagreement, error)
}

// Hub is the room of one assessment.
type Hub struct {
	id string
	st Store

	// write is held through each change, its saving included, so that what
	// a change checked still holds when it applies; mu guards the state and
	// is held only in memory, so views never wait on the disk.
	write sync.Mutex
	mu    sync.Mutex
	room  *model.Room
	subs  map[*seat]struct{}
}

// NewHub opens the room on question at, with the votes saved before (a
// server that stopped mid-round picks up where it was).
func NewHub(ctx context.Context, st Store, assessmentID, facilitator string, at model.Key) (*Hub, error) {
	h := &Hub{id: assessmentID, st: st, room: model.NewRoom(facilitator, at), subs: map[*seat]struct{}{}}
	votes, err := st.Votes(ctx, assessmentID)
	if err != nil {
		return nil, err
	}
	h.room.Restore(votes)
	if err := h.loadDisputed(ctx, at); err != nil {
		return nil, err
	}
	return h, nil
}

// loadDisputed shows an open disagreement on k (from an import or an
// earlier round) as a revealed round, when the room has none under way.
func (h *Hub) loadDisputed(ctx context.Context, k model.Key) error {
	ds, err := h.st.Disagreements(ctx, h.id)
	if err != nil {
		return err
	}
	for i := range ds {
		if ds[i].Key == k && ds[i].Open() {
			h.mu.Lock()
			if rv := h.room.RoundView(k, ""); !rv.Revealed && len(rv.Voted) == 0 {
				h.room.Disputed(k, ds[i].Standing())
			}
			h.mu.Unlock()
		}
	}
	return nil
}

// seat is one person's place in the room: the tui.Room their app uses. It
// tells its app of changes from a goroutine of its own, the newest view
// only, so a slow app never holds up the room or anyone else.
type seat struct {
	h      *Hub
	name   string
	lead   bool
	notify func(tui.RoomChanged)
	kick   chan struct{}
	done   chan struct{}
}

// Seat gives name a place in the room. The facilitator's seat (lead) is not
// counted among the participants. Listen starts telling its app of changes.
func (h *Hub) Seat(name string, lead bool) *seat {
	s := &seat{h: h, name: name, lead: lead, kick: make(chan struct{}, 1), done: make(chan struct{})}
	h.change(func(r *model.Room) {
		h.subs[s] = struct{}{}
		if !lead {
			r.Join(name)
		}
	})
	return s
}

// Listen calls notify with the room as it is now and after each change; it
// may block (a program busy drawing), as it runs on the seat's own goroutine.
func (s *seat) Listen(notify func(tui.RoomChanged)) {
	s.notify = notify
	go s.tell()
	select {
	case s.kick <- struct{}{}:
	default: // already kicked
	}
}

// Leave gives up the seat: the person is no longer counted as present
// (unless another connection of theirs sits), and their votes stay.
func (s *seat) Leave() {
	h := s.h
	h.change(func(r *model.Room) {
		if _, ok := h.subs[s]; !ok {
			return
		}
		delete(h.subs, s)
		close(s.done)
		if !s.lead && !h.seatedLocked(s.name) {
			r.Leave(s.name)
		}
	})
}

func (h *Hub) seatedLocked(name string) bool {
	for o := range h.subs {
		if !o.lead && strings.EqualFold(o.name, name) {
			return true
		}
	}
	return false
}

func (s *seat) tell() {
	var last model.RoomView
	told := false
	for {
		select {
		case <-s.done:
			return
		case <-s.kick:
			v := s.View()
			// A change others made that this person cannot see (a vote
			// changed after the first) tells them nothing: their app need
			// not draw again.
			last.Version = v.Version
			if told && reflect.DeepEqual(v, last) {
				continue
			}
			last, told = v, true
			s.notify(tui.RoomChanged{View: v})
		}
	}
}

// changed kicks every seat; a seat already kicked is not kicked twice.
func (h *Hub) changed() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		select {
		case s.kick <- struct{}{}:
		default:
		}
	}
}

// View is the room as the seat's person may see it.
func (s *seat) View() model.RoomView {
	s.h.mu.Lock()
	defer s.h.mu.Unlock()
	if s.lead {
		return s.h.room.View(s.h.room.Facilitator)
	}
	return s.h.room.View(s.name)
}

// Vote saves the participant's vote, then counts it.
func (s *seat) Vote(ctx context.Context, k model.Key, l model.Level, note string) (model.Vote, error) {
	h := s.h
	v := model.Vote{Key: k, By: s.name, Level: l, Note: note, At: time.Now()}
	h.write.Lock()
	defer h.write.Unlock()
	h.mu.Lock()
	err := h.room.CheckVote(v)
	h.mu.Unlock()
	if err != nil {
		return model.Vote{}, err
	}
	saved, err := h.st.SaveVote(ctx, h.id, v)
	if err != nil {
		return model.Vote{}, err
	}
	h.mu.Lock()
	err = h.room.Vote(saved)
	h.mu.Unlock()
	h.changed()
	return saved, err
}

// Go moves the room to k.
func (s *seat) Go(ctx context.Context, k model.Key) {
	if !s.lead {
		return
	}
	h := s.h
	h.write.Lock()
	defer h.write.Unlock()
	h.mu.Lock()
	h.room.Go(k)
	h.mu.Unlock()
	_ = h.loadDisputed(ctx, k) // without it the question shows as new; nothing is lost
	h.changed()
}

func (s *seat) SetMode(m model.RoomMode) {
	if s.lead {
		s.h.change(func(r *model.Room) { r.SetMode(m) })
	}
}

// change makes a change in memory only, between the writes of others.
func (h *Hub) change(f func(r *model.Room)) {
	h.write.Lock()
	h.mu.Lock()
	f(h.room)
	h.mu.Unlock()
	h.write.Unlock()
	h.changed()
}

// Reveal makes the round's votes ratings in the store, then shows them.
func (s *seat) Reveal(ctx context.Context, k model.Key) error {
	if !s.lead {
		return model.ErrFacilitator
	}
	h := s.h
	h.write.Lock()
	defer h.write.Unlock()
	h.mu.Lock()
	err := h.room.CheckReveal(k)
	h.mu.Unlock()
	if err != nil {
		return err
	}
	standing, err := h.st.Reveal(ctx, h.id, k)
	if err != nil {
		return err
	}
	h.mu.Lock()
	err = h.room.Reveal(k, standing)
	h.mu.Unlock()
	h.changed()
	return err
}

// Recorded notes the level the facilitator's app saved for k.
func (s *seat) Recorded(k model.Key, agreed model.Answer) {
	if s.lead {
		s.h.change(func(r *model.Room) { _ = r.Record(k, agreed) })
	}
}

func (s *seat) Again(k model.Key) {
	if s.lead {
		s.h.change(func(r *model.Room) { r.Again(k) })
	}
}
