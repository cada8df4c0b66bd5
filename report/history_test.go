package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
)

func TestDescribeChange(t *testing.T) {
	a := func(l model.Level, note string, flagged bool) model.Answer {
		return model.Answer{Level: l, Note: note, Flagged: flagged}
	}
	for _, tc := range []struct {
		old, new model.Answer
		want     string
	}{
		{a(model.Unanswered, "", false), a(3, "", false), "– → 3"},
		{a(3, "", false), a(model.NotApplicable, "no online services", false), `3 → na, note added: "no online services"`},
		{a(2, "old", false), a(2, "new\x1b[31m", true), `note now: "new�[31m", flagged`},
		{a(4, "x", true), a(model.Unanswered, "", false), "4 → –, note removed, unflagged"},
		{a(1, "", false), a(1, "", false), "no change"},
	} {
		if got := describeChange(tc.old, tc.new); got != tc.want {
			t.Errorf("describeChange = %q, want %q", got, tc.want)
		}
	}
}

func TestHistoryShapes(t *testing.T) {
	at := time.Date(2026, 11, 26, 14, 2, 0, 0, time.UTC)
	entries := []model.HistoryEntry{
		{Framework: "fw", QuestionID: "1.q1", Old: model.Answer{Level: model.Unanswered}, New: model.Answer{Level: 3}, By: "ann", At: at, Host: "laptop", Revision: "r1"},
		{Framework: "fw", QuestionID: "1.q1", Old: model.Answer{Level: 3}, New: model.Answer{Level: model.NotApplicable, Note: "n/a"}, By: "bob", At: at.Add(time.Minute), Revision: "r2", Parent: "r1"},
	}
	var b bytes.Buffer
	if err := History(&b, entries, nil); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(b.String()), "\n"); len(lines) != 3 || !strings.Contains(lines[1], "ann  fw:1.q1   – → 3") {
		t.Errorf("history:\n%s", b.String())
	}
	// Then the actions: set, changed, one that lost to a newer change here.
	plan := model.Action{Text: "test the plan", Owner: "Bo Lim", Due: "2027-03-31", Status: model.ActionOpen}
	done := plan
	done.Status, done.Owner = model.ActionDone, "Cy"
	actions := []model.ActionEntry{
		{Framework: "fw", QuestionID: "1.q1", New: plan, By: "ann", At: at, Applied: true},
		{Framework: "fw", QuestionID: "1.q1", Old: plan, New: done, By: "bob", At: at.Add(time.Hour), Origin: "bob.json from bob", Applied: true},
		{Framework: "fw", QuestionID: "1.q1", Old: plan, New: model.Action{}, By: "cy", At: at.Add(30 * time.Minute), Origin: "cy.json from cy"},
	}
	b.Reset()
	History(&b, entries, actions)
	words := strings.Join(strings.Fields(b.String()), " ")
	for _, want := range []string{`ann fw:1.q1 set "test the plan" (Bo Lim, due 2027-03-31, open)`,
		`bob fw:1.q1 owner now "Cy", open → done (from bob.json from bob)`,
		`cy fw:1.q1 removed (from cy.json from cy; not applied: a newer change here stayed)`} {
		if !strings.Contains(words, want) {
			t.Errorf("history lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	History(&b, nil, actions[:1])
	if !strings.HasPrefix(b.String(), "WHEN") || strings.Contains(b.String(), "no changes") {
		t.Errorf("only actions:\n%s", b.String())
	}
	b.Reset()
	HistoryJSON(&b, entries)
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if keys := keysOf(got[0]); !slices.Equal(keys, []string{"at", "by", "framework", "host", "new", "old", "origin", "parent", "question_id", "revision", "settles"}) {
		t.Errorf("keys %v", keys)
	}
	if keys := keysOf(got[0]["new"]); !slices.Equal(keys, []string{"flagged", "level", "na", "note"}) {
		t.Errorf("value keys %v", keys)
	}
	if got[0]["at"] != "2026-11-26T14:02:00Z" || got[1]["parent"] != "r1" || got[1]["new"].(map[string]any)["na"] != true || got[1]["new"].(map[string]any)["level"] != nil {
		t.Errorf("history json = %v", got)
	}
	b.Reset()
	HistoryJSON(&b, nil)
	if strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("no history = %q", b.String())
	}
}

func TestCatalogShapes(t *testing.T) {
	f := demoFramework()
	var b bytes.Buffer
	FrameworksJSON(&b, []*model.Framework{f})
	var fws []map[string]any
	json.Unmarshal(b.Bytes(), &fws)
	if len(fws) != 1 || !slices.Equal(keysOf(fws[0]), []string{"id", "notice", "publisher", "questions", "retired", "revision", "sections", "short", "source", "title", "version"}) {
		t.Errorf("frameworks json = %v", fws)
	}
	b.Reset()
	QuestionsJSON(&b, f)
	var qs []map[string]any
	json.Unmarshal(b.Bytes(), &qs)
	if len(qs) != len(f.Questions()) || !slices.Equal(keysOf(qs[0]), []string{"added_in", "cites", "evidence", "guidance", "id", "levels", "optional", "ref", "replaced_by",
		"retired", "retired_in", "reworded_in", "section", "sources", "text", "themes", "title", "weight"}) {
		t.Errorf("questions json = %v", qs)
	}
}
