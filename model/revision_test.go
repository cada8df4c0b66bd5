package model

import (
	"strings"
	"testing"
)

// revisedFramework is testFramework at content revision 3, with:
// 1.1.q1 retired in 2 and replaced by 1.1.q3 (added in 2); 1.2.q1 reworded
// in 3; 2.1.q2 added in 3; 3.1.q2 retired in 3.
func revisedFramework() *Framework {
	f := testFramework()
	f.Revision = 3
	q := func(id string) *Question { x, _ := f.Question(id); return x }
	q1 := q("1.1.q1")
	q1.Retired, q1.RetiredIn, q1.ReplacedBy = true, 2, []string{"1.1.q3"}
	q("1.2.q1").RewordedIn = 3
	r := q("3.1.q2")
	r.Retired, r.RetiredIn = true, 3
	s11, _ := f.Section("1.1")
	s11.Questions = append(s11.Questions, &Question{ID: "1.1.q3", AddedIn: 2})
	s21, _ := f.Section("2.1")
	s21.Questions = append(s21.Questions, &Question{ID: "2.1.q2", AddedIn: 3})
	f.Index()
	return f
}

func qids(qs []*Question) string {
	var out []string
	for _, q := range qs {
		out = append(out, q.ID)
	}
	return strings.Join(out, " ")
}

func TestRetiredQuestionsAreNotAsked(t *testing.T) {
	f := revisedFramework()
	if got := qids(f.Questions()); got != "1.1.q2 1.1.q3 1.2.q1 2.1.q1 2.1.q2 3.1.q1" {
		t.Errorf("asked: %s", got)
	}
	if got := qids(f.Retired()); got != "1.1.q1 3.1.q2" {
		t.Errorf("retired: %s", got)
	}
	if q, ok := f.Question("1.1.q1"); !ok || !q.Retired {
		t.Error("a retired question must still resolve by ID")
	}
	if i := f.QuestionIndex("1.1.q1"); i != -1 {
		t.Errorf("retired question has outline index %d", i)
	}
	c, _ := NewCatalog(f)
	if _, q, err := c.ResolveQuestion("fw:1.1.q1"); err != nil || q.ID != "1.1.q1" {
		t.Errorf("resolve retired: %v %v", q, err)
	}
	if _, _, err := c.ResolveQuestion("fw:1.1.q9"); err == nil || !strings.Contains(err.Error(), "clause 1.1 has 1.1.q2, 1.1.q3") {
		t.Errorf("unknown question lists retired ones: %v", err)
	}

	// An answer to a retired question counts in neither completion nor score.
	as := answers("1.1.q1", Level(0), "1.1.q2", Level(4), "3.1.q2", Level(0))
	fs := ScoreFramework(f, as)
	if fs.Total != 6 || fs.Rated != 1 {
		t.Errorf("total %d rated %d; want 6 and 1", fs.Total, fs.Rated)
	}
	if ss := ScoreSection(f, f.Sections[0], as); !near(ss.Maturity, 4) {
		t.Errorf("section 1 maturity %v; the retired 0 must not pull it down", ss.Maturity)
	}
	if gaps := Gaps(f, as, Targets{Default: 5}); len(gaps) != 1 || gaps[0].Question.ID != "1.1.q2" {
		t.Errorf("gaps %v", gaps)
	}
}

func TestChangesSince(t *testing.T) {
	f := revisedFramework()
	for _, tc := range []struct {
		since                            int
		added, reworded, retired, review string
		summary                          string
	}{
		{0, "1.1.q3 2.1.q2", "1.2.q1", "1.1.q1 3.1.q2", "1.1.q3 1.2.q1 2.1.q2", "2 new questions, 1 reworded, 2 retired"},
		{1, "1.1.q3 2.1.q2", "1.2.q1", "1.1.q1 3.1.q2", "1.1.q3 1.2.q1 2.1.q2", "2 new questions, 1 reworded, 2 retired"},
		{2, "2.1.q2", "1.2.q1", "3.1.q2", "1.2.q1 2.1.q2", "1 new question, 1 reworded, 1 retired"},
		{3, "", "", "", "", "no changes"},
	} {
		c := f.ChangesSince(tc.since)
		got := []string{qids(c.Added), qids(c.Reworded), qids(c.Retired), qids(c.Review), c.String()}
		want := []string{tc.added, tc.reworded, tc.retired, tc.review, tc.summary}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("since %d:\n got %q\nwant %q", tc.since, got, want)
		}
		if c.Since != tc.since || c.Now != 3 {
			t.Errorf("since %d: Since %d Now %d", tc.since, c.Since, c.Now)
		}
	}
	// Only retired: the summary leaves out what did not happen.
	c := ContentChanges{Retired: []*Question{{ID: "x"}}, Reworded: []*Question{{ID: "y"}, {ID: "z"}}}
	if c.String() != "2 reworded, 1 retired" {
		t.Errorf("summary %q", c)
	}
}

func TestRetiredAnswers(t *testing.T) {
	f := revisedFramework()
	as := answers("1.1.q1", Level(2), "1.1.q2", Level(4))
	as[Key{"fw", "3.1.q2"}] = Answer{Framework: "fw", QuestionID: "3.1.q2", Level: Unanswered, Note: "kept a note"}
	got := RetiredAnswers(f, as)
	if len(got) != 2 || got[0].Question.ID != "1.1.q1" || got[0].Answer.Level != 2 || got[1].Answer.Note != "kept a note" {
		t.Errorf("retired answers %+v", got)
	}
	if got := RetiredAnswers(f, answers("1.1.q2", Level(1))); len(got) != 0 {
		t.Errorf("no answer to a retired question, got %+v", got)
	}
}

func TestCheckRecordsContentRevisions(t *testing.T) {
	f := revisedFramework()
	c, _ := NewCatalog(f)
	n, err := NewAssessment{Name: "x", Frameworks: []string{"fw", "fw"}, Target: 3}.Check(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Revisions) != 1 || n.Revisions["fw"] != 3 {
		t.Errorf("revisions %v, want fw at 3", n.Revisions)
	}
}
