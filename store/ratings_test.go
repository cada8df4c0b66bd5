package store

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/assaytui/assay/model"
)

func TestRatingsCarryLevelsNAAndFlags(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	b := create(t, s, "B")
	flag := true
	save(t, s, a.ID, "fw-a", "1.q1", SetLevel(3))
	save(t, s, a.ID, "fw-a", "1.q2", MarkNA("out of scope"))
	save(t, s, a.ID, "fw-b", "2.q1", Change{Level: levelPtr(0), Flagged: &flag})
	save(t, s, a.ID, "fw-b", "2.q2", SetNote("a note, no level yet"))
	save(t, s, a.ID, "fw-b", "2.q3", SetFlag(true))
	// Answers to questions a framework no longer has keep whatever ID they had.
	save(t, s, a.ID, "fw-b", "odd id with spaces, ü and 12 ", SetLevel(5))
	save(t, s, a.ID, "fw-b", "", SetLevel(1))
	save(t, s, b.ID, "fw-a", "1.q1", SetLevel(2))
	got, err := s.Ratings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]model.Rating{
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
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ratings\n got %+v\nwant %+v", got, want)
	}
}

func TestRatingsReadTheLevelsIndexOnly(t *testing.T) {
	s := newStore(t)
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN ` + sqlRatings)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan += detail + "\n"
	}
	if want := "SCAN answers USING COVERING INDEX answers_levels\n"; plan != want {
		t.Errorf("query plan:\n%s\nwant:\n%s", plan, want)
	}
}

func TestUnpackRatingsRefusesWhatDoesNotAddUp(t *testing.T) {
	for _, c := range []struct{ ids, codes string }{
		{"1.q1", "64"},      // length 4 claimed, 4 given: fine
		{"1.q1x", "64"},     // a byte left over
		{"1.q", "64"},       // too short
		{"1.q1", "64 x"},    // not a number
		{"1.q1", "64 -16"},  // negative
		{"1.q11.q2", "64 "}, // a code missing
	} {
		_, err := unpackRatings(nil, "fw", c.ids, c.codes)
		if ok := err == nil; ok != (c.ids == "1.q1" && c.codes == "64") {
			t.Errorf("unpackRatings(%q, %q) error = %v", c.ids, c.codes, err)
		}
	}
}

func levelPtr(l model.Level) *model.Level { return &l }

// TestSummariesFromRatingsEqualFullScoring compares, on random assessments of
// random frameworks, the figures of the list (ratings only) with those worked
// out from every stored answer: they must be identical, float for float.
func TestSummariesFromRatingsEqualFullScoring(t *testing.T) {
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
					save(t, s, a.ID, id, "99.q1", SetLevel(model.Level(rng.IntN(6))))
				}
			}
		}
		list, err := s.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ratings, err := s.Ratings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fast := model.Summaries(list, ratings, cat)
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
				t.Fatalf("round %d, %s: from ratings\n%+v\nfrom all answers\n%+v", round, a.Name, fast[i], full)
			}
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
func randomChange(rng *rand.Rand) (Change, bool) {
	switch rng.IntN(7) {
	case 0:
		return Change{}, false
	case 1:
		return MarkNA("does not apply"), true
	case 2:
		return SetNote("a note and no level"), true
	case 3:
		flag := true
		return Change{Level: levelPtr(model.Level(rng.IntN(6))), Flagged: &flag}, true
	case 4:
		return SetFlag(true), true
	default:
		return SetLevel(model.Level(rng.IntN(6))), true
	}
}

// TestSchema1GainsTheLevelsIndexWithNothingLost opens a copy of the schema-1
// fixture: every row of every table stays as it was, and the ratings read
// through the new index agree with the answers.
func TestSchema1GainsTheLevelsIndexWithNothingLost(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "schema1.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "schema1.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	tables := []string{"assessments", "assessment_frameworks", "answers", "answer_history"}
	before := dumpTables(t, path, tables)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version, indexes int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil || version != latestVersion() {
		t.Errorf("user_version = %d (%v), want %d", version, err, latestVersion())
	}
	if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'answers_levels'`).Scan(&indexes); err != nil || indexes != 1 {
		t.Errorf("answers_levels index: %d (%v)", indexes, err)
	}
	after := dumpTables(t, path, tables)
	for _, table := range tables {
		if len(before[table]) == 0 || !reflect.DeepEqual(before[table], after[table]) {
			t.Errorf("%s: %d rows before, %d after, or they differ", table, len(before[table]), len(after[table]))
		}
	}
	if n := len(before["answers"]); n != 15 || len(before["answer_history"]) != 22 {
		t.Errorf("fixture has %d answers and %d history rows, want 15 and 22", n, len(before["answer_history"]))
	}
	ratings, err := s.Ratings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		answers, err := s.Answers(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var want []model.Rating
		for _, x := range answers {
			want = append(want, model.Rating{Framework: x.Framework, QuestionID: x.QuestionID, Level: x.Level, Flagged: x.Flagged})
		}
		if !reflect.DeepEqual(ratings[a.ID], want) {
			t.Errorf("%s: ratings %+v, answers say %+v", a.ID, ratings[a.ID], want)
		}
	}
}

// dumpTables reads every row of the tables as text, through a connection of
// its own.
func dumpTables(t *testing.T, path string, tables []string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string][]string{}
	for _, table := range tables {
		rows, err := db.Query(`SELECT * FROM ` + table + ` ORDER BY 1, 2, 3`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out[table] = append(out[table], fmt.Sprint(vals...))
		}
		rows.Close()
	}
	return out
}
