package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// Text fields of the new-assessment form, in order; the framework
// checkboxes follow them, then the target level.
const (
	fieldName = iota
	fieldOrg
	fieldAssessor
	nText
)

// nameLimit is the longest name, organisation or assessor the inputs take,
// in characters; a longer paste is cut.
const nameLimit = 200

// form is the new-assessment form.
type form struct {
	c             *common
	width, height int

	inputs  [nText]lineInput
	fws     []*model.Framework
	ticked  []bool
	target  int
	focus   int
	touched [nText]bool // a field left once shows its validation
	tried   bool        // create was attempted: show every problem
	busy    bool
}

func newForm(c *common) form {
	f := form{c: c, target: int(model.DefaultTarget)}
	labels := [nText]string{"required, e.g. ISO 28000 gap analysis 2026", "optional", "optional: who answers"}
	for i := range f.inputs {
		in := newLineInput(nameLimit)
		in.Prompt = ""
		in.Placeholder = labels[i]
		in.SetStyles(c.styles.Input)
		f.inputs[i] = in
	}
	f.fws = c.catalog.Frameworks()
	f.ticked = make([]bool, len(f.fws))
	for i := range f.ticked {
		f.ticked[i] = true
	}
	f.resize()
	return f
}

func (f form) Title() string     { return "new assessment" }
func (f form) Keys() help.KeyMap { return f.c.keys.Form }

// Init focuses the first field.
func (f form) Init() (form, tea.Cmd) {
	f.focus = fieldName
	return f, f.inputs[fieldName].Focus()
}

func (f form) fieldCount() int { return nText + len(f.fws) + 1 }
func (f form) lastField() int  { return f.fieldCount() - 1 }

func (f *form) resize() {
	for i := range f.inputs {
		f.inputs[i].SetWidth(clamp(f.width-20, 10, 60))
	}
}

// problems validates the form: field index -> message.
func (f form) problems() map[int]string {
	p := map[int]string{}
	if strings.TrimSpace(f.inputs[fieldName].Value()) == "" {
		p[fieldName] = "a name is required"
	}
	any := false
	for _, t := range f.ticked {
		any = any || t
	}
	if !any {
		p[nText] = "tick at least one framework"
	}
	return p
}

func (f form) value() model.NewAssessment {
	n := model.NewAssessment{
		Name:         f.inputs[fieldName].Value(),
		Organisation: f.inputs[fieldOrg].Value(),
		Assessor:     f.inputs[fieldAssessor].Value(),
		Target:       model.Level(f.target),
	}
	for i, fw := range f.fws {
		if f.ticked[i] {
			n.Frameworks = append(n.Frameworks, fw.ID)
		}
	}
	return n
}

func (f form) setFocus(i int) (form, tea.Cmd) {
	i = clamp(i, 0, f.lastField())
	if f.focus < nText {
		f.touched[f.focus] = true
		f.inputs[f.focus].Blur()
	}
	f.focus = i
	if i < nText {
		return f, f.inputs[i].Focus()
	}
	return f, nil
}

func (f form) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.width, f.height = msg.Width, msg.Height
		f.resize()
		return f, nil
	case restyledMsg:
		for i := range f.inputs {
			f.inputs[i].SetStyles(f.c.styles.Input)
		}
	case createdMsg:
		if !f.busy {
			return f, nil
		}
		f.busy = false
		if msg.err != nil {
			return f, sayErr("not created: " + cells.Inert(msg.err.Error()))
		}
		return f, tea.Batch(send(openMsg{id: msg.a.ID, replace: true}),
			say("created "+quote(msg.a.Name)+": 0-5 rates a question, ? shows every key"))
	case tea.PasteMsg:
		if f.focus < nText {
			var cmd tea.Cmd
			f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
			return f, cmd
		}
	case tea.KeyPressMsg:
		return f.updateKey(msg)
	}
	return f, nil
}

func (f form) updateKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := f.c.keys.Form
	if f.busy {
		if key.Matches(msg, k.Quit) {
			return f, send(quitMsg{})
		}
		return f, nil
	}
	onText := f.focus < nText
	onBox := f.focus >= nText && f.focus < nText+len(f.fws)
	onTarget := f.focus == f.lastField()
	switch {
	case key.Matches(msg, k.Quit):
		return f, send(quitMsg{})
	case key.Matches(msg, k.Cancel):
		return f, send(popMsg{})
	case key.Matches(msg, k.Next):
		return f.setFocus(f.focus + 1)
	case key.Matches(msg, k.Prev):
		return f.setFocus(f.focus - 1)
	case key.Matches(msg, k.Submit):
		if !onTarget {
			return f.setFocus(f.focus + 1)
		}
		f.tried = true
		if p := f.problems(); len(p) > 0 {
			for i := 0; i < f.fieldCount(); i++ {
				if _, bad := p[i]; bad {
					return f.setFocus(i)
				}
			}
		}
		f.busy = true
		return f, tea.Batch(say("creating…"), f.c.db.create(f.value()))
	case onBox && key.Matches(msg, k.Toggle):
		i := f.focus - nText
		f.ticked[i] = !f.ticked[i]
		return f, nil
	case onTarget && key.Matches(msg, k.Level):
		switch s := msg.String(); s {
		case "left":
			f.target = clamp(f.target-1, 0, 5)
		case "right":
			f.target = clamp(f.target+1, 0, 5)
		default:
			n, _ := strconv.Atoi(s)
			f.target = clamp(n, 0, 5)
		}
		return f, nil
	case onText:
		var cmd tea.Cmd
		f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
		return f, cmd
	}
	return f, nil
}

func (f form) View() page {
	st := f.c.styles
	w := f.width
	problems := f.problems()
	labelW := 14
	var body []string
	body = append(body, "", st.Title.Render(cells.Truncate("New assessment", w)), "")
	row := func(i int, label, content string) {
		cursor := "  "
		lbl := cells.Fit(label, labelW)
		if i == f.focus {
			cursor = "▸ "
			lbl = st.Label.Render(lbl)
		}
		body = append(body, cells.Truncate(cursor+lbl+content, w))
	}
	problem := func(i int, show bool) {
		if msg, bad := problems[i]; bad && show {
			body = append(body, st.Error.Render(cells.Truncate(strings.Repeat(" ", labelW+2)+"✗ "+msg, w)))
		}
	}
	textLabels := [nText]string{"Name*", "Organisation", "Assessor"}
	for i := 0; i < nText; i++ {
		row(i, textLabels[i], f.inputs[i].View())
		problem(i, f.tried || f.touched[i])
	}
	body = append(body, "")
	for i, fw := range f.fws {
		box := "[ ]"
		if f.ticked[i] {
			box = "[x]"
		}
		label := ""
		if i == 0 {
			label = "Frameworks*"
		}
		row(nText+i, label, box+" "+cells.Inert(fw.Name())+st.Subtle.Render(" "+cells.Inert(fw.Title)))
	}
	problem(nText, f.tried || f.focus > nText+len(f.fws)-1)
	body = append(body, "")
	var levels []string
	for l := 0; l <= 5; l++ {
		s := strconv.Itoa(l)
		if l == f.target {
			s = "[" + s + "]"
		} else {
			s = " " + s + " "
		}
		levels = append(levels, s)
	}
	scale := model.DefaultScale
	if len(f.fws) > 0 {
		scale = f.fws[0].Scale
	}
	row(f.lastField(), "Target level", strings.Join(levels, "")+"  "+cells.Inert(scale[f.target].Name))
	body = append(body, "", st.Subtle.Render(cells.Truncate("  enter on the last field creates the assessment and opens it · * required", w)))
	return page{header: f.c.header(st.Title.Render("New assessment"), "", w), body: body}
}
