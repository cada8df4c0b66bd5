package store

import (
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
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
	path := filepath.Join(t.TempDir(), "schema1.db")
	copyFile(t, "testdata/schema1.db", path)
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
	for _, table := range []string{"assessment_frameworks", "answers", "answer_history"} {
		if !reflect.DeepEqual(before[table], after[table]) {
			t.Errorf("%s changed by the migration:\nbefore %v\nafter  %v", table, before[table], after[table])
		}
	}
	// Only updated_at of the two assessments written to may move.
	for i, row := range before["assessments"] {
		if !reflect.DeepEqual(row[:7], after["assessments"][i][:7]) {
			t.Errorf("assessment changed: %v -> %v", row, after["assessments"][i])
		}
	}
}

// dumpSchema1 reads every row of the schema-1 tables, as text, in key order.
func dumpSchema1(t *testing.T, path string) map[string][][]string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string][][]string{}
	for table, order := range map[string]string{
		"assessments":           "id",
		"assessment_frameworks": "assessment_id, framework",
		"answers":               "assessment_id, framework, question_id",
		"answer_history":        "id",
	} {
		cols := schema1Columns[table]
		rows, err := db.Query(`SELECT ` + strings.Join(cols, ", ") + ` FROM ` + table + ` ORDER BY ` + order)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			row := make([]string, len(cols))
			for i, v := range vals {
				row[i] = "NULL"
				if v.Valid {
					row[i] = v.String
				}
			}
			out[table] = append(out[table], row)
		}
		rows.Close()
	}
	return out
}

// schema1Columns are the columns schema 1 had; later schemas may add more.
var schema1Columns = map[string][]string{
	"assessments":           {"id", "name", "organisation", "assessor", "target", "resume_framework", "created_at", "updated_at"},
	"assessment_frameworks": {"assessment_id", "framework", "version", "ord", "position"},
	"answers":               {"assessment_id", "framework", "question_id", "level", "na", "note", "flagged", "updated_at"},
	"answer_history": {"id", "assessment_id", "framework", "question_id", "old_level", "old_na", "old_note", "old_flagged",
		"new_level", "new_na", "new_note", "new_flagged", "changed_by", "changed_at"},
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
