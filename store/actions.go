package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/assaytui/assay/model"
)

// ActionConflictError is SaveAction's answer when IfRevision no longer holds:
// someone else changed the action first. Nothing was written.
type ActionConflictError struct {
	Key     model.Key
	Current model.Action
}

func (e *ActionConflictError) Error() string {
	if e.Current.Revision == "" {
		return fmt.Sprintf("the action on %s was removed elsewhere", e.Key.Qualified())
	}
	return fmt.Sprintf("the action on %s was changed elsewhere by %s at %s", e.Key.Qualified(),
		e.Current.UpdatedBy, e.Current.UpdatedAt.Local().Format("15:04"))
}

// SaveAction applies a change to the action on one question in one
// transaction with its history row (old → new, revision and parent, who,
// when, host). A change that leaves the action empty removes it. The caller
// checks that the question exists; SaveAction checks the assessment covers the
// framework and that the change is valid (a due date that is a real day).
func (s *Store) SaveAction(ctx context.Context, id, framework, question string, ch model.ActionChange, actor string) (model.Action, error) {
	if err := ch.Check(); err != nil {
		return model.Action{}, err
	}
	var saved model.Action
	err := s.write(ctx, func(t txn) error {
		if err := coversFramework(t, id, framework); err != nil {
			return err
		}
		old, err := actionTx(t, id, framework, question)
		if err != nil {
			return err
		}
		if ch.IfRevision != nil && *ch.IfRevision != old.Revision {
			return &ActionConflictError{model.Key{Framework: framework, Question: question}, old}
		}
		next := ch.Apply(old)
		saved = next
		if next.Same(old) {
			return nil
		}
		now := s.stamp()
		next.UpdatedAt, next.UpdatedBy, next.Revision = parseTime(now), actor, newRevision()
		if next.Empty() {
			next.Revision = ""
			if _, err := t.exec(sqlDeleteAction, id, framework, question); err != nil {
				return err
			}
		} else if _, err := t.exec(sqlPutAction,
			id, framework, question, next.Text, next.Owner, string(next.Due), string(next.Status), now, actor, next.Revision); err != nil {
			return err
		}
		// A removal is a change too: it gets its own revision in history.
		rev := next.Revision
		if rev == "" {
			rev = newRevision()
		}
		if _, err := t.exec(`INSERT INTO action_history (assessment_id, framework, question_id,
				old_text, old_owner, old_due, old_status, new_text, new_owner, new_due, new_status,
				revision, parent, changed_by, changed_at, host)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, framework, question, old.Text, old.Owner, string(old.Due), string(old.Status),
			next.Text, next.Owner, string(next.Due), string(next.Status), rev, old.Revision, actor, now, s.host); err != nil {
			return err
		}
		saved = next
		return touch(t, id, now)
	})
	if err != nil {
		return model.Action{}, err
	}
	return saved, nil
}

const actionColumns = `framework, question_id, text, owner, due, status, updated_at, updated_by, revision`

func scanAction(sc interface{ Scan(...any) error }, a *model.Action) error {
	var due, status, updated string
	if err := sc.Scan(&a.Framework, &a.QuestionID, &a.Text, &a.Owner, &due, &status, &updated, &a.UpdatedBy, &a.Revision); err != nil {
		return err
	}
	a.Due, a.Status, a.UpdatedAt = model.Date(due), model.ActionStatus(status), parseTime(updated)
	return nil
}

func actionTx(t txn, id, framework, question string) (model.Action, error) {
	a := model.Action{Framework: framework, QuestionID: question}
	err := scanAction(t.queryRow(`SELECT `+actionColumns+` FROM actions
		WHERE assessment_id = ? AND framework = ? AND question_id = ?`, id, framework, question), &a)
	if err == sql.ErrNoRows {
		return model.Action{Framework: framework, QuestionID: question}, nil
	}
	return a, err
}

// Actions loads every action of an assessment, by framework and question ID.
func (s *Store) Actions(ctx context.Context, id string) ([]model.Action, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return nil, err
	}
	list, err := actionsIn(ctx, s.db, id)
	return list, classify(s.path, err)
}

func actionsIn(ctx context.Context, db querier, id string) ([]model.Action, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+actionColumns+` FROM actions
		WHERE assessment_id = ? ORDER BY framework, question_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []model.Action
	for rows.Next() {
		var a model.Action
		if err := scanAction(rows, &a); err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

// ActionHistory lists the recorded changes to an assessment's actions,
// oldest first, with the import that brought each (Origin) and whether it
// became the action here (Applied).
func (s *Store) ActionHistory(ctx context.Context, id string) ([]model.ActionEntry, error) {
	list, err := actionHistoryIn(ctx, s.db, id)
	return list, classify(s.path, err)
}

func actionHistoryIn(ctx context.Context, db querier, id string) ([]model.ActionEntry, error) {
	rows, err := db.QueryContext(ctx, `SELECT h.framework, h.question_id, h.old_text, h.old_owner, h.old_due, h.old_status,
			h.new_text, h.new_owner, h.new_due, h.new_status, h.revision, h.parent, h.changed_by, h.changed_at, h.host,
			h.applied, h.agrees_with, `+originSQL+`
		FROM action_history h LEFT JOIN imports i ON i.id = h.import_id WHERE h.assessment_id = ? ORDER BY h.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []model.ActionEntry
	for rows.Next() {
		var h model.ActionEntry
		var od, ost, nd, nst, at string
		if err := rows.Scan(&h.Framework, &h.QuestionID, &h.Old.Text, &h.Old.Owner, &od, &ost,
			&h.New.Text, &h.New.Owner, &nd, &nst, &h.Revision, &h.Parent, &h.By, &at, &h.Host,
			&h.Applied, &h.AgreesWith, &h.Origin); err != nil {
			return nil, err
		}
		h.Old.Due, h.Old.Status = model.Date(od), model.ActionStatus(ost)
		h.New.Due, h.New.Status = model.Date(nd), model.ActionStatus(nst)
		h.At = parseTime(at)
		for _, a := range []*model.Action{&h.Old, &h.New} {
			a.Framework, a.QuestionID = h.Framework, h.QuestionID
		}
		h.Old.Revision = h.Parent
		h.New.UpdatedAt, h.New.UpdatedBy, h.New.Revision = h.At, h.By, h.Revision
		list = append(list, h)
	}
	return list, rows.Err()
}
