package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/assaytui/assay/internal/safefile"
)

// Version is where the database stands, as this process sees it: two
// Versions differ when anything was committed between them, by another
// process (SQLite's data_version, which costs no I/O) or by this one. The
// second matters when several apps share one store, as those of assay serve
// do: each keeps its own Version, so a change one of them saves is seen by
// the others, and no app's look uses up another's.
type Version struct {
	data   int64  // PRAGMA data_version: commits by other connections
	writes uint64 // commits by this store
}

// Version reads where the database stands now. A screen can call it whenever
// the user moves instead of polling, and compare it with the one it read
// before.
func (s *Store) Version(ctx context.Context) (Version, error) {
	var v Version
	if err := s.db.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v.data); err != nil {
		return Version{}, classify(s.path, err)
	}
	v.writes = s.writes.Load()
	return v, nil
}

// Commits is the number of write transactions committed through this store.
func (s *Store) Commits() uint64 { return s.writes.Load() }

// QuickCheck runs SQLite's quick_check: a pass over every page that finds a
// truncated or scribbled-over file in milliseconds for a database of this
// size. The interactive app runs it before a session, so nobody spends an
// hour answering into a damaged file.
func (s *Store) QuickCheck(ctx context.Context) error {
	var rows []string
	err := s.readOnce(ctx, func(conn *sql.Conn) (err error) {
		rows, err = column(ctx, conn, "PRAGMA quick_check")
		return err
	})
	return s.verdict(rows, err)
}

// verdict turns quick_check's rows into nil or the damage found.
func (s *Store) verdict(rows []string, err error) error {
	if err != nil {
		return classify(s.path, err)
	}
	if len(rows) != 1 || rows[0] != "ok" {
		return fmt.Errorf("%s: %w (%s; run assay doctor)", s.path, ErrDamaged, rows[0])
	}
	return nil
}

// verification is a QuickCheck run in the background once something waits
// for its verdict.
type verification struct {
	start sync.Once
	run   func()
	done  chan struct{}
	err   error // set before done is closed
}

// VerifyInBackground arranges for QuickCheck to run on a read-only connection
// of its own, in the background, from the first call of Verified on: the
// app's once its first screen has its data, or a write's. Started at once, a
// pass over every page of a large file competes with reading and drawing
// that screen for the processor. Reads go on meanwhile; every write waits
// for the verdict, so nothing is written into a file the check finds
// damaged. Call it right after opening, before any use.
func (s *Store) VerifyInBackground() {
	v := &verification{done: make(chan struct{})}
	s.verify = v
	v.run = func() {
		defer close(v.done)
		ro, err := sql.Open("sqlite", fmt.Sprintf("%s?mode=ro&_pragma=busy_timeout(%d)", fileURI(s.path), busyTimeout.Milliseconds()))
		if err != nil {
			v.err = s.verdict(nil, err)
			return
		}
		defer ro.Close()
		ctx := context.Background()
		conn, err := ro.Conn(ctx)
		if err != nil {
			v.err = s.verdict(nil, err)
			return
		}
		defer conn.Close()
		v.err = s.verdict(column(ctx, conn, "PRAGMA quick_check"))
		// A list read before the verdict could not fill the level cache: fill
		// it now, or the app's home screen computes every row again at each
		// start until something else does (issue 13).
		if v.err == nil && s.fillAfterCheck.Swap(false) {
			s.writeCache(ctx)
		}
	}
}

// Verified starts the check of VerifyInBackground if it has not started and
// waits for its verdict: nil when the file is sound or no check was arranged.
func (s *Store) Verified(ctx context.Context) error {
	v := s.verify
	if v == nil {
		return nil
	}
	v.start.Do(func() { go v.run() })
	select {
	case <-v.done:
		return v.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Health is what `assay doctor` reports about a database file.
type Health struct {
	Path          string
	SchemaVersion int
	KnownVersion  int // the newest schema this build knows
	Integrity     []string
	Unreadable    bool     // damaged so that not even the schema could be read; the counts are not known
	ForeignKeys   []string // rows whose parent is missing
	Assessments   int
	Answers       int
	HistoryRows   int
	AnswerRefs    []AnswerRef // every stored answer, to check against the frameworks
}

// AnswerRef is one stored answer's place: which assessment, framework and question.
type AnswerRef struct{ Assessment, Framework, Question string }

// Healthy reports whether SQLite found no damage and no broken references.
func (h Health) Healthy() bool {
	return len(h.Integrity) == 1 && h.Integrity[0] == "ok" && len(h.ForeignKeys) == 0
}

// Inspect checks a database read-only: it never migrates or writes, so it is
// safe on a file from a newer assay or one that may be damaged.
func Inspect(ctx context.Context, path string) (Health, error) {
	h := Health{Path: path, KnownVersion: latestVersion()}
	switch st, err := os.Stat(path); {
	case errors.Is(err, fs.ErrNotExist):
		return h, fmt.Errorf("%s: %w", path, ErrNoDatabase)
	case err != nil:
		return h, safefile.Plain(err)
	case st.IsDir():
		return h, fmt.Errorf("%s %w", path, ErrFolder)
	case st.Size() == 0:
		return h, fmt.Errorf("%s is empty: %w", path, ErrNoDatabase)
	}
	// A file cut short is damage to report, not a reason to refuse: the
	// other commands refuse it and send the user here.
	var cut []string
	if _, err := checkHeader(path); errors.Is(err, ErrDamaged) {
		cut = []string{finding(path, err)}
	} else if err != nil {
		return h, err
	}
	db, err := sql.Open("sqlite", fmt.Sprintf("%s?mode=ro&_pragma=busy_timeout(%d)", fileURI(path), busyTimeout.Milliseconds()))
	if err != nil {
		return h, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&h.SchemaVersion); err != nil {
		if errors.Is(classify(path, err), ErrDamaged) {
			// Too damaged to read the schema: that is the finding.
			h.Unreadable = true
			h.Integrity = append(cut, "SQLite cannot read it: "+err.Error())
			return h, nil
		}
		return h, classify(path, err)
	}
	if h.Integrity, err = column(ctx, db, "PRAGMA integrity_check"); err != nil {
		// A damaged file may fail the check itself; that is a finding, not an error.
		h.Integrity = []string{finding(path, classify(path, err))}
	}
	if cut != nil {
		if len(h.Integrity) == 1 && h.Integrity[0] == "ok" {
			h.Integrity = nil // SQLite did not reach the missing pages
		}
		h.Integrity = append(cut, h.Integrity...)
	}
	rows, err := db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err == nil {
		for rows.Next() {
			var table, parent string
			var rowid sql.NullInt64
			var fkid int
			if rows.Scan(&table, &rowid, &parent, &fkid) == nil {
				h.ForeignKeys = append(h.ForeignKeys, fmt.Sprintf("%s row %d has no %s", table, rowid.Int64, parent))
			}
		}
		rows.Close()
	}
	tables, _ := tableNames(db)
	if !slices.Contains(tables, "answers") {
		return h, nil
	}
	for table, n := range map[string]*int{"assessments": &h.Assessments, "answers": &h.Answers, "answer_history": &h.HistoryRows} {
		db.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(n)
	}
	arows, err := db.QueryContext(ctx, "SELECT assessment_id, framework, question_id FROM answers ORDER BY assessment_id, framework, question_id")
	if err != nil {
		return h, nil
	}
	defer arows.Close()
	for arows.Next() {
		var r AnswerRef
		if arows.Scan(&r.Assessment, &r.Framework, &r.Question) == nil {
			h.AnswerRefs = append(h.AnswerRefs, r)
		}
	}
	return h, nil
}

// finding is an error as doctor lists it: without the file's name, which
// doctor prints above, and without the advice to run doctor.
func finding(path string, err error) string {
	s := strings.TrimPrefix(err.Error(), path+": ")
	s = strings.ReplaceAll(s, " (run assay doctor)", "")
	return strings.ReplaceAll(s, " run assay doctor", "")
}

func column(ctx context.Context, db querier, query string) ([]string, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Backup writes a consistent copy of the database to dest with VACUUM INTO,
// which reads one snapshot while other processes go on writing. The copy is
// made beside dest and moved into place whole (see safefile), so dest is
// either the old file or a whole new copy. An existing dest is replaced only
// when overwrite is true; otherwise the error wraps safefile.ErrExists.
func (s *Store) Backup(ctx context.Context, dest string, overwrite bool) error {
	return safefile.Place(ctx, dest, safefile.Options{Force: overwrite}, func(tmp string) error {
		_, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp)
		return classify(dest, err)
	})
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return safefile.Plain(err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !strings.Contains(err.Error(), "invalid argument") {
		return err
	}
	return nil
}
