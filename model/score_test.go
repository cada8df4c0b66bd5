package model

import (
	"math"
	"testing"
)

// testFramework builds:
//
//	1        (top)
//	  1.1    q1 q2
//	  1.2    q1 (weight 3)
//	2        (top)
//	  2.1    q1
//	3        (top, no questions answered in most cases)
//	  3.1    q1 q2
func testFramework() *Framework {
	q := func(id string, w float64) *Question { return &Question{ID: id, Weight: w} }
	f := &Framework{ID: "fw", Sections: []*Section{
		{Ref: "1", Sections: []*Section{
			{Ref: "1.1", Questions: []*Question{q("1.1.q1", 0), q("1.1.q2", 0)}},
			{Ref: "1.2", Questions: []*Question{q("1.2.q1", 3)}},
		}},
		{Ref: "2", Sections: []*Section{
			{Ref: "2.1", Questions: []*Question{q("2.1.q1", 0)}},
		}},
		{Ref: "3", Sections: []*Section{
			{Ref: "3.1", Questions: []*Question{q("3.1.q1", 0), q("3.1.q2", 0)}},
		}},
	}}
	f.Index()
	return f
}

func answers(pairs ...any) Answers {
	as := Answers{}
	for i := 0; i < len(pairs); i += 2 {
		id := pairs[i].(string)
		as[Key{"fw", id}] = Answer{Framework: "fw", QuestionID: id, Level: pairs[i+1].(Level)}
	}
	return as
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScoreSection(t *testing.T) {
	f := testFramework()
	tests := []struct {
		name     string
		ref      string
		as       Answers
		maturity float64
		has      bool
		rated    int
		na       int
		total    int
	}{
		{"unanswered section has no maturity", "1", answers(), 0, false, 0, 0, 3},
		{"plain mean of equal weights", "1.1", answers("1.1.q1", Level(2), "1.1.q2", Level(5)), 3.5, true, 2, 0, 2},
		// (1*2 + 1*5 + 3*1) / (1+1+3) = 10/5 = 2
		{"weights count in the recursive mean", "1", answers("1.1.q1", Level(2), "1.1.q2", Level(5), "1.2.q1", Level(1)), 2, true, 3, 0, 3},
		// N/A leaves the mean but counts as done: (1*4)/1 = 4
		{"N/A excluded from maturity", "1", answers("1.1.q1", Level(4), "1.1.q2", NotApplicable), 4, true, 1, 1, 3},
		{"unanswered excluded", "1.1", answers("1.1.q1", Level(0)), 0, true, 1, 0, 2},
		{"all N/A has no maturity", "3", answers("3.1.q1", NotApplicable, "3.1.q2", NotApplicable), 0, false, 0, 2, 2},
		{"answers to other sections ignored", "2", answers("1.1.q1", Level(5)), 0, false, 0, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := f.Section(tt.ref)
			got := ScoreSection(f, s, tt.as)
			if got.HasMaturity() != tt.has || !near(got.Maturity, tt.maturity) {
				t.Errorf("maturity = %v (has %v), want %v (has %v)", got.Maturity, got.HasMaturity(), tt.maturity, tt.has)
			}
			if got.Rated != tt.rated || got.NA != tt.na || got.Total != tt.total {
				t.Errorf("rated/na/total = %d/%d/%d, want %d/%d/%d", got.Rated, got.NA, got.Total, tt.rated, tt.na, tt.total)
			}
			if len(got.Sources) != tt.rated {
				t.Errorf("sources = %d, want one per rated answer (%d)", len(got.Sources), tt.rated)
			}
		})
	}
}

func TestScoreFramework(t *testing.T) {
	f := testFramework()
	tests := []struct {
		name       string
		as         Answers
		maturity   float64
		has        bool
		completion float64
	}{
		{"nothing answered", answers(), 0, false, 0},
		// section 1: (1*4+1*4+3*0)/5 = 1.6 ; section 2: 4 ; section 3: none
		// framework = (1.6 + 4) / 2 = 2.8, not the pooled mean 12/6 = 2
		{"mean of top-level sections, not of questions", answers("1.1.q1", Level(4), "1.1.q2", Level(4), "1.2.q1", Level(0), "2.1.q1", Level(4)), 2.8, true, 4.0 / 6},
		{"N/A counts for completion only", answers("3.1.q1", NotApplicable, "3.1.q2", NotApplicable, "2.1.q1", Level(1)), 1, true, 3.0 / 6},
		{"all N/A", answers("1.1.q1", NotApplicable, "1.1.q2", NotApplicable, "1.2.q1", NotApplicable, "2.1.q1", NotApplicable, "3.1.q1", NotApplicable, "3.1.q2", NotApplicable), 0, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ScoreFramework(f, tt.as)
			if got.HasMaturity() != tt.has || !near(got.Maturity, tt.maturity) {
				t.Errorf("maturity = %v (has %v), want %v (has %v)", got.Maturity, got.HasMaturity(), tt.maturity, tt.has)
			}
			if !near(got.Completion(), tt.completion) {
				t.Errorf("completion = %v, want %v", got.Completion(), tt.completion)
			}
			if len(got.Sections) != 3 {
				t.Errorf("sections = %d, want 3", len(got.Sections))
			}
		})
	}
}

func TestScoreFrameworkWithOneSection(t *testing.T) {
	f := &Framework{ID: "one", Sections: []*Section{{Ref: "1", Questions: []*Question{{ID: "1.q1"}, {ID: "1.q2"}}}}}
	f.Index()
	as := Answers{{"one", "1.q1"}: {Level: 1}, {"one", "1.q2"}: {Level: 4}}
	got := ScoreFramework(f, as)
	if !near(got.Maturity, 2.5) || !near(got.Sections[0].Maturity, 2.5) {
		t.Errorf("maturity = %v, section = %v; want 2.5 for both", got.Maturity, got.Sections[0].Maturity)
	}
	if gap, ok := got.Gap(3); !ok || !near(gap, 0.5) {
		t.Errorf("gap = %v %v, want 0.5", gap, ok)
	}
}

func TestEmptySection(t *testing.T) {
	f := &Framework{ID: "e", Sections: []*Section{{Ref: "1"}}}
	f.Index()
	got := ScoreFramework(f, Answers{})
	if got.HasMaturity() || got.Completion() != 0 || got.Total != 0 {
		t.Errorf("empty framework scored %+v", got.Score)
	}
	if _, ok := got.Gap(3); ok {
		t.Error("gap reported without maturity")
	}
}

func TestGapsRankBiggestFirst(t *testing.T) {
	f := testFramework()
	as := answers("1.1.q1", Level(2), "1.1.q2", Level(0), "1.2.q1", Level(3), "2.1.q1", Level(2), "3.1.q1", NotApplicable)
	gaps := Gaps(f, as, Targets{Default: 3})
	var got []string
	for _, g := range gaps {
		got = append(got, g.Question.ID)
	}
	want := []string{"1.1.q2", "1.1.q1", "2.1.q1"} // gap 3, then the two gap-1 in outline order
	if len(got) != len(want) {
		t.Fatalf("gaps = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("gaps = %v, want %v", got, want)
		}
	}
	if gaps[0].Gap() != 3 {
		t.Errorf("first gap = %d, want 3", gaps[0].Gap())
	}
}

func TestParseLevel(t *testing.T) {
	good := map[string]Level{"0": 0, "5": 5, " 3 ": 3, "na": NotApplicable, "NA": NotApplicable, "n/a": NotApplicable}
	for in, want := range good {
		got, err := ParseLevel(in)
		if err != nil || got != want {
			t.Errorf("ParseLevel(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"7", "-1", "abc", "", "3.5", "6"} {
		if _, err := ParseLevel(in); err == nil {
			t.Errorf("ParseLevel(%q) accepted", in)
		}
	}
}

func TestSummarizeNamesMissingFrameworks(t *testing.T) {
	f := testFramework()
	c, err := NewCatalog(f)
	if err != nil {
		t.Fatal(err)
	}
	a := Assessment{Frameworks: []AssessedFramework{{ID: "fw"}, {ID: "gone"}}}
	s := Summarize(a, answers("1.1.q1", Level(3), "1.1.q2", NotApplicable), c)
	if len(s.Scores) != 1 || len(s.Missing) != 1 || s.Missing[0] != "gone" {
		t.Fatalf("scores %d missing %v", len(s.Scores), s.Missing)
	}
	if !near(s.Completion(), 2.0/6) {
		t.Errorf("completion = %v, want 2/6", s.Completion())
	}
}

func TestResolveQuestionErrors(t *testing.T) {
	c, _ := NewCatalog(testFramework())
	for in, want := range map[string]string{
		"1.1.q1":    `question "1.1.q1" is not qualified; write it as FRAMEWORK:QUESTION, e.g. fw:1.1.q1`,
		"9.q1":      `question "9.q1" is not qualified; write it as FRAMEWORK:QUESTION, e.g. mas-trm-2021:3.4.q1`,
		"x:1.1.q1":  `unknown framework "x" in "x:1.1.q1" (loaded: fw)`,
		"fw:9.9.q1": `unknown question "fw:9.9.q1" (fw has no clause 9.9)`,
		"fw:1.1.q7": `unknown question "fw:1.1.q7" (fw clause 1.1 has 1.1.q1, 1.1.q2)`,
		"fw:1.q1":   `unknown question "fw:1.q1" (fw clause 1 has sub-clauses; questions sit on those)`,
	} {
		_, _, err := c.ResolveQuestion(in)
		if err == nil || err.Error() != want {
			t.Errorf("ResolveQuestion(%q) = %v\nwant %s", in, err, want)
		}
	}
	if _, q, err := c.ResolveQuestion("fw:1.2.q1"); err != nil || q.Ref != "1.2" {
		t.Errorf("known question: %v %v", q, err)
	}
}

func TestResume(t *testing.T) {
	a := Assessment{Frameworks: []AssessedFramework{{ID: "a", Position: "1.q1"}, {ID: "b", Position: "2.q3"}}}
	if fw, q := a.Resume(); fw != "a" || q != "1.q1" {
		t.Errorf("default resume = %s %s", fw, q)
	}
	a.ResumeFramework = "b"
	if fw, q := a.Resume(); fw != "b" || q != "2.q3" {
		t.Errorf("resume = %s %s", fw, q)
	}
}

func TestPercentRoundsDownWithoutFloatError(t *testing.T) {
	for _, c := range []struct {
		done, total int
		want        int
	}{{29, 100, 29}, {3, 8, 37}, {1, 165, 0}, {164, 165, 99}, {165, 165, 100}, {12, 64, 18}, {57, 100, 57}} {
		if got := Percent(float64(c.done) / float64(c.total)); got != c.want {
			t.Errorf("Percent(%d/%d) = %d, want %d", c.done, c.total, got, c.want)
		}
	}
}

func TestScoreFigure(t *testing.T) {
	for _, c := range []struct {
		s    Score
		want string
	}{
		{Score{}, "–"},
		{Score{Maturity: 3, Rated: 1}, "3.0"},
		{Score{Maturity: 3.25, Rated: 4}, "3.3"}, // half away from zero, not to even
		{Score{Maturity: 2.35, Rated: 2}, "2.4"},
		{Score{Maturity: 10.0 / 3, Rated: 3}, "3.3"},
		{Score{Maturity: 0, Rated: 1}, "0.0"},
	} {
		if got := c.s.Figure("–"); got != c.want {
			t.Errorf("Figure(%v) = %q, want %q", c.s.Maturity, got, c.want)
		}
	}
}
