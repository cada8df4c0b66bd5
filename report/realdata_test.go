package report

import (
	"fmt"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/questionnaires"
)

// hostileNote is typed into a workshop note: markup, an escape sequence, a
// right-to-left override and a formula.
const hostileNote = "<script>alert('x')</script> & \x1b[31mred\x1b[0m \u202eevil\u202c =HYPERLINK(\"http://x\")"

// realData is an assessment of both shipped frameworks with answers in each:
// a deterministic mix of levels, N/A with reasons, notes, flags, blanks,
// targets per framework and section, and actions.
func realData(t testing.TB) Data {
	t.Helper()
	cat, err := questionnaires.Load("")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	a := model.Assessment{
		ID: "k79k4ns5", Name: "FY2026 self-assessment <draft>", Organisation: "Acme Bank & Logistics", Assessor: "Ann Tan",
		Target: 3,
		TargetOverrides: []model.TargetOverride{
			{Framework: "iso28000-2022", Section: "8", Level: 4},
			{Framework: "mas-trm-2021", Level: 4},
		},
		Frameworks: []model.AssessedFramework{{ID: "iso28000-2022", Version: "2022"}, {ID: "mas-trm-2021", Version: "January 2021"}},
		CreatedAt:  at, UpdatedAt: at.Add(72 * time.Hour),
	}
	var answers []model.Answer
	var actions []model.Action
	for _, fw := range a.FrameworkIDs() {
		f, _ := cat.Framework(fw)
		for i, q := range f.Questions() {
			ans := model.Answer{Framework: fw, QuestionID: q.ID, UpdatedAt: at.Add(time.Duration(i) * time.Minute), UpdatedBy: "ann",
				Revision: fmt.Sprintf("%x%014x", len(fw), i+1)}
			switch {
			case i%5 == 4:
				continue // not answered yet
			case i%13 == 6:
				ans.Level, ans.Note = model.NotApplicable, "Not in scope: we run no "+q.Title+"."
			default:
				ans.Level = model.Level((i*7 + 2) % 6)
			}
			if i%4 == 1 {
				ans.Note = fmt.Sprintf("Evidence reviewed at the March workshop (%s).\nFollow up with the owner.", q.ID)
			}
			ans.Flagged = i%9 == 2
			answers = append(answers, ans)
			if i%4 == 3 || i == 0 {
				actions = append(actions, model.Action{Framework: fw, QuestionID: q.ID, Text: "Write and approve a procedure for " + q.Title,
					Owner: "Bo Lim", Due: model.Date(fmt.Sprintf("2027-%02d-15", 1+i%12)), Status: model.ActionStatuses[i%3], UpdatedBy: "ann", UpdatedAt: at})
			}
		}
	}
	answers[1].Note = hostileNote
	answers[1].Level = 1
	return Data{Assessment: a, Answers: answers, Actions: actions, Catalog: cat, Generated: at.Add(96 * time.Hour)}
}
