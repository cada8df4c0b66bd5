package model

import (
	"fmt"
	"testing"
)

// A workbook handed out by the facilitator comes back edited: rows changed
// there merge like a participant's bundle; untouched rows are left out.
func TestEditsBundleMergesLikeABundle(t *testing.T) {
	r := newRoom()
	fac := r.laptop("fac")
	q1 := fac.answer("1.q1", 2, "")
	q2 := fac.answer("1.q2", 3, "kept")
	q3 := fac.answer("1.q3", 1, "a very long note")
	handedOut := fac.bundle()

	r.later(60 * 60e9)
	fac.answer("1.q3", 5, "changed here meanwhile")

	next := func(k Key) string { return fmt.Sprintf("e%x", k.Question[len(k.Question)-1]) }
	shown := func(s string) string { // a workbook cuts long notes
		if len(s) > 6 {
			return s[:6] + "…"
		}
		return s
	}
	edits := []Edit{
		{Answer{Framework: "fw", QuestionID: "1.q1", Level: 4}, q1.Revision},                      // changed there only
		{Answer{Framework: "fw", QuestionID: "1.q2", Level: 3, Note: "kept"}, q2.Revision},        // untouched
		{Answer{Framework: "fw", QuestionID: "1.q3", Level: 2, Note: "a very…"}, q3.Revision},     // both changed
		{Answer{Framework: "fw", QuestionID: "1.q4", Level: NotApplicable, Note: "not here"}, ""}, // new
		{Answer{Framework: "fw", QuestionID: "1.q5", Level: Unanswered}, ""},                      // still empty
	}
	b := EditsBundle(handedOut, edits, "bo", "", r.clock, shown, next)
	cat, _ := NewCatalog(&Framework{ID: "fw", Version: "1"})
	if err := b.Check(cat); err != nil {
		t.Fatalf("bundle does not check: %v", err)
	}
	if len(b.Answers) != 3 {
		t.Fatalf("answers = %+v, want the three edited", b.Answers)
	}
	// The untouched part of a cut note keeps the stored text.
	if a := b.Answers[1]; a.QuestionID != "1.q3" || a.Note != "a very long note" || a.UpdatedBy != "bo" {
		t.Errorf("1.q3 = %+v", a)
	}
	if got := outcomes(fac.merge(b)); got != "1.q1:added 1.q3:disagreement 1.q4:added" {
		t.Errorf("merge = %s", got)
	}
	if fac.level("1.q1") != 4 || fac.level("1.q3") != 5 || fac.level("1.q4") != NotApplicable {
		t.Errorf("levels now %v %v %v", fac.level("1.q1"), fac.level("1.q3"), fac.level("1.q4"))
	}
	// Importing the same workbook again decides nothing new.
	if got := outcomes(fac.merge(EditsBundle(handedOut, edits, "bo", "", r.clock, shown, next))); got != "1.q1:same 1.q3:skipped 1.q4:same" {
		t.Errorf("second import = %s", got)
	}
}
