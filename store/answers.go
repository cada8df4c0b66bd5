package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/assaytui/assay/model"
)

// The statements of the save path, prepared once when the store opens.
const (
	sqlSetPosition        = `UPDATE assessment_frameworks SET position = ? WHERE assessment_id = ? AND framework = ?`
	sqlSetResumeFramework = `UPDATE assessments SET resume_framework = ? WHERE id = ?`
	sqlTouchAndResume     = `UPDATE assessments SET updated_at = ?, resume_framework = ? WHERE id = ?`
	sqlGetAnswer          = `SELECT level, na, note, flagged, updated_at FROM answers
		WHERE assessment_id = ? AND framework = ? AND question_id = ?`
	sqlDeleteAnswer = `DELETE FROM answers WHERE assessment_id = ? AND framework = ? AND question_id = ?`
	sqlPutAnswer    = `INSERT INTO answers (assessment_id, framework, question_id, level, na, note, flagged, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (assessment_id, framework, question_id) DO UPDATE SET
			level = excluded.level, na = excluded.na, note = excluded.note,
			flagged = excluded.flagged, updated_at = excluded.updated_at`
	sqlAddHistory = `INSERT INTO answer_history (assessment_id, framework, question_id,
			old_level, old_na, old_note, old_flagged, new_level, new_na, new_note, new_flagged, changed_by, changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

var savePath = []string{sqlSetPosition, sqlSetResumeFramework, sqlTouchAndResume, sqlGetAnswer, sqlDeleteAnswer, sqlPutAnswer, sqlAddHistory}

// Change is an edit to one answer; nil fields are left as they are, so two
// people editing different parts of the same answer do not undo each other.
type Change struct {
	Level   *model.Level // a level 0-5, NotApplicable, or Unanswered to clear it
	Note    *string
	Flagged *bool
}

// SetLevel is a Change that sets only the level.
func SetLevel(l model.Level) Change { return Change{Level: &l} }

// SetNote is a Change that sets only the note.
func SetNote(n string) Change { return Change{Note: &n} }

// SetFlag is a Change that sets only the review flag.
func SetFlag(f bool) Change { return Change{Flagged: &f} }

// MarkNA is a Change that marks the question not applicable with a reason.
func MarkNA(reason string) Change {
	na := model.NotApplicable
	return Change{Level: &na, Note: &reason}
}

// Save applies a change to one answer in one transaction with its history
// row, the resume point (this question) and the assessment's updated time.
// When Save returns nil the answer is on disk. It returns the answer as stored.
// The caller checks that the question exists in the framework; Save checks that
// the assessment exists and covers the framework.
func (s *Store) Save(ctx context.Context, assessmentID, framework, questionID string, ch Change, actor string) (model.Answer, error) {
	if ch.Level != nil && !ch.Level.Rated() && *ch.Level != model.NotApplicable && *ch.Level != model.Unanswered {
		return model.Answer{}, fmt.Errorf("level %d is not 0-5 or na", *ch.Level)
	}
	var saved model.Answer
	err := s.write(ctx, func(t txn) error {
		if err := setPosition(t, assessmentID, framework, questionID); err != nil {
			return err
		}
		old, err := answerTx(t, assessmentID, framework, questionID)
		if err != nil {
			return err
		}
		next := old
		if ch.Level != nil {
			next.Level = *ch.Level
		}
		if ch.Note != nil {
			next.Note = *ch.Note
		}
		if ch.Flagged != nil {
			next.Flagged = *ch.Flagged
		}
		saved = next
		if next == old {
			_, err := t.exec(sqlSetResumeFramework, framework, assessmentID)
			return err
		}
		now := s.stamp()
		saved.UpdatedAt = parseTime(now)
		if err := putAnswer(t, assessmentID, saved, now); err != nil {
			return err
		}
		ol, ona := levelColumns(old.Level)
		nl, nna := levelColumns(next.Level)
		if _, err := t.exec(sqlAddHistory, assessmentID, framework, questionID,
			ol, ona, old.Note, old.Flagged, nl, nna, next.Note, next.Flagged, actor, now); err != nil {
			return err
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
	if a.Level == model.Unanswered && a.Note == "" && !a.Flagged {
		_, err := t.exec(sqlDeleteAnswer, id, a.Framework, a.QuestionID)
		return err
	}
	level, na := levelColumns(a.Level)
	_, err := t.exec(sqlPutAnswer, id, a.Framework, a.QuestionID, level, na, a.Note, a.Flagged, now)
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

func answerTx(t txn, id, framework, question string) (model.Answer, error) {
	a := model.Answer{Framework: framework, QuestionID: question, Level: model.Unanswered}
	var level sql.NullInt64
	var na bool
	var updated string
	err := t.queryRow(sqlGetAnswer, id, framework, question).
		Scan(&level, &na, &a.Note, &a.Flagged, &updated)
	if err == sql.ErrNoRows {
		return a, nil
	}
	if err != nil {
		return a, err
	}
	a.Level = levelFrom(level, na)
	a.UpdatedAt = parseTime(updated)
	return a, nil
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
	rows, err := s.db.QueryContext(ctx, `SELECT assessment_id, framework, question_id, level, na, note, flagged, updated_at
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
		if err := rows.Scan(&id, &a.Framework, &a.QuestionID, &level, &na, &a.Note, &a.Flagged, &updated); err != nil {
			return nil, classify(s.path, err)
		}
		a.Level = levelFrom(level, na)
		a.UpdatedAt = parseTime(updated)
		out[id] = append(out[id], a)
	}
	return out, classify(s.path, rows.Err())
}

// HistoryEntry is one recorded change to an answer.
type HistoryEntry struct {
	Framework, QuestionID string
	Old, New              model.Answer
	By                    string
	At                    string
}

// History lists the recorded changes to an assessment's answers, oldest first.
func (s *Store) History(ctx context.Context, id string) ([]HistoryEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT framework, question_id, old_level, old_na, old_note, old_flagged,
			new_level, new_na, new_note, new_flagged, changed_by, changed_at
		FROM answer_history WHERE assessment_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var list []HistoryEntry
	for rows.Next() {
		var h HistoryEntry
		var ol, nl sql.NullInt64
		var ona, nna bool
		if err := rows.Scan(&h.Framework, &h.QuestionID, &ol, &ona, &h.Old.Note, &h.Old.Flagged,
			&nl, &nna, &h.New.Note, &h.New.Flagged, &h.By, &h.At); err != nil {
			return nil, classify(s.path, err)
		}
		h.Old.Level, h.New.Level = levelFrom(ol, ona), levelFrom(nl, nna)
		list = append(list, h)
	}
	return list, classify(s.path, rows.Err())
}
