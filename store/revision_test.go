package store

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/assaytui/assay/model"
)

// Two stores on one file stand for two copies of assay.
func twoStores(t *testing.T) (a, b *Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "assay.db")
	a, err := OpenOrCreate(path, Host("laptop-a"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	b, err = Open(path, Host("laptop-b"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return a, b
}

func historyCount(t *testing.T, s *Store, id string) int {
	t.Helper()
	h, err := s.History(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return len(h)
}

func TestEachChangeHasARevisionChainedToTheOneItReplaced(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	r1 := save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(2))
	r2 := save(t, s, a.ID, "fw-a", "1.q1", model.SetNote("why"))
	same := save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(2)) // nothing changes
	r3 := save(t, s, a.ID, "fw-a", "1.q1", model.ClearAnswer())
	if r1.Revision == "" || r2.Revision == r1.Revision || same.Revision != r2.Revision || r3.Revision == r2.Revision {
		t.Fatalf("revisions %q %q %q %q", r1.Revision, r2.Revision, same.Revision, r3.Revision)
	}
	if r1.UpdatedBy != "test" {
		t.Errorf("updated by %q", r1.UpdatedBy)
	}
	h, _ := s.History(ctx, a.ID)
	if len(h) != 3 {
		t.Fatalf("history rows %d, want 3", len(h))
	}
	wantParent := ""
	for i, want := range []string{r1.Revision, r2.Revision, r3.Revision} {
		if h[i].Revision != want || h[i].Parent != wantParent || h[i].Host == "" {
			t.Errorf("history[%d] revision %q parent %q host %q; want %q after %q", i, h[i].Revision, h[i].Parent, h[i].Host, want, wantParent)
		}
		wantParent = want
	}
	// A cleared answer has no row, but its revision lives on in history, so
	// the next change still chains to it.
	r4 := save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(4))
	h, _ = s.History(ctx, a.ID)
	if h[3].Parent != r3.Revision || h[3].Revision != r4.Revision {
		t.Errorf("after clearing: parent %q revision %q; want parent %q", h[3].Parent, h[3].Revision, r3.Revision)
	}
	stored, _ := s.Answers(ctx, a.ID)
	if len(stored) != 1 || stored[0].Revision != r4.Revision || stored[0].UpdatedBy != "test" {
		t.Errorf("stored %+v", stored)
	}
}

func TestSeenRefusesAStaleChangeAndWritesNothing(t *testing.T) {
	app, cli := twoStores(t)
	a := create(t, app, "A")
	shown := save(t, app, a.ID, "fw-a", "1.q1", model.SetLevel(5))
	// Another process changes the level while the app still shows 5.
	theirs, err := cli.Save(ctx, a.ID, "fw-a", "1.q1", model.SetLevel(2), "bob (cli)")
	if err != nil {
		t.Fatal(err)
	}
	before := historyCount(t, app, a.ID)

	for name, ch := range map[string]model.Change{
		"level": model.SetLevel(4),
		"na":    model.MarkNA("out of scope"),
		"clear": model.ClearAnswer(),
	} {
		ch.Seen = &shown
		_, err := app.Save(ctx, a.ID, "fw-a", "1.q1", ch, "ann (tui)")
		var conflict *ConflictError
		if !errors.As(err, &conflict) {
			t.Fatalf("%s: err = %v, want a conflict", name, err)
		}
		if conflict.Current.Level != 2 || conflict.Current.UpdatedBy != "bob (cli)" || conflict.Current.Revision != theirs.Revision {
			t.Errorf("%s: conflict shows %+v", name, conflict.Current)
		}
		if msg := err.Error(); msg != "fw-a:1.q1 changed elsewhere to 2 by bob (cli) at "+theirs.UpdatedAt.Local().Format("2006-01-02 15:04")+" (revision "+theirs.Revision+")" {
			t.Errorf("%s: message %q", name, msg)
		}
	}
	if got := historyCount(t, app, a.ID); got != before {
		t.Errorf("history grew from %d to %d on refused changes", before, got)
	}
	if got := stored(t, app, a.ID, "fw-a", "1.q1"); got.Level != 2 {
		t.Errorf("stored level %d, want 2 (theirs)", got.Level)
	}

	// "Use yours": the same change, now seeing their answer, goes through.
	ch := model.SetLevel(4)
	ch.Seen = &theirs
	if got, err := app.Save(ctx, a.ID, "fw-a", "1.q1", ch, "ann (tui)"); err != nil || got.Level != 4 {
		t.Fatalf("use yours: %+v %v", got, err)
	}
}

func TestSeenIsCheckedPerField(t *testing.T) {
	app, cli := twoStores(t)
	a := create(t, app, "A")
	shown := save(t, app, a.ID, "fw-a", "1.q1", model.Change{Level: ptr(model.Level(3)), Note: ptr("mine")})
	if _, err := cli.Save(ctx, a.ID, "fw-a", "1.q1", model.SetFlag(true), "bob"); err != nil {
		t.Fatal(err)
	}
	// The flag changed elsewhere; a level given here does not touch it.
	ch := model.SetLevel(4)
	ch.Seen = &shown
	got, err := app.Save(ctx, a.ID, "fw-a", "1.q1", ch, "ann")
	if err != nil || got.Level != 4 || !got.Flagged || got.Note != "mine" {
		t.Fatalf("level beside a flag set elsewhere: %+v %v", got, err)
	}
	// A note edited from what was seen conflicts once the note changed elsewhere.
	if _, err := cli.Save(ctx, a.ID, "fw-a", "1.q1", model.SetNote("theirs"), "bob"); err != nil {
		t.Fatal(err)
	}
	ch = model.SetNote("mine, longer")
	ch.Seen = &shown
	var conflict *ConflictError
	if _, err := app.Save(ctx, a.ID, "fw-a", "1.q1", ch, "ann"); !errors.As(err, &conflict) || conflict.Current.Note != "theirs" {
		t.Fatalf("note over a note changed elsewhere: %v", err)
	}
}

func TestIfRevision(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	never := ""
	ch := model.SetLevel(1)
	ch.IfRevision = &never
	first := save(t, s, a.ID, "fw-a", "1.q1", ch) // never answered: "" holds
	_, err := s.Save(ctx, a.ID, "fw-a", "1.q1", ch, "test")
	var conflict *ConflictError
	if !errors.As(err, &conflict) || conflict.Current.Revision != first.Revision {
		t.Fatalf("stale IfRevision: %v", err)
	}
	ch = model.SetLevel(2)
	ch.IfRevision = &first.Revision
	if got := save(t, s, a.ID, "fw-a", "1.q1", ch); got.Level != 2 {
		t.Errorf("level %d", got.Level)
	}
}

func TestDuplicateStartsANewChainPerAnswer(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	orig := save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(3))
	cp, err := s.Duplicate(ctx, a.ID, "B")
	if err != nil {
		t.Fatal(err)
	}
	got := stored(t, s, cp.ID, "fw-a", "1.q1")
	h, _ := s.History(ctx, cp.ID)
	if got.Revision == "" || got.Revision == orig.Revision || len(h) != 1 || h[0].Revision != got.Revision || h[0].Parent != "" {
		t.Errorf("copy: answer %+v history %+v", got, h)
	}
}

func ptr[T any](v T) *T { return &v }

// stored reads one answer back through the store.
func stored(t *testing.T, s *Store, id, fw, q string) model.Answer {
	t.Helper()
	list, err := s.Answers(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return model.NewAnswers(list).Get(fw, q)
}
