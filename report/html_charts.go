package report

import (
	"fmt"
	"math"
	"strings"
)

// The charts are inline SVG drawn by the template from the geometry below, so
// the template escapes every label like any other text. Coordinates are in
// the SVG's own units; the page scales the picture to its column.

// chartPoint is one top-level section: its maturity against its target.
type chartPoint struct {
	Ref, Label string
	Value      float64 // maturity 0-5; meaningful only when Rated
	Rated      bool
	Target     float64
}

// barChart is a horizontal bar per section on a 0-5 axis, a target mark on
// each bar, and the figure beside it.
type barChart struct {
	Width, Height int
	Axis          []axisTick
	Rows          []barRow
	PlotLeft      int
	PlotTop       int
	PlotBottom    int
	LegendY       int
}

type axisTick struct {
	X     string
	Label string
}

type barRow struct {
	Ref, Label, Value    string
	Y, TextY             int
	BarWidth, TargetX    string
	Rated, Below         bool
	TargetTop, TargetBot int
}

const (
	barPlotLeft   = 232
	barPlotWidth  = 270
	barRowHeight  = 25
	barHeight     = 14
	barTop        = 28
	barLabelChars = 25
)

func newBarChart(points []chartPoint) barChart {
	c := barChart{Width: barPlotLeft + barPlotWidth + 48, PlotLeft: barPlotLeft, PlotTop: barTop - 6}
	for l := 0; l <= 5; l++ {
		c.Axis = append(c.Axis, axisTick{X: coord(barX(float64(l))), Label: fmt.Sprint(l)})
	}
	for i, p := range points {
		y := barTop + i*barRowHeight + (barRowHeight-barHeight)/2
		r := barRow{Ref: p.Ref, Label: shorten(p.Label, barLabelChars), Y: y, TextY: y + barHeight - 2,
			TargetX: coord(barX(p.Target)), TargetTop: y - 5, TargetBot: y + barHeight + 5, Rated: p.Rated, Value: "not rated"}
		if p.Rated {
			r.BarWidth = coord(barX(p.Value) - barPlotLeft)
			r.Value = fmt.Sprintf("%.1f", round(p.Value, 1))
			r.Below = p.Value < p.Target
		}
		c.Rows = append(c.Rows, r)
	}
	c.PlotBottom = barTop + len(points)*barRowHeight
	c.LegendY = c.PlotBottom + 20
	c.Height = c.LegendY + 12
	return c
}

func barX(level float64) float64 { return barPlotLeft + level*barPlotWidth/5 }

// radarChart puts each section on a spoke: the maturity polygon against the
// target polygon, with rings at each level.
type radarChart struct {
	Size     int
	CX, CY   int
	Rings    []string // polygon points per level 1-5
	Spokes   []radarSpoke
	Maturity string // polygon points; unrated sections sit at the centre
	Target   string
	Dots     []radarDot
}

type radarSpoke struct {
	X, Y           string // end of the spoke
	LabelX, LabelY string
	Anchor         string // text-anchor of the label
	Ref            string
}

type radarDot struct {
	X, Y  string
	Rated bool
}

const (
	radarSize   = 300
	radarRadius = 108
)

// newRadarChart draws a radar for three sections or more; fewer do not make
// a shape worth reading, and nil tells the template to leave it out.
func newRadarChart(points []chartPoint) *radarChart {
	n := len(points)
	if n < 3 {
		return nil
	}
	c := &radarChart{Size: radarSize, CX: radarSize / 2, CY: radarSize / 2}
	at := func(i int, level float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		r := level / 5 * radarRadius
		return float64(c.CX) + r*math.Cos(a), float64(c.CY) + r*math.Sin(a)
	}
	polygon := func(level func(i int) float64) string {
		var b strings.Builder
		for i := range n {
			x, y := at(i, level(i))
			fmt.Fprintf(&b, "%s,%s ", coord(x), coord(y))
		}
		return strings.TrimSpace(b.String())
	}
	for l := 1; l <= 5; l++ {
		c.Rings = append(c.Rings, polygon(func(int) float64 { return float64(l) }))
	}
	for i, p := range points {
		x, y := at(i, 5)
		lx, ly := at(i, 5.9)
		anchor := "middle"
		switch dx := lx - float64(c.CX); {
		case dx > 8:
			anchor = "start"
		case dx < -8:
			anchor = "end"
		}
		c.Spokes = append(c.Spokes, radarSpoke{X: coord(x), Y: coord(y), LabelX: coord(lx), LabelY: coord(ly + 4), Anchor: anchor, Ref: p.Ref})
		v := 0.0
		if p.Rated {
			v = p.Value
		}
		dx, dy := at(i, v)
		c.Dots = append(c.Dots, radarDot{X: coord(dx), Y: coord(dy), Rated: p.Rated})
	}
	c.Maturity = polygon(func(i int) float64 {
		if points[i].Rated {
			return points[i].Value
		}
		return 0
	})
	c.Target = polygon(func(i int) float64 { return points[i].Target })
	return c
}

// coord formats a coordinate with one decimal, enough for print.
func coord(x float64) string { return fmt.Sprintf("%.1f", x) }

// shorten cuts a label to n characters with an ellipsis; the tables beside
// the chart carry the full title.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
