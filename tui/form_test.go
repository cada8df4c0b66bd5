package tui

import (
	"context"
	"testing"
)

func formTest(t *testing.T) Model {
	t.Helper()
	m := newTest(t, testStore(t), "", 80, 24)
	m = press(t, m, "n")
	if !on[form](m) {
		t.Fatal("not on the form")
	}
	return m
}

func TestFormDefaults(t *testing.T) {
	m := formTest(t)
	v := shot(m)
	mustContain(t, v, "New assessment", "Name*", "[x] ISO 28000", "[x] MAS TRM", "[3]", "Defined")
	if topOf[form](m).focus != fieldName {
		t.Fatal("focus not on the name")
	}
}

func TestFormNavigation(t *testing.T) {
	m := formTest(t)
	last := topOf[form](m).lastField()
	m = press(t, m, "tab", "down")
	if topOf[form](m).focus != fieldAssessor {
		t.Fatalf("focus %d", topOf[form](m).focus)
	}
	m = press(t, m, "shift+tab", "up", "up")
	if topOf[form](m).focus != fieldName {
		t.Fatalf("focus %d", topOf[form](m).focus)
	}
	for i := 0; i < 10; i++ {
		m = press(t, m, "tab")
	}
	if topOf[form](m).focus != last {
		t.Fatalf("focus %d, last is %d", topOf[form](m).focus, last)
	}
	// enter on a field that is not the last goes to the next one.
	m = press(t, m, "up", "up", "up", "enter")
	if topOf[form](m).focus != last-2 {
		t.Fatalf("enter went to %d", topOf[form](m).focus)
	}
}

func TestFormValidation(t *testing.T) {
	m := formTest(t)
	// Leaving the empty name shows the problem.
	m = press(t, m, "tab")
	mustContain(t, shot(m), "✗ a name is required")
	// Untick both frameworks.
	m = press(t, m, "tab", "tab", "space", "tab", "space")
	mustContain(t, shot(m), "[ ] ISO 28000", "[ ] MAS TRM")
	m = press(t, m, "tab", "enter")
	if topOf[form](m).focus != fieldName || !on[form](m) {
		t.Fatal("create went ahead with problems")
	}
	mustContain(t, shot(m), "✗ a name is required", "✗ tick at least one framework")
	list, _ := m.c.db.st.List(context.Background())
	if len(list) != 0 {
		t.Fatal("created anyway")
	}
}

func TestFormTarget(t *testing.T) {
	m := formTest(t)
	for i := 0; i < 6; i++ {
		m = press(t, m, "tab")
	}
	m = press(t, m, "left")
	if topOf[form](m).target != 2 {
		t.Fatalf("target %d", topOf[form](m).target)
	}
	m = press(t, m, "5", "right")
	if topOf[form](m).target != 5 {
		t.Fatalf("target %d", topOf[form](m).target)
	}
	mustContain(t, shot(m), "[5]", "Optimising")
	m = press(t, m, "0", "left")
	if topOf[form](m).target != 0 {
		t.Fatalf("target %d", topOf[form](m).target)
	}
}

func TestFormCreatesAndOpens(t *testing.T) {
	m := formTest(t)
	m = typeText(t, m, "  Acme 2026  ")
	m = press(t, m, "tab")
	m = typeText(t, m, "Acme Pte Ltd")
	m = press(t, m, "tab")
	m = typeText(t, m, "Lee")
	m = press(t, m, "tab", "space", "tab", "tab", "4", "enter") // MAS only, target 4
	if !on[questionnaire](m) {
		t.Fatalf("not opened:\n%s", shot(m))
	}
	list, _ := m.c.db.st.List(context.Background())
	if len(list) != 1 {
		t.Fatalf("%d assessments", len(list))
	}
	a := list[0]
	if a.Name != "Acme 2026" || a.Organisation != "Acme Pte Ltd" || a.Assessor != "Lee" || a.Target != 4 ||
		len(a.Frameworks) != 1 || a.Frameworks[0].ID != mas || a.Frameworks[0].Version == "" {
		t.Fatalf("stored %+v", a)
	}
	if fw, q := current(m); fw != mas || q != "3.1.q1" {
		t.Fatalf("opened at %s %s", fw, q)
	}
	mustContain(t, shot(m), "Acme 2026", "[MAS TRM]", "target 4")
}

func TestFormEscCancels(t *testing.T) {
	m := formTest(t)
	m = typeText(t, m, "half")
	m = press(t, m, "esc")
	if !on[home](m) {
		t.Fatal("esc did not cancel")
	}
	list, _ := m.c.db.st.List(context.Background())
	if len(list) != 0 {
		t.Fatal("esc created something")
	}
	m = press(t, m, "n")
	if topOf[form](m).inputs[fieldName].Value() != "" {
		t.Fatal("the form kept old input")
	}
	if _, quit := pressQuit(t, m, "ctrl+c"); !quit {
		t.Fatal("ctrl+c did not quit from the form")
	}
}
