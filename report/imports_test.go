package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
)

// What an import did with a file's actions and targets, in words and in
// JSON: the counts, the action a newer one replaced, the targets kept.
func TestImportsReportActionsAndTargets(t *testing.T) {
	at := time.Date(2026, 11, 26, 15, 4, 0, 0, time.UTC)
	theirs := model.Action{Framework: "fw", QuestionID: "8.3.q1", Text: "Test the plan", Owner: "Bob Tan", Status: model.ActionDone}
	ours := model.Action{Framework: "fw", QuestionID: "8.3.q1", Text: "Test the plan", Status: model.ActionDoing,
		UpdatedBy: "alice", UpdatedAt: at.Add(-time.Hour), Revision: "a1"}
	res := model.ImportResult{File: "bob.json", Assessment: model.Assessment{ID: "ws2026ab", Name: "FY2026"},
		Tally: model.Tally{Added: 1},
		Actions: []model.ActionDecision{
			{Key: model.Key{Framework: "fw", Question: "8.3.q1"}, Outcome: model.MergeAdded, Why: "both changed; newer than alice's",
				Change: model.ActionEntry{Framework: "fw", QuestionID: "8.3.q1", New: theirs, By: "bob", At: at, Revision: "b2"}, Replaced: &ours},
			{Key: model.Key{Framework: "fw", Question: "9.1.q1"}, Outcome: model.MergeAdded, Why: "new here",
				Change: model.ActionEntry{Framework: "fw", QuestionID: "9.1.q1", New: theirs, By: "bob", At: at, Revision: "b3"}},
		},
		ActionTally: model.Tally{Added: 2},
		Targets:     []model.TargetDifference{{TargetOverride: model.TargetOverride{Framework: "fw", Level: 2}, Here: 4, ThereSet: true, HereSet: true}},
	}
	var b bytes.Buffer
	if err := Imports(&b, []model.ImportResult{res}); err != nil {
		t.Fatal(err)
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	for _, want := range []string{`imported bob.json into ws2026ab "FY2026": 1 added, 0 same, 0 skipped, 0 disagreements; actions: 2 added, 0 same, 0 skipped`,
		`action added fw:8.3.q1 "Test the plan" by bob both changed; newer than alice's`,
		"target fw 2 in the file, 4 here kept", "targets are the assessment's own"} {
		if !strings.Contains(out, want) {
			t.Errorf("import report lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(out, "9.1.q1") {
		t.Errorf("an action simply added is listed:\n%s", b.String())
	}

	b.Reset()
	if err := ImportsJSON(&b, []model.ImportResult{res}); err != nil {
		t.Fatal(err)
	}
	var got []struct {
		Actions struct {
			Added     int
			Decisions []struct {
				QuestionID string `json:"question_id"`
				Outcome    string
				Text       string
				Status     string
				Replaced   *struct {
					Status    string
					UpdatedBy string `json:"updated_by"`
				}
			}
		}
		Targets []struct {
			Framework  string
			File, Here *int
		} `json:"target_differences"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	a := got[0].Actions
	if a.Added != 2 || len(a.Decisions) != 2 || a.Decisions[0].Outcome != "added" || a.Decisions[0].Status != "done" ||
		a.Decisions[0].Replaced == nil || a.Decisions[0].Replaced.UpdatedBy != "alice" || a.Decisions[1].Replaced != nil {
		t.Errorf("actions in import --json: %+v", a)
	}
	if tg := got[0].Targets; len(tg) != 1 || tg[0].Framework != "fw" || *tg[0].File != 2 || *tg[0].Here != 4 {
		t.Errorf("target differences in import --json: %+v", tg)
	}
}
