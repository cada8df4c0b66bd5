package model

import (
	"fmt"
	"iter"
	"reflect"
	"slices"
	"testing"
)

// TestSummaryListScoresWhatIsAskedOnce checks that a SummaryList reads an
// assessment's levels only when its figures are first asked for, once, and
// that its figures are those of Summaries, in any order of asking.
func TestSummaryListScoresWhatIsAskedOnce(t *testing.T) {
	c, list, levels := testLevels(t, 8)
	reads := map[string]int{}
	of := func(id string) iter.Seq[AnswerLevel] {
		reads[id]++
		return levels(id)
	}
	want := Summaries(list, of, c)
	clear(reads)

	l := NewSummaryList(list, of, c)
	if l.Len() != len(list) || len(reads) != 0 {
		t.Fatalf("new list: Len %d, levels read for %v", l.Len(), reads)
	}
	if l.Assessment(5).ID != "a5" || len(reads) != 0 {
		t.Fatalf("Assessment(5) = %q and read levels for %v", l.Assessment(5).ID, reads)
	}
	for _, i := range []int{5, 2, 5, 7, 0, 2} { // out of order, twice over
		if got := l.Summary(i); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("Summary(%d) = %+v, want %+v", i, got, want[i])
		}
	}
	if wantReads := map[string]int{"a5": 1, "a2": 1, "a7": 1, "a0": 1}; !reflect.DeepEqual(reads, wantReads) {
		t.Errorf("levels read %v, want %v", reads, wantReads)
	}
	if (*SummaryList)(nil).Len() != 0 {
		t.Error("a nil list is not empty")
	}
	scored := ScoredList(want)
	if scored.Len() != len(want) || !reflect.DeepEqual(scored.Summary(3), want[3]) || scored.Assessment(3).ID != "a3" {
		t.Error("ScoredList does not give back its figures")
	}
}

// TestSummariesInHalvesEqualsOneByOne checks that a list long enough to be
// scored in two halves gives, in order, each assessment's own figures.
func TestSummariesInHalvesEqualsOneByOne(t *testing.T) {
	c, list, of := testLevels(t, 3*scoreInHalvesFrom+1)
	got := Summaries(list, of, c)
	for i, a := range list {
		if want := Summaries([]Assessment{a}, of, c)[0]; !reflect.DeepEqual(got[i], want) {
			t.Fatalf("assessment %d: %+v, want %+v", i, got[i], want)
		}
	}
}

// testLevels makes n assessments of testFramework, each with its own mix of
// levels, N/A and flags, and the function that yields an assessment's.
func testLevels(t *testing.T, n int) (*Catalog, []Assessment, func(string) iter.Seq[AnswerLevel]) {
	t.Helper()
	c, err := NewCatalog(testFramework())
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"1.1.q1", "1.1.q2", "1.2.q1", "2.1.q1", "3.1.q1", "3.1.q2"}
	var list []Assessment
	levels := map[string][]AnswerLevel{}
	for i := range n {
		a := Assessment{ID: fmt.Sprintf("a%d", i), Frameworks: []AssessedFramework{{ID: "fw"}}}
		list = append(list, a)
		for j, q := range ids[:i%len(ids)+1] {
			l := Level((i + j) % 6)
			if (i+j)%7 == 0 {
				l = NotApplicable
			}
			levels[a.ID] = append(levels[a.ID], AnswerLevel{"fw", q, l, j%3 == 0})
		}
	}
	return c, list, func(id string) iter.Seq[AnswerLevel] { return slices.Values(levels[id]) }
}
