package report

import (
	"fmt"
	"strings"

	xl "github.com/assaytui/assay/internal/xlsx"
	"github.com/assaytui/assay/model"
)

// The Answers sheet: the part of the workbook someone fills in elsewhere and
// brings back with assay import (ReadWorkbook).

// answers writes one row per question to fill in, then, per framework, the
// answers given to retired questions: greyed, with no drop-down, and cells
// that refuse a new value (ReadWorkbook's caller refuses an edit too).
func (x *xlsx) answers(v *view) {
	s := SheetAnswers
	for i, h := range answersHeader {
		x.set(s, i+1, 1, h)
	}
	x.style(s, 1, 1, len(answersHeader), 1, x.header)
	row := 2
	var open []int // rows to fill in
	type retiredRow struct {
		row int
		q   *model.Question
	}
	var retired []retiredRow
	for _, g := range v.groups {
		if !g.inAssessment || g.fw == nil {
			continue // a sheet to fill in holds only questions that can be answered
		}
		for _, r := range g.everyRow(v.answers) {
			if r.q == nil {
				continue
			}
			if r.q.Retired {
				retired = append(retired, retiredRow{row, r.q})
			} else {
				open = append(open, row)
			}
			var level any
			reason, note := "", r.Note
			switch {
			case r.Level.Rated():
				level = int(r.Level)
			case r.Level == model.NotApplicable:
				level, reason, note = "na", r.Note, ""
			}
			flagged := ""
			if r.Flagged {
				flagged = "yes"
			}
			updated := ""
			if !r.UpdatedAt.IsZero() {
				updated = mdDate(r.UpdatedAt)
			}
			row = x.row(s, row, r.Framework, r.QuestionID, r.ref, r.title, r.q.Text, level, reason, note, flagged, r.UpdatedBy, updated, r.Revision)
		}
	}
	last := row - 1
	if last >= 2 {
		x.style(s, 1, 2, len(answersHeader), last, x.wrap)
		x.style(s, 12, 2, 12, last, x.hidden)
	}
	if len(open) > 0 {
		x.validate(s, ranges("F", open), []string{"0", "1", "2", "3", "4", "5", "na"},
			"Level", "0 Not performed … 5 Optimising, or na (not applicable: give the reason under N/A reason)")
		x.validate(s, ranges("I", open), []string{"yes", "no"}, "Flagged", "yes to flag the question for review")
	}
	for _, r := range retired {
		x.style(s, 1, r.row, len(answersHeader)-1, r.row, x.retired)
		x.refuse(s, fmt.Sprintf("F%d:I%d", r.row, r.row), "Retired question", retiredCell(r.q))
	}
	x.list(s, len(answersHeader), last, map[int]float64{4: 36, 5: 60, 7: 40, 8: 50, 10: 14})
	x.f.Sheet(s).HideCol(len(answersHeader))
}

// retiredCell is what a retired row's cells say to someone who tries to
// fill them in (a spreadsheet shows at most 255 characters).
func retiredCell(q *model.Question) string {
	msg := q.ID + " is no longer asked, so its answer is kept as it was."
	if len(q.ReplacedBy) > 0 {
		msg = q.ID + " is no longer asked: rate " + strings.Join(q.ReplacedBy, ", ") + " instead. Its answer here is kept as it was."
	}
	if r := []rune(msg); len(r) > 255 {
		msg = string(r[:254]) + "…"
	}
	return msg
}

// ranges writes rows of one column as a validation range: "F2:F66 F71:F90".
func ranges(col string, rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		parts = append(parts, fmt.Sprintf("%s%d:%s%d", col, rows[i], col, rows[j]))
		i = j + 1
	}
	return strings.Join(parts, " ")
}

// refuse makes a range refuse any value typed into it (only emptying is
// allowed), with a message that says why.
func (x *xlsx) refuse(sheet, sqref, title, why string) {
	x.f.Sheet(sheet).AddValidation(xl.Validation{Sqref: sqref, Type: "textLength", Operator: "equal", Formula1: "0",
		PromptTitle: title, Prompt: why, ErrorTitle: title, Error: why})
}

// validate adds a drop-down list to a range; blanks stay allowed.
func (x *xlsx) validate(sheet, sqref string, items []string, title, prompt string) {
	x.f.Sheet(sheet).AddValidation(xl.Validation{Sqref: sqref, Type: "list", Formula1: xl.List(items),
		PromptTitle: title, Prompt: prompt, ErrorTitle: title, Error: "Choose one of: " + strings.Join(items, ", ")})
}
