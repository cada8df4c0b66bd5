package questionnaires

import (
	"os"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

const revisedFixture = "testdata/revised/demo-revised.yaml"

func ids(qs []*model.Question) string {
	var out []string
	for _, q := range qs {
		out = append(out, q.ID)
	}
	return strings.Join(out, " ")
}

func TestRevisedFixture(t *testing.T) {
	f, err := ReadFile(revisedFixture)
	if err != nil {
		t.Fatal(err)
	}
	if f.Revision != 3 || len(f.Sources) != 3 || f.Sources[1] != (model.RequirementSource{ID: "regulator", Title: "Demo regulator's notice", Kind: model.SourceBinding}) {
		t.Errorf("revision %d, sources %+v", f.Revision, f.Sources)
	}
	if got := ids(f.Questions()); got != "1.q2 1.q3 2.q1 2.q2 2.q4" {
		t.Errorf("asked = %s", got)
	}
	if got := ids(f.Retired()); got != "1.q1 2.q3 2.q5" {
		t.Errorf("retired = %s", got)
	}
	q, ok := f.Question("1.q1")
	if !ok || !q.Retired || q.RetiredIn != 2 || strings.Join(q.ReplacedBy, " ") != "1.q2 1.q3" {
		t.Errorf("1.q1 = %+v", q)
	}
	if q, _ := f.Question("1.q3"); strings.Join(q.Sources, " ") != "baseline regulator" || q.AddedIn != 2 || q.RewordedIn != 3 {
		t.Errorf("1.q3 = %+v", q)
	}
	if q, _ := f.Question("2.q2"); strings.Join(q.Sources, " ") != "extra" || q.AddedIn != 0 {
		t.Errorf("2.q2 = %+v", q)
	}
	src := func(id string) string {
		q, _ := f.Question(id)
		var out []string
		for _, s := range f.SourcesOf(q) {
			out = append(out, s.ID+"/"+string(s.Kind))
		}
		return strings.Join(out, " ")
	}
	if got := src("1.q2") + "; " + src("1.q3") + "; " + src("2.q2"); got != "baseline/requirement; baseline/requirement regulator/binding; extra/practice" {
		t.Errorf("sources: %s", got)
	}
	if q, _ := f.Question("2.q1"); !f.Binding(q) {
		t.Error("2.q1 rests on the regulator's notice, so it is binding")
	}
	if q, _ := f.Question("1.q2"); f.Binding(q) {
		t.Error("1.q2 rests on the default source only, which is not binding")
	}
	if s, _ := f.Section("2"); ids(s.AllQuestions()) != "2.q1 2.q2 2.q4" {
		t.Errorf("section 2 asks %s", ids(s.AllQuestions()))
	}

	for _, tc := range []struct {
		since                    int
		added, reworded, retired string
		summary                  string
	}{
		{1, "1.q2 1.q3 2.q4", "2.q1", "1.q1 2.q3", "3 new questions, 1 reworded, 2 retired"},
		{2, "2.q4", "1.q3", "2.q3 2.q5", "1 new question, 1 reworded, 2 retired"},
		{3, "", "", "", "no changes"},
		{9, "", "", "", "no changes"},
	} {
		c := f.ChangesSince(tc.since)
		if ids(c.Added) != tc.added || ids(c.Reworded) != tc.reworded || ids(c.Retired) != tc.retired || c.String() != tc.summary {
			t.Errorf("since %d: added %q reworded %q retired %q, %q", tc.since, ids(c.Added), ids(c.Reworded), ids(c.Retired), c)
		}
		if c.Empty() != (tc.summary == "no changes") {
			t.Errorf("since %d: Empty() = %v", tc.since, c.Empty())
		}
	}
	if got := ids(f.ChangesSince(1).Review); got != "1.q2 1.q3 2.q1 2.q4" {
		t.Errorf("review since 1 = %s", got)
	}
}

// TestRevisionProblems breaks the revised fixture one way per case and expects
// a problem naming the line.
func TestRevisionProblems(t *testing.T) {
	data, err := os.ReadFile(revisedFixture)
	if err != nil {
		t.Fatal(err)
	}
	fixture := string(data)
	tests := []struct {
		name, old, new, want string
	}{
		{"revision not a number", "revision: 3", "revision: three", `:7: revision "three" must be a whole number from 1 to 10000`},
		{"revision zero", "revision: 3", "revision: 0", `:7: revision "0" must be a whole number`},
		{"unknown source kind", "kind: practice", "kind: advice", `:21: source kind "advice" is not one of: binding, requirement, guidance, practice`},
		{"source id twice", "id: extra", "id: baseline", `:19: source id "baseline" appears twice`},
		{"source not declared", "source: extra", "source: extras", `:63: question 2.q2 source "extras" is not one of the file's sources: baseline, regulator, extra`},
		{"source without sources", "sources:\n  - id: baseline\n    title: Demo baseline requirements\n    kind: requirement\n  - id: regulator\n    title: Demo regulator's notice\n    kind: binding\n  - id: extra\n    title: Good practice added by assay\n    kind: practice\n", "",
			`question 1.q3 source "baseline": the file declares no sources`},
		{"source key unknown", "kind: binding", "kind: binding\n    binding: true", `:19: unknown key "binding" in a source`},
		{"added after the file's revision", "added_in: 3", "added_in: 4", `:77: question 2.q4 added_in "4" must be a content revision from 1 to the file's revision, 3`},
		{"reworded when added", "reworded_in: 3", "reworded_in: 2", `:46: question 1.q3 reworded_in 2 must come after the revision that added it (2)`},
		{"reworded in revision 1", "reworded_in: 2\n        source: regulator", "reworded_in: 1\n        source: regulator", `:56: question 2.q1 reworded_in 1 must come after`},
		{"retired without retired_in", "retired: true\n        retired_in: 2\n", "retired: true\n", `:31: question 1.q1 is retired but has no retired_in`},
		{"retired_in without retired", "retired: true\n        retired_in: 2\n", "retired_in: 2\n", `:31: question 1.q1 has retired_in but not retired: true`},
		{"retired when added", "added_in: 2\n        retired: true\n        retired_in: 3", "added_in: 3\n        retired: true\n        retired_in: 3", `question 2.q5 retired_in 3 must come after the revision that added it (3)`},
		{"retired not a boolean", "retired: true\n        retired_in: 2", "retired: yes\n        retired_in: 2", `:31: question 1.q1 retired must be true or false, not "yes"`},
		{"replaced_by on a live question", "source: extra", "source: extra\n        replaced_by: [2.q4]", `:64: question 2.q2 has replaced_by but is not retired`},
		{"replaced by a missing question", "replaced_by: [2.q4]", "replaced_by: [2.q9]", `:71: question 2.q3 is replaced by 2.q9, which is not in the file`},
		{"replaced by a retired question", "replaced_by: [2.q4]", "replaced_by: [2.q5]", `:71: question 2.q3 is replaced by 2.q5, which is retired too`},
		{"replaced by itself", "replaced_by: [2.q4]", "replaced_by: [2.q3]", `:71: question 2.q3 is replaced by itself`},
		{"replaced_by empty", "replaced_by: [2.q4]", "replaced_by: []", `:71: question 2.q3 replaced_by is an empty list`},
		{"a section that asks nothing", "reworded_in: 2\n        source: regulator", "reworded_in: 2\n        source: regulator\n        retired: true\n        retired_in: 3", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(fixture, tc.old) {
				t.Fatalf("fixture has no %q", tc.old)
			}
			broken := strings.Replace(fixture, tc.old, tc.new, 1)
			f, ps := ParseFramework("r.yaml", []byte(broken))
			if tc.want == "" {
				// Retiring 2.q1 leaves section 2 asking 2.q2 and 2.q4: still valid.
				if ps != nil {
					t.Fatalf("problems: %v", ps)
				}
				return
			}
			if f != nil {
				t.Fatalf("accepted: want %s", tc.want)
			}
			all := ""
			for _, p := range ps {
				all += p.String() + "\n"
			}
			if !strings.Contains(all, tc.want) {
				t.Errorf("want a problem containing %q, got:\n%s", tc.want, all)
			}
		})
	}

	t.Run("a section with only retired questions", func(t *testing.T) {
		broken := strings.Replace(fixture, "added_in: 2\n        reworded_in: 3", "added_in: 2\n        retired: true\n        retired_in: 3", 1)
		broken = strings.Replace(broken, "id: 1.q2\n", "id: 1.q2\n        retired: true\n        retired_in: 3\n", 1)
		_, ps := ParseFramework("r.yaml", []byte(broken))
		all := ""
		for _, p := range ps {
			all += p.String() + "\n"
		}
		if !strings.Contains(all, "r.yaml:26: section 1 has only retired questions; it must still ask at least one") {
			t.Errorf("got:\n%s", all)
		}
	})
}
