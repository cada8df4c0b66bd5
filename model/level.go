// Package model holds assay's domain: frameworks, questions, maturity scales,
// assessments, answers and the scoring rules. It does no I/O and imports nothing
// else of ours, so every rule here can be tested as a pure function.
package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Level is a maturity rating of one question: 0 to 5, or one of two markers.
type Level int8

const (
	// Unanswered means no rating has been given yet.
	Unanswered Level = -1
	// NotApplicable means the question does not apply; the note says why.
	NotApplicable Level = -2

	MinLevel Level = 0
	MaxLevel Level = 5
)

// Rated reports whether l is a maturity level 0..5 that counts in scores.
func (l Level) Rated() bool { return l >= MinLevel && l <= MaxLevel }

// Given reports whether the question has been dealt with: rated or N/A.
func (l Level) Given() bool { return l.Rated() || l == NotApplicable }

// String is the form used on the command line and in exports: "0".."5", "na" or "".
func (l Level) String() string {
	switch {
	case l.Rated():
		return strconv.Itoa(int(l))
	case l == NotApplicable:
		return "na"
	default:
		return ""
	}
}

// ParseLevel reads a level as a user types it: an integer 0..5 or "na"
// (also "n/a"), case and surrounding spaces ignored.
func ParseLevel(s string) (Level, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "na" || t == "n/a" {
		return NotApplicable, nil
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < int(MinLevel) || n > int(MaxLevel) {
		return Unanswered, fmt.Errorf("level %q is not 0-5 or na", s)
	}
	return Level(n), nil
}

// ScaleLevel names one step of a maturity scale.
type ScaleLevel struct {
	Level   Level
	Name    string
	Meaning string
}

// Scale is the six steps 0..5, indexed by level.
type Scale [6]ScaleLevel

// DefaultScale is used by frameworks that do not define their own. Levels are
// cumulative: a rating is the highest level whose conditions are all met.
var DefaultScale = Scale{
	{0, "Not performed", "nothing in place"},
	{1, "Initial", "ad hoc, depends on individuals, undocumented"},
	{2, "Managed", "partly in place: some requirements unmet, or met without evidence or scope-wide reach"},
	{3, "Defined", "every requirement of the clause met, with evidence, across the scope"},
	{4, "Measured", "measured, trended and acted on"},
	{5, "Optimising", "continually improved by the organisation itself, shown by evidence"},
}
