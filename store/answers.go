package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"

	"github.com/assaytui/assay/model"
)

// The statements of the save path, prepared once per connection (writeDirect).
const (
	sqlSetPosition        = `UPDATE assessment_frameworks SET position = ? WHERE assessment_id = ? AND framework = ?`
	sqlSetResumeFramework = `UPDATE assessments SET resume_framework = ? WHERE id = ?`
	sqlTouchAndResume     = `UPDATE assessments SET updated_at = ?, resume_framework = ? WHERE id = ?`
	// Reading the answer also tells whether it is disputed (an index probe),
	// so the common save needs no statement more for disagreements.
	sqlGetAnswer = `SELECT level, na, note, flagged, updated_at, updated_by, revision, ` + sqlDisputed + ` FROM answers
		WHERE assessment_id = ?1 AND framework = ?2 AND question_id = ?3`
	sqlLastRevision = `SELECT revision, changed_by, changed_at, ` + sqlDisputed + ` FROM answer_history
		WHERE assessment_id = ?1 AND framework = ?2 AND question_id = ?3 ORDER BY id DESC LIMIT 1`
	sqlDisputed = `EXISTS (SELECT 1 FROM disagreements d WHERE d.assessment_id = ?1 AND d.framework = ?2
		AND d.question_id = ?3 AND d.resolution IS NULL)`
	// A change made here to a disputed question's level resolves it.
	sqlResolve = `UPDATE disagreements SET resolution = ?, resolved_by = ?, resolved_at = ?
		WHERE assessment_id = ? AND framework = ? AND question_id = ? AND resolution IS NULL`
	sqlDeleteAnswer = `DELETE FROM answers WHERE assessment_id = ? AND framework = ? AND question_id = ?`
	sqlPutAnswer    = `INSERT INTO answers (assessment_id, framework, question_id, level, na, note, flagged, updated_at, updated_by, revision)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (assessment_id, framework, question_id) DO UPDATE SET
			level = excluded.level, na = excluded.na, note = excluded.note, flagged = excluded.flagged,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by, revision = excluded.revision`
	sqlAddHistory = `INSERT INTO answer_history (assessment_id, framework, question_id,
			old_level, old_na, old_note, old_flagged, new_level, new_na, new_note, new_flagged,
			changed_by, changed_at, host, revision, parent)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// ConflictError is returned by Save when the answer is no longer what the
// change expected (model.Change.Seen or IfRevision): another writer changed
// it first. Nothing was written; Current is the answer as it is now.
type ConflictError struct {
	Key     model.Key
	Current model.Answer
}

func (e *ConflictError) Error() string {
	c := e.Current
	what := "cleared"
	switch {
	case c.Level.Given():
		what = "to " + c.Level.String()
	case c.Note != "" || c.Flagged:
		what = "(level cleared)"
	}
	if c.Revision == "" {
		return fmt.Sprintf("%s changed elsewhere: it has no answer now", e.Key.Qualified())
	}
	s := fmt.Sprintf("%s changed elsewhere %s", e.Key.Qualified(), what)
	if c.UpdatedBy != "" {
		s += " by " + c.UpdatedBy
	}
	if !c.UpdatedAt.IsZero() {
		s += " at " + c.UpdatedAt.Local().Format("2006-01-02 15:04")
	}
	return s + " (revision " + c.Revision + ")"
}

// newRevision is a random ID for one change to an answer.
func newRevision() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Save applies a change to one answer in one transaction with its history
// row, the resume point (this question) and the assessment's updated time.
// When Save returns nil the answer is on disk. It returns the answer as stored.
// A change whose conditions (Seen, IfRevision) no longer hold writes nothing
// and returns a *ConflictError; a change that changes nothing writes no
// history. The caller checks that the question exists in the framework; Save
// checks that the assessment exists and covers the framework.
func (s *Store) Save(ctx context.Context, assessmentID, framework, questionID string, ch model.Change, actor string) (model.Answer, error) {
	if ch.Level != nil && !ch.Level.Rated() && *ch.Level != model.NotApplicable && *ch.Level != model.Unanswered {
		return model.Answer{}, fmt.Errorf("level %d is not 0-5 or na", *ch.Level)
	}
	var saved model.Answer
	err := s.writeDirect(ctx, func(t txn) error {
		if err := setPosition(t, assessmentID, framework, questionID); err != nil {
			return err
		}
		old, disputed, err := answerTx(t, assessmentID, framework, questionID)
		if err != nil {
			return err
		}
		if !ch.Holds(old) {
			return &ConflictError{model.Key{Framework: framework, Question: questionID}, old}
		}
		next := ch.Apply(old)
		saved = next
		// A level given here on a disputed question resolves it, even when it
		// keeps the level the answer has ("keep 2" is a decision too).
		resolves := disputed && ch.Level != nil
		if next.Same(old) && !resolves {
			_, err := t.exec(sqlSetResumeFramework, framework, assessmentID)
			return err
		}
		now := s.stamp()
		saved.UpdatedAt, saved.UpdatedBy, saved.Revision = parseTime(now), actor, newRevision()
		if err := putAnswer(t, assessmentID, saved, now); err != nil {
			return err
		}
		ol, ona := levelColumns(old.Level)
		nl, nna := levelColumns(next.Level)
		if _, err := t.exec(sqlAddHistory, assessmentID, framework, questionID,
			ol, ona, old.Note, old.Flagged, nl, nna, next.Note, next.Flagged,
			actor, now, s.host, saved.Revision, old.Revision); err != nil {
			return err
		}
		if resolves {
			if _, err := t.exec(sqlResolve, saved.Revision, actor, now, assessmentID, framework, questionID); err != nil {
				return err
			}
		}
		_, err = t.exec(sqlTouchAndResume, now, framework, assessmentID)
		return err
	})
	if err != nil {
		return model.Answer{}, err
	}
	return saved, nil
}

// putAnswer writes the answer row, or deletes it when nothing is left in it.
func putAnswer(t txn, id string, a model.Answer, now string) error {
	if a.Empty() {
		_, err := t.exec(sqlDeleteAnswer, id, a.Framework, a.QuestionID)
		return err
	}
	level, na := levelColumns(a.Level)
	_, err := t.exec(sqlPutAnswer, id, a.Framework, a.QuestionID, level, na, a.Note, a.Flagged, now, a.UpdatedBy, a.Revision)
	return err
}

// levelColumns maps a level onto the (level, na) columns.
func levelColumns(l model.Level) (level any, na bool) {
	switch {
	case l.Rated():
		return int(l), false
	case l == model.NotApplicable:
		return nil, true
	default:
		return nil, false
	}
}

func levelFrom(level sql.NullInt64, na bool) model.Level {
	switch {
	case na:
		return model.NotApplicable
	case level.Valid:
		return model.Level(level.Int64)
	default:
		return model.Unanswered
	}
}

// answerTx reads one answer as it is now, and whether it is disputed. A
// question without a row (never answered, or cleared) still has the revision,
// author and time of its last change, from history.
func answerTx(t txn, id, framework, question string) (a model.Answer, disputed bool, err error) {
	a = model.Answer{Framework: framework, QuestionID: question, Level: model.Unanswered}
	var level sql.NullInt64
	var na bool
	var updated string
	err = t.queryRow(sqlGetAnswer, id, framework, question).
		Scan(&level, &na, &a.Note, &a.Flagged, &updated, &a.UpdatedBy, &a.Revision, &disputed)
	if err == sql.ErrNoRows {
		err = t.queryRow(sqlLastRevision, id, framework, question).Scan(&a.Revision, &a.UpdatedBy, &updated, &disputed)
		if err == sql.ErrNoRows {
			// Never answered, yet it can be disputed: a live workshop's
			// round reveals ratings on questions without an answer.
			err = t.queryRow(`SELECT `+sqlDisputed, id, framework, question).Scan(&disputed)
			return a, disputed, err
		}
	}
	if err != nil {
		return a, false, err
	}
	a.Level = levelFrom(level, na)
	a.UpdatedAt = parseTime(updated)
	return a, disputed, nil
}

// Answers loads every stored answer of an assessment, including answers to
// questions a framework no longer has.
func (s *Store) Answers(ctx context.Context, id string) ([]model.Answer, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return nil, err
	}
	byID, err := s.answers(ctx, `WHERE assessment_id = ?`, id)
	return byID[id], err
}

// answers loads answers grouped by assessment ID.
func (s *Store) answers(ctx context.Context, where string, args ...any) (map[string][]model.Answer, error) {
	return s.answersIn(ctx, s.db, where, args...)
}

// querier is the database or one read transaction on it.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *Store) answersIn(ctx context.Context, db querier, where string, args ...any) (map[string][]model.Answer, error) {
	rows, err := db.QueryContext(ctx, `SELECT assessment_id, framework, question_id, level, na, note, flagged,
			updated_at, updated_by, revision
		FROM answers `+where+` ORDER BY assessment_id, framework, question_id`, args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	out := map[string][]model.Answer{}
	for rows.Next() {
		var id, updated string
		var a model.Answer
		var level sql.NullInt64
		var na bool
		if err := rows.Scan(&id, &a.Framework, &a.QuestionID, &level, &na, &a.Note, &a.Flagged,
			&updated, &a.UpdatedBy, &a.Revision); err != nil {
			return nil, classify(s.path, err)
		}
		a.Level = levelFrom(level, na)
		a.UpdatedAt = parseTime(updated)
		out[id] = append(out[id], a)
	}
	return out, classify(s.path, rows.Err())
}

// History lists the recorded changes to an assessment's answers, oldest
// first, each with the import that brought it (Origin) and, for a resolution,
// the ratings it settled.
func (s *Store) History(ctx context.Context, id string) ([]model.HistoryEntry, error) {
	return s.historyIn(ctx, s.db, id)
}

func (s *Store) historyIn(ctx context.Context, db querier, id string) ([]model.HistoryEntry, error) {
	settles, err := s.settled(ctx, db, id)
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `SELECT h.framework, h.question_id, h.old_level, h.old_na, h.old_note, h.old_flagged,
			h.new_level, h.new_na, h.new_note, h.new_flagged, h.changed_by, h.changed_at, h.host, h.revision, h.parent, `+originSQL+`
		FROM answer_history h LEFT JOIN imports i ON i.id = h.import_id WHERE h.assessment_id = ? ORDER BY h.id`, id)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var list []model.HistoryEntry
	for rows.Next() {
		var h model.HistoryEntry
		var ol, nl sql.NullInt64
		var ona, nna bool
		var at string
		if err := rows.Scan(&h.Framework, &h.QuestionID, &ol, &ona, &h.Old.Note, &h.Old.Flagged,
			&nl, &nna, &h.New.Note, &h.New.Flagged, &h.By, &at, &h.Host, &h.Revision, &h.Parent, &h.Origin); err != nil {
			return nil, classify(s.path, err)
		}
		for _, r := range settles[h.Revision] {
			h.Settles = append(h.Settles, r.Revision)
			h.Settled = append(h.Settled, r)
		}
		h.Old.Level, h.New.Level = levelFrom(ol, ona), levelFrom(nl, nna)
		h.At = parseTime(at)
		for _, a := range []*model.Answer{&h.Old, &h.New} {
			a.Framework, a.QuestionID = h.Framework, h.QuestionID
		}
		h.New.UpdatedAt, h.New.UpdatedBy, h.New.Revision = h.At, h.By, h.Revision
		h.Old.Revision = h.Parent
		list = append(list, h)
	}
	return list, classify(s.path, rows.Err())
}
