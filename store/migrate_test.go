package store

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

// openFixture copies a fixture database made by an earlier release into a
// temporary folder; the file in testdata is never opened in place.
func openFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// dump reads the given query's rows as strings, straight from the file.
func dump(t *testing.T, path, query string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	return out
}

// The columns schema 1 had; a migration must keep every value in them.
var schema1Tables = map[string]string{
	"assessments":           `SELECT id, name, organisation, assessor, target, resume_framework, created_at, updated_at FROM assessments ORDER BY id`,
	"assessment_frameworks": `SELECT assessment_id, framework, version, ord, position FROM assessment_frameworks ORDER BY 1, 2`,
	"answers":               `SELECT assessment_id, framework, question_id, level, na, note, flagged, updated_at FROM answers ORDER BY 1, 2, 3`,
	"answer_history": `SELECT id, assessment_id, framework, question_id, old_level, old_na, old_note, old_flagged,
		new_level, new_na, new_note, new_flagged, changed_by, changed_at FROM answer_history ORDER BY id`,
}

func TestSchema1DatabaseMigratesWithEverythingKept(t *testing.T) {
	path := openFixture(t, "schema1.db")
	before := map[string][]string{}
	for table, q := range schema1Tables {
		before[table] = dump(t, path, q)
	}
	if len(before["answers"]) != 15 || len(before["answer_history"]) != 22 {
		t.Fatalf("fixture has %d answers and %d history rows; want 15 and 22", len(before["answers"]), len(before["answer_history"]))
	}

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for table, q := range schema1Tables {
		if after := dump(t, path, q); !reflect.DeepEqual(after, before[table]) {
			t.Errorf("%s changed by the migration:\nbefore %q\nafter  %q", table, before[table], after)
		}
	}
	if v := dump(t, path, `PRAGMA user_version`); v[0] != fmt.Sprint(latestVersion()) {
		t.Errorf("user_version %s", v[0])
	}

	// Every history row has its own revision, chained per question in order.
	chain := dump(t, path, `SELECT h.revision = '', h.parent = coalesce((SELECT p.revision FROM answer_history p
			WHERE p.assessment_id = h.assessment_id AND p.framework = h.framework AND p.question_id = h.question_id
			AND p.id < h.id ORDER BY p.id DESC LIMIT 1), '') FROM answer_history h`)
	for i, row := range chain {
		if row != "0 1" {
			t.Errorf("history row %d: empty revision or broken parent chain (%s)", i+1, row)
		}
	}
	if n := dump(t, path, `SELECT count(DISTINCT revision) FROM answer_history`); n[0] != "22" {
		t.Errorf("distinct history revisions %s, want 22", n[0])
	}
	// Each answer carries the revision and author of its last change.
	last := dump(t, path, `SELECT a.revision = h.revision AND a.updated_by = h.changed_by FROM answers a
		JOIN answer_history h ON h.id = (SELECT max(id) FROM answer_history x WHERE x.assessment_id = a.assessment_id
			AND x.framework = a.framework AND x.question_id = a.question_id)`)
	if len(last) != 15 {
		t.Fatalf("%d answers matched to history, want 15", len(last))
	}
	for i, ok := range last {
		if ok != "1" {
			t.Errorf("answer %d: revision or author differ from its last history row", i+1)
		}
	}
	// History stays append-only after the migration.
	s, _ = Open(path)
	defer s.Close()
	if _, err := s.db.Exec(`UPDATE answer_history SET changed_by = 'x'`); err == nil {
		t.Error("history could be updated after the migration")
	}
	// And the migrated file takes new answers chained to the old ones.
	list, _ := s.List(ctx)
	var id string
	for _, a := range list {
		if a.Name == "FY2025 baseline" {
			id = a.ID
		}
	}
	old := stored(t, s, id, "iso28000-2022", "4.1.q1")
	got := save(t, s, id, "iso28000-2022", "4.1.q1", model.SetLevel(4))
	h, _ := s.History(ctx, id)
	if end := h[len(h)-1]; end.Parent != old.Revision || end.Revision != got.Revision || old.Revision == "" {
		t.Errorf("new change after migration: parent %q revision %q, old revision %q", end.Parent, end.Revision, old.Revision)
	}
}

// A database from before workshops migrates to schema 3 and takes part in
// one: its answers go out in a bundle and come back merged, with a
// disagreement resolved, and every schema-1 row stays as it was.
func TestSchema1DatabaseTakesPartInAWorkshop(t *testing.T) {
	path := openFixture(t, "schema1.db")
	before := map[string][]string{}
	for table, q := range schema1Tables {
		before[table] = dump(t, path, q)
	}
	fac, err := Open(path, Host("fac"))
	if err != nil {
		t.Fatal(err)
	}
	defer fac.Close()
	for _, table := range []string{"imports", "seen_revisions", "disagreements", "ratings"} {
		if n := dump(t, path, "SELECT count(*) FROM "+table); n[0] != "0" {
			t.Errorf("%s has %s rows after the migration", table, n[0])
		}
	}
	if n := dump(t, path, "SELECT count(*) FROM assessments WHERE copied_from <> ''"); n[0] != "0" {
		t.Errorf("%s assessments claim a source after the migration", n[0])
	}
	list, _ := fac.List(ctx)
	var id string
	for _, a := range list {
		if a.Name == "FY2025 baseline" {
			id = a.ID
		}
	}
	old := stored(t, fac, id, "iso28000-2022", "4.1.q1")
	alice := laptopStore(t, "alice")
	if res := importBundle(t, alice, exportBundle(t, fac, id, "ann"), "ws.json"); !res.Created {
		t.Fatal("not created on alice's laptop")
	}
	if got := stored(t, alice, id, "iso28000-2022", "4.1.q1"); !got.Same(old) || got.Revision != old.Revision {
		t.Fatalf("alice has %+v, the facilitator %+v", got, old)
	}
	if _, err := alice.Save(ctx, id, "iso28000-2022", "4.1.q1", model.SetLevel(old.Level+1), "alice"); err != nil {
		t.Fatal(err)
	}
	if _, err := fac.Save(ctx, id, "iso28000-2022", "4.1.q1", model.SetLevel(old.Level-1), "ann"); err != nil {
		t.Fatal(err)
	}
	res := importBundle(t, fac, exportBundle(t, alice, id, "alice"), "alice.json")
	if res.Disagreements != 1 {
		t.Fatalf("want one disagreement: %+v", res.Tally)
	}
	if _, err := fac.Save(ctx, id, "iso28000-2022", "4.1.q1", model.SetLevel(old.Level), "ann"); err != nil {
		t.Fatal(err)
	}
	if ds, _ := fac.Disagreements(ctx, id); len(ds) != 1 || ds[0].Open() {
		t.Errorf("disagreement after answering: %+v", ds)
	}
	// Every schema-1 history row is still there as it was, and every answer
	// but the one changed here.
	for table, q := range schema1Tables {
		after := dump(t, path, q)
		switch table {
		case "answers":
			after = slices.DeleteFunc(after, func(r string) bool { return strings.Contains(r, id+"iso28000-20224.1.q1") })
			before[table] = slices.DeleteFunc(before[table], func(r string) bool { return strings.Contains(r, id+"iso28000-20224.1.q1") })
		case "assessments", "assessment_frameworks": // times and resume points moved
			continue
		}
		if table == "answer_history" {
			after = after[:len(before[table])]
		}
		if !reflect.DeepEqual(after, before[table]) {
			t.Errorf("%s changed:\nbefore %q\nafter  %q", table, before[table], after)
		}
	}
}

// A database left at any earlier schema version takes every later step and
// ends with exactly the schema a new database gets: no step is skipped
// because a later number landed first.
func TestEveryEarlierSchemaReachesTheLatest(t *testing.T) {
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	s, err := OpenOrCreate(fresh)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	want := dump(t, fresh, `SELECT type, name, sql FROM sqlite_schema ORDER BY type, name`)

	for _, stop := range migrations() {
		if stop.version == latestVersion() {
			continue
		}
		t.Run(stop.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			db, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range migrations() {
				if m.version > stop.version {
					break
				}
				if _, err := db.Exec(m.sql); err != nil {
					t.Fatalf("%s: %v", m.name, err)
				}
			}
			if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", stop.version)); err != nil {
				t.Fatal(err)
			}
			db.Close()
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			if got := dump(t, path, `SELECT type, name, sql FROM sqlite_schema ORDER BY type, name`); !reflect.DeepEqual(got, want) {
				t.Errorf("schema after migrating from %d differs from a new database's:\ngot  %q\nwant %q", stop.version, got, want)
			}
		})
	}
}

// Migrations are numbered 1, 2, 3 … with no gap: a step numbered below a
// database's schema never runs on it, so a new step takes the next number
// after the newest, never a free one below it.
func TestMigrationsAreNumberedWithoutGaps(t *testing.T) {
	for i, m := range migrations() {
		if m.version != i+1 {
			t.Fatalf("%s is step %d; the steps must be numbered 1, 2, 3 … without gaps", m.name, i+1)
		}
	}
}
