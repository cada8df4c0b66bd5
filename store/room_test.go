package store

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

func voteOn(t *testing.T, s *Store, id string, k model.Key, by string, l model.Level, note string) model.Vote {
	t.Helper()
	v, err := s.SaveVote(ctx, id, model.Vote{Key: k, By: by, Level: l, Note: note})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func ratingsOf(rs []model.Rating) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.By+"="+r.Level.String()+":"+r.Note)
	}
	return out
}

func TestARoundFromVotesToTheRecordedLevel(t *testing.T) {
	path := filepath.Join(t.TempDir(), "assay.db")
	s, err := OpenOrCreate(path, Host("facilitator-laptop"))
	if err != nil {
		t.Fatal(err)
	}
	a := create(t, s, "Live")
	k := model.Key{Framework: "fw-a", Question: "1.q1"}
	save(t, s, a.ID, k.Framework, k.Question, model.SetLevel(1)) // last year's answer

	first := voteOn(t, s, a.ID, k, "ann", 2, "")
	ann := voteOn(t, s, a.ID, k, "ann", 3, "approved in March") // she changed her mind
	voteOn(t, s, a.ID, k, "bob", model.NotApplicable, "no sites")
	if ann.Revision == "" || ann.Revision == first.Revision || ann.At.IsZero() {
		t.Errorf("a changed vote needs a new revision and time: %+v after %+v", ann, first)
	}
	// The votes survive the server going away, and nobody else sees them.
	s.Close()
	if s, err = Open(path, Host("facilitator-laptop")); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	votes, err := s.Votes(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(votes) != 2 || votes[0].By != "ann" || votes[0].Level != 3 || votes[1].Level != model.NotApplicable {
		t.Fatalf("votes after reopening: %+v", votes)
	}
	if ds, _ := s.Disagreements(ctx, a.ID); len(ds) != 0 {
		t.Errorf("votes show as a disagreement before the reveal: %+v", ds)
	}

	standing, err := s.Reveal(ctx, a.ID, k)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ratingsOf(standing), []string{"ann=3:approved in March", "bob=na:no sites"}; !reflect.DeepEqual(got, want) {
		t.Errorf("standing after the reveal %v, want %v", got, want)
	}
	if standing[0].Host != "facilitator-laptop" || standing[0].Revision != ann.Revision {
		t.Errorf("rating provenance: %+v", standing[0])
	}
	if votes, _ := s.Votes(ctx, a.ID); len(votes) != 0 {
		t.Errorf("votes left after the reveal: %+v", votes)
	}
	if _, err := s.Reveal(ctx, a.ID, k); !errors.Is(err, ErrNoVotes) {
		t.Errorf("second reveal: %v", err)
	}

	// Asked again: bob's new vote takes the place of his rating.
	voteOn(t, s, a.ID, k, "bob", 2, "one site after all")
	standing, err = s.Reveal(ctx, a.ID, k)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ratingsOf(standing), []string{"ann=3:approved in March", "bob=2:one site after all"}; !reflect.DeepEqual(got, want) {
		t.Errorf("standing after asking again %v, want %v", got, want)
	}

	// The facilitator records the agreed level: it resolves the disagreement,
	// and every rating stays with it.
	rec, err := s.Save(ctx, a.ID, k.Framework, k.Question, model.SetLevel(3), "fay")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := s.Disagreements(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Open() || ds[0].Resolved.Revision != rec.Revision || ds[0].Resolved.By != "fay" {
		t.Fatalf("after recording: %+v", ds)
	}
	if got := len(ds[0].Ratings); got != 3 {
		t.Errorf("%d ratings kept, want all 3 (one replaced)", got)
	}
	// A bundle of the assessment holds the round and passes its own check.
	b, err := s.Bundle(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Disagreements) != 1 {
		t.Errorf("bundle disagreements: %+v", b.Disagreements)
	}
}

func TestARoundOnAQuestionNeverAnswered(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "Live")
	k := model.Key{Framework: "fw-a", Question: "2.q1"}
	voteOn(t, s, a.ID, k, "ann", 2, "")
	if _, err := s.Reveal(ctx, a.ID, k); err != nil {
		t.Fatal(err)
	}
	rec := save(t, s, a.ID, k.Framework, k.Question, model.SetLevel(2))
	ds, err := s.Disagreements(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Open() || ds[0].Resolved.Revision != rec.Revision {
		t.Errorf("the recorded level did not resolve the round: %+v", ds)
	}
}

func TestVotesNeedALevelAndAFramework(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "Live")
	if _, err := s.SaveVote(ctx, a.ID, model.Vote{Key: model.Key{Framework: "fw-a", Question: "1.q1"}, By: "ann", Level: model.Unanswered}); err == nil {
		t.Error("a vote without a level was kept")
	}
	_, err := s.SaveVote(ctx, a.ID, model.Vote{Key: model.Key{Framework: "nope", Question: "1.q1"}, By: "ann", Level: 2})
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("vote in a framework not covered: %v", err)
	}
	if err := s.Delete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if n := dump(t, s.Path(), "SELECT count(*) FROM room_votes"); n[0] != "0" {
		t.Errorf("%s votes left after deleting the assessment", n[0])
	}
}

func TestSchema1DatabaseHostsARound(t *testing.T) {
	path := openFixture(t, "schema1.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, _ := s.List(ctx)
	id := list[0].ID
	k := model.Key{Framework: list[0].Frameworks[0].ID, Question: "4.1.q1"}
	voteOn(t, s, id, k, "ann", 2, "")
	if _, err := s.Reveal(ctx, id, k); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Save(ctx, id, k.Framework, k.Question, model.SetLevel(2), "fay"); err != nil {
		t.Fatal(err)
	}
	if ds, _ := s.Disagreements(ctx, id); len(ds) != 1 || ds[0].Open() {
		t.Errorf("round on a migrated database: %+v", ds)
	}
}
