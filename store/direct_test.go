package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
)

// The save path's statements live on the connection outside database/sql,
// so Close must finalize them: SQLite closes a connection, checkpointing its
// log into the file, only once its statements are gone. After Close the file
// alone holds every save.
func TestCloseAfterSavesLeavesNoLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := OpenOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	a := create(t, s, "A")
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(3))
	if err := s.SetResume(ctx, a.ID, "fw-a", "1.q2"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path + "-wal"); err == nil {
		t.Fatalf("a log of %d bytes is left after Close", st.Size())
	}
	copied := filepath.Join(t.TempDir(), "copy.db")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copied, data, 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Open(copied)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	as, err := c.Answers(ctx, a.ID)
	if err != nil || len(as) != 1 || as[0].Level != 3 {
		t.Errorf("the file alone holds %+v, %v", as, err)
	}
}

// Save honours its context on the driver connection too: a save waiting for
// a lock another connection holds stops when the context ends, writes
// nothing, and the store saves normally once the lock is gone.
func TestSaveWaitingForLockStopsWithItsContext(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	other, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	lock, err := other.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = s.Save(short, a.ID, "fw-a", "1.q1", model.SetLevel(3), "t")
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("save under a lock: %v after %v", err, time.Since(start))
	}
	lock.ExecContext(ctx, "ROLLBACK")
	lock.Close()
	if as, _ := s.Answers(ctx, a.ID); len(as) != 0 {
		t.Errorf("written under the lock: %+v", as)
	}
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(4))
	if h, _ := s.History(ctx, a.ID); len(h) != 1 || h[0].New.Level != 4 {
		t.Errorf("history after the lock: %+v", h)
	}
}

// A save's errors read as they did through database/sql: an unknown
// assessment is ErrNotFound, a framework it does not cover says so, and
// neither leaves a transaction open behind it.
func TestSaveErrorsOnTheDriverConnection(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	if _, err := s.Save(ctx, "nope", "fw-a", "1.q1", model.SetLevel(3), "t"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown assessment: %v", err)
	}
	_, err := s.Save(ctx, a.ID, "fw-z", "1.q1", model.SetLevel(3), "t")
	if err == nil || err.Error() != `assessment "`+a.ID+`" does not cover framework "fw-z"` {
		t.Errorf("framework not covered: %v", err)
	}
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(3))
	if err := s.Rename(ctx, a.ID, "B"); err != nil {
		t.Errorf("a write through database/sql after failed saves: %v", err)
	}
}
