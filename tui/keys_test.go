package tui

import (
	"reflect"
	"slices"
	"testing"

	"charm.land/bubbles/v2/key"
)

// binding is one key binding of the map, named by its screen and field.
type binding struct {
	screen, name string
	keys         []string
}

// allBindings lists every binding of every screen, tab and modal.
func allBindings(km KeyMap) []binding {
	var out []binding
	v := reflect.ValueOf(km)
	for i := range v.NumField() {
		screen := v.Type().Field(i).Name
		g := v.Field(i)
		if b, ok := g.Interface().(key.Binding); ok {
			out = append(out, binding{screen, screen, b.Keys()})
			continue
		}
		if g.Kind() != reflect.Struct {
			continue
		}
		for j := range g.NumField() {
			if b, ok := g.Field(j).Interface().(key.Binding); ok {
				out = append(out, binding{screen, g.Type().Field(j).Name, b.Keys()})
			}
		}
	}
	return out
}

// On one screen a key does one thing. (Quit and a modal's Close may share q
// on the help page; the scroll keys' k and j are the same thing as ↑ and ↓.)
func TestKeysDoOneThingPerScreen(t *testing.T) {
	same := map[[2]string]bool{{"Close", "Quit"}: true, {"PickerUp", "Up"}: true, {"PickerDown", "Down"}: true}
	byScreen := map[string]map[string]string{}
	for _, b := range allBindings(DefaultKeyMap()) {
		if byScreen[b.screen] == nil {
			byScreen[b.screen] = map[string]string{}
		}
		for _, k := range b.keys {
			if other, ok := byScreen[b.screen][k]; ok && other != b.name {
				pair := [2]string{min(other, b.name), max(other, b.name)}
				if !same[pair] {
					t.Errorf("%s: %q is both %s and %s", b.screen, k, other, b.name)
				}
			}
			byScreen[b.screen][k] = b.name
		}
	}
}

// Issue 10, item 12: a key that changes or throws away something on one
// screen never moves, opens or goes back on another, so a habit formed on
// one screen cannot destroy work on the next.
func TestDestructiveKeysAreNotNavigationElsewhere(t *testing.T) {
	destructive := map[string][]string{
		"Home":          {"Delete"},
		"Questionnaire": {"Clear", "SetLevel"},
		"Conflict":      {"Mine"},
		"Reconcile":     {"Level"},
		"Lead":          {"Again", "Record"},
		"Seat":          {"Rate"},
	}
	// Names of bindings that move, open something or go back.
	navigation := []string{"Up", "Down", "PageUp", "PageDown", "Prev", "Next", "PrevUnanswered", "NextUnanswered",
		"First", "Last", "Back", "Close", "Cancel", "Open", "Go", "Jump", "Tab", "Framework", "FrameworkBack",
		"Dashboard", "Differences", "Reconcile", "History", "Related", "Retired", "Outline", "Find", "Guidance",
		"Changed", "Walk", "Action", "Export", "Filter", "Loose", "Mode"}
	all := allBindings(DefaultKeyMap())
	for _, d := range all {
		if !slices.Contains(destructive[d.screen], d.name) {
			continue
		}
		for _, n := range all {
			if n.screen == d.screen || !slices.Contains(navigation, n.name) {
				continue
			}
			for _, k := range d.keys {
				if slices.Contains(n.keys, k) {
					t.Errorf("%q is %s.%s, which changes things, and %s.%s, which only moves", k, d.screen, d.name, n.screen, n.name)
				}
			}
		}
	}
}

// The questionnaire's a edits the question's action (issue 15); the answers
// to retired questions have a key no other screen uses.
func TestActionAndRetiredKeys(t *testing.T) {
	km := DefaultKeyMap()
	if got := km.Questionnaire.Action.Keys(); !slices.Equal(got, []string{"a"}) {
		t.Errorf("action on %v, want a", got)
	}
	retired := km.Questionnaire.Retired.Keys()
	for _, b := range allBindings(km) {
		if b.name == "Retired" || b.screen == "Retired" || b.screen == "Editor" {
			continue // the list itself, and the note editor where letters type
		}
		for _, k := range retired {
			if slices.Contains(b.keys, k) {
				t.Errorf("the retired-answers key %q is also %s.%s", k, b.screen, b.name)
			}
		}
	}
}
