package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/assaytui/assay/model"
)

var ctx = context.Background()

func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := OpenOrCreate(filepath.Join(t.TempDir(), "data", "assay.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func create(t testing.TB, s *Store, name string, fws ...string) model.Assessment {
	t.Helper()
	if len(fws) == 0 {
		fws = []string{"fw-a", "fw-b"}
	}
	versions := map[string]string{}
	for _, f := range fws {
		versions[f] = "v1"
	}
	a, err := s.Create(ctx, model.NewAssessment{Name: name, Organisation: "Org", Assessor: "Ann", Frameworks: fws, Target: 3}, versions)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func save(t testing.TB, s *Store, id, fw, q string, ch model.Change) model.Answer {
	t.Helper()
	a, err := s.Save(ctx, id, fw, q, ch, "test")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestOpenCreatesPrivateFolderAndFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "deep", "er")
	path := filepath.Join(dir, "assay.db")
	s, err := OpenOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != want {
			t.Errorf("%s mode %o, want %o", p, st.Mode().Perm(), want)
		}
	}
	for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "user_version": strconv.Itoa(latestVersion()), "busy_timeout": "10000"} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
}

func TestTablesAreStrict(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	for _, q := range []string{
		`INSERT INTO answers VALUES ('` + a.ID + `', 'fw-a', 'x.q1', 7, 0, '', 0, 'now')`,
		`INSERT INTO answers VALUES ('` + a.ID + `', 'fw-a', 'x.q1', -1, 0, '', 0, 'now')`,
		`INSERT INTO answers VALUES ('` + a.ID + `', 'fw-a', 'x.q1', 3, 1, '', 0, 'now')`,
		`INSERT INTO answers VALUES ('` + a.ID + `', 'fw-a', 'x.q1', 'high', 0, '', 0, 'now')`,
		`INSERT INTO answers VALUES ('nope', 'fw-a', 'x.q1', 3, 0, '', 0, 'now')`,
		`INSERT INTO assessments (id, name, created_at, updated_at) VALUES ('x', '  ', 'now', 'now')`,
	} {
		if _, err := s.db.Exec(q); err == nil {
			t.Errorf("accepted: %s", q)
		}
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), "assay.db")
	s, err := OpenOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	a := create(t, s, "Year one")
	save(t, s, a.ID, "fw-a", "4.1.q1", model.SetLevel(2))
	save(t, s, a.ID, "fw-b", "3.1.q2", model.MarkNA("no board"))
	s.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Get(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Year one" || got.Organisation != "Org" || got.Assessor != "Ann" || got.Target != 3 || len(got.Frameworks) != 2 {
		t.Errorf("assessment = %+v", got)
	}
	if fw, q := got.Resume(); fw != "fw-b" || q != "3.1.q2" {
		t.Errorf("resume = %s %s", fw, q)
	}
	as, _ := s.Answers(ctx, a.ID)
	ans := model.NewAnswers(as)
	if l := ans.Get("fw-a", "4.1.q1").Level; l != 2 {
		t.Errorf("level = %v", l)
	}
	if na := ans.Get("fw-b", "3.1.q2"); na.Level != model.NotApplicable || na.Note != "no board" {
		t.Errorf("na = %+v", na)
	}
}

func TestSaveWritesAnswerHistoryResumeAndTime(t *testing.T) {
	s := newStore(t)
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s.now = func() time.Time { return clock }
	a := create(t, s, "A")

	clock = clock.Add(time.Hour)
	save(t, s, a.ID, "fw-a", "5.1.q1", model.SetLevel(1))
	save(t, s, a.ID, "fw-a", "5.1.q1", model.SetNote("interviewed the CEO"))
	save(t, s, a.ID, "fw-a", "5.1.q1", model.SetLevel(3))
	save(t, s, a.ID, "fw-a", "5.1.q1", model.SetFlag(true))
	got := save(t, s, a.ID, "fw-a", "5.1.q1", model.SetLevel(3)) // no change: no history row

	if got.Level != 3 || got.Note != "interviewed the CEO" || !got.Flagged {
		t.Errorf("answer = %+v", got)
	}
	h, err := s.History(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 4 {
		t.Fatalf("history rows = %d, want 4", len(h))
	}
	if h[0].Old.Level != model.Unanswered || h[0].New.Level != 1 || h[2].Old.Level != 1 || h[2].New.Level != 3 || h[2].New.Note != "interviewed the CEO" {
		t.Errorf("history = %+v", h)
	}
	if h[3].By != "test" || !h[3].At.Equal(clock) {
		t.Errorf("history who/when = %q %q", h[3].By, h[3].At)
	}
	a2, _ := s.Get(ctx, a.ID)
	if !a2.UpdatedAt.Equal(clock) || a2.CreatedAt.Equal(clock) {
		t.Errorf("updated %v created %v", a2.UpdatedAt, a2.CreatedAt)
	}
	if fw, q := a2.Resume(); fw != "fw-a" || q != "5.1.q1" {
		t.Errorf("resume = %s %s", fw, q)
	}
}

func TestClearingKeepsNoteAndEmptyRowsGo(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(4))
	save(t, s, a.ID, "fw-a", "1.q2", model.SetLevel(2))
	save(t, s, a.ID, "fw-a", "1.q2", model.SetNote("keep me"))
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(model.Unanswered))
	save(t, s, a.ID, "fw-a", "1.q2", model.SetLevel(model.Unanswered))
	as, _ := s.Answers(ctx, a.ID)
	if len(as) != 1 || as[0].QuestionID != "1.q2" || as[0].Level != model.Unanswered || as[0].Note != "keep me" {
		t.Errorf("answers = %+v", as)
	}
}

func TestSaveRejectsUnknownTargets(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A", "fw-a")
	if _, err := s.Save(ctx, "nope", "fw-a", "1.q1", model.SetLevel(1), "t"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown assessment: %v", err)
	}
	if _, err := s.Save(ctx, a.ID, "fw-b", "1.q1", model.SetLevel(1), "t"); err == nil || !strings.Contains(err.Error(), `does not cover framework "fw-b"`) {
		t.Errorf("framework not in assessment: %v", err)
	}
	if _, err := s.Save(ctx, a.ID, "fw-a", "1.q1", model.SetLevel(7), "t"); err == nil {
		t.Error("level 7 accepted")
	}
	if as, _ := s.Answers(ctx, a.ID); len(as) != 0 {
		t.Errorf("rejected saves left answers: %v", as)
	}
}

func TestListRenameDuplicateDelete(t *testing.T) {
	s := newStore(t)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s.now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	old := create(t, s, "2025")
	save(t, s, old.ID, "fw-a", "1.q1", model.SetLevel(2))
	save(t, s, old.ID, "fw-b", "2.q1", model.MarkNA("out of scope"))
	save(t, s, old.ID, "fw-b", "2.q2", model.SetFlag(true))
	other := create(t, s, "Other")

	list, _ := s.List(ctx)
	if len(list) != 2 || list[0].ID != other.ID {
		t.Fatalf("list order: %+v", list)
	}
	if err := s.Rename(ctx, old.ID, "  FY2025 "); err != nil {
		t.Fatal(err)
	}
	list, _ = s.List(ctx)
	if list[0].ID != old.ID || list[0].Name != "FY2025" {
		t.Errorf("after rename: %+v", list[0])
	}
	if err := s.Rename(ctx, old.ID, " "); err == nil {
		t.Error("empty name accepted")
	}
	if err := s.Rename(ctx, "nope", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("rename unknown: %v", err)
	}

	cp, err := s.Duplicate(ctx, old.ID, "FY2026")
	if err != nil {
		t.Fatal(err)
	}
	if cp.ID == old.ID || cp.Name != "FY2026" || len(cp.Frameworks) != 2 || cp.Organisation != "Org" {
		t.Errorf("copy = %+v", cp)
	}
	orig, _ := s.Answers(ctx, old.ID)
	copied, _ := s.Answers(ctx, cp.ID)
	if len(copied) != 3 || len(orig) != 3 {
		t.Fatalf("answers: orig %d copy %d", len(orig), len(copied))
	}
	for i := range orig {
		o, c := orig[i], copied[i]
		if o.QuestionID != c.QuestionID || o.Level != c.Level || o.Note != c.Note || o.Flagged != c.Flagged {
			t.Errorf("copy differs: %+v vs %+v", o, c)
		}
	}
	if h, _ := s.History(ctx, cp.ID); len(h) != 3 || !strings.Contains(h[0].By, old.ID) {
		t.Errorf("copy history: %+v", h)
	}
	save(t, s, cp.ID, "fw-a", "1.q1", model.SetLevel(4))
	if as, _ := s.Answers(ctx, old.ID); as[0].Level != 2 {
		t.Error("changing the copy changed the original")
	}
	if _, err := s.Duplicate(ctx, "nope", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("duplicate unknown: %v", err)
	}

	if err := s.Delete(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, old.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("get deleted: %v", err)
	}
	for _, table := range []string{"answers", "answer_history", "assessment_frameworks"} {
		var n int
		s.db.QueryRow(`SELECT count(*) FROM `+table+` WHERE assessment_id = ?`, old.ID).Scan(&n)
		if n != 0 {
			t.Errorf("%s keeps %d rows of the deleted assessment", table, n)
		}
	}
	if as, _ := s.Answers(ctx, cp.ID); len(as) != 3 {
		t.Error("deleting the original touched the copy")
	}
	if err := s.Delete(ctx, old.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete twice: %v", err)
	}
}

func TestHistoryIsAppendOnly(t *testing.T) {
	s := newStore(t)
	a := create(t, s, "A")
	save(t, s, a.ID, "fw-a", "1.q1", model.SetLevel(1))
	if _, err := s.db.Exec(`UPDATE answer_history SET new_level = 5`); err == nil {
		t.Error("history row updated")
	}
	if _, err := s.db.Exec(`DELETE FROM answer_history`); err == nil {
		t.Error("history row deleted while its assessment exists")
	}
}

// unchanged asserts a file's bytes are the same after fn.
func unchanged(t *testing.T, path string, fn func()) {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fn()
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("%s changed", path)
	}
}

func TestRefusesFilesItDoesNotOwn(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	foreign := filepath.Join(dir, "foreign.db")
	db, _ := sql.Open("sqlite", foreign)
	db.Exec(`CREATE TABLE contacts (name TEXT)`)
	db.Close()
	// In WAL mode with a user_version assay also uses: the header alone does
	// not tell it apart from an assay file (see trustedHeader).
	foreignWAL := filepath.Join(dir, "foreign-wal.db")
	db, _ = sql.Open("sqlite", foreignWAL)
	db.Exec(`PRAGMA journal_mode = WAL`)
	db.Exec(`CREATE TABLE contacts (name TEXT)`)
	db.Exec(`PRAGMA user_version = 3`)
	db.Close()
	foreignWAL0 := filepath.Join(dir, "foreign-wal0.db")
	db, _ = sql.Open("sqlite", foreignWAL0)
	db.Exec(`PRAGMA journal_mode = WAL`)
	db.Exec(`CREATE TABLE contacts (name TEXT)`)
	db.Close()
	newer := filepath.Join(dir, "newer.db")
	s, _ := OpenOrCreate(newer)
	s.db.Exec(`PRAGMA user_version = 99`)
	s.Close()
	good := filepath.Join(dir, "good.db")
	s, _ = OpenOrCreate(good)
	create(t, s, "A")
	s.Close()
	full, _ := os.ReadFile(good)

	cases := []struct {
		path string
		want string
		is   error
	}{
		{write("text.db", []byte("these are my notes, not a database\n")), "not an SQLite file", ErrNotAssay},
		{write("random.db", bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 2048)), "not an SQLite file", ErrNotAssay},
		{write("short.db", full[:40]), "shorter than a database header", ErrDamaged},
		{foreign, "another program (tables: contacts)", ErrNotAssay},
		{foreignWAL, "schema version 3 but no assessments table", ErrNotAssay},
		{foreignWAL0, "another program (tables: contacts)", ErrNotAssay},
		{newer, fmt.Sprintf("schema 99; this assay knows up to %d", latestVersion()), ErrNewer},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			for name, open := range map[string]func(string, ...Option) (*Store, error){"Open": Open, "OpenOrCreate": OpenOrCreate} {
				if head, err := checkHeader(c.path); err == nil && trustedHeader(c.path, head) != (c.path == foreignWAL) {
					t.Fatalf("trustedHeader(%s) = %v", c.path, !(c.path == foreignWAL))
				}
				unchanged(t, c.path, func() {
					s, err := open(c.path)
					if err == nil {
						s.Close()
						t.Fatalf("%s accepted %s", name, c.path)
					}
					if !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path) {
						t.Errorf("%s: %v; want %v containing %q and the path", name, err, c.is, c.want)
					}
				})
				// Refused on its own read-write connection, it is left as found.
				if _, err := os.Stat(c.path + "-wal"); err == nil && c.path == foreignWAL {
					t.Errorf("%s left %s-wal behind", name, c.path)
				}
			}
		})
	}
}

func TestTruncatedDatabaseIsReported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	s, _ := OpenOrCreate(path)
	a := create(t, s, "A")
	for i := 0; i < 300; i++ {
		save(t, s, a.ID, "fw-a", "1.q"+strings.Repeat("x", i%50), model.SetNote(strings.Repeat("n", 500)))
	}
	s.Close()
	data, _ := os.ReadFile(path)
	os.WriteFile(path, data[:len(data)/3], 0o600)
	unchanged(t, path, func() {
		// Refused at open, from the header alone: no pass over the pages.
		s, err := Open(path)
		if err == nil {
			s.Close()
		}
		if err == nil || !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "its header says") {
			t.Errorf("truncated database: %v", err)
		}
	})
}

func TestMissingEmptyAndFolderPaths(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(filepath.Join(dir, "none.db")); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("missing: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("Open created a file")
	}
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	for _, open := range []func(string, ...Option) (*Store, error){Open, OpenOrCreate} {
		if _, err := open(empty); !errors.Is(err, ErrNotAssay) || !strings.Contains(err.Error(), "an empty file, 0 bytes") {
			t.Errorf("empty: %v", err)
		}
		if st, _ := os.Stat(empty); st.Size() != 0 {
			t.Error("the empty file was written")
		}
	}
	for _, open := range []func(string, ...Option) (*Store, error){Open, OpenOrCreate} {
		if _, err := open(dir); err == nil || !strings.Contains(err.Error(), "is a folder") {
			t.Errorf("folder: %v", err)
		}
	}
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, []byte("x"), 0o600)
	if _, err := OpenOrCreate(filepath.Join(blocker, "sub", "a.db")); err == nil || !strings.Contains(err.Error(), "cannot create the database folder") {
		t.Errorf("folder under a file: %v", err)
	}
}

func TestCreateLeavesNoTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ { // several processes starting on a new file at once
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := OpenOrCreate(filepath.Join(dir, "a.db"))
			if err != nil {
				t.Error(err)
				return
			}
			create(t, s, "A")
			s.Close()
		}()
	}
	wg.Wait()
	s, err := Open(filepath.Join(dir, "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if list, _ := s.List(ctx); len(list) != 4 {
		t.Errorf("%d assessments, want all 4 in one file", len(list))
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestMigrationIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	for i := 0; i < 3; i++ {
		s, err := OpenOrCreate(path)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
}
