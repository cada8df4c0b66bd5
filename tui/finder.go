package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/tui/cells"
)

// finder finds a clause in every framework of the assessment, by ref (a
// ref and its sub-clauses first) and then by words of the title, section
// or question. Each hit names its framework.
type finder struct {
	input lineInput
	found []hit
	sel   int
}

// hit is question qi of framework fi of the session.
type hit struct{ fi, qi int }

func newFinder(c *common) finder {
	in := newLineInput(findLimit)
	in.Prompt = "Find: "
	in.Placeholder = "clause ref (8.3) or words of a title or question"
	in.SetStyles(c.styles.Input)
	in.Focus()
	return finder{input: in}
}

func (finder) title() string              { return "find a clause" }
func (finder) keys(c *common) help.KeyMap { return c.keys.Find }

// search finds questions, the active framework's first.
func (s *session) search(query string) []hit {
	query = strings.ToLower(strings.TrimSpace(query))
	if query == "" {
		return nil
	}
	words := strings.Fields(query)
	var byRef, byWords []hit
	for n := range s.fws {
		fi := (s.fi + n) % len(s.fws)
		for i, qq := range s.fws[fi].qs {
			ref, id := strings.ToLower(qq.Ref), strings.ToLower(qq.ID)
			if ref == query || id == query || strings.HasPrefix(ref, query+".") || strings.HasPrefix(id, query) {
				byRef = append(byRef, hit{fi, i})
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
				byWords = append(byWords, hit{fi, i})
			}
		}
	}
	return append(byRef, byWords...)
}

// names is the frameworks searched, for "in ISO 28000 or MAS TRM".
func (s *session) names() string {
	var out []string
	for _, v := range s.fws {
		out = append(out, v.name)
	}
	return strings.Join(out, " or ")
}

func (q questionnaire) updateFinder(m finder, msg tea.Msg) (screen, tea.Cmd) {
	k := q.c.keys.Find
	if km, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(km, k.Quit):
			return q, send(quitMsg{})
		case key.Matches(km, k.Cancel):
			q.modal = nil
			return q, nil
		case key.Matches(km, k.Up):
			m.sel = clamp(m.sel-1, 0, len(m.found)-1)
			q.modal = m
			return q, nil
		case key.Matches(km, k.Down):
			m.sel = clamp(m.sel+1, 0, len(m.found)-1)
			q.modal = m
			return q, nil
		case key.Matches(km, k.Jump):
			if len(m.found) == 0 {
				return q, sayErr("no clause matches " + quote(m.input.Value()) + " in " + q.s.names())
			}
			h := m.found[m.sel]
			q.modal = nil
			q.guideOff = 0
			cmd, _ := q.s.jump(q.s.fws[h.fi].keyOf(h.qi))
			return q, cmd
		}
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		m.found, m.sel = q.s.search(m.input.Value()), 0
	}
	q.modal = m
	return q, cmd
}

// findLines is the finder: the query and the matches, each with its framework.
func (q questionnaire) findLines(m finder, w, h int) []string {
	st := q.c.styles
	out := []string{cells.Fit(m.input.View(), w), ""}
	switch {
	case strings.TrimSpace(m.input.Value()) == "":
		out = append(out, st.Subtle.Render(cells.Truncate("Type a clause ref such as 8.3, or words of its title or question; every framework is searched.", w)))
	case len(m.found) == 0:
		out = append(out, st.Subtle.Render(cells.Truncate("No clause matches in "+q.s.names()+".", w)))
	default:
		nameW, idW := 0, 0
		for _, v := range q.s.fws {
			nameW, idW = max(nameW, cells.Width(v.name)), max(idW, v.idWidth)
		}
		room := max(h-len(out)-1, 1)
		first := clamp(m.sel-room/2, 0, len(m.found)-room)
		for i := first; i < len(m.found) && i < first+room; i++ {
			v := q.s.fws[m.found[i].fi]
			t := v.text[m.found[i].qi]
			cursor := "  "
			if i == m.sel {
				cursor = "▸ "
			}
			line := cells.Fit(cursor+cells.Fit(v.name, nameW)+"  "+cells.Fit(t.id, idW)+"  "+t.title, w)
			if i == m.sel {
				line = st.Selected.Render(line)
			}
			out = append(out, line)
		}
		out = append(out, st.Subtle.Render(cells.Truncate(fmt.Sprintf("%d matches", len(m.found)), w)))
	}
	return out
}
