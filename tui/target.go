package tui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/assaytui/assay/model"
)

// targetSetMsg is the result of setting or clearing a target.
type targetSetMsg struct {
	id    string
	o     model.TargetOverride
	clear bool
	a     model.Assessment // as stored afterwards
	err   error
}

func (m targetSetMsg) failed() error { return m.err }

// setTarget stores a target (or removes a framework's or clause's own) and
// reads the assessment back with its targets.
func (d *db) setTarget(id string, o model.TargetOverride, clear bool) tea.Cmd {
	st, actor := d.st, d.actor
	_, cmd := d.enqueue("", func(ctx context.Context, _ uint64) tea.Msg {
		var err error
		if clear {
			err = st.ClearTarget(ctx, id, o.Framework, o.Section)
		} else {
			err = st.SetTarget(ctx, id, o, actor)
		}
		if err != nil {
			return targetSetMsg{id: id, o: o, clear: clear, err: err}
		}
		a, err := st.Get(ctx, id)
		return targetSetMsg{id, o, clear, a, err}
	})
	return cmd
}

// targetHelp explains what the target prompt takes.
const targetHelp = "LEVEL for the assessment · FRAMEWORK LEVEL · FRAMEWORK CLAUSE LEVEL · - for LEVEL clears"

// parseTarget reads what the user typed in the target prompt: "3" (the
// assessment), "mas 4" (a framework, by its ID, the start of it or its short
// name), "iso 8 5" (a clause), with "-" for LEVEL to remove a framework's or
// clause's own target. It is checked against the assessment.
func parseTarget(typed string, a model.Assessment, cat *model.Catalog) (o model.TargetOverride, clear bool, err error) {
	f := strings.Fields(typed)
	if len(f) == 0 || len(f) > 3 {
		return o, false, fmt.Errorf("type %s", targetHelp)
	}
	last := f[len(f)-1]
	if last == "-" {
		if len(f) == 1 {
			return o, false, fmt.Errorf("the assessment always has a target: type a LEVEL 0-5")
		}
		clear = true
	} else {
		l, err := model.ParseLevel(last)
		if err != nil || !l.Rated() {
			return o, false, fmt.Errorf("target %q is not a level 0-5", last)
		}
		o.Level = l
	}
	if len(f) >= 2 {
		if o.Framework, err = frameworkNamed(f[0], a, cat); err != nil {
			return o, false, err
		}
	}
	if len(f) == 3 {
		o.Section = f[1]
	}
	if clear {
		o.Level = model.DefaultTarget // any level: Check looks at where, not what
	}
	o, err = o.Check(a, cat)
	return o, clear, err
}

// frameworkNamed finds one of the assessment's frameworks by its ID, the
// start of its ID or its short name, case ignored.
func frameworkNamed(name string, a model.Assessment, cat *model.Catalog) (string, error) {
	n := strings.ToLower(name)
	var found []string
	for _, id := range a.FrameworkIDs() {
		short := id
		if f, ok := cat.Framework(id); ok {
			short = strings.ToLower(f.Name())
		}
		if id == n {
			return id, nil
		}
		if strings.HasPrefix(id, n) || strings.HasPrefix(short, n) {
			found = append(found, id)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("no framework %q in this assessment (it has %s)", name, strings.Join(a.FrameworkIDs(), ", "))
	}
	return "", fmt.Errorf("%q could be %s", name, strings.Join(found, " or "))
}

// targetDone says what a target change did.
func targetDone(msg targetSetMsg) string {
	where := "the assessment"
	switch {
	case msg.o.Framework != "" && msg.o.Section != "":
		where = msg.o.Framework + " clause " + msg.o.Section
	case msg.o.Framework != "":
		where = msg.o.Framework
	}
	if msg.clear {
		return "removed the own target of " + where
	}
	return fmt.Sprintf("target of %s = %d", where, msg.o.Level)
}
