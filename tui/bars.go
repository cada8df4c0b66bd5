package tui

import (
	"strings"

	"github.com/assaytui/assay/model"
)

type barKey struct{ eighths, width, mark int }

// barEighths are the partly filled cells, one to seven eighths.
var barEighths = []rune("▏▎▍▌▋▊▉")

// targetMark is drawn on a bar where the target level is: a character, so
// that it shows without colour.
const targetMark = '┃'

// bar draws a maturity on the 0-5 scale in w cells, in eighths; "░" all
// along when nothing is rated. With a target (0-5; -1 for none) one of the
// w cells is the target mark, put between the cells at the target's place,
// so the fill keeps its full length on either side of it. The fill reaches
// the mark if and only if the maturity is at least the target, at every
// width (see fill). Drawn bars are kept until the styles change.
func (c *common) bar(sc model.Score, w, target int) string {
	if w <= 0 {
		return ""
	}
	if target > 5 || target >= 0 && w < 3 {
		target = -1
	}
	cells := w
	if target >= 0 {
		cells = w - 1
	}
	at := 0 // the mark's place: cells before it
	if target >= 0 {
		at = clamp(int(float64(target)/5*float64(cells)+0.5), 0, cells)
		if target > 0 && target < 5 {
			at = clamp(at, 1, cells-1) // room on both sides of the mark
		}
	}
	eighths := -1
	if sc.HasMaturity() {
		eighths = fill(sc.Maturity, cells, target, at)
	}
	k := barKey{eighths: eighths, width: w, mark: target + 1}
	if b, ok := c.bars[k]; ok {
		return b
	}
	st := c.styles
	runes := make([]rune, cells)
	filled := 0 // cells drawn as (partly) full
	for i := range runes {
		switch left := eighths - i*8; {
		case eighths < 0 || left <= 0:
			runes[i] = '░'
		case left >= 8:
			runes[i] = '█'
			filled++
		default:
			runes[i] = barEighths[left-1]
			filled++
		}
	}
	draw := func(from, to int) string {
		full := clamp(filled-from, 0, to-from)
		var b strings.Builder
		if full > 0 {
			b.WriteString(st.BarFull.Render(string(runes[from : from+full])))
		}
		if from+full < to {
			b.WriteString(st.BarEmpty.Render(string(runes[from+full : to])))
		}
		return b.String()
	}
	var b string
	if target < 0 {
		b = draw(0, cells)
	} else {
		b = draw(0, at) + st.Target.Render(string(targetMark)) + draw(at, cells)
	}
	if c.bars == nil || len(c.bars) > 512 {
		c.bars = map[barKey]string{}
	}
	c.bars[k] = b
	return b
}

// fill is how many eighths of cells a maturity fills. Without a target it
// is the maturity's share of the bar, rounded. With one, whose mark stands
// after at cells, the bar is drawn in two scales: 0 to the target fills the
// cells before the mark, the target to 5 the cells after it; a maturity
// below the target stops at least an eighth short of the mark, one at or
// above it fills every cell before the mark.
func fill(maturity float64, cells, target, at int) int {
	round := func(x float64) int { return int(x + 0.5) }
	if target < 0 {
		return clamp(round(maturity/5*float64(cells*8)), 0, cells*8)
	}
	t := float64(target)
	if maturity < t {
		return clamp(round(maturity/t*float64(at*8)), 0, at*8-1)
	}
	if target == 5 || cells == at {
		return at * 8
	}
	return clamp(at*8+round((maturity-t)/(5-t)*float64((cells-at)*8)), at*8, cells*8)
}
