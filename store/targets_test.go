package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

func TestTargetsOverrideAndClear(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	b := create(t, s, "B")
	for _, o := range []model.TargetOverride{
		{Framework: "fw-a", Section: "4.1", Level: 5},
		{Framework: "fw-a", Level: 2},
		{Framework: "fw-b", Section: "10", Level: 1},
		{Framework: "fw-b", Section: "9", Level: 4},
		{Framework: "fw-a", Section: "4.1", Level: 4}, // replaces the first
		{Level: 1}, // the assessment's own target
	} {
		if err := s.SetTarget(ctx, a.ID, o, "ann"); err != nil {
			t.Fatalf("SetTarget(%+v): %v", o, err)
		}
	}
	got, err := s.Get(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.TargetOverride{{Framework: "fw-a", Level: 2}, {Framework: "fw-a", Section: "4.1", Level: 4}, {Framework: "fw-b", Section: "9", Level: 4}, {Framework: "fw-b", Section: "10", Level: 1}}
	if got.Target != 1 || !reflect.DeepEqual(got.TargetOverrides, want) {
		t.Errorf("targets = %d %+v\nwant 1 %+v", got.Target, got.TargetOverrides, want)
	}
	if !got.UpdatedAt.After(a.UpdatedAt) {
		t.Error("setting a target did not touch the assessment")
	}
	if other, _ := s.Get(ctx, b.ID); other.Target != 3 || len(other.TargetOverrides) != 0 {
		t.Errorf("another assessment got targets: %+v", other)
	}

	if err := s.ClearTarget(ctx, a.ID, "fw-a", "4.1"); err != nil {
		t.Fatal(err)
	}
	if err := s.ClearTarget(ctx, a.ID, "fw-a", "4.1"); err != nil {
		t.Errorf("clearing twice: %v", err)
	}
	got, _ = s.Get(ctx, a.ID)
	if len(got.TargetOverrides) != 3 || got.TargetOverrides[0] != (model.TargetOverride{Framework: "fw-a", Level: 2}) {
		t.Errorf("after clear: %+v", got.TargetOverrides)
	}

	// The copy keeps the targets; deleting the assessment takes them along.
	cp, err := s.Duplicate(ctx, a.ID, "A again")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cp.TargetOverrides, got.TargetOverrides) || cp.Target != 1 {
		t.Errorf("copy targets = %+v", cp.TargetOverrides)
	}
	if err := s.Delete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	var left int
	s.db.QueryRow(`SELECT count(*) FROM targets WHERE assessment_id = ?`, a.ID).Scan(&left)
	if left != 0 {
		t.Errorf("%d targets left after delete", left)
	}
}

func TestSetTargetRefusesWhatItCannotStore(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A", "fw-a")
	for _, c := range []struct {
		id   string
		o    model.TargetOverride
		want string
	}{
		{a.ID, model.TargetOverride{Framework: "fw-a", Level: 6}, "target level 6 is not 0-5"},
		{a.ID, model.TargetOverride{Framework: "fw-z", Level: 3}, `does not cover framework "fw-z"`},
		{"nope", model.TargetOverride{Framework: "fw-a", Level: 3}, "not found"},
		{"nope", model.TargetOverride{Level: 3}, "not found"},
	} {
		err := s.SetTarget(ctx, c.id, c.o, "ann")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SetTarget(%s, %+v) = %v, want %q", c.id, c.o, err, c.want)
		}
	}
	if err := s.ClearTarget(ctx, "nope", "fw-a", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("ClearTarget on unknown assessment: %v", err)
	}
	if got, _ := s.Get(ctx, a.ID); got.Target != 3 || len(got.TargetOverrides) != 0 {
		t.Errorf("refused targets changed something: %+v", got)
	}
}

// The schema-1 fixture opens and migrates with every assessment, answer, note
// and history row as it was, and then takes targets and actions.
func TestSchema1MigratesKeepingEverything(t *testing.T) {
	path := openFixture(t, "schema1.db")
	before := dumpSchema1(t, path)
	if len(before["answers"]) != 15 || len(before["answer_history"]) != 22 || len(before["assessments"]) != 3 {
		t.Fatalf("fixture not as documented: %d answers, %d history rows, %d assessments",
			len(before["answers"]), len(before["answer_history"]), len(before["assessments"]))
	}

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var version int
	s.db.QueryRow(`PRAGMA user_version`).Scan(&version)
	if version != latestVersion() {
		t.Errorf("user_version = %d, want %d", version, latestVersion())
	}
	list, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if len(a.TargetOverrides) != 0 {
			t.Errorf("%s has targets out of nowhere: %+v", a.ID, a.TargetOverrides)
		}
		if acts, err := s.Actions(ctx, a.ID); err != nil || len(acts) != 0 {
			t.Errorf("%s actions = %v, %v", a.ID, acts, err)
		}
	}
	if err := s.SetTarget(ctx, "m6apsdca", model.TargetOverride{Framework: "iso28000-2022", Section: "8", Level: 5}, "ann"); err != nil {
		t.Fatal(err)
	}
	due := model.Date("2027-06-30")
	if _, err := s.SaveAction(ctx, "k79k4ns5", "iso28000-2022", "8.3.q1", model.ActionChange{Text: ptr("test the plan"), Due: &due}, "ann"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	after := dumpSchema1(t, path)
	for _, table := range []string{"assessments", "assessment_frameworks", "answers", "answer_history"} {
		if !reflect.DeepEqual(before[table], after[table]) {
			t.Errorf("%s changed by the migration:\nbefore %v\nafter  %v", table, before[table], after[table])
		}
	}
}

// dumpSchema1 reads every row of the schema-1 tables (schema1Tables), but
// the assessments' updated_at: setting a target touches it.
func dumpSchema1(t *testing.T, path string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for table, query := range schema1Tables {
		if table == "assessments" {
			query = `SELECT id, name, organisation, assessor, target, resume_framework, created_at FROM assessments ORDER BY id`
		}
		out[table] = dump(t, path, query)
	}
	return out
}
