package model

import (
	"math"
	"testing"
)

func TestCompare(t *testing.T) {
	f := testFramework()
	c, err := NewCatalog(f)
	if err != nil {
		t.Fatal(err)
	}
	qs := f.Questions()
	old := Assessment{ID: "old", Frameworks: []AssessedFramework{{ID: f.ID}}}
	new := Assessment{ID: "new", Frameworks: []AssessedFramework{{ID: f.ID}}, CopiedFrom: "old"}
	oldAns := NewAnswers([]Answer{
		{Framework: f.ID, QuestionID: qs[0].ID, Level: 1},
		{Framework: f.ID, QuestionID: qs[1].ID, Level: 3},
		{Framework: f.ID, QuestionID: "9.q9", Level: 2}, // a question since removed
	})
	newAns := NewAnswers([]Answer{
		{Framework: f.ID, QuestionID: qs[0].ID, Level: 3},
		{Framework: f.ID, QuestionID: qs[1].ID, Level: 3, Note: "same level, new note: not a change"},
		{Framework: f.ID, QuestionID: qs[2].ID, Level: NotApplicable},
	})
	cmp := Compare(old, oldAns, new, newAns, c)
	if len(cmp.Frameworks) != 1 {
		t.Fatalf("%d frameworks", len(cmp.Frameworks))
	}
	fd := cmp.Frameworks[0]
	wantOld, wantNew := ScoreFramework(f, oldAns).Maturity, ScoreFramework(f, newAns).Maturity
	if d, ok := fd.Overall.Change(); !ok || math.Abs(d-(wantNew-wantOld)) > 1e-9 || wantNew == wantOld {
		t.Errorf("overall delta %v %v; old %v new %v", d, ok, wantOld, wantNew)
	}
	if len(fd.Sections) != len(f.Sections) {
		t.Errorf("%d sections, want %d", len(fd.Sections), len(f.Sections))
	}
	var got []string
	for _, ch := range cmp.Changed {
		got = append(got, ch.Key.Question+":"+ch.Old.String()+">"+ch.New.String())
	}
	want := []string{qs[0].ID + ":1>3", qs[2].ID + ":>na", "9.q9:2>"}
	if len(got) != len(want) {
		t.Fatalf("changed %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("changed %v, want %v", got, want)
			break
		}
	}
	if cmp.Changed[2].Question != nil || fd.ChangedAnswers != 3 {
		t.Errorf("removed question: %+v; changed count %d", cmp.Changed[2], fd.ChangedAnswers)
	}

	// A framework only one side covers has a figure on that side only.
	only := Assessment{ID: "x"}
	cmp = Compare(only, Answers{}, new, newAns, c)
	if d := cmp.Frameworks[0].Overall; d.HasOld || !d.HasNew {
		t.Errorf("framework new only: %+v", d)
	}
	if _, ok := cmp.Frameworks[0].Overall.Change(); ok {
		t.Error("a delta with one side missing")
	}
}
