package report

import "github.com/assaytui/assay/model"

// Actions in the JSON export and the workshop bundle (questionnaires/FORMAT.md,
// "Actions and targets"): each action with the revision that made it, and
// every change to them, so an import merges actions as it merges answers.

// jsonAction is one stored action with the revision that made it.
type jsonAction struct {
	Framework  string  `json:"framework"`
	QuestionID string  `json:"question_id"`
	Text       string  `json:"text"`
	Owner      string  `json:"owner"`
	Due        *string `json:"due"` // YYYY-MM-DD, or null
	Status     string  `json:"status"`
	UpdatedAt  *string `json:"updated_at"`
	UpdatedBy  string  `json:"updated_by"`
	Revision   string  `json:"revision"`
}

func jsonActionOf(a model.Action) jsonAction {
	v := actionValueOf(a)
	return jsonAction{Framework: a.Framework, QuestionID: a.QuestionID, Text: v.Text, Owner: v.Owner, Due: v.Due,
		Status: v.Status, UpdatedAt: jsonTime(a.UpdatedAt), UpdatedBy: a.UpdatedBy, Revision: a.Revision}
}

func (ja jsonAction) value() jsonActionValue {
	return jsonActionValue{Text: ja.Text, Owner: ja.Owner, Due: ja.Due, Status: ja.Status}
}

// jsonActionValue is what an action says: text, owner, due date (null for
// none) and status ("" when there is no action).
type jsonActionValue struct {
	Text   string  `json:"text"`
	Owner  string  `json:"owner"`
	Due    *string `json:"due"`
	Status string  `json:"status"`
}

func actionValueOf(a model.Action) jsonActionValue {
	v := jsonActionValue{Text: a.Text, Owner: a.Owner, Status: string(a.Status)}
	if a.Due != "" {
		due := string(a.Due)
		v.Due = &due
	}
	return v
}

// action is the value as a model action on a question; the bundle check
// refuses a status or date a store would.
func (v jsonActionValue) action(framework, question string) model.Action {
	a := model.Action{Framework: framework, QuestionID: question, Text: v.Text, Owner: v.Owner, Status: model.ActionStatus(v.Status)}
	if v.Due != nil {
		a.Due = model.Date(*v.Due)
	}
	return a
}

// jsonActionChange is one change to an action: revision and parent as for
// answers, who, when, where, the import that brought it, and whether it
// became the action on the copy that exported it (applied).
type jsonActionChange struct {
	jsonChangeMeta
	Applied bool            `json:"applied"`
	Old     jsonActionValue `json:"old"`
	New     jsonActionValue `json:"new"`
}

func jsonActionChangeOf(h model.ActionEntry) jsonActionChange {
	return jsonActionChange{jsonChangeMeta: jsonChangeMeta{Framework: h.Framework, QuestionID: h.QuestionID, Revision: h.Revision,
		Parent: h.Parent, By: h.By, At: jsonTime(h.At), Host: h.Host, Origin: h.Origin},
		Applied: h.Applied, Old: actionValueOf(h.Old), New: actionValueOf(h.New)}
}
