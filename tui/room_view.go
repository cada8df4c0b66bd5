package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// The room screen: the question at the top, the round below it. Before the
// reveal a participant sees the levels with their own rating marked, the
// facilitator sees who has rated; after it everyone sees the spread, each
// rating with its author and note, and the level recorded.

func (r roomScreen) View() page {
	st := r.c.styles
	w, h := r.width, r.height
	who := r.view.Mode.String()
	if !r.lead {
		who = cells.Inert(r.c.db.actor) + " · " + who
	}
	title := st.Title.Render(cells.Inert(r.s.a.Name)) + " · live"
	if r.lead {
		who = r.banner
	}
	p := page{header: r.c.header(title, who, w)}
	v, i := r.question()
	switch {
	case !r.s.ready():
		p.body = []string{"", "  Joining the room…"}
		return p
	case v == nil || i < 0:
		p.body = []string{"", "  The facilitator's question " + cells.Inert(r.key().Qualified()) + " is not in this questionnaire."}
		return p
	}
	bottom := r.roundLines(v, w)
	if r.modal != nil {
		bottom = append(bottom, "")
		bottom = append(bottom, r.modal.p.lines(st, w)...)
	}
	d := r.drawn.of(r, v, i, w)
	head := d.head
	room := h - len(head) - 1 - len(bottom)
	if room < 1 { // the round first: cut it only when the question gets no line
		bottom = bottom[:max(len(bottom)+room-1, 0)]
		room = 1
	}
	text := d.text
	if len(text) > room {
		text = append(text[:room-1:room-1], cells.Truncate(text[room-1]+" …", w))
	}
	body := append(head[:len(head):len(head)], text...)
	body = append(body, "")
	p.body = append(body, bottom...)
	if !r.lead {
		p.right, p.rightErr = r.voteState()
	} else {
		p.right, p.rightErr = r.s.saveStatus()
	}
	return p
}

// voteState is a participant's rating on the right of the status line.
func (r roomScreen) voteState() (string, bool) {
	switch {
	case r.pending != nil:
		return "your rating: " + levelWord(r.pending.Level) + " … saving", false
	case r.view.Round.Mine != nil:
		return "your rating: " + levelWord(r.view.Round.Mine.Level) + " · saved", false
	case r.view.Mode == model.FollowMe && !r.view.Round.Revealed:
		return "not rated yet", false
	}
	for _, x := range r.view.Round.Ratings {
		if strings.EqualFold(x.By, r.c.db.actor) {
			return "you rated " + levelWord(x.Level), false
		}
	}
	return "", false
}

// roundLines is the lower part: the round as this person may see it.
func (r roomScreen) roundLines(v *fwView, w int) []string {
	st := r.c.styles
	rd := r.view.Round
	var out []string
	if r.view.Mode == model.LetLoose && !r.lead {
		return []string{st.Label.Render("The room is let loose."),
			cells.Truncate("Press enter to answer questions on your own; you come back here when the facilitator calls.", w)}
	}
	if rd.Revealed {
		return append(out, r.revealedLines(v, w)...)
	}
	if r.lead {
		out = append(out, r.scaleLines(v, w, model.Unanswered)...)
		out = append(out, "")
		out = append(out, r.whoRated(w)...)
		if r.view.Mode == model.LetLoose {
			out = append(out, st.Subtle.Render(cells.Truncate("Let loose: everyone answers on their own; m calls them back.", w)))
		}
		return out
	}
	out = append(out, st.Label.Render(cells.Truncate("Your rating — nobody sees it until the facilitator reveals", w)))
	out = append(out, r.scaleLines(v, w, r.level())...)
	note := r.note()
	switch {
	case note != "":
		out = append(out, cells.Truncate(st.Label.Render("Note")+"  "+cells.Inert(note), w))
	default:
		out = append(out, st.Subtle.Render(cells.Truncate("Note  none (e adds one)", w)))
	}
	return append(out, "", st.Subtle.Render(r.countLine(w)))
}

// scaleLines lists the levels with the descriptors of this question, one
// line each; mine is marked. The facilitator's list has no N/A line.
func (r roomScreen) scaleLines(v *fwView, w int, mine model.Level) []string {
	st := r.c.styles
	_, i := r.question()
	d := r.drawn.of(r, v, i, w)
	n := 7
	if r.lead && mine != model.NotApplicable {
		n = 6
	}
	out := make([]string, n)
	for row := range n {
		if row == pickerOf(mine) {
			out[row] = st.Selected.Render(cells.Fit("▸"+d.scale[row][1:], w))
		} else {
			out[row] = d.scale[row]
		}
	}
	return out
}

// roomText is the room screen's question as drawn, kept while the
// question, the width and the styles stay: a frame after a key press then
// draws only the round.
type roomText struct {
	key   model.Key
	w     int
	head  []string  // breadcrumb, title, blank
	text  []string  // the question, wrapped
	scale [7]string // levels 0-5 and N/A with this question's descriptors, cut to w
}

// of is the drawn text of question i of v at width w, drawn now if need be.
func (d *roomText) of(r roomScreen, v *fwView, i, w int) *roomText {
	k := v.keyOf(i)
	if d.key == k && d.w == w && d.head != nil {
		return d
	}
	st := r.c.styles
	t := v.text[i]
	*d = roomText{key: k, w: w}
	d.head = []string{spread(st.Subtle.Render(v.crumb[i]), st.Subtle.Render(fmt.Sprintf("question %d of %d", i+1, len(v.qs))), w)}
	titles := cells.Wrap(t.id+"  "+t.title, w)
	if len(titles) > 2 {
		titles = append(titles[:1:1], cells.Truncate(strings.Join(titles[1:], " "), w))
	}
	for _, l := range titles {
		d.head = append(d.head, st.Title.Render(l))
	}
	d.head = append(d.head, "")
	d.text = cells.Wrap(t.text, w)
	nameW := cells.Width("N/A")
	for _, n := range v.scale {
		nameW = max(nameW, cells.Width(n))
	}
	for l := range 6 {
		desc := strings.Join(strings.Fields(t.levels[l]), " ")
		d.scale[l] = cells.Truncate(fmt.Sprintf("  %d  %s  %s", l, cells.Fit(v.scale[l], nameW), desc), w)
	}
	d.scale[pickNA] = cells.Truncate("  n  "+cells.Fit("N/A", nameW)+"  it does not apply here (say why)", w)
	return d
}

// countLine says how far the round is, without saying what anyone gave.
func (r roomScreen) countLine(w int) string {
	rd := r.view.Round
	n := len(rd.Voted) + len(r.stillWaiting())
	s := fmt.Sprintf("%d of %d have rated", len(rd.Voted), n)
	if len(rd.Voted) == 0 {
		s = "nobody has rated yet"
	}
	return cells.Truncate(s, w)
}

// stillWaiting are the people connected who have not rated, less the viewer
// when they have a vote on its way.
func (r roomScreen) stillWaiting() []string {
	var out []string
	for _, p := range r.view.Round.Waiting {
		if r.pending != nil && strings.EqualFold(p, r.c.db.actor) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// whoRated is the facilitator's line of who has rated and who not.
func (r roomScreen) whoRated(w int) []string {
	st := r.c.styles
	rd := r.view.Round
	if len(rd.Voted)+len(rd.Waiting) == 0 {
		lobby := r.lobby
		if len(lobby) == 0 {
			lobby = []string{"Nobody has joined yet."}
		}
		var out []string
		for _, l := range lobby {
			out = append(out, st.Subtle.Render(cells.Truncate(cells.Inert(l), w)))
		}
		return out
	}
	var parts []string
	for _, n := range rd.Voted {
		mark := " ✓"
		if !slices.ContainsFunc(r.view.People, func(p string) bool { return strings.EqualFold(p, n) }) {
			mark = " ✓ (left)" // their rating stays; they can come back
		}
		parts = append(parts, cells.Inert(n)+mark)
	}
	line := fmt.Sprintf("Rated %d of %d", len(rd.Voted), len(rd.Voted)+len(rd.Waiting))
	if len(parts) > 0 {
		line += ": " + strings.Join(parts, "  ")
	}
	if len(rd.Waiting) > 0 {
		var names []string
		for _, n := range rd.Waiting {
			names = append(names, cells.Inert(n))
		}
		line += " · waiting: " + strings.Join(names, ", ")
	}
	lines := cells.Wrap(line, w)
	if len(lines) > 2 {
		lines = append(lines[:1:1], cells.Truncate(strings.Join(lines[1:], " "), w))
	}
	return lines
}

// revealedLines show the spread as bars of who gave each level, then each
// rating's note, then the level recorded.
func (r roomScreen) revealedLines(v *fwView, w int) []string {
	st := r.c.styles
	rd := r.view.Round
	head := "Ratings: " + rd.Spread.String()
	if rd.Recorded {
		head += " · agreed " + levelName(v, rd.Agreed.Level)
	}
	out := []string{st.Label.Render(cells.Truncate(head, w))}
	levels, na := rd.Counts()
	most := max(na, 1)
	for _, n := range levels {
		most = max(most, n)
	}
	byLevel := map[model.Level][]string{}
	for _, x := range rd.Ratings {
		byLevel[x.Level] = append(byLevel[x.Level], cells.Inert(x.By))
	}
	const barW = 10
	row := func(label string, n int, names []string) string {
		bar := strings.Repeat("█", n*barW/most) + strings.Repeat("░", barW-n*barW/most)
		return cells.Truncate(fmt.Sprintf("  %s  %s %d  %s", label, st.BarFull.Render(bar), n, strings.Join(names, ", ")), w)
	}
	for l := range 6 {
		line := row(fmt.Sprintf("%d %-*s", l, 14, cells.Truncate(v.scale[l], 14)), levels[l], byLevel[model.Level(l)])
		if rd.Recorded && rd.Agreed.Level == model.Level(l) {
			line = st.Selected.Render(cells.Fit(line, w))
		}
		out = append(out, line)
	}
	if na > 0 {
		out = append(out, row(fmt.Sprintf("%-16s", "N/A"), na, byLevel[model.NotApplicable]))
	}
	for _, x := range rd.Ratings {
		if x.Note == "" {
			continue
		}
		out = append(out, cells.Truncate(fmt.Sprintf("  %s (%s): %s", cells.Inert(x.By), levelName(v, x.Level), cells.Inert(x.Note)), w))
	}
	if r.lead && !rd.Recorded {
		out = append(out, st.Subtle.Render(cells.Truncate("0-5 records the level the room agrees on · "+r.c.keys.Lead.Again.Help().Key+" asks again", w)))
	}
	return out
}
