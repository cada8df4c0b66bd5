package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/assaytui/assay/model"
)

// The level cache (design). A list needs, per assessment and framework, one
// packed row of sqlLevels; computing all of them is most of a list's cost in
// a new process (modernc's SQLite walks 30,000 index entries in ~28 ms), so
// level_cache keeps them. Exact by construction: a row is only ever written
// as sqlLevels computes it inside the write transaction that stores it, and
// triggers on answers delete a framework's row in the same transaction as any
// change to a level, N/A, flag or ID under it (cascades included). So a row
// that exists is what sqlLevels would give now; a missing one is computed.
// Filling is a courtesy: it never waits for the lock, and when it cannot
// write (busy, read-only, disk full, file not yet checked) it just skips.

// sqlLevels gathers, per assessment and framework, every answer's question
// ID (concatenated) and a number that packs the ID's length in bytes, its
// level and its flag. A list of 200 assessments then crosses from SQLite into
// Go as 400 rows instead of 30,000: each row costs about as much as SQLite's
// whole work on it. The answers_levels index holds every column read here, so
// the notes' pages are never touched. Both concatenations take the rows of
// one scan, in the index's order, so the IDs and codes stay aligned.
//
// It is the definition of what level_cache (migration 009) holds; Levels
// reads through the cache and runs it only for pairs not cached.
const sqlLevels = `SELECT assessment_id, framework,
		group_concat(question_id, ''),
		group_concat(` + sqlCode + `, ' ')
	FROM answers GROUP BY assessment_id, framework`

const sqlCode = `octet_length(question_id) * 16 + coalesce(level, 6 + na) + 8 * flagged`

// sqlUncached is sqlLevels for the frameworks of assessments that have no
// level_cache row, each found through the index (never a scan of all
// answers); a framework without answers gives two empty strings.
const sqlUncached = `SELECT f.assessment_id, f.framework,
		coalesce(group_concat(question_id, ''), ''),
		coalesce(group_concat(` + sqlCode + `, ' '), '')
	FROM assessment_frameworks f
	LEFT JOIN answers a ON a.assessment_id = f.assessment_id AND a.framework = f.framework
	WHERE NOT EXISTS (SELECT 1 FROM level_cache c WHERE c.assessment_id = f.assessment_id AND c.framework = f.framework)
	GROUP BY f.assessment_id, f.framework`

// sqlCachedLevels reads the cache and computes what it lacks in one
// statement, so one snapshot: the last column says which rows were computed.
const sqlCachedLevels = `SELECT assessment_id, framework, ids, codes, 0 FROM level_cache
	UNION ALL SELECT *, 1 FROM (` + sqlUncached + `)`

// sqlFillCache stores what the cache lacks, computed again inside the write
// transaction, from the answers as they are then.
const sqlFillCache = `INSERT INTO level_cache (assessment_id, framework, ids, codes) ` + sqlUncached

// Level codes in the low three bits of a packed answer level.
const (
	codeUnrated = 6 // a row with a note or flag but no level
	codeNA      = 7
	codeFlagged = 8
)

// Levels holds the level and flag of every stored answer of many
// assessments, without notes or times: what a list of them needs. It keeps
// them packed as read and unpacks one assessment at a time (Of), so a list of
// thousands holds no value per answer.
type Levels struct {
	packed map[string][]packedLevels // assessment ID -> one per framework
}

// packedLevels is one row of sqlLevels.
type packedLevels struct{ framework, ids, codes string }

// Levels loads the answer levels of every assessment: from level_cache, and
// for the frameworks it lacks from the answers, which it then tries to cache
// (fillCache). A database that could not take the cache (read-only when it
// needed migration 009) is read with sqlLevels alone.
func (s *Store) Levels(ctx context.Context) (*Levels, error) {
	query := sqlCachedLevels
	if !s.levelCache {
		query = `SELECT *, 0 FROM (` + sqlLevels + `)`
	}
	l := &Levels{packed: map[string][]packedLevels{}}
	uncached := false
	err := s.readOnce(ctx, func(conn *sql.Conn) error {
		rows, err := conn.QueryContext(ctx, query)
		if err != nil {
			return classify(s.path, err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var p packedLevels
			var computed bool
			if err := rows.Scan(&id, &p.framework, &p.ids, &p.codes, &computed); err != nil {
				return classify(s.path, err)
			}
			uncached = uncached || computed
			if err := p.check(); err != nil {
				return fmt.Errorf("%s: assessment %s: %w", s.path, id, err)
			}
			if p.codes != "" { // "" is a framework without answers
				l.packed[id] = append(l.packed[id], p)
			}
		}
		return classify(s.path, rows.Err())
	})
	if err != nil {
		return nil, err
	}
	if uncached {
		// Computed rows came after the cached ones: put each assessment's
		// frameworks back in sqlLevels' order.
		for _, ps := range l.packed {
			slices.SortFunc(ps, func(a, b packedLevels) int { return strings.Compare(a.framework, b.framework) })
		}
		s.fillCache(ctx)
	}
	return l, nil
}

// beforeFill, when set, runs between Levels' read and its fill: tests put
// another process's write there.
var beforeFill func()

// fillCache stores the rows level_cache lacks, if it can at once: it does
// not wait for another writer, nor write before the background check has
// cleared the file (VerifyInBackground; the check then fills the cache once
// it has), and a read-only file or a full disk only mean no cache this time.
// The rows are computed inside the write transaction, so a save committed
// after Levels read can not leave a stale row. The data does not change, so
// Version does not move for this process.
func (s *Store) fillCache(ctx context.Context) {
	if v := s.verify; v != nil {
		select {
		case <-v.done:
			if v.err != nil {
				return
			}
		default:
			s.fillAfterCheck.Store(true)
			return
		}
	}
	s.writeCache(ctx)
}

// writeCache is fillCache's write.
func (s *Store) writeCache(ctx context.Context) {
	if beforeFill != nil {
		beforeFill()
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	// No wait for the lock; and no fsync at commit (synchronous NORMAL, WAL):
	// a power cut may take back a fill, which loses nothing (the rows are
	// computed again), while any later save, synced, makes it durable too.
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 0; PRAGMA synchronous = NORMAL`); err != nil {
		return
	}
	defer func() {
		_, err := conn.ExecContext(context.WithoutCancel(ctx),
			fmt.Sprintf(`PRAGMA busy_timeout = %d; PRAGMA synchronous = FULL`, busyTimeout.Milliseconds()))
		if err != nil { // never leave the store's connection without its wait or its fsync
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	tx, err := conn.BeginTx(ctx, nil) // BEGIN IMMEDIATE (see dsn)
	if err != nil {
		return
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, sqlFillCache); err == nil {
		tx.Commit()
	}
}

// readOnce runs fn on a connection held for it, with a page cache of a few
// pages: for a query that reads each page once (a list's index scan, a quick
// check), SQLite's usual 2 MB cache takes fresh memory for every page read,
// and in a new process those page faults cost more than the reading. The
// cache is put back as it was before the connection is given back.
func (s *Store) readOnce(ctx context.Context, fn func(conn *sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return classify(s.path, err)
	}
	defer conn.Close()
	var cacheSize int
	if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cacheSize); err != nil {
		return classify(s.path, err)
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = 16`); err != nil {
		return classify(s.path, err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA cache_size = %d`, cacheSize))
	return fn(conn)
}

// Of yields the answer levels of one assessment, framework by framework.
func (l *Levels) Of(assessmentID string) iter.Seq[model.AnswerLevel] {
	return func(yield func(model.AnswerLevel) bool) {
		for _, p := range l.packed[assessmentID] {
			if !p.each(yield) {
				return
			}
		}
	}
}

// check makes sure the row unpacks: every code a number, and the lengths
// they give add up to the IDs.
func (p packedLevels) check() error {
	n := 0
	ok := p.each(func(l model.AnswerLevel) bool { n += len(l.QuestionID); return true })
	if !ok || n != len(p.ids) {
		return fmt.Errorf("answer levels of framework %s do not add up", p.framework)
	}
	return nil
}

// each yields the row's answer levels; it returns false when yield stopped
// or the row does not unpack.
func (p packedLevels) each(yield func(model.AnswerLevel) bool) bool {
	ids, codes := p.ids, p.codes
	for codes != "" {
		// A code is decimal digits ended by a space or the end; read by hand,
		// as a list reads 30,000 of them twice (check, then Of).
		packed, i := 0, 0
		for ; i < len(codes) && codes[i] != ' '; i++ {
			d := codes[i] - '0'
			if d > 9 || packed > 1<<40 {
				return false
			}
			packed = packed*10 + int(d)
		}
		if i == 0 {
			return false
		}
		codes = codes[min(i+1, len(codes)):]
		n := packed >> 4
		if n > len(ids) {
			return false
		}
		l := model.AnswerLevel{Framework: p.framework, QuestionID: ids[:n], Flagged: packed&codeFlagged != 0}
		ids = ids[n:]
		switch code := packed & 7; code {
		case codeUnrated:
			l.Level = model.Unanswered
		case codeNA:
			l.Level = model.NotApplicable
		default:
			l.Level = model.Level(code)
		}
		if !yield(l) {
			return false
		}
	}
	return true
}
