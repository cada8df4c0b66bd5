package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// conflictScreen asks what to do about a save the store refused because
// the answer had changed elsewhere since the user saw it (another app, the
// CLI, an import). Nothing was written: it shows both values and the user
// keeps theirs or uses their own, which is saved over it. It stays while
// conflicts wait, oldest first.
type conflictScreen struct {
	c             *common
	s             *session
	width, height int
}

func newConflictScreen(c *common, s *session) conflictScreen { return conflictScreen{c: c, s: s} }

func (conflictScreen) Title() string       { return "changed elsewhere" }
func (v conflictScreen) Keys() help.KeyMap { return v.c.keys.Conflict }

func (v conflictScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		v.width, v.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		k := v.c.keys.Conflict
		var cmd tea.Cmd
		switch {
		case key.Matches(msg, k.Quit):
			return v, send(quitMsg{})
		case key.Matches(msg, k.Keep):
			cmd = tea.Batch(v.s.resolve(false), say("kept the answer as it is now"))
		case key.Matches(msg, k.Mine):
			cmd = tea.Batch(v.s.resolve(true), say("saving yours over it…"))
		default:
			return v, nil
		}
		if len(v.s.conflicts) == 0 {
			return v, tea.Batch(cmd, send(popMsg{}))
		}
		return v, cmd
	}
	return v, nil
}

// describe says what an answer holds, in the parts a change sets.
func describe(a model.Answer, ch model.Change) string {
	var parts []string
	if ch.Level != nil {
		parts = append(parts, levelWord(a.Level))
	}
	if ch.Note != nil {
		if a.Note == "" {
			parts = append(parts, "no note")
		} else {
			parts = append(parts, "note “"+cells.Preview(a.Note, 40)+"”")
		}
	}
	if ch.Flagged != nil {
		if a.Flagged {
			parts = append(parts, "flagged")
		} else {
			parts = append(parts, "not flagged")
		}
	}
	return strings.Join(parts, ", ")
}

func (v conflictScreen) View() page {
	st := v.c.styles
	w := v.width
	header := v.c.header(st.Title.Render("Changed elsewhere"), fmt.Sprintf("%d waiting", len(v.s.conflicts)), w)
	if len(v.s.conflicts) == 0 {
		return page{header: header}
	}
	cf := v.s.conflicts[0]
	title := cells.Inert(cf.key.Qualified())
	if fv, _ := v.s.view(cf.key.Framework); fv != nil {
		if i := fv.fw.QuestionIndex(cf.key.Question); i >= 0 {
			title = fv.name + " " + fv.text[i].id + "  " + fv.text[i].title
		}
	}
	theirs := describe(cf.theirs, cf.mine)
	when := ""
	if by := cf.theirs.UpdatedBy; by != "" {
		when = " by " + cells.Inert(by)
	}
	if !cf.theirs.UpdatedAt.IsZero() {
		when += " at " + cf.theirs.UpdatedAt.Local().Format("15:04")
	}
	body := []string{"", st.Title.Render(cells.Truncate(title, w)), ""}
	body = append(body, wrapIndent("Not saved: this answer was changed elsewhere to "+theirs+when+" after you saw it, so nothing of yours was written.", w, 2)...)
	body = append(body, "", "  "+st.Label.Render("Theirs")+"  "+theirs, "  "+st.Label.Render("Yours ")+"  "+describe(cf.mine.Apply(cf.theirs), cf.mine), "")
	body = append(body, wrapIndent(st.Key.Render("k")+" keeps theirs · "+st.Key.Render("u")+" uses yours (saves it over theirs)", w, 2)...)
	return page{header: header, body: body}
}
