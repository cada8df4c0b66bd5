package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// as runs one assay command as a named participant (ASSAY_USER) on a
// database and returns stdout, stderr and the exit code.
func as(t *testing.T, who, db string, args ...string) (string, string, int) {
	t.Helper()
	return cliEnv(t, db, []string{"ASSAY_USER=" + who}, args...)
}

func mustAs(t *testing.T, who, db string, args ...string) string {
	t.Helper()
	out, errs, code := as(t, who, db, args...)
	if code != 0 {
		t.Fatalf("%s: assay %v: exit %d: %s", who, args, code, errs)
	}
	return out
}

// words is text with every run of spaces one space, as a table's columns
// widen with what else is in it.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// dump is the whole database as SQL text, to prove nothing changed.
func dump(t *testing.T, db string) string {
	t.Helper()
	return sqlite(t, db, ".dump")
}

// TestWorkshop plays a workshop with three laptops: the facilitator (ann)
// sends a bundle out, alice and bob answer, their bundles come back, the
// disagreement is settled in the app, and re-imports, an older bundle and a
// damaged one change nothing.
func TestWorkshop(t *testing.T) {
	need(t, "tmux", "sqlite3")
	dir := t.TempDir()
	fac, alice, bob := filepath.Join(dir, "ann.db"), filepath.Join(dir, "alice.db"), filepath.Join(dir, "bob.db")
	file := func(name string) string { return filepath.Join(dir, name) }

	// 1. One bundle out.
	id := strings.TrimSpace(mustAs(t, "ann", fac, "new", "--name", "Workshop FY2026", "--org", "Acme Bank"))
	mustAs(t, "ann", fac, "answer", id, "iso28000-2022:5.1.q1", "2", "--note", "from last year")
	mustAs(t, "ann", fac, "target", id, "4", "--framework", "mas-trm-2021")
	mustAs(t, "ann", fac, "plan", id, "iso28000-2022:5.1.q1", "--action", "Refresh the policy", "--owner", "ann")
	mustAs(t, "ann", fac, "export", id, "--format", "json", "-o", file("ws.json"))
	for _, p := range []struct{ who, db string }{{"alice", alice}, {"bob", bob}} {
		out := mustAs(t, p.who, p.db, "import", file("ws.json"))
		if !strings.Contains(out, "imported ws.json into "+id+` "Workshop FY2026" (new here): 1 added, 0 same, 0 skipped, 0 disagreements; actions: 1 added`) {
			t.Fatalf("%s takes the bundle: %s", p.who, out)
		}
		if got := sqlite(t, p.db, `SELECT framework || ' ' || level FROM targets`); got != "mas-trm-2021 4" {
			t.Errorf("%s's targets: %q", p.who, got)
		}
	}

	// 2. Each answers: some questions apart, one both.
	mustAs(t, "alice", alice, "answer", id, "iso28000-2022:4.1.q1", "1")
	mustAs(t, "alice", alice, "export", id, "--format", "json", "-o", file("alice-early.json"))
	mustAs(t, "alice", alice, "answer", id, "iso28000-2022:4.1.q1", "3", "--note", "context analysis approved in March")
	mustAs(t, "alice", alice, "answer", id, "iso28000-2022:4.1.q2", "2")
	mustAs(t, "bob", bob, "answer", id, "iso28000-2022:4.1.q1", "na", "--note", "we run no sites of our own")
	mustAs(t, "bob", bob, "answer", id, "mas-trm-2021:3.1.q1", "4")
	// Actions: one each, and the facilitator's changed by both (bob last).
	mustAs(t, "alice", alice, "plan", id, "iso28000-2022:4.1.q1", "--action", "Approve the context analysis", "--due", "2027-03-31")
	mustAs(t, "bob", bob, "plan", id, "mas-trm-2021:3.1.q1", "--action", "Board paper on the TRM strategy", "--owner", "bob")
	mustAs(t, "alice", alice, "plan", id, "iso28000-2022:5.1.q1", "--status", "doing")
	mustAs(t, "bob", bob, "plan", id, "iso28000-2022:5.1.q1", "--status", "done", "--owner", "bob")
	mustAs(t, "alice", alice, "export", id, "--format", "json", "-o", file("alice.json"))
	mustAs(t, "bob", bob, "export", id, "--format", "json", "-o", file("bob.json"))

	// 3. Two bundles back: the union, and one disagreement with both ratings.
	out := mustAs(t, "ann", fac, "import", file("alice.json"), file("bob.json"))
	for _, want := range []string{"imported alice.json into " + id, "imported bob.json into " + id,
		"disagreement iso28000-2022:4.1.q1 N/A by bob"} {
		if !strings.Contains(words(out), want) {
			t.Errorf("import lacks %q:\n%s", want, out)
		}
	}
	levels := sqlite(t, fac, `SELECT framework || ':' || question_id || '=' || coalesce(level, CASE na WHEN 1 THEN 'na' END)
		FROM answers WHERE assessment_id = '`+id+`' ORDER BY 1`)
	want := "iso28000-2022:4.1.q1=3\niso28000-2022:4.1.q2=2\niso28000-2022:5.1.q1=2\nmas-trm-2021:3.1.q1=4"
	if levels != want {
		t.Fatalf("the facilitator's answers:\n%s\nwant\n%s", levels, want)
	}
	ratings := sqlite(t, fac, `SELECT r.rated_by || ' ' || coalesce(r.level, 'na') || ' ' || r.note FROM ratings r
		JOIN disagreements d ON d.id = r.disagreement_id WHERE d.resolution IS NULL ORDER BY r.ord`)
	if ratings != "alice 3 context analysis approved in March\nbob na we run no sites of our own" {
		t.Fatalf("ratings kept:\n%s", ratings)
	}
	if by := sqlite(t, fac, `SELECT DISTINCT changed_by FROM answer_history WHERE question_id = '4.1.q2'`); by != "alice" {
		t.Errorf("4.1.q2 recorded as changed by %q", by)
	}
	// The participants' actions reached the facilitator; on the one both
	// changed, bob's newer change is the action and alice's is in history.
	if !strings.Contains(out, "actions: 2 added") {
		t.Errorf("import does not count the actions:\n%s", out)
	}
	actions := sqlite(t, fac, `SELECT framework || ':' || question_id || ' ' || text || ' / ' || owner || ' / ' || due || ' / ' || status || ' by ' || updated_by
		FROM actions WHERE assessment_id = '`+id+`' ORDER BY 1`)
	wantActions := "iso28000-2022:4.1.q1 Approve the context analysis /  / 2027-03-31 / open by alice\n" +
		"iso28000-2022:5.1.q1 Refresh the policy / bob /  / done by bob\n" +
		"mas-trm-2021:3.1.q1 Board paper on the TRM strategy / bob /  / open by bob"
	if actions != wantActions {
		t.Fatalf("the facilitator's actions:\n%s\nwant\n%s", actions, wantActions)
	}
	kept := sqlite(t, fac, `SELECT h.changed_by || ' ' || h.new_status || ' ' || i.file FROM action_history h JOIN imports i ON i.id = h.import_id
		WHERE h.question_id = '5.1.q1' ORDER BY h.id`)
	if kept != "alice doing alice.json\nbob done bob.json" {
		t.Errorf("the changes to 5.1.q1's action the imports brought:\n%s", kept)
	}
	if hist := mustAs(t, "ann", fac, "history", id, "iso28000-2022:5.1.q1"); !strings.Contains(hist, "open → doing  (from alice.json from alice") {
		t.Errorf("history does not show alice's change to the action:\n%s", hist)
	}
	if got := sqlite(t, fac, `SELECT framework || ' ' || level FROM targets`); got != "mas-trm-2021 4" {
		t.Errorf("the facilitator's targets after the imports: %q", got)
	}

	// 4. Resolution in the app: take bob's rating on the Reconcile screen.
	tm := startEnv(t, fac, 80, 24, []string{"ASSAY_USER=ann"}, "open", id)
	tm.waitFor("5.1.q1") // where the facilitator left off
	tm.keys("Home")
	tm.waitFor("≠ disputed: 3, N/A · 2 people")
	tm.keys("R")
	screen := tm.waitFor("Reconcile")
	for _, want := range []string{"alice", "bob", "3 Defined", "N/A", "context analysis", "we run no sites", "Levels in play"} {
		if !strings.Contains(screen, want) {
			t.Errorf("Reconcile lacks %q:\n%s", want, screen)
		}
	}
	tm.keys("Right")
	tm.keys("Enter")
	tm.waitFor("Every disagreement is settled")
	tm.keys("q")
	if code := tm.waitExit(); code != 0 {
		t.Fatalf("assay exited %d:\n%s", code, tm.screen())
	}
	if got := sqlite(t, fac, `SELECT na || ' ' || note || ' ' || updated_by FROM answers WHERE question_id = '4.1.q1'`); got != "1 we run no sites of our own ann" {
		t.Fatalf("after taking bob's rating: %q", got)
	}
	settled := sqlite(t, fac, `SELECT d.resolved_by || ' ' || (d.resolution = a.revision) FROM disagreements d
		JOIN answers a ON a.assessment_id = d.assessment_id AND a.question_id = d.question_id`)
	if settled != "ann 1" {
		t.Fatalf("the disagreement is not resolved by the answer: %q", settled)
	}
	if out := mustAs(t, "ann", fac, "show", id, "--json"); !strings.Contains(out, `"disagreements": []`) {
		t.Errorf("show --json still lists disagreements")
	}

	// 5. Importing the same bundles again changes nothing, to the byte.
	before := dump(t, fac)
	beforeBytes, _ := os.ReadFile(fac)
	out = mustAs(t, "ann", fac, "import", file("alice.json"), file("bob.json"), file("ws.json"))
	if strings.Count(out, `": 0 added,`) != 3 || strings.Count(out, "actions: 0 added,") != 3 {
		t.Errorf("re-import:\n%s", out)
	}
	if dump(t, fac) != before {
		t.Error("re-importing changed the database")
	}

	// 6. An older bundle does not undo the resolution.
	out = mustAs(t, "ann", fac, "import", file("alice-early.json"))
	if !strings.Contains(words(out), "skipped iso28000-2022:4.1.q1 1 by alice already here") {
		t.Errorf("older bundle:\n%s", out)
	}
	if got := sqlite(t, fac, `SELECT na FROM answers WHERE question_id = '4.1.q1'`); got != "1" || dump(t, fac) != before {
		t.Errorf("the older bundle changed the answer (%s) or the database", got)
	}

	// 7. A damaged bundle is refused, and nothing changes.
	data, _ := os.ReadFile(file("bob.json"))
	damaged := map[string]string{
		"cut.json":    string(data[:len(data)*2/3]),
		"edited.json": strings.Replace(string(data), "we run no sites of our own", "we run three sites", 1),
	}
	for name, content := range damaged {
		os.WriteFile(file(name), []byte(content), 0o600)
		_, errs, code := as(t, "ann", fac, "import", file(name))
		if code != 2 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, name+": damaged") {
			t.Errorf("%s: exit %d, stderr %q", name, code, errs)
		}
	}
	afterBytes, _ := os.ReadFile(fac)
	if dump(t, fac) != before || !bytes.Equal(beforeBytes, afterBytes) {
		t.Error("a refused bundle changed the database")
	}
	// History names where each change came from.
	hist := mustAs(t, "ann", fac, "history", id, "iso28000-2022:4.1.q1")
	for _, want := range []string{"from alice.json from alice", "settled 2 ratings"} {
		if !strings.Contains(hist, want) {
			t.Errorf("history lacks %q:\n%s", want, hist)
		}
	}
}
