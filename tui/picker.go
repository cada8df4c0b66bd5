package tui

import (
	"strconv"
	"strings"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// pickerLabel is a picker row's level and name.
func pickerLabel(v *fwView, r int) (string, string) {
	if r == pickNA {
		return "N/A", "Not applicable"
	}
	return strconv.Itoa(r), v.scale[r]
}

// answerMarks says, per picker row, what the stored and pending answers are.
func (q questionnaire) answerMarks(a model.Answer, s *saveState) (saved, saving, failed int) {
	saved, saving, failed = -1, -1, -1
	confirmed := a
	if s != nil {
		k := model.Key{Framework: a.Framework, Question: a.QuestionID}
		confirmed = q.s.answers.Get(k.Framework, k.Question)
		if s.pending(fLevel) {
			saving = pickerOf(s.want.Level)
			if !s.want.Level.Given() {
				saving = -2 // clearing
			}
		}
		if s.failed(fLevel) {
			failed = pickerOf(s.want.Level)
			if !s.want.Level.Given() {
				failed = -2
			}
		}
	}
	if confirmed.Level.Given() {
		saved = pickerOf(confirmed.Level)
	}
	return
}

func (q questionnaire) pickerFull(v *fwView, a model.Answer, s *saveState, w int) []string {
	st := q.c.styles
	saved, saving, failed := q.answerMarks(a, s)
	headRight := ""
	if a.Flagged {
		headRight = st.Flag.Render("! flagged for review")
	}
	out := []string{spread(st.Label.Render("Level"), headRight, w)}
	for r := 0; r <= pickNA; r++ {
		lvl, name := pickerLabel(v, r)
		cursor := "  "
		if r == v.picker {
			cursor = "▸ "
		}
		var marks []string
		if r == saved {
			marks = append(marks, "● saved")
		}
		if r == saving {
			marks = append(marks, "… saving")
		}
		if r == failed {
			marks = append(marks, "✗ not saved")
		}
		line := cursor + cells.Fit(lvl, 3) + " " + cells.Fit(name, 15) + " " + strings.Join(marks, " ")
		line = cells.Fit(line, w)
		if r == v.picker {
			line = st.Selected.Render(line)
		}
		out = append(out, line)
	}
	if saving == -2 {
		out = append(out[:1:1], append([]string{st.Subtle.Render(cells.Fit("  … clearing the answer", w))}, out[1:]...)...)
	}
	if failed == -2 {
		out = append(out, st.Error.Render(cells.Fit("  ✗ clearing the answer was not saved", w)))
	}
	return out
}

func (q questionnaire) pickerCompact(v *fwView, a model.Answer, s *saveState, w int) []string {
	st := q.c.styles
	saved, saving, failed := q.answerMarks(a, s)
	var b strings.Builder
	b.WriteString("Level ")
	for r := 0; r <= pickNA; r++ {
		lvl, _ := pickerLabel(v, r)
		if r == v.picker {
			b.WriteString("[" + lvl + "]")
		} else {
			b.WriteString(" " + lvl + " ")
		}
	}
	state := "unanswered"
	switch {
	case failed != -1:
		state = "✗ not saved"
	case saving != -1:
		state = "… saving"
	case saved >= 0:
		lvl, _ := pickerLabel(v, saved)
		state = "● saved " + lvl
	}
	if a.Flagged {
		state += " · ! flagged"
	}
	line := cells.Fit(b.String()+"  "+state, w)
	if failed != -1 {
		line = st.Error.Render(line)
	}
	return []string{line}
}

// descriptor is what the highlighted level means for this question.
func (q questionnaire) descriptor(v *fwView, t qtext, w int) []string {
	st := q.c.styles
	var text string
	switch v.picker {
	case pickNone:
		text = "Not rated yet: 0-5 rates it; ↓ picks a level to read what it means, enter saves it."
	case pickNA:
		text = "N/A Not applicable: the question does not apply here; the note says why."
	default:
		lvl, name := pickerLabel(v, v.picker)
		text = lvl + " " + name + ": " + t.levels[v.picker]
	}
	lines := cells.Wrap(text, max(w-2, 1))
	for i, l := range lines {
		lines[i] = "  " + l
	}
	if len(lines) > 0 {
		lines[0] = st.Label.Render(lines[0])
	}
	return lines
}
