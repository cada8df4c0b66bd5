package tui

import (
	"strings"

	"github.com/assaytui/assay/model"
)

// barEighths are the partly filled cells, one to seven eighths.
var barEighths = []rune("▏▎▍▌▋▊▉")

// targetMark is drawn on a bar where the target level is: a character, so
// that it shows without colour.
const targetMark = '┃'

// bar draws a maturity on the 0-5 scale in w cells, in eighths; "░" all
// along when nothing is rated. With a target (0-5; -1 for none) one of the
// w cells is the target mark, put between the cells at the target's place,
// so the fill keeps its full length on either side of it: a bar that reaches
// the mark has reached the target. Drawn bars are kept until the styles change.
func (c *common) bar(sc model.Score, w, target int) string {
	if w <= 0 {
		return ""
	}
	if target >= 0 && w < 2 {
		target = -1
	}
	cells := w
	if target >= 0 {
		cells = w - 1
	}
	eighths := -1
	if sc.HasMaturity() {
		eighths = clamp(int(sc.Maturity/5*float64(cells*8)+0.5), 0, cells*8)
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
		at := clamp(int(float64(target)/5*float64(cells)+0.5), 0, cells)
		b = draw(0, at) + st.Target.Render(string(targetMark)) + draw(at, cells)
	}
	if c.bars == nil || len(c.bars) > 512 {
		c.bars = map[barKey]string{}
	}
	c.bars[k] = b
	return b
}
