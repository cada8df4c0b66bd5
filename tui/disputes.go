package tui

import (
	"slices"
	"strings"

	"github.com/assaytui/assay/model"
)

// Disagreements in the session: questions a workshop import found changed
// on two sides to different values, each with every rating. The store
// resolves one when a level is saved on its question; the session follows.

// setDisputes keeps the open disagreements of a list.
func (s *session) setDisputes(ds []model.Disagreement) {
	s.disputes = map[model.Key]*model.Disagreement{}
	for i := range ds {
		if d := &ds[i]; d.Open() {
			s.disputes[d.Key] = d
		}
	}
}

// dispute is the open disagreement on a question, or nil.
func (s *session) dispute(k model.Key) *model.Disagreement { return s.disputes[k] }

// disputedKeys lists the disputed questions in the order the questionnaire
// shows them: framework by framework, in outline order; then those of
// frameworks or questions not loaded.
func (s *session) disputedKeys() []model.Key {
	var out []model.Key
	seen := map[model.Key]bool{}
	for _, v := range s.fws {
		for i := range v.qs {
			if k := v.keyOf(i); s.disputes[k] != nil {
				out = append(out, k)
				seen[k] = true
			}
		}
	}
	n := len(out)
	for k := range s.disputes {
		if !seen[k] {
			out = append(out, k)
		}
	}
	slices.SortFunc(out[n:], func(a, b model.Key) int { return strings.Compare(a.Qualified(), b.Qualified()) })
	return out
}
