package model

import (
	"slices"
	"strings"
)

// Closest picks, from candidates, up to max that the user probably meant by
// typed: the same ignoring case, a few letters off (a typo), or starting with
// what was typed. Closest first; none when nothing is near.
func Closest(typed string, candidates []string, max int) []string {
	t := strings.ToLower(typed)
	if t == "" {
		return nil
	}
	// Allow about one slip per four characters typed.
	limit := max1(len([]rune(t)) / 4)
	type scored struct {
		s    string
		dist int
	}
	var near []scored
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := distance(t, lc)
		switch {
		case d <= limit:
		case len(t) >= 3 && strings.HasPrefix(lc, t):
			d = limit + 1 // a prefix is a fair guess, after the typos
		default:
			continue
		}
		near = append(near, scored{c, d})
	}
	slices.SortStableFunc(near, func(a, b scored) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return strings.Compare(a.s, b.s)
	})
	out := []string{}
	for _, n := range near {
		if len(out) == max {
			break
		}
		if !slices.Contains(out, n.s) {
			out = append(out, n.s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// DidYouMean is Closest as an aside in an error message: " (did you mean x
// or y?)", or "" when nothing is close.
func DidYouMean(typed string, candidates []string) string {
	near := Closest(typed, candidates, 3)
	if len(near) == 0 {
		return ""
	}
	return " (did you mean " + orList(near) + "?)"
}

// didYouMeanThen is DidYouMean to start a parenthesis: "did you mean x?; "
// or "".
func didYouMeanThen(typed string, candidates []string) string {
	near := Closest(typed, candidates, 3)
	if len(near) == 0 {
		return ""
	}
	return "did you mean " + orList(near) + "?; "
}

// orList is "a", "a or b", "a, b or c".
func orList(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

// distance is the number of single-character insertions, deletions,
// substitutions or swaps of neighbours that turn a into b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows of the dynamic-programming table: two back, one back, current.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
