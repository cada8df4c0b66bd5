package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// reconcile settles disagreements from workshop imports, one disputed
// question at a time: every standing rating side by side (level, who, which
// laptop, when, from which file, the note) and what each level in play
// means for this question. Taking a rating, or giving another level, saves
// it; the store records it as the resolution of those ratings.
type reconcile struct {
	c             *common
	s             *session
	width, height int
	at            model.Key // the question shown
	pos           int       // its place among the disputed, kept when it is settled
	sel           int       // the highlighted rating
}

func newReconcile(c *common, s *session, start model.Key) reconcile {
	r := reconcile{c: c, s: s}
	keys := s.disputedKeys()
	r.pos = max(slices.Index(keys, start), 0)
	if len(keys) > 0 {
		r.at = keys[r.pos]
	}
	return r
}

func (r reconcile) Title() string { return "reconcile" }

func (r reconcile) Keys() help.KeyMap {
	k := r.c.keys.Reconcile
	if _, d := r.current(); d == nil {
		for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Take, &k.Level, &k.Next, &k.Prev, &k.Go} {
			b.SetEnabled(false)
		}
	}
	return k
}

func (r reconcile) Legend() []string {
	return []string{
		"A disagreement: two laptops changed this answer since they last agreed, to different values. The answer stays as it was until you settle it here.",
		"Taking a rating saves its level and note; a number key saves another level and keeps the note. Either settles every rating shown, and history records which.",
	}
}

// current is the disputed question shown and its disagreement: the one
// chosen while it is open, else the one now at its place.
func (r reconcile) current() (model.Key, *model.Disagreement) {
	if d := r.s.dispute(r.at); d != nil {
		return r.at, d
	}
	keys := r.s.disputedKeys()
	if len(keys) == 0 {
		return model.Key{}, nil
	}
	k := keys[clamp(r.pos, 0, len(keys)-1)]
	return k, r.s.dispute(k)
}

func (r reconcile) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		r.width, r.height = msg.Width, msg.Height
	case revealMsg:
		return r, r.c.db.checkChanged(r.s.id)
	case tea.KeyPressMsg:
		return r.updateKey(msg)
	}
	return r, nil
}

func (r reconcile) updateKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := r.c.keys.Reconcile
	switch {
	case key.Matches(msg, k.Quit):
		return r, send(quitMsg{})
	case key.Matches(msg, k.Back):
		return r, send(popMsg{})
	case key.Matches(msg, k.Help):
		return r, send(helpMsg{})
	}
	at, d := r.current()
	if d == nil {
		return r, nil
	}
	r.at = at
	keys := r.s.disputedKeys()
	r.pos = max(slices.Index(keys, at), 0)
	ratings := d.Standing()
	switch {
	case key.Matches(msg, k.Up):
		r.sel = clamp(r.sel-1, 0, len(ratings)-1)
	case key.Matches(msg, k.Down):
		r.sel = clamp(r.sel+1, 0, len(ratings)-1)
	case key.Matches(msg, k.Next, k.Prev):
		step := 1
		if key.Matches(msg, k.Prev) {
			step = len(keys) - 1
		}
		r.pos = (r.pos + step) % len(keys)
		r.at, r.sel = keys[r.pos], 0
	case key.Matches(msg, k.Go):
		return r, send(jumpMsg{at})
	case key.Matches(msg, k.Take):
		rt := ratings[clamp(r.sel, 0, len(ratings)-1)]
		ch := model.Change{Level: &rt.Level}
		if cur, _ := r.s.seen(at); cur.Note != rt.Note {
			ch.Note = &rt.Note
		}
		return r.settle(at, ch, "took "+cells.Inert(rt.By)+"’s "+levelWord(rt.Level))
	case key.Matches(msg, k.Level):
		l, err := model.ParseLevel(msg.String())
		if err != nil {
			return r, nil
		}
		return r.settle(at, model.SetLevel(l), "gave "+levelWord(l))
	}
	return r, nil
}

// settle saves the chosen answer; the store resolves the disagreement with it.
func (r reconcile) settle(k model.Key, ch model.Change, what string) (screen, tea.Cmd) {
	seq, cmd := r.s.save(k, ch)
	left := len(r.s.disputes) - 1
	r.s.say(seq, fmt.Sprintf("settled %s: %s; %d left", k.Qualified(), what, left))
	r.sel = 0
	return r, cmd
}

func (r reconcile) View() page {
	st := r.c.styles
	w := r.width
	keys := r.s.disputedKeys()
	at, d := r.current()
	name := cells.Inert(r.s.a.Name)
	if d == nil {
		return page{header: r.c.header(st.Title.Render(name)+" · Reconcile", "nothing disputed", w),
			body: []string{"", "  Every disagreement is settled. esc goes back."}}
	}
	pos := max(slices.Index(keys, at), 0)
	header := r.c.header(st.Title.Render(name)+" · Reconcile", fmt.Sprintf("disputed %d of %d", pos+1, len(keys)), w)
	v, qi := r.question(at)
	title := cells.Inert(at.Qualified())
	if v != nil {
		title = v.name + " " + v.text[qi].id + "  " + v.text[qi].title
	}
	cur, _ := r.s.shown(at)
	body := []string{}
	for _, l := range cells.Wrap(title, w) {
		body = append(body, st.Title.Render(l))
	}
	now := fmt.Sprintf("now %s", r.levelText(v, cur.Level))
	if cur.UpdatedBy != "" {
		now += " (" + cells.Inert(cur.UpdatedBy) + ")"
	}
	now += " · " + d.Spread().String()
	if !d.AroseAt.IsZero() {
		now += " · since " + d.AroseAt.Local().Format("2006-01-02 15:04")
	}
	body = append(body, st.Subtle.Render(cells.Truncate(now, w)), "")

	ratings := d.Standing()
	sel := clamp(r.sel, 0, len(ratings)-1)
	levels := r.levelsInPlay(v, qi, ratings, w)
	room := max(r.height-len(body)-1-len(levels), 6)
	body = append(body, r.ratingCards(v, ratings, sel, w, room)...)
	body = append(body, "")
	body = append(body, levels...)
	return page{header: header, body: body}
}

// question is the loaded framework view and index of a question, or nil.
func (r reconcile) question(k model.Key) (*fwView, int) {
	v, _ := r.s.view(k.Framework)
	if v == nil {
		return nil, -1
	}
	i := v.fw.QuestionIndex(k.Question)
	if i < 0 {
		return nil, -1
	}
	return v, i
}

// levelText is "2 Managed", "N/A" or "no level".
func (r reconcile) levelText(v *fwView, l model.Level) string {
	switch {
	case l.Rated() && v != nil:
		return levelName(v, l)
	case l.Rated():
		return l.String()
	case l == model.NotApplicable:
		return "N/A"
	}
	return "no level"
}

// ratingCards lays the ratings side by side when each gets at least 24
// columns, else one under the other; in at most h lines.
func (r reconcile) ratingCards(v *fwView, ratings []model.Rating, sel, w, h int) []string {
	const gap = 2
	n := len(ratings)
	colW := (w - gap*(n-1)) / max(n, 1)
	if colW >= 24 {
		cards := make([][]string, n)
		for i, rt := range ratings {
			cards[i] = r.card(v, rt, i == sel, colW, h)
		}
		return joinColumns(cards, colW, gap)
	}
	var out []string
	per := max(h/max(n, 1), 3)
	for i, rt := range ratings {
		out = append(out, r.card(v, rt, i == sel, w, per)...)
	}
	return out
}

// card is one rating: who, the level with its name, where and when, from
// which import, and the note.
func (r reconcile) card(v *fwView, rt model.Rating, selected bool, w, h int) []string {
	st := r.c.styles
	cursor := "  "
	if selected {
		cursor = "▸ "
	}
	head := cells.Fit(cursor+cells.Inert(rt.By), w)
	if selected {
		head = st.Selected.Render(head)
	} else {
		head = st.Label.Render(head)
	}
	lines := []string{head, "  " + cells.Truncate(r.levelText(v, rt.Level), w-2)}
	var about []string
	if host := strings.TrimSpace(cells.Inert(rt.Host)); host != "" {
		about = append(about, "on "+host)
	}
	if !rt.At.IsZero() {
		about = append(about, rt.At.Local().Format("2006-01-02 15:04"))
	}
	if rt.Origin != "" {
		origin := cells.Wrap("via "+cells.Inert(rt.Origin), max(w-2, 1))
		if len(origin) > 2 {
			origin = append(origin[:1:1], cells.Truncate(strings.Join(origin[1:], " "), w-2))
		}
		about = append(about, origin...)
	}
	for _, l := range about {
		lines = append(lines, st.Subtle.Render("  "+cells.Truncate(l, w-2)))
	}
	note := strings.TrimSpace(rt.Note)
	if note == "" {
		return append(lines, st.Subtle.Render("  (no note)"))
	}
	room := max(h-len(lines), 1)
	text, _ := cells.Head(note, room, room*w*4)
	wrapped := cells.Wrap("“"+cells.InertLines(text)+"”", max(w-2, 1))
	if len(wrapped) > room {
		wrapped = append(wrapped[:room-1:room-1], cells.Truncate(wrapped[room-1]+" …", w-2))
	}
	for _, l := range wrapped {
		lines = append(lines, "  "+l)
	}
	return lines
}

// levelsInPlay says what each level among the ratings means for this
// question, lowest first, N/A last.
func (r reconcile) levelsInPlay(v *fwView, qi int, ratings []model.Rating, w int) []string {
	st := r.c.styles
	var ls []model.Level
	for _, rt := range ratings {
		if rt.Level.Given() && !slices.Contains(ls, rt.Level) {
			ls = append(ls, rt.Level)
		}
	}
	slices.SortFunc(ls, func(a, b model.Level) int {
		if a == model.NotApplicable || b == model.NotApplicable {
			return int(b) - int(a) // N/A (-2) after every level
		}
		return int(a) - int(b)
	})
	out := []string{st.Label.Render("Levels in play")}
	for _, l := range ls {
		text := "N/A: the question does not apply here; the note says why."
		if l.Rated() {
			text = r.levelText(v, l)
			if v != nil && v.text[qi].levels[l] != "" {
				text += ": " + v.text[qi].levels[l]
			}
		}
		wrapped := cells.Wrap(text, max(w-2, 1))
		if len(wrapped) > 3 {
			wrapped = append(wrapped[:2:2], cells.Truncate(wrapped[2]+" …", w-2))
		}
		for _, line := range wrapped {
			out = append(out, "  "+line)
		}
	}
	return out
}
