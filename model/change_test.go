package model

import "testing"

func TestChangeHoldsPerField(t *testing.T) {
	seen := Answer{Level: 3, Note: "n", Flagged: false, Revision: "r1"}
	rev := func(s string) *string { return &s }
	withSeen := func(c Change) Change { c.Seen = &seen; return c }
	withRev := func(c Change, r string) Change { c.IfRevision = rev(r); return c }
	cases := []struct {
		name    string
		ch      Change
		current Answer
		want    bool
	}{
		{"no condition", SetLevel(1), Answer{Level: 0}, true},
		{"level unchanged elsewhere", withSeen(SetLevel(4)), Answer{Level: 3, Note: "other", Flagged: true}, true},
		{"level changed elsewhere", withSeen(SetLevel(4)), Answer{Level: 2, Note: "n"}, false},
		{"note changed elsewhere, setting note", withSeen(SetNote("x")), Answer{Level: 3, Note: "m"}, false},
		{"note changed elsewhere, setting flag", withSeen(SetFlag(true)), Answer{Level: 3, Note: "m"}, true},
		{"flag changed elsewhere, setting flag", withSeen(SetFlag(true)), Answer{Level: 3, Note: "n", Flagged: true}, false},
		{"N/A checks level and note", withSeen(MarkNA("why")), Answer{Level: 3, Note: "m"}, false},
		{"clear checks all three", withSeen(ClearAnswer()), Answer{Level: 3, Note: "n", Flagged: true}, false},
		{"revision matches", withRev(SetLevel(1), "r1"), Answer{Revision: "r1"}, true},
		{"revision moved on", withRev(SetLevel(1), "r1"), Answer{Revision: "r2"}, false},
		{"never answered expected", withRev(SetLevel(1), ""), Answer{Revision: "r2"}, false},
	}
	for _, c := range cases {
		if got := c.ch.Holds(c.current); got != c.want {
			t.Errorf("%s: Holds = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestChangeApply(t *testing.T) {
	a := Answer{Level: 2, Note: "keep", Flagged: true, Revision: "r"}
	if got := SetLevel(4).Apply(a); got.Level != 4 || got.Note != "keep" || !got.Flagged {
		t.Errorf("SetLevel: %+v", got)
	}
	if got := MarkNA("why").Apply(a); got.Level != NotApplicable || got.Note != "why" || !got.Flagged {
		t.Errorf("MarkNA: %+v", got)
	}
	if got := ClearAnswer().Apply(a); !got.Empty() {
		t.Errorf("ClearAnswer: %+v", got)
	}
	if !a.Same(Answer{Level: 2, Note: "keep", Flagged: true, Revision: "other", UpdatedBy: "x"}) {
		t.Error("Same must ignore who and which revision")
	}
}
