package model

import (
	"math"
	"sort"
)

// The figures the app's screens show beside the scores: the biggest gaps
// across frameworks, how a figure is worked out, the themes a question
// belongs to, the themes ordered by the size of their difference.

// BiggestGaps merges each framework's gaps (each biggest first, then in
// outline order, as Gaps gives them) into the n biggest of all; on a tie
// the earlier framework comes first.
func BiggestGaps(perFramework [][]QuestionGap, n int) []QuestionGap {
	var out []QuestionGap
	for _, g := range perFramework {
		out = append(out, g...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Gap() > out[j].Gap() })
	if n >= 0 && len(out) > n {
		out = out[:n:n]
	}
	return out
}

// Working is how a maturity figure is worked out from its rated answers:
// Maturity = Sum / Weights, where Sum is Σ weight × level.
type Working struct {
	Levels   []Level // the rated levels behind the figure, in outline order
	Sum      float64 // Σ weight × level
	Weights  float64 // Σ weight
	Weighted bool    // some weight is not 1: the mean is weighted
}

// Working is how the score's maturity was worked out.
func (s Score) Working() Working {
	var w Working
	for _, src := range s.Sources {
		if src.Weight != 1 {
			w.Weighted = true
		}
		w.Sum += src.Weight * float64(src.Level)
		w.Weights += src.Weight
		w.Levels = append(w.Levels, src.Level)
	}
	return w
}

// ThemesOf lists the themes of the crosswalk (equivalent or partial) whose
// refs on framework fw cover question q, in crosswalk order.
func (cw *Crosswalk) ThemesOf(fw string, q *Question) []Theme {
	var out []Theme
	for _, t := range cw.Themes {
		if t.Strength == NoMatch {
			continue
		}
		for _, r := range t.Refs[fw] {
			if Covers(r, q.Ref) {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// SortBySize orders themes by the size of their difference, largest first
// whatever its sign; themes without a difference go last, in crosswalk
// order.
func (d Differences) SortBySize() []ThemeScore {
	out := append([]ThemeScore(nil), d.Themes...)
	sort.SliceStable(out, func(i, j int) bool {
		a, aok := out[i].Difference()
		b, bok := out[j].Difference()
		switch {
		case aok != bok:
			return aok
		case !aok:
			return false
		}
		return math.Abs(a) > math.Abs(b)
	})
	return out
}
