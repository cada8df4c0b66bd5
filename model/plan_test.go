package model

import (
	"strconv"
	"strings"
	"testing"
)

func TestPlan(t *testing.T) {
	f := testFramework() // 1.2.q1 has weight 3
	c, _ := NewCatalog(f)
	a := Assessment{Target: 3, Frameworks: []AssessedFramework{{ID: "fw"}}}
	act := func(id, text string) Action {
		return Action{Framework: "fw", QuestionID: id, Text: text, Status: ActionOpen}
	}
	tests := []struct {
		name      string
		overrides []TargetOverride
		as        Answers
		acts      []Action
		want      string // items as id/gap/priority, in order
	}{
		{"nothing below target and no actions", nil, answers("1.1.q1", Level(3), "2.1.q1", Level(5)), nil, ""},
		{"gap times weight ranks", nil,
			// 1.1.q1 gap 2 × 1 = 2; 1.2.q1 gap 1 × 3 = 3; 2.1.q1 gap 3 × 1 = 3
			answers("1.1.q1", Level(1), "1.2.q1", Level(2), "2.1.q1", Level(0)), nil,
			"1.2.q1/1/3 2.1.q1/3/3 1.1.q1/2/2"},
		{"N/A and unanswered have no gap", nil, answers("1.1.q1", NotApplicable), nil, ""},
		{"actions without a gap come after, in outline order", nil,
			answers("1.1.q1", Level(2), "3.1.q1", Level(4)),
			[]Action{act("3.1.q1", "keep it up"), act("2.1.q1", "rate it first"), act("1.1.q1", "write it down")},
			"1.1.q1/1/1 2.1.q1/0/0 3.1.q1/0/0"},
		{"section target raises the gap", []TargetOverride{{"fw", "2", 5}},
			answers("1.1.q1", Level(2), "2.1.q1", Level(3)), nil,
			"2.1.q1/2/2 1.1.q1/1/1"},
		{"framework target removes the gap", []TargetOverride{{"fw", "", 2}},
			answers("1.1.q1", Level(2)), nil, ""},
		{"an empty action is no action", nil, answers(), []Action{{Framework: "fw", QuestionID: "1.1.q1"}}, ""},
		{"actions on unknown questions come last", nil, answers("1.1.q1", Level(2)),
			[]Action{{Framework: "fw", QuestionID: "9.q1", Text: "x"}, {Framework: "gone", QuestionID: "1.q1", Text: "y"}},
			"1.1.q1/1/1 9.q1/0/0 1.q1/0/0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := a
			a.TargetOverrides = tt.overrides
			items := Plan(a, c, tt.as, NewActions(tt.acts))
			var got []string
			for _, it := range items {
				got = append(got, it.Key.Question+"/"+strconv.Itoa(it.Gap)+"/"+strconv.Itoa(int(it.Priority())))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("plan = %q\nwant %q", strings.Join(got, " "), tt.want)
			}
		})
	}
}

func TestPlanItemCarriesActionAndTarget(t *testing.T) {
	f := testFramework()
	c, _ := NewCatalog(f)
	a := Assessment{Target: 4, Frameworks: []AssessedFramework{{ID: "fw"}}}
	acts := NewActions([]Action{{Framework: "fw", QuestionID: "1.2.q1", Text: "measure it", Owner: "Ann", Due: "2027-06-30", Status: ActionDoing}})
	items := Plan(a, c, answers("1.2.q1", Level(1)), acts)
	if len(items) != 1 {
		t.Fatalf("items = %+v", items)
	}
	it := items[0]
	if it.Question == nil || it.Question.ID != "1.2.q1" || it.Framework != f || it.Level != 1 || it.Target != 4 || it.Gap != 3 || it.Weight != 3 || it.Priority() != 9 {
		t.Errorf("item = %+v", it)
	}
	if !it.HasAction() || it.Action.Owner != "Ann" || it.Action.Due != "2027-06-30" {
		t.Errorf("action = %+v", it.Action)
	}
}
