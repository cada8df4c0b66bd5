package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/assaytui/assay/model"
)

// Votes of live workshops (assay serve; model/room.go has the rules): kept
// private in room_votes until the round is revealed, then ratings of the
// question's open disagreement.

// SaveVote keeps a participant's private vote on a question, in place of
// their earlier one there. It returns the vote as stored, with a new
// revision and the time. When SaveVote returns nil the vote is on disk.
func (s *Store) SaveVote(ctx context.Context, assessmentID string, v model.Vote) (model.Vote, error) {
	if !v.Level.Given() {
		return model.Vote{}, fmt.Errorf("a vote needs a level 0-5 or na, not %d", v.Level)
	}
	err := s.write(ctx, func(t txn) error {
		if err := covers(t, assessmentID, v.Framework); err != nil {
			return err
		}
		now := s.stamp()
		v.At, v.Revision = parseTime(now), newRevision()
		l, na := levelColumns(v.Level)
		_, err := t.exec(`INSERT INTO room_votes (assessment_id, framework, question_id, voter, revision, level, na, note, voted_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (assessment_id, framework, question_id, voter) DO UPDATE SET
				revision = excluded.revision, level = excluded.level, na = excluded.na,
				note = excluded.note, voted_at = excluded.voted_at`,
			assessmentID, v.Framework, v.Question, v.By, v.Revision, l, na, v.Note, now)
		return err
	})
	if err != nil {
		return model.Vote{}, err
	}
	return v, nil
}

// covers checks that the assessment exists and covers the framework.
func covers(t txn, assessmentID, framework string) error {
	var n int
	if err := t.queryRow(`SELECT count(*) FROM assessment_frameworks WHERE assessment_id = ? AND framework = ?`,
		assessmentID, framework).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%w: %s does not cover framework %q", ErrNotFound, assessment(assessmentID), framework)
	}
	return nil
}

// Votes lists the votes not yet revealed, oldest first.
func (s *Store) Votes(ctx context.Context, assessmentID string) ([]model.Vote, error) {
	vs, err := votesIn(ctx, s.db, assessmentID, "")
	return vs, classify(s.path, err)
}

func votesIn(ctx context.Context, db querier, assessmentID string, where string, args ...any) ([]model.Vote, error) {
	rows, err := db.QueryContext(ctx, `SELECT framework, question_id, voter, revision, level, na, note, voted_at
		FROM room_votes WHERE assessment_id = ? `+where+` ORDER BY voted_at, voter`, append([]any{assessmentID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Vote
	for rows.Next() {
		var v model.Vote
		var level sql.NullInt64
		var na bool
		var at string
		if err := rows.Scan(&v.Framework, &v.Question, &v.By, &v.Revision, &level, &na, &v.Note, &at); err != nil {
			return nil, err
		}
		v.Level, v.At = levelFrom(level, na), parseTime(at)
		out = append(out, v)
	}
	return out, rows.Err()
}

// ErrNoVotes is a reveal of a question nobody has voted on.
var ErrNoVotes = errors.New("nobody has rated this question yet")

// Reveal makes the votes on one question ratings of its open disagreement
// (opened now when there is none), in one transaction: each vote takes the
// place of its author's standing rating there, if any. It returns the
// question's standing ratings.
func (s *Store) Reveal(ctx context.Context, assessmentID string, k model.Key) ([]model.Rating, error) {
	var standing []model.Rating
	err := s.write(ctx, func(t txn) error {
		votes, err := votesIn(t.ctx, t.tx, assessmentID, "AND framework = ? AND question_id = ?", k.Framework, k.Question)
		if err != nil {
			return err
		}
		if len(votes) == 0 {
			return ErrNoVotes
		}
		var did int64
		err = t.queryRow(`SELECT id FROM disagreements WHERE assessment_id = ? AND framework = ? AND question_id = ? AND resolution IS NULL`,
			assessmentID, k.Framework, k.Question).Scan(&did)
		if errors.Is(err, sql.ErrNoRows) {
			res, ierr := t.exec(`INSERT INTO disagreements (assessment_id, framework, question_id, arose_at) VALUES (?, ?, ?, ?)`,
				assessmentID, k.Framework, k.Question, s.stamp())
			if ierr != nil {
				return ierr
			}
			did, err = res.LastInsertId()
		}
		if err != nil {
			return err
		}
		for _, v := range votes {
			if _, err := t.exec(`UPDATE ratings SET replaced_by = ? WHERE disagreement_id = ? AND rated_by = ? AND replaced_by = ''`,
				v.Revision, did, v.By); err != nil {
				return err
			}
			l, na := levelColumns(v.Level)
			if _, err := t.exec(sqlImportRating, did, v.Revision, l, na, v.Note, false, v.By, stampOf(v.At), s.host,
				sql.NullInt64{}, ""); err != nil {
				return err
			}
		}
		if _, err := t.exec(`DELETE FROM room_votes WHERE assessment_id = ? AND framework = ? AND question_id = ?`,
			assessmentID, k.Framework, k.Question); err != nil {
			return err
		}
		ds, err := disagreementsIn(t.ctx, t.tx, assessmentID)
		if err != nil {
			return err
		}
		for i := range ds {
			if ds[i].Key == k && ds[i].Open() {
				standing = ds[i].Standing()
			}
		}
		return nil
	})
	if errors.Is(err, ErrNoVotes) {
		return nil, ErrNoVotes
	}
	return standing, err
}
