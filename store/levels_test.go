package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/assaytui/assay/model"
)

func TestLevelsCarryLevelsNAAndFlags(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	b := create(t, s, "B")
	flag := true
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(3))
	save(t, s, a.ID, "fw-a", "1.q2", model.MarkNA("out of scope"))
	save(t, s, a.ID, "fw-b", "2.q1", model.Change{Level: levelPtr(0), Flagged: &flag})
	save(t, s, a.ID, "fw-b", "2.q2", model.SetNote("a note, no level yet"))
	save(t, s, a.ID, "fw-b", "2.q3", model.SetFlag(true))
	// Answers to questions a framework no longer has keep whatever ID they had.
	save(t, s, a.ID, "fw-b", "odd id with spaces, ü and 12 ", model.SetLevel(5))
	save(t, s, a.ID, "fw-b", "", model.SetLevel(1))
	save(t, s, b.ID, "fw-a", "1.q1", model.SetLevel(2))
	got, err := s.Levels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]model.AnswerLevel{
		a.ID: {
			{Framework: "fw-a", QuestionID: "1.q1", Level: 3},
			{Framework: "fw-a", QuestionID: "1.q2", Level: model.NotApplicable},
			{Framework: "fw-b", QuestionID: "", Level: 1},
			{Framework: "fw-b", QuestionID: "2.q1", Level: 0, Flagged: true},
			{Framework: "fw-b", QuestionID: "2.q2", Level: model.Unanswered},
			{Framework: "fw-b", QuestionID: "2.q3", Level: model.Unanswered, Flagged: true},
			{Framework: "fw-b", QuestionID: "odd id with spaces, ü and 12 ", Level: 5},
		},
		b.ID: {{Framework: "fw-a", QuestionID: "1.q1", Level: 2}},
	}
	for id, w := range want {
		if l := slices.Collect(got.Of(id)); !reflect.DeepEqual(l, w) {
			t.Errorf("levels of %s\n got %+v\nwant %+v", id, l, w)
		}
	}
	if l := slices.Collect(got.Of("no-such-id")); len(l) != 0 {
		t.Errorf("levels of an unknown assessment: %+v", l)
	}
	var cache int
	if err := s.db.QueryRow(`PRAGMA cache_size`).Scan(&cache); err != nil || cache != -2000 {
		t.Errorf("page cache left at %d (%v), want SQLite's usual -2000", cache, err)
	}
}

func TestLevelsReadTheLevelsIndexOnly(t *testing.T) {
	s := newStore(t)
	if plan, want := queryPlan(t, s, sqlLevels), "SCAN answers USING COVERING INDEX answers_levels\n"; plan != want {
		t.Errorf("query plan:\n%s\nwant:\n%s", plan, want)
	}
}

func TestPackedLevelsThatDoNotAddUpAreRefused(t *testing.T) {
	for _, c := range []struct{ ids, codes string }{
		{"1.q1", "64"},                         // length 4 claimed, 4 given: fine
		{"1.q1x", "64"},                        // a byte left over
		{"1.q", "64"},                          // too short
		{"1.q1", "64 x"},                       // not a number
		{"1.q1", "64 -16"},                     // negative
		{"1.q11.q2", "64 "},                    // a code missing
		{"1.q11.q2", "64  64"},                 // an empty code between two spaces
		{"1.q1", "+64"},                        // a sign SQLite never writes
		{"1.q1", "99999999999999999999999999"}, // out of range
		{"1.q1", ""},                           // no code for the ID
	} {
		err := packedLevels{"fw", c.ids, c.codes}.check()
		if ok := err == nil; ok != (c.ids == "1.q1" && c.codes == "64") {
			t.Errorf("check(%q, %q) error = %v", c.ids, c.codes, err)
		}
	}
}

func levelPtr(l model.Level) *model.Level { return &l }

// TestSummariesFromLevelsEqualFullScoring compares, on random assessments of
// random frameworks, the figures of the list (levels and flags only) with those worked
// out from every stored answer: they must be identical, float for float.
func TestSummariesFromLevelsEqualFullScoring(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2026))
	for round := range 4 {
		s := newStore(t)
		fws := []*model.Framework{randomFramework(rng, "fw-a"), randomFramework(rng, "fw-b"), randomFramework(rng, "fw-c")}
		cat, err := model.NewCatalog(fws[:2]...) // fw-c is not loaded: it shows as missing
		if err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			var ids []string
			for _, f := range fws {
				if rng.IntN(3) > 0 {
					ids = append(ids, f.ID)
				}
			}
			if len(ids) == 0 {
				ids = []string{"fw-a"}
			}
			a := create(t, s, fmt.Sprintf("round %d #%d", round, i), ids...)
			for _, id := range ids {
				f := fws[map[string]int{"fw-a": 0, "fw-b": 1, "fw-c": 2}[id]]
				for _, q := range f.Questions() {
					if ch, ok := randomChange(rng); ok {
						save(t, s, a.ID, id, q.ID, ch)
					}
				}
				if rng.IntN(2) == 0 { // an answer to a question the framework no longer has
					save(t, s, a.ID, id, "99.q1", model.SetLevel(model.Level(rng.IntN(6))))
				}
			}
		}
		levels, err := s.Levels(ctx)
		if err != nil {
			t.Fatal(err)
		}
		checkSummaries(t, s, levels, cat, fmt.Sprintf("round %d", round))
	}
}

// checkSummaries fails the test unless the list's figures from levels equal
// those worked out from every stored answer.
func checkSummaries(t *testing.T, s *Store, levels *Levels, cat *model.Catalog, step string) {
	t.Helper()
	list, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fast := model.Summaries(list, levels.Of, cat)
	for i, a := range list {
		answers, err := s.Answers(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		full := model.Summarize(a, model.NewAnswers(answers), cat)
		for j := range full.Scores {
			full.Scores[j].Sources = nil
			for k := range full.Scores[j].Sections {
				full.Scores[j].Sections[k].Sources = nil
			}
		}
		if !reflect.DeepEqual(fast[i], full) {
			t.Fatalf("%s, %s: from levels\n%+v\nfrom all answers\n%+v", step, a.Name, fast[i], full)
		}
	}
}

// randomFramework makes a framework of two levels of sections with random
// question counts and weights.
func randomFramework(rng *rand.Rand, id string) *model.Framework {
	f := &model.Framework{ID: id}
	for top := 1; top <= 1+rng.IntN(4); top++ {
		s := &model.Section{Ref: fmt.Sprint(top)}
		for sub := 1; sub <= 1+rng.IntN(3); sub++ {
			c := &model.Section{Ref: fmt.Sprintf("%d.%d", top, sub)}
			for q := 1; q <= 1+rng.IntN(5); q++ {
				w := 1.0
				if rng.IntN(4) == 0 {
					w = float64(1 + rng.IntN(5))
				}
				c.Questions = append(c.Questions, &model.Question{ID: fmt.Sprintf("%s.q%d", c.Ref, q), Weight: w})
			}
			s.Sections = append(s.Sections, c)
		}
		f.Sections = append(f.Sections, s)
	}
	f.Index()
	return f
}

// randomChange is a random edit: a level, N/A, a note or flag alone, or none.
func randomChange(rng *rand.Rand) (model.Change, bool) {
	switch rng.IntN(7) {
	case 0:
		return model.Change{}, false
	case 1:
		return model.MarkNA("does not apply"), true
	case 2:
		return model.SetNote("a note and no level"), true
	case 3:
		flag := true
		return model.Change{Level: levelPtr(model.Level(rng.IntN(6))), Flagged: &flag}, true
	case 4:
		return model.SetFlag(true), true
	default:
		return model.SetLevel(model.Level(rng.IntN(6))), true
	}
}

// TestSchema1GainsTheLevelsIndex opens a copy of the schema-1 fixture (what
// it keeps is checked in migrate_test.go): the index is there and the levels
// read through it agree with the answers.
func TestSchema1GainsTheLevelsIndex(t *testing.T) {
	s, err := Open(openFixture(t, "schema1.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var indexes int
	if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'answers_levels'`).Scan(&indexes); err != nil || indexes != 1 {
		t.Errorf("answers_levels index: %d (%v)", indexes, err)
	}
	levels, err := s.Levels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range list {
		answers, err := s.Answers(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var want []model.AnswerLevel
		for _, x := range answers {
			want = append(want, model.AnswerLevel{Framework: x.Framework, QuestionID: x.QuestionID, Level: x.Level, Flagged: x.Flagged})
		}
		n += len(want)
		if got := slices.Collect(levels.Of(a.ID)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: levels %+v, answers say %+v", a.ID, got, want)
		}
	}
	if n != 15 {
		t.Errorf("%d answers, want the fixture's 15", n)
	}
}
