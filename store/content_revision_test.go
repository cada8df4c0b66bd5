package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

// A schema-1 database gets schema 6's content revision: every framework of
// every assessment counts as opened with revision 1, and nothing else moves
// (TestSchema1DatabaseMigratesWithEverythingKept checks every old value).
func TestSchema1DatabaseGetsContentRevisionOne(t *testing.T) {
	path := openFixture(t, "schema1.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.List(ctx)
	if err != nil || len(list) == 0 {
		t.Fatalf("list: %d, %v", len(list), err)
	}
	rows := 0
	for _, a := range list {
		for _, f := range a.Frameworks {
			rows++
			if f.ContentRevision != 1 {
				t.Errorf("%s %s: content revision %d, want 1", a.Name, f.ID, f.ContentRevision)
			}
		}
	}
	if n := dump(t, path, `SELECT count(*) FROM assessment_frameworks WHERE content_revision = 1`); n[0] != fmt.Sprint(rows) {
		t.Errorf("%s rows at revision 1, want %d", n[0], rows)
	}

	// The migrated file remembers a newer revision, across a reopen.
	a := list[0]
	fw := a.Frameworks[0].ID
	if err := s.SetContentRevision(ctx, a.ID, fw, 2); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(ctx, a.ID)
	if got.Frameworks[0].ContentRevision != 2 {
		t.Errorf("after reopen: revision %d, want 2", got.Frameworks[0].ContentRevision)
	}
}

func TestContentRevisionOfNewAndCopiedAssessments(t *testing.T) {
	s := newStore(t)
	a, err := s.Create(ctx, model.NewAssessment{Name: "Rev", Frameworks: []string{"fw-a", "fw-b"}, Target: 3,
		Revisions: map[string]int{"fw-a": 3}}, map[string]string{"fw-a": "v1", "fw-b": "v1"})
	if err != nil {
		t.Fatal(err)
	}
	if r := []int{a.Frameworks[0].ContentRevision, a.Frameworks[1].ContentRevision}; r[0] != 3 || r[1] != 1 {
		t.Errorf("new assessment revisions %v, want [3 1] (a framework without one counts as 1)", r)
	}
	if err := s.SetContentRevision(ctx, a.ID, "fw-b", 4); err != nil {
		t.Fatal(err)
	}
	c, err := s.Duplicate(ctx, a.ID, "Rev copy")
	if err != nil {
		t.Fatal(err)
	}
	if r := []int{c.Frameworks[0].ContentRevision, c.Frameworks[1].ContentRevision}; r[0] != 3 || r[1] != 4 {
		t.Errorf("copy revisions %v, want [3 4]", r)
	}

	if err := s.SetContentRevision(ctx, "nope", "fw-a", 2); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown assessment: %v", err)
	}
	if err := s.SetContentRevision(ctx, a.ID, "fw-z", 2); err == nil || !strings.Contains(err.Error(), `does not cover framework "fw-z"`) {
		t.Errorf("unknown framework: %v", err)
	}
	if err := s.SetContentRevision(ctx, a.ID, "fw-a", 0); err == nil {
		t.Error("revision 0 accepted")
	}
	if got, _ := s.Get(ctx, a.ID); got.Frameworks[0].ContentRevision != 3 {
		t.Errorf("a refused change moved the revision to %d", got.Frameworks[0].ContentRevision)
	}
}
