package store

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/assaytui/assay/model"
)

// sqlLevels gathers, per assessment and framework, every answer's question
// ID (concatenated) and a number that packs the ID's length in bytes, its
// level and its flag. A list of 200 assessments then crosses from SQLite into
// Go as 400 rows instead of 30,000: each row costs about as much as SQLite's
// whole work on it. The answers_levels index holds every column read here, so
// the notes' pages are never touched.
const sqlLevels = `SELECT assessment_id, framework,
		group_concat(question_id, ''),
		group_concat(octet_length(question_id) * 16 + coalesce(level, 6 + na) + 8 * flagged, ' ')
	FROM answers GROUP BY assessment_id, framework`

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

// Levels loads the answer levels of every assessment.
func (s *Store) Levels(ctx context.Context) (*Levels, error) {
	l := &Levels{packed: map[string][]packedLevels{}}
	err := s.readOnce(ctx, func(conn *sql.Conn) error {
		rows, err := conn.QueryContext(ctx, sqlLevels)
		if err != nil {
			return classify(s.path, err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var p packedLevels
			if err := rows.Scan(&id, &p.framework, &p.ids, &p.codes); err != nil {
				return classify(s.path, err)
			}
			if err := p.check(); err != nil {
				return fmt.Errorf("%s: assessment %s: %w", s.path, id, err)
			}
			l.packed[id] = append(l.packed[id], p)
		}
		return classify(s.path, rows.Err())
	})
	if err != nil {
		return nil, err
	}
	return l, nil
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
		var field string
		field, codes, _ = strings.Cut(codes, " ")
		packed, err := strconv.Atoi(field)
		n := packed >> 4
		if err != nil || packed < 0 || n > len(ids) {
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
