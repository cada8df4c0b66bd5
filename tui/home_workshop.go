package tui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
)

// The assessments list's workshop keys: mark two assessments and compare
// them, or open the Reconcile screen of one.

// workshopKey handles space, = and R on the selected assessment s.
func (h home) workshopKey(msg tea.KeyPressMsg, s model.Summary) (home, tea.Cmd, bool) {
	kh := h.c.keys.Home
	a := s.Assessment
	switch {
	case key.Matches(msg, kh.Mark):
		if i := slices.Index(h.marked, a.ID); i >= 0 {
			h.marked = slices.Delete(slices.Clone(h.marked), i, i+1)
			return h, say("unmarked " + quote(a.Name)), true
		}
		h.marked = append(slices.Clone(h.marked), a.ID)
		if len(h.marked) > 2 {
			h.marked = h.marked[1:]
		}
		if len(h.marked) == 2 {
			return h, say("marked " + quote(a.Name) + "; = compares the two marked"), true
		}
		return h, say("marked " + quote(a.Name) + "; mark another with space, then ="), true
	case key.Matches(msg, kh.Compare):
		if len(h.marked) == 2 {
			// The one created first is the older, whichever was marked first.
			if o, n := h.byID(h.marked[0]), h.byID(h.marked[1]); o != nil && n != nil {
				if n.CreatedAt.Before(o.CreatedAt) {
					o, n = n, o
				}
				return h, push(newCompare(h.c, o.ID, n.ID)), true
			}
		}
		if a.CopiedFrom != "" && h.byID(a.CopiedFrom) != nil {
			return h, push(newCompare(h.c, a.CopiedFrom, a.ID)), true
		}
		return h, say("mark two assessments with space, then press = (a copy compares with its source)"), true
	case key.Matches(msg, kh.Reconcile):
		return h, send(openMsg{id: a.ID, reconcile: true}), true
	}
	return h, nil, false
}

// byID is the listed assessment with that ID, or nil.
func (h home) byID(id string) *model.Assessment {
	for i := range h.list.Len() {
		if a := h.list.Assessment(i); a.ID == id {
			return &a
		}
	}
	return nil
}

// isMarked reports whether an assessment is marked for comparing.
func (h home) isMarked(id string) bool { return slices.Contains(h.marked, id) }
