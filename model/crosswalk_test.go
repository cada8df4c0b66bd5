package model

import "testing"

// twoFrameworks builds "a" (sections 1 with 1.1, 1.2; 2 with 2.1) and "b"
// (sections X, Y, Z) with a crosswalk between them.
func twoFrameworks(t *testing.T) (*Catalog, *Crosswalk) {
	t.Helper()
	q := func(id string, w float64) *Question { return &Question{ID: id, Weight: w} }
	a := &Framework{ID: "a", Sections: []*Section{
		{Ref: "1", Sections: []*Section{
			{Ref: "1.1", Questions: []*Question{q("1.1.q1", 0), q("1.1.q2", 0)}},
			{Ref: "1.2", Questions: []*Question{q("1.2.q1", 2)}},
		}},
		{Ref: "2", Sections: []*Section{{Ref: "2.1", Questions: []*Question{q("2.1.q1", 0)}}}},
	}}
	b := &Framework{ID: "b", Sections: []*Section{
		{Ref: "X", Questions: []*Question{q("X.q1", 0), q("X.q2", 0)}},
		{Ref: "Y", Questions: []*Question{q("Y.q1", 0)}},
		{Ref: "Z", Questions: []*Question{q("Z.q1", 0)}},
	}}
	a.Index()
	b.Index()
	c, err := NewCatalog(a, b)
	if err != nil {
		t.Fatal(err)
	}
	cw := &Crosswalk{ID: "a--b", Frameworks: [2]string{"a", "b"},
		Themes: []Theme{
			{ID: "governance", Strength: Equivalent, Refs: map[string][]string{"a": {"1"}, "b": {"X"}}},
			{ID: "risk", Strength: Partial, Refs: map[string][]string{"a": {"1.2", "2"}, "b": {"Y"}}},
			{ID: "audit", Strength: NoMatch, Refs: map[string][]string{"a": {"2.1"}, "b": {}}},
		},
		OnlyIn: []OnlyIn{{Framework: "b", Title: "Keys", Refs: []string{"Z"}}},
	}
	if err := c.AddCrosswalk(cw); err != nil {
		t.Fatal(err)
	}
	return c, cw
}

func both(pairs ...any) Answers {
	as := Answers{}
	for i := 0; i < len(pairs); i += 3 {
		fw, id, l := pairs[i].(string), pairs[i+1].(string), pairs[i+2].(Level)
		as[Key{fw, id}] = Answer{Framework: fw, QuestionID: id, Level: l}
	}
	return as
}

func TestCompareThemes(t *testing.T) {
	c, cw := twoFrameworks(t)
	as := both(
		"a", "1.1.q1", Level(4), "a", "1.1.q2", Level(2), "a", "1.2.q1", Level(1), "a", "2.1.q1", NotApplicable,
		"b", "X.q1", Level(1), "b", "X.q2", Unanswered, "b", "Y.q1", Level(3), "b", "Z.q1", Level(5),
	)
	d := CompareThemes(cw, c, as)
	tests := []struct {
		theme      int
		a, b       float64
		hasA, hasB bool
		diff       float64
		hasDiff    bool
		doneA      float64
	}{
		// governance: a = (4 + 2 + 2*1) / 4 = 2 ; b = 1 (X.q2 unanswered) ; diff +1
		{0, 2, 1, true, true, 1, true, 1},
		// risk: a = 1.2.q1 only (2.1.q1 is N/A) = 1 ; b = 3 ; diff -2 ; done a 2/2
		{1, 1, 3, true, true, -2, true, 1},
		// audit: a has only N/A, b has no refs: no figures, no difference
		{2, 0, 0, false, false, 0, false, 1},
	}
	for _, tt := range tests {
		ts := d.Themes[tt.theme]
		a, b := ts.Sides[0], ts.Sides[1]
		if a.HasMaturity() != tt.hasA || b.HasMaturity() != tt.hasB || !near(a.Maturity, tt.a) || !near(b.Maturity, tt.b) {
			t.Errorf("%s: a %v (%v) b %v (%v), want %v %v", ts.Theme.ID, a.Maturity, a.HasMaturity(), b.Maturity, b.HasMaturity(), tt.a, tt.b)
		}
		diff, ok := ts.Difference()
		if ok != tt.hasDiff || !near(diff, tt.diff) {
			t.Errorf("%s: diff %v %v, want %v %v", ts.Theme.ID, diff, ok, tt.diff, tt.hasDiff)
		}
		if !near(a.Completion(), tt.doneA) {
			t.Errorf("%s: completion a = %v", ts.Theme.ID, a.Completion())
		}
	}
	if got := d.Themes[0].Sides[1].Completion(); !near(got, 0.5) {
		t.Errorf("governance completion b = %v, want 0.5", got)
	}
	if o := d.OnlyIn[0]; o.Framework != "b" || o.Maturity != 5 || len(o.Questions) != 1 {
		t.Errorf("only-in = %+v", o)
	}
	sorted := d.SortByDifference(true)
	if sorted[0].Theme.ID != "governance" || sorted[1].Theme.ID != "risk" || sorted[2].Theme.ID != "audit" {
		t.Errorf("sorted desc: %s %s %s", sorted[0].Theme.ID, sorted[1].Theme.ID, sorted[2].Theme.ID)
	}
	if asc := d.SortByDifference(false); asc[0].Theme.ID != "risk" || asc[2].Theme.ID != "audit" {
		t.Errorf("sorted asc: %s first, %s last", asc[0].Theme.ID, asc[2].Theme.ID)
	}
}

func TestUniformAnswersGiveUniformDifferences(t *testing.T) {
	c, cw := twoFrameworks(t)
	as := Answers{}
	for _, fw := range c.Frameworks() {
		l := Level(4)
		if fw.ID == "b" {
			l = 2
		}
		for _, q := range fw.Questions() {
			as[Key{fw.ID, q.ID}] = Answer{Level: l}
		}
	}
	for _, ts := range CompareThemes(cw, c, as).Themes {
		diff, ok := ts.Difference()
		if ts.Theme.ID == "audit" {
			if ok {
				t.Error("audit has a difference without a second side")
			}
			continue
		}
		if !ok || !near(diff, 2) {
			t.Errorf("%s: diff %v %v, want +2", ts.Theme.ID, diff, ok)
		}
	}
}

func TestRelated(t *testing.T) {
	c, cw := twoFrameworks(t)
	a, _ := c.Framework("a")
	q, _ := a.Question("1.2.q1") // under governance (1) and risk (1.2)
	other, rel := cw.Related(c, "a", q)
	if other != "b" || len(rel) != 3 || rel[0].ID != "X.q1" || rel[2].ID != "Y.q1" {
		t.Errorf("related = %s %v", other, ids(rel))
	}
	q21, _ := a.Question("2.1.q1") // risk (2) and audit (none): only Y
	if _, rel := cw.Related(c, "a", q21); len(rel) != 1 || rel[0].ID != "Y.q1" {
		t.Errorf("related of 2.1.q1 = %v", ids(rel))
	}
	b, _ := c.Framework("b")
	z, _ := b.Question("Z.q1") // only-in: nothing related
	if _, rel := cw.Related(c, "b", z); len(rel) != 0 {
		t.Errorf("related of Z.q1 = %v", ids(rel))
	}
	if other, _ := cw.Related(c, "nope", q); other != "" {
		t.Error("unknown framework has a counterpart")
	}
}

func TestCrosswalkLookupAndClash(t *testing.T) {
	c, cw := twoFrameworks(t)
	if got, ok := c.Crosswalk("b", "a"); !ok || got != cw {
		t.Error("crosswalk not found in reverse order")
	}
	if err := c.AddCrosswalk(&Crosswalk{Frameworks: [2]string{"b", "a"}}); err == nil {
		t.Error("second crosswalk for the same pair accepted")
	}
}

func ids(qs []*Question) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.ID)
	}
	return out
}
