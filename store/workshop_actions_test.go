package store

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
)

// roomClock gives every laptop of a test workshop one clock, a minute on at
// each change, so which change is newer is certain.
func roomClock(stores ...*Store) {
	clock := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, s := range stores {
		s.now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	}
}

func planAs(t *testing.T, s *Store, id, q, text string, status model.ActionStatus, who string) model.Action {
	t.Helper()
	ch := model.ActionChange{Text: &text}
	if status != "" {
		ch.Status = &status
	}
	a, err := s.SaveAction(ctx, id, "fw-a", q, ch, who)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// actionRows is every action and action history row of a database, as text.
func actionRows(t *testing.T, s *Store, id string) (string, string) {
	t.Helper()
	list, err := s.Actions(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var now, hist []string
	for _, a := range list {
		now = append(now, a.QuestionID+"="+a.Text+"/"+string(a.Status)+" by "+a.UpdatedBy)
	}
	h, err := s.ActionHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range h {
		mark := ""
		if !e.Applied {
			mark = " (not applied)"
		}
		hist = append(hist, e.QuestionID+" "+e.New.Text+"/"+string(e.New.Status)+" by "+e.By+mark)
	}
	return strings.Join(now, "; "), strings.Join(hist, "; ")
}

// A workshop with actions on three database files: actions set on one laptop
// reach the others; both changed, the newer wins on every laptop and the
// other stays in history; the same bundle twice changes nothing; a dry run
// writes nothing; targets come with a new assessment and stay as they are
// in an existing one.
func TestWorkshopCarriesActionsAndTargets(t *testing.T) {
	fac, alice, bob := laptopStore(t, "fac-laptop"), laptopStore(t, "alice-laptop"), laptopStore(t, "bob-laptop")
	roomClock(fac, alice, bob)
	a := create(t, fac, "Workshop")
	if err := fac.SetTarget(ctx, a.ID, model.TargetOverride{Framework: "fw-b", Level: 4}, "ann"); err != nil {
		t.Fatal(err)
	}
	if err := fac.SetTarget(ctx, a.ID, model.TargetOverride{Framework: "fw-a", Section: "2", Level: 5}, "ann"); err != nil {
		t.Fatal(err)
	}
	planAs(t, fac, a.ID, "1.q1", "write the policy", "", "ann")
	ws := exportBundle(t, fac, a.ID, "ann")
	for _, p := range []*Store{alice, bob} {
		res := importBundle(t, p, ws, "ws.json")
		if !res.Created || res.ActionTally.Added != 1 || res.Targets != nil {
			t.Fatalf("participant import: %+v targets %+v", res.ActionTally, res.Targets)
		}
		got, _ := p.Get(ctx, a.ID)
		if !slices.Equal(got.TargetOverrides, []model.TargetOverride{{Framework: "fw-a", Section: "2", Level: 5}, {Framework: "fw-b", Level: 4}}) {
			t.Errorf("targets of the new copy: %+v", got.TargetOverrides)
		}
	}
	if now, _ := actionRows(t, alice, a.ID); now != "1.q1=write the policy/open by ann" {
		t.Fatalf("alice's actions: %s", now)
	}

	// Apart: alice plans 1.q2, bob 1.q3; both change 1.q1, bob later.
	planAs(t, alice, a.ID, "1.q2", "train the guards", "", "alice")
	planAs(t, bob, a.ID, "1.q3", "test the plan", "", "bob")
	planAs(t, alice, a.ID, "1.q1", "write the policy", model.ActionDoing, "alice")
	planAs(t, bob, a.ID, "1.q1", "write and approve the policy", model.ActionDone, "bob")
	// A target changed by a participant does not travel back.
	if err := alice.SetTarget(ctx, a.ID, model.TargetOverride{Framework: "fw-b", Level: 2}, "alice"); err != nil {
		t.Fatal(err)
	}
	ab, bb := exportBundle(t, alice, a.ID, "alice"), exportBundle(t, bob, a.ID, "bob")

	res := importBundle(t, fac, ab, "alice.json")
	if res.ActionTally.Added != 2 || len(res.Targets) != 1 || res.Targets[0].Framework != "fw-b" || res.Targets[0].Level != 2 || res.Targets[0].Here != 4 {
		t.Fatalf("alice.json: actions %+v, targets %+v", res.ActionTally, res.Targets)
	}
	res = importBundle(t, fac, bb, "bob.json")
	if res.ActionTally.Added != 2 || res.ActionTally.Same != 0 {
		t.Fatalf("bob.json: %+v", res.ActionTally)
	}
	for _, d := range res.Actions {
		if d.Question == "1.q1" && (d.Replaced == nil || d.Replaced.UpdatedBy != "alice" || !strings.Contains(d.Why, "newer than alice's")) {
			t.Errorf("bob's 1.q1: %+v", d)
		}
	}
	facNow, facHist := actionRows(t, fac, a.ID)
	if want := "1.q1=write and approve the policy/done by bob; 1.q2=train the guards/open by alice; 1.q3=test the plan/open by bob"; facNow != want {
		t.Errorf("the facilitator's actions:\n%s\nwant\n%s", facNow, want)
	}
	if !strings.Contains(facHist, "1.q1 write the policy/doing by alice;") {
		t.Errorf("alice's change to 1.q1 is not in the facilitator's history: %s", facHist)
	}
	fa, _ := fac.Get(ctx, a.ID)
	if fa.Targets().Framework("fw-b") != 4 {
		t.Errorf("a participant's target changed the facilitator's: %+v", fa.TargetOverrides)
	}
	var fromImport int
	fac.db.QueryRow(`SELECT count(*) FROM action_history WHERE assessment_id = ? AND import_id IS NOT NULL`, a.ID).Scan(&fromImport)
	if fromImport != 4 {
		t.Errorf("%d action changes name their import, want 4", fromImport)
	}
	hist, _ := fac.ActionHistory(ctx, a.ID)
	if o := hist[len(hist)-1].Origin; o != "bob.json from bob on bob-laptop" {
		t.Errorf("origin of bob's change: %q", o)
	}

	// The other way round on alice's laptop: bob's newer change still wins;
	// hers is in history.
	res = importBundle(t, alice, bb, "bob.json")
	aliceNow, aliceHist := actionRows(t, alice, a.ID)
	if aliceNow != facNow {
		t.Errorf("alice ends with\n%s\nthe facilitator with\n%s", aliceNow, facNow)
	}
	if !strings.Contains(aliceHist, "1.q1 write the policy/doing by alice") {
		t.Errorf("alice lost her own change: %s", aliceHist)
	}

	// And bob, taking alice's bundle: his newer change stays; hers is kept,
	// not applied.
	res = importBundle(t, bob, ab, "alice.json")
	bobNow, bobHist := actionRows(t, bob, a.ID)
	if bobNow != facNow || !strings.Contains(bobHist, "1.q1 write the policy/doing by alice (not applied)") {
		t.Errorf("bob:\n%s\n%s", bobNow, bobHist)
	}

	// The same bundles again, and a dry run of a new one, change nothing.
	before := dumpFile(t, fac)
	for _, b := range []*model.Bundle{ab, bb, ws} {
		if res := importBundle(t, fac, b, "again.json"); res.ActionTally.Changed() {
			t.Errorf("re-import %s: %+v", b.ExportedBy, res.ActionTally)
		}
	}
	planAs(t, alice, a.ID, "1.q2", "train the guards", model.ActionDone, "alice")
	dry, err := fac.Import(ctx, exportBundle(t, alice, a.ID, "alice"), ImportOptions{File: "dry.json", DryRun: true, Actor: "ann"})
	if err != nil || dry.ActionTally.Added != 1 {
		t.Errorf("dry run: %+v %v", dry.ActionTally, err)
	}
	if dumpFile(t, fac) != before {
		t.Error("re-imports or a dry run changed the database")
	}
}

// dumpFile is every row of the database that an import may write, as text.
func dumpFile(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"assessments", "answers", "answer_history", "seen_revisions", "imports", "disagreements",
		"ratings", "actions", "action_history", "targets"} {
		for _, row := range dump(t, s.path, `SELECT * FROM `+table+` ORDER BY 1, 2, 3`) {
			b.WriteString(table + " " + row + "\n")
		}
	}
	return b.String()
}

// A database from schema 7, with actions and their history, migrates to
// schema 8: every row kept, each change marked as made here and applied; a
// bundle from it carries them.
func TestSchema7ActionsMigrateAndTravel(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seven.db")
	s, err := OpenOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	a := create(t, s, "Before merges")
	planAs(t, s, a.ID, "1.q1", "write the policy", "", "ann")
	planAs(t, s, a.ID, "1.q1", "write the policy", model.ActionDone, "ann")
	s.Close()
	// Back to schema 7, as the release before this one left it.
	raw, err := OpenOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range append(append(undoSchema10, undoSchema9...), `ALTER TABLE action_history DROP COLUMN import_id`, `ALTER TABLE action_history DROP COLUMN applied`,
		`ALTER TABLE action_history DROP COLUMN agrees_with`, `PRAGMA user_version = 7`) {
		if _, err := raw.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	before, _ := os.ReadFile(path)
	if len(before) == 0 {
		t.Fatal("no file")
	}

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now, hist := actionRows(t, s, a.ID)
	if now != "1.q1=write the policy/done by ann" || hist != "1.q1 write the policy/open by ann; 1.q1 write the policy/done by ann" {
		t.Fatalf("after migrating: %s | %s", now, hist)
	}
	b := exportBundle(t, s, a.ID, "ann")
	if len(b.Actions) != 1 || len(b.ActionHistory) != 2 || !b.ActionHistory[1].Applied || b.ActionHistory[1].Origin != "" {
		t.Fatalf("bundle: %+v %+v", b.Actions, b.ActionHistory)
	}
	other := laptopStore(t, "other")
	if res := importBundle(t, other, b, "seven.json"); res.ActionTally.Added != 1 {
		t.Errorf("import of a migrated copy's actions: %+v", res.ActionTally)
	}
}
