package model

import (
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	for in, want := range map[string]Date{"2027-02-28": "2027-02-28", " 2028-02-29 ": "2028-02-29", "": "", "  ": ""} {
		got, err := ParseDate(in)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"2027-02-30", "2027-02-29", "2027-13-01", "2027-04-31", "2027-2-3", "27-02-01", "2027/02/01", "tomorrow", "2027-02-01T00:00"} {
		if got, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %q, accepted", in, got)
		} else if !strings.Contains(err.Error(), "YYYY-MM-DD") {
			t.Errorf("ParseDate(%q) error %q does not say the form", in, err)
		}
	}
}

func TestParseActionStatus(t *testing.T) {
	for in, want := range map[string]ActionStatus{"open": ActionOpen, " Doing ": ActionDoing, "DONE": ActionDone} {
		if got, err := ParseActionStatus(in); err != nil || got != want {
			t.Errorf("ParseActionStatus(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "closed", "opened"} {
		if _, err := ParseActionStatus(in); err == nil {
			t.Errorf("ParseActionStatus(%q) accepted", in)
		}
	}
}

func TestActionChange(t *testing.T) {
	str := func(s string) *string { return &s }
	due := func(d Date) *Date { return &d }
	st := func(s ActionStatus) *ActionStatus { return &s }
	base := Action{Framework: "fw", QuestionID: "1.1.q1", Text: "write the policy", Owner: "Ann", Due: "2027-03-31", Status: ActionDoing}
	tests := []struct {
		name string
		from Action
		ch   ActionChange
		want Action
	}{
		{"a new action starts open", Action{}, ActionChange{Text: str("  train staff ")}, Action{Text: "train staff", Status: ActionOpen}},
		{"an owner alone is an action", Action{}, ActionChange{Owner: str("Bob")}, Action{Owner: "Bob", Status: ActionOpen}},
		{"nil fields are kept", base, ActionChange{Status: st(ActionDone)}, Action{Framework: "fw", QuestionID: "1.1.q1", Text: "write the policy", Owner: "Ann", Due: "2027-03-31", Status: ActionDone}},
		{"the due date can be cleared", base, ActionChange{Due: due("")}, Action{Framework: "fw", QuestionID: "1.1.q1", Text: "write the policy", Owner: "Ann", Status: ActionDoing}},
		{"clearing leaves no status", base, ClearAction(), Action{Framework: "fw", QuestionID: "1.1.q1"}},
		{"a status alone is no action", Action{}, ActionChange{Status: st(ActionDone)}, Action{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.ch.Check(); err != nil {
				t.Fatal(err)
			}
			if got := tt.ch.Apply(tt.from); got != tt.want {
				t.Errorf("Apply = %+v\nwant %+v", got, tt.want)
			}
		})
	}
	for _, bad := range []ActionChange{{Due: due("2027-02-30")}, {Status: st("Open")}, {Status: st("closed")}} {
		if err := bad.Check(); err == nil {
			t.Errorf("Check(%+v) accepted", bad)
		}
	}
}
