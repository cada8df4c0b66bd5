package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
)

func TestSaveActionWithHistoryAndRevisions(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	due := model.Date("2027-03-31")
	first, err := s.SaveAction(ctx, a.ID, "fw-a", "1.q1", model.ActionChange{Text: ptr("write the policy"), Owner: ptr("Ann"), Due: &due}, "ann")
	if err != nil {
		t.Fatal(err)
	}
	if first.Status != model.ActionOpen || first.Revision == "" || first.UpdatedBy != "ann" || first.UpdatedAt.IsZero() {
		t.Errorf("first = %+v", first)
	}
	doing := model.ActionDoing
	second, err := s.SaveAction(ctx, a.ID, "fw-a", "1.q1", model.ActionChange{Status: &doing, IfRevision: &first.Revision}, "bob")
	if err != nil {
		t.Fatal(err)
	}
	if second.Text != "write the policy" || second.Status != model.ActionDoing || second.Revision == first.Revision {
		t.Errorf("second = %+v", second)
	}
	// The same value again writes nothing.
	if same, err := s.SaveAction(ctx, a.ID, "fw-a", "1.q1", model.ActionChange{Status: &doing}, "bob"); err != nil || same.Revision != second.Revision {
		t.Errorf("no-op save = %+v, %v", same, err)
	}

	list, err := s.Actions(ctx, a.ID)
	if err != nil || len(list) != 1 || list[0] != second {
		t.Fatalf("actions = %+v, %v\nwant %+v", list, err, second)
	}
	hist, err := s.ActionHistory(ctx, a.ID)
	if err != nil || len(hist) != 2 {
		t.Fatalf("history = %+v, %v", hist, err)
	}
	h0, h1 := hist[0], hist[1]
	if h0.Old.Status != "" || h0.New.Text != "write the policy" || h0.New.Due != due || h0.Parent != "" || h0.Revision != first.Revision || h0.By != "ann" || h0.Host == "" {
		t.Errorf("history[0] = %+v", h0)
	}
	if h1.Old.Status != model.ActionOpen || h1.New.Status != model.ActionDoing || h1.Parent != first.Revision || h1.Revision != second.Revision || h1.By != "bob" {
		t.Errorf("history[1] = %+v", h1)
	}

	// A stale revision is a conflict and writes nothing.
	done := model.ActionDone
	_, err = s.SaveAction(ctx, a.ID, "fw-a", "1.q1", model.ActionChange{Status: &done, IfRevision: &first.Revision}, "cy")
	var conflict *ActionConflictError
	if !errors.As(err, &conflict) || conflict.Current.Revision != second.Revision || !strings.Contains(err.Error(), "changed elsewhere by bob") {
		t.Errorf("stale save: %v", err)
	}

	// Clearing removes the action and records it.
	gone, err := s.SaveAction(ctx, a.ID, "fw-a", "1.q1", model.ClearAction(), "ann")
	if err != nil || !gone.Empty() || gone.Revision != "" {
		t.Errorf("clear = %+v, %v", gone, err)
	}
	if list, _ := s.Actions(ctx, a.ID); len(list) != 0 {
		t.Errorf("actions after clear = %+v", list)
	}
	hist, _ = s.ActionHistory(ctx, a.ID)
	if len(hist) != 3 || hist[2].New.Status != "" || hist[2].Old.Status != model.ActionDoing || hist[2].Parent != second.Revision || hist[2].Revision == "" {
		t.Errorf("removal history = %+v", hist)
	}
	if _, err := s.db.Exec(`DELETE FROM action_history`); err == nil {
		t.Error("action history can be deleted")
	}
	if _, err := s.db.Exec(`UPDATE action_history SET new_text = 'x'`); err == nil {
		t.Error("action history can be rewritten")
	}
}

func TestSaveActionRefusesBadInput(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A", "fw-a")
	bad := model.Date("2027-02-30")
	closed := model.ActionStatus("closed")
	for _, c := range []struct {
		id, fw string
		ch     model.ActionChange
		want   string
	}{
		{a.ID, "fw-a", model.ActionChange{Text: ptr("x"), Due: &bad}, `date "2027-02-30" is not a day written YYYY-MM-DD`},
		{a.ID, "fw-a", model.ActionChange{Text: ptr("x"), Status: &closed}, `status "closed" is not open, doing or done`},
		{a.ID, "fw-z", model.ActionChange{Text: ptr("x")}, `does not cover framework "fw-z"`},
		{"nope", "fw-a", model.ActionChange{Text: ptr("x")}, "not found"},
	} {
		_, err := s.SaveAction(ctx, c.id, c.fw, "1.q1", c.ch, "ann")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SaveAction(%s %s %+v) = %v, want %q", c.id, c.fw, c.ch, err, c.want)
		}
	}
	// The schema refuses an impossible day even if code let one through.
	if _, err := s.db.Exec(`INSERT INTO actions VALUES (?, 'fw-a', '1.q1', 'x', '', '2027-02-30', 'open', 'now', 'me', 'r')`, a.ID); err == nil {
		t.Error("schema accepted 2027-02-30")
	}
	if _, err := s.db.Exec(`INSERT INTO actions VALUES (?, 'fw-a', '1.q1', 'x', '', '2028-02-29', 'open', 'now', 'me', 'r')`, a.ID); err != nil {
		t.Errorf("schema refused 2028-02-29: %v", err)
	}
	if hist, _ := s.ActionHistory(ctx, a.ID); len(hist) != 0 {
		t.Errorf("refused changes left history: %+v", hist)
	}
}

func TestDuplicateCopiesActionsAsNewChanges(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	orig, err := s.SaveAction(ctx, a.ID, "fw-b", "2.q1", model.ActionChange{Text: ptr("train staff"), Owner: ptr("Bo")}, "ann")
	if err != nil {
		t.Fatal(err)
	}
	cp, err := s.Duplicate(ctx, a.ID, "copy")
	if err != nil {
		t.Fatal(err)
	}
	list, _ := s.Actions(ctx, cp.ID)
	if len(list) != 1 || list[0].Text != "train staff" || list[0].Owner != "Bo" || list[0].Revision == "" || list[0].Revision == orig.Revision {
		t.Errorf("copied actions = %+v (original revision %s)", list, orig.Revision)
	}
	hist, _ := s.ActionHistory(ctx, cp.ID)
	if len(hist) != 1 || hist[0].Revision != list[0].Revision || hist[0].By != "copied from assessment "+a.ID {
		t.Errorf("copy history = %+v", hist)
	}
	if err := s.Delete(ctx, cp.ID); err != nil {
		t.Fatal(err)
	}
	var left int
	s.db.QueryRow(`SELECT (SELECT count(*) FROM actions WHERE assessment_id = ?) + (SELECT count(*) FROM action_history WHERE assessment_id = ?)`, cp.ID, cp.ID).Scan(&left)
	if left != 0 {
		t.Errorf("%d action rows left after delete", left)
	}
}
