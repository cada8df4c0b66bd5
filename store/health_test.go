package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/assaytui/assay/internal/safefile"
	"github.com/assaytui/assay/model"
)

// A Version moves with every commit: another process's, and this process's
// own, which another app sharing the store (assay serve) has not seen.
func TestVersionMovesWithEveryCommit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s1, err := OpenOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s1.Close()
	a := create(t, s1, "A")
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	version := func() Version {
		t.Helper()
		v, err := s1.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v0 := version()
	if version() != v0 {
		t.Error("the version moved with nothing committed")
	}
	save(t, s1, a.ID, "fw-a", "1.q1", model.SetLevel(1))
	v1 := version()
	if v1 == v0 {
		t.Error("a write through this store (another app of the same process) not noticed")
	}
	save(t, s2, a.ID, "fw-a", "1.q2", model.SetLevel(2))
	v2 := version()
	if v2 == v1 {
		t.Error("another process's write not noticed")
	}
	if version() != v2 {
		t.Error("the version moved twice for one change")
	}
}

func TestDiskFullFailsCleanlyAndRecovers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := OpenOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	a := create(t, s, "A")
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(3))
	var pages int
	s.db.QueryRow("PRAGMA page_count").Scan(&pages)
	s.Close()

	full, err := Open(path, MaxPages(pages))
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("evidence ", 4000)
	var failed error
	for i := 0; i < 20 && failed == nil; i++ {
		_, failed = full.Save(ctx, a.ID, "fw-a", "1.q2", model.SetNote(big+string(rune('a'+i))), "t")
	}
	if !errors.Is(failed, ErrDiskFull) || !strings.Contains(failed.Error(), "nothing was saved") {
		t.Fatalf("save on a full disk: %v", failed)
	}
	as, err := full.Answers(ctx, a.ID)
	if err != nil || len(as) < 1 || as[0].Level != 3 {
		t.Errorf("earlier answers after the failure: %+v %v", as, err)
	}
	full.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	save(t, s, a.ID, "fw-a", "1.q3", model.SetNote(big))
	as, _ = s.Answers(ctx, a.ID)
	got := model.NewAnswers(as)
	if got.Get("fw-a", "1.q1").Level != 3 || got.Get("fw-a", "1.q3").Note != big {
		t.Error("save after space returned did not work")
	}
	if h, _ := Inspect(ctx, path); !h.Healthy() {
		t.Errorf("database unhealthy after a full disk: %+v", h.Integrity)
	}
}

func TestReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a.db")
	s, _ := OpenOrCreate(path)
	create(t, s, "A")
	s.Close()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	if _, err := OpenOrCreate(filepath.Join(dir, "new.db")); err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("create in a read-only folder: %v", err)
	}
}

func TestInspect(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, _ := OpenOrCreate(path)
	a := create(t, s, "A")
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(3))
	save(t, s, a.ID, "fw-b", "9.q9", model.SetNote("n"))
	s.Close()
	h, err := Inspect(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !h.Healthy() || h.SchemaVersion != latestVersion() || h.Assessments != 1 || h.Answers != 2 || h.HistoryRows != 2 || len(h.AnswerRefs) != 2 {
		t.Errorf("health = %+v", h)
	}
	if _, err := Inspect(ctx, filepath.Join(t.TempDir(), "none.db")); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("missing: %v", err)
	}
}

func TestInspectFindsDamage(t *testing.T) {
	path, _ := scribbled(t)
	data, _ := os.ReadFile(path)
	h, err := Inspect(ctx, path)
	if err == nil && h.Healthy() {
		t.Errorf("damage not found: %+v", h.Integrity)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(data) {
		t.Error("Inspect changed the file")
	}
}

// A file cut short (say, copied off a stick pulled out too early) is what
// doctor is asked to look at: every other command refuses it with "run assay
// doctor". Doctor reports it as damage instead of refusing it the same way.
func TestInspectReportsAFileCutShort(t *testing.T) {
	path, _ := scribbled(t)
	data, _ := os.ReadFile(path)
	os.WriteFile(path, data[:5000], 0o600)
	h, err := Inspect(ctx, path)
	if err != nil {
		t.Fatalf("Inspect refused the file: %v", err)
	}
	if h.Healthy() || !h.Unreadable || len(h.Integrity) == 0 || !strings.Contains(h.Integrity[0], "5000 bytes, its header says") {
		t.Errorf("integrity = %q", h.Integrity)
	}
	for _, f := range h.Integrity {
		if strings.Contains(f, "run assay doctor") || strings.Contains(f, path) {
			t.Errorf("a finding sends doctor to itself or names the file again: %q", f)
		}
	}
}

func TestBackupWhileWriting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.db")
	s, _ := OpenOrCreate(path)
	defer s.Close()
	a := create(t, s, "A")
	writer, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 100; i++ {
			writer.Save(ctx, a.ID, "fw-a", "1.q"+string(rune('a'+i%26)), model.SetLevel(model.Level(i%6)), "w")
		}
	}()
	dest := filepath.Join(dir, "usb", "backup.db")
	os.MkdirAll(filepath.Dir(dest), 0o700)
	if err := s.Backup(ctx, dest, false); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if err := s.Backup(ctx, dest, false); !errors.Is(err, safefile.ErrExists) {
		t.Errorf("overwrite without force: %v", err)
	}
	if err := s.Backup(ctx, dest, true); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(dest); st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %o", st.Mode().Perm())
	}
	b, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	orig, _ := s.Answers(ctx, a.ID)
	copied, _ := b.Answers(ctx, a.ID)
	if len(orig) != len(copied) || len(copied) == 0 {
		t.Errorf("backup has %d answers, original %d", len(copied), len(orig))
	}
	if h, _ := Inspect(ctx, dest); !h.Healthy() {
		t.Error("backup unhealthy")
	}
	left, _ := filepath.Glob(filepath.Join(dir, "usb", ".*tmp"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// scribbled makes a database whose middle page is damaged but whose size is
// right, so only a pass over the pages finds it.
func scribbled(t *testing.T) (path, id string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "a.db")
	s, _ := OpenOrCreate(path)
	a := create(t, s, "A")
	for i := 0; i < 200; i++ {
		save(t, s, a.ID, "fw-a", "1.q"+strings.Repeat("1", i%40+1), model.SetNote(strings.Repeat("x", 300)))
	}
	s.Close()
	data, _ := os.ReadFile(path)
	for i := 4096 * 3; i < 4096*4; i++ {
		data[i] ^= 0x5a
	}
	os.WriteFile(path, data, 0o600)
	return path, a.ID
}

func TestWritesWaitForTheBackgroundCheck(t *testing.T) {
	path, id := scribbled(t)
	unchanged(t, path, func() {
		s, err := Open(path)
		if err != nil {
			t.Skipf("the damage was found at open already: %v", err)
		}
		defer s.Close()
		s.VerifyInBackground()
		if _, err := s.List(ctx); err != nil && !errors.Is(err, ErrDamaged) {
			t.Errorf("a read while checking: %v", err)
		}
		// Nothing is cached yet: Levels wants a fill, which must not come.
		if _, err := s.Levels(ctx); err != nil && !errors.Is(err, ErrDamaged) {
			t.Errorf("levels while checking: %v", err)
		}
		_, err = s.Save(ctx, id, "fw-a", "1.q1", model.SetLevel(3), "test")
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "run assay doctor") {
			t.Errorf("a write into a damaged file: %v", err)
		}
		if err := s.Verified(ctx); !errors.Is(err, ErrDamaged) {
			t.Errorf("verdict: %v", err)
		}
	})

	// A sound file: the check passes and writes go through.
	s := newStore(t)
	a := create(t, s, "B")
	s.VerifyInBackground()
	if err := s.Verified(ctx); err != nil {
		t.Fatal(err)
	}
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(3))
}
