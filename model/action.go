package model

import (
	"fmt"
	"strings"
	"time"
)

// ActionStatus is how far an action has got.
type ActionStatus string

const (
	ActionOpen  ActionStatus = "open"
	ActionDoing ActionStatus = "doing"
	ActionDone  ActionStatus = "done"
)

// ActionStatuses lists the statuses in the order work moves through them.
var ActionStatuses = []ActionStatus{ActionOpen, ActionDoing, ActionDone}

// ParseActionStatus reads a status as a user types it, case and spaces ignored.
func ParseActionStatus(s string) (ActionStatus, error) {
	if t := ActionStatus(strings.ToLower(strings.TrimSpace(s))); t.Valid() {
		return t, nil
	}
	return "", fmt.Errorf("status %q is not open, doing or done", s)
}

// Valid reports whether s is one of ActionStatuses, spelled exactly.
func (s ActionStatus) Valid() bool {
	for _, st := range ActionStatuses {
		if s == st {
			return true
		}
	}
	return false
}

// Date is a calendar day written YYYY-MM-DD; "" is no date. Values come from
// ParseDate, so a Date is always a day that exists.
type Date string

const dateLayout = "2006-01-02"

// ParseDate reads a due date YYYY-MM-DD, refusing days that do not exist
// (2027-02-30) and other spellings (2027-2-3); "" (or spaces) is no date.
func ParseDate(s string) (Date, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", nil
	}
	d, err := time.Parse(dateLayout, t)
	if err != nil || d.Format(dateLayout) != t {
		return "", fmt.Errorf("date %q is not a day written YYYY-MM-DD", s)
	}
	return Date(t), nil
}

// Time is the date as midnight UTC; zero for no date.
func (d Date) Time() time.Time {
	t, _ := time.Parse(dateLayout, string(d))
	return t
}

// Action is what someone will do about one question: text, owner, due date
// and status, with who changed it last and the revision of that change.
type Action struct {
	Framework  string
	QuestionID string
	Text       string
	Owner      string
	Due        Date
	Status     ActionStatus
	UpdatedAt  time.Time
	UpdatedBy  string
	Revision   string // the change that made the current value; "" = never set
}

// Empty reports whether nothing is planned: no text, owner or due date. A
// change that leaves an action empty removes it.
func (a Action) Empty() bool { return a.Text == "" && a.Owner == "" && a.Due == "" }

// Same reports whether two actions say the same (text, owner, due, status),
// whoever wrote them and whenever.
func (a Action) Same(b Action) bool {
	return a.Text == b.Text && a.Owner == b.Owner && a.Due == b.Due && a.Status == b.Status
}

// ActionChange is an edit to one action; nil fields are left as they are.
type ActionChange struct {
	Text   *string
	Owner  *string
	Due    *Date
	Status *ActionStatus
	// IfRevision, when set, applies the change only if the action's current
	// revision is exactly this one ("" = there is no action yet).
	IfRevision *string
}

// ClearAction is a change that removes an action.
func ClearAction() ActionChange {
	var empty string
	var none Date
	return ActionChange{Text: &empty, Owner: &empty, Due: &none}
}

// Check refuses a change that would store something invalid: a due date that
// is not a real day, an unknown status, or text with nothing in it but spaces.
func (ch ActionChange) Check() error {
	if ch.Due != nil {
		if _, err := ParseDate(string(*ch.Due)); err != nil {
			return err
		}
	}
	if ch.Status != nil && !ch.Status.Valid() {
		return fmt.Errorf("status %q is not open, doing or done", *ch.Status)
	}
	return nil
}

// Apply is the action after the change. A new action starts open; an action
// left empty has no status.
func (ch ActionChange) Apply(a Action) Action {
	if ch.Text != nil {
		a.Text = strings.TrimSpace(*ch.Text)
	}
	if ch.Owner != nil {
		a.Owner = strings.TrimSpace(*ch.Owner)
	}
	if ch.Due != nil {
		a.Due = Date(strings.TrimSpace(string(*ch.Due)))
	}
	if ch.Status != nil {
		a.Status = *ch.Status
	}
	switch {
	case a.Empty():
		a.Status = ""
	case a.Status == "":
		a.Status = ActionOpen
	}
	return a
}

// Actions holds an assessment's actions by question.
type Actions map[Key]Action

// NewActions indexes a list of actions.
func NewActions(list []Action) Actions {
	out := make(Actions, len(list))
	for _, a := range list {
		out[Key{a.Framework, a.QuestionID}] = a
	}
	return out
}
