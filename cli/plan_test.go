package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestTargetsAndActionPlan(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	id := strings.TrimSpace(mustRun(t, db, "new", "--name", "FY2026"))
	mustRun(t, db, "answer", id, "iso28000-2022:4.1.q1", "2")
	mustRun(t, db, "answer", id, "iso28000-2022:8.1.q1", "3")
	mustRun(t, db, "answer", id, "mas-trm-2021:3.1.q1", "3")

	for args, want := range map[string]string{
		"4 --framework mas-trm-2021":                "target of mas-trm-2021 = 4\n",
		"5 --framework iso28000-2022 --section 8":   "target of iso28000-2022 clause 8 = 5\n",
		"2 --framework iso28000-2022 --section 4.1": "target of iso28000-2022 clause 4.1 = 2\n",
	} {
		if out := mustRun(t, db, append([]string{"target", id}, strings.Fields(args)...)...); out != want {
			t.Errorf("target %s printed %q", args, out)
		}
	}
	before := snapshot(t, db)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"target", id, "6"}, `target level "6" is not 0-5`},
		{[]string{"target", id, "3", "--section", "8"}, "--section needs --framework"},
		{[]string{"target", id, "3", "--framework", "iso28000-2022", "--section", "99"}, "iso28000-2022 has no clause 99"},
		{[]string{"target", id, "3", "--framework", "nist-csf"}, `does not cover framework "nist-csf"`},
		{[]string{"plan", id, "iso28000-2022:4.1.q1", "--due", "2027-02-30"}, `date "2027-02-30" is not a day written YYYY-MM-DD`},
		{[]string{"plan", id, "iso28000-2022:4.1.q1", "--status", "closed"}, `status "closed" is not open, doing or done`},
		{[]string{"plan", id, "iso28000-2022:4.1.q1"}, "plan needs --action, --owner, --due, --status or --clear with a question"},
	} {
		oneErrorLine(t, run(t, db, c.args...), 2, c.want)
	}
	if snapshot(t, db) != before {
		t.Error("a refused command changed the database")
	}

	// show --json: each section has its effective target; the plan follows them.
	var show struct {
		Scores []struct {
			Framework string
			Target    int
			Sections  []struct {
				Ref      string
				Target   int
				Sections []struct {
					Ref    string
					Target int
				}
			}
		}
		Plan []struct {
			Framework  string
			QuestionID string `json:"question_id"`
			Target     int
			Gap        int
			Action     *struct{ Text, Owner, Due, Status string }
		}
	}
	json.Unmarshal([]byte(mustRun(t, db, "show", id, "--json")), &show)
	targets := map[string]int{}
	for _, fw := range show.Scores {
		targets[fw.Framework] = fw.Target
		for _, s := range fw.Sections {
			targets[fw.Framework+":"+s.Ref] = s.Target
			for _, sub := range s.Sections {
				targets[fw.Framework+":"+sub.Ref] = sub.Target
			}
		}
	}
	for k, want := range map[string]int{"iso28000-2022": 3, "iso28000-2022:4": 3, "iso28000-2022:4.1": 2, "iso28000-2022:8": 5,
		"iso28000-2022:8.1": 5, "mas-trm-2021": 4, "mas-trm-2021:3": 4} {
		if targets[k] != want {
			t.Errorf("target of %s = %d, want %d", k, targets[k], want)
		}
	}
	// 4.1.q1 at 2 meets its clause's 2; 8.1.q1 is 2 below 5; 3.1.q1 1 below 4.
	if len(show.Plan) != 2 || show.Plan[0].QuestionID != "8.1.q1" || show.Plan[0].Gap != 2 || show.Plan[1].QuestionID != "3.1.q1" {
		t.Errorf("plan = %+v", show.Plan)
	}

	out := mustRun(t, db, "--as", "ann", "plan", id, "iso28000-2022:8.1.q1", "--action", "Test the plan", "--owner", "Bo Lim", "--due", "2027-03-31")
	if out != "saved action on iso28000-2022:8.1.q1: Test the plan (owner Bo Lim, due 2027-03-31, open)\n" {
		t.Errorf("plan printed %q", out)
	}
	mustRun(t, db, "plan", id, "iso28000-2022:8.1.q1", "--status", "doing")
	mustRun(t, db, "plan", id, "iso28000-2022:4.1.q1", "--action", "Keep it up")
	list := mustRun(t, db, "plan", id)
	lines := strings.Split(strings.TrimSpace(list), "\n")
	if len(lines) != 5 || !strings.Contains(lines[2], "iso28000-2022:8.1.q1") || !strings.Contains(lines[2], "Test the plan") ||
		!strings.Contains(lines[2], "doing") || !strings.Contains(lines[4], "Keep it up") {
		t.Errorf("plan:\n%s", list)
	}
	if out := mustRun(t, db, "plan", id, "iso28000-2022:4.1.q1", "--clear"); out != "removed the action on iso28000-2022:4.1.q1\n" {
		t.Errorf("clear printed %q", out)
	}
	hist := mustRun(t, db, "target", id, "--framework", "iso28000-2022", "--section", "8", "--clear")
	if hist != "cleared the target of iso28000-2022 clause 8; it follows 3 now\n" {
		t.Errorf("clear target printed %q", hist)
	}
	// The export carries the actions; the HTML report shows the plan.
	var ex struct {
		Actions []struct {
			QuestionID string `json:"question_id"`
			Status     string
			UpdatedBy  string `json:"updated_by"`
			Revision   string
		}
	}
	json.Unmarshal([]byte(mustRun(t, db, "export", id, "--format", "json")), &ex)
	if len(ex.Actions) != 1 || ex.Actions[0].Status != "doing" || ex.Actions[0].Revision == "" {
		t.Errorf("exported actions: %+v", ex.Actions)
	}
	if html := mustRun(t, db, "export", id, "--format", "html"); !strings.Contains(html, "Test the plan") || !strings.Contains(html, "Action plan") {
		t.Error("the HTML report lacks the action plan")
	}
}
