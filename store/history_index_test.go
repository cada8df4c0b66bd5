package store

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// undoSchema10 takes a database back to schema 9 (set user_version after it).
var undoSchema10 = []string{`CREATE INDEX answer_history_by_revision ON answer_history (assessment_id, revision)`}

// The release before (schema 8, fixture testdata/schema8.db) migrates through
// the level cache (9) to schema 10 with every answer, note, history row,
// action and import record as it was, and without answer_history's index by
// revision.
func TestSchema8MigratesToSchema10KeepingEveryRow(t *testing.T) {
	path := openFixture(t, "schema8.db")
	tables := []string{"assessments", "assessment_frameworks", "answers", "answer_history", "imports",
		"seen_revisions", "disagreements", "ratings", "targets", "actions", "action_history"}
	before := map[string][]string{}
	for _, table := range tables {
		before[table] = dump(t, path, `SELECT * FROM `+table+` ORDER BY 1, 2, 3`)
	}
	if len(before["answers"]) != 122 || len(before["answer_history"]) != 154 {
		t.Fatalf("fixture has %d answers and %d history rows; want 122 and 154", len(before["answers"]), len(before["answer_history"]))
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, table := range tables {
		if after := dump(t, path, `SELECT * FROM `+table+` ORDER BY 1, 2, 3`); !reflect.DeepEqual(after, before[table]) {
			t.Errorf("%s changed:\nbefore %q\nafter  %q", table, before[table], after)
		}
	}
	if got := dump(t, path, `PRAGMA user_version`); !slices.Equal(got, []string{"10"}) {
		t.Errorf("user_version %v", got)
	}
	indexes := dump(t, path, `SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'answer_history'`)
	if !slices.Equal(indexes, []string{"answer_history_by_question"}) {
		t.Errorf("answer_history's indexes: %v", indexes)
	}
}

// No query needs the index schema 10 dropped: every read of answer_history by
// key, and the delete an assessment's deletion cascades into, searches the
// index by question as far as the query knows the key; none scans the table.
func TestHistoryQueriesSearchTheQuestionIndex(t *testing.T) {
	s := newStore(t)
	byQuestion := "SEARCH answer_history USING INDEX answer_history_by_question (assessment_id=? AND framework=? AND question_id=?)"
	for _, c := range []struct {
		query, want string
		args        []any
	}{
		{sqlLastRevision, byQuestion, []any{"a", "f", "q"}},
		{sqlImportOf, byQuestion, []any{"a", "f", "q", "r"}},
		// History and a merge's state (loadMergeState) read this way.
		{`SELECT h.revision FROM answer_history h LEFT JOIN imports i ON i.id = h.import_id WHERE h.assessment_id = ? ORDER BY h.id`,
			"SEARCH h USING INDEX answer_history_by_question (assessment_id=?)", []any{"a"}},
		{`DELETE FROM answer_history WHERE assessment_id = ?`,
			"SEARCH answer_history USING COVERING INDEX answer_history_by_question (assessment_id=?)", []any{"a"}},
	} {
		rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+c.query, c.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if !slices.Contains(plan, c.want) || slices.ContainsFunc(plan, func(d string) bool { return strings.HasPrefix(d, "SCAN") }) {
			t.Errorf("%s\nplan: %q\nwant %q", c.query, plan, c.want)
		}
	}
}
