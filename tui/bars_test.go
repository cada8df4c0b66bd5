package tui

import (
	"strings"
	"testing"

	"github.com/assaytui/assay/model"
	"github.com/assaytui/assay/tui/cells"
)

// reaches reports whether a drawn bar's fill reaches its target mark: the
// cell before ┃ is full (a mark at the start is reached by any bar).
func reaches(bar string) bool {
	r := []rune(bar)
	for i, c := range r {
		if c == targetMark {
			return i == 0 || r[i-1] == '█'
		}
	}
	return false
}

// Issue 10, item 8: a bar reaches the target mark if and only if the
// maturity is at least the target, at every width and for every maturity
// 0.0-5.0 in steps of 0.1, for every target; and the fill never shrinks as
// the maturity grows.
func TestBarReachesTargetIffMaturityDoes(t *testing.T) {
	m := demoModel(t, 80, 24)
	for w := 3; w <= 300; w++ {
		for target := 0; target <= 5; target++ {
			prev := -1
			for tenth := 0; tenth <= 50; tenth++ {
				mat := float64(tenth) / 10
				bar := cells.Strip(m.c.bar(model.Score{Maturity: mat, Rated: 1}, w, target))
				if got, want := reaches(bar), mat >= float64(target)-1e-9; got != want {
					t.Fatalf("width %d, target %d, maturity %.1f: reaches %v: %q", w, target, mat, got, bar)
				}
				if n := cells.Width(bar); n != w {
					t.Fatalf("width %d: bar is %d cells", w, n)
				}
				filled := strings.Count(bar, "█")
				if filled < prev {
					t.Fatalf("width %d, target %d: the fill shrank at %.1f", w, target, mat)
				}
				prev = filled
			}
		}
	}
}

// On the dashboard at every terminal width from 60 (the smallest) to 300,
// a section below its target stops short of the mark and one at the target
// reaches it.
func TestDashboardBarsAtEveryWidth(t *testing.T) {
	for w := minWidth; w <= 300; w += 7 {
		m := demoModel(t, w, 40)
		m, _ = m.update(swapMsg{newDashboard(m.c, m.sess)})
		v := shot(m)
		for _, tc := range []struct {
			row  string
			mat  float64
			want bool
		}{{"5  ", 4, true}, {"8  ", 1, false}} {
			l := ""
			for _, x := range strings.Split(v, "\n") {
				if strings.HasPrefix(x, tc.row) {
					l = x
					break
				}
			}
			i := strings.Index(l, "█")
			if i < 0 {
				t.Fatalf("%d: no bar on %q", w, l)
			}
			if got := reaches(l[i:]); got != tc.want {
				t.Fatalf("%d: %s at %.1f against target 3 reaches the mark: %v\n%s", w, tc.row, tc.mat, got, l)
			}
		}
	}
}
