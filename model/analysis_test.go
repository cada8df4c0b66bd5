package model

import (
	"reflect"
	"testing"
)

func TestBiggestGaps(t *testing.T) {
	q := func(id string) *Question { return &Question{ID: id} }
	gap := func(fw, id string, level Level) QuestionGap { return QuestionGap{fw, q(id), level, 3} }
	a := []QuestionGap{gap("a", "1", 0), gap("a", "2", 2)}
	b := []QuestionGap{gap("b", "1", 0), gap("b", "2", 1)}
	ids := func(gs []QuestionGap) []string {
		var out []string
		for _, g := range gs {
			out = append(out, g.Framework+":"+g.Question.ID)
		}
		return out
	}
	for _, tc := range []struct {
		in   [][]QuestionGap
		n    int
		want []string
	}{
		{[][]QuestionGap{a, b}, 10, []string{"a:1", "b:1", "b:2", "a:2"}},
		{[][]QuestionGap{a, b}, 2, []string{"a:1", "b:1"}},
		{[][]QuestionGap{b, a}, 3, []string{"b:1", "a:1", "b:2"}},
		{nil, 5, nil},
	} {
		if got := ids(BiggestGaps(tc.in, tc.n)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("BiggestGaps(n=%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
}

func TestWorking(t *testing.T) {
	for _, tc := range []struct {
		name     string
		sources  []Source
		sum, wts float64
		weighted bool
		levels   []Level
	}{
		{"none", nil, 0, 0, false, nil},
		{"plain", []Source{{Level: 4, Weight: 1}, {Level: 3, Weight: 1}}, 7, 2, false, []Level{4, 3}},
		{"weighted", []Source{{Level: 4, Weight: 2}, {Level: 1, Weight: 1}}, 9, 3, true, []Level{4, 1}},
	} {
		w := Score{Sources: tc.sources}.Working()
		if w.Sum != tc.sum || w.Weights != tc.wts || w.Weighted != tc.weighted || !reflect.DeepEqual(w.Levels, tc.levels) {
			t.Errorf("%s: %+v", tc.name, w)
		}
	}
}

func TestThemesOfAndSortBySize(t *testing.T) {
	cw := &Crosswalk{Frameworks: [2]string{"a", "b"}, Themes: []Theme{
		{ID: "gov", Strength: Equivalent, Refs: map[string][]string{"a": {"5"}, "b": {"3.1"}}},
		{ID: "none", Strength: NoMatch, Refs: map[string][]string{"a": {"5.1"}}},
		{ID: "risk", Strength: Partial, Refs: map[string][]string{"a": {"5.1", "6"}, "b": {"4"}}},
	}}
	var got []string
	for _, th := range cw.ThemesOf("a", &Question{Ref: "5.1"}) {
		got = append(got, th.ID)
	}
	if !reflect.DeepEqual(got, []string{"gov", "risk"}) {
		t.Fatalf("ThemesOf = %v", got)
	}
	if n := len(cw.ThemesOf("b", &Question{Ref: "9"})); n != 0 {
		t.Fatalf("%d themes for an uncovered question", n)
	}
	side := func(m float64, rated int) SideScore { return SideScore{Score: Score{Maturity: m, Rated: rated}} }
	d := Differences{Themes: []ThemeScore{
		{Theme: Theme{ID: "small+"}, Sides: [2]SideScore{side(3, 1), side(2.9, 1)}},
		{Theme: Theme{ID: "none"}, Sides: [2]SideScore{side(0, 0), side(2, 1)}},
		{Theme: Theme{ID: "big-"}, Sides: [2]SideScore{side(1, 1), side(2.5, 1)}},
		{Theme: Theme{ID: "zero"}, Sides: [2]SideScore{side(2, 1), side(2, 1)}},
	}}
	got = nil
	for _, th := range d.SortBySize() {
		got = append(got, th.Theme.ID)
	}
	if !reflect.DeepEqual(got, []string{"big-", "small+", "zero", "none"}) {
		t.Fatalf("SortBySize = %v", got)
	}
}
