package model

import (
	"strings"
	"testing"
)

func TestEffectiveTargets(t *testing.T) {
	f := testFramework()
	sec := func(ref string) *Section { s, _ := f.Section(ref); return s }
	q := func(id string) *Question { x, _ := f.Question(id); return x }
	tests := []struct {
		name      string
		overrides []TargetOverride
		section   string // a section ref, or a question ID when it contains ".q"
		want      Level
	}{
		{"assessment target when nothing overrides", nil, "1.1", 3},
		{"framework overrides assessment", []TargetOverride{{"fw", "", 4}}, "1.1", 4},
		{"another framework's override does not apply", []TargetOverride{{"other", "", 1}}, "1.1", 3},
		{"section overrides framework", []TargetOverride{{"fw", "", 4}, {"fw", "1.1", 2}}, "1.1", 2},
		{"sub-section inherits its clause", []TargetOverride{{"fw", "", 4}, {"fw", "1", 5}}, "1.2", 5},
		{"nearest section wins", []TargetOverride{{"fw", "1", 5}, {"fw", "1.2", 1}}, "1.2", 1},
		{"sibling override does not leak", []TargetOverride{{"fw", "1.1", 1}}, "1.2", 3},
		{"question takes its section's", []TargetOverride{{"fw", "1", 5}, {"fw", "1.1", 0}}, "1.1.q2", 0},
		{"question under an unset clause takes the framework's", []TargetOverride{{"fw", "", 2}, {"fw", "1", 5}}, "2.1.q1", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := Targets{Default: 3, Overrides: tt.overrides}
			var got Level
			if strings.Contains(tt.section, ".q") {
				got = ts.Question("fw", q(tt.section))
			} else {
				got = ts.Section("fw", sec(tt.section))
			}
			if got != tt.want {
				t.Errorf("target = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestTargetsSetReplacesAndSorts(t *testing.T) {
	ts := Targets{Default: 3}
	ts = ts.Set(TargetOverride{"fw", "1.10", 2})
	ts = ts.Set(TargetOverride{"fw", "1.2", 4})
	ts = ts.Set(TargetOverride{"fw", "", 1})
	ts = ts.Set(TargetOverride{"fw", "1.10", 5})
	ts = ts.Set(TargetOverride{"", "", 2})
	want := []TargetOverride{{"fw", "", 1}, {"fw", "1.2", 4}, {"fw", "1.10", 5}}
	if ts.Default != 2 || len(ts.Overrides) != len(want) {
		t.Fatalf("targets = %+v", ts)
	}
	for i := range want {
		if ts.Overrides[i] != want[i] {
			t.Errorf("override %d = %+v, want %+v", i, ts.Overrides[i], want[i])
		}
	}
	if !ts.Varies() {
		t.Error("Varies = false with overrides other than the default")
	}
	if (Targets{Default: 3, Overrides: []TargetOverride{{"fw", "1", 3}}}).Varies() {
		t.Error("Varies = true when every override equals the default")
	}
}

func TestTargetCheck(t *testing.T) {
	c, _ := NewCatalog(testFramework())
	a := Assessment{ID: "abc", Frameworks: []AssessedFramework{{ID: "fw"}, {ID: "gone"}}}
	for _, tt := range []struct {
		o    TargetOverride
		want string
	}{
		{TargetOverride{"", "", 4}, ""},
		{TargetOverride{" fw ", " 1.2 ", 0}, ""},
		{TargetOverride{"fw", "", 6}, "target level 6 is not 0-5"},
		{TargetOverride{"fw", "", NotApplicable}, "target level na is not 0-5"},
		{TargetOverride{"", "1", 3}, "a section target needs its framework"},
		{TargetOverride{"nope", "", 3}, `assessment abc does not cover framework "nope" (it covers fw, gone)`},
		{TargetOverride{"gone", "", 3}, `framework "gone" is not loaded`},
		{TargetOverride{"fw", "9", 3}, "fw has no clause 9"},
	} {
		got, err := tt.o.Check(a, c)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if msg != tt.want {
			t.Errorf("Check(%+v) = %q, want %q", tt.o, msg, tt.want)
		}
		if err == nil && (got.Framework != strings.TrimSpace(tt.o.Framework) || got.Section != strings.TrimSpace(tt.o.Section)) {
			t.Errorf("Check(%+v) did not trim: %+v", tt.o, got)
		}
	}
}

func TestGapsUseEffectiveTargets(t *testing.T) {
	f := testFramework()
	as := answers("1.1.q1", Level(2), "1.2.q1", Level(2), "2.1.q1", Level(2))
	ts := Targets{Default: 3, Overrides: []TargetOverride{{"fw", "1.2", 2}, {"fw", "2", 5}}}
	var got []string
	for _, g := range Gaps(f, as, ts) {
		got = append(got, g.Question.ID+"/"+g.Target.String())
	}
	want := "2.1.q1/5 1.1.q1/3" // 1.2.q1 meets its own target 2
	if strings.Join(got, " ") != want {
		t.Errorf("gaps = %v, want %s", got, want)
	}
}

func TestCompareRefs(t *testing.T) {
	tests := []struct {
		a, b string
		want int // sign
	}{
		{"1.2.q2", "1.2.q10", -1},
		{"1.10.q1", "1.2.q1", 1},
		{"1.2.q1", "1.2.q1", 0},
		{"A.q1", "1.q1", 1},
		{"1.q1", "1.1.q1", 1}, // '.' vs 'q' as text
		{"1", "1.1", -1},
		{"3.4.q02", "3.4.q2", -1}, // same number: decided as text, still total
	}
	for _, tt := range tests {
		got := CompareRefs(tt.a, tt.b)
		if sign(got) != tt.want || sign(CompareRefs(tt.b, tt.a)) != -tt.want {
			t.Errorf("CompareRefs(%q, %q) = %d, want sign %d (and the reverse)", tt.a, tt.b, got, tt.want)
		}
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
