package store

import (
	"context"
	"fmt"

	"github.com/assaytui/assay/model"
)

// SetTarget sets a target level: the assessment's own (Framework ""), a
// framework's (Section "") or a section's. Check it with
// model.TargetOverride.Check first; the store makes sure the assessment
// covers the framework.
func (s *Store) SetTarget(ctx context.Context, id string, o model.TargetOverride, actor string) error {
	if !o.Level.Rated() {
		return fmt.Errorf("target level %d is not 0-5", o.Level)
	}
	return s.write(ctx, func(t txn) error {
		now := s.stamp()
		if o.Framework == "" {
			res, err := t.exec(`UPDATE assessments SET target = ?, updated_at = ? WHERE id = ?`, int(o.Level), now, id)
			return oneRow(res, err, assessment(id))
		}
		if err := coversFramework(t, id, o.Framework); err != nil {
			return err
		}
		if _, err := t.exec(`INSERT INTO targets (assessment_id, framework, section, level, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (assessment_id, framework, section) DO UPDATE SET
				level = excluded.level, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			id, o.Framework, o.Section, int(o.Level), now, actor); err != nil {
			return err
		}
		return touch(t, id, now)
	})
}

// ClearTarget removes the target set on a framework (section "") or section,
// so it inherits again. Clearing one that is not set changes nothing.
func (s *Store) ClearTarget(ctx context.Context, id, framework, section string) error {
	return s.write(ctx, func(t txn) error {
		if err := coversFramework(t, id, framework); err != nil {
			return err
		}
		res, err := t.exec(`DELETE FROM targets WHERE assessment_id = ? AND framework = ? AND section = ?`, id, framework, section)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return touch(t, id, s.stamp())
	})
}

// coversFramework tells an unknown assessment from one without the framework.
func coversFramework(t txn, id, framework string) error {
	var has, exists int
	if err := t.queryRow(`SELECT
			(SELECT count(*) FROM assessment_frameworks WHERE assessment_id = ? AND framework = ?),
			(SELECT count(*) FROM assessments WHERE id = ?)`, id, framework, id).Scan(&has, &exists); err != nil {
		return err
	}
	switch {
	case exists == 0:
		return fmt.Errorf("%s: %w", assessment(id), ErrNotFound)
	case has == 0:
		return fmt.Errorf("assessment %q does not cover framework %q", id, framework)
	}
	return nil
}

func touch(t txn, id, now string) error {
	_, err := t.exec(`UPDATE assessments SET updated_at = ? WHERE id = ?`, now, id)
	return err
}

// loadTargets adds every assessment's target overrides to the list, sorted.
func (s *Store) loadTargets(ctx context.Context, list []model.Assessment, index map[string]int) error {
	rows, err := s.db.QueryContext(ctx, `SELECT assessment_id, framework, section, level FROM targets`)
	if err != nil {
		return classify(s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var o model.TargetOverride
		var level int
		if err := rows.Scan(&id, &o.Framework, &o.Section, &level); err != nil {
			return classify(s.path, err)
		}
		o.Level = model.Level(level)
		if i, ok := index[id]; ok {
			list[i].TargetOverrides = append(list[i].TargetOverrides, o)
		}
	}
	for i := range list {
		model.SortOverrides(list[i].TargetOverrides)
	}
	return classify(s.path, rows.Err())
}
