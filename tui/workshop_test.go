package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/store"
)

// laptop is another participant's database for the workshop tests.
func laptop(t testing.TB, host string) *store.Store {
	t.Helper()
	st, err := store.OpenOrCreate(filepath.Join(t.TempDir(), host+".db"), store.Host(host))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func carry(t testing.TB, from, to *store.Store, id, file string) {
	t.Helper()
	ctx := context.Background()
	b, err := from.Bundle(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	b.ExportedBy, b.Host = strings.TrimSuffix(file, ".json"), from.Host()
	if _, err := to.Import(ctx, b, store.ImportOptions{File: file, Actor: "ann"}); err != nil {
		t.Fatal(err)
	}
}

func answerOn(t testing.TB, st *store.Store, id, q string, ch model.Change, who string) {
	t.Helper()
	if _, err := st.Save(context.Background(), id, iso, q, ch, who); err != nil {
		t.Fatal(err)
	}
}

// disputedWorkshop is a facilitator's database after a workshop: 4.1.q1
// rated 1 here, 3 by alice and N/A by bob; 4.1.q2 rated 2 here and 4 by
// alice; 4.2.1.q1 answered by alice only.
func disputedWorkshop(t testing.TB) (*store.Store, model.Assessment) {
	t.Helper()
	fac, alice, bob := testStore(t), laptop(t, "alice-laptop"), laptop(t, "bob-laptop")
	a := create(t, fac, "Workshop FY2026")
	carry(t, fac, alice, a.ID, "ws.json")
	carry(t, fac, bob, a.ID, "ws.json")
	answerOn(t, fac, a.ID, "4.1.q1", model.SetLevel(1), "ann")
	answerOn(t, fac, a.ID, "4.1.q2", model.SetLevel(2), "ann")
	answerOn(t, alice, a.ID, "4.1.q1", model.Change{Level: ptr(model.Level(3)), Note: ptr("policy approved in March")}, "alice")
	answerOn(t, alice, a.ID, "4.1.q2", model.SetLevel(4), "alice")
	answerOn(t, alice, a.ID, "4.2.1.q1", model.SetLevel(2), "alice")
	answerOn(t, bob, a.ID, "4.1.q1", model.MarkNA("no sites of our own"), "bob")
	carry(t, alice, fac, a.ID, "alice.json")
	carry(t, bob, fac, a.ID, "bob.json")
	return fac, a
}

func TestReconcileShowsEveryRatingAndSettlesByTakingOne(t *testing.T) {
	st, a := disputedWorkshop(t)
	ctx := context.Background()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := newTest(t, st, a.ID, size[0], size[1])
		m = press(t, m, "home")
		checkFrame(t, m, size[0], size[1])
		v := shot(m)
		mustContain(t, v, "≠ disputed: 1–3, N/A · 3 people · R reconciles")
		m = press(t, m, "R")
		if !on[reconcile](m) {
			t.Fatalf("R did not open Reconcile:\n%s", shot(m))
		}
		checkFrame(t, m, size[0], size[1])
		v = shot(m)
		mustContain(t, v, "Reconcile", "disputed 1 of 2", "ann", "alice", "bob", "1 Initial", "3 Defined", "N/A",
			"policy approved in", "no sites of our own", "Levels in play", "on alice-laptop", "via alice.json from")
	}
	// The descriptors of the levels in play are this question's own.
	m := newTest(t, st, a.ID, 120, 40)
	m = press(t, m, "R")
	f, _ := testCatalog(t).Framework(iso)
	q1, _ := f.Question("4.1.q1")
	mustContain(t, shot(m), strings.Join(strings.Fields(q1.Levels[3])[:3], " "))

	// Take alice's rating: her level and her note are saved, and the
	// disagreement is settled by that change.
	m = press(t, m, "down", "enter")
	got := stored(t, st, a.ID, iso, "4.1.q1")
	if got.Level != 3 || got.Note != "policy approved in March" {
		t.Fatalf("took alice's rating: stored %+v", got)
	}
	ds, _ := st.Disagreements(ctx, a.ID)
	open := 0
	for _, d := range ds {
		if d.Open() {
			open++
		} else if d.Question == "4.1.q1" && d.Resolved.Revision != got.Revision {
			t.Errorf("resolved by %q, the answer is %q", d.Resolved.Revision, got.Revision)
		}
	}
	if open != 1 {
		t.Fatalf("%d disagreements open after settling one", open)
	}
	v := shot(m)
	mustContain(t, v, "settled iso28000-2022:4.1.q1: took alice’s level 3; 1 left", "disputed 1 of 1", "4.1.q2")

	// Another level settles the last one; keeping the note.
	m = press(t, m, "3")
	if got := stored(t, st, a.ID, iso, "4.1.q2"); got.Level != 3 {
		t.Fatalf("gave 3: stored %+v", got)
	}
	mustContain(t, shot(m), "Every disagreement is settled")
	m = press(t, m, "esc")
	if !on[questionnaire](m) {
		t.Fatalf("esc from Reconcile:\n%s", shot(m))
	}
	mustNotContain(t, shot(m), "≠ disputed")
	h, _ := st.History(ctx, a.ID)
	if last := h[len(h)-1]; last.QuestionID != "4.1.q2" || len(last.Settles) != 2 {
		t.Errorf("the last resolution settles %v", last.Settles)
	}
}

func TestReconcileFromTheListAndNavigation(t *testing.T) {
	st, a := disputedWorkshop(t)
	m := newTest(t, st, "", 80, 24)
	m = press(t, m, "R")
	if !on[reconcile](m) {
		t.Fatalf("R on the list:\n%s", shot(m))
	}
	mustContain(t, shot(m), "disputed 1 of 2", "4.1.q1")
	m = press(t, m, "tab")
	mustContain(t, shot(m), "disputed 2 of 2", "4.1.q2")
	m = press(t, m, "shift+tab", "g")
	if !on[questionnaire](m) {
		t.Fatalf("g did not open the question:\n%s", shot(m))
	}
	if _, q := current(m); q != "4.1.q1" {
		t.Errorf("g opened %s", q)
	}
	m = press(t, m, "esc", "esc")
	if !on[home](m) {
		t.Fatalf("esc esc:\n%s", shot(m))
	}
	_ = a
}

func TestHistoryOfAQuestionNamesTheImport(t *testing.T) {
	st, a := disputedWorkshop(t)
	if err := st.SetResume(context.Background(), a.ID, iso, "4.2.1.q1"); err != nil {
		t.Fatal(err)
	}
	m := newTest(t, st, a.ID, 80, 24)
	if _, q := current(m); q != "4.2.1.q1" {
		t.Fatalf("on %s", q)
	}
	m = press(t, m, "h")
	if !on[historyScreen](m) {
		t.Fatalf("h did not open the history:\n%s", shot(m))
	}
	checkFrame(t, m, 80, 24)
	mustContain(t, shot(m), "History", "4.2.1.q1", "alice", "– → 2", "on alice-laptop", "from alice.json from alice on alice-laptop")
	m = press(t, m, "esc")
	if !on[questionnaire](m) {
		t.Fatal("esc did not go back to the question")
	}
	// A disputed question's history shows the ratings standing.
	m = press(t, m, "home", "h")
	mustContain(t, shot(m), "≠ disputed now: 1–3, N/A · 3 people", "bob  N/A  on bob-laptop")
}

func TestCompareTwoMarkedAssessments(t *testing.T) {
	st := testStore(t)
	ctx := context.Background()
	old := create(t, st, "FY2025")
	answerOn(t, st, old.ID, "4.1.q1", model.SetLevel(1), "ann")
	answerOn(t, st, old.ID, "5.1.q1", model.SetLevel(2), "ann")
	cur, err := st.Duplicate(ctx, old.ID, "FY2026")
	if err != nil {
		t.Fatal(err)
	}
	answerOn(t, st, cur.ID, "4.1.q1", model.SetLevel(4), "ann")
	other := create(t, st, "Elsewhere")

	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := newTest(t, st, "", size[0], size[1])
		// The list is newest first: Elsewhere, FY2026, FY2025. Mark the two
		// years in the "wrong" order: the older is still the older.
		m = press(t, m, "down", "down", "space", "up", "space")
		mustContain(t, shot(m), "= compares the two marked")
		if n := strings.Count(shot(m), "●"); n != 2 {
			t.Errorf("%d marks shown", n)
		}
		m = press(t, m, "=")
		if !on[compareScreen](m) {
			t.Fatalf("= did not compare:\n%s", shot(m))
		}
		checkFrame(t, m, size[0], size[1])
		mustContain(t, shot(m), "older FY2025", "newer FY2026", "overall 1.5 → 3.0  +1.5", "+3.0", "±0.0")
		m = press(t, m, "pgdown", "pgdown")
		mustContain(t, shot(m), "Changed answers (1)", "iso28000-2022:4.1.q1   1 → 4")
		m = press(t, m, "esc")
		if !on[home](m) {
			t.Fatal("esc from Compare")
		}
	}
	// A copy compares with its source without marks.
	m := newTest(t, st, "", 80, 24)
	m = press(t, m, "down", "=")
	if !on[compareScreen](m) || !strings.Contains(shot(m), "older FY2025") {
		t.Fatalf("= on a copy:\n%s", shot(m))
	}
	m = press(t, m, "esc", "up", "=")
	mustContain(t, shot(m), "mark two assessments with space")
	_ = other
}
