package store

import (
	"context"
	"database/sql"

	"github.com/assaytui/assay/model"
)

// Disagreements lists an assessment's disagreements, open and resolved, in
// the order they arose, each with every rating.
func (s *Store) Disagreements(ctx context.Context, id string) ([]model.Disagreement, error) {
	ds, err := disagreementsIn(ctx, s.db, id)
	return ds, classify(s.path, err)
}

func disagreementsIn(ctx context.Context, db querier, id string) ([]model.Disagreement, error) {
	rows, err := db.QueryContext(ctx, `SELECT d.id, d.framework, d.question_id, d.arose_at,
			coalesce(d.resolution, ''), d.resolved_by, d.resolved_at,
			r.revision, r.level, r.na, r.note, r.flagged, r.rated_by, r.rated_at, r.host, r.replaced_by, `+originSQL+`
		FROM disagreements d JOIN ratings r ON r.disagreement_id = d.id LEFT JOIN imports i ON i.id = r.import_id
		WHERE d.assessment_id = ? ORDER BY d.id, r.ord`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Disagreement
	lastID := int64(-1)
	for rows.Next() {
		var did int64
		var d model.Disagreement
		var r model.Rating
		var arose, resolution, resolvedBy, resolvedAt, at string
		var level sql.NullInt64
		var na bool
		if err := rows.Scan(&did, &d.Framework, &d.Question, &arose, &resolution, &resolvedBy, &resolvedAt,
			&r.Revision, &level, &na, &r.Note, &r.Flagged, &r.By, &at, &r.Host, &r.ReplacedBy, &r.Origin); err != nil {
			return nil, err
		}
		r.Level, r.At = levelFrom(level, na), parseTime(at)
		if did != lastID {
			lastID = did
			d.AroseAt = parseTime(arose)
			if resolution != "" {
				d.Resolved = &model.Resolution{Revision: resolution, By: resolvedBy, At: parseTime(resolvedAt)}
			}
			out = append(out, d)
		}
		cur := &out[len(out)-1]
		cur.Ratings = append(cur.Ratings, r)
	}
	return out, rows.Err()
}

// settled maps each resolution of an assessment to the ratings it settled.
func (s *Store) settled(ctx context.Context, db querier, id string) (map[string][]model.Rating, error) {
	rows, err := db.QueryContext(ctx, `SELECT d.resolution, r.revision, r.rated_by, r.level, r.na FROM disagreements d
		JOIN ratings r ON r.disagreement_id = d.id
		WHERE d.assessment_id = ? AND d.resolution IS NOT NULL AND r.replaced_by = '' ORDER BY d.id, r.ord`, id)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	out := map[string][]model.Rating{}
	for rows.Next() {
		var res string
		var r model.Rating
		var level sql.NullInt64
		var na bool
		if err := rows.Scan(&res, &r.Revision, &r.By, &level, &na); err != nil {
			return nil, classify(s.path, err)
		}
		r.Level = levelFrom(level, na)
		out[res] = append(out[res], r)
	}
	return out, classify(s.path, rows.Err())
}

// Bundle loads an assessment as a workshop bundle: the assessment, its
// answers, every change in their history, its disagreements, and its
// actions with their history, read from
// one snapshot so they agree with each other. The caller adds who exports
// it, where and when.
func (s *Store) Bundle(ctx context.Context, id string) (*model.Bundle, error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer tx.Rollback()
	b := &model.Bundle{Format: model.BundleFormat, Assessment: a}
	byID, err := s.answersIn(ctx, tx, `WHERE assessment_id = ?`, id)
	if err != nil {
		return nil, err
	}
	b.Answers = byID[id]
	if b.History, err = s.historyIn(ctx, tx, id); err != nil {
		return nil, err
	}
	if b.Disagreements, err = disagreementsIn(ctx, tx, id); err != nil {
		return nil, classify(s.path, err)
	}
	if b.Actions, err = actionsIn(ctx, tx, id); err != nil {
		return nil, classify(s.path, err)
	}
	if b.ActionHistory, err = actionHistoryIn(ctx, tx, id); err != nil {
		return nil, classify(s.path, err)
	}
	return b, nil
}
