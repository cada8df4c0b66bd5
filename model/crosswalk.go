package model

import (
	"sort"
	"strings"
)

// Strength says how closely two frameworks correspond on a theme.
type Strength string

const (
	Equivalent Strength = "equivalent"
	Partial    Strength = "partial"
	NoMatch    Strength = "none"
)

// Crosswalk relates two frameworks theme by theme. Differences are the first
// framework's maturity minus the second's.
type Crosswalk struct {
	ID         string
	Title      string
	Frameworks [2]string
	Notice     string
	Themes     []Theme
	OnlyIn     []OnlyIn
	Source     string
}

// Theme is one area of practice with the refs that cover it on each side.
type Theme struct {
	ID        string
	Title     string
	Covers    string
	Strength  Strength
	Rationale string
	Refs      map[string][]string // framework ID -> section refs
}

// OnlyIn is an area that exists in one framework only.
type OnlyIn struct {
	Framework string
	Title     string
	Refs      []string
	Rationale string
}

// Covers reports whether a section ref falls under ref: the same section or
// one beneath it.
func Covers(ref, section string) bool {
	return section == ref || strings.HasPrefix(section, ref+".")
}

// QuestionsUnder lists a framework's questions under any of refs, in outline
// order, each once.
func QuestionsUnder(f *Framework, refs []string) []*Question {
	var out []*Question
	for _, q := range f.Questions() {
		for _, r := range refs {
			if Covers(r, q.Ref) {
				out = append(out, q)
				break
			}
		}
	}
	return out
}

// SideScore is one framework's figure for a theme, with the questions behind it.
type SideScore struct {
	Framework string
	Refs      []string
	Questions []*Question
	Score
}

// ThemeScore is a theme's figure on both sides of a crosswalk.
type ThemeScore struct {
	Theme Theme
	Sides [2]SideScore
}

// Difference is the first side's maturity minus the second's; ok is false
// unless both sides have rated answers.
func (t ThemeScore) Difference() (diff float64, ok bool) {
	a, b := t.Sides[0], t.Sides[1]
	if !a.HasMaturity() || !b.HasMaturity() {
		return 0, false
	}
	return a.Maturity - b.Maturity, true
}

// OnlyInScore is an only-in area's figure.
type OnlyInScore struct {
	Area OnlyIn
	SideScore
}

// Differences is the live comparison of two frameworks through a crosswalk.
type Differences struct {
	Crosswalk *Crosswalk
	Themes    []ThemeScore
	OnlyIn    []OnlyInScore
}

// CompareThemes scores every theme on both sides, and every only-in area. A
// theme's maturity on one side is the weighted mean of that side's rated
// questions under its refs; N/A and unanswered are left out, as everywhere.
// A framework missing from the catalog scores as having no questions.
func CompareThemes(cw *Crosswalk, c *Catalog, as Answers) Differences {
	d := Differences{Crosswalk: cw}
	side := func(fw string, refs []string) SideScore {
		s := SideScore{Framework: fw, Refs: refs}
		if f, ok := c.Framework(fw); ok {
			s.Questions = QuestionsUnder(f, refs)
			s.Score = ScoreQuestions(fw, s.Questions, as)
		}
		return s
	}
	for _, t := range cw.Themes {
		ts := ThemeScore{Theme: t}
		for i, fw := range cw.Frameworks {
			ts.Sides[i] = side(fw, t.Refs[fw])
		}
		d.Themes = append(d.Themes, ts)
	}
	for _, o := range cw.OnlyIn {
		d.OnlyIn = append(d.OnlyIn, OnlyInScore{o, side(o.Framework, o.Refs)})
	}
	return d
}

// DifferencesOf compares every pair of an assessment's frameworks that a
// loaded crosswalk relates.
func DifferencesOf(s Summary, as Answers, c *Catalog) []Differences {
	var out []Differences
	for i, a := range s.Scores {
		for _, b := range s.Scores[i+1:] {
			if cw, ok := c.Crosswalk(a.Framework.ID, b.Framework.ID); ok {
				out = append(out, CompareThemes(cw, c, as))
			}
		}
	}
	return out
}

// SortByDifference orders themes by difference, largest first when desc;
// themes without a difference go last, in crosswalk order.
func (d Differences) SortByDifference(desc bool) []ThemeScore {
	out := append([]ThemeScore(nil), d.Themes...)
	sort.SliceStable(out, func(i, j int) bool {
		a, aok := out[i].Difference()
		b, bok := out[j].Difference()
		switch {
		case aok != bok:
			return aok
		case !aok:
			return false
		case desc:
			return a > b
		default:
			return a < b
		}
	})
	return out
}

// Related lists the questions of the other framework that share a theme with
// q (equivalent or partial themes only), in that framework's outline order.
// It returns the other framework's ID too; "" when fw is not in the crosswalk.
func (cw *Crosswalk) Related(c *Catalog, fw string, q *Question) (string, []*Question) {
	var other string
	switch fw {
	case cw.Frameworks[0]:
		other = cw.Frameworks[1]
	case cw.Frameworks[1]:
		other = cw.Frameworks[0]
	default:
		return "", nil
	}
	of, ok := c.Framework(other)
	if !ok {
		return other, nil
	}
	var refs []string
	for _, t := range cw.Themes {
		if t.Strength == NoMatch {
			continue
		}
		for _, r := range t.Refs[fw] {
			if Covers(r, q.Ref) {
				refs = append(refs, t.Refs[other]...)
				break
			}
		}
	}
	return other, QuestionsUnder(of, refs)
}

// Has reports whether the crosswalk relates exactly these two frameworks, in
// either order.
func (cw *Crosswalk) Has(a, b string) bool {
	f := cw.Frameworks
	return (f[0] == a && f[1] == b) || (f[0] == b && f[1] == a)
}
