package model

import (
	"slices"
	"testing"
)

func TestClosest(t *testing.T) {
	ids := []string{"k3v9qx2m", "p7rt2wq1", "a1b2c3d4"}
	for _, tc := range []struct {
		typed string
		want  []string
	}{
		{"k3v9qx2n", []string{"k3v9qx2m"}}, // one letter off
		{"K3V9QX2M", []string{"k3v9qx2m"}}, // case
		{"k3v9xq2m", []string{"k3v9qx2m"}}, // two letters swapped
		{"p7r", []string{"p7rt2wq1"}},      // the start of one
		{"zzzzzzzz", nil},
		{"", nil},
	} {
		if got := Closest(tc.typed, ids, 3); !slices.Equal(got, tc.want) {
			t.Errorf("Closest(%q) = %q, want %q", tc.typed, got, tc.want)
		}
	}
	fws := []string{"iso28000-2022", "mas-trm-2021"}
	if got := Closest("iso28000", fws, 3); !slices.Equal(got, []string{"iso28000-2022"}) {
		t.Errorf("prefix of a framework: %q", got)
	}
	if got := Closest("4.1.q1", []string{"4.1.q2", "4.2.q1", "4.1.q1", "9.9.q9"}, 2); !slices.Equal(got, []string{"4.1.q1", "4.1.q2"}) {
		t.Errorf("closest first, at most max: %q", got)
	}
	if got := DidYouMean("iso", fws); got != " (did you mean iso28000-2022?)" {
		t.Errorf("DidYouMean = %q", got)
	}
	if got := DidYouMean("4.1.q9", []string{"4.1.q1", "4.1.q2", "4.1.q3", "4.1.q4"}); got != " (did you mean 4.1.q1, 4.1.q2 or 4.1.q3?)" {
		t.Errorf("DidYouMean of several = %q", got)
	}
}

func TestResolveQuestionIgnoresCase(t *testing.T) {
	c, _ := NewCatalog(testFramework())
	for _, in := range []string{"fw:1.2.Q1", "FW:1.2.q1"} {
		f, q, err := c.ResolveQuestion(in)
		if err != nil || f.ID != "fw" || q.ID != "1.2.q1" {
			t.Errorf("ResolveQuestion(%q) = %v %v %v", in, f, q, err)
		}
	}
	_, _, err := c.ResolveQuestion("fw:1.1.g1")
	if err == nil || err.Error() != `unknown question "fw:1.1.g1" (fw has no clause 1.1.g1; did you mean 1.1.q1?)` {
		t.Errorf("typo: %v", err)
	}
	_, _, err = c.ResolveQuestion("fww:1.1.q1")
	if err == nil || err.Error() != `unknown framework "fww" in "fww:1.1.q1" (did you mean fw?; loaded: fw)` {
		t.Errorf("framework typo: %v", err)
	}
}
