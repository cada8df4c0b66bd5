package model

import (
	"fmt"
	"sort"
	"strings"
)

// TargetOverride is a target level set on one framework of an assessment
// (Section "") or on one section of it (a clause at any depth). It overrides
// the assessment's target for everything beneath it.
type TargetOverride struct {
	Framework string
	Section   string // a section ref; "" for the whole framework
	Level     Level
}

// Targets says what level each part of an assessment aims for: the
// assessment's own target, overridden per framework and per section.
type Targets struct {
	Default   Level
	Overrides []TargetOverride
}

// Targets is the assessment's target with its overrides.
func (a Assessment) Targets() Targets { return Targets{a.Target, a.TargetOverrides} }

// override finds the level set exactly on a framework (section "") or section.
func (t Targets) override(framework, section string) (Level, bool) {
	for _, o := range t.Overrides {
		if o.Framework == framework && o.Section == section {
			return o.Level, true
		}
	}
	return 0, false
}

// Framework is the effective target of a framework as a whole: its own
// override, else the assessment's target.
func (t Targets) Framework(framework string) Level {
	if l, ok := t.override(framework, ""); ok {
		return l
	}
	return t.Default
}

// Section is the effective target of a section: the nearest override on the
// section or one of its parents, else the framework's, else the assessment's.
// (section > framework > assessment; a sub-clause inherits its clause's.)
func (t Targets) Section(framework string, s *Section) Level {
	for ; s != nil; s = s.Parent {
		if l, ok := t.override(framework, s.Ref); ok {
			return l
		}
	}
	return t.Framework(framework)
}

// Question is the effective target of a question: its section's.
func (t Targets) Question(framework string, q *Question) Level {
	return t.Section(framework, q.Section)
}

// Set returns the targets with one override set, replacing any on the same
// framework and section; an override on framework "" sets the default.
func (t Targets) Set(o TargetOverride) Targets {
	if o.Framework == "" {
		t.Default = o.Level
		return t
	}
	out := Targets{Default: t.Default}
	for _, old := range t.Overrides {
		if old.Framework != o.Framework || old.Section != o.Section {
			out.Overrides = append(out.Overrides, old)
		}
	}
	out.Overrides = append(out.Overrides, o)
	SortOverrides(out.Overrides)
	return out
}

// Place names where a target applies: "the assessment", "mas-trm-2021" or
// "iso28000-2022 clause 8".
func (o TargetOverride) Place() string {
	switch {
	case o.Framework == "":
		return "the assessment"
	case o.Section == "":
		return o.Framework
	}
	return o.Framework + " clause " + o.Section
}

// TargetDifference is a target a bundle sets otherwise than the assessment
// it is imported into. Targets are the assessment's own settings, not
// answers: an import keeps those here and reports each difference
// (questionnaires/FORMAT.md, "Actions and targets").
type TargetDifference struct {
	TargetOverride       // where; Level is the bundle's
	Here           Level // the level set here
	// ThereSet and HereSet say whether each side sets a target on this
	// framework or section of its own (the assessment's own is always set).
	ThereSet, HereSet bool
}

// TargetDifferences lists where the bundle's targets (there) differ from
// those of the assessment here: the assessment's own, then each framework
// and section either side sets, in order.
func TargetDifferences(here, there Assessment) []TargetDifference {
	var out []TargetDifference
	if here.Target != there.Target {
		out = append(out, TargetDifference{TargetOverride{Level: there.Target}, here.Target, true, true})
	}
	all := append(append([]TargetOverride{}, there.TargetOverrides...), here.TargetOverrides...)
	SortOverrides(all)
	done := map[[2]string]bool{}
	for _, o := range all {
		at := [2]string{o.Framework, o.Section}
		if done[at] {
			continue
		}
		done[at] = true
		hl, hset := Targets{Overrides: here.TargetOverrides}.override(o.Framework, o.Section)
		tl, tset := Targets{Overrides: there.TargetOverrides}.override(o.Framework, o.Section)
		if hset != tset || hl != tl {
			out = append(out, TargetDifference{TargetOverride{o.Framework, o.Section, tl}, hl, tset, hset})
		}
	}
	return out
}

// SortOverrides orders overrides by framework, then framework-wide before
// sections, then section ref as people read it.
func SortOverrides(os []TargetOverride) {
	sort.SliceStable(os, func(i, j int) bool {
		a, b := os[i], os[j]
		if a.Framework != b.Framework {
			return a.Framework < b.Framework
		}
		return CompareRefs(a.Section, b.Section) < 0
	})
}

// Varies reports whether any framework or section of the assessment has a
// target other than the assessment's own.
func (t Targets) Varies() bool {
	for _, o := range t.Overrides {
		if o.Level != t.Default {
			return true
		}
	}
	return false
}

// Check validates a target a user gives: the level is 0-5, the framework is
// in the assessment and loaded, and the section is one of its clauses. It
// returns the override cleaned (spaces trimmed).
func (o TargetOverride) Check(a Assessment, c *Catalog) (TargetOverride, error) {
	o.Framework, o.Section = strings.TrimSpace(o.Framework), strings.TrimSpace(o.Section)
	if !o.Level.Rated() {
		shown := o.Level.String()
		if shown == "" {
			shown = fmt.Sprint(int(o.Level))
		}
		return o, fmt.Errorf("target level %s is not 0-5", shown)
	}
	if o.Framework == "" {
		if o.Section != "" {
			return o, fmt.Errorf("a section target needs its framework")
		}
		return o, nil
	}
	if !a.Has(o.Framework) {
		return o, fmt.Errorf("assessment %s does not cover framework %q (it covers %s)", a.ID, o.Framework, strings.Join(a.FrameworkIDs(), ", "))
	}
	f, ok := c.Framework(o.Framework)
	if !ok {
		return o, fmt.Errorf("framework %q is not loaded", o.Framework)
	}
	if o.Section != "" {
		if _, ok := f.Section(o.Section); !ok {
			return o, fmt.Errorf("%s has no clause %s", f.ID, o.Section)
		}
	}
	return o, nil
}

// CompareRefs orders clause refs and question IDs as people read them: runs
// of digits compare as numbers, so 1.2.q2 < 1.2.q10 < 1.10.q1.
func CompareRefs(a, b string) int {
	for a != "" && b != "" {
		ca, cb := leadingRun(a), leadingRun(b)
		a, b = a[len(ca):], b[len(cb):]
		if ca == cb {
			continue
		}
		if isDigit(ca[0]) && isDigit(cb[0]) {
			na, nb := strings.TrimLeft(ca, "0"), strings.TrimLeft(cb, "0")
			if c := len(na) - len(nb); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
		}
		return strings.Compare(ca, cb)
	}
	return len(a) - len(b)
}

// leadingRun is the leading run of digits, or of non-digits, of a non-empty s.
func leadingRun(s string) string {
	d := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == d {
		i++
	}
	return s[:i]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
