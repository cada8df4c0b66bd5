package store

import (
	"context"

	"github.com/assaytui/assay/model"
)

// Actions and targets in imports. The merge rules are model.MergeActions'.

const (
	sqlPutAction = `INSERT INTO actions (assessment_id, framework, question_id, text, owner, due, status, updated_at, updated_by, revision)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (assessment_id, framework, question_id) DO UPDATE SET
				text = excluded.text, owner = excluded.owner, due = excluded.due, status = excluded.status,
				updated_at = excluded.updated_at, updated_by = excluded.updated_by, revision = excluded.revision`
	sqlDeleteAction   = `DELETE FROM actions WHERE assessment_id = ? AND framework = ? AND question_id = ?`
	sqlAddActionEntry = `INSERT INTO action_history (assessment_id, framework, question_id,
				old_text, old_owner, old_due, old_status, new_text, new_owner, new_due, new_status,
				revision, parent, changed_by, changed_at, host, import_id, applied, agrees_with)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// actionStatements are prepared once per import, beside the answers'.
var actionStatements = []string{sqlPutAction, sqlDeleteAction, sqlAddActionEntry}

// loadActionMergeState reads what this copy knows of an assessment's
// actions: every change recorded, applied or not, and the actions now.
func loadActionMergeState(t txn, id string) (*model.ActionMergeState, error) {
	st := model.NewActionMergeState()
	hist, err := actionHistoryIn(t.ctx, t.tx, id)
	if err != nil {
		return nil, err
	}
	for _, h := range hist {
		st.Add(h)
	}
	// The table is the truth for the value; history agrees with it unless
	// something wrote one without the other.
	actions, err := actionsIn(t.ctx, t.tx, id)
	if err != nil {
		return nil, err
	}
	for _, a := range actions {
		k := model.Key{Framework: a.Framework, Question: a.QuestionID}
		if st.Current[k].Revision != a.Revision {
			st.Current[k], st.Known[a.Revision] = a, a.Revision
		}
	}
	return st, nil
}

// writesActions reports whether carrying out the decisions writes anything.
func writesActions(ds []model.ActionDecision) bool {
	for _, d := range ds {
		if len(d.Apply)+len(d.Remember) > 0 {
			return true
		}
	}
	return false
}

// writeAction carries out one decision on an action: its changes go into
// the history, applied or not, and an applied one becomes the action.
func (w *mergeWriter) writeAction(d model.ActionDecision) error {
	for _, rows := range [][]model.ActionEntry{d.Apply, d.Remember} {
		for _, h := range rows {
			if err := w.exec(sqlAddActionEntry, w.id, d.Framework, d.Question,
				h.Old.Text, h.Old.Owner, string(h.Old.Due), string(h.Old.Status),
				h.New.Text, h.New.Owner, string(h.New.Due), string(h.New.Status),
				h.Revision, h.Parent, h.By, stampOf(h.At), h.Host, w.importID, h.Applied, h.AgreesWith); err != nil {
				return err
			}
		}
	}
	if d.Outcome != model.MergeAdded {
		return nil
	}
	now := d.Apply[len(d.Apply)-1]
	if now.New.Empty() {
		return w.exec(sqlDeleteAction, w.id, d.Framework, d.Question)
	}
	return w.exec(sqlPutAction, w.id, d.Framework, d.Question, now.New.Text, now.New.Owner, string(now.New.Due),
		string(now.New.Status), stampOf(now.At), now.By, now.Revision)
}

// putTargets stores the targets of an assessment a bundle created here, as
// set by whoever exported it.
func putTargets(t txn, id string, b *model.Bundle, now string) error {
	for _, o := range b.Assessment.TargetOverrides {
		if _, err := t.exec(`INSERT INTO targets (assessment_id, framework, section, level, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?)`, id, o.Framework, o.Section, int(o.Level), now, b.ExportedBy); err != nil {
			return err
		}
	}
	return nil
}

// targetsIn reads the targets set on one assessment's frameworks and sections.
func targetsIn(ctx context.Context, db querier, id string) ([]model.TargetOverride, error) {
	rows, err := db.QueryContext(ctx, `SELECT framework, section, level FROM targets WHERE assessment_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.TargetOverride
	for rows.Next() {
		var o model.TargetOverride
		var level int
		if err := rows.Scan(&o.Framework, &o.Section, &level); err != nil {
			return nil, err
		}
		o.Level = model.Level(level)
		out = append(out, o)
	}
	model.SortOverrides(out)
	return out, rows.Err()
}
