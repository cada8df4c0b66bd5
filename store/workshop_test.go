package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
)

// laptopStore is one participant's database in a workshop.
func laptopStore(t *testing.T, host string) *Store {
	t.Helper()
	s, err := OpenOrCreate(filepath.Join(t.TempDir(), host+".db"), Host(host))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func exportBundle(t *testing.T, s *Store, id, by string) *model.Bundle {
	t.Helper()
	b, err := s.Bundle(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	b.ExportedBy, b.ExportedAt, b.Host = by, time.Now(), s.host
	return b
}

func importBundle(t *testing.T, s *Store, b *model.Bundle, file string) model.ImportResult {
	t.Helper()
	res, err := s.Import(ctx, b, ImportOptions{File: file, SHA256: "x", Actor: "ann"})
	if err != nil {
		t.Fatalf("import %s: %v", file, err)
	}
	return res
}

func answerAs(t *testing.T, s *Store, id, q string, ch model.Change, who string) model.Answer {
	t.Helper()
	a, err := s.Save(ctx, id, "fw-a", q, ch, who)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func tally(r model.ImportResult) string {
	return fmt.Sprintf("added %d same %d skipped %d disputed %d", r.Added, r.Same, r.Skipped, r.Disagreements)
}

func TestWorkshopAcrossThreeDatabases(t *testing.T) {
	fac, alice, bob := laptopStore(t, "fac-laptop"), laptopStore(t, "alice-laptop"), laptopStore(t, "bob-laptop")
	a := create(t, fac, "Workshop")
	answerAs(t, fac, a.ID, "1.q1", model.SetLevel(1), "ann")
	ws := exportBundle(t, fac, a.ID, "ann")

	// Each participant gets the assessment with the same ID and its answers.
	for _, p := range []*Store{alice, bob} {
		res := importBundle(t, p, ws, "ws.json")
		if !res.Created || res.Assessment.ID != a.ID || res.Added != 1 {
			t.Fatalf("participant import: created %v id %s %s", res.Created, res.Assessment.ID, tally(res))
		}
	}
	h, _ := alice.History(ctx, a.ID)
	if len(h) != 1 || h[0].By != "ann" || h[0].Host != "fac-laptop" || h[0].Origin != "ws.json from ann on fac-laptop" {
		t.Fatalf("alice's history of the facilitator's answer: %+v", h)
	}

	answerAs(t, alice, a.ID, "1.q2", model.SetLevel(3), "alice")
	answerAs(t, alice, a.ID, "1.q3", model.Change{Level: ptr(model.Level(2)), Note: ptr("policy in draft")}, "alice")
	answerAs(t, bob, a.ID, "1.q4", model.SetLevel(4), "bob")
	answerAs(t, bob, a.ID, "1.q3", model.MarkNA("no sites of our own"), "bob")

	if res := importBundle(t, fac, exportBundle(t, alice, a.ID, "alice"), "alice.json"); tally(res) != "added 2 same 1 skipped 0 disputed 0" {
		t.Errorf("alice's bundle: %s", tally(res))
	}
	bobs := exportBundle(t, bob, a.ID, "bob")
	if res := importBundle(t, fac, bobs, "bob.json"); tally(res) != "added 1 same 1 skipped 0 disputed 1" {
		t.Errorf("bob's bundle: %s", tally(res))
	}
	got := answersOf(t, fac, a.ID)
	want := map[string]model.Level{"1.q1": 1, "1.q2": 3, "1.q3": 2, "1.q4": 4}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facilitator's answers %v, want %v (alice's 2 stays on 1.q3)", got, want)
	}
	ds, err := fac.Disagreements(ctx, a.ID)
	if err != nil || len(ds) != 1 || !ds[0].Open() {
		t.Fatalf("disagreements %+v %v", ds, err)
	}
	r := ds[0].Ratings
	if len(r) != 2 || r[0].By != "alice" || r[0].Level != 2 || r[0].Note != "policy in draft" || r[0].Host != "alice-laptop" ||
		r[0].Origin != "alice.json from alice on alice-laptop" ||
		r[1].By != "bob" || r[1].Level != model.NotApplicable || r[1].Note != "no sites of our own" || r[1].Host != "bob-laptop" ||
		r[1].Origin != "bob.json from bob on bob-laptop" || r[1].At.IsZero() {
		t.Errorf("ratings %+v", r)
	}

	// Idempotent: the same bundles again change nothing.
	before := dumpAll(t, fac.path)
	for _, b := range []*model.Bundle{exportBundle(t, alice, a.ID, "alice"), bobs, ws} {
		res, err := fac.Import(ctx, b, ImportOptions{File: "again.json", Actor: "ann", DryRun: true})
		if err != nil || res.Changed() {
			t.Errorf("again: %s %v", tally(res), err)
		}
	}
	if after := dumpAll(t, fac.path); !reflect.DeepEqual(before, after) {
		t.Error("a dry run changed the database")
	}
	res := importBundle(t, fac, bobs, "bob.json")
	if res.Changed() {
		t.Errorf("bob's bundle again: %s", tally(res))
	}

	// Keeping alice's level in the room is a resolution too.
	resolved := answerAs(t, fac, a.ID, "1.q3", model.SetLevel(2), "ann")
	ds, _ = fac.Disagreements(ctx, a.ID)
	if ds[0].Open() || ds[0].Resolved.Revision != resolved.Revision || ds[0].Resolved.By != "ann" {
		t.Fatalf("after keeping 2: %+v", ds[0])
	}
	h, _ = fac.History(ctx, a.ID)
	last := h[len(h)-1]
	if last.Revision != resolved.Revision || len(last.Settles) != 2 || last.Settles[1] != r[1].Revision {
		t.Errorf("the resolution's history row settles %v", last.Settles)
	}
	// An older bundle from bob does not undo it.
	if res := importBundle(t, fac, bobs, "bob-old.json"); res.Changed() {
		t.Errorf("older bundle: %s", tally(res))
	}
	if got := answersOf(t, fac, a.ID)["1.q3"]; got != 2 {
		t.Errorf("1.q3 = %d after the older bundle", got)
	}

	// Bob takes the final bundle home: the resolution settles his rating.
	final := exportBundle(t, fac, a.ID, "ann")
	res = importBundle(t, bob, final, "final.json")
	if got := answersOf(t, bob, a.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("bob after the final bundle %v (%s)", got, tally(res))
	}
	if ds, _ := bob.Disagreements(ctx, a.ID); len(ds) != 1 || ds[0].Open() {
		t.Errorf("bob's copy of the settled disagreement: %+v", ds)
	}
}

func answersOf(t *testing.T, s *Store, id string) map[string]model.Level {
	t.Helper()
	list, err := s.Answers(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]model.Level{}
	for _, a := range list {
		out[a.QuestionID] = a.Level
	}
	return out
}

// dumpAll reads every table of the file, for "nothing changed" checks.
func dumpAll(t *testing.T, path string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range []string{"assessments", "assessment_frameworks", "answers", "answer_history", "imports",
		"seen_revisions", "disagreements", "ratings"} {
		out[table] = dump(t, path, "SELECT * FROM "+table+" ORDER BY 1, 2")
	}
	return out
}

func TestALocalNoteDoesNotResolveButALevelDoes(t *testing.T) {
	fac, alice := laptopStore(t, "fac"), laptopStore(t, "alice")
	a := create(t, fac, "W")
	importBundle(t, alice, exportBundle(t, fac, a.ID, "ann"), "ws.json")
	answerAs(t, fac, a.ID, "1.q1", model.SetLevel(1), "ann")
	answerAs(t, alice, a.ID, "1.q1", model.SetLevel(3), "alice")
	if res := importBundle(t, fac, exportBundle(t, alice, a.ID, "alice"), "a.json"); res.Disagreements != 1 {
		t.Fatalf("want a disagreement: %s", tally(res))
	}
	answerAs(t, fac, a.ID, "1.q1", model.SetNote("discussed at lunch"), "ann")
	answerAs(t, fac, a.ID, "1.q1", model.SetFlag(true), "ann")
	if ds, _ := fac.Disagreements(ctx, a.ID); !ds[0].Open() {
		t.Fatal("a note or flag resolved the disagreement")
	}
	answerAs(t, fac, a.ID, "1.q1", model.SetLevel(2), "ann")
	if ds, _ := fac.Disagreements(ctx, a.ID); ds[0].Open() {
		t.Fatal("a level given here did not resolve it")
	}
	// A later import of a change alice made after the resolution, not seeing
	// it, is a new disagreement; one made before it is skipped.
}

func TestImportIsAllOrNothing(t *testing.T) {
	src := laptopStore(t, "src")
	a := create(t, src, "Big")
	for i := range 400 {
		answerAs(t, src, a.ID, fmt.Sprintf("1.q%d", i), model.SetNote(strings.Repeat("evidence ", 40)), "bob")
	}
	b := exportBundle(t, src, a.ID, "bob")

	dst := laptopStore(t, "dst")
	own := create(t, dst, "Mine")
	answerAs(t, dst, own.ID, "1.q1", model.SetLevel(2), "ann")
	dst.Close()
	full, err := Open(dst.path, MaxPages(pages(t, dst.path)+8)) // room for a little, not for 400 answers
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	beforeRows := dumpAll(t, dst.path)
	_, err = full.Import(ctx, b, ImportOptions{File: "big.json", Actor: "ann"})
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("import on a full disk: %v", err)
	}
	if after := dumpAll(t, dst.path); !reflect.DeepEqual(beforeRows, after) {
		t.Error("a failed import left rows behind")
	}
}

func pages(t *testing.T, path string) int {
	t.Helper()
	n, err := strconv.Atoi(dump(t, path, "PRAGMA page_count")[0])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportInto(t *testing.T) {
	s, other := laptopStore(t, "a"), laptopStore(t, "b")
	mine := create(t, s, "Mine")
	theirs := create(t, other, "Theirs")
	answerAs(t, other, theirs.ID, "1.q1", model.SetLevel(4), "bob")
	b := exportBundle(t, other, theirs.ID, "bob")
	res, err := s.Import(ctx, b, ImportOptions{Into: mine.ID, File: "t.json", Actor: "ann"})
	if err != nil || res.Assessment.ID != mine.ID || res.Added != 1 {
		t.Fatalf("into: %+v %v", res, err)
	}
	if _, err := s.Get(ctx, theirs.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("--into made the bundle's own assessment too: %v", err)
	}
	if _, err := s.Import(ctx, b, ImportOptions{Into: "nosuchid", File: "t.json"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("into an unknown assessment: %v", err)
	}
	narrow := create(t, s, "ISO only", "fw-b")
	if _, err := s.Import(ctx, b, ImportOptions{Into: narrow.ID, File: "t.json"}); !errors.Is(err, ErrMismatch) || !strings.Contains(err.Error(), "does not cover fw-a") {
		t.Errorf("into an assessment without the framework: %v", err)
	}
}

func TestCopyRemembersItsSourceAndDeleteTakesWorkshopRows(t *testing.T) {
	fac, alice := laptopStore(t, "fac"), laptopStore(t, "alice")
	a := create(t, fac, "W")
	importBundle(t, alice, exportBundle(t, fac, a.ID, "ann"), "ws.json")
	answerAs(t, fac, a.ID, "1.q1", model.SetLevel(1), "ann")
	answerAs(t, alice, a.ID, "1.q1", model.SetLevel(3), "alice")
	importBundle(t, fac, exportBundle(t, alice, a.ID, "alice"), "a.json")
	cp, err := fac.Duplicate(ctx, a.ID, "Next year")
	if err != nil || cp.CopiedFrom != a.ID {
		t.Fatalf("copy: %+v %v", cp, err)
	}
	if err := fac.Delete(ctx, a.ID); err != nil {
		t.Fatalf("delete with imports and disagreements: %v", err)
	}
	for _, table := range []string{"imports", "seen_revisions", "disagreements", "ratings"} {
		if n := dump(t, fac.path, "SELECT count(*) FROM "+table); n[0] != "0" {
			t.Errorf("%s keeps %s rows of the deleted assessment", table, n[0])
		}
	}
}
